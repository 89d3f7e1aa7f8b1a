"""Plausibility warnings for ``mljy validate``: the history is the files given.

``mljy status`` takes an organisation's history from its folder; ``mljy validate`` does the
same with the files and folders it is given (docs/reference.md §7). Each organisation's
latest report among them (the latest month's report in effect,
:func:`meilijiayuan.judge.in_effect.settle`: a later correction replaces the earlier report)
is judged by :func:`meilijiayuan.judge.plausibility.plausibility` against the
organisation's figures in effect the month before, as ``mljy status`` judges the reports of
its period; the earlier reports are its history, judged when they were the latest (a folder
of three years would otherwise repeat every old warning on every run, and the judging costs
as much again as reading the files). Only an organisation with more than one valid report
among the files has a history, so a run over single reports (pre-commit's usual case)
costs nothing more.

The warnings are located on the figure's line (or cell). Positions are looked up only when a
warning is found: a result that no longer holds its document (``keep=False``, sent back from
another process without it) has the file read again for that, and only then.
"""

from __future__ import annotations

from meilijiayuan.findings import in_sheet
from meilijiayuan.judge.in_effect import Submission, settle, sweep
from meilijiayuan.judge.plausibility import plausibility
from meilijiayuan.plan.index import PlanIndex
from meilijiayuan.read.document import Document, Position, YamlPath
from meilijiayuan.read.limits import DEFAULT_LIMITS, Limits
from meilijiayuan.report.validate import FileResult

__all__ = ["add_plausibility"]


def add_plausibility(results: list[FileResult], index: PlanIndex, *,
                     encoding: str | None = None, limits: Limits = DEFAULT_LIMITS) -> None:
    """Add the plausibility warnings on each organisation's latest report to its findings,
    for every organisation with more than one valid report among ``results`` (those that
    still hold their ``report``)."""
    by_unit: dict[str, list[tuple[Submission, FileResult]]] = {}
    for r in results:
        if r.kind != "report" or r.report is None or r.unit is None or not r.ok:
            continue
        report = r.report
        by_unit.setdefault(r.unit, []).append(
            (Submission(r.file, r.unit, report.period, report.submitted, report), r))
    for unit, entries in by_unit.items():
        if len(entries) < 2:
            continue
        effective, _ = settle(s for s, _ in entries)  # duplicate-report is for status to say
        if not effective:
            continue
        latest = effective[-1]  # settle sorts by month
        [(_, before)] = sweep(effective, [latest.period.plus(-1)])
        prev = before.get(unit)
        result = next(r for s, r in entries if s.file == latest.file)
        locate = _Locate(result, encoding, limits)
        found = plausibility(index, latest.report, unit, prev.report if prev else None,
                             locate=locate, file=latest.file)
        if found:
            result.findings.extend(in_sheet(found, locate.sheet))


class _Locate:
    """``path → position`` in one result's document, read again on first use if dropped."""

    __slots__ = ("doc", "encoding", "file", "limits")

    def __init__(self, result: FileResult, encoding: str | None, limits: Limits) -> None:
        self.file, self.doc, self.encoding, self.limits = result.file, result.doc, encoding, limits

    @property
    def sheet(self) -> str | None:
        return self.doc.sheet if self.doc is not None else None

    def __call__(self, path: YamlPath) -> Position | None:
        if self.doc is None:
            self.doc = _document(self.file, self.encoding, self.limits)
        return self.doc.pos(path)


def _document(file: str, encoding: str | None, limits: Limits) -> Document:
    """The file's document, read as :func:`meilijiayuan.report.validate.validate_file` reads it."""
    from meilijiayuan.read.files import WORKBOOK_SUFFIXES

    if file[file.rfind("."):].lower() in WORKBOOK_SUFFIXES:
        from meilijiayuan.read.workbook import load_workbook

        return load_workbook(file, file, limits=limits)
    from meilijiayuan.read.loader import load_path

    return load_path(file, file, encoding=encoding, limits=limits)
