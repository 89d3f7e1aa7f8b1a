"""Validation: loaded YAML documents → pydantic models + findings, then checks against the plan.

Stage two of the flow (load → **validate** → evaluate → render). Nothing here prints or
exits; every problem becomes a :class:`~meilijiayuan.findings.Finding` with a position.
"""

from __future__ import annotations

import difflib
import errno
import os
import stat
import weakref
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ValidationError

from meilijiayuan.findings import Finding, Severity, has_errors
from meilijiayuan.measures import compatible_units, convert
from meilijiayuan.messages.catalogue import Suggestions, Term
from meilijiayuan.periods import Month
from meilijiayuan.plan.index import TRADITIONAL, Item, PlanIndex
from meilijiayuan.plan.model import Duty, Group, KeyWork, Organisation, Plan, Target, Task
from meilijiayuan.read.limits import DEFAULT_LIMITS, Limits
from meilijiayuan.read.loader import Document, YamlPath, load_path
from meilijiayuan.report.model import STATES, ItemReport, Report, error_code, reported_quantity

FileKind = Literal["plan", "report", "unknown"]

PLAN_LIMITS = Limits(max_bytes=8 * 1_048_576, max_depth=32, max_nodes=500_000)
REPORT_TEXT_FIELDS = ("contact", "note", "evidence")
_ITEM_TEXT_FIELDS = ("note", "evidence", "unit")
_ITEM_TEXTS = frozenset(_ITEM_TEXT_FIELDS)
YAML_SUFFIXES = (".yaml", ".yml")


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


# --- the plan ---------------------------------------------------------------------------


def default_plan_path() -> tuple[str, str]:
    """Where the plan comes from when ``--plan`` is not given: (path, display name)."""
    env = os.environ.get("MLJY_PLAN")
    if env:
        return env, env
    local = Path("data/plan.yaml")
    if local.is_file():
        return str(local), str(local)
    packaged = resources.files("meilijiayuan") / "data" / "plan.yaml"
    return str(packaged), "<mljy>/data/plan.yaml"


def load_plan(
    path: str | None = None, *, encoding: str | None = None, compiled: bool = True
) -> tuple[PlanIndex | None, list[Finding]]:
    """Load, validate and index a plan file (default: see :func:`default_plan_path`).

    A file holding exactly the bundled plan's bytes is not read again: its validated form
    ships with mljy (:mod:`meilijiayuan.plan.compiled`); ``compiled=False`` always reads it.
    """
    if path is None:
        path, display = default_plan_path()
    else:
        display = path
    if encoding is None and compiled:
        from meilijiayuan.plan import compiled as compiled_plan

        ready = compiled_plan.load(path)
        if ready is not None:
            return PlanIndex(ready), []
    doc = load_path(path, display, encoding=encoding, limits=PLAN_LIMITS)
    plan, findings = validate_plan_document(doc)
    return (PlanIndex(plan) if plan is not None else None), findings


def validate_plan_document(doc: Document) -> tuple[Plan | None, list[Finding]]:
    """Model-validate a loaded plan file and check its internal references."""
    if not doc.ok():
        return None, list(doc.findings)
    if not isinstance(doc.data, dict):
        return None, [_at(doc, (), "not-a-mapping", kind=Term(_type_term(doc.data)))]
    try:
        plan = Plan.model_validate(doc.data)
    except ValidationError as exc:
        return None, _from_validation_error(exc, doc, Plan)
    findings = _plan_references(plan, doc)
    return (None if has_errors(findings) else plan), findings


