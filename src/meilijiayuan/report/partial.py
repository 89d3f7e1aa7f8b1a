"""One round: the checks against the plan run on every part of a report that loaded.

A report whose ``numerator: 95%`` fails the model still has a unit, a period and other
items that are fine; a misspelt id (``J3B``) among them must be reported in the same run,
not after six other fixes. :func:`parts_that_loaded` rebuilds the report from the parts
pydantic did not refuse, for the checks against the plan; the refused items are only
looked up by id. :func:`misplaced_keys` finds a top-level field typed again under
``items`` (``  submitted: 2019-08-03``) and says to move it to column 1, instead of taking
it for an item.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from meilijiayuan.findings import Finding, Fix
from meilijiayuan.messages.catalogue import Term
from meilijiayuan.periods import Month
from meilijiayuan.read.document import Document
from meilijiayuan.report.model import ItemReport, Report

__all__ = ["misplaced_keys", "parts_that_loaded"]

TOP_LEVEL = ("unit", "period", "submitted", "contact", "note", "items")


def misplaced_keys(data: dict[str, Any], doc: Document) -> tuple[dict[str, Any], list[Finding]]:
    """``data`` without the top-level fields typed under ``items``, and a finding for each."""
    items = data.get("items")
    if not isinstance(items, dict) or all(key not in items for key in TOP_LEVEL):
        return data, []
    found: list[Finding] = []
    kept = dict(items)
    for key in TOP_LEVEL:
        if key not in items:
            continue
        del kept[key]
        pos = doc.key_pos.get(("items", key))
        if pos is None:
            continue
        line, column = pos
        twice = key in data
        fix = _fix(doc, line, column, twice)
        action = Term("misplaced-twice" if twice else "misplaced-move")
        found.append(
            Finding(
                "misplaced-key", doc.file, line, column, {"key": key, "action": action}, fix=fix
            )
        )
    return {**data, "items": kept}, found


def _fix(doc: Document, line: int, column: int, twice: bool) -> Fix | None:
    """Move the line to column 1, or delete it when the report has the field already."""
    if column <= 1:
        return None
    indent = " " * (column - 1)
    if not twice:
        return Fix(line, 1, indent, "")
    text = _line_text(doc, line)
    if text is None:
        return None
    return Fix(line, 1, text, "")


def _line_text(doc: Document, line: int) -> str | None:
    """Line ``line`` of the file as typed, with its line end (read again: rare)."""
    try:
        with open(doc.file, encoding=doc.encoding, newline="") as handle:
            lines = handle.read().removeprefix("\ufeff").splitlines(keepends=True)
    except (OSError, UnicodeError, LookupError):
        return None
    return lines[line - 1] if 0 < line <= len(lines) else None


def parts_that_loaded(data: dict[str, Any], exc: ValidationError) -> tuple[Report, frozenset[str]]:
    """The report made of the parts ``exc`` does not refuse, and the ids of refused items.

    Built without validation (``model_construct``): a refused ``unit`` or ``period`` is
    ``None`` here, and the checks that need it are skipped."""
    refused_top: set[str] = set()
    refused_items: set[str] = set()
    for err in exc.errors(include_input=False, include_url=False):
        loc = err["loc"]
        if not loc:
            continue
        if loc[0] == "items" and len(loc) >= 2 and isinstance(loc[1], str):
            refused_items.add(loc[1])
        else:
            refused_top.add(str(loc[0]))
    unit = data.get("unit") if "unit" not in refused_top else None
    period: Month | None = None
    if "period" not in refused_top and isinstance(data.get("period"), str):
        try:
            period = Month.parse(data["period"])
        except ValueError:
            period = None
    submitted = None
    if "submitted" not in refused_top and data.get("submitted") is not None:
        try:
            submitted = Report.model_validate(
                {"unit": "-", "period": "2000-01", "submitted": data["submitted"], "items": {}}
            ).submitted
        except ValidationError:
            submitted = None
    items: dict[str, ItemReport] = {}
    if "items" in refused_top:
        refused_items.add("")  # items refused as a whole: none is missing, they are unread
    given = data.get("items") if "items" not in refused_top else None
    if isinstance(given, dict):
        for item_id, entry in given.items():
            if item_id in refused_items:
                items[item_id] = ItemReport.model_construct()
                continue
            try:
                items[item_id] = ItemReport.model_validate(entry)
            except ValidationError:
                items[item_id] = ItemReport.model_construct()
                refused_items.add(item_id)
    report = Report.model_construct(
        unit=unit if isinstance(unit, str) else None,
        period=period,
        submitted=submitted,
        items=items,
    )
    return report, frozenset(refused_items)
