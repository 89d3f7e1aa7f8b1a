"""One record for every problem mljy finds, from the YAML loader to the evaluator.

A :class:`Finding` carries a stable ``code`` and the arguments of its message; the text
itself comes from the catalogue (:mod:`meilijiayuan.messages.catalogue`) in the language the user
asked for, so every renderer (table, JSON, GitHub, JUnit) shows the same words.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

Lang = str  # "zh" | "en"
LANGS = ("zh", "en")


class Severity(StrEnum):
    """How bad a finding is: errors make an input invalid (exit 2), warnings do not."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Fix:
    """Text a hint proposes, machine-readable: at ``line``:``column`` (1-based, characters),
    ``old`` as typed becomes ``new``. ``safe`` fixes change spelling only, never a figure,
    and are the ones ``mljy validate --fix`` writes; the others are shown, not applied."""

    line: int
    column: int
    old: str
    new: str
    safe: bool = False


@dataclass(frozen=True, slots=True)
class Finding:
    """A located problem: ``file:line:column: severity code message`` plus a hint.

    ``line`` and ``column`` are 1-based; both are ``None`` when the problem concerns the
    file as a whole (it cannot be read, it is too large). In a workbook ``sheet`` names the
    sheet, and ``line`` and ``column`` are then the cell's row and column (``进度!D7``).
    """

    code: str
    file: str
    line: int | None = None
    column: int | None = None
    args: Mapping[str, Any] = field(default_factory=dict)
    severity: Severity | None = None  # None: the catalogue's default for the code
    item: str | None = None
    sheet: str | None = None  # a workbook's sheet: line and column are then row and column
    fix: Fix | None = None  # the text the hint proposes, when it proposes one

    @property
    def cell(self) -> str | None:
        """The cell in a workbook, e.g. ``D7`` (``None`` outside a workbook or unplaced)."""
        if self.sheet is None or self.line is None or self.column is None:
            return None
        return f"{column_name(self.column)}{self.line}"

    @property
    def level(self) -> Severity:
        """The severity, from the finding or else from the catalogue."""
        if self.severity is not None:
            return self.severity
        from meilijiayuan.messages.catalogue import default_severity

        return Severity(default_severity(self.code))

    def message(self, lang: Lang = "zh") -> str:
        """What is wrong, in ``lang``."""
        from meilijiayuan.messages.catalogue import render_message

        return render_message(self.code, "message", lang, self.args)

    def hint(self, lang: Lang = "zh") -> str:
        """How to fix it, in ``lang`` (may be empty)."""
        from meilijiayuan.messages.catalogue import render_message

        return render_message(self.code, "hint", lang, self.args, workbook=self.sheet is not None)

    def location(self) -> str:
        """``file:line:col`` (in a workbook ``file:sheet!cell``), or as much as is known."""
        if self.sheet is not None:
            cell = self.cell
            return f"{self.file}:{self.sheet}!{cell}" if cell else f"{self.file}:{self.sheet}"
        if self.line is None:
            return self.file
        if self.column is None:
            return f"{self.file}:{self.line}"
        return f"{self.file}:{self.line}:{self.column}"

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.line or 0, self.column or 0, self.code)


def column_name(column: int) -> str:
    """A 1-based column number as a spreadsheet names it: 1 → ``A``, 27 → ``AA``."""
    name = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        name = chr(65 + rest) + name
    return name


def in_sheet(findings: Iterable[Finding], sheet: str | None) -> list[Finding]:
    """``findings`` placed in ``sheet`` (a workbook's) when they have a row and no sheet yet."""
    if sheet is None:
        return list(findings)
    from dataclasses import replace

    return [replace(f, sheet=sheet) if f.sheet is None and f.line is not None else f
            for f in findings]


def has_errors(findings: Iterable[Finding]) -> bool:
    """True when any finding is an error."""
    return any(f.level is Severity.ERROR for f in findings)
