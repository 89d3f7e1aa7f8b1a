"""The district picture as rich tables (``mljy status``): five views, then the findings.

(1) district targets, (2) organisations × targets, (3) missing and late reports, (4) the
trend with a sparkline, (5) the ranking of streets and towns. The cell texts are plain
strings built here once and shared with the markdown renderer; colour only adds to them
(every status carries its symbol), so the output reads the same under ``NO_COLOR``.
rich is imported inside the functions that draw.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import IO, TYPE_CHECKING

from meilijiayuan.judge.records import Assessment, Level, Status
from meilijiayuan.messages.labels import pick
from meilijiayuan.messages.plan_words import fill, speak_for
from meilijiayuan.messages.renderers import HEADINGS
from meilijiayuan.messages.renderers import STATUS as _WORDS
from meilijiayuan.messages.renderers import STATUS_KINDS as _KIND
from meilijiayuan.output.figures import figure_month, signed, with_unit
from meilijiayuan.output.table.cell import Cell
from meilijiayuan.output.table.check import short, status_level
from meilijiayuan.output.trace import files_with_findings, summary_line

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

    from meilijiayuan.judge.picture import (
        DistrictPicture,
        LateReport,
        MissingReport,
        RankRow,
        Trend,
    )
    from meilijiayuan.output.registry import StatusResult
    from meilijiayuan.plan.index import PlanIndex
    from meilijiayuan.report.validate import FileResult
    from meilijiayuan.settings import Settings


"""The heading of every view, in order (zh, en)."""


_STYLE = {Level.green: "green", Level.amber: "yellow", Level.red: "bold red", Level.neutral: "dim"}
CONTRIBUTION = "Σ"
NOT_OWED = "·"
CARRIED = "*"
SPARKS = "▁▂▃▄▅▆▇█"

TREND_COLUMNS = ("id", "title", "target", "month", "actual", "change", "spark", "status")
"""The trend columns of the markdown document; the console leaves the title out (view 1
shows it) so that a row fits one line of 80 columns."""
RANK_COLUMNS = ("rank", "unit", "kind", "red", "amber", "green", "missing_rows", "reported")
NUMERIC = frozenset({"target", "actual", "change", "rank", "red", "amber", "green",
                     "missing_rows"})
WHOLE = frozenset({"id", "status", "spark", "change", "reported", "month"})
"""The columns of the console tables that never wrap."""


def heading(key: str, lang: str) -> str:
    """The heading of a view in ``lang``."""
    return pick(HEADINGS, key, lang)


def word(key: str, lang: str, **args: object) -> str:
    """A renderer word in ``lang``, formatted with ``args``."""
    return pick(_WORDS, key, lang).format(**args)


def title_text(picture: DistrictPicture, index: PlanIndex) -> str:
    """``<plan title> · 2019-06``."""
    return f"{index.meta.title} · {picture.period}"


def subtitle_text(picture: DistrictPicture, index: PlanIndex, lang: str) -> str:
    """``嘉府办发〔2018〕24号 · 截至 2019-06-30 · 本月报表 19 份``."""
    return " · ".join([index.meta.document_number, f"{word('as_of', lang)} {picture.as_of}",
                       word("reports_in", lang, n=picture.reports)])


# --- cells ------------------------------------------------------------------------------------


def matrix_symbol(a: Assessment | None) -> str:
    """A matrix cell: the status symbol; ``Σ`` for a share of a district total; ``·`` no row;
    ``*`` after it: the figure is carried from an earlier month's report."""
    if a is None:
        return NOT_OWED
    carried = CARRIED if figure_month(a) else ""
    if a.contribution and a.status is Status.ongoing:
        return CONTRIBUTION + carried
    return a.status.symbol + carried


def legend(lang: str) -> str:
    """``✔ 已完成  ● 正常  …`` for the matrix, one entry per symbol."""
    seen: dict[str, str] = {}
    for s in Status:
        label = s.label(lang)
        seen[s.symbol] = f"{seen[s.symbol]}/{label}" if s.symbol in seen else label
    entries = [f"{sym} {label}" for sym, label in seen.items()]
    share = "share of a district total" if lang == "en" else fill("计入{district}")
    owed = "not a reporter" if lang == "en" else "非报送单位"
    carried = "carried from an earlier month" if lang == "en" else "沿用往月报表的数字"
    entries += [f"{CONTRIBUTION} {share}", f"{NOT_OWED} {owed}", f"{CARRIED} {carried}"]
    return "  ".join(entries)


