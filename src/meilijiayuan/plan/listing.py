"""What an organisation owns in the plan (``mljy list``): items, roles, windows and targets.

Pure: built from a :class:`~meilijiayuan.plan.index.PlanIndex`, nothing read or printed here.
Names resolve through aliases (区绿容局 = 区绿化市容局) and groups (a town inherits
every 各街镇 duty through :meth:`PlanIndex.responsibilities`). A group asked for by name
(各街镇, 各街道 …) lists the items the plan writes for the group itself, with its members.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from meilijiayuan.findings import Finding
from meilijiayuan.messages.catalogue import Suggestions
from meilijiayuan.plan.index import ROLES, Item, PlanIndex, Responsibility, Role
from meilijiayuan.plan.model import Duty, KeyWork, Target


@dataclass(frozen=True, slots=True)
class Resolved:
    """A name typed by the user, resolved to a canonical organisation or group."""

    query: str
    name: str
    is_group: bool


@dataclass(frozen=True, slots=True)
class Filters:
    """``--role``, ``--year`` and ``--measurable``; ``None``/``False`` keeps everything."""

    role: Role | None = None
    year: int | None = None
    measurable: bool = False


@dataclass(frozen=True, slots=True)
class ListedTarget:
    """A target of a listed item, and whether the listed organisation reports its figure."""

    target: Target
    reports: bool


@dataclass(frozen=True, slots=True)
class ListedItem:
    """One key work (K) or duty (W/J) with the holder's roles in it."""

    item: Item
    roles: tuple[Role, ...]
    targets: tuple[ListedTarget, ...]
    tasks: tuple[str, ...]  # the main tasks (T) it serves
    related: tuple[str, ...]  # a duty's key works, or a key work's duties

    @property
    def text(self) -> str:
        """The plan's full wording of the item."""
        return self.item.model.text


@dataclass(frozen=True, slots=True)
class Holder:
    """An organisation (or a group asked for by name) and the items it owns."""

    name: str
    kind: str  # the organisation's kind, or "group"
    aliases: tuple[str, ...]
    groups: tuple[str, ...]  # the groups an organisation belongs to
    members: tuple[str, ...]  # a group's members
    items: tuple[ListedItem, ...]


@dataclass(frozen=True, slots=True)
class Listing:
    """The answer to one ``mljy list`` run."""

    query: str | None
    filters: Filters
    holders: tuple[Holder, ...]


# --- names --------------------------------------------------------------------------------


def resolve(index: PlanIndex, name: str, *, option: str = "--dept",
            lang: str = "zh") -> Resolved | Finding:
    """The organisation or group ``name`` stands for, or a finding naming the nearest names.

    Look-alike spellings (full-width letters, stray spaces, zero-width characters) are
    folded first, since a query, unlike a report, loses nothing by being lenient.
    """
    for candidate in (name, index.lookalike(name)):
        if candidate is None:
            continue
        org = index.canonical(candidate)
        if org is not None:
            return Resolved(name, org, False)
        group = index.group(candidate)
        if group is not None:
            return Resolved(name, group, True)
    return Finding("unknown-organisation", option,
                   args={"name": name, "suggestion": Suggestions(index.suggest_names(name))})


# --- who owns what ------------------------------------------------------------------------


def group_responsibilities(index: PlanIndex, group: str) -> tuple[Responsibility, ...]:
    """The items the plan writes for ``group`` itself (its name or alias in a cell), plan order.

    Unlike :meth:`PlanIndex.responsibilities` nothing is inherited: these are the rows a
    member inherits from this group.
    """
    names = frozenset((group, *index.groups[group].aliases))
    out: list[Responsibility] = []
    for item in index.items.values():
        found: set[Role] = set()
        for duty in _duties_of(index, item):
            cells = (duty.lead, duty.cooperating, duty.implementing)
            found.update(r for r, cell in zip(ROLES, cells, strict=True)
                         if names.intersection(cell))
        roles = tuple(r for r in ROLES if r in found)
        targets = index.targets_of_item.get(item.id, ())
        reports = tuple(t for t in targets if names.intersection(t.reporters))
        if roles or reports:
            out.append(Responsibility(item, roles, targets, reports))
    return tuple(out)


def _duties_of(index: PlanIndex, item: Item) -> list[Duty]:
    """The 附件2 rows that assign ``item``: the duty itself, or a key work's duties."""
    if isinstance(item.model, Duty):
        return [item.model]
    if isinstance(item.model, KeyWork):
        found = (index.items.get(d) for d in item.model.duties)
        return [d.model for d in found if d is not None and isinstance(d.model, Duty)]
    return []


def listing(index: PlanIndex, query: Resolved | None, filters: Filters = Filters()) -> Listing:
    """Everything ``query`` owns (every organisation, in plan order, when ``None``), filtered."""
    if query is None:
        holders = [_organisation(index, o, filters) for o in index.organisations]
        kept = tuple(h for h in holders if h.items)
        return Listing(None, filters, kept)
    if query.is_group:
        group = index.groups[query.name]
        items = _items(group_responsibilities(index, group.name), filters)
        members = tuple(index.expand([group.name]))
        holder = Holder(group.name, "group", tuple(group.aliases), (), members, items)
        return Listing(query.query, filters, (holder,))
    return Listing(query.query, filters, (_organisation(index, query.name, filters),))


def _organisation(index: PlanIndex, org: str, filters: Filters) -> Holder:
    model = index.organisations[org]
    items = _items(index.responsibilities(org), filters)
    return Holder(org, model.kind, tuple(model.aliases), index.member_of.get(org, ()), (), items)


def _items(found: Sequence[Responsibility], filters: Filters) -> tuple[ListedItem, ...]:
    out: list[ListedItem] = []
    for r in found:
        if r.item.kind == "task":
            continue  # main tasks are nobody's row: they are shown as the links of K/W/J
        if filters.role is not None and filters.role not in r.roles:
            continue
        if filters.measurable and not r.targets:
            continue
        if filters.year is not None and not touches_year(r.item.window, filters.year):
            continue
        reported = {t.id for t in r.reports}
        targets = tuple(ListedTarget(t, t.id in reported) for t in r.targets)
        out.append(ListedItem(r.item, r.roles, targets, *_links(r.item)))
    return tuple(out)


def _links(item: Item) -> tuple[tuple[str, ...], tuple[str, ...]]:
    model = item.model
    if isinstance(model, Duty):
        return tuple(model.tasks), tuple(model.key_works)
    if isinstance(model, KeyWork):
        return tuple(model.tasks), tuple(model.duties)
    return (), ()


def goal_text(target: Target) -> str | None:
    """``≥ 40 个``, ``≥ 95%``; ``None`` for a milestone (done or not)."""
    if target.value is None:
        return None
    sign = "≥" if target.direction == "increase" else "≤"
    unit = target.unit or ""
    return f"{sign} {target.value:g}{'' if unit == '%' else ' '}{unit}".rstrip()


def touches_year(window: tuple[str, str] | None, year: int) -> bool:
    """Whether a window ``("2018-01", "2019-12")`` has at least one month in ``year``."""
    if window is None:
        return True
    return int(window[0][:4]) <= year <= int(window[1][:4])
