"""A report checked: its document validated by the models, then against the plan.

Nothing here prints or exits; every problem becomes a
:class:`~meilijiayuan.findings.Finding` with a position. :func:`validate_file` reads one file
and tells a report from a plan file by its content.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import ValidationError

from meilijiayuan.findings import Finding, has_errors
from meilijiayuan.measures import compatible_units, convert
from meilijiayuan.messages.catalogue import Suggestions, Term
from meilijiayuan.plan.index import Item, PlanIndex, lookalike_kinds
from meilijiayuan.plan.load import PLAN_LIMITS, validate_plan_document
from meilijiayuan.plan.model import Duty, KeyWork, Target
from meilijiayuan.read.files import WORKBOOK_SUFFIXES
from meilijiayuan.read.limits import DEFAULT_LIMITS, Limits
from meilijiayuan.read.loader import Document, YamlPath, load_path
from meilijiayuan.read.located import at, at_key, from_validation_error, lookup, type_term
from meilijiayuan.report.model import ItemReport, Report, reported_quantity

FileKind = Literal["plan", "report", "unknown"]

REPORT_TEXT_FIELDS = ("contact", "note", "evidence")
_ITEM_TEXT_FIELDS = ("note", "evidence", "unit")
_ITEM_TEXTS = frozenset(_ITEM_TEXT_FIELDS)


@dataclass(slots=True)
class FileResult:
    """What validating one file found."""

    file: str
    kind: FileKind
    findings: list[Finding] = field(default_factory=list)
    report: Report | None = None
    unit: str | None = None  # canonical organisation of a report
    doc: Document | None = None

    @property
    def ok(self) -> bool:
        return not self.findings or not has_errors(self.findings)


_REPORT_KEYS = frozenset({"unit", "period", "items"})


def classify(doc: Document) -> FileKind:
    """Tell a plan file from a report by content (file names are not trusted)."""
    data = doc.data
    if isinstance(data, dict):
        if "plan" in data and "organisations" in data:
            return "plan"
        if not _REPORT_KEYS.isdisjoint(data):
            return "report"
    return "unknown"


def validate_report_document(doc: Document, index: PlanIndex) -> FileResult:
    """Model-validate a loaded report, then check it against the plan."""
    result = FileResult(doc.file, "report", list(doc.findings), doc=doc)
    whole = doc.ok()
    if not whole:
        if doc.recovered is None:
            return result
        doc = doc.recovered  # one round: what could be read is checked too (never kept)
    data = doc.data
    if not isinstance(data, dict):
        result.findings.append(at(doc, (), "not-a-mapping", kind=Term(type_term(data))))
        return result
    from meilijiayuan.report.partial import misplaced_keys, parts_that_loaded

    data, misplaced = misplaced_keys(data, doc)
    result.findings.extend(misplaced)
    written = _texts_as_written(data, doc)
    try:
        report = Report.model_validate(written)
    except ValidationError as exc:
        result.findings.extend(from_validation_error(exc, doc, Report))
        # one round: the parts that loaded are checked against the plan all the same
        partial, refused = parts_that_loaded(written, exc)
        scratch = FileResult(doc.file, "report")
        result.findings.extend(_against_plan(partial, doc, index, scratch, refused))
        result.unit = scratch.unit
        return _with_fixes(result, doc, index)
    if whole and not misplaced:
        result.report = report
    result.findings.extend(_against_plan(report, doc, index, result))
    return _with_fixes(result, doc, index)


def _with_fixes(result: FileResult, doc: Document, index: PlanIndex) -> FileResult:
    """The findings with the text their hints propose (meilijiayuan.report.fixes)."""
    if result.findings:
        from meilijiayuan.report.fixes import with_fixes

        result.findings = with_fixes(result.findings, doc, index)
    return result


def _texts_as_written(data: dict[str, Any], doc: Document) -> dict[str, Any]:
    """Free-text fields take the text as typed (a phone number stays ``021-…``, not a number).

    ``data`` itself when no such field holds a number (the usual report), else a copy:
    doc.data stays as loaded."""
    out = data
    for key in REPORT_TEXT_FIELDS:
        if key in data and isinstance(data[key], int | float) and (key,) in doc.raw:
            if out is data:
                out = dict(data)
            out[key] = doc.raw[(key,)]
    items = data.get("items")
    if isinstance(items, dict):
        new_items: dict[str, Any] | None = None
        for item_id, entry in items.items():
            if not isinstance(entry, dict) or _ITEM_TEXTS.isdisjoint(entry):
                continue
            written = entry
            for key in _ITEM_TEXT_FIELDS:
                if key in entry and isinstance(entry[key], int | float):
                    raw = doc.raw.get(("items", item_id, key))
                    if raw is not None:
                        written = {**written, key: raw}
            if written is not entry:
                if new_items is None:
                    new_items = dict(items)
                new_items[item_id] = written
        if new_items is not None:
            if out is data:
                out = dict(data)
            out["items"] = new_items
    return out


def _against_plan(
    report: Report,
    doc: Document,
    index: PlanIndex,
    result: FileResult,
    unchecked: frozenset[str] = frozenset(),
) -> list[Finding]:
    """``unchecked``: items the model refused, looked up by id only; a refused unit or
    period is ``None`` (see :mod:`meilijiayuan.report.partial`)."""
    out: list[Finding] = []
    org = index.canonical(report.unit) if report.unit is not None else None
    if org is None and report.unit is not None:
        out.append(_name_problem(doc, ("unit",), report.unit, index))
    result.unit = org
    window = index.meta.window
    if report.period is not None and not window.start <= report.period <= window.end:
        out.append(
            at(
                doc,
                ("period",),
                "period-outside-plan",
                period=str(report.period),
                start=str(window.start),
                end=str(window.end),
            )
        )
    if (
        report.submitted is not None
        and report.period is not None
        and report.submitted < report.period.first_day()
    ):
        out.append(
            at(
                doc,
                ("submitted",),
                "submitted-before-period",
                submitted=report.submitted.isoformat(),
                period=str(report.period),
                due_day=index.due_day,
            )
        )
    if not report.items and not unchecked:
        out.append(at(doc, ("items",), "no-items"))
    facts = _facts.get(index)
    if facts is None:
        facts = _facts[index] = _PlanFacts(index)
    owned = facts.owned
    for item_id, entry in report.items.items():
        path: YamlPath = ("items", item_id)
        target = index.targets.get(item_id)
        if target is None and item_id not in index.items:
            out.append(_id_problem(doc, path, item_id, index))
            continue
        if item_id not in unchecked:
            _entry_shape(doc, path, item_id, entry, target, out)
        if org is None:
            continue
        owns = owned.get((org, item_id))
        if owns is None:
            owns = owned[org, item_id] = _owns(index, org, item_id, target)
        if not owns:
            out.append(at_key(doc, path, "not-reporter", item=item_id, unit=org))
        elif target is not None and _has_figure(entry) and not index.is_reporter(org, item_id):
            # responsible for the work, but the target's figure is someone else's to report
            out.append(at_key(doc, path, "figure-not-counted", item=item_id, unit=org,
                              reporters=list(index.reporters.get(item_id, ()))))
    if not facts.totals.isdisjoint(report.items):
        out.extend(_parts(report, doc, index))
    from meilijiayuan.report.indicators import indicator_conflicts

    out.extend(indicator_conflicts(report, index, doc.file, doc.key_or_value_pos))
    return out


class _PlanFacts:
    """What the checks ask of one plan again and again, worked out once per plan."""

    __slots__ = ("owned", "totals")

    def __init__(self, index: PlanIndex) -> None:
        # whether an organisation owns an item, asked once per pair: the same pairs come
        # back in every month's reports
        self.owned: dict[tuple[str, str], bool] = {}
        # the targets that are totals of parts, the only ones _parts looks at
        self.totals = frozenset(t.id for t in index.targets.values() if t.parts)


_facts: weakref.WeakKeyDictionary[PlanIndex, _PlanFacts] = weakref.WeakKeyDictionary()


def _has_figure(entry: object) -> bool:
    return any(getattr(entry, key, None) is not None
               for key in ("value", "this_month", "numerator", "denominator", "rate"))


def _owns(index: PlanIndex, org: str, item_id: str, target: Target | None) -> bool:
    if target is not None and index.is_reporter(org, target.id):
        return True
    item = index.items.get(item_id)
    if item is None:
        return False  # responsibilities are items: a target id of its own is owned by reporting
    if item.kind == "task":
        return True  # anyone may report on a main task
    return _responsible(index, org, item)


def _responsible(index: PlanIndex, org: str, item: Item) -> bool:
    """Whether ``item`` is among ``index.responsibilities(org)``, worked out for that item alone:
    the whole list costs about 2 M instructions an organisation, more than 200 reports do.
    tests/unit/report/test_validate.py holds the two to the same answer for every organisation
    and item."""
    if any(index.is_reporter(org, t.id) for t in index.targets_of_item.get(item.id, ())):
        return True  # it reports a figure for one of the item's targets
    names = index.names_for(org)
    model = item.model
    if isinstance(model, Duty):
        return bool(index._roles(model, names))
    if isinstance(model, KeyWork):  # owned through the duties that carry it out
        for duty_id in model.duties:
            duty = index.items.get(duty_id)
            if (
                duty is not None
                and isinstance(duty.model, Duty)
                and index._roles(duty.model, names)
            ):
                return True
    return False


_EXPECTED = {
    "quantity": ("value", "value: 12"),
    "rate": ("numerator + denominator", "numerator: 120\n  denominator: 126"),
    "milestone": ("state", "state: in_progress"),
    "ongoing": ("state", "state: in_progress\n  note: ..."),
}

# the fields each measure accepts (built once: _entry_shape runs for every item of every report)
_ALLOWED = {
    "quantity": frozenset({"value", "state"}),
    "rate": frozenset({"numerator", "denominator", "rate", "state"}),
    "milestone": frozenset({"state"}),
    "ongoing": frozenset({"state", "value"}),
}
# the figure fields, as ItemReport.given_fields() looks at them, and those each measure refuses
_FIGURES = ("value", "numerator", "denominator", "rate", "state")
_REFUSED = {measure: frozenset(_FIGURES) - allowed for measure, allowed in _ALLOWED.items()}


def _entry_shape(
    doc: Document,
    path: YamlPath,
    item_id: str,
    entry: ItemReport,
    target: Target | None,
    out: list[Finding],
) -> None:
    """The fields an entry gives must fit the target's measure (problems added to ``out``)."""
    measure = target.measure if target is not None else "ongoing"
    if measure == "quantity":
        needed_missing = entry.value is None
    elif measure == "rate":
        needed_missing = entry.numerator is None and entry.rate is None
    else:  # milestone, ongoing
        needed_missing = entry.state is None
    if needed_missing or not entry.model_fields_set.isdisjoint(_REFUSED[measure]):
        # a needed field missing or a refused one given, maybe: the usual entry skips this
        misfits = _misfits(doc, path, item_id, entry, measure, needed_missing)
        if misfits:
            out.extend(misfits)
            return
    if entry.rate is not None and target is not None and target.measure == "rate":
        out.append(
            at(doc, (*path, "rate"), "bare-rate", rate=doc.raw.get((*path, "rate"), entry.rate))
        )
    if (
        entry.unit is not None
        and target is not None
        and target.unit is not None
        and convert(1, entry.unit, target.unit) is None
    ):
        out.append(
            at(
                doc,
                (*path, "unit"),
                "unit-mismatch",
                given=entry.unit,
                expected=target.unit,
                compatible=compatible_units(target.unit),
            )
        )