def _plan_references(plan: Plan, doc: Document) -> list[Finding]:
    """Every name and id the plan uses must be defined, and defined once."""
    out: list[Finding] = []

    def refs(base: YamlPath, values: Sequence[str], known: Collection[str], what: str) -> None:
        for j, value in enumerate(values):
            if value not in known:
                out.append(_at(doc, (*base, j), "plan-reference", what=Term(what), name=value))

    names: dict[str, YamlPath] = {}
    named: list[tuple[str, Sequence[Organisation | Group]]] = [
        ("organisations", plan.organisations),
        ("groups", plan.groups),
    ]
    for kind, entries in named:
        for i, entry in enumerate(entries):
            for j, name in enumerate((entry.name, *entry.aliases)):
                path: YamlPath = (kind, i, "name") if j == 0 else (kind, i, "aliases", j - 1)
                if name in names:
                    out.append(
                        _at(doc, path, "plan-duplicate", what=Term("organisation"), name=name)
                    )
                names[name] = path
    org_names = {n for o in plan.organisations for n in (o.name, *o.aliases)}
    for i, g in enumerate(plan.groups):
        refs(("groups", i, "members"), g.members, org_names, "organisation")
    ids: set[str] = set()
    itemised: list[tuple[str, Sequence[Task | KeyWork | Duty]]] = [
        ("tasks", plan.tasks),
        ("key_works", plan.key_works),
        ("duties", plan.duties),
    ]
    for kind, items in itemised:
        for i, e in enumerate(items):
            if e.id in ids:
                out.append(
                    _at(doc, (kind, i, "id"), "plan-duplicate", what=Term("item"), name=e.id)
                )
            ids.add(e.id)
    target_ids: set[str] = set()
    for i, t in enumerate(plan.targets):
        if t.id in target_ids or (t.id in ids and t.id != t.item):
            out.append(
                _at(doc, ("targets", i, "id"), "plan-duplicate", what=Term("target"), name=t.id)
            )
        target_ids.add(t.id)
    for i, t in enumerate(plan.targets):
        if t.item not in ids:
            out.append(
                _at(doc, ("targets", i, "item"), "plan-reference", what=Term("item"), name=t.item)
            )
        refs(("targets", i, "parts"), t.parts, target_ids, "target")
        refs(("targets", i, "reporters"), t.reporters, names, "organisation")
        if t.window.start < plan.plan.window.start or t.window.end > plan.plan.window.end:
            detail = f"target {t.id} window {t.window} is outside the plan window"
            out.append(_at(doc, ("targets", i, "window"), "plan-inconsistent", detail=detail))
    for i, d in enumerate(plan.duties):
        for role in ("lead", "cooperating", "implementing"):
            refs(("duties", i, role), getattr(d, role), names, "organisation")
        refs(("duties", i, "tasks"), d.tasks, ids, "item")
        refs(("duties", i, "key_works"), d.key_works, ids, "item")
    for i, k in enumerate(plan.key_works):
        refs(("key_works", i, "tasks"), k.tasks, ids, "item")
        refs(("key_works", i, "duties"), k.duties, ids, "item")
    return out


