"""Orchestration of ``mljy check``: validate the inputs, gather context, evaluate.

Reads files (through the validator) but never prints; the evaluation itself is the pure
:mod:`meilijiayuan.judge.rules`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from meilijiayuan.findings import Finding, has_errors, in_sheet
from meilijiayuan.judge.records import fails
from meilijiayuan.judge.rules import (
    CheckedReport,
    CheckRun,
    evaluate_district,
    evaluate_report,
    latest_reports,
)
from meilijiayuan.periods import Month
from meilijiayuan.plan.index import PlanIndex
from meilijiayuan.read.files import iter_yaml_files
from meilijiayuan.read.limits import DEFAULT_LIMITS, Limits
from meilijiayuan.report.model import Report
from meilijiayuan.report.validate import FileResult, validate_file
from meilijiayuan.run.files import validate_paths


def exit_code(result: CheckRun, fail_on: str) -> int:
    """2 when an input is invalid; 1 when a unit's own status reaches ``--fail-on``; else 0.

    The 全区 rows shown with ``--reports`` are context and never fail a unit's check.
    """
    if has_errors(result.findings) or any(not c.ok for c in result.reports):
        return 2
    for c in result.reports:
        assert c.evaluation is not None
        if any(fails(a.status.level, fail_on) for a in c.evaluation.assessments):
            return 1
    return 0


def build_run(index: PlanIndex, paths: list[str], *, encoding: str | None = None,
              limits: Limits = DEFAULT_LIMITS,
              reports_dir: str | None = None, as_of: dt.date | None = None,
              previous: str | None = None) -> CheckRun:
    """Validate the inputs, gather --previous and --reports, evaluate every valid report."""
    out = CheckRun()
    inputs: list[tuple[FileResult, CheckedReport]] = []
    seen: set[Path] = set()
    for path, problem in iter_yaml_files(paths):
        if problem is not None:
            out.reports.append(CheckedReport(path, [problem]))
            continue
        resolved = Path(path).resolve()
        if resolved in seen:  # a file named and also inside a folder given
            continue
        seen.add(resolved)
        res = validate_file(path, index, encoding=encoding, limits=limits)
        if res.kind == "plan":
            res.findings.append(Finding("check-not-report", path))
        checked = CheckedReport(path, list(res.findings))
        out.reports.append(checked)
        if res.ok and res.report is not None and res.unit is not None:
            inputs.append((res, checked))
            out.files.append(res)
    earlier = _previous(index, previous, encoding, limits, out)
    pool = _Pool(index)
    if reports_dir is not None:
        dir_results = validate_paths([reports_dir], index, encoding=encoding, limits=limits)
        for r in dir_results:
            if r.ok and r.report is not None and r.unit is not None:
                pool.add(r.unit, r.report)
        skipped = sum(1 for r in dir_results if r.kind != "plan" and not r.ok)
        if skipped:
            out.findings.append(Finding("reports-skipped", reports_dir,
                                        args={"path": reports_dir, "count": skipped}))
    matched_previous = False
    for res, checked in inputs:
        assert res.report is not None and res.unit is not None and res.doc is not None
        report, unit = res.report, res.unit
        month = Month.of(as_of) if as_of is not None else report.period
        prev = _pick_previous(earlier, unit, report, pool)
        if earlier is not None and prev is earlier[0]:
            matched_previous = True
        evaluation = evaluate_report(index, report, unit, month, previous=prev,
                                     locate=res.doc.pos, file=res.file)
        checked.evaluation = evaluation
        checked.findings.extend(in_sheet(evaluation.findings, res.doc.sheet))
        checked.as_of_date = (as_of or report.period.last_day()).isoformat()
        if reports_dir is not None:
            shown = [a.id for a in evaluation.assessments if a.id in index.targets]
            checked.district = evaluate_district(index, pool.latest_with(unit, report), month,
                                                 only=set(shown))
    if earlier is not None and not matched_previous:
        other, _ = earlier
        out.findings.append(Finding("previous-mismatch", previous or "", args={
            "other": other.unit, "other_period": str(other.period)}))
    return out


class _Pool:
    """The valid reports of --reports, indexed once for every input of the run.

    Each input is judged against the folder as if it replaced the folder's reports of its
    own organisation and month; indexing once keeps a run linear in inputs + folder, where
    scanning the folder per input was inputs × folder.
    """

    def __init__(self, index: PlanIndex) -> None:
        self._index = index
        self._all: list[Report] = []  # in folder order: ties in latest_reports keep it
        self._by_unit: dict[str, list[Report]] = {}  # canonical organisation → its reports
        self._latest: dict[Month, dict[str, Report]] = {}  # period → latest_reports of all

    def add(self, unit: str, report: Report) -> None:
        self._all.append(report)
        self._by_unit.setdefault(unit, []).append(report)

    def of(self, unit: str, period: Month) -> list[Report]:
        """``unit``'s reports for ``period``, in folder order."""
        return [r for r in self._by_unit.get(unit, ()) if r.period == period]

    def latest_with(self, unit: str, report: Report) -> dict[str, Report]:
        """:func:`latest_reports` at ``report``'s period of the folder with ``report`` in place
        of ``unit``'s reports of that period (``unit`` is ``report``'s canonical organisation)."""
        period = report.period
        if period not in self._latest:
            self._latest[period] = latest_reports(self._index, self._all, period)
        # only unit's own entry changes: every other organisation's is the folder's
        own = [r for r in self._by_unit.get(unit, ()) if r.period != period]
        return {**self._latest[period], **latest_reports(self._index, [*own, report], period)}


def _previous(index: PlanIndex, path: str | None, encoding: str | None, limits: Limits,
              out: CheckRun) -> tuple[Report, str] | None:
    """The --previous report and its organisation; an invalid one is an input error (exit 2)."""
    if path is None:
        return None
    res = validate_file(path, index, encoding=encoding, limits=limits)
    if not res.ok or res.report is None or res.unit is None:
        out.reports.append(CheckedReport(path, list(res.findings)))
        return None
    return res.report, res.unit


def _pick_previous(earlier: tuple[Report, str] | None, unit: str, report: Report,
                   pool: _Pool) -> Report | None:
    """--previous when it is this unit's and earlier, else this unit's last month from --reports."""
    if earlier is not None and earlier[1] == unit and earlier[0].period < report.period:
        return earlier[0]
    found = pool.of(unit, report.period.plus(-1))
    if not found:
        return None
    return max(found, key=lambda r: r.submitted.isoformat() if r.submitted else "")
