"""The 序时进度 rules (formats.md section 6): reports → :class:`Assessment` records.

Stage three of the flow (load → validate → **evaluate** → render). Pure: nothing here
opens a file, prints, or reads the clock; the as-of month is always an argument.

For a target with window [s, e], baseline B and value T, at the as-of month t:

- schedule share f = months s..t / months s..e, clamped to [0, 1]
- completion c = (A − B) / (T − B) (a ``decrease`` target has T < B, so the same
  formula flips the sign)
- lag L = 100·(f − c) percentage points, expected E = B + (T − B)·f, gap = E − A
  (A − E for ``decrease``, so a positive gap always means behind)

Decisions this module makes where the contract leaves room:

- *achieved* is checked first: a target met (or a milestone done) is achieved even
  before its window starts; then *not_due* (t < s), then *overdue* (t ≥ e), then the lag.
- Lag thresholds are compared with a tolerance of 1e-9 pp, so a lag of exactly 10 is
  ``on_track`` even when floating point makes it 10.000000000000002.
- **Contribution rows**: a unit's figure for a target judged for the district only
  (``sum``/``ratio`` without allocation and not ``per_unit``) is shown with
  ``contribution=True`` and the neutral status ``ongoing`` (label "计入全区"); expected,
  gap and lag stay empty, so one town's share is never red against the district target.
  A required figure that is missing is still ``missing`` (red): the district sum needs it.
- **Items without a measurable target** (推进…/持续…) appear only when reported:
  state ``blocked`` → ``behind`` (amber) with ``state="blocked"``; ``done`` →
  ``achieved``; otherwise ``ongoing``.
- Targets the unit must report whose window has not started are listed as ``not_due``;
  targets whose window has closed are listed only when the report still gives a figure.
- A total with ``parts`` (K2018-1 = K2018-1a + K2018-1b) that a report leaves out is the
  sum of its parts when every part is given, so it is not reported missing twice.
- A bare ``rate:`` judges the unit itself but never enters the district Σnum/Σden.
- District rows: ``lead`` takes the first reporter (plan order) that gave a figure;
  milestones are done only when every required reporter reports done; a ``per_unit``
  quantity's district value is T × (number of required reporters).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping
from typing import Any, NamedTuple

from meilijiayuan.findings import Finding, has_errors
from meilijiayuan.judge.records import Assessment, Status
from meilijiayuan.measures import convert
from meilijiayuan.periods import Month, months_inclusive
from meilijiayuan.plan.index import Item, PlanIndex, Role
from meilijiayuan.plan.model import Target, Thresholds, Window
from meilijiayuan.report.model import ItemReport, Report, reported_quantity

__all__ = [
    "EPSILON", "CheckRun", "CheckedReport", "Figure", "Judgement", "Locate", "ReportEvaluation",
    "count_statuses", "evaluate_district", "evaluate_report", "figure_of", "is_contribution",
    "judge_milestone", "judge_value", "latest_reports", "schedule_share",
]

EPSILON = 1e-9
"""Tolerance for comparing computed figures (lag in pp, values against the target)."""

YamlPath = tuple[str | int, ...]
Locate = Callable[[YamlPath], "tuple[int, int] | None"]
"""Maps a path in the report (``("items", "K2018-4", "this_month")``) to (line, column)."""


# The records below are NamedTuples and plain classes rather than dataclasses: a dataclass
# compiles its generated methods at every start, and as dataclasses these five cost 14 M
# instructions (1.4 %) of every ``mljy check``, before a single report was read.


class Judgement(NamedTuple):
    """The outcome of the status rules for one figure: status and the schedule figures."""

    status: Status
    expected: float | None = None
    gap: float | None = None
    lag_pp: float | None = None


class Figure(NamedTuple):
    """What one unit reported for one target, in the target's unit (a rate in %)."""

    value: float | None = None
    numerator: float | None = None
    denominator: float | None = None
    state: str | None = None
    bare_rate: bool = False
    note: str | None = None
    computed: bool = False  # value derived (a rate, a unit conversion, a sum), not as typed


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


