"""Line breaking for the console tables: numbers stay whole, titles wrap instead of being cut.

rich breaks a cell only at spaces; a Chinese title has none, so rich folds it at any cell,
splitting ``60万平方米`` into ``6`` and ``0万平方米``. Here a title is broken between Chinese
characters but never inside a run of digits, Latin letters or signs (``60``, ``2018-2020``,
``95%``), never before closing punctuation and never after opening punctuation. A figure
(``60 万平方米``, ``71.07% (226/318)``) breaks only at its spaces.

:func:`fit` chooses the widths of a table's columns so that every column is at least as
wide as its widest unbreakable piece, and the title column takes what is left.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from rich.cells import cell_len

_TOKEN = re.compile(r"[0-9A-Za-z.,:;%/+\-−~·#&_()=]+|\s+|.")
_CLOSING = frozenset("，。、；：？！）》」』】〕”’%·…,.;:!?)]")
_OPENING = frozenset("（《「『【〔“‘([")


def pieces(text: str) -> list[str]:
    """The unbreakable pieces of ``text`` in order (spaces are pieces of their own)."""
    out: list[str] = []
    glue_next = False
    for token in _TOKEN.findall(text):
        if token.isspace():
            out.append(token)
            glue_next = False
            continue
        if out and (glue_next or token[0] in _CLOSING) and not out[-1].isspace():
            out[-1] += token
        else:
            out.append(token)
        glue_next = token[-1] in _OPENING
    return out


def least_width(text: str, *, cjk: bool = True) -> int:
    """The narrowest column ``text`` fits without splitting a piece (``cjk=False``: breaks
    only at spaces)."""
    words = pieces(text) if cjk else text.split()
    return max((cell_len(w) for w in words if not w.isspace()), default=0)


def wrap(text: str, width: int) -> str:
    """``text`` broken into lines of at most ``width`` cells at the allowed places (a piece
    wider than ``width`` is left for rich to fold)."""
    lines: list[str] = []
    line = ""
    for piece in pieces(text):
        if piece.isspace():
            if line and cell_len(line) + 1 <= width:
                line += " "
            continue
        if line and cell_len(line.rstrip()) + cell_len(piece) > width:
            lines.append(line.rstrip())
            line = ""
        line += piece
    if line.strip():
        lines.append(line.rstrip())
    return "\n".join(lines)


def fit(full: Mapping[str, int], least: Mapping[str, int], flexible: str, room: int,
        flexible_least: int, flexible_want: int = 16) -> dict[str, int] | None:
    """Column widths within ``room`` cells (separators already taken off): every column its
    ``full`` width while the ``flexible`` one (the title) keeps ``flexible_want`` cells;
    else the columns that gain most are narrowed to their ``least``, one by one, until it
    does; else all of them, if the title keeps ``flexible_least``. ``None`` when even that
    does not fit."""
    fixed = [key for key in full if key != flexible]
    order = sorted(fixed, key=lambda key: full[key] - least[key], reverse=True)
    steps: list[dict[str, int]] = []
    widths = {key: full[key] for key in fixed}
    for key in [None, *order]:
        if key is not None:
            widths[key] = least[key]
        steps.append(dict(widths))
    want = min(flexible_want, full[flexible])
    for step in steps:
        spare = room - sum(step.values())
        if spare >= want:
            return {**step, flexible: min(spare, full[flexible])}
    spare = room - sum(steps[-1].values())  # every figure at its narrowest
    if spare >= flexible_least:
        return {**steps[-1], flexible: min(spare, full[flexible])}
    return None


def widths_of(rows: Sequence[Mapping[str, str]], headers: Mapping[str, str], key: str, *,
              cjk: bool) -> tuple[int, int]:
    """(full, least) width of a column: its longest line; its widest unbreakable piece."""
    texts = [headers[key], *(row[key] for row in rows)]
    full = max(cell_len(line) for text in texts for line in text.split("\n"))
    least = max(least_width(text, cjk=cjk) for text in texts)
    return full, least


def wrap_items(items: Sequence[str], sep: str, width: int) -> str:
    """``items`` joined by ``sep`` (``、``), lines broken only between two items."""
    lines: list[str] = []
    line = ""
    for i, item in enumerate(items):
        piece = item + (sep if i < len(items) - 1 else "")
        if line and cell_len(line) + cell_len(piece.rstrip()) > width:
            lines.append(line.rstrip())
            line = ""
        line += piece
    if line:
        lines.append(line.rstrip())
    return "\n".join(lines)