def _misfits(
    doc: Document,
    path: YamlPath,
    item_id: str,
    entry: ItemReport,
    measure: str,
    needed_missing: bool,
) -> list[Finding]:
    """The findings for fields that do not fit the measure, if they do not."""
    given = entry.given_fields()
    allowed = _ALLOWED[measure]
    wrong = [g for g in given if g not in allowed]
    blanks = _blank_keys(doc, path, measure) if needed_missing and not wrong else []
    if blanks:
        # keys there but empty (an unfilled template): each blank pointed at, in one round
        return [at_key(doc, (*path, blank), "blank-field", item=item_id, field=blank,
                       expected=_BLANK_EXPECTS.get(blank, Term("number"))) for blank in blanks]
    if wrong or needed_missing:
        expected, example = _EXPECTED[measure]
        where: YamlPath = (*path, wrong[0]) if wrong else path
        finder = at_key if wrong else at
        return [finder(
            doc,
            where,
            "fields-for-measure",
            item=item_id,
            measure=Term(measure),
            expected=expected,
            given=", ".join(given) or "-",
            example=f"{item_id}:\n  {example}",
        )]
    return []


_NEEDED_KEYS = {
    "quantity": ("value",),
    "rate": ("numerator", "denominator", "rate"),
    "milestone": ("state",),
    "ongoing": ("state",),
}
_BLANK_EXPECTS = {"state": Term("state-word")}


