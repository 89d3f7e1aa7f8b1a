"""Checks across the plan file, for plan authors (``mljy validate PLAN``).

Every organisation, group and item the plan names is defined, once; every allocation names
organisations that report the target and its shares add up to the target's value; every
target's parts add up to it; every window lies inside the plan's; every item says where
in the document it comes from. These run after the plan's models have validated each
entry on its own; each problem is a finding located in the plan file.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from decimal import Decimal

from meilijiayuan.findings import Finding
from meilijiayuan.messages.catalogue import Term
from meilijiayuan.plan.index import PlanIndex
from meilijiayuan.plan.model import Duty, Group, KeyWork, Organisation, Plan, Target, Task, Window
from meilijiayuan.read.loader import Document, YamlPath
from meilijiayuan.read.located import at, at_key


def plan_references(plan: Plan, doc: Document) -> list[Finding]:
    """Every name and id the plan uses must be defined, and defined once."""
    out: list[Finding] = []

    def refs(base: YamlPath, values: Sequence[str], known: Collection[str], what: str) -> None:
        for j, value in enumerate(values):
            if value not in known:
                out.append(at(doc, (*base, j), "plan-reference", what=Term(what), name=value))

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
                        at(doc, path, "plan-duplicate", what=Term("organisation"), name=name)
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
                    at(doc, (kind, i, "id"), "plan-duplicate", what=Term("item"), name=e.id)
                )
            ids.add(e.id)
    target_ids: set[str] = set()
    for i, t in enumerate(plan.targets):
        if t.id in target_ids or (t.id in ids and t.id != t.item):
            out.append(
                at(doc, ("targets", i, "id"), "plan-duplicate", what=Term("target"), name=t.id)
            )
        target_ids.add(t.id)
    for i, t in enumerate(plan.targets):
        if t.item not in ids:
            out.append(
                at(doc, ("targets", i, "item"), "plan-reference", what=Term("item"), name=t.item)
            )
        refs(("targets", i, "parts"), t.parts, target_ids, "target")
        refs(("targets", i, "reporters"), t.reporters, names, "organisation")
    for i, d in enumerate(plan.duties):
        for role in ("lead", "cooperating", "implementing"):
            refs(("duties", i, role), getattr(d, role), names, "organisation")
        refs(("duties", i, "tasks"), d.tasks, ids, "item")
        refs(("duties", i, "key_works"), d.key_works, ids, "item")
    for i, k in enumerate(plan.key_works):
        refs(("key_works", i, "tasks"), k.tasks, ids, "item")
        refs(("key_works", i, "duties"), k.duties, ids, "item")
    out += plan_windows(plan, doc)
    out += plan_sources(plan, doc)
    out += plan_figures(plan, doc)
    return out


def plan_windows(plan: Plan, doc: Document) -> list[Finding]:
    """Every key work's, duty's and target's window lies inside the plan's window."""
    out: list[Finding] = []
    whole = plan.plan.window
    windowed: list[tuple[str, Sequence[KeyWork | Duty | Target]]] = [
        ("key_works", plan.key_works),
        ("duties", plan.duties),
        ("targets", plan.targets),
    ]
    for kind, entries in windowed:
        for i, e in enumerate(entries):
            if not _inside(e.window, whole):
                out.append(at(doc, (kind, i, "window"), "plan-window-outside", id=e.id,
                              window=str(e.window), plan_window=str(whole)))
    return out


def _inside(window: Window, whole: Window) -> bool:
    return whole.start <= window.start and window.end <= whole.end


def plan_sources(plan: Plan, doc: Document) -> list[Finding]:
    """Every task, key work, duty and target says where in the document it comes from."""
    out: list[Finding] = []
    sourced: list[tuple[str, Sequence[Task | KeyWork | Duty | Target]]] = [
        ("tasks", plan.tasks),
        ("key_works", plan.key_works),
        ("duties", plan.duties),
        ("targets", plan.targets),
    ]
    for kind, entries in sourced:
        for i, e in enumerate(entries):
            if not e.source.strip():
                out.append(at(doc, (kind, i, "source"), "plan-blank-source", id=e.id))
    return out


def plan_figures(plan: Plan, doc: Document) -> list[Finding]:
    """Allocations name reporters and add up to the value; parts add up to the whole.

    Figures are compared as the decimals the plan writes (``Decimal``), never as floats.
    """
    index = PlanIndex(plan)
    by_id = {t.id: t for t in plan.targets}
    out: list[Finding] = []
    for i, t in enumerate(plan.targets):
        if t.allocation:
            reporters = set(index.expand(t.reporters))
            for name in t.allocation:
                path: YamlPath = ("targets", i, "allocation", name)
                org = index.canonical(name)
                if org is None:
                    out.append(at_key(doc, path, "plan-reference", what=Term("organisation"),
                                      name=name))
                elif org not in reporters:
                    out.append(at_key(doc, path, "plan-allocation-not-reporter", id=t.id,
                                      name=name, reporters=list(t.reporters)))
            total = sum((decimal(v) for v in t.allocation.values()), Decimal(0))
            if t.value is not None and total != decimal(t.value):
                out.append(at(doc, ("targets", i, "allocation"), "plan-allocation-sum", id=t.id,
                              total=str(total), value=str(decimal(t.value))))
        parts = [by_id.get(p) for p in t.parts]
        if t.value is not None and parts and all(p is not None for p in parts):
            values = [p.value for p in parts if p is not None]
            if all(v is not None for v in values):
                total = sum((decimal(v) for v in values if v is not None), Decimal(0))
                if total != decimal(t.value):
                    out.append(at(doc, ("targets", i, "parts"), "plan-parts-sum", id=t.id,
                                  parts=list(t.parts), total=str(total),
                                  value=str(decimal(t.value))))
    return out


def decimal(value: float) -> Decimal:
    """The decimal a figure of the plan was written as (``120``, ``0.5``), exactly."""
    number = Decimal(repr(value))
    return number.to_integral_value() if number == number.to_integral_value() else \
        number.normalize()
