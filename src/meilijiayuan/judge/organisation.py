"""One organisation judged at one month: a row per item it reported or owes.

Pure. The figures come from one report (``mljy check``) or from an organisation's standing
(the figures in effect, :mod:`meilijiayuan.judge.in_effect`), each with the month it came
from.

Decisions this module makes where the contract leaves room:

- **Contribution rows**: a unit's figure for a target judged for the district only
  (``sum``/``ratio`` without allocation and not ``per_unit``) is shown with
  ``contribution=True`` and the neutral status ``ongoing`` (label "计入全区"); expected,
  gap and lag stay empty, so one town's share is never red against the district target.
  A required figure that is missing is still ``missing`` (red): the district sum needs it.
- **Items without a measurable target** (推进…/持续…) appear only when reported:
  state ``blocked`` → ``behind`` (amber) with ``state="blocked"``; ``done`` →
  ``achieved``; otherwise ``ongoing``.
- Targets the unit must report whose window has not started are listed as ``not_due``; a
  target whose window closed before the month is listed only when a figure is in effect.
- A cumulative figure from a report dated before the target's window opened does not count
  inside the window (the ``before-window`` warning says so where it is written). A level
  figure (``basis: level``: a rate, a milestone's state) is the organisation's current level:
  carried into the window with its month like any other carried figure, so every target of
  an indicator is judged from the same figure. While the window has not opened the target is
  ``not_due`` either way.
- A total with ``parts`` (K2018-1 = K2018-1a + K2018-1b) that a report leaves out is the
  sum of its parts when every part is given, so it is not reported missing twice.
- Targets sharing an ``indicator`` are reported once: the figure may stand under any of
  their ids, and every target of the indicator is judged from it.
- A bare ``rate:`` judges the unit itself but never enters the district Σnum/Σden.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import NamedTuple

from meilijiayuan.findings import Finding
from meilijiayuan.judge.records import Assessment, Status
from meilijiayuan.judge.rules import (
    Judgement,
    closed,
    expected_by_now,
    judge_milestone,
    judge_value,
    not_due,
    percent,
    to_decimal,
    unreported,
)
from meilijiayuan.measures import convert
from meilijiayuan.periods import Month
from meilijiayuan.plan.index import Item, PlanIndex, Role
from meilijiayuan.plan.model import Target
from meilijiayuan.report.model import ItemReport, Report, reported_quantity

__all__ = [
    "Figure",
    "Locate",
    "ReportEvaluation",
    "YamlPath",
    "before_window",
    "evaluate_report",
    "figure_in_effect",
    "figure_of",
    "has_figure",
    "indicator_ids",
    "is_contribution",
    "report_figure",
]

YamlPath = tuple[str | int, ...]
Locate = Callable[[YamlPath], "tuple[int, int] | None"]
"""Maps a path in the report (``("items", "K2018-4", "this_month")``) to (line, column)."""


class Figure(NamedTuple):
    """What one unit reported for one target, in the target's unit (a rate in %)."""

    value: Decimal | None = None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    state: str | None = None
    bare_rate: bool = False
    note: str | None = None
    period: Month | None = None  # the month of the report it comes from
    item: str | None = None  # the id it stood under (another of the indicator's, maybe)


class ReportEvaluation:
    """One report judged at one month: a row per item, plus consistency findings."""

    __slots__ = ("as_of", "assessments", "findings", "period", "unit")

    def __init__(self, unit: str, period: Month, as_of: Month,
                 assessments: list[Assessment] | None = None,
                 findings: list[Finding] | None = None) -> None:
        self.unit = unit
        self.period = period
        self.as_of = as_of
        self.assessments: list[Assessment] = [] if assessments is None else assessments
        self.findings: list[Finding] = [] if findings is None else findings


# --- figures ------------------------------------------------------------------------------


def figure_of(entry: ItemReport, target: Target, period: Month | None = None) -> Figure:
    """A report entry as a figure in the target's unit (a rate as 100·numerator/denominator)."""
    state = entry.state
    if target.measure == "quantity":
        return Figure(value=reported_quantity(entry, target), state=state, note=entry.note,
                      period=period)
    if target.measure == "rate":
        num, den = entry.numerator, entry.denominator
        if num is not None and den:
            return Figure(value=percent(num, den),
                          numerator=Decimal(num), denominator=Decimal(den), state=state,
                          note=entry.note, period=period)
        if entry.rate is not None:
            return Figure(value=Decimal(entry.rate), state=state, bare_rate=True,
                          note=entry.note, period=period)
        return Figure(state=state, note=entry.note, period=period)
    return Figure(state=state, note=entry.note, period=period)


