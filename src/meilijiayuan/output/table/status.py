"""The district picture as rich tables (``mljy status``): five views, then the findings.

(1) district targets, (2) organisations × targets, (3) missing and late reports, (4) the
trend with a sparkline, (5) the ranking. The cell texts are plain strings
(:mod:`meilijiayuan.output.cells.status`, shared with the markdown renderer); colour only adds
to them (every status carries its symbol), so the output reads the same under ``NO_COLOR``.
rich is imported inside the functions that draw.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import IO, TYPE_CHECKING

from meilijiayuan.judge.records import Assessment, Level
from meilijiayuan.messages.plan_words import speak_for
from meilijiayuan.output.cells import status as view
from meilijiayuan.output.cells.check import status_level
from meilijiayuan.output.table.cell import Cell
from meilijiayuan.output.trace import files_with_findings, summary_line

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

    from meilijiayuan.judge.picture import DistrictPicture, RankRow
    from meilijiayuan.output.registry import StatusResult
    from meilijiayuan.plan.index import PlanIndex
    from meilijiayuan.report.validate import FileResult
    from meilijiayuan.settings import Settings


_STYLE = {Level.green: "green", Level.amber: "yellow", Level.red: "bold red", Level.neutral: "dim"}

WHOLE = frozenset({"id", "status", "spark", "change", "reported", "month"})
"""The columns of the console tables that never wrap."""


# --- cells ------------------------------------------------------------------------------------


def _level_of(r: RankRow) -> Level:
    return Level.red if r.red else Level.amber if r.amber else Level.green


# --- drawing ----------------------------------------------------------------------------------


def render_status(console: Console, picture: DistrictPicture, index: PlanIndex,
                  settings: Settings, files: Sequence[FileResult] = ()) -> None:
    """Every view in order, then the findings and the total line over ``files``."""
    from rich.text import Text

    from meilijiayuan.output.cells.check import summary_text
    from meilijiayuan.output.table.check import assessment_table

    speak_for(index)
    lang = settings.lang
    console.print(Text(view.title_text(picture, index), style="bold"))
    console.print(Text(view.subtitle_text(picture, index, lang)))
    results = files_with_findings(picture, files)
    problems = any(r.findings for r in results)
    if problems:  # first: an invalid report left out of the figures is never named only below
        _heading(console, "findings", lang)
        from meilijiayuan.output.table.findings import render_findings

        render_findings(console, results, settings)

    from meilijiayuan.output.cells.check import legend_text
    from meilijiayuan.output.trace import split_closed

    open_rows, closed_rows = split_closed(picture.district)
    _heading(console, "district", lang)
    console.print(assessment_table(open_rows, lang, district=True, width=console.width))
    console.print(Text(summary_text(open_rows, lang)))
    console.print(Text(legend_text(lang, picture.district), style="dim"))
    _who(console, open_rows, picture, index, lang)

    _heading(console, "matrix", lang)
    _matrix(console, picture, index, lang)

    _heading(console, "reports", lang)
    _reports(console, picture, lang)

    _heading(console, "trend", lang)
    trends = view.open_trends(picture)
    if trends:
        rows = [view.trend_cells(t, lang) for t in trends]
        styles = {"status": [_STYLE[t.points[-1].status.level] for t in trends]}
        columns = [key for key in view.TREND_COLUMNS if key != "title"]
        console.print(_table(columns, rows, lang, styles=styles))
        console.print(Text(view.trend_note(picture, lang), style="dim"))
    else:
        console.print(Text(view.word("no_trend", lang)))

    _heading(console, "ranking", lang)
    from meilijiayuan.output.trace import owed_counts

    owed = owed_counts(picture)
    rows = [view.ranking_cells(r, lang, owed) for r in picture.ranking]
    styles = {"unit": [_STYLE[_level_of(r)] for r in picture.ranking]}
    console.print(_table(view.RANK_COLUMNS, rows, lang, styles=styles))
    console.print(Text(view.word("rank_note", lang), style="dim"))

    _heading(console, "problems", lang)
    _problems(console, picture, index, lang)

    if closed_rows:
        _heading(console, "closed", lang)
        console.print(assessment_table(closed_rows, lang, district=True, width=console.width))
        console.print(Text(summary_text(closed_rows, lang)))
        _who(console, closed_rows, picture, index, lang)
        console.print(Text(view.word("closed_note", lang), style="dim"))

    if not problems:
        console.print()
        console.print(Text(summary_line(results, lang)))


def _who(console: Console, rows: Sequence[Assessment], picture: DistrictPicture,
         index: PlanIndex, lang: str) -> None:
    """Under a district table: who stands behind each red or amber row (names are never
    broken across lines)."""
    from rich.cells import cell_len
    from rich.table import Table
    from rich.text import Text

    from meilijiayuan.output.table.wrap import wrap_items
    from meilijiayuan.output.trace import flagged, who_parts

    bad = flagged(rows)
    if not bad:
        return
    console.print(Text(view.word("who", lang), style="bold"))
    lines = [who_parts(a, picture, index, lang) for a in bad]
    head = max(cell_len(h) for h, _ in lines) + 2
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, min_width=head)
    grid.add_column(overflow="fold")
    sep = ", " if lang == "en" else "、"
    for a, (text, parts) in zip(bad, lines, strict=True):
        grid.add_row(Text("  " + text, style=_STYLE[a.status.level]),
                     Text(wrap_items(parts, sep, max(console.width - head - 1, 10))))
    console.print(grid)


def _problems(console: Console, picture: DistrictPicture, index: PlanIndex, lang: str) -> None:
    """Each organisation's red and amber items, one organisation a line."""
    from rich.text import Text

    from meilijiayuan.output.trace import problem_lines

    lines = problem_lines(picture, index, lang)
    if not lines:
        console.print(Text(view.word("no_problems", lang), style="green"))
    colon = ": " if lang == "en" else "："
    for unit, items in lines:
        console.print(Text(unit + colon + items))


