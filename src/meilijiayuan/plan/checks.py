"""Checks across the plan file: every organisation, group and item it names is defined, once.

These run after the plan's models have validated each entry on its own; each problem is a
finding located in the plan file.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from meilijiayuan.findings import Finding
from meilijiayuan.messages.catalogue import Term
from meilijiayuan.plan.model import Duty, Group, KeyWork, Organisation, Plan, Task
from meilijiayuan.read.loader import Document, YamlPath
from meilijiayuan.read.located import at


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
        if t.window.start < plan.plan.window.start or t.window.end > plan.plan.window.end:
            detail = f"target {t.id} window {t.window} is outside the plan window"
            out.append(at(doc, ("targets", i, "window"), "plan-inconsistent", detail=detail))
    for i, d in enumerate(plan.duties):
        for role in ("lead", "cooperating", "implementing"):
            refs(("duties", i, role), getattr(d, role), names, "organisation")
        refs(("duties", i, "tasks"), d.tasks, ids, "item")
        refs(("duties", i, "key_works"), d.key_works, ids, "item")
    for i, k in enumerate(plan.key_works):
        refs(("key_works", i, "tasks"), k.tasks, ids, "item")
        refs(("key_works", i, "duties"), k.duties, ids, "item")
    return out