class CheckedReport:
    """One input of ``mljy check``: its findings and, when it is a valid report, its evaluation."""

    __slots__ = ("as_of_date", "district", "evaluation", "file", "findings")

    def __init__(self, file: str, findings: list[Finding] | None = None,
                 evaluation: ReportEvaluation | None = None,
                 district: list[Assessment] | None = None, as_of_date: str | None = None) -> None:
        self.file = file
        self.findings: list[Finding] = [] if findings is None else findings
        self.evaluation = evaluation
        self.district: list[Assessment] = [] if district is None else district  # 全区 rows
        self.as_of_date = as_of_date  # YYYY-MM-DD the evaluation is as of

    @property
    def ok(self) -> bool:
        """Valid input: no error findings and an evaluation."""
        return self.evaluation is not None and not has_errors(self.findings)


class CheckRun:
    """Everything one ``mljy check`` run found, in input order, for the renderers."""

    __slots__ = ("files", "findings", "reports")

    def __init__(self, reports: list[CheckedReport] | None = None,
                 findings: list[Finding] | None = None, files: list[Any] | None = None) -> None:
        self.reports: list[CheckedReport] = [] if reports is None else reports
        # about the run (--reports, --previous)
        self.findings: list[Finding] = [] if findings is None else findings
        self.files: list[Any] = [] if files is None else files  # the valid inputs' FileResults


# --- the rules ------------------------------------------------------------------------------


def schedule_share(window: Window, as_of: Month) -> float:
    """f: the share of the window's months from its start through ``as_of``, in [0, 1]."""
    total = months_inclusive(window.start, window.end)
    done = months_inclusive(window.start, as_of)
    return min(1.0, done / total)


def _met(actual: float, target: float, direction: str) -> bool:
    slack = EPSILON * max(1.0, abs(target))
    return actual >= target - slack if direction == "increase" else actual <= target + slack


def _clean(x: float) -> float:
    """Drop floating-point noise (0.30000000000000004 → 0.3) but keep 15 significant digits,
    so a small converted figure (0.001 平方米 = 1e-07 万平方米) never becomes 0."""
    return float(f"{x:.15g}") + 0.0


def judge_value(target: Target, actual: float, as_of: Month, thresholds: Thresholds,
                *, value: float | None = None) -> Judgement:
    """Status of a quantity or rate ``actual`` against ``target`` (or ``value``: a unit's share)."""
    goal = target.value if value is None else value
    if goal is None:
        raise ValueError(f"target {target.id} has no value")
    base = target.baseline
    span = goal - base
    window = target.window
    f = schedule_share(window, as_of)
    expected = base + span * f
    gap = expected - actual if target.direction == "increase" else actual - expected
    # 100·(f − c) with c = (A − B)/(T − B), written so round numbers stay exact
    lag = 100.0 * (span * f - (actual - base)) / span if span else 0.0
    figures = {"expected": _clean(expected), "gap": _clean(gap), "lag_pp": _clean(lag)}
    if _met(actual, goal, target.direction):
        return Judgement(Status.achieved, **figures)
    if as_of < window.start:
        return Judgement(Status.not_due)
    if as_of >= window.end:
        return Judgement(Status.overdue, **figures)
    if lag <= thresholds.amber_lag + EPSILON:
        return Judgement(Status.on_track, **figures)
    if lag <= thresholds.red_lag + EPSILON:
        return Judgement(Status.behind, **figures)
    return Judgement(Status.at_risk, **figures)


def judge_milestone(window: Window, state: str, as_of: Month) -> Status:
    """Status of a milestone in ``state`` (not_started | in_progress | done | blocked)."""
    if state == "done":
        return Status.achieved
    if as_of < window.start:
        return Status.not_due
    if as_of >= window.end:
        return Status.overdue
    months_left = window.end.index - as_of.index
    total = months_inclusive(window.start, window.end)
    done = months_inclusive(window.start, as_of)
    past_half = 2 * done > total
    if state == "blocked" or months_left <= 1 or (state == "not_started" and past_half):
        return Status.behind
    return Status.on_track


def _unreported(window: Window, as_of: Month) -> Status | None:
    """A required figure that is absent: not_due before the window, missing inside it, else None."""
    if as_of < window.start:
        return Status.not_due
    if as_of <= window.end:
        return Status.missing
    return None


# --- figures ------------------------------------------------------------------------------


