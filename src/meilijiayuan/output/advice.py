"""Assessments in words, what to do about them, and where they stand in the reports.

Shared by the CI formats (``github`` annotations, ``junit`` test cases), so that neither
format imports the other: one line describing an assessment, the advice for a status at or
above ``--fail-on``, and a locator that finds an assessment's item in the reports.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from meilijiayuan.judge.records import Assessment, Level
from meilijiayuan.messages.labels import pick
from meilijiayuan.messages.renderers import ADVICE as _ADVICE
from meilijiayuan.messages.renderers import BEHIND as _BEHIND
from meilijiayuan.messages.renderers import GITHUB as _WORDS

if TYPE_CHECKING:
    from meilijiayuan.report.validate import FileResult

Location = tuple[str, int | None, int | None]
"""(file, line, column) of an assessment's item in a report; line and column 1-based."""

Locator = Callable[[Assessment], Location | None]
"""Where an assessment belongs in the reports, or ``None`` when it has no place (全区 rows)."""

__all__ = ["Location", "Locator", "assessment_advice", "describe_assessment", "report_locator"]


# --- assessment text ----------------------------------------------------------------------


def _w(key: str, lang: str) -> str:
    return pick(_WORDS, key, lang)


def _num(x: float | Decimal) -> str:
    return f"{round(float(x), 2):g}"


def describe_assessment(a: Assessment, lang: str) -> str:
    """One line, e.g. ``马陆镇 K2018-4「…」严重滞后：目标 40 个，…，实际 5 个（截至 2018-06）``."""
    uom = a.unit_of_measure or ""
    sep = ", " if lang == "en" else "，"
    parts: list[str] = []
    for key, value in (("target", a.target), ("expected", a.expected), ("actual", a.actual),
                       ("gap", a.gap)):
        if value is not None:
            # a gap between two rates is in percentage points, not a percentage
            shown = "pp" if uom == "%" and key == "gap" else uom
            spacer = "" if shown == "%" else " "
            parts.append(f"{_w(key, lang)} {_num(value)}{spacer}{shown}".rstrip())
    if a.lag_pp is not None:
        parts.append(f"{_w('lag', lang)} {_num(a.lag_pp)} pp")
    if a.state is not None:
        parts.append(f"{_w('state', lang)} {a.state}")
    if a.window is not None:
        parts.append(f"{_w('window', lang)} {a.window[0]}–{a.window[1]}")
    head = f"{a.unit} {a.id}「{a.title}」{a.status.label(lang)}"
    if lang == "en":
        colon, tail = ": ", f" ({_w('as_of', lang)} {a.as_of})"
    else:
        colon, tail = "：", f"（{_w('as_of', lang)} {a.as_of}）"
    if getattr(a, "units", None) and a.status.level in (Level.red, Level.amber):
        from meilijiayuan.output.trace import who_parts

        _, behind = who_parts(a, None, None, lang)  # a district row: who stands behind it
        tail += ("; " if lang == "en" else "；") + ("、" if lang != "en" else ", ").join(behind)
    return head + (colon + sep.join(parts) if parts else "") + tail


def assessment_advice(a: Assessment, lang: str) -> str:
    """What the reporting unit can do about a status at or above ``--fail-on``."""
    zh, en = _ADVICE.get(a.status.value, _BEHIND)
    return (en if lang == "en" else zh).format(id=a.id)


# --- locating assessments -----------------------------------------------------------------


def report_locator(results: Sequence[FileResult]) -> Locator:
    """A locator over validated reports: an item's key line, else the ``items:`` line.

    The report is the one of the assessment's unit for the assessment's month (the
    latest earlier one when that month has none); district rows (全区) have no place.
    """
    by_unit: dict[str, list[FileResult]] = {}
    for r in results:
        if r.unit is not None and r.report is not None and r.doc is not None:
            by_unit.setdefault(r.unit, []).append(r)

    def locate(a: Assessment) -> Location | None:
        candidates = [r for r in by_unit.get(a.unit, ()) if _period(r) <= a.as_of]
        if not candidates:
            return None
        result = max(candidates, key=_period)
        doc = result.doc
        assert doc is not None
        if doc.sheet is not None:  # a workbook has no lines to annotate
            return (result.file, None, None)
        for path in (("items", a.id), ("items", a.item), ("items",)):
            pos = doc.key_pos.get(path)
            if pos is not None:
                return (result.file, pos[0], pos[1])
        return (result.file, None, None)

    return locate


def _period(r: FileResult) -> str:
    return str(r.report.period) if r.report is not None else ""
