"""The plan as an index: organisations, aliases, groups, items, targets and who owns what.

Built once per run from a validated :class:`~meilijiayuan.plan.model.Plan`; every lookup the
validator, evaluator and renderers need is a dictionary access here.
"""

from __future__ import annotations

import difflib
import functools
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal

from meilijiayuan.plan.model import Duty, Group, KeyWork, Organisation, Plan, Target, Task

Role = Literal["lead", "cooperating", "implementing"]
ROLES: tuple[Role, ...] = ("lead", "cooperating", "implementing")
ItemKind = Literal["task", "key_work", "duty"]

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)


def normalise_name(text: str) -> str:
    """Fold width and stray characters: NFKC (full- and half-width forms alike), no
    zero-width characters, no spaces. Two spellings that fold alike are look-alikes."""
    folded = unicodedata.normalize("NFKC", text).translate(_INVISIBLE)
    return "".join(folded.split())


def simplified(text: str) -> str:
    """``text`` with traditional characters written simplified (OpenCC ``t2s``).

    OpenCC is imported here, on the first call: only a name that is not found otherwise
    needs it, so a run whose names are all spelt as the plan spells them never loads it.
    """
    return _t2s()(text)


@functools.cache
def _t2s() -> Callable[[str], str]:
    import opencc

    converter = opencc.OpenCC("t2s")
    return converter.convert


_ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")
_LOOKALIKE_KINDS = {
    "zero-width": "零宽字符 zero-width",
    "space": "空格 space",
    "full-width": "全角字符 full-width",
    "half-width": "半角字符 half-width",
    "traditional": "繁体字 traditional",
}


def lookalike_kinds(text: str, fixed: str | None = None) -> str:
    """What makes ``text`` a look-alike of ``fixed`` (its right spelling, when known)."""
    kinds = []
    if any(ch in _ZERO_WIDTH for ch in text):
        kinds.append("zero-width")
    if any(ch.isspace() for ch in text):
        kinds.append("space")
    if any(unicodedata.normalize("NFKC", ch) != ch for ch in text if not ch.isspace()):
        kinds.append("full-width")
    elif fixed is not None and unicodedata.normalize("NFKC", fixed) != fixed:
        kinds.append("half-width")
    if fixed is not None and normalise_name(text) != normalise_name(fixed):
        kinds.append("traditional")
    return ", ".join(_LOOKALIKE_KINDS[k] for k in kinds) or "?"


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
        self._simplified: dict[str, str] | None = None  # built on the first miss
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
            self.items[d.id] = Item(d.id, "duty", _first_clause(d.text), d.source, w, d)
        self.targets: dict[str, Target] = {t.id: t for t in plan.targets}
        self.targets_of_item: dict[str, tuple[Target, ...]] = {}
        for target in plan.targets:
            previous = self.targets_of_item.get(target.item, ())
            self.targets_of_item[target.item] = (*previous, target)
        self.reporters: dict[str, frozenset[str]] = {
            t.id: frozenset(self.expand(t.reporters)) for t in plan.targets
        }
        self._responsibilities: dict[str, tuple[Responsibility, ...]] = {}

    # --- the plan's own words and settings ---------------------------------------------

    @property
    def district(self) -> str:
        """The label of the district rows and totals, as the plan writes it (``plan.district``)."""
        return self.meta.district

    @property
    def due_day(self) -> int:
        """The day of the next month a monthly report is due (``plan.report_due_day``)."""
        return self.meta.report_due_day

    @functools.cached_property
    def ranked_kinds(self) -> frozenset[str]:
        """The organisation kinds the district picture ranks (``ranking.kinds``; without it,
        every kind of the plan's organisations but ``department``)."""
        kinds = self.plan.ranking.kinds
        if kinds is None:
            return frozenset(o.kind for o in self.plan.organisations) - {"department"}
        return frozenset(kinds)

    @property
    def ranking_label(self) -> str | None:
        """The plan's word for the ranked organisations in headings (``ranking.label``)."""
        return self.plan.ranking.label

    def allocated(self, target: Target, org: str) -> float | None:
        """``org``'s share of ``target`` (its ``allocation`` names it or an alias), else None."""
        if not target.allocation:
            return None
        for name, share in target.allocation.items():
            if self.org_names.get(name, name) == org:
                return share
        return None

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
        """The known name (as the plan spells it) that ``name`` is a look-alike of, else None.

        Both sides are folded by :func:`normalise_name`, so full-width and half-width
        brackets, letters and digits match whichever form the plan uses; only when that
        finds nothing are traditional characters folded to simplified on both sides.
        """
        folded = normalise_name(name)
        found = self._normalised.get(folded)
        if found is None:
            if not any(ord(ch) > 0x2E7F for ch in folded):
                return None  # no CJK character: nothing traditional to fold
            if self._simplified is None:
                self._simplified = {simplified(k): n for k, n in self._normalised.items()}
            found = self._simplified.get(simplified(folded))
        return None if found == name else found

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