def _heading(console: Console, key: str, lang: str) -> None:
    from rich.text import Text

    console.print()
    console.print(Text(view.heading(key, lang), style="bold underline"))


def _table(columns: Sequence[str], rows: Sequence[dict[str, str]], lang: str, *,
           styles: dict[str, list[str]] | None = None, title: str | None = None) -> Table:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    # the cells carry the padding (_Cell): a table with padding wraps every cell in a Padding
    table = Table(title=None if title is None else Text(title, style="table.title"),
                  title_justify="left", header_style="bold", box=box.SIMPLE_HEAD,
                  pad_edge=False, show_edge=False, padding=0)
    last = len(columns) - 1
    for i, key in enumerate(columns):
        table.add_column(Cell(view.word(key, lang), pad=int(i < last)),
                         justify="right" if key in view.NUMERIC else "left",
                         no_wrap=key in WHOLE,
                         overflow="fold")
    styles = styles or {}
    for i, row in enumerate(rows):
        table.add_row(*[Cell(row[key], styles[key][i] if key in styles else "",
                              pad=int(j < last)) for j, key in enumerate(columns)])
    return table


def _matrix(console: Console, picture: DistrictPicture, index: PlanIndex, lang: str) -> None:
    """Organisations down, targets across; split into several tables when too wide."""
    from rich import box
    from rich.cells import cell_len
    from rich.table import Table
    from rich.text import Text

    targets = list(picture.matrix)
    if not targets:
        console.print(Text(view.word("no_matrix", lang)))
        return
    units = view.matrix_units(picture, index)
    unit_width = max(cell_len(u) for u in [*units, view.word("unit", lang)])
    column = max(len(t) for t in targets) + 1
    per_table = max(1, (console.width - unit_width - 1) // column)
    for start in range(0, len(targets), per_table):
        chunk = targets[start:start + per_table]
        table = Table(header_style="bold", box=box.SIMPLE_HEAD, pad_edge=False,
                      show_edge=False, padding=0)
        last = chunk[-1]
        table.add_column(Cell(view.word("unit", lang)), no_wrap=True)
        for tid in chunk:
            table.add_column(Cell(tid, pad=int(tid != last)), justify="center", no_wrap=True)
        for unit in units:
            cells = [Cell(unit)]
            for tid in chunk:
                a = picture.matrix[tid].get(unit)
                style = _STYLE[status_level(a)] if a is not None else "dim"
                cells.append(Cell(view.matrix_symbol(a), style, pad=int(tid != last)))
            table.add_row(*cells)
        console.print(table)
    console.print(Text(view.legend(lang), style="dim"))


def _reports(console: Console, picture: DistrictPicture, lang: str) -> None:
    from rich.text import Text

    if picture.missing_reports:
        rows = [view.missing_cells(m, lang) for m in picture.missing_reports]
        console.print(_table(("unit", "items"), rows, lang, styles={
            "unit": ["bold red"] * len(rows)}, title=view.word("missing", lang)))
    else:
        console.print(Text(view.word("nobody_missing", lang), style="green"))
    if picture.late_reports:
        rows = [view.late_cells(x) for x in picture.late_reports]
        console.print(_table(("unit", "submitted", "due", "file"), rows, lang, styles={
            "unit": ["yellow"] * len(rows)}, title=view.word("late", lang)))
    else:
        console.print(Text(view.word("nobody_late", lang), style="green"))


def write_status(result: StatusResult, settings: Settings, stream: IO[str]) -> None:
    """``mljy status`` (table)."""
    from meilijiayuan.output.table.console import make_console

    render_status(make_console(settings, stream), result.picture, result.plan, settings,
                  result.files)
