"""The district picture (全区汇总) for ``mljy status``: every report of a folder, one view.

Stage three of the flow, like :mod:`meilijiayuan.judge.rules`, whose engine it reuses: the
district rows come from :func:`~meilijiayuan.judge.rules.evaluate_district`, the rows of one
organisation from :func:`~meilijiayuan.judge.rules.evaluate_report`. Everything here is pure
except :func:`collect`, the loader, which reads and validates each file once.

Decisions this module makes where the contract leaves room (see ``mljy status --help``):

- **Corrections and duplicates.** Of an organisation's reports for one month, the one
  with the strictly latest ``submitted`` date replaces the others whole (a correction).
  When the latest date is shared, or a report of the month has no ``submitted`` date,
  the reports cannot be ordered: each gets a ``duplicate-report`` error naming the others,
  and none of that month's reports is used (never merged); the organisation's earlier
  months still count.
- **Carry-forward.** As in :func:`~meilijiayuan.judge.rules.latest_reports`, an item
  reported in an earlier month stays in effect until a later report gives it again.
- **Who should have reported** for the period: every organisation that is a required
  reporter of a measurable target or milestone whose window contains the period; it
  owes those targets. It is missing when it has no usable report dated that month.
  Ongoing duties (推进…/持续…) oblige no report (formats.md section 6).
- **Late.** A report is late when ``submitted`` is after day ``report_due_day`` of the
  month after its period; without a ``submitted`` date it is not judged. An
  organisation is listed as late for the period when its *first* report of the month
  was late (a correction sent after the due day does not make an on-time report late).
  Late warnings are given for the period only; duplicates for every month.
- **Matrix.** Targets with more than one required reporter whose window contains the
  period; a cell per required reporter that has a row from ``evaluate_report``.
- **Trend.** The months that have reports, up to and including the period (always
  included); a target's points are the months inside its window (a month without a
  district figure is a point without ``actual``); a target no one has given a figure
  for has no trend; ``change`` is the difference from the previous point's figure.
- **Ranking** (分级考核): streets, towns and zones by red rows, then amber rows, then
  whether they reported for the period, fewest first; ties share a rank (1, 2, 2, 4).
  Rows are the unit's own (contribution rows, which only count toward the district, are
  neutral and not counted).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from typing import NamedTuple

from meilijiayuan.findings import Finding
from meilijiayuan.judge.records import Assessment, Level, Status
from meilijiayuan.judge.rules import evaluate_district, evaluate_report
from meilijiayuan.periods import Month
from meilijiayuan.plan.index import PlanIndex
from meilijiayuan.plan.model import Target
from meilijiayuan.read.files import iter_yaml_files
from meilijiayuan.read.limits import DEFAULT_LIMITS, Limits
from meilijiayuan.report.model import ItemReport, Report
from meilijiayuan.report.validate import FileResult, validate_file

__all__ = [
    "RANKED_KINDS", "DistrictPicture", "LateReport", "MissingReport", "RankRow", "Submission",
    "Trend", "TrendPoint", "build_picture", "collect", "due_date", "effective_submissions",
    "latest_period", "missing_report_findings", "owed_targets", "submission_of", "sweep",
]

RANKED_KINDS = frozenset({"street", "town", "zone"})
"""Organisation kinds ranked for the plan's 分级考核 (streets, towns, development zones)."""

Position = tuple[int, int]

# The records are NamedTuples: a dataclass writes and compiles its methods at every start
# of the program (about 5 M instructions each, 1 ms).


class Submission(NamedTuple):
    """One valid report as received: who, for which month, when, and whether it was late."""

    file: str
    unit: str  # canonical organisation
    period: Month
    submitted: dt.date | None
    report: Report
    late: bool
    period_at: Position | None = None  # where ``period:`` is written (line, column)
    submitted_at: Position | None = None  # where ``submitted:`` is written
    sheet: str | None = None  # a workbook's sheet: the positions are then row and column

    @property
    def at(self) -> Position | None:
        """Where a finding about this submission goes: its ``submitted`` date, else ``period``."""
        return self.submitted_at or self.period_at


class MissingReport(NamedTuple):
    """An organisation that owed a report for ``period`` and sent none (未报送)."""

    unit: str
    period: Month
    items: tuple[str, ...]  # the target ids it owes


class LateReport(NamedTuple):
    """A report that arrived after the due day (迟报)."""

    unit: str
    period: Month
    submitted: dt.date
    due: dt.date
    file: str


class TrendPoint(NamedTuple):
    """The district figure of one target at one month."""

    period: Month
    actual: float | None
    expected: float | None
    status: Status
    change: float | None  # actual − the previous point's actual


