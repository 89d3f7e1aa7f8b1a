"""A loaded document: its values, where each was typed, what went wrong; shared by the readers.

Both YAML readers (:mod:`meilijiayuan.read.loader`'s line reader and
:mod:`meilijiayuan.read.yaml_events`) build a :class:`Document`, resolve plain scalars by the
same narrow rules (:func:`resolve_plain`) and count positions the same way.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any, Final, TypeAlias

from meilijiayuan.findings import Finding, has_errors

YamlPath: TypeAlias = tuple[str | int, ...]
"""Where a value sits: mapping keys and sequence indexes from the root, e.g.
``("items", "K2018-4", "value")``; the root is ``()``."""

Position: TypeAlias = tuple[int, int]
"""1-based (line, column)."""


MAX_FINDINGS: Final = 100  # per file: enough to fix a file, bounded for hostile ones


@dataclass(slots=True)
class Document:
    """One loaded file: its values, where each one was typed, and what went wrong.

    ``data`` is ``None`` whenever ``findings`` holds an error (never half-loaded data);
    the position maps are then empty too. A file holding just ``~`` loads as ``None``
    with no findings: whether the root must be a mapping is for the validator to say.
    """

    file: str  # the path as displayed in messages
    data: Any = None
    value_pos: dict[YamlPath, Position] = field(default_factory=dict)
    key_pos: dict[YamlPath, Position] = field(default_factory=dict)
    raw: dict[YamlPath, str] = field(default_factory=dict)  # scalar source text, unquoted
    findings: list[Finding] = field(default_factory=list)
    encoding: str = "utf-8"  # the codec used: utf-8, utf-8-sig or the one given
    sheet: str | None = None  # a workbook's sheet: positions are then (row, column) in it
    # a refused file's content as far as its mistakes could be repaired, positions as typed:
    # the validator checks it in the same run (meilijiayuan.read.recover); never its data
    recovered: Document | None = None

    def ok(self) -> bool:
        """True when the file loaded: no error findings."""
        return not self.findings or not has_errors(self.findings)

    def pos(self, path: YamlPath) -> Position | None:
        """Best position for ``path``: its value, else its key, else its nearest ancestor's."""
        found = self.value_pos.get(path) or self.key_pos.get(path)
        if found is not None:
            return found
        for end in range(len(path) - 1, -1, -1):
            found = self.value_pos.get(path[:end])
            if found is not None:
                return found
        return None

    def key_or_value_pos(self, path: YamlPath) -> Position | None:
        """The position of the entry's key when it has one (mapping entries), else :meth:`pos`."""
        return self.key_pos.get(path) or self.pos(path)


_BREAK: Final = re.compile(r"\r\n?|\n")


def line_starts(text: str) -> list[int]:
    return [0, *(m.end() for m in _BREAK.finditer(text))]


def line_col(starts: list[int], index: int) -> Position:
    line = bisect_right(starts, index)
    return line, index - starts[line - 1] + 1


_NOT_A_WORD: Final = object()
_PLAIN_WORDS: Final[dict[str, Any]] = {
    "": None, "~": None, "null": None, "Null": None, "NULL": None,
    "true": True, "True": True, "TRUE": True,
    "false": False, "False": False, "FALSE": False,
    **dict.fromkeys((".nan", ".NaN", ".NAN"), math.nan),
    **{sign + inf: math.inf for sign in ("", "+") for inf in (".inf", ".Inf", ".INF")},
    **dict.fromkeys(("-.inf", "-.Inf", "-.INF"), -math.inf),
}  # fmt: skip
_NUMBER_START: Final = frozenset("0123456789+-.")
_INT: Final = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_FLOAT: Final = re.compile(r"[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")


def resolve_plain(text: str) -> Any:
    """The value of an untagged plain scalar: few rules, so ``yes``, ``010``, ``1:30`` stay text."""
    word = _PLAIN_WORDS.get(text, _NOT_A_WORD)
    if word is not _NOT_A_WORD:
        return word
    if text[0] in _NUMBER_START:
        if _INT.fullmatch(text):
            try:
                return int(text)
            except ValueError:  # beyond Python's 4,300-digit limit: not a figure anyone typed
                return text
        if _FLOAT.fullmatch(text):
            return float(text)
    return text


# --- the common case: plain block mappings, read line by line ---------------------------------

# Nearly every report is nested block mappings of plain one-line scalars. Such a file is read
# here, a line at a time, to exactly what the event walk below builds from it (values,
# positions, source texts); anything else in it (quotes, flow, sequences, block scalars,
# anchors, tags, "---", a "#" or ":" inside a plain scalar, tabs, lone CRs, a control character,
# a key met twice, a limit reached, a line that does not fit) and the file goes to the
# control-character check and libyaml instead: this path never reports a problem, it only
# declines. tests/unit/read/test_loader.py holds both to the same results on every fixture and on
# generated documents.
#
# A key or a value must not start with a YAML indicator (or "<" and "." for a key: "<<",
# "..."), and holds no ":" or "#"; the value ends at the last non-space character.
