"""``mljy list`` as a rich table per organisation (the cell texts: :mod:`..cells.listing`).

Ids never wrap or shorten; the plan's wording folds to the terminal width (rich measures
Chinese characters as two cells, so columns line up).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import IO, TYPE_CHECKING

from meilijiayuan.output.cells import listing as view
from meilijiayuan.plan.listing import ListedItem, Listing

if TYPE_CHECKING:
    from rich.console import Console

    from meilijiayuan.settings import Settings


NARROW = 72  # below this many columns a six-column table cannot hold Chinese text legibly


def render_list_table(console: Console, result: Listing, lang: str) -> None:
    """One titled table per organisation (or group), then its counts.

    A terminal narrower than :data:`NARROW` gets one block per item instead of a table.
    """
    from rich.text import Text

    if not result.holders:
        console.print(view.word("none", lang))
    for n, holder in enumerate(result.holders):
        if n:
            console.print()
        console.print(Text(view.header_text(holder, result.query, lang), style="bold"))
        if not holder.items:
            console.print(view.word("none", lang))
            continue
        if console.width < NARROW:
            _blocks(console, holder.items, lang)
        else:
            _table(console, holder.items, lang)
        console.print(view.summary_text(holder.items, lang))


def _table(console: Console, items: Sequence[ListedItem], lang: str) -> None:
    from rich.table import Table
    from rich.text import Text

    table = Table(show_lines=True, expand=True, header_style="bold")
    table.add_column(view.word("id", lang), no_wrap=True)
    table.add_column(view.word("item", lang), overflow="fold", ratio=3, min_width=12)
    table.add_column(view.word("roles", lang), overflow="fold", min_width=4 if lang != "en" else 12)
    table.add_column(view.word("window", lang), no_wrap=True)
    table.add_column(view.word("links", lang), overflow="fold", min_width=7, max_width=14)
    table.add_column(view.word("targets", lang), overflow="fold", ratio=2, min_width=18)
    for item in items:
        targets = Text()
        for k, t in enumerate(item.targets):
            if k:
                targets.append("\n")
            targets.append(view.target_line(t, lang), style="bold" if t.reports else "")
        table.add_row(item.item.id, item.text, view.roles_text(item, lang),
                      view.window_text(item.item.window), view.links_text(item), targets)
    console.print(table)


def _blocks(console: Console, items: Sequence[ListedItem], lang: str) -> None:
    from rich.padding import Padding
    from rich.text import Text

    for item in items:
        head = Text(item.item.id, style="bold")
        head.append(f"  {view.roles_text(item, lang)} · {view.window_text(item.item.window)}")
        if view.links_text(item):
            head.append(f" · {view.links_text(item)}")
        console.print(head, overflow="fold")
        console.print(Padding(Text(item.text, overflow="fold"), (0, 0, 0, 2), expand=False))
        for t in item.targets:
            line = Text(view.target_line(t, lang), style="bold" if t.reports else "",
                        overflow="fold")
            console.print(Padding(line, (0, 0, 0, 2), expand=False))


def write_list(result: Listing, settings: Settings, stream: IO[str]) -> None:
    """``mljy list`` (table)."""
    from meilijiayuan.output.table.console import make_console

    render_list_table(make_console(settings, stream), result, settings.lang)
