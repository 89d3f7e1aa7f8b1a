"""What an organisation owes for a month, read from the plan alone.

The targets it reports whose window is open that month (a template's required entries), its
key works and duties without a target open that month (the optional entries) and the day the
report is due. The YAML and workbook templates ask exactly this; the district picture dates
late reports by the same due day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from meilijiayuan.periods import Month
from meilijiayuan.plan.index import Item, PlanIndex, Role
from meilijiayuan.plan.model import Target

__all__ = ["OptionalEntry", "asked_targets", "due_date", "is_open", "optional_entries",
           "owed_targets", "required_targets"]


@dataclass(frozen=True, slots=True)
class OptionalEntry:
    """An ongoing item (no target) the unit may report on, with its roles in it."""

    item: Item
    roles: tuple[Role, ...]


def is_open(window: tuple[Month, Month], month: Month) -> bool:
    """Whether ``month`` lies inside ``window`` (both ends included)."""
    return window[0] <= month <= window[1]


def required_targets(index: PlanIndex, org: str, month: Month) -> list[Target]:
    """The targets ``org`` reports whose window is open in ``month``, in plan order."""
    return [t for t in index.reported_targets(org)
            if is_open((t.window.start, t.window.end), month)]


def asked_targets(index: PlanIndex, org: str, month: Month
                  ) -> tuple[list[Target], dict[str, list[str]]]:
    """What a template asks ``org`` for ``month``: :func:`required_targets`, a shared
    indicator once (the first of its targets in plan order), and per target asked the others
    its figure also counts for."""
    first: dict[str, str] = {}
    kept: list[Target] = []
    also: dict[str, list[str]] = {}
    for t in required_targets(index, org, month):
        if t.indicator and t.indicator in first:
            also.setdefault(first[t.indicator], []).append(t.id)
            continue
        if t.indicator:
            first[t.indicator] = t.id
        kept.append(t)
    return kept, also


def owed_targets(index: PlanIndex, month: Month) -> dict[str, tuple[str, ...]]:
    """Every organisation that owes a report for ``month`` → the ids of the targets it owes
    (:func:`required_targets`), in the plan's order of organisations."""
    owed: dict[str, tuple[str, ...]] = {}
    for org in index.organisations:
        ids = tuple(t.id for t in required_targets(index, org, month))
        if ids:
            owed[org] = ids
    return owed


def optional_entries(index: PlanIndex, org: str, month: Month) -> list[OptionalEntry]:
    """The key works and duties of ``org`` without a target, open in ``month``, in plan order.

    Items with a target are left out even when ``org`` does not report it: their figure
    belongs to the target's reporters.
    """
    out: list[OptionalEntry] = []
    for r in index.responsibilities(org):
        window = r.item.window
        if r.item.kind == "task" or r.targets or window is None:
            continue
        if is_open((Month.parse(window[0]), Month.parse(window[1])), month):
            out.append(OptionalEntry(r.item, r.roles))
    return out


def due_date(index: PlanIndex, month: Month) -> dt.date:
    """The day the report for ``month`` is due: the plan's due day of the next month."""
    return month.plus(1).first_day().replace(day=index.due_day)
