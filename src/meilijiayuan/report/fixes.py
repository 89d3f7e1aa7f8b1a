"""Every hint a fix: the text a finding's hint proposes, as a machine-readable :class:`Fix`.

A fix replaces what was typed at the finding's position (``old``, checked against the file)
by ``new``. *Safe* fixes change spelling only — full-width digits and colons, traditional
characters or spaces in a name or an id, an id in the wrong case, ``2019.7`` → ``2019-07``,
``2019年7月4日`` → ``2019-07-04``, a state word with a stray full stop — never a figure;
``mljy validate --fix`` writes those (:mod:`meilijiayuan.run.fix`). The others (a quoted
figure, a unit after a figure) are what the hint proposes, shown but never written.
tests/acceptance/test_authoring.py applies every one of them and validates again: the finding
is gone
and nothing new appears.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Final

from meilijiayuan.findings import Finding, Fix
from meilijiayuan.plan.fields import STATE_WORDS, STATES
from meilijiayuan.plan.index import PlanIndex, normalise_name
from meilijiayuan.read.document import Document, Position, YamlPath
from meilijiayuan.read.document import line_starts as _line_starts

__all__ = ["date_text", "month_text", "state_text", "with_fixes"]

_MONTH: Final = re.compile(r"(\d{4})\s*(?:[-./年])\s*(\d{1,2})\s*月?")
_DATE: Final = re.compile(r"(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*日?")
_STRAY: Final = " \u3000。.，,；;！!"


def month_text(typed: str) -> str | None:
    """``YYYY-MM`` for a month typed another way (``2019.7``, ``2019年7月``, full width)."""
    import unicodedata

    m = _MONTH.fullmatch(unicodedata.normalize("NFKC", typed).strip())
    if m is None or not 1 <= int(m.group(2)) <= 12:
        return None
    return f"{m.group(1)}-{int(m.group(2)):02d}"


def date_text(typed: str) -> str | None:
    """``YYYY-MM-DD`` for a day typed another way (``2019年7月4日``, ``2019/7/4``)."""
    import unicodedata

    m = _DATE.fullmatch(unicodedata.normalize("NFKC", typed).strip())
    if m is None:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
    except ValueError:
        return None


def state_text(typed: str) -> str | None:
    """The state word meant by ``typed`` (``Done``, ``in progress``, ``进行中。``), as a
    canonical word or an accepted Chinese word; ``None`` when it is not a spelling slip."""
    import unicodedata

    folded = unicodedata.normalize("NFKC", typed).strip(_STRAY).translate(_TRADITIONAL)
    if folded in STATE_WORDS:
        return folded
    word = re.sub(r"[\s-]+", "_", folded.lower())
    return word if word in STATES else None


_TRADITIONAL: Final = str.maketrans("進開", "进开")  # in the state words: 進行中, 未開始
_FIXABLE: Final = frozenset(
    {
        "percent-as-count", "lookalike", "full-width-digit", "period-format", "date-format",
        "bad-state", "leading-zero", "count-with-unit", "number-with-unit", "quoted-number",
        "unknown-item",
    }
)  # fmt: skip


def with_fixes(findings: list[Finding], doc: Document, index: PlanIndex) -> list[Finding]:
    """``findings``, each with the fix its hint proposes where there is one."""
    if not any(f.code in _FIXABLE and f.fix is None for f in findings):
        return findings  # the file is not read again for warnings alone
    text = _source(doc)
    if text is None:
        return findings
    fixer = _Fixer(text, doc, index)
    return [fixer.fixed(f) for f in findings]


def _source(doc: Document) -> str | None:
    """The file's text as typed (read again: only files with findings come here)."""
    try:
        with open(doc.file, "rb") as handle:
            raw = handle.read()
        return raw.decode(doc.encoding).removeprefix("\ufeff")
    except (OSError, UnicodeError, LookupError, ValueError):
        return None


class _Fixer:
    def __init__(self, text: str, doc: Document, index: PlanIndex) -> None:
        self.text = text
        self.starts = _line_starts(text)
        self.doc = doc
        self.index = index
        self.values: dict[Position, YamlPath] = {
            pos: path for path, pos in doc.value_pos.items() if path in doc.raw
        }
        self.keys: dict[Position, YamlPath] = {pos: path for path, pos in doc.key_pos.items()}

    def typed(self, line: int, column: int, old: str) -> bool:
        """Whether ``old`` is what the file holds at ``line``:``column``."""
        if not 0 < line <= len(self.starts):
            return False
        start = self.starts[line - 1] + column - 1
        return self.text.startswith(old, start)

    def fix(self, f: Finding, old: str, new: str | None, safe: bool) -> Finding:
        assert f.line is not None and f.column is not None
        if new is None or new == old or not old or not self.typed(f.line, f.column, old):
            return f
        return _with(f, fix=Fix(f.line, f.column, old, new, safe))

    def fixed(self, f: Finding) -> Finding:
        if f.fix is not None or f.line is None or f.column is None:
            return f
        pos = (f.line, f.column)
        code = f.code
        value_path = self.values.get(pos)
        raw = self.doc.raw.get(value_path) if value_path is not None else None
        if code == "percent-as-count":
            target = self.index.targets.get(str(f.args.get("item")))
            title = f" {target.id}（{target.title}）" if target is not None else ""
            return _with(f, args={**f.args, "title": title})
        if raw is not None:
            if code in ("lookalike", "full-width-digit"):
                return self.fix(f, raw, str(f.args.get("fixed", "")), True)
            if code == "period-format":
                return self.fix(f, raw, month_text(raw), True)
            if code == "date-format":
                return self.fix(f, raw, date_text(raw), True)
            if code == "bad-state":
                return self.fix(f, raw, state_text(raw), True)
            if code == "leading-zero":
                return self.fix(f, raw, str(f.args.get("plain", "")), False)
            if code in ("count-with-unit", "number-with-unit"):
                return self.fix(f, raw, self.bare(f, value_path), False)
            if code == "quoted-number":
                quote = self.text[self.starts[f.line - 1] + f.column - 1]
                old = f"{quote}{raw}{quote}"
                return self.fix(f, old, str(f.args.get("number", "")), False)
        key_path = self.keys.get(pos)
        if key_path is not None and len(key_path) == 2 and key_path[0] == "items":
            key = str(key_path[1])
            if code == "lookalike":
                return self.fix(f, key, str(f.args.get("fixed", "")), True)
            if code == "unknown-item":
                return self.fix(f, key, self.same_id(key), True)
        return f

    def same_id(self, typed: str) -> str | None:
        """The one id ``typed`` is, but for its case and look-alike characters."""
        folded = normalise_name(typed).lower()
        ids = {*self.index.items, *self.index.targets}
        found = [i for i in ids if i.lower() == folded]
        return found[0] if len(found) == 1 else None

    def bare(self, f: Finding, path: YamlPath | None) -> str | None:
        """The figure without its unit, when the unit is the one the item is counted in
        (otherwise the number alone would be read in another unit)."""
        number = str(f.args.get("number", ""))
        if f.code == "count-with-unit":
            return number or None
        suffix = f.args.get("suffix")
        target = self.index.targets.get(f.item or "")
        if target is None or suffix != target.unit or path is None:
            return None
        given = self.doc.raw.get((*path[:-1], "unit"))
        return number if given in (None, "", target.unit) else None


def _with(f: Finding, **changes: object) -> Finding:
    import dataclasses

    return dataclasses.replace(f, **changes)  # type: ignore[arg-type]