def sparkline(values: Sequence[float | Decimal | None], top: float | Decimal | None = None
              ) -> str:
    """``▁▃▅█``: each value scaled from 0 (or the lowest value) to the target (or the highest);
    a month without a figure is a space."""
    known = [float(v) for v in values if v is not None]  # exact figures: only a drawing
    if not known:
        return " " * len(values)
    low = min(0.0, *known)
    high = max(float(top or 0), *known)
    span = high - low
    out = []
    for v in values:
        if v is None:
            out.append(" ")
        else:
            step = 0 if span <= 0 else round((float(v) - low) / span * (len(SPARKS) - 1))
            out.append(SPARKS[step])
    return "".join(out)


def change_text(change: float | Decimal | None, unit: str | None) -> str:
    """``+2.73 pp`` for a rate, ``+19 个`` for a quantity, empty without a figure."""
    if change is None:
        return ""
    suffix = " pp" if unit == "%" else (f" {unit}" if unit else "")
    return signed(change) + suffix


def trend_cells(t: Trend, lang: str, *, title_width: int | None = 12) -> dict[str, str]:
    """The cells of a trend row: the latest point, its change and the sparkline."""
    last = t.points[-1]
    return {
        "id": t.id,
        "title": short(t.title, title_width) if title_width else t.title,
        "target": with_unit(t.target, t.unit_of_measure),
        "month": str(last.period),
        "actual": with_unit(last.actual, t.unit_of_measure),
        "change": change_text(last.change, t.unit_of_measure),
        "spark": sparkline([p.actual for p in t.points], t.target),
        "status": f"{last.status.symbol} {last.status.label(lang)}",
    }


def ranking_cells(r: RankRow, lang: str, owed: dict[str, int] | None = None
                  ) -> dict[str, str]:
    """The cells of a ranking row; ``owed`` (:func:`~meilijiayuan.output.trace.owed_counts`)
    gives the 未报项 the missing-reports list shows."""
    zh, en = _KIND.get(r.kind, (r.kind, r.kind))
    return {
        "rank": str(r.rank),
        "unit": r.unit,
        "kind": en if lang == "en" else zh,
        "red": str(r.red),
        "amber": str(r.amber),
        "green": str(r.green),
        "missing_rows": str((owed or {}).get(r.unit, r.missing)),
        "reported": word("yes" if r.reported else "no", lang),
    }


def missing_cells(m: MissingReport, lang: str) -> dict[str, str]:
    return {"unit": m.unit, "items": (", " if lang == "en" else "、").join(m.items)}


def late_cells(x: LateReport) -> dict[str, str]:
    return {"unit": x.unit, "submitted": x.submitted.isoformat(), "due": x.due.isoformat(),
            "file": x.file}


def matrix_units(picture: DistrictPicture, index: PlanIndex) -> list[str]:
    """The organisations of the matrix, in plan order."""
    return [org for org in index.organisations
            if any(org in row for row in picture.matrix.values())]


def trend_note(picture: DistrictPicture, lang: str) -> str:
    """What ``change`` compares with."""
    previous = picture.previous
    return word("change_none", lang) if previous is None else word("change_note", lang,
                                                                      month=str(previous))


def _level_of(r: RankRow) -> Level:
    return Level.red if r.red else Level.amber if r.amber else Level.green


# --- drawing ----------------------------------------------------------------------------------