def _blank_keys(doc: Document, path: YamlPath, measure: str) -> list[str]:
    """The needed keys present in the file but left empty (a rate's numerator and
    denominator both, when both are blank)."""
    entry = lookup(doc.data, path)
    if not isinstance(entry, dict):
        return []
    return [key for key in _NEEDED_KEYS[measure] if key in entry and entry[key] is None]


def _parts(report: Report, doc: Document, index: PlanIndex) -> list[Finding]:
    """A total and its parts (K2018-1 = K2018-1a + K2018-1b) must agree when all are given."""
    out: list[Finding] = []
    for item_id, entry in report.items.items():
        target = index.targets.get(item_id)
        if target is None or not target.parts or entry.value is None:
            continue
        values = []
        for part_id in target.parts:
            part = report.items.get(part_id)
            part_target = index.targets.get(part_id)
            if part is None or part.value is None or part_target is None:
                break
            values.append(reported_quantity(part, part_target))
        else:
            parts_sum = sum(v for v in values if v is not None)
            total = reported_quantity(entry, target)
            if total is not None and total != parts_sum:  # exact: figures are decimals
                out.append(
                    at(
                        doc,
                        ("items", item_id, "value"),
                        "parts-mismatch",
                        id=item_id,
                        total=f"{total:g}",
                        parts=list(target.parts),
                        parts_sum=f"{parts_sum:g}",
                    )
                )
    return out


