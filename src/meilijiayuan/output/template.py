"""Report skeletons (``mljy template``): every item a unit must report for one month.

Required entries are the targets the unit reports whose window is open in that month;
each has its figure keys left blank (``value:`` → null), so an unfilled skeleton fails
validation at exactly those lines. The unit's ongoing duties and key works open that
month (items without a target) follow as optional entries, commented out. The figure
key comes first in each entry, so a finding located at the entry lands on the blank.
"""

from __future__ import annotations

from collections.abc import Sequence

from meilijiayuan.messages.renderers import TEMPLATE as _PHRASES
from meilijiayuan.periods import Month
from meilijiayuan.plan.fields import STATES
from meilijiayuan.plan.index import PlanIndex
from meilijiayuan.plan.listing import goal_text
from meilijiayuan.plan.model import Target
from meilijiayuan.plan.owed import (
    OptionalEntry,
    asked_targets,
    due_date,
    optional_entries,
)

_KEY_WIDTH = 16  # trailing comments line up after the longest key, "denominator:"


def _p(key: str, lang: str, **args: object) -> str:
    zh, en = _PHRASES[key]
    return (en if lang == "en" else zh).format(**args) if args else (en if lang == "en" else zh)


def template_text(index: PlanIndex, org: str, month: Month, *, lang: str = "zh",
                  schema_url: str | None = None) -> str:
    """The YAML skeleton of ``org``'s report for ``month`` (UTF-8 text, ends with a newline)."""
    lines: list[str] = []
    if schema_url:
        lines.append(f"# yaml-language-server: $schema={schema_url}")
    groups = index.member_of.get(org, ())
    colon = ": " if lang == "en" else "："
    who = f"{_p('unit', lang)}{colon}{org}"
    if groups:
        sep = ", " if lang == "en" else "、"
        who += f" ({_p('groups', lang)}{colon}{sep.join(groups)})" if lang == "en" else \
            f"（{_p('groups', lang)}{colon}{sep.join(groups)}）"
    number = index.meta.document_number
    number = f" ({number})" if lang == "en" else f"（{number}）"
    due = due_date(index, month)
    lines += [
        f"# {index.meta.title} {_p('title', lang)}{number}",
        f"# {who}  {_p('period', lang)}{colon}{month}  {_p('due', lang)}{colon}{due}",
        f"# {_p('how', lang)}",
        f"# {_p('numbers', lang)}",
        f"unit: {org}",
        f"period: {month}",
        _keyed("submitted:", _p("submitted", lang, example=due_date(index, month))),
        _keyed("contact:", _p("contact", lang)),
    ]
    required, also = asked_targets(index, org, month)
    optional = optional_entries(index, org, month)
    if required:
        lines.append("items:")
        lines.append(f"  # ===== {_p('required', lang, n=len(required))} =====")
        for target in required:
            lines.append("")
            lines += _required(index, org, target, month, lang, also.get(target.id, ()))
    else:
        lines.append("items: {}")
        lines.append(f"  # {_p('none_required', lang)}")
    if optional:
        lines.append("")
        lines.append(f"  # ===== {_p('optional', lang)} =====")
        for entry in optional:
            lines.append("")
            lines += _optional(entry, lang)
    return "\n".join(lines) + "\n"


def _keyed(key: str, comment: str, indent: str = "") -> str:
    return f"{indent}{key.ljust(_KEY_WIDTH)}# {comment}"


def _window(target: Target, lang: str) -> str:
    return _p("window", lang, start=target.window.start, end=target.window.end)


def _scope(index: PlanIndex, org: str, target: Target, lang: str) -> str:
    if target.per_unit:
        return _p("per_unit", lang)
    if index.allocated(target, org) is not None:
        total = f"{target.value:g}{'' if target.unit == '%' else ' '}{target.unit or ''}"
        return _p("allocation", lang, district=index.district, total=total.rstrip())
    return _p(target.aggregate, lang, district=index.district)


def _required(index: PlanIndex, org: str, target: Target, month: Month, lang: str,
              also: Sequence[str] = ()) -> list[str]:
    colon = ": " if lang == "en" else "："
    sep = "; " if lang == "en" else "；"
    head = f"  # {target.id}  {target.title}"
    if target.item != target.id:
        head += f"（{target.item}）" if lang != "en" else f" ({target.item})"
    if also:
        head += "  " + _p("also", lang, ids=", ".join(also))
    share = index.allocated(target, org)
    goal = goal_text(target if share is None else target.model_copy(update={"value": share}))
    if goal is None:
        goal = _p("done_by", lang, window=_window(target, lang))
    else:
        goal += (", " if lang == "en" else "，") + _window(target, lang)
    lines = [head, f"  #   {_p('target', lang)}{colon}{goal}{sep}"
                   f"{_scope(index, org, target, lang)}{sep}{target.source}"]
    states = " | ".join(STATES)
    entry = [f"  {target.id}:"]
    if target.measure == "quantity":
        what = _p(target.basis, lang, month=month)
        lines.append(f"  #   {_p('fill', lang)}{colon}value = {what}")
        entry += [
            _keyed("value:", _p("value", lang, unit=target.unit), "    "),
            _keyed("this_month:", _p("this_month", lang), "    "),
            _keyed("note:", _p("note", lang), "    "),
        ]
    elif target.measure == "rate":
        what = _p(target.basis, lang, month=month)
        lines.append(f"  #   {_p('fill', lang)}{colon}numerator / denominator = {what}")
        entry += [
            _keyed("numerator:", _p("numerator", lang), "    "),
            _keyed("denominator:", _p("denominator", lang), "    "),
            _keyed("note:", _p("note", lang), "    "),
        ]
    else:
        entry += [
            _keyed("state:", _p("state", lang, states=states), "    "),
            _keyed("note:", _p("note", lang), "    "),
            _keyed("evidence:", _p("evidence", lang), "    "),
        ]
    return lines + entry


def _optional(entry: OptionalEntry, lang: str) -> list[str]:
    item = entry.item
    sep = ", " if lang == "en" else "、"
    roles = sep.join(_p(f"{r}_role", lang) for r in entry.roles)
    window = f"{item.window[0]}…{item.window[1]}" if item.window else ""
    text = " ".join(item.model.text.split())
    states = " | ".join(STATES)
    return [
        f"  # {item.id}  {text}",
        f"  #   {roles} · {window} · {item.source}",
        f"  # {item.id}:",
        "  #" + _keyed("state:", _p("state_optional", lang, states=states), "   "),
        "  #" + _keyed("note:", _p("note", lang), "   "),
    ]