def has_figure(fig: Figure, target: Target) -> bool:
    """Whether ``fig`` holds what ``target`` needs (a state for a milestone, else a value)."""
    return fig.state is not None if target.measure == "milestone" else fig.value is not None


_INDICATORS: dict[int, tuple[object, dict[str, tuple[str, ...]]]] = {}


def indicator_ids(index: PlanIndex, target: Target) -> tuple[str, ...]:
    """The ids of every target measuring ``target``'s indicator (itself first), or just its own."""
    plan = index.plan
    cached = _INDICATORS.get(id(index))
    if cached is None or cached[0] is not plan:
        groups: dict[str, list[str]] = {}
        for t in plan.targets:
            if t.indicator:
                groups.setdefault(t.indicator, []).append(t.id)
        by_id = {tid: tuple(ids) for ids in groups.values() for tid in ids}
        cached = (plan, by_id)
        _INDICATORS[id(index)] = cached
    ids = cached[1].get(target.id)
    if ids is None:
        return (target.id,)
    return (target.id, *(i for i in ids if i != target.id))


def report_figure(index: PlanIndex, report: Report, target: Target,
                  periods: Mapping[str, Month] | None = None) -> Figure | None:
    """The figure for ``target`` in ``report``, or ``None``.

    The figure may stand under any id of the target's indicator (the most recent one when a
    standing carries several; for a closed target, a sibling's figure from after its window
    does not count); a total left out is the sum of its parts when all are given.
    ``periods`` gives each item's month (default: the report's); see :func:`before_window`
    for a cumulative figure from before the window.
    """
    def month_of(item_id: str) -> Month:
        return periods.get(item_id, report.period) if periods is not None else report.period

    found: Figure | None = None
    for tid in indicator_ids(index, target):
        entry = report.items.get(tid)
        if entry is None:
            continue
        fig = figure_of(entry, target, month_of(tid))._replace(item=tid)
        if tid != target.id and fig.period is not None and fig.period > target.window.end:
            continue  # a closed target keeps its final figure; only its own id corrects it
        if has_figure(fig, target) and (found is None or _later(fig, found)):
            found = fig
    if found is None:
        found = _parts_figure(index, report, target, month_of)
    return found


def before_window(fig: Figure, target: Target, as_of: Month) -> bool:
    """A cumulative figure reported before the window opened, looked at once it is open: none
    of it was done inside the window, so it does not count (docs/evaluation.md). A level
    (``basis: level``) is the latest level known and is carried like any other figure."""
    return (target.basis == "cumulative" and not not_due(target.window, as_of)
            and fig.period is not None and fig.period < target.window.start)


def figure_in_effect(index: PlanIndex, report: Report, target: Target, as_of: Month,
                     periods: Mapping[str, Month] | None = None) -> Figure:
    """The figure ``target`` is judged from at ``as_of`` (:func:`report_figure`; an empty
    figure when there is none or it does not count, :func:`before_window`)."""
    fig = report_figure(index, report, target, periods) or Figure()
    return Figure() if before_window(fig, target, as_of) else fig


def _later(a: Figure, b: Figure) -> bool:
    return a.period is not None and b.period is not None and a.period > b.period


def _parts_figure(index: PlanIndex, report: Report, target: Target,
                  month_of: Callable[[str], Month]) -> Figure | None:
    if not target.parts or target.measure != "quantity":
        return None
    total = Decimal(0)
    months: list[Month] = []
    for part_id in target.parts:
        part, part_entry = index.targets.get(part_id), report.items.get(part_id)
        if part is None or part_entry is None:
            return None
        value = reported_quantity(part_entry, part)
        if value is None or part.unit is None or target.unit is None:
            return None
        in_unit = convert(value, part.unit, target.unit)
        if in_unit is None:
            return None
        total += in_unit
        months.append(month_of(part_id))
    return Figure(value=total, note="分项合计 " + " + ".join(target.parts), period=min(months))


def is_contribution(index: PlanIndex, target: Target, unit: str) -> bool:
    """True when ``unit``'s figure only counts toward the district and is not judged itself."""
    if not index.is_reporter(unit, target.id):
        return True
    if target.measure == "milestone" or target.per_unit or target.aggregate == "lead":
        return False
    return index.allocated(target, unit) is None


# --- one unit -----------------------------------------------------------------------------


