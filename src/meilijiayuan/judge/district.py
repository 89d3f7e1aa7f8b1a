"""The district rows (全区): every target judged from the figures in effect of its reporters.

Pure. Each row carries ``units``: every required reporter's status and figure (or that it
has none), so the district figure can be traced to who and what (docs/reference.md §5):
a ``sum`` row's actual is the sum of its units' actuals, a ``ratio`` row's is
100·Σnumerator/Σdenominator of its units, a ``lead`` row's is the first reporter's (plan
order) that gave a figure.

- A district row is ``missing`` only when no required reporter has a figure and the window
  is open (``overdue`` once it has reached its end, ``not_due`` before it opens); otherwise
  its status comes from the figures received, with ``reporters`` of ``expected_reporters``.
- A bare ``rate:`` is shown in ``units`` but cannot enter Σnumerator/Σdenominator
  (``counted`` false); a rate row whose only figures are bare rates has no figure.
- A milestone is done for the district only when every required reporter is done; its
  ``note`` names who is not.
- A ``per_unit`` quantity's district value is T × (number of required reporters).
- ``figure_period`` of a district row is the month of its units' figures when they share one,
  else empty (each unit shows its own).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import NamedTuple

from meilijiayuan.judge.in_effect import Standing
from meilijiayuan.judge.organisation import Figure, figure_in_effect, has_figure, target_row
from meilijiayuan.judge.records import Assessment, Status, UnitFigure
from meilijiayuan.judge.rules import (
    closed,
    exact,
    expected_by_now,
    judge_milestone,
    judge_value,
    not_due,
    to_decimal,
    unreported,
)
from meilijiayuan.periods import Month
from meilijiayuan.plan.index import PlanIndex
from meilijiayuan.plan.model import Target
from meilijiayuan.report.model import Report

__all__ = ["combined_state", "evaluate_district", "unit_figures"]


def evaluate_district(index: PlanIndex, standings: Mapping[str, Standing], as_of: Month, *,
                      only: Collection[str] | None = None,
                      with_units: bool = True) -> list[Assessment]:
    """The district (全区) row of every target, or of the target ids in ``only``.

    ``standings`` maps a canonical organisation to its figures in effect
    (:mod:`meilijiayuan.judge.in_effect`). ``with_units=False`` leaves each row's ``units``
    empty and skips judging every reporter on its own (the trend needs only the district
    figure and status); the district figures are the same either way.
    """
    return [district_row(index, t, standings, as_of, with_units=with_units)
            for t in index.plan.targets if only is None or t.id in only]


def unit_figures(index: PlanIndex, target: Target, standings: Mapping[str, Standing],
                 as_of: Month) -> list[UnitFigure]:
    """Every required reporter of ``target`` (plan order): its status and figure."""
    return [_judged(index, target, f, standings, as_of)
            for f in _figures(index, target, standings, as_of)]


class _Given(NamedTuple):
    """One required reporter's figure in effect, and whether it enters the district figure."""

    unit: str
    figure: Figure
    has: bool  # a value (a state for a milestone)
    counted: bool


def _figures(index: PlanIndex, target: Target, standings: Mapping[str, Standing],
             as_of: Month) -> list[_Given]:
    """Every required reporter's figure in effect (plan order). A figure counts when there is
    one, the window is open and, for a rate, it has a numerator and a denominator."""
    required = index.reporters[target.id]
    due = not not_due(target.window, as_of)
    out: list[_Given] = []
    for org in index.organisations:
        if org not in required:
            continue
        s = standings.get(org)
        fig = (figure_in_effect(index, s.report, target, as_of, s.periods) if s is not None
               else Figure())
        has = has_figure(fig, target)
        out.append(_Given(org, fig, has, has and due and not fig.bare_rate))
    return out


def _judged(index: PlanIndex, target: Target, given: _Given,
            standings: Mapping[str, Standing], as_of: Month) -> UnitFigure:
    """A reporter's own status and figure, as its organisation row shows them."""
    s = standings.get(given.unit)
    report = s.report if s is not None else _empty(given.unit, as_of)
    row = target_row(index, report, given.unit, as_of, target,
                     periods=s.periods if s is not None else None, keep_closed=True,
                     figure=given.figure)
    assert row is not None  # a required reporter always has a row when kept closed
    # what the row shows (before its window a sibling target's figure is not shown)
    has = row.state is not None if target.measure == "milestone" else row.actual is not None
    return UnitFigure(
        unit=given.unit, status=row.status, actual=row.actual, numerator=row.numerator,
        denominator=row.denominator, state=row.state,
        figure_period=row.figure_period if has else None, missing=not has,
        counted=given.counted)