def figure_of(entry: ItemReport, target: Target) -> Figure:
    """A report entry as a figure in the target's unit (a rate as 100·numerator/denominator)."""
    state = entry.state
    if target.measure == "quantity":
        value = reported_quantity(entry, target)
        converted = entry.unit is not None and entry.unit != target.unit
        return Figure(value=value, state=state, note=entry.note, computed=converted)
    if target.measure == "rate":
        num, den = entry.numerator, entry.denominator
        if num is not None and den:
            return Figure(value=float(num) * 100.0 / float(den), numerator=num, computed=True,
                          denominator=den, state=state, note=entry.note)
        if entry.rate is not None:
            return Figure(value=entry.rate, state=state, bare_rate=True, note=entry.note)
        return Figure(state=state, note=entry.note)
    return Figure(state=state, note=entry.note)


def _has_figure(fig: Figure, target: Target) -> bool:
    return fig.state is not None if target.measure == "milestone" else fig.value is not None


def is_contribution(index: PlanIndex, target: Target, unit: str) -> bool:
    """True when ``unit``'s figure only counts toward the district and is not judged itself."""
    if not index.is_reporter(unit, target.id):
        return True
    if target.measure == "milestone" or target.per_unit or target.aggregate == "lead":
        return False
    return _allocated(index, target, unit) is None


def _allocated(index: PlanIndex, target: Target, unit: str) -> float | None:
    if not target.allocation:
        return None
    for name, share in target.allocation.items():
        if (index.canonical(name) or name) == unit:
            return share
    return None


# --- one unit -----------------------------------------------------------------------------


def evaluate_report(index: PlanIndex, report: Report, unit: str, as_of: Month, *,
                    previous: Report | None = None, locate: Locate | None = None,
                    file: str = "") -> ReportEvaluation:
    """Judge one unit's report at ``as_of``: every item it reported or must report.

    ``unit`` is the canonical organisation (``FileResult.unit``). ``previous`` (the same
    unit's earlier report) enables the this_month checks; their findings are placed in
    ``file`` at ``locate(path)`` when given.
    """
    roles_of: dict[str, tuple[Role, ...]] = {
        r.item.id: r.roles for r in index.responsibilities(unit)
    }
    rows: list[Assessment] = []
    for item in index.items.values():
        roles = roles_of.get(item.id, ())
        for target in index.targets_of_item.get(item.id, ()):
            row = _target_row(index, report, unit, as_of, target, roles)
            if row is not None:
                rows.append(row)
        entry = report.items.get(item.id)
        if entry is not None and item.id not in index.targets:
            rows.append(_ongoing_row(item, entry, unit, as_of, roles))
    findings = _consistency(index, report, previous, locate, file) if previous is not None else []
    return ReportEvaluation(unit, report.period, as_of, rows, findings)


def _target_row(index: PlanIndex, report: Report, unit: str, as_of: Month, target: Target,
                roles: tuple[Role, ...]) -> Assessment | None:
    fig = _report_figure(index, report, target) or Figure()
    contribution = is_contribution(index, target, unit)
    if not _has_figure(fig, target):
        if not index.is_reporter(unit, target.id):
            return None
        status = _unreported(target.window, as_of)
        if status is None:
            return None
        return _row(target, unit, as_of, Judgement(status), fig, roles, contribution=contribution)
    if contribution:
        return _row(target, unit, as_of, Judgement(Status.ongoing), fig, roles, contribution=True)
    if target.measure == "milestone":
        assert fig.state is not None
        judgement = Judgement(judge_milestone(target.window, fig.state, as_of))
        return _row(target, unit, as_of, judgement, fig, roles)
    assert fig.value is not None
    share = _allocated(index, target, unit)
    judgement = judge_value(target, fig.value, as_of, index.thresholds, value=share)
    note = _join(fig.note, "只报 rate，未计入全区 Σ分子/Σ分母") if fig.bare_rate else fig.note
    return _row(target, unit, as_of, judgement, fig, roles, value=share, note=note)


def _row(target: Target, unit: str, as_of: Month, judgement: Judgement, fig: Figure,
         roles: tuple[Role, ...], *, contribution: bool = False, value: float | None = None,
         note: str | None = None, reporters: int | None = None,
         expected_reporters: int | None = None) -> Assessment:
    return Assessment(
        id=target.id,
        item=target.item,
        unit=unit,
        measure=target.measure,
        status=judgement.status,
        title=target.title,
        target=value if value is not None else target.value,
        expected=judgement.expected,
        # a figure as typed is shown exactly; only derived ones lose floating-point noise
        actual=None if fig.value is None else (_clean(fig.value) if fig.computed else fig.value),
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
        reporters=reporters,
        expected_reporters=expected_reporters,
    )


