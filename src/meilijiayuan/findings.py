"""One record for every problem mljy finds, from the YAML loader to the evaluator.

A :class:`Finding` carries a stable ``code`` and the arguments of its message; the text
itself comes from the catalogue (:mod:`meilijiayuan.catalogue`) in the language the user
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
    file as a whole (it cannot be read, it is too large).
    """

    code: str
    file: str
    line: int | None = None
    column: int | None = None
    args: Mapping[str, Any] = field(default_factory=dict)
    severity: Severity | None = None  # None: the catalogue's default for the code
    item: str | None = None
    fix: Fix | None = None  # the text the hint proposes, when it proposes one

    @property
    def level(self) -> Severity:
        """The severity, from the finding or else from the catalogue."""
        if self.severity is not None:
            return self.severity
        from meilijiayuan.catalogue import default_severity

        return default_severity(self.code)

    def message(self, lang: Lang = "zh") -> str:
        """What is wrong, in ``lang``."""
        from meilijiayuan.catalogue import render_message

        return render_message(self.code, "message", lang, self.args)

    def hint(self, lang: Lang = "zh") -> str:
        """How to fix it, in ``lang`` (may be empty)."""
        from meilijiayuan.catalogue import render_message

        return render_message(self.code, "hint", lang, self.args)

    def location(self) -> str:
        """``file:line:col``, or as much of it as is known."""
        if self.line is None:
            return self.file
        if self.column is None:
            return f"{self.file}:{self.line}"
        return f"{self.file}:{self.line}:{self.column}"

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.line or 0, self.column or 0, self.code)


def has_errors(findings: Iterable[Finding]) -> bool:
    """True when any finding is an error."""
    return any(f.level is Severity.ERROR for f in findings)
