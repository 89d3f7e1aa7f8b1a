"""Orchestration of ``mljy check``: validate the inputs, gather context, judge.

Reads files (through the validator) but never prints; the judging itself is the pure
:mod:`meilijiayuan.judge`. With ``--reports DIR`` the district rows come from the same
in-effect rule as ``mljy status`` (:mod:`meilijiayuan.judge.in_effect`), over the folder's
reports and the inputs together (a file that is both is read once), so the two commands give
the same district figures and the same ``duplicate-report`` errors.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from meilijiayuan.findings import Finding, has_errors, in_sheet
from meilijiayuan.judge.district import evaluate_district
from meilijiayuan.judge.in_effect import Standing, Submission, settle, sweep
from meilijiayuan.judge.organisation import ReportEvaluation, evaluate_report
from meilijiayuan.judge.plausibility import plausibility
from meilijiayuan.judge.records import Assessment, fails
from meilijiayuan.periods import Month
from meilijiayuan.plan.index import PlanIndex
from meilijiayuan.read.files import iter_yaml_files
from meilijiayuan.read.limits import DEFAULT_LIMITS, Limits
from meilijiayuan.report.model import Report
from meilijiayuan.report.validate import FileResult, validate_file
from meilijiayuan.run.files import validate_paths
from meilijiayuan.run.status import submission_of

__all__ = ["CheckRun", "CheckedReport", "build_run", "exit_code"]


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
        # about the run (--reports, --previous, reports that clash)
        self.findings: list[Finding] = [] if findings is None else findings
        self.files: list[Any] = [] if files is None else files  # the valid inputs' FileResults


def exit_code(result: CheckRun, fail_on: str) -> int:
    """2 when an input is invalid or two reports clash; 1 when a unit's own status reaches
    ``--fail-on``; else 0. The 全区 rows shown with ``--reports`` never fail a unit's check."""
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
    """Validate the inputs, gather --previous and --reports, judge every valid report."""
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
    submissions = [s for res, _ in inputs if (s := submission_of(res, index)) is not None]
    if reports_dir is not None:
        dir_results = validate_paths([reports_dir], index, encoding=encoding, limits=limits)
        for r in dir_results:
            if Path(r.file).resolve() in seen:
                continue  # an input inside the folder: one submission, not two
            s = submission_of(r, index)
            if s is not None:
                submissions.append(s)
        skipped = sum(1 for r in dir_results if r.kind != "plan" and not r.ok)
        if skipped:
            out.findings.append(Finding("reports-skipped", reports_dir,
                                        args={"path": reports_dir, "count": skipped}))
    months = {(Month.of(as_of) if as_of is not None else res.report.period)
              for res, _ in inputs if res.report is not None}
    months |= {res.report.period.plus(-1) for res, _ in inputs if res.report is not None}
    standings, clashes = _standings(submissions, months)
    if reports_dir is not None:
        out.findings.extend(clashes)
    matched_previous = False
    for res, checked in inputs:
        assert res.report is not None and res.unit is not None and res.doc is not None
        report, unit = res.report, res.unit
        month = Month.of(as_of) if as_of is not None else report.period
        prev: Report | None = None
        if earlier is not None and earlier[1] == unit and earlier[0].period < report.period:
            prev, matched_previous = earlier[0], True
        else:
            own = standings.get(report.period.plus(-1), {}).get(unit)
            prev = own.report if own is not None else None
        evaluation = evaluate_report(index, report, unit, month)
        evaluation.findings = plausibility(index, report, unit, prev, locate=res.doc.pos,
                                           file=res.file)
        checked.evaluation = evaluation
        checked.findings.extend(in_sheet(evaluation.findings, res.doc.sheet))
        checked.as_of_date = (as_of or report.period.last_day()).isoformat()
        if reports_dir is not None:
            shown = {a.id for a in evaluation.assessments if a.id in index.targets}
            checked.district = evaluate_district(index, standings.get(month, {}), month,
                                                 only=shown)
    if earlier is not None and not matched_previous:
        other, _ = earlier
        out.findings.append(Finding("previous-mismatch", previous or "", args={
            "other": other.unit, "other_period": str(other.period)}))
    return out


def _standings(submissions: list[Submission], months: set[Month]
               ) -> tuple[dict[Month, dict[str, Standing]], list[Finding]]:
    """Every organisation's figures in effect at each of ``months``, and the clashes."""
    effective, clashes = settle(submissions)
    return dict(sweep(effective, sorted(months))), clashes


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