class Trend(NamedTuple):
    """One target's district figure over the months with reports."""

    id: str
    title: str
    unit_of_measure: str | None
    target: float | None
    window: tuple[str, str]
    points: tuple[TrendPoint, ...]


class RankRow(NamedTuple):
    """A street or town in the ranking: its rows by colour at the period."""

    rank: int
    unit: str
    kind: str
    red: int
    amber: int
    green: int
    missing: int  # rows with status ``missing`` (also counted in ``red``)
    reported: bool  # a usable report dated the period


class DistrictPicture(NamedTuple):
    """Everything ``mljy status`` shows for one period."""

    period: Month
    as_of: str  # the period's last day, YYYY-MM-DD
    district: list[Assessment]
    matrix: dict[str, dict[str, Assessment]]  # target id → unit → assessment
    missing_reports: list[MissingReport]
    late_reports: list[LateReport]
    trend: list[Trend]
    ranking: list[RankRow]
    findings: list[Finding]
    months: list[Month]  # months with reports, ≤ period
    reports: int  # usable reports dated the period

    @property
    def previous(self) -> Month | None:
        """The month with reports before the period (what ``change`` compares with)."""
        earlier = [m for m in self.months if m < self.period]
        return earlier[-1] if earlier else None


# --- reading (the only I/O) ---------------------------------------------------------------


def collect(paths: Iterable[str], index: PlanIndex, *, encoding: str | None = None,
            limits: Limits | None = None) -> tuple[list[Submission], list[FileResult]]:
    """Read and validate every YAML file under ``paths`` once.

    Returns the valid reports as submissions, and the result of every file (invalid ones
    included, with their findings). A valid plan file among them is not a report and is
    left out of the submissions.
    """
    submissions: list[Submission] = []
    results: list[FileResult] = []
    for path, problem in iter_yaml_files(paths):
        if problem is not None:
            results.append(FileResult(path, "unknown", [problem]))
            continue
        result = validate_file(path, index, encoding=encoding, limits=limits or DEFAULT_LIMITS)
        results.append(result)
        submission = submission_of(result, index)
        if submission is not None:
            submissions.append(submission)
    return submissions, results


def submission_of(result: FileResult, index: PlanIndex) -> Submission | None:
    """The submission of a validated report, or ``None`` when it is invalid or not a report."""
    report, unit = result.report, result.unit
    if not result.ok or report is None or unit is None:
        return None
    doc = result.doc
    period_at = doc.pos(("period",)) if doc is not None else None
    submitted_at = None
    if doc is not None and report.submitted is not None:
        submitted_at = doc.pos(("submitted",))
    late = report.submitted is not None and report.submitted > due_date(index, report.period)
    return Submission(result.file, unit, report.period, report.submitted, report, late,
                      period_at, submitted_at, doc.sheet if doc is not None else None)


def due_date(index: PlanIndex, period: Month) -> dt.date:
    """The day a report for ``period`` is due: ``report_due_day`` of the next month."""
    return period.plus(1).first_day().replace(day=index.meta.report_due_day)


def latest_period(submissions: Iterable[Submission]) -> Month | None:
    """The latest month any submission reports, or ``None``."""
    return max((s.period for s in submissions), default=None)


# --- which report counts ------------------------------------------------------------------


def effective_submissions(submissions: Iterable[Submission]
                          ) -> tuple[list[Submission], list[Finding]]:
    """One submission per organisation and month (a correction replaces the earlier ones),
    sorted by month then file; plus a ``duplicate-report`` error for each report whose
    month cannot be settled (see the module docstring)."""
    groups: dict[tuple[str, Month], list[Submission]] = {}
    for s in submissions:
        groups.setdefault((s.unit, s.period), []).append(s)
    kept: list[Submission] = []
    findings: list[Finding] = []
    for group in groups.values():
        if len(group) == 1:
            kept.append(group[0])
            continue
        latest = max((s.submitted for s in group if s.submitted is not None), default=None)
        winners = [s for s in group if s.submitted == latest]
        undated = [s for s in group if s.submitted is None]
        if latest is not None and len(winners) == 1 and not undated:
            kept.append(winners[0])
            continue
        # each of these could be the month's report: the ones sharing the latest date, and
        # the undated ones (all of them when none is dated); the rest were corrected
        clash = sorted((s for s in group if s.submitted is None or s.submitted == latest),
                       key=lambda s: s.file)
        for s in clash:
            others = [o.file for o in clash if o is not s]
            at = s.at
            findings.append(Finding(
                "duplicate-report", s.file, at[0] if at else None, at[1] if at else None,
                {"unit": s.unit, "period": str(s.period), "other": others},
                sheet=s.sheet if at else None))
    kept.sort(key=lambda s: (s.period, s.file))
    return kept, findings