_STATE_STATUS = {"blocked": Status.behind, "done": Status.achieved}


def _ongoing_row(item: Item, entry: ItemReport, unit: str, as_of: Month,
                 roles: tuple[Role, ...]) -> Assessment:
    """An item without a measurable target: blocked is amber, done is achieved, else neutral."""
    status = _STATE_STATUS.get(entry.state or "", Status.ongoing)
    return Assessment(
        id=item.id, item=item.id, unit=unit, measure="ongoing", status=status, title=item.title,
        target=None, expected=None, actual=entry.value,
        gap=None, lag_pp=None, unit_of_measure=entry.unit, window=item.window, as_of=str(as_of),
        roles=roles, state=entry.state, note=entry.note,
    )


def _join(a: str | None, b: str) -> str:
    return b if not a else f"{a}；{b}"


def _consistency(index: PlanIndex, report: Report, previous: Report, locate: Locate | None,
                 file: str) -> list[Finding]:
    """this_month against the change since the previous report; totals that went down."""
    if previous.period >= report.period:
        return []
    consecutive = previous.period == report.period.plus(-1)
    out: list[Finding] = []
    for item_id, entry in report.items.items():
        target = index.targets.get(item_id)
        if target is None or target.measure != "quantity" or target.basis != "cumulative":
            continue
        value = reported_quantity(entry, target)
        if value is None:
            continue
        before: float | None
        if previous.period < target.window.start:
            before = 0.0  # the window's running total starts from nothing
        else:
            prev_entry = previous.items.get(item_id)
            before = reported_quantity(prev_entry, target) if prev_entry is not None else None
        if before is None:
            continue
        if value < before - EPSILON * max(1.0, abs(before)):
            out.append(_finding("value-decreased", file, locate, ("items", item_id, "value"),
                                item_id, value=_fmt(value), previous=_fmt(before)))
            continue
        if consecutive and entry.this_month is not None:
            this_month = _this_month(entry, target)
            delta = value - before
            if this_month is not None and not math.isclose(this_month, delta, rel_tol=1e-6,
                                                           abs_tol=1e-6):
                out.append(_finding("this-month-inconsistent", file, locate,
                                    ("items", item_id, "this_month"), item_id,
                                    this_month=_fmt(this_month), previous=_fmt(before),
                                    delta=_fmt(delta)))
    return out


def _report_figure(index: PlanIndex, report: Report, target: Target) -> Figure | None:
    """The figure for ``target``; a total left out is the sum of its parts when all are given."""
    entry = report.items.get(target.id)
    if entry is not None:
        fig = figure_of(entry, target)
        return fig if _has_figure(fig, target) else None
    if not target.parts or target.measure != "quantity":
        return None
    values = []
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
        values.append(in_unit)
    return Figure(value=math.fsum(values), note="分项合计 " + " + ".join(target.parts),
                  computed=True)


def _this_month(entry: ItemReport, target: Target) -> float | None:
    if entry.this_month is None:
        return None
    if entry.unit is None or target.unit is None:
        return float(entry.this_month)
    return convert(float(entry.this_month), entry.unit, target.unit)


def _finding(code: str, file: str, locate: Locate | None, path: YamlPath, item: str,
             **args: str) -> Finding:
    pos = locate(path) if locate is not None else None
    return Finding(code, file, pos[0] if pos else None, pos[1] if pos else None,
                   {"item": item, **args}, item=item)


def _fmt(x: float) -> str:
    return f"{_clean(x):g}"


# --- the district -------------------------------------------------------------------------


def latest_reports(index: PlanIndex, reports: Iterable[Report], period: Month) -> dict[str, Report]:
    """Per organisation, its latest figure for every item from reports at or before ``period``.

    A cumulative figure or a state stays valid until a later report replaces it, so an item
    reported in May and left out in June still counts. Of two reports for the same month the
    one submitted later wins (then the one given later). Keys are canonical names.
    """
    by_unit: dict[str, list[Report]] = {}
    for r in reports:
        org = index.canonical(r.unit)
        if org is not None and r.period <= period:
            by_unit.setdefault(org, []).append(r)
    out: dict[str, Report] = {}
    for org, rs in by_unit.items():
        ordered = sorted(enumerate(rs), key=lambda p: (p[1].period, _submitted_key(p[1]), p[0]))
        items: dict[str, ItemReport] = {}
        for _, r in ordered:
            items.update(r.items)
        last = ordered[-1][1]
        out[org] = Report.model_construct(unit=org, period=last.period, submitted=last.submitted,
                                          contact=last.contact, note=last.note, items=items)
    return out


