"""The status document: the district picture as plain data, the stable machine interface.

``mljy status --format json`` writes it; the dashboard, the 台账 and the 通报 are drawn from it
alone, so every view shows the same numbers.

The HTML dashboard reads exactly this shape, so every key is always present (an empty
list, a zero count or ``null``, never a missing key); the district rows are the same
objects as ``mljy check`` writes (:func:`~meilijiayuan.output.documents.check.assessment_dict`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from meilijiayuan import __version__
from meilijiayuan.judge.records import Level, Status
from meilijiayuan.output.documents.check import assessment_dict, number, split_findings
from meilijiayuan.plan.owed import due_date

if TYPE_CHECKING:
    from meilijiayuan.judge.picture import DistrictPicture
    from meilijiayuan.judge.records import Assessment
    from meilijiayuan.plan.index import PlanIndex

__all__ = ["KEYS", "status_document", "summary"]

KEYS = ("errors", "warnings", "tool", "version", "command", "plan", "period", "as_of",
        "summary", "district", "matrix", "missing_reports", "late_reports", "trend", "ranking")
"""The top-level keys, in order: the problems first (an invalid report left out of the
figures is named before any figure)."""

_LEVELS = (Level.green, Level.amber, Level.red)


def summary(district: Sequence[Assessment]) -> dict[str, int]:
    """District rows per status, then per colour; every key present."""
    out = {s.value: 0 for s in Status}
    out.update({level.value: 0 for level in _LEVELS})
    for a in district:
        out[a.status.value] += 1
        if a.status.level in _LEVELS:
            out[a.status.level.value] += 1
    return out


def _plan(index: PlanIndex | None) -> dict[str, Any] | None:
    if index is None:
        return None
    meta = index.meta
    return {"id": meta.id, "title": meta.title, "document_number": meta.document_number,
            "district": meta.district, "ranking_label": index.ranking_label}


def _cell(a: Assessment) -> dict[str, Any]:
    # a unit's share of a district-judged target is neutral, whatever its status says
    neutral = a.contribution and a.status is Status.ongoing
    return {
        "id": a.id,
        "unit": a.unit,
        "status": a.status.value,
        "level": Level.neutral.value if neutral else a.status.level.value,
        "actual": number(a.actual),
        "expected": number(a.expected),
        "gap": number(a.gap),
        "unit_of_measure": a.unit_of_measure,
        "figure_period": a.figure_period,
    }


def status_document(picture: DistrictPicture, index: PlanIndex, lang: str) -> dict[str, Any]:
    """The JSON document of ``mljy status``."""
    targets = list(picture.matrix)
    units = [org for org in index.organisations
             if any(org in row for row in picture.matrix.values())]
    cells = [_cell(row[unit]) for tid in targets for unit in units
             if unit in (row := picture.matrix[tid])]
    return {
        **split_findings(picture.findings, lang),
        "tool": "mljy",
        "version": __version__,
        "command": "status",
        "plan": _plan(index),
        "period": str(picture.period),
        "as_of": picture.as_of,
        "summary": summary(picture.district),
        "district": [assessment_dict(a, lang) for a in picture.district],
        "matrix": {"targets": targets, "units": units, "cells": cells},
        "missing_reports": [
            {"unit": m.unit, "period": str(m.period), "due": due_date(index, m.period).isoformat(),
             "items": list(m.items), "carried": list(m.carried), "invalid_files": list(m.invalid),
             "empty_files": list(m.empty)}
            for m in picture.missing_reports
        ],
        "late_reports": [
            {"unit": x.unit, "period": str(x.period), "submitted": x.submitted.isoformat(),
             "due": x.due.isoformat(), "file": x.file}
            for x in picture.late_reports
        ],
        "trend": [
            {"id": t.id, "title": t.title, "unit_of_measure": t.unit_of_measure,
             "target": number(t.target), "window": list(t.window),
             "points": [{"period": str(p.period), "actual": number(p.actual),
                         "expected": number(p.expected), "status": p.status.value,
                         "change": number(p.change)} for p in t.points]}
            for t in picture.trend
        ],
        "ranking": [
            {"rank": r.rank, "unit": r.unit, "kind": r.kind, "red": r.red, "amber": r.amber,
             "green": r.green, "missing": r.missing, "reported": r.reported}
            for r in picture.ranking
        ],
    }
