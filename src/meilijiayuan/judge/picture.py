"""The meeting picture for one period (``mljy status``, ``mljy report``): district rows,
matrix, missing and late reports, trend and ranking, all from the figures in effect.

Pure: the submissions come in read and validated (:mod:`meilijiayuan.run.status`).

Decisions this module makes where the contract leaves room:

- **Which figures count**: :mod:`meilijiayuan.judge.in_effect`, the one rule shared with
  ``mljy check --reports``.
- **Who should have reported** for the period: every organisation that is a required
  reporter of a measurable target or milestone whose window contains the period; it owes
  those targets. It is in the missing-reports list when it has no usable report dated that
  month, even when older figures of its are carried (each shows its ``figure_period``); a
  report that holds no item (a blank template sent as it was) is no report, and one that
  failed validation is named with it, so the office knows to ask for a mended file.
  Ongoing duties (推进…/持续…) oblige no report.
- **Late.** A report is late when ``submitted`` is after day ``report_due_day`` of the
  month after its period; without a ``submitted`` date it is not judged. An organisation
  is listed as late when its *first* report of the month was late.
- **Matrix.** Targets with more than one required reporter whose window contains the
  period; a cell per required reporter.
- **Trend.** The months that have reports, up to and including the period; a target's points
  are the months inside its window; ``change`` is the exact difference from the previous
  point's figure.
- **Ranking** (分级考核): streets, towns and zones by red rows, then amber rows, then
  whether they reported for the period, fewest first; ties share a rank (1, 2, 2, 4). The
  rows counted are the organisation's own rows of targets open at the period (closed ones
  keep their final status in the district rows), so every red counted is in the ``units``
  of some district row. Each row keeps the red and amber rows it counts (``flagged``): the
  问题清单 lists exactly those, so its lines and the ranking's counts agree. ``missing``
  (未报项) counts the owed targets the organisation gave no figure for in a report dated
  the period: for an organisation in the missing-reports list it is the number of items
  listed there.
- **Plausibility** warnings are given for the reports dated the period, against each
  organisation's figures in effect before it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from pathlib import PurePath
from typing import NamedTuple, Protocol

from meilijiayuan.findings import Finding
from meilijiayuan.judge.district import evaluate_district
from meilijiayuan.judge.in_effect import Standing, Submission, settle, sweep
from meilijiayuan.judge.organisation import (
    before_window,
    evaluate_report,
    has_figure,
    report_figure,
)
from meilijiayuan.judge.plausibility import plausibility
from meilijiayuan.judge.records import Assessment, Level, Status
from meilijiayuan.periods import Month
from meilijiayuan.plan.index import PlanIndex
from meilijiayuan.plan.model import Target
from meilijiayuan.plan.owed import due_date, owed_targets
from meilijiayuan.report.model import Report

__all__ = [
    "DistrictPicture", "LateReport", "MissingReport", "RankRow", "Trend",
    "TrendPoint", "build_picture", "latest_period", "missing_report_findings",
]


class MissingReport(NamedTuple):
    """An organisation that owed a report for ``period`` and sent none (未报送)."""

    unit: str
    period: Month
    items: tuple[str, ...]  # the target ids it owes
    carried: tuple[str, ...] = ()  # of those, the ones with an older figure still in effect
    invalid: tuple[str, ...] = ()  # its files that failed validation (for this month, or of
    # a month that could not be read): it did send something, which must be mended
    empty: tuple[str, ...] = ()  # its report for the month that holds no item (a blank
    # template sent as it was): a report in name only


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
    actual: Decimal | None
    expected: Decimal | None
    status: Status
    change: Decimal | None  # actual − the previous point's actual


class Trend(NamedTuple):
    """One target's district figure over the months with reports."""

    id: str
    title: str
    unit_of_measure: str | None
    target: Decimal | None
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
    missing: int  # owed targets with no figure in a report dated the period (未报项)
    reported: bool  # a usable report dated the period
    flagged: tuple[Assessment, ...] = ()  # the red and amber rows counted, worst first


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


class _HasFindings(Protocol):
    @property
    def findings(self) -> list[Finding]: ...


def _rejected(index: PlanIndex, files: Sequence[_HasFindings], period: Month
              ) -> dict[str, list[str]]:
    """Organisation → its files that failed validation and report ``period`` (or a month that
    could not be read): a report that arrived but cannot be counted is not "no report". A
    file refused before its organisation could be read (a damaged workbook) is the
    organisation its name is (``马陆镇.xlsx``, as ``mljy template --all`` names them)."""
    out: dict[str, list[str]] = {}
    for f in files:
        if getattr(f, "ok", True):
            continue
        unit = getattr(f, "unit", None)
        if unit is None:
            stem = PurePath(str(getattr(f, "file", ""))).stem
            unit = index.organisations[stem].name if stem in index.organisations else None
        if unit is None:
            continue
        data = getattr(getattr(f, "doc", None), "data", None)
        text = data.get("period") if isinstance(data, dict) else None
        try:
            month = Month.parse(str(text)) if text is not None else None
        except ValueError:
            month = None
        if month is None or month == period:
            out.setdefault(unit, []).append(str(getattr(f, "file", "")))
    return out


def latest_period(submissions: Sequence[Submission]) -> Month | None:
    """The latest month any submission reports, or ``None``."""
    return max((s.period for s in submissions), default=None)


