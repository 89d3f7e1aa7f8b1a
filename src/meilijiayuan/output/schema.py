"""JSON Schema (draft 2020-12) for editors (``mljy schema``), generated from the models.

The report schema is :meth:`Report.model_json_schema` enriched from the plan:

- ``unit`` enumerates every organisation name and alias (groups cannot report);
- ``items`` keys are limited to the plan's item and target ids (``propertyNames``);
- each id gets the fields its measure allows, as :mod:`meilijiayuan.report.validate` checks them:
  quantity → ``value`` (unit convertible to the target's), rate → ``numerator`` and
  ``denominator`` (or a bare ``rate``), milestone and ongoing items → ``state``;
- titles and descriptions come from the plan, in Chinese.

What a schema cannot say (numerator ≤ denominator, who reports what, totals and their
parts) stays with ``mljy validate``. Subschemas are combined with ``allOf`` rather than
siblings of ``$ref``, so editors that implement older drafts read them the same way.
"""

from __future__ import annotations

import copy
import json
from typing import Any

from meilijiayuan.measures import compatible_units
from meilijiayuan.plan.index import PlanIndex
from meilijiayuan.plan.listing import goal_text
from meilijiayuan.plan.model import Plan, Target
from meilijiayuan.report.model import Report

DRAFT = "https://json-schema.org/draft/2020-12/schema"
_NULL = {"type": "null"}
_NUMBER = {"type": "number", "minimum": 0}
# the validator's own text fields accept a bare number and keep it as typed (021-… stays text)
_TEXT_OR_NUMBER = {"type": ["string", "number", "null"]}

# The entry shape per measure: what must be given, and which figure fields must stay empty.
_ENTRY_DEFS: dict[str, dict[str, Any]] = {
    "QuantityEntry": {
        "description": "数量类目标：填写 value（目标时间窗内的累计完成量）",
        "required": ["value"],
        "properties": {"value": _NUMBER, "numerator": _NULL, "denominator": _NULL, "rate": _NULL},
    },
    "RateEntry": {
        "description": "比率类目标：填写 numerator（达标数）和 denominator（总数）",
        "anyOf": [
            {"required": ["numerator", "denominator"],
             "properties": {"numerator": _NUMBER,
                            "denominator": {"type": "number", "exclusiveMinimum": 0}}},
            {"required": ["rate"],
             "properties": {"rate": _NUMBER, "numerator": _NULL, "denominator": _NULL}},
        ],
        "properties": {"value": _NULL},
    },
    "MilestoneEntry": {
        "description": "节点类目标：填写 state",
        "required": ["state"],
        "properties": {"value": _NULL, "numerator": _NULL, "denominator": _NULL, "rate": _NULL},
    },
    "OngoingEntry": {
        "description": "持续推进的工作：填写 state，可附 note",
        "required": ["state"],
        "properties": {"numerator": _NULL, "denominator": _NULL, "rate": _NULL},
    },
}
_ENTRY_OF_MEASURE = {
    "quantity": "QuantityEntry", "rate": "RateEntry", "milestone": "MilestoneEntry",
}


def plan_schema() -> dict[str, Any]:
    """The schema of the plan file (data/plan.yaml)."""
    schema = Plan.model_json_schema()
    schema["$schema"] = DRAFT
    schema["title"] = "mljy plan file"
    return schema


def report_schema(index: PlanIndex) -> dict[str, Any]:
    """The schema of a progress report, enriched from the plan behind ``index``."""
    schema = Report.model_json_schema()
    defs: dict[str, Any] = schema["$defs"]
    meta = index.meta
    states = defs["ItemReport"]["properties"]["state"]
    state_schema = next(s for s in states["anyOf"] if s.get("type") == "string")
    for name, body in _ENTRY_DEFS.items():
        entry = {"allOf": [{"$ref": "#/$defs/ItemReport"}], **copy.deepcopy(body)}
        if "state" in entry.get("required", []):
            entry["properties"]["state"] = state_schema
        defs[name] = entry
    for key in ("note", "evidence"):
        defs["ItemReport"]["properties"][key].pop("anyOf")
        defs["ItemReport"]["properties"][key].update(_TEXT_OR_NUMBER)
    props = schema["properties"]
    for key in ("contact", "note"):
        props[key].pop("anyOf")
        props[key].update(_TEXT_OR_NUMBER)
    schema["$schema"] = DRAFT
    schema["title"] = f"{meta.title} 月度进度报表"
    schema["description"] = (
        f"{meta.document_number}。每个单位每月一份；用 mljy validate 检查。"
        f"One progress report per organisation and month."
    )
    names = [n for o in index.plan.organisations for n in (o.name, *o.aliases)]
    props["unit"]["enum"] = names
    group = next(iter(index.groups), None)
    props["unit"]["description"] = ("报送单位：计划中的单位名称或别名（不能是"
                                    + (f"“{group}”等" if group else "") + "单位组）")
    window = f"{meta.window.start} 至 {meta.window.end}"
    props["period"]["description"] = f"报送月份 YYYY-MM，计划期 {window}"
    ids = list(dict.fromkeys([*index.items, *index.targets]))
    entries = {i: _entry_schema(index, i) for i in ids}
    props["items"] = {
        "title": "Items",
        "description": "本月报送的事项：键为事项或目标编号（区分大小写），"
                       "见 mljy list --dept 本单位",
        "type": "object",
        "propertyNames": {"enum": ids},
        "properties": entries,
        "additionalProperties": {"$ref": "#/$defs/ItemReport"},
    }
    return schema


def _entry_schema(index: PlanIndex, item_id: str) -> dict[str, Any]:
    target = index.targets.get(item_id)
    if target is None:
        item = index.items[item_id]
        window = f"，{item.window[0]} 至 {item.window[1]}" if item.window else ""
        return {
            "title": f"{item_id} {item.title}",
            "description": f"{item.source}{window}。{_plain(item.model.text)}",
            "allOf": [{"$ref": "#/$defs/OngoingEntry"}],
        }
    out: dict[str, Any] = {
        "title": f"{item_id} {target.title}",
        "description": _target_description(index, target),
        "allOf": [{"$ref": f"#/$defs/{_ENTRY_OF_MEASURE[target.measure]}"}],
    }
    if target.unit is not None and target.measure == "quantity":
        out["properties"] = {"unit": {"enum": [*compatible_units(target.unit), None]}}
    return out


def _target_description(index: PlanIndex, target: Target) -> str:
    window = f"{target.window.start} 至 {target.window.end}"
    goal = goal_text(target)
    goal = f"在 {window} 内完成" if goal is None else f"{goal}，{window}"
    reporters = "、".join(target.reporters)
    return f"{target.source}。目标：{goal}。报送：{reporters}。"


def _plain(text: str) -> str:
    return " ".join(text.split())


def dumps(schema: dict[str, Any]) -> str:
    """Stable text: sorted keys, UTF-8 characters kept, two-space indent, final newline."""
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