def sweep(effective: Sequence[Submission], months: Iterable[Month]
          ) -> Iterator[tuple[Month, dict[str, Report]]]:
    """For each month (ascending), every organisation's report in effect at that month.

    ``effective`` is sorted by month with one submission per organisation and month (see
    :func:`effective_submissions`). One pass: each submission is merged once, and an
    organisation's report is rebuilt only in a month it reported. Items carry forward as
    in :func:`~meilijiayuan.judge.rules.latest_reports`.
    """
    items: dict[str, dict[str, ItemReport]] = {}
    current: dict[str, Report] = {}
    i = 0
    for month in months:
        changed: dict[str, Report] = {}
        while i < len(effective) and effective[i].period <= month:
            s = effective[i]
            earlier = items.setdefault(s.unit, {})
            # a report that gives every item given before is in effect as it is
            whole = s.report.unit == s.unit and earlier.keys() <= s.report.items.keys()
            earlier.update(s.report.items)
            changed[s.unit] = s.report if whole else _merged(s, earlier)
            i += 1
        current.update(changed)
        yield month, dict(current)


def _merged(s: Submission, items: dict[str, ItemReport]) -> Report:
    """``s``'s report with the items carried forward from the organisation's earlier ones."""
    return s.report.model_copy(update={"unit": s.unit, "items": dict(items)})


def owed_targets(index: PlanIndex, period: Month) -> dict[str, tuple[str, ...]]:
    """Organisation → the targets it must report for ``period`` (window contains it)."""
    open_targets = [t for t in index.plan.targets if t.window.start <= period <= t.window.end]
    owed: dict[str, tuple[str, ...]] = {}
    for org in index.organisations:
        ids = tuple(t.id for t in open_targets if index.is_reporter(org, t.id))
        if ids:
            owed[org] = ids
    return owed


# --- the picture --------------------------------------------------------------------------


def build_picture(index: PlanIndex, submissions: Sequence[Submission], period: Month, *,
                  files: Sequence[FileResult] = ()) -> DistrictPicture:
    """The district picture at ``period`` from every valid submission (any months).

    ``files`` (from :func:`collect`) adds the findings of every file read, so the picture
    lists invalid files too.
    """
    effective, findings = effective_submissions(submissions)
    months = sorted({s.period for s in effective if s.period <= period} | {period})
    measurable = [t for t in index.plan.targets if t.measure != "milestone"]

    series: dict[str, list[tuple[Month, Assessment]]] = {t.id: [] for t in measurable}
    district: list[Assessment] = []
    in_effect: dict[str, Report] = {}
    for month, reports in sweep(effective, months):
        if month == period:
            district = evaluate_district(index, reports, month)
            in_effect = reports
            rows = [a for a in district if a.id in series]
            rows = [a for a in rows if _inside(index.targets[a.id], month)]
        else:
            only = {t.id for t in measurable if _inside(t, month)}
            rows = evaluate_district(index, reports, month, only=only) if only else []
        for a in rows:
            series[a.id].append((month, a))

    this_month = [s for s in effective if s.period == period]
    reported = {s.unit for s in this_month}
    late = _late(index, submissions, period)
    shared = [t for t in index.plan.targets
              if len(index.reporters[t.id]) > 1 and _inside(t, period)]
    evaluations = _unit_rows(index, in_effect, period, shared)
    return DistrictPicture(
        period=period,
        as_of=period.last_day().isoformat(),
        district=district,
        matrix=_matrix(index, evaluations, shared),
        missing_reports=[MissingReport(org, period, ids)
                         for org, ids in owed_targets(index, period).items()
                         if org not in reported],
        late_reports=[LateReport(s.unit, period, s.submitted, due_date(index, period), s.file)
                      for s in late if s.submitted is not None],
        trend=[_trend(index.targets[tid], rows) for tid, rows in series.items()
               if any(a.actual is not None for _, a in rows)],
        ranking=_ranking(index, evaluations, reported),
        findings=[f for r in files for f in r.findings] + findings
        + [_late_finding(index, s) for s in late],
        months=months,
        reports=len(this_month),
    )