def build_picture(index: PlanIndex, submissions: Sequence[Submission], period: Month, *,
                  files: Sequence[_HasFindings] = ()) -> DistrictPicture:
    """The district picture at ``period`` from every valid submission (any months).

    ``files`` adds the findings of every file read, so the picture lists invalid files too.
    """
    effective, findings = settle(submissions)
    months = sorted({s.period for s in effective if s.period <= period} | {period})
    measurable = [t for t in index.plan.targets if t.measure != "milestone"]

    series: dict[str, list[tuple[Month, Assessment]]] = {t.id: [] for t in measurable}
    district: list[Assessment] = []
    standing: dict[str, Standing] = {}
    before: dict[str, Standing] = {}
    for month, standings in sweep(effective, months):
        if month == period:
            district = evaluate_district(index, standings, month)
            standing = standings
            rows = [a for a in district if a.id in series and _inside(index.targets[a.id], month)]
        else:
            before = standings
            only = {t.id for t in measurable if _inside(t, month)}
            rows = (evaluate_district(index, standings, month, only=only, with_units=False)
                    if only else [])
        for a in rows:
            series[a.id].append((month, a))

    this_month = [s for s in effective if s.period == period]
    for s in this_month:
        prev = before.get(s.unit)
        findings += plausibility(index, s.report, s.unit, prev.report if prev else None,
                                 locate=s.locate, file=s.file)
    reported = {s.unit: s.report for s in this_month}
    empty = {s.unit: s.file for s in this_month if not s.report.items}
    late = _late(index, submissions, period)
    shared = [t for t in index.plan.targets
              if len(index.reporters[t.id]) > 1 and _inside(t, period)]
    evaluations = _unit_rows(index, standing, period, shared)
    unreported = _unreported(index, reported, period)
    rejected = _rejected(index, files, period)
    return DistrictPicture(
        period=period,
        as_of=period.last_day().isoformat(),
        district=district,
        matrix=_matrix(index, evaluations, shared),
        missing_reports=[
            MissingReport(org, period, ids, tuple(i for i in ids if _carried(
                index, standing.get(org), index.targets[i], period)),
                tuple(rejected.get(org, ())), (empty[org],) if org in empty else ())
            for org, ids in unreported.items() if org not in reported or org in empty],
        late_reports=[LateReport(s.unit, period, s.submitted, due_date(index, period), s.file)
                      for s in late if s.submitted is not None],
        trend=[_trend(index.targets[tid], rows) for tid, rows in series.items()
               if any(a.actual is not None for _, a in rows)],
        ranking=_ranking(index, evaluations, set(reported) - set(empty), unreported),
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


def _carried(index: PlanIndex, s: Standing | None, target: Target, period: Month) -> bool:
    if s is None:
        return False
    fig = report_figure(index, s.report, target, s.periods)
    return fig is not None and has_figure(fig, target) and not before_window(fig, target, period)


def _unreported(index: PlanIndex, reported: dict[str, Report], period: Month
                ) -> dict[str, tuple[str, ...]]:
    """Organisation → the owed targets it gave no figure for in a report dated ``period``."""
    out: dict[str, tuple[str, ...]] = {}
    for org, ids in owed_targets(index, period).items():
        report = reported.get(org)
        left = tuple(i for i in ids if report is None
                     or report_figure(index, report, index.targets[i]) is None)
        if left:
            out[org] = left
    return out


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


def _unit_rows(index: PlanIndex, standing: dict[str, Standing], period: Month,
               shared: Sequence[Target]) -> dict[str, list[Assessment]]:
    """At ``period``, the rows of every organisation the matrix (a reporter of a ``shared``
    target) or the ranking shows."""
    wanted = {org for t in shared for org in index.reporters[t.id]}
    wanted |= {o.name for o in index.organisations.values() if o.kind in index.ranked_kinds}
    out: dict[str, list[Assessment]] = {}
    for org in index.organisations:
        if org not in wanted:
            continue
        s = standing.get(org)
        report = s.report if s is not None else Report.model_construct(
            unit=org, period=period, submitted=None, contact=None, note=None, items={})
        out[org] = evaluate_report(index, report, org, period,
                                   periods=s.periods if s is not None else None).assessments
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
    previous: Decimal | None = None
    for month, a in rows:
        change = None
        if a.actual is not None and previous is not None:
            change = a.actual - previous
        points.append(TrendPoint(month, a.actual, a.expected, a.status, change))
        previous = a.actual
    return Trend(target.id, target.title, target.unit, rows[-1][1].target,
                 (str(target.window.start), str(target.window.end)), tuple(points))


def level(a: Assessment) -> Level:
    """A row's colour; a contribution row (only counted toward the district) is neutral."""
    return Level.neutral if a.contribution and a.status is Status.ongoing else a.status.level


def _ranking(index: PlanIndex, evaluations: dict[str, list[Assessment]],
             reported: set[str], unreported: dict[str, tuple[str, ...]]) -> list[RankRow]:
    rows: list[tuple[tuple[int, int, int], RankRow]] = []
    for org, o in index.organisations.items():
        if o.kind not in index.ranked_kinds:
            continue
        counted = [a for a in evaluations.get(org, ()) if not a.closed]
        levels = [level(a) for a in counted]
        red, amber = levels.count(Level.red), levels.count(Level.amber)
        flagged = sorted((a for a, lv in zip(counted, levels, strict=True)
                          if lv in (Level.red, Level.amber)), key=lambda a: -a.status.rank)
        row = RankRow(0, org, o.kind, red, amber, levels.count(Level.green),
                      len(unreported.get(org, ())), org in reported, tuple(flagged))
        rows.append(((red, amber, 0 if row.reported else 1), row))
    rows.sort(key=lambda p: p[0])  # stable: plan order within a tie
    ranked: list[RankRow] = []
    for i, (key, row) in enumerate(rows):
        rank = ranked[-1].rank if i and rows[i - 1][0] == key else i + 1
        ranked.append(row._replace(rank=rank))
    return ranked
