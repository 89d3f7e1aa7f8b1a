"""The per-file loop: every file under the given paths validated, in one process or several."""

from __future__ import annotations

from collections.abc import Iterable

from meilijiayuan.findings import Finding
from meilijiayuan.plan.index import PlanIndex
from meilijiayuan.read.files import WORKBOOK_SUFFIXES, iter_yaml_files
from meilijiayuan.read.limits import DEFAULT_LIMITS, Limits
from meilijiayuan.report.validate import FileResult, validate_file
from meilijiayuan.run.pool import fork_map, jobs_for

WORKBOOK_WORK = 10
"""A workbook costs about as much to read as ten YAML reports (benchmarks/README.md: 3.3 ms
against 0.16 ms a file in one process, the difference mostly python-calamine and the zip
checks), so the process pool counts it ten times when it decides whether a fork pays."""


def validate_paths(
    paths: Iterable[str],
    index: PlanIndex,
    *,
    encoding: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
    jobs: int | None = 1,
    keep: bool = True,
    history: bool = False,
) -> list[FileResult]:
    """Validate every YAML file under ``paths``; never stops at the first bad file.

    ``jobs``: the most processes to share the files out to (see
    :func:`meilijiayuan.run.pool.jobs_for`; ``None`` or 0: one per CPU); the results are
    the same and in the same order. ``keep=False`` leaves out each result's document and
    report, for a caller that only reports findings (less to send between processes).
    ``history``: the plausibility warnings too, with the files given as the history
    (:mod:`meilijiayuan.run.history`; the reports are then kept).
    """
    listed = list(iter_yaml_files(paths))

    def one(entry: tuple[str, Finding | None]) -> FileResult:
        path, problem = entry
        if problem is not None:
            return FileResult(path, "unknown", [problem])
        result = validate_file(path, index, encoding=encoding, limits=limits)
        if not keep:
            result.doc = None
            if not history:
                result.report = None
        return result

    if jobs == 1:
        results = [one(entry) for entry in listed]
    else:
        work = sum(WORKBOOK_WORK if path.lower().endswith(WORKBOOK_SUFFIXES) else 1
                   for path, _ in listed)
        results = fork_map(one, listed, jobs_for(work, jobs))
    if history:
        from meilijiayuan.run.history import add_plausibility

        add_plausibility(results, index, encoding=encoding, limits=limits)
    return results
