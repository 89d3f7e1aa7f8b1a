"""The plan as an index: organisations, aliases, groups, items, targets and who owns what.

Built once per run from a validated :class:`~meilijiayuan.plan.model.Plan`; every lookup the
validator, evaluator and renderers need is a dictionary access here.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from meilijiayuan.plan.model import Duty, Group, KeyWork, Organisation, Plan, Target, Task

Role = Literal["lead", "cooperating", "implementing"]
ROLES: tuple[Role, ...] = ("lead", "cooperating", "implementing")
ItemKind = Literal["task", "key_work", "duty"]

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
# Traditional forms of the characters in the plan's organisation names (from OpenCC's s2t
# table), so that 馬陸鎮 typed on a traditional-Chinese input method finds 马陆镇.
TRADITIONAL = str.maketrans(
    "業會體黨關岡辦務區華協單衛發員園國場廣執機橋監組織經綜綠網聯規計議財資鎮隊陸馬",
    "业会体党关冈办务区华协单卫发员园国场广执机桥监组织经综绿网联规计议财资镇队陆马",
)


def normalise_name(text: str) -> str:
    """Fold look-alike spellings: full-width forms, traditional characters, zero-width, spaces."""
    folded = unicodedata.normalize("NFKC", text).translate(_INVISIBLE).translate(TRADITIONAL)
    return "".join(folded.split())


@dataclass(frozen=True, slots=True)
class Item:
    """Anything a report may name: a task (T), a key work (K) or a duty (W/J)."""

    id: str
    kind: ItemKind
    title: str
    source: str
    window: tuple[str, str] | None
    model: Task | KeyWork | Duty


@dataclass(frozen=True, slots=True)
class Responsibility:
    """One item an organisation owns, with its role(s) and the target, if measurable."""

    item: Item
    roles: tuple[Role, ...]
    targets: tuple[Target, ...]
    reports: tuple[Target, ...]  # the targets this organisation must report a figure for


class PlanIndex:
    """Lookups over one plan."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.meta = plan.plan
        self.thresholds = plan.thresholds
        self.organisations: dict[str, Organisation] = {o.name: o for o in plan.organisations}
        self.groups: dict[str, Group] = {g.name: g for g in plan.groups}
        # every spelling → canonical organisation or group name
        self.org_names: dict[str, str] = {}
        self.group_names: dict[str, str] = {}
        for o in plan.organisations:
            for name in (o.name, *o.aliases):
                self.org_names[name] = o.name
        for g in plan.groups:
            for name in (g.name, *g.aliases):
                self.group_names[name] = g.name
        self._normalised = {normalise_name(n): n for n in (*self.org_names, *self.group_names)}
        # organisation → the canonical group names it belongs to
        self.member_of: dict[str, tuple[str, ...]] = {
            o: tuple(
                g.name for g in plan.groups if o in {self.org_names.get(m, m) for m in g.members}
            )
            for o in self.organisations
        }
        self.items: dict[str, Item] = {}
        for t in plan.tasks:
            self.items[t.id] = Item(t.id, "task", t.title, t.source, None, t)
        for k in plan.key_works:
            w = (str(k.window.start), str(k.window.end))
            self.items[k.id] = Item(k.id, "key_work", _first_clause(k.text), k.source, w, k)
        for d in plan.duties:
            w = (str(d.window.start), str(d.window.end))
            self.items[d.id] = Item(d.id, "duty", _first_clause(d.text), _duty_source(d), w, d)
        self.targets: dict[str, Target] = {t.id: t for t in plan.targets}
        self.targets_of_item: dict[str, tuple[Target, ...]] = {}
        for target in plan.targets:
            previous = self.targets_of_item.get(target.item, ())
            self.targets_of_item[target.item] = (*previous, target)
        self.reporters: dict[str, frozenset[str]] = {
            t.id: frozenset(self.expand(t.reporters)) for t in plan.targets
        }
        self._responsibilities: dict[str, tuple[Responsibility, ...]] = {}

    # --- names ------------------------------------------------------------------------

    def canonical(self, name: str) -> str | None:
        """The canonical organisation name for a name or alias, else None."""
        return self.org_names.get(name)

    def group(self, name: str) -> str | None:
        """The canonical group name for a group name or alias, else None."""
        return self.group_names.get(name)

    def expand(self, names: Iterable[str]) -> list[str]:
        """Organisations named by ``names`` (groups expanded), canonical, in plan order."""
        found: set[str] = set()
        for name in names:
            org = self.org_names.get(name)
            if org is not None:
                found.add(org)
                continue
            group = self.group_names.get(name)
            if group is not None:
                found.update(self.org_names.get(m, m) for m in self.groups[group].members)
        return [o for o in self.organisations if o in found]

    def names_for(self, org: str) -> frozenset[str]:
        """Every name that refers to ``org``: itself, its aliases, its groups and their aliases."""
        names = {org, *self.organisations[org].aliases}
        for g in self.member_of.get(org, ()):
            names.update((g, *self.groups[g].aliases))
        return frozenset(names)

    def lookalike(self, name: str) -> str | None:
        """The known name that ``name`` becomes once look-alike characters are folded."""
        folded = normalise_name(name)
        if folded == name:
            return None
        return self._normalised.get(folded)

    def suggest_names(self, name: str, n: int = 3) -> list[str]:
        """The nearest known organisation names (canonical and aliases)."""
        pool = list(self.org_names) + list(self.group_names)
        direct = self.lookalike(name)
        close = difflib.get_close_matches(normalise_name(name), pool, n=n, cutoff=0.5)
        out = ([direct] if direct else []) + [c for c in close if c != direct]
        return out[:n]

    def suggest_ids(self, item_id: str, n: int = 3) -> list[str]:
        """The nearest known item and target ids."""
        pool = list(self.items) + [t for t in self.targets if t not in self.items]
        folded = normalise_name(item_id)
        exact = [p for p in pool if p == folded or p.lower() == folded.lower()]
        close = difflib.get_close_matches(folded, pool, n=n, cutoff=0.6)
        return list(dict.fromkeys(exact + close))[:n]

    # --- who owns what ------------------------------------------------------------------

    def is_reporter(self, org: str, target_id: str) -> bool:
        return org in self.reporters.get(target_id, frozenset())

    def responsibilities(self, org: str) -> tuple[Responsibility, ...]:
        """Every item ``org`` owns, directly, through an alias or through a group, in plan order."""
        cached = self._responsibilities.get(org)
        if cached is not None:
            return cached
        names = self.names_for(org)
        out: list[Responsibility] = []
        for item in self.items.values():
            roles: tuple[Role, ...] = ()
            if isinstance(item.model, Duty):
                roles = self._roles(item.model, names)
            elif isinstance(item.model, KeyWork):
                # a key work (附件1) is owned through the duties (附件2) that carry it out
                found: set[Role] = set()
                for duty_id in item.model.duties:
                    duty = self.items.get(duty_id)
                    if duty is not None and isinstance(duty.model, Duty):
                        found.update(self._roles(duty.model, names))
                roles = tuple(r for r in ROLES if r in found)
            targets = self.targets_of_item.get(item.id, ())
            reports = tuple(t for t in targets if self.is_reporter(org, t.id))
            if roles or reports:
                out.append(Responsibility(item, roles, targets, reports))
        result = tuple(out)
        self._responsibilities[org] = result
        return result

    @staticmethod
    def _roles(duty: Duty, names: frozenset[str]) -> tuple[Role, ...]:
        cells = (duty.lead, duty.cooperating, duty.implementing)
        return tuple(
            role for role, cell in zip(ROLES, cells, strict=True) if names.intersection(cell)
        )

    def reported_targets(self, org: str) -> list[Target]:
        """The targets ``org`` must report a figure for, in plan order."""
        return [t for t in self.plan.targets if self.is_reporter(org, t.id)]


def _first_clause(text: str) -> str:
    """A short title: the text up to the first full stop."""
    head = text.split("。")[0]
    return head if len(head) <= 60 else head[:59] + "…"


def _duty_source(d: Duty) -> str:
    return f"附件2 {d.table} {d.seq}"
