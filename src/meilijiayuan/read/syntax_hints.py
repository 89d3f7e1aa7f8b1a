"""YAML syntax in the user's words: what a clerk typed, named, at the character that did it.

Reports are typed with a Chinese input method, which puts in a full-width colon ``：``, a
full-width space ``\\u3000`` or a tab where YAML wants ``: `` and spaces, and libyaml then
says "mapping values are not allowed in this context" one line further down. This module
names those mistakes:

- :func:`scan` reads the text line by line, before libyaml, for what the input method
  types: full-width colons and a missing space after a field's colon, tabs and full-width
  spaces in indentation;
- :func:`explain` turns one libyaml error (its mark and problem) into the mistake that
  caused it: an unclosed quote, a second key on a value's line, a value starting with a
  character YAML reserves (``unit: %`` is read as typed).

Each :class:`Hint` carries a :class:`Repair`: the edit that makes the text mean what was
meant, so that the rest of the file can be read and checked in the same run
(:mod:`meilijiayuan.read.recover`). Offsets count characters of the text given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Final

__all__ = ["Hint", "Repair", "explain", "scan"]


@dataclass(frozen=True, slots=True)
class Repair:
    """Replace ``text[start:end]`` by ``new``."""

    start: int
    end: int
    new: str


@dataclass(frozen=True, slots=True)
class Hint:
    """A named mistake at ``index`` (the causing character); ``code`` is a catalogue code,
    ``None`` when what was typed is fine as it is (the repair only lets libyaml read it)."""

    code: str | None
    index: int
    repair: Repair | None
    args: dict[str, Any] = field(default_factory=dict)
    safe: bool = False  # the repair is a spelling fix `mljy validate --fix` may write


# The report's own field names, and ids of the plan's shape (K2018-4, J3a, W22): a line
# starting with one of them and a colon is a key, whatever follows.
_FIELDS: Final = frozenset(
    {
        "unit", "period", "submitted", "contact", "note", "items", "value", "this_month",
        "numerator", "denominator", "rate", "state", "evidence",
    }
)  # fmt: skip
_ID: Final = re.compile(r"[A-Za-z]+[0-9][A-Za-z0-9_-]*")
_INDENT: Final = re.compile(r"[ \t\u3000]*")
# a key (no indicator first), then a colon, ASCII or full-width
_KEY: Final = re.compile(r"([^\s:：#'\"\[\]{},&*!|>%@`-][^:：#]*?)[ \t]*([:：])")
_LINE: Final = re.compile(r"[^\n]*(?:\r\n|\n|\r|$)")
_WIDTH: Final = {" ": 1, "\u3000": 2, "\t": 4}  # as an editor shows them
_STEP: Final = 2  # the template indents by two spaces


def _is_key(word: str) -> bool:
    return word in _FIELDS or _ID.fullmatch(word) is not None


def scan(text: str) -> list[Hint]:
    """The input-method mistakes of ``text``, line by line, each with its repair."""
    hints: list[Hint] = []
    levels: list[int] = []  # indentation of the open mappings, outermost first
    opens = False  # the previous content line is a key awaiting a nested mapping
    for m in _LINE.finditer(text):
        line = m.group().rstrip("\r\n")
        if not line and m.end() >= len(text):
            break
        start = m.start()
        lead = _INDENT.match(line)
        indent = lead.group() if lead else ""
        rest = line[len(indent) :]
        if not rest or rest.startswith("#"):
            continue
        width = len(indent)
        odd = next((i for i, ch in enumerate(indent) if ch != " "), None)
        if odd is not None:
            width = _intended(indent, levels, opens)
            code = "tab-indent" if indent[odd] == "\t" else "full-width-indent"
            spaces = " " * width
            hints.append(
                Hint(
                    code,
                    start + odd,
                    Repair(start, start + len(indent), spaces),
                    {} if code == "tab-indent" else {"spaces": width},
                )
            )
        while levels and levels[-1] >= width:
            levels.pop()
        levels.append(width)
        key = _KEY.match(rest)
        if key is None:
            opens = False
            continue
        value = rest[key.end(2) :].split(" #")[0].strip()
        opens = not value
        if not _is_key(key.group(1)):
            continue
        at = start + len(indent) + key.start(2)
        after = rest[key.end(2) : key.end(2) + 1]
        if key.group(2) == "：":
            new = ":" if after in ("", " ", "\t") else ": "
            fixed = f"{key.group(1)}: {value}".rstrip()
            hints.append(
                Hint("full-width-colon", at, Repair(at, at + 1, new), {"fixed": fixed}, safe=True)
            )
        elif after not in ("", " ", "\t", "\r"):
            fixed = f"{key.group(1)}: {value}"
            args = {"text": f"{key.group(1)}:{value}", "fixed": fixed}
            hints.append(Hint("no-space-after-colon", at, Repair(at, at + 1, ": "), args, True))
    return hints


def _intended(indent: str, levels: list[int], opens: bool) -> int:
    """The indentation meant by ``indent`` (tabs, full-width spaces): a child of the line
    above when that opened a mapping and this one is deeper, else the open level it reaches."""
    width = sum(_WIDTH.get(ch, 1) for ch in indent)
    above = levels[-1] if levels else 0
    if opens and width > above:
        return above + _STEP
    reached = [level for level in levels if level <= width]
    return reached[-1] if reached else 0


_QUOTED: Final = "while scanning a quoted scalar"
_NO_TOKEN: Final = "cannot start any token"
_MAPPING_HERE: Final = "mapping values are not allowed"
_RESERVED: Final = "%@`"
_SECOND_KEY: Final = re.compile(r"[^\s:#]+$")

# libyaml's problems, said in the user's words (catalogue terms)
_PROBLEMS: Final = (
    ("mapping values are not allowed", "syntax-colon"),
    ("could not find expected ':'", "syntax-no-colon"),
    ("did not find expected key", "syntax-indent"),
    ("did not find expected node content", "syntax-indent"),
    ("while parsing a block", "syntax-indent"),
    ("flow sequence", "syntax-bracket"),
    ("flow mapping", "syntax-bracket"),
    ("cannot start any token", "syntax-character"),
)


def what(problem: str) -> str:
    """The catalogue term that says libyaml's ``problem`` in the user's words."""
    return next((term for text, term in _PROBLEMS if text in problem), "syntax-other")


def explain(text: str, err: Any) -> Hint | None:
    """The mistake behind libyaml's error ``err`` in ``text``, if it is one we can name."""
    mark = getattr(err, "problem_mark", None)
    problem = getattr(err, "problem", None) or ""
    context = getattr(err, "context", None) or ""
    opened = getattr(err, "context_mark", None)
    if context.startswith(_QUOTED) and opened is not None:
        at = opened.index
        quote = text[at] if at < len(text) and text[at] in "'\"" else '"'
        end = text.find("\n", at)
        end = len(text) if end < 0 else end
        while end > at + 1 and text[end - 1] in " \r\t":
            end -= 1
        line_text = text[at:end]
        return Hint(
            "unclosed-quote",
            at,
            Repair(end, end, quote),
            {"quote": quote, "fixed": line_text + quote},
        )
    if mark is None:
        return None
    at = mark.index
    if _NO_TOKEN in problem and at < len(text) and text[at] in _RESERVED:
        line_start = text.rfind("\n", 0, at) + 1
        before = text[line_start:at]
        if not before.rstrip().endswith(":"):
            return None
        end = text.find("\n", at)
        end = len(text) if end < 0 else end
        value = text[at:end].split(" #")[0].rstrip(" \r\t")
        quoted = "'" + value.replace("'", "''") + "'"
        repair = Repair(at, at + len(value), quoted)
        if text[at] == "%":  # a unit as typed: read it as the text it is
            return Hint(None, at, repair)
        return Hint("reserved-character", at, repair, {"char": text[at], "fixed": quoted})
    if problem.startswith(_MAPPING_HERE):
        line_start = text.rfind("\n", 0, at) + 1
        line = text[line_start:at]
        first = _KEY.match(line.lstrip(" "))
        word = _SECOND_KEY.search(line)
        if (
            first is None
            or word is None
            or word.start() == 0
            or line[word.start() - 1] != " "
            or not _is_key(word.group())
        ):
            return None
        indent = len(line) - len(line.lstrip(" "))
        key_at = line_start + word.start()
        gap = line_start + len(line[: word.start()].rstrip(" "))
        key = word.group()
        end = text.find("\n", at)
        rest = text[key_at : len(text) if end < 0 else end].split(" #")[0].rstrip(" \r\t")
        fixed = f"{line[: word.start()].rstrip()}\n{' ' * indent}{rest}"
        return Hint(
            "two-keys-on-line",
            key_at,
            Repair(gap, key_at, "\n" + " " * indent),
            {"key": key, "fixed": fixed},
        )
    return None
