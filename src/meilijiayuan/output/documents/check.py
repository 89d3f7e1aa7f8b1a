"""The documents of ``validate`` and ``check``: findings and assessments as plain data (dicts,
lists, exact numbers), the stable machine interface that ``--format json`` writes."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from meilijiayuan import __version__
from meilijiayuan.findings import Finding, Severity

if TYPE_CHECKING:
    from meilijiayuan.judge.records import Assessment, UnitFigure
    from meilijiayuan.report.validate import FileResult
    from meilijiayuan.run.check import CheckRun


def finding_dict(f: Finding, lang: str) -> dict[str, Any]:
    """A finding as the contract's JSON object."""
    out = {
        "file": f.file,
        "line": f.line,
        "column": f.column,
        "severity": f.level.value,
        "code": f.code,
        "message": f.message(lang),
        "hint": f.hint(lang),
        "item": f.item,
    }
    if f.sheet is not None:  # a workbook: line and column are the cell's row and column
        out["sheet"] = f.sheet
        out["cell"] = f.cell
    return out


def split_findings(findings: Sequence[Finding], lang: str) -> dict[str, list[dict[str, Any]]]:
    """``{"errors": [...], "warnings": [...]}``."""
    ordered = sorted(findings, key=Finding.sort_key)
    return {
        "errors": [finding_dict(f, lang) for f in ordered if f.level is Severity.ERROR],
        "warnings": [finding_dict(f, lang) for f in ordered if f.level is Severity.WARNING],
    }


def validation_document(results: Sequence[FileResult], lang: str) -> dict[str, Any]:
    """The JSON document of ``mljy validate``."""
    all_findings = [f for r in results for f in r.findings]
    files = [
        {"file": r.file, "kind": r.kind, "valid": r.ok, "unit": r.unit,
         **split_findings(r.findings, lang)}
        for r in results
    ]
    doc = {
        "tool": "mljy",
        "version": __version__,
        "command": "validate",
        "valid": all(r.ok for r in results),
        "files": files,
        **split_findings(all_findings, lang),
    }
    return doc


def number(x: Decimal | float | None) -> int | float | None:
    """A figure as a JSON number: an integral decimal as an int, any other as the float whose
    shortest form is the decimal's digits (``Decimal("0.99")`` → ``0.99``; figures carry at
    most 10 decimal places, see :mod:`meilijiayuan.judge.rules`)."""
    if x is None or isinstance(x, float):
        return x
    exponent = x.as_tuple().exponent
    if exponent == 0 or (x == x.to_integral_value() and abs(x) < 2**53):
        return int(x)  # written (or worked out) as a whole number: kept exactly, any size
    return float(x)


def unit_dict(u: UnitFigure) -> dict[str, Any]:
    """One reporter behind a district row."""
    return {
        "unit": u.unit,
        "status": u.status.value,
        "actual": number(u.actual),
        "numerator": number(u.numerator),
        "denominator": number(u.denominator),
        "state": u.state,
        "figure_period": u.figure_period,
        "missing": u.missing,
        "counted": u.counted,
    }


def assessment_dict(a: Assessment, lang: str) -> dict[str, Any]:
    """An assessment as the contract's JSON object (``id`` … ``window`` plus the details)."""
    return {
        "id": a.id,
        "unit": a.unit,
        "measure": a.measure,
        "status": a.status.value,
        "target": number(a.target),
        "expected": number(a.expected),
        "actual": number(a.actual),
        "gap": number(a.gap),
        "unit_of_measure": a.unit_of_measure,
        "window": {"start": a.window[0], "end": a.window[1]} if a.window else None,
        "lag_pp": number(a.lag_pp),
        "level": a.status.level.value,
        "status_label": a.status.label(lang),
        "title": a.title,
        "item": a.item,
        "as_of": a.as_of,
        "direction": a.direction,
        "roles": list(a.roles),
        "contribution": a.contribution,
        "state": a.state,
        "note": a.note,
        "numerator": number(a.numerator),
        "denominator": number(a.denominator),
        "reporters": a.reporters,
        "expected_reporters": a.expected_reporters,
        "figure_period": a.figure_period,
        "closed": a.closed,
        "units": [unit_dict(u) for u in a.units] if a.reporters is not None else None,
    }


UNIT_KEYS = ("unit", "status", "actual", "numerator", "denominator", "state", "figure_period")
"""The keys of one entry of a district row's ``units`` (docs/output.md)."""


def _newer_keys(a: Assessment) -> dict[str, Any]:
    """``figure_period``, ``closed`` and ``units`` when the judge gives them."""
    out: dict[str, Any] = {}
    if hasattr(a, "figure_period"):
        period = a.figure_period
        out["figure_period"] = None if period is None else str(period)
    if hasattr(a, "closed"):
        out["closed"] = bool(a.closed)
    if hasattr(a, "units"):
        out["units"] = [_unit_entry(u) for u in a.units or ()]
    return out


def _unit_entry(entry: Any) -> dict[str, Any]:
    def get(name: str) -> Any:
        value = entry.get(name) if isinstance(entry, Mapping) else getattr(entry, name, None)
        if name in ("status", "figure_period") and value is not None:
            return str(getattr(value, "value", value))
        return value

    return {name: get(name) for name in UNIT_KEYS}


def check_document(run: CheckRun, lang: str) -> dict[str, Any]:
    """The JSON document of ``mljy check``: per report its assessments, district rows and findings.

    The top-level ``assessments`` lists every row of every report (the unit's own rows, then
    the 全区 rows), each self-describing through ``unit`` and ``as_of``.
    """
    from meilijiayuan.judge.records import count_statuses

    reports = []
    every: list[dict[str, Any]] = []
    for c in run.reports:
        ev = c.evaluation
        own = [assessment_dict(a, lang) for a in ev.assessments] if ev is not None else []
        district = [assessment_dict(a, lang) for a in c.district]
        every.extend(own + district)
        reports.append({
            "file": c.file,
            "valid": c.ok,
            "unit": ev.unit if ev is not None else None,
            "period": str(ev.period) if ev is not None else None,
            "as_of": c.as_of_date,
            "summary": _summary(count_statuses(ev.assessments)) if ev is not None else {},
            "assessments": own,
            "district": district,
            **split_findings(c.findings, lang),
        })
    all_findings = [f for c in run.reports for f in c.findings] + list(run.findings)
    return {
        **split_findings(all_findings, lang),  # the problems first: never only at the bottom
        "tool": "mljy",
        "version": __version__,
        "command": "check",
        "valid": all(c.ok for c in run.reports)
        and not any(f.level is Severity.ERROR for f in run.findings),
        "reports": reports,
        "assessments": every,
    }


def _summary(counts: Mapping[str, int]) -> dict[str, int]:
    """Counts per status in the order of :class:`Status`, then ``contribution``; zeros left out."""
    from meilijiayuan.judge.records import Status

    keys = [s.value for s in Status] + ["contribution"]
    return {k: counts[k] for k in keys if counts.get(k)}
