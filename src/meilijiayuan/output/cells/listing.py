"""The cells of ``mljy list`` as plain strings, shared by the terminal table and markdown."""

from __future__ import annotations

from collections.abc import Sequence

from meilijiayuan.messages.labels import pick
from meilijiayuan.messages.renderers import LISTING as _WORDS
from meilijiayuan.plan.listing import Holder, ListedItem, ListedTarget, goal_text


def word(key: str, lang: str) -> str:
    """A label of the list output in ``lang``."""
    return pick(_WORDS, key, lang)


def roles_text(item: ListedItem, lang: str) -> str:
    """``牵头、实施``; an item held only as a reporter shows ``报送``."""
    names = [word(r, lang) for r in item.roles] or [word("reports", lang)]
    return ("、" if lang != "en" else ", ").join(names)


def window_text(window: tuple[str, str] | None) -> str:
    """``2018–2020`` for whole years (the plan's 时间节点), else ``2018-03–2018-09``."""
    if window is None:
        return ""
    start, end = window
    if start.endswith("-01") and end.endswith("-12"):
        first, last = start[:4], end[:4]
        return first if first == last else f"{first}–{last}"
    return f"{start}–{end}"


def links_text(item: ListedItem) -> str:
    """The main tasks, then the related key works or duties."""
    return " ".join((*item.tasks, *item.related))


def target_value(t: ListedTarget, lang: str) -> str:
    """``≥ 12 万平方米``, ``≥ 95%``, or ``完成`` for a milestone."""
    return goal_text(t.target) or word("milestone", lang)


def target_line(t: ListedTarget, lang: str) -> str:
    """``K2018-1a ≥ 12 万平方米 · 报送``."""
    mark = f" · {word('reports', lang)}" if t.reports else ""
    return f"{t.target.id} {target_value(t, lang)}{mark}"


def header_text(holder: Holder, query: str | None, lang: str) -> str:
    """``区绿化市容局（委办局）  别名：区绿容局  查询：区绿容局``."""
    sep = ", " if lang == "en" else "、"
    colon = ": " if lang == "en" else "："
    parts = [f"{holder.name} ({word(holder.kind, lang)})" if lang == "en"
             else f"{holder.name}（{word(holder.kind, lang)}）"]
    for key, names in (("aliases", holder.aliases), ("groups", holder.groups),
                       ("members", holder.members)):
        if names:
            parts.append(f"{word(key, lang)}{colon}{sep.join(names)}")
    if query is not None and query != holder.name:
        parts.append(f"{word('asked', lang)}{colon}{query}")
    return "  ".join(parts)


def summary_text(items: Sequence[ListedItem], lang: str) -> str:
    """``12 项：牵头 6，配合 3，实施 3；目标 5 个，其中须报送 4 个``."""
    counts = {r: sum(r in i.roles for i in items) for r in ("lead", "cooperating", "implementing")}
    targets = sum(len(i.targets) for i in items)
    reports = sum(t.reports for i in items for t in i.targets)
    if lang == "en":
        return (f"{len(items)} items: lead {counts['lead']}, cooperating {counts['cooperating']}, "
                f"implementing {counts['implementing']}; {targets} targets, {reports} to report")
    return (f"{len(items)} 项：牵头 {counts['lead']}，配合 {counts['cooperating']}，"
            f"实施 {counts['implementing']}；目标 {targets} 个，其中须报送 {reports} 个")