# --- reports ----------------------------------------------------------------------------


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
    if not doc.ok():
        return result
    data = doc.data
    if not isinstance(data, dict):
        result.findings.append(_at(doc, (), "not-a-mapping", kind=Term(_type_term(data))))
        return result
    try:
        report = Report.model_validate(_texts_as_written(data, doc))
    except ValidationError as exc:
        result.findings.extend(_from_validation_error(exc, doc, Report))
        return result
    result.report = report
    result.findings.extend(_against_plan(report, doc, index, result))
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
    report: Report, doc: Document, index: PlanIndex, result: FileResult
) -> list[Finding]:
    out: list[Finding] = []
    org = index.canonical(report.unit)
    if org is None:
        out.append(_name_problem(doc, ("unit",), report.unit, index))
    result.unit = org
    window = index.meta.window
    if not window.start <= report.period <= window.end:
        out.append(
            _at(
                doc,
                ("period",),
                "period-outside-plan",
                period=str(report.period),
                start=str(window.start),
                end=str(window.end),
            )
        )
    if report.submitted is not None and report.submitted < report.period.first_day():
        out.append(
            _at(
                doc,
                ("submitted",),
                "submitted-before-period",
                submitted=report.submitted.isoformat(),
                period=str(report.period),
            )
        )
    if not report.items:
        out.append(_at(doc, ("items",), "no-items"))
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
        _entry_shape(doc, path, item_id, entry, target, out)
        if org is None:
            continue
        owns = owned.get((org, item_id))
        if owns is None:
            owns = owned[org, item_id] = _owns(index, org, item_id, target)
        if not owns:
            out.append(_key(doc, path, "not-reporter", item=item_id, unit=org))
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
    tests/test_validate.py holds the two to the same answer for every organisation and item."""
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
        misfit = _misfit(doc, path, item_id, entry, measure, needed_missing)
        if misfit is not None:
            out.append(misfit)
            return
    if entry.rate is not None and target is not None and target.measure == "rate":
        out.append(
            _at(doc, (*path, "rate"), "bare-rate", rate=doc.raw.get((*path, "rate"), entry.rate))
        )
    if (
        entry.unit is not None
        and target is not None
        and target.unit is not None
        and convert(1, entry.unit, target.unit) is None
    ):
        out.append(
            _at(
                doc,
                (*path, "unit"),
                "unit-mismatch",
                given=entry.unit,
                expected=target.unit,
                compatible=compatible_units(target.unit),
            )
        )


def _misfit(
    doc: Document,
    path: YamlPath,
    item_id: str,
    entry: ItemReport,
    measure: str,
    needed_missing: bool,
) -> Finding | None:
    """The finding for fields that do not fit the measure, if they do not."""
    given = entry.given_fields()
    allowed = _ALLOWED[measure]
    wrong = [g for g in given if g not in allowed]
    blank = _blank_key(doc, path, measure) if needed_missing and not wrong else None
    if blank is not None:
        # the key is there but empty (an unfilled template): point at the blank itself
        wanted = _BLANK_EXPECTS.get(blank, Term("number"))
        return _key(doc, (*path, blank), "blank-field", item=item_id, field=blank, expected=wanted)
    if wrong or needed_missing:
        expected, example = _EXPECTED[measure]
        where: YamlPath = (*path, wrong[0]) if wrong else path
        finder = _key if wrong else _at
        return finder(
            doc,
            where,
            "fields-for-measure",
            item=item_id,
            measure=Term(measure),
            expected=expected,
            given=", ".join(given) or "-",
            example=f"{item_id}:\n  {example}",
        )
    return None


_NEEDED_KEYS = {
    "quantity": ("value",),
    "rate": ("numerator", "denominator", "rate"),
    "milestone": ("state",),
    "ongoing": ("state",),
}
_BLANK_EXPECTS = {"state": Term("state-word")}


def _blank_key(doc: Document, path: YamlPath, measure: str) -> str | None:
    """The needed key that is present in the file but left empty, if any."""
    entry = _lookup(doc.data, path)
    if not isinstance(entry, dict):
        return None
    for key in _NEEDED_KEYS[measure]:
        if key in entry and entry[key] is None:
            return key
    return None


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
                    _at(
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
        return _at(doc, path, "group-as-unit", name=name, example=members[0] if members else "?")
    fixed = index.lookalike(name)
    if fixed is not None:
        return _at(doc, path, "lookalike", text=name, what=_lookalike_what(name), fixed=fixed)
    suggestions = index.suggest_names(name)
    return _at(doc, path, "unknown-organisation", name=name, suggestion=Suggestions(suggestions))


def _id_problem(doc: Document, path: YamlPath, item_id: str, index: PlanIndex) -> Finding:
    suggestions = index.suggest_ids(item_id)
    from meilijiayuan.plan.index import normalise_name

    folded = normalise_name(item_id)
    if folded != item_id and (folded in index.items or folded in index.targets):
        return _key(
            doc, path, "lookalike", text=item_id, what=_lookalike_what(item_id), fixed=folded
        )
    return _key(doc, path, "unknown-item", id=item_id, suggestion=Suggestions(suggestions))


def _lookalike_what(text: str) -> str:
    kinds = []
    if any(ch in "\u200b\u200c\u200d\u2060\ufeff\u00ad" for ch in text):
        kinds.append("零宽字符 zero-width")
    if any(ch.isspace() for ch in text):
        kinds.append("空格 space")
    if any(0xFF01 <= ord(ch) <= 0xFF5E or ch == "\u3000" for ch in text):
        kinds.append("全角字符 full-width")
    if text.translate(TRADITIONAL) != text:
        kinds.append("繁体字 traditional")
    return ", ".join(kinds) or "?"


# --- many files -------------------------------------------------------------------------


def iter_yaml_files(paths: Iterable[str]) -> Iterator[tuple[str, Finding | None]]:
    """Expand files and folders (walked, sorted) into YAML files; a bad path yields a finding."""
    for raw in paths:
        if _is_plain(raw):
            # The common case, an existing file, with one stat and no Path: the same stat
            # as Path(raw).exists() below makes. Anything else goes the long way.
            try:
                mode: int | None = os.stat(raw).st_mode
            except (OSError, ValueError):
                mode = None
            if mode is not None and not stat.S_ISDIR(mode):
                yield raw, None
                continue
        # os.path.isdir is Path.is_dir without building a Path: once per file named
        if os.path.isdir(raw):
            found = _yaml_files_under(str(Path(raw)))
            if not found:
                yield raw, Finding("no-input", raw, args={"path": raw})
            for f in found:
                yield f, None
        elif Path(raw).exists():
            yield raw, None
        else:
            yield raw, Finding("path-not-found", raw, args={"path": raw})


_NO_SUCH_FILE = frozenset({errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP})
_POSIX_PATHS = os.sep == "/" and os.altsep is None


def _is_plain(path: str) -> bool:
    """Whether ``str(Path(path)) == path``, told without building the Path: a POSIX path
    with no empty or "." component and no separator at the end."""
    return (
        _POSIX_PATHS
        and bool(path)
        and "//" not in path
        and "/./" not in path
        and not path.startswith("./")
        and not path.endswith(("/", "/."))
    )


def _yaml_files_under(top: str) -> list[str]:
    """The YAML files in ``top`` and below, sorted, exactly as ``sorted(str(f) for f in
    Path(top).rglob("*") if f.suffix.lower() in YAML_SUFFIXES and f.is_file())`` finds them
    (symbolic links to folders are not followed; folders that cannot be read are skipped),
    with os.scandir: the file type comes with the listing, so no stat per file."""
    found: list[str] = []
    folders = [top]
    while folders:
        folder = folders.pop()
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)
        except PermissionError:
            continue
        for entry in entries:
            name = entry.name
            path = name if folder == "." else os.path.join(folder, name)
            if entry.is_dir(follow_symlinks=False):
                folders.append(path)
                continue
            dot = name.rfind(".")  # Path.suffix: a leading dot starts no suffix
            if 0 < dot < len(name) - 1 and name[dot:].lower() in YAML_SUFFIXES:
                try:
                    is_file = entry.is_file()
                except OSError as err:
                    if err.errno not in _NO_SUCH_FILE:
                        raise
                    is_file = False
                if is_file:
                    found.append(path)
    return sorted(found)


def validate_file(
    path: str, index: PlanIndex, *, encoding: str | None = None, limits: Limits = DEFAULT_LIMITS
) -> FileResult:
    """Load and validate one file, a report or a plan (told apart by content)."""
    doc = load_path(path, path, encoding=encoding, limits=limits)
    if not doc.ok():
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
            path, "unknown", [_at(doc, (), code, kind=Term(_type_term(doc.data)))], doc=doc
        )
    return validate_report_document(doc, index)


def validate_paths(
    paths: Iterable[str],
    index: PlanIndex,
    *,
    encoding: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
    jobs: int | None = 1,
    keep: bool = True,
) -> list[FileResult]:
    """Validate every YAML file under ``paths``; never stops at the first bad file.

    ``jobs``: the most processes to share the files out to (see
    :func:`meilijiayuan.run.pool.jobs_for`; ``None`` or 0: one per CPU); the results are
    the same and in the same order. ``keep=False`` leaves out each result's document and
    report, for a caller that only reports findings (less to send between processes).
    """
    listed = list(iter_yaml_files(paths))

    def one(entry: tuple[str, Finding | None]) -> FileResult:
        path, problem = entry
        if problem is not None:
            return FileResult(path, "unknown", [problem])
        result = validate_file(path, index, encoding=encoding, limits=limits)
        if not keep:
            result.doc = result.report = None
        return result

    if jobs == 1:
        return [one(entry) for entry in listed]
    from meilijiayuan.run.pool import fork_map, jobs_for

    return fork_map(one, listed, jobs_for(len(listed), jobs))


# --- pydantic errors → findings ---------------------------------------------------------

_TYPE_EXPECTED = {
    "string_type": "text",
    "dict_type": "mapping",
    "model_type": "mapping",
    "model_attributes_type": "mapping",
    "int_type": "integer",
    "int_parsing": "integer",
    "float_type": "number",
    "list_type": "list",
    "bool_type": "bool",
    "none_required": "null",
}


def _from_validation_error(
    exc: ValidationError, doc: Document, model: type[BaseModel]
) -> list[Finding]:
    out: list[Finding] = []
    for err in exc.errors(include_input=False, include_url=False):
        loc: YamlPath = tuple(err["loc"])
        ctx = dict(err.get("ctx") or {})
        code = error_code(err["type"])
        field_name = next((str(p) for p in reversed(loc) if isinstance(p, str)), "")
        value = _lookup(doc.data, loc)
        text = doc.raw.get(loc, _short(value))
        args: dict[str, Any] = {"field": field_name, "text": text, **ctx}
        if code == "literal_error" or (code == "bad-state" and field_name != "state"):
            code = "wrong-type"
        if code == "bad-state":
            args["allowed"] = list(STATES)
        elif code == "unknown-field":
            allowed = _fields_at(model, loc[:-1])
            close = difflib.get_close_matches(field_name, allowed, n=1)
            args["allowed"] = ", ".join(allowed)
            args["suggestion"] = f"是不是 {close[0]}？" if close else ""
            out.append(_key(doc, loc, code, **args))
            continue
        elif code == "missing-field":
            out.append(_at(doc, loc[:-1], code, **args))
            continue
        elif code == "wrong-type":
            expected = _TYPE_EXPECTED.get(err["type"], "one-of")
            args.setdefault("expected", Term(expected))
            args["got"] = Term(_type_term(value))
            args["example"] = "" if expected != "mapping" else _mapping_example(loc)
        out.append(_at(doc, loc, code, **args))
    return out


def _mapping_example(loc: YamlPath) -> str:
    if len(loc) == 2 and loc[0] == "items":
        return f"{loc[1]}:\n  value: 12\n  note: ..."
    return ""


def _fields_at(model: type[BaseModel], loc: YamlPath) -> list[str]:
    """Field names of the (sub)model at ``loc`` (dict keys are skipped)."""
    current: Any = model
    for part in loc:
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return []
        if isinstance(part, int):
            continue
        info = current.model_fields.get(part)
        if info is None:
            continue
        current = _inner_model(info.annotation)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _inner_model(annotation: Any) -> Any:
    """The model class inside ``list[M]``, ``dict[str, M]``, ``M | None``."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        inner = _inner_model(arg)
        if inner is not None:
            return inner
    return None


