"""``mljy list --format json``: the stable machine shape of a listing."""

from __future__ import annotations

from typing import IO, TYPE_CHECKING, Any

from meilijiayuan import __version__
from meilijiayuan.plan.listing import Holder, ListedItem, ListedTarget, Listing

if TYPE_CHECKING:
    from meilijiayuan.settings import Settings


def _window(window: tuple[str, str] | None) -> dict[str, str] | None:
    return None if window is None else {"start": window[0], "end": window[1]}


def _target(t: ListedTarget) -> dict[str, Any]:
    target = t.target
    return {
        "id": target.id,
        "title": target.title,
        "source": target.source,
        "measure": target.measure,
        "value": target.value,
        "unit_of_measure": target.unit,
        "direction": target.direction,
        "window": {"start": str(target.window.start), "end": str(target.window.end)},
        "basis": target.basis,
        "aggregate": target.aggregate,
        "per_unit": target.per_unit,
        "reporters": list(target.reporters),
        "reports": t.reports,
    }


def _item(item: ListedItem) -> dict[str, Any]:
    return {
        "id": item.item.id,
        "kind": item.item.kind,
        "title": item.item.title,
        "text": item.text,
        "source": item.item.source,
        "roles": list(item.roles),
        "window": _window(item.item.window),
        "tasks": list(item.tasks),
        "related": list(item.related),
        "targets": [_target(t) for t in item.targets],
    }


def _holder(holder: Holder) -> dict[str, Any]:
    return {
        "name": holder.name,
        "kind": holder.kind,
        "aliases": list(holder.aliases),
        "groups": list(holder.groups),
        "members": list(holder.members),
        "items": [_item(i) for i in holder.items],
    }


def list_document(result: Listing) -> dict[str, Any]:
    """The JSON document of ``mljy list``."""
    f = result.filters
    return {
        "tool": "mljy",
        "version": __version__,
        "command": "list",
        "query": result.query,
        "filters": {"role": f.role, "year": f.year, "measurable": f.measurable},
        "organisations": [_holder(h) for h in result.holders],
    }


def write_list(result: Listing, settings: Settings, stream: IO[str]) -> None:
    """``mljy list --format json``."""
    from meilijiayuan.output.json.check import dumps

    stream.write(dumps(list_document(result)) + "\n")