def _name_problem(doc: Document, path: YamlPath, name: str, index: PlanIndex) -> Finding:
    if index.group(name) is not None:
        members = index.expand([name])
        return at(doc, path, "group-as-unit", name=name, example=members[0] if members else "?")
    fixed = index.lookalike(name)
    if fixed is not None:
        what = lookalike_kinds(name, fixed)
        return at(doc, path, "lookalike", text=name, what=what, fixed=fixed)
    suggestions = index.suggest_names(name)
    return at(doc, path, "unknown-organisation", name=name, suggestion=Suggestions(suggestions))


def _id_problem(doc: Document, path: YamlPath, item_id: str, index: PlanIndex) -> Finding:
    suggestions = index.suggest_ids(item_id)
    from meilijiayuan.plan.index import normalise_name

    folded = normalise_name(item_id)
    if folded != item_id and (folded in index.items or folded in index.targets):
        return at_key(
            doc, path, "lookalike", text=item_id, what=lookalike_kinds(item_id), fixed=folded
        )
    return at_key(doc, path, "unknown-item", id=item_id, suggestion=Suggestions(suggestions))


# --- many files -------------------------------------------------------------------------


def validate_file(
    path: str, index: PlanIndex, *, encoding: str | None = None, limits: Limits = DEFAULT_LIMITS
) -> FileResult:
    """Load and validate one file, a report or a plan (told apart by content); a workbook
    (by its extension) is read by :mod:`meilijiayuan.read.workbook` into the same form."""
    if path[path.rfind(".") :].lower() in WORKBOOK_SUFFIXES:
        from meilijiayuan.read.workbook import load_workbook

        doc = load_workbook(path, path, limits=limits)
        if not doc.ok() or doc.data is None:  # refused, or skipped (mljy's own 台账)
            return FileResult(path, "unknown", list(doc.findings), doc=doc)
        return validate_report_document(doc, index)
    doc = load_path(path, path, encoding=encoding, limits=limits)
    if not doc.ok():
        if doc.recovered is not None and classify(doc.recovered) == "report":
            return validate_report_document(doc, index)  # one round: the rest is checked too
        return FileResult(path, "unknown", list(doc.findings), doc=doc)
    kind = classify(doc)
    if kind == "plan":
        if doc.file == path and limits.max_bytes < PLAN_LIMITS.max_bytes:
            doc = load_path(path, path, encoding=encoding, limits=PLAN_LIMITS)
        _, findings = validate_plan_document(doc)
        return FileResult(path, "plan", findings, doc=doc)
    if kind == "unknown":
        code = "not-a-report" if isinstance(doc.data, dict) else "not-a-mapping"
        return FileResult(
            path, "unknown", [at(doc, (), code, kind=Term(type_term(doc.data)))], doc=doc
        )
    return validate_report_document(doc, index)


def exit_code(results: Iterable[FileResult]) -> int:
    """0 when every file is valid, else 2 (the contract's validation exit code)."""
    return 2 if any(not r.ok for r in results) else 0