def _submitted_key(r: Report) -> str:
    return r.submitted.isoformat() if r.submitted is not None else ""


def evaluate_district(index: PlanIndex, reports: Mapping[str, Report], as_of: Month, *,
                      only: Collection[str] | None = None) -> list[Assessment]:
    """The district (全区) assessment of every target, or of the target ids in ``only``.

    ``reports`` maps an organisation (canonical name or alias) to its report, e.g. from
    :func:`latest_reports`. Quantities are summed (``sum``), rates are Σnumerator/Σdenominator
    (``ratio``), ``lead`` takes the lead reporter's figure.
    """
    by_org = {index.canonical(k) or k: r for k, r in reports.items()}
    out: list[Assessment] = []
    for target in index.plan.targets:
        if only is not None and target.id not in only:
            continue
        out.append(_district_row(index, target, by_org, as_of))
    return out


def _district_row(index: PlanIndex, target: Target, by_org: Mapping[str, Report],
                  as_of: Month) -> Assessment:
    required = index.reporters[target.id]
    # plan order, so that `lead` takes the first reporter the plan names
    figures = [f for org in index.organisations if org in required and org in by_org
               for f in [_report_figure(index, by_org[org], target)] if f is not None]
    district = index.meta.district
    n_required = len(required)
    if not figures:
        status = _unreported(target.window, as_of) or Status.missing
        return _row(target, district, as_of, Judgement(status), Figure(), (),
                    reporters=0, expected_reporters=n_required)
    if target.measure == "milestone":
        state = _combined_state([f.state or "" for f in figures], n_required)
        judgement = Judgement(judge_milestone(target.window, state, as_of))
        return _row(target, district, as_of, judgement, Figure(state=state), (),
                    reporters=len(figures), expected_reporters=n_required)
    note: str | None = None
    value: float | None = None
    if target.aggregate == "lead":
        figures = figures[:1]
        fig = Figure(value=figures[0].value, numerator=figures[0].numerator,
                     denominator=figures[0].denominator, computed=figures[0].computed)
    elif target.measure == "rate":
        paired = [f for f in figures if f.numerator is not None and f.denominator]
        bare = len(figures) - len(paired)
        if bare:
            note = f"{bare} 个单位只报 rate，未计入 Σ分子/Σ分母"
        if not paired:
            return _row(target, district, as_of, Judgement(Status.missing), Figure(), (),
                        note=note, reporters=0, expected_reporters=n_required)
        num = math.fsum(f.numerator or 0.0 for f in paired)
        den = math.fsum(f.denominator or 0.0 for f in paired)
        fig = Figure(value=num * 100.0 / den, numerator=num, denominator=den, computed=True)
        figures = paired
    else:
        fig = Figure(value=math.fsum(f.value or 0.0 for f in figures), computed=True)
        if target.per_unit and target.value is not None:
            value = target.value * n_required
    assert fig.value is not None
    judgement = judge_value(target, fig.value, as_of, index.thresholds, value=value)
    return _row(target, district, as_of, judgement, fig, (), value=value, note=note,
                reporters=len(figures), expected_reporters=n_required)


def _combined_state(states: list[str], n_required: int) -> str:
    """The district's state of a milestone: done only when every required reporter is done."""
    if len(states) >= n_required and all(s == "done" for s in states):
        return "done"
    if "blocked" in states:
        return "blocked"
    if len(states) >= n_required and all(s == "not_started" for s in states):
        return "not_started"
    return "in_progress"


# --- summaries ------------------------------------------------------------------------------


def count_statuses(assessments: Iterable[Assessment]) -> Counter[str]:
    """Rows per status; neutral contribution rows are counted as ``contribution``."""
    counts: Counter[str] = Counter()
    for a in assessments:
        neutral = a.contribution and a.status is Status.ongoing
        counts["contribution" if neutral else a.status.value] += 1
    return counts
