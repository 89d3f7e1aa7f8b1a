"""``mljy list --format markdown``: a heading and a pipe table per organisation."""

from __future__ import annotations

from typing import IO, TYPE_CHECKING

from meilijiayuan.output.cells import listing as view
from meilijiayuan.plan.listing import Listing

if TYPE_CHECKING:
    from meilijiayuan.settings import Settings


def _cell(text: str) -> str:
    """Text safe inside a markdown table cell."""
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", "<br>")


def list_markdown(result: Listing, lang: str) -> str:
    """The listing as GitHub-flavoured markdown."""
    lines: list[str] = []
    heads = ("id", "item", "roles", "window", "links", "targets")
    if not result.holders:
        lines.append(view.word("none", lang))
    for holder in result.holders:
        lines.append(f"## {holder.name}")
        lines.append("")
        lines.append(_cell(view.header_text(holder, result.query, lang)))
        lines.append("")
        if not holder.items:
            lines.extend((view.word("none", lang), ""))
            continue
        lines.append("| " + " | ".join(view.word(h, lang) for h in heads) + " |")
        lines.append("|" + "---|" * len(heads))
        for item in holder.items:
            targets = "<br>".join(_cell(view.target_line(t, lang)) for t in item.targets)
            cells = (item.item.id, item.text, view.roles_text(item, lang),
                     view.window_text(item.item.window), view.links_text(item))
            lines.append("| " + " | ".join(_cell(c) for c in cells) + f" | {targets} |")
        lines.append("")
        lines.append(view.summary_text(holder.items, lang))
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def write_list(result: Listing, settings: Settings, stream: IO[str]) -> None:
    """``mljy list --format markdown``."""
    stream.write(list_markdown(result, settings.lang))