def _lookup(data: Any, loc: YamlPath) -> Any:
    for part in loc:
        if isinstance(data, dict) and part in data:
            data = data[part]
        elif isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
            data = data[part]
        else:
            return None
    return data


def _type_term(value: Any) -> str:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, dict):
        return "mapping"
    if isinstance(value, list):
        return "list"
    return "null"


def _short(value: Any) -> str:
    text = "" if value is None else str(value)
    return text if len(text) <= 40 else text[:39] + "…"


def _at(doc: Document, path: YamlPath, code: str, **args: Any) -> Finding:
    """A finding at the value of ``path`` (or the nearest known position)."""
    pos = doc.pos(path)
    item = path[1] if len(path) > 1 and path[0] == "items" and isinstance(path[1], str) else None
    return Finding(
        code, doc.file, pos[0] if pos else None, pos[1] if pos else None, args, item=item
    )


def _key(doc: Document, path: YamlPath, code: str, **args: Any) -> Finding:
    """A finding at the key of ``path``."""
    pos = doc.key_or_value_pos(path)
    item = path[1] if len(path) > 1 and path[0] == "items" and isinstance(path[1], str) else None
    return Finding(
        code, doc.file, pos[0] if pos else None, pos[1] if pos else None, args, item=item
    )


def exit_code(results: Iterable[FileResult]) -> int:
    """0 when every file is valid, else 2 (the contract's validation exit code)."""
    return 2 if any(not r.ok for r in results) else 0


__all__ = [
    "FileResult",
    "Month",
    "Severity",
    "classify",
    "default_plan_path",
    "exit_code",
    "load_plan",
    "validate_file",
    "validate_paths",
    "validate_plan_document",
    "validate_report_document",
]