def evaluate_report(index: PlanIndex, report: Report, unit: str, as_of: Month, *,
                    periods: Mapping[str, Month] | None = None) -> ReportEvaluation:
    """Judge one unit's figures at ``as_of``: every item it reported or must report.

    ``unit`` is the canonical organisation; ``periods`` maps each item to the month its
    figure comes from when ``report`` is a standing with carried figures.
    """
    roles_of: dict[str, tuple[Role, ...]] = {
        r.item.id: r.roles for r in index.responsibilities(unit)
    }
    rows: list[Assessment] = []
    for item in index.items.values():
        roles = roles_of.get(item.id, ())
        for target in index.targets_of_item.get(item.id, ()):
            row = target_row(index, report, unit, as_of, target, roles, periods)
            if row is not None:
                rows.append(row)
        entry = report.items.get(item.id)
        if entry is not None and item.id not in index.targets:
            month = periods.get(item.id, report.period) if periods else report.period
            rows.append(_ongoing_row(item, entry, unit, as_of, roles, month))
    return ReportEvaluation(unit, report.period, as_of, rows)


def target_row(index: PlanIndex, report: Report, unit: str, as_of: Month, target: Target,
               roles: tuple[Role, ...] = (), periods: Mapping[str, Month] | None = None,
               *, keep_closed: bool = False, figure: Figure | None = None) -> Assessment | None:
    """``unit``'s row for ``target``, or ``None`` when it has nothing to show (not its duty
    and no figure; a closed window without a figure unless ``keep_closed``). ``figure``:
    its :func:`figure_in_effect` when the caller has it already."""
    fig = figure_in_effect(index, report, target, as_of, periods) if figure is None else figure
    contribution = is_contribution(index, target, unit)
    window = target.window
    if not has_figure(fig, target):
        if not index.is_reporter(unit, target.id):
            return None
        if closed(window, as_of) and not keep_closed:
            return None
        status = unreported(window, as_of)
        share = index.allocated(target, unit)
        expected = None
        if status is Status.missing and not contribution and target.measure != "milestone":
            expected = expected_by_now(target, as_of, value=share)
        return _row(target, unit, as_of, Judgement(status, expected=expected), fig, roles,
                    contribution=contribution, value=share)
    if not_due(window, as_of):
        if fig.item != target.id:  # another target's figure: nothing given for this one yet
            fig = Figure()
        return _row(target, unit, as_of, Judgement(Status.not_due), fig, roles,
                    contribution=contribution)
    if contribution:
        return _row(target, unit, as_of, Judgement(Status.ongoing), fig, roles, contribution=True)
    if target.measure == "milestone":
        assert fig.state is not None
        judgement = Judgement(judge_milestone(window, fig.state, as_of))
        return _row(target, unit, as_of, judgement, fig, roles)
    assert fig.value is not None
    share = index.allocated(target, unit)
    judgement = judge_value(target, fig.value, as_of, index.thresholds, value=share)
    note = (_join(fig.note, f"只报 rate，未计入{index.district} Σ分子/Σ分母") if fig.bare_rate
            else fig.note)
    return _row(target, unit, as_of, judgement, fig, roles, value=share, note=note)


def _row(target: Target, unit: str, as_of: Month, judgement: Judgement, fig: Figure,
         roles: tuple[Role, ...], *, contribution: bool = False,
         value: float | Decimal | None = None, note: str | None = None) -> Assessment:
    goal = value if value is not None else target.value
    return Assessment(
        id=target.id,
        item=target.item,
        unit=unit,
        measure=target.measure,
        status=judgement.status,
        title=target.title,
        target=None if goal is None else to_decimal(goal),
        expected=judgement.expected,
        actual=fig.value,
        gap=judgement.gap,
        lag_pp=judgement.lag_pp,
        unit_of_measure=target.unit,
        window=(str(target.window.start), str(target.window.end)),
        as_of=str(as_of),
        direction=target.direction,
        roles=roles,
        contribution=contribution,
        state=fig.state,
        note=note if note is not None else fig.note,
        numerator=fig.numerator,
        denominator=fig.denominator,
        figure_period=None if fig.period is None else str(fig.period),
        closed=closed(target.window, as_of),
    )


_STATE_STATUS = {"blocked": Status.behind, "done": Status.achieved}


def _ongoing_row(item: Item, entry: ItemReport, unit: str, as_of: Month,
                 roles: tuple[Role, ...], month: Month) -> Assessment:
    """An item without a measurable target: blocked is amber, done is achieved, else neutral."""
    status = _STATE_STATUS.get(entry.state or "", Status.ongoing)
    return Assessment(
        id=item.id, item=item.id, unit=unit, measure="ongoing", status=status, title=item.title,
        target=None, expected=None,
        actual=None if entry.value is None else Decimal(entry.value),
        gap=None, lag_pp=None, unit_of_measure=entry.unit, window=item.window, as_of=str(as_of),
        roles=roles, state=entry.state, note=entry.note, figure_period=str(month),
    )


def _join(a: str | None, b: str) -> str:
    return b if not a else f"{a}；{b}"
