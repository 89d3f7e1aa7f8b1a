"""Reading a folder of reports for ``mljy status`` and ``mljy report``: each file read and
validated once, the valid reports handed on as submissions to the pure
:mod:`meilijiayuan.judge.picture`."""

from __future__ import annotations

from collections.abc import Iterable

from meilijiayuan.judge.in_effect import Submission
from meilijiayuan.plan.index import PlanIndex
from meilijiayuan.plan.owed import due_date
from meilijiayuan.read.files import iter_yaml_files
from meilijiayuan.read.limits import DEFAULT_LIMITS, Limits
from meilijiayuan.report.validate import FileResult, validate_file

__all__ = ["collect", "submission_of"]


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
                      period_at, submitted_at, doc.pos if doc is not None else None,
                      doc.sheet if doc is not None else None)