def missing_report_findings(picture: DistrictPicture, index: PlanIndex) -> list[Finding]:
    """The missing reports as ``missing-report`` warnings (no file: the report does not exist),
    for the renderers that only speak findings (GitHub annotations, JUnit)."""
    return [Finding("missing-report", "", args={
        "unit": m.unit, "period": str(m.period), "items": list(m.items),
        "due_day": index.meta.report_due_day}) for m in picture.missing_reports]


def _inside(target: Target, month: Month) -> bool:
    return target.window.start <= month <= target.window.end


def _late(index: PlanIndex, submissions: Sequence[Submission], period: Month
          ) -> list[Submission]:
    """Per organisation, its first report for ``period`` when that one came after the due day."""
    first: dict[str, Submission] = {}
    for s in sorted((s for s in submissions if s.period == period and s.submitted is not None),
                    key=lambda s: (s.submitted or dt.date.min, s.file)):
        first.setdefault(s.unit, s)
    order = {org: i for i, org in enumerate(index.organisations)}
    return sorted((s for s in first.values() if s.late), key=lambda s: order.get(s.unit, 0))


def _late_finding(index: PlanIndex, s: Submission) -> Finding:
    at = s.at
    return Finding("late-report", s.file, at[0] if at else None, at[1] if at else None, {
        "unit": s.unit, "period": str(s.period),
        "submitted": s.submitted.isoformat() if s.submitted else "?",
        "due": due_date(index, s.period).isoformat(), "due_day": index.meta.report_due_day},
        sheet=s.sheet if at else None)


def _unit_rows(index: PlanIndex, in_effect: dict[str, Report], period: Month,
               shared: Sequence[Target]) -> dict[str, list[Assessment]]:
    """At ``period``, the rows of every organisation the matrix (a reporter of a ``shared``
    target) or the ranking shows."""
    wanted = {org for t in shared for org in index.reporters[t.id]}
    wanted |= {o.name for o in index.organisations.values() if o.kind in RANKED_KINDS}
    out: dict[str, list[Assessment]] = {}
    for org in index.organisations:
        if org not in wanted:
            continue
        report = in_effect.get(org) or Report.model_construct(
            unit=org, period=period, submitted=None, contact=None, note=None, items={})
        out[org] = evaluate_report(index, report, org, period).assessments
    return out


def _matrix(index: PlanIndex, evaluations: dict[str, list[Assessment]],
            shared: Sequence[Target]) -> dict[str, dict[str, Assessment]]:
    """Target → unit → row, for the targets with several reporters whose window is open."""
    by_unit = {org: {a.id: a for a in rows} for org, rows in evaluations.items()}
    matrix: dict[str, dict[str, Assessment]] = {}
    for t in shared:
        cells = {org: by_unit[org][t.id] for org in index.organisations
                 if org in index.reporters[t.id] and t.id in by_unit.get(org, {})}
        if cells:
            matrix[t.id] = cells
    return matrix


def _trend(target: Target, rows: list[tuple[Month, Assessment]]) -> Trend:
    points: list[TrendPoint] = []
    previous: float | None = None
    for month, a in rows:
        change = None
        if a.actual is not None and previous is not None:
            change = round(a.actual - previous, 6) + 0.0
        points.append(TrendPoint(month, a.actual, a.expected, a.status, change))
        previous = a.actual
    return Trend(target.id, target.title, target.unit, rows[-1][1].target,
                 (str(target.window.start), str(target.window.end)), tuple(points))


def _level(a: Assessment) -> Level:
    """A row's colour; a contribution row (only counted toward the district) is neutral."""
    return Level.neutral if a.contribution and a.status is Status.ongoing else a.status.level


def _ranking(index: PlanIndex, evaluations: dict[str, list[Assessment]],
             reported: set[str]) -> list[RankRow]:
    rows: list[tuple[tuple[int, int, int], RankRow]] = []
    for org, o in index.organisations.items():
        if o.kind not in RANKED_KINDS:
            continue
        levels = [_level(a) for a in evaluations.get(org, ())]
        red, amber = levels.count(Level.red), levels.count(Level.amber)
        missing = sum(1 for a in evaluations.get(org, ()) if a.status is Status.missing)
        row = RankRow(0, org, o.kind, red, amber, levels.count(Level.green), missing,
                      org in reported)
        rows.append(((red, amber, 0 if row.reported else 1), row))
    rows.sort(key=lambda p: p[0])  # stable: plan order within a tie
    ranked: list[RankRow] = []
    for i, (key, row) in enumerate(rows):
        rank = ranked[-1].rank if i and rows[i - 1][0] == key else i + 1
        ranked.append(RankRow(rank, row.unit, row.kind, row.red, row.amber, row.green,
                              row.missing, row.reported))
    return ranked
