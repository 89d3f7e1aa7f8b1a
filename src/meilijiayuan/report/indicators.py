"""One indicator, one figure: targets sharing an ``indicator`` (docs/reference.md §7) are
reported once, so a report that gives two of them different figures is an error."""

from __future__ import annotations

from collections.abc import Callable

from meilijiayuan.findings import Finding
from meilijiayuan.plan.index import PlanIndex
from meilijiayuan.report.model import ItemReport, Report

__all__ = ["indicator_conflicts"]

Locate = Callable[[tuple[str | int, ...]], "tuple[int, int] | None"]


def _figure(entry: ItemReport) -> tuple[object, ...]:
    """What a figure is, for comparing two entries of one indicator (the note aside)."""
    return (entry.value, entry.unit, entry.numerator, entry.denominator, entry.rate, entry.state)


def _text(entry: ItemReport) -> str:
    if entry.numerator is not None and entry.denominator is not None:
        return f"{entry.numerator}/{entry.denominator}"
    for x in (entry.value, entry.rate, entry.state):
        if x is not None:
            return str(x)
    return "-"


def indicator_conflicts(report: Report, index: PlanIndex, file: str,
                        locate: Locate) -> list[Finding]:
    """An ``indicator-conflict`` error on the second of two ids of one indicator that give
    different figures, located on its key."""
    first: dict[str, str] = {}  # indicator → the first id given
    out: list[Finding] = []
    for item_id, entry in report.items.items():
        target = index.targets.get(item_id)
        if target is None or not target.indicator:
            continue
        other = first.setdefault(target.indicator, item_id)
        if other == item_id:
            continue
        other_entry = report.items[other]
        if _figure(entry) != _figure(other_entry):
            pos = locate(("items", item_id))
            out.append(Finding("indicator-conflict", file, pos[0] if pos else None,
                               pos[1] if pos else None,
                               {"item": item_id, "other": other, "indicator": target.indicator,
                                "value": _text(entry), "other_value": _text(other_entry)},
                               item=item_id))
    return out