def render_status(console: Console, picture: DistrictPicture, index: PlanIndex,
                  settings: Settings, files: Sequence[FileResult] = ()) -> None:
    """Every view in order, then the findings and the total line over ``files``."""
    from rich.text import Text

    from meilijiayuan.output.table.check import assessment_table, summary_text

    speak_for(index)
    lang = settings.lang
    console.print(Text(title_text(picture, index), style="bold"))
    console.print(Text(subtitle_text(picture, index, lang)))
    results = files_with_findings(picture, files)
    problems = any(r.findings for r in results)
    if problems:  # first: an invalid report left out of the figures is never named only below
        _heading(console, "findings", lang)
        from meilijiayuan.output.table.findings import render_findings

        render_findings(console, results, settings)

    from meilijiayuan.output.table.check import legend_text
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
    trends = open_trends(picture)
    if trends:
        rows = [trend_cells(t, lang) for t in trends]
        styles = {"status": [_STYLE[t.points[-1].status.level] for t in trends]}
        columns = [key for key in TREND_COLUMNS if key != "title"]
        console.print(_table(columns, rows, lang, styles=styles))
        console.print(Text(trend_note(picture, lang), style="dim"))
    else:
        console.print(Text(word("no_trend", lang)))

    _heading(console, "ranking", lang)
    from meilijiayuan.output.trace import owed_counts

    owed = owed_counts(picture)
    rows = [ranking_cells(r, lang, owed) for r in picture.ranking]
    styles = {"unit": [_STYLE[_level_of(r)] for r in picture.ranking]}
    console.print(_table(RANK_COLUMNS, rows, lang, styles=styles))
    console.print(Text(word("rank_note", lang), style="dim"))

    _heading(console, "problems", lang)
    _problems(console, picture, index, lang)

    if closed_rows:
        _heading(console, "closed", lang)
        console.print(assessment_table(closed_rows, lang, district=True, width=console.width))
        console.print(Text(summary_text(closed_rows, lang)))
        _who(console, closed_rows, picture, index, lang)
        console.print(Text(word("closed_note", lang), style="dim"))

    if not problems:
        console.print()
        console.print(Text(summary_line(results, lang)))


def open_trends(picture: DistrictPicture) -> list[Trend]:
    """The trends of the targets still open (a closed target's trend is folded away)."""
    from meilijiayuan.output.trace import is_closed

    closed = {a.id for a in picture.district if is_closed(a)}
    return [t for t in picture.trend if t.id not in closed]


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
    console.print(Text(word("who", lang), style="bold"))
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
        console.print(Text(word("no_problems", lang), style="green"))
    colon = ": " if lang == "en" else "："
    for unit, items in lines:
        console.print(Text(unit + colon + items))


def _heading(console: Console, key: str, lang: str) -> None:
    from rich.text import Text

    console.print()
    console.print(Text(heading(key, lang), style="bold underline"))




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
        table.add_column(Cell(word(key, lang), pad=int(i < last)),
                         justify="right" if key in NUMERIC else "left",
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
        console.print(Text(word("no_matrix", lang)))
        return
    units = matrix_units(picture, index)
    unit_width = max(cell_len(u) for u in [*units, word("unit", lang)])
    column = max(len(t) for t in targets) + 1
    per_table = max(1, (console.width - unit_width - 1) // column)
    for start in range(0, len(targets), per_table):
        chunk = targets[start:start + per_table]
        table = Table(header_style="bold", box=box.SIMPLE_HEAD, pad_edge=False,
                      show_edge=False, padding=0)
        last = chunk[-1]
        table.add_column(Cell(word("unit", lang)), no_wrap=True)
        for tid in chunk:
            table.add_column(Cell(tid, pad=int(tid != last)), justify="center", no_wrap=True)
        for unit in units:
            cells = [Cell(unit)]
            for tid in chunk:
                a = picture.matrix[tid].get(unit)
                style = _STYLE[status_level(a)] if a is not None else "dim"
                cells.append(Cell(matrix_symbol(a), style, pad=int(tid != last)))
            table.add_row(*cells)
        console.print(table)
    console.print(Text(legend(lang), style="dim"))


def _reports(console: Console, picture: DistrictPicture, lang: str) -> None:
    from rich.text import Text

    if picture.missing_reports:
        rows = [missing_cells(m, lang) for m in picture.missing_reports]
        console.print(_table(("unit", "items"), rows, lang, styles={
            "unit": ["bold red"] * len(rows)}, title=word("missing", lang)))
    else:
        console.print(Text(word("nobody_missing", lang), style="green"))
    if picture.late_reports:
        rows = [late_cells(x) for x in picture.late_reports]
        console.print(_table(("unit", "submitted", "due", "file"), rows, lang, styles={
            "unit": ["yellow"] * len(rows)}, title=word("late", lang)))
    else:
        console.print(Text(word("nobody_late", lang), style="green"))


def write_status(result: StatusResult, settings: Settings, stream: IO[str]) -> None:
    """``mljy status`` (table)."""
    from meilijiayuan.output.table.console import make_console

    render_status(make_console(settings, stream), result.picture, result.plan, settings,
                  result.files)
