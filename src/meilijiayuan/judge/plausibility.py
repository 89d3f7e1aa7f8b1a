"""Plausibility warnings on one report's figures (docs/reference.md §7), given its history.

Pure. Each warning is located on the figure's line and never changes a figure or fails a
run. The thresholds come from the plan's ``plausibility:`` block.

- ``figure-decreased``: a cumulative figure below the same organisation's previous figure
  for the target (inside the window; a previous report before the window counts as 0).
- ``this-month-inconsistent``: ``this_month`` differs from the rise since the report of the
  month before.
- ``closed-window-figure``: a figure for a target whose window closed before the report's
  month, without a ``note`` saying it is a late correction.
- ``before-window``: a figure for a target whose window has not opened yet; it does not count.
- ``exceeds-target``: one organisation's quantity above its allocation, or above
  ``exceeds_target`` × the whole district target (``increase`` targets without ``per_unit``).
- ``denominator-changed``: a rate's denominator moved more than ``denominator_change`` % from
  the previous report.
- ``rate-jump``: a rate moved more than ``rate_jump`` percentage points from the previous
  report, when that report is for the month before.
"""

from __future__ import annotations

from decimal import Decimal

from meilijiayuan.findings import Finding
from meilijiayuan.judge.organisation import (
    Figure,
    Locate,
    YamlPath,
    figure_of,
    has_figure,
    indicator_ids,
)
from meilijiayuan.judge.rules import exact, to_decimal
from meilijiayuan.periods import Month
from meilijiayuan.plan.index import PlanIndex
from meilijiayuan.plan.model import Target
from meilijiayuan.report.model import ItemReport, Report

__all__ = ["plausibility"]


def plausibility(index: PlanIndex, report: Report, unit: str, previous: Report | None, *,
                 locate: Locate | None = None, file: str = "") -> list[Finding]:
    """The warnings on ``report``'s figures; ``previous`` is what ``unit`` reported before
    (its standing at an earlier month, or its previous report), or ``None``."""
    limits = index.plan.plausibility
    out: list[Finding] = []
    if previous is not None and previous.period >= report.period:
        previous = None
    for item_id, entry in report.items.items():
        target = index.targets.get(item_id)
        if target is None:
            continue
        fig = figure_of(entry, target, report.period)
        if not has_figure(fig, target):
            continue
        warn = _Warner(out, file, locate, item_id, report.period,
                       _figure_path(item_id, entry, target))
        window = target.window
        if report.period < window.start:
            # a figure under a sibling id of an open indicator is that indicator's figure
            if all(report.period < index.targets[t].window.start
                   for t in indicator_ids(index, target)):
                warn("before-window", start=str(window.start))
            continue
        if window.end < report.period and not entry.note:
            warn("closed-window-figure", end=str(window.end))
        before = _previous_figure(index, previous, target)
        if target.measure == "quantity" and fig.value is not None:
            _quantity(index, target, unit, fig.value, entry, before, previous, report, warn)
        elif target.measure == "rate" and fig.value is not None and before is not None:
            if (fig.denominator is not None and before.denominator
                    and abs(fig.denominator - before.denominator) * 100
                    > before.denominator * to_decimal(limits.denominator_change)):
                warn("denominator-changed", ("items", item_id, "denominator"),
                     value=_fmt(fig.denominator), previous=_fmt(before.denominator),
                     previous_period=_month(before), limit=_fmt(limits.denominator_change))
            consecutive = before.period is not None and before.period == report.period.plus(-1)
            if (consecutive and before.value is not None
                    and abs(fig.value - before.value) > to_decimal(limits.rate_jump)):
                warn("rate-jump", value=_fmt(fig.value), previous=_fmt(before.value),
                     previous_period=_month(before), limit=_fmt(limits.rate_jump))
    return out


def _quantity(index: PlanIndex, target: Target, unit: str, value: Decimal, entry: ItemReport,
              before: Figure | None, previous: Report | None, report: Report,
              warn: _Warner) -> None:
    limits = index.plan.plausibility
    item_id = target.id
    share = index.allocated(target, unit)
    if target.direction == "increase" and not target.per_unit and target.value is not None:
        limit = exact(share) if share is not None else (
            exact(target.value) * exact(limits.exceeds_target))
        if exact(value) > limit:
            warn("exceeds-target", value=_fmt(value), limit=_fmt(to_decimal(limit)))
    if target.basis != "cumulative" or previous is None:
        return
    base: Decimal | None
    if previous.period < target.window.start:
        base = Decimal(0)  # the window's running total starts from nothing
    else:
        base = before.value if before is not None else None
    if base is None:
        return
    if value < base:
        warn("figure-decreased", value=_fmt(value), previous=_fmt(base),
             previous_period=str(previous.period))
        return
    if previous.period == report.period.plus(-1) and entry.this_month is not None:
        this_month = _in_unit(entry.this_month, entry, target)
        if this_month is not None and this_month != value - base:
            warn("this-month-inconsistent", ("items", item_id, "this_month"),
                 this_month=_fmt(this_month), previous=_fmt(base), delta=_fmt(value - base))


class _Warner:
    """Adds a warning about one item, located on its figure (or on ``path``)."""

    def __init__(self, out: list[Finding], file: str, locate: Locate | None, item_id: str,
                 period: Month, where: YamlPath) -> None:
        self.out, self.file, self.locate = out, file, locate
        self.item_id, self.period, self.where = item_id, period, where

    def __call__(self, code: str, path: YamlPath | None = None, **args: str) -> None:
        pos = self.locate(path or self.where) if self.locate is not None else None
        self.out.append(Finding(
            code, self.file, pos[0] if pos else None, pos[1] if pos else None,
            {"item": self.item_id, "period": str(self.period), **args}, item=self.item_id))


def _previous_figure(index: PlanIndex, previous: Report | None, target: Target) -> Figure | None:
    if previous is None:
        return None
    for tid in indicator_ids(index, target):
        entry = previous.items.get(tid)
        if entry is not None:
            fig = figure_of(entry, target, previous.period)
            if has_figure(fig, target):
                return fig
    return None


def _figure_path(item_id: str, entry: ItemReport, target: Target) -> YamlPath:
    """Where the figure is written: ``value``, ``numerator`` (or ``rate``), or ``state``."""
    for key in ("value", "numerator", "rate", "state"):
        if getattr(entry, key) is not None:
            return ("items", item_id, key)
    return ("items", item_id)


def _in_unit(x: Decimal | int, entry: ItemReport, target: Target) -> Decimal | None:
    from meilijiayuan.measures import convert

    if entry.unit is None or target.unit is None:
        return Decimal(x)
    return convert(x, entry.unit, target.unit)


def _month(fig: Figure) -> str:
    return "" if fig.period is None else str(fig.period)


def _fmt(x: Decimal | float | int) -> str:
    return f"{to_decimal(x):f}"