def district_row(index: PlanIndex, target: Target, standings: Mapping[str, Standing],
                 as_of: Month, *, with_units: bool = True) -> Assessment:
    """The district row of one target (``units`` left empty unless ``with_units``)."""
    given = _figures(index, target, standings, as_of)
    units = tuple(_judged(index, target, g, standings, as_of) for g in given) if with_units else ()
    counted = [g.figure for g in given if g.counted]
    n_required = len(given)
    window = target.window
    periods = {f.period for f in counted}
    only_period = next(iter(periods)) if len(periods) == 1 else None
    figure_period = None if only_period is None else str(only_period)
    base = _Base(units=units, expected_reporters=n_required, figure_period=figure_period)
    bare = sum(1 for g in given if g.figure.bare_rate and g.has and not not_due(window, as_of))
    bare_note = f"{bare} 个单位只报 rate，未计入 Σ分子/Σ分母" if bare else None
    per_unit_value: Decimal | None = None
    if target.measure == "quantity" and target.per_unit and target.value is not None:
        per_unit_value = to_decimal(exact(target.value) * n_required)
    if not counted:
        status = unreported(window, as_of)
        expected = None
        if status is Status.missing and target.measure != "milestone":
            expected = expected_by_now(target, as_of, value=per_unit_value)
        return _row(target, index, as_of, status, reporters=0, expected=expected,
                    note=bare_note, value=per_unit_value, base=base)
    if target.measure == "milestone":
        state = combined_state([f.state or "" for f in counted], n_required)
        not_done = [g.unit for g in given if g.figure.state != "done"]
        note = ("未完成：" + "、".join(not_done)) if not_done else None
        return _row(target, index, as_of, judge_milestone(window, state, as_of),
                    reporters=len(counted), state=state, note=note, base=base)
    numerator = denominator = None
    exact_actual: Decimal | Fraction | None
    if target.aggregate == "lead":
        counted = counted[:1]
        actual = exact_actual = counted[0].value
        numerator, denominator = counted[0].numerator, counted[0].denominator
    elif target.measure == "rate":
        numerator = sum((f.numerator or Decimal(0) for f in counted), Decimal(0))
        denominator = sum((f.denominator or Decimal(0) for f in counted), Decimal(0))
        # judged on the exact Σnum/Σden (docs/reference.md section 6); only the shown figure rounds
        exact_actual = exact(numerator) * 100 / exact(denominator)
        actual = to_decimal(exact_actual)
    else:
        actual = exact_actual = sum((f.value or Decimal(0) for f in counted), Decimal(0))
    assert actual is not None and exact_actual is not None
    j = judge_value(target, exact_actual, as_of, index.thresholds, value=per_unit_value)
    return _row(target, index, as_of, j.status, reporters=len(counted), actual=actual,
                expected=j.expected, gap=j.gap, lag_pp=j.lag_pp, numerator=numerator,
                denominator=denominator, note=bare_note, value=per_unit_value, base=base)


def combined_state(states: list[str], n_required: int) -> str:
    """The district's state of a milestone: done only when every required reporter is done."""
    if len(states) >= n_required and all(s == "done" for s in states):
        return "done"
    if "blocked" in states:
        return "blocked"
    if len(states) >= n_required and all(s == "not_started" for s in states):
        return "not_started"
    return "in_progress"


def _empty(org: str, as_of: Month) -> Report:
    return Report.model_construct(unit=org, period=as_of, submitted=None, contact=None,
                                  note=None, items={})


class _Base(NamedTuple):
    units: tuple[UnitFigure, ...]
    expected_reporters: int
    figure_period: str | None


def _row(target: Target, index: PlanIndex, as_of: Month, status: Status, *,
         reporters: int, base: _Base, actual: Decimal | None = None,
         expected: Decimal | None = None, gap: Decimal | None = None,
         lag_pp: Decimal | None = None, numerator: Decimal | None = None,
         denominator: Decimal | None = None, state: str | None = None,
         note: str | None = None, value: Decimal | None = None) -> Assessment:
    goal = value if value is not None else target.value
    return Assessment(
        id=target.id, item=target.item, unit=index.meta.district, measure=target.measure,
        status=status, title=target.title,
        target=None if goal is None else to_decimal(goal),
        expected=expected, actual=actual, gap=gap, lag_pp=lag_pp,
        unit_of_measure=target.unit,
        window=(str(target.window.start), str(target.window.end)), as_of=str(as_of),
        direction=target.direction, state=state, note=note, numerator=numerator,
        denominator=denominator, reporters=reporters,
        expected_reporters=base.expected_reporters,
        figure_period=base.figure_period if actual is not None or state is not None else None,
        closed=closed(target.window, as_of), units=base.units,
    )
