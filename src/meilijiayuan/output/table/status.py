"""The district picture as rich tables (``mljy status``): five views, then the findings.

(1) district targets, (2) organisations × targets, (3) missing and late reports, (4) the
trend with a sparkline, (5) the ranking of streets and towns. The cell texts are plain
strings built here once and shared with the markdown renderer; colour only adds to them
(every status carries its symbol), so the output reads the same under ``NO_COLOR``.
rich is imported inside the functions that draw.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from meilijiayuan.judge.records import Assessment, Level, Status
from meilijiayuan.messages.labels import pick
from meilijiayuan.output.table.check import short, signed, status_level, with_unit

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions
    from rich.measure import Measurement
    from rich.padding import Padding
    from rich.segment import Segment
    from rich.table import Table

    from meilijiayuan.findings import Finding
    from meilijiayuan.judge.picture import (
        DistrictPicture,
        LateReport,
        MissingReport,
        RankRow,
        Trend,
    )
    from meilijiayuan.plan.index import PlanIndex
    from meilijiayuan.report.validate import FileResult
    from meilijiayuan.settings import Settings

HEADINGS: dict[str, tuple[str, str]] = {
    "district": ("一、全区目标进展", "1. District targets"),
    "matrix": ("二、各单位目标进展", "2. Organisations × targets"),
    "reports": ("三、报送情况", "3. Missing and late reports"),
    "trend": ("四、走势", "4. Trend"),
    "ranking": ("五、街镇排名", "5. Streets and towns ranked"),
    "findings": ("问题", "Problems"),
}
"""The heading of every view, in order (zh, en)."""

_WORDS: dict[str, tuple[str, str]] = {
    "as_of": ("截至", "as of"),
    "reports_in": ("本月报表 {n} 份", "{n} reports this month"),
    "missing": ("未报送", "Not reported"),
    "late": ("迟报", "Late"),
    "nobody_missing": ("应报单位均已报送。", "Every organisation that owed a report sent one."),
    "nobody_late": ("没有迟报。", "No report was late."),
    "no_matrix": ("本月没有多个单位共同报送的目标。",
                  "No target this month is reported by several organisations."),
    "no_trend": ("没有可比较的全区数字。", "No district figures to compare."),
    "unit": ("单位", "Organisation"),
    "items": ("应报事项", "Items owed"),
    "submitted": ("报送日期", "Submitted"),
    "due": ("截止日期", "Due"),
    "file": ("文件", "File"),
    "id": ("编号", "ID"),
    "title": ("事项", "Item"),
    "target": ("目标", "Target"),
    "month": ("月份", "Month"),
    "actual": ("全区实际", "Actual"),
    "change": ("较上期", "Change"),
    "spark": ("走势", "Trend"),
    "status": ("状态", "Status"),
    "rank": ("名次", "Rank"),
    "kind": ("类型", "Kind"),
    "red": ("红", "Red"),
    "amber": ("黄", "Amber"),
    "green": ("绿", "Green"),
    "missing_rows": ("未报项", "Missing"),
    "reported": ("本月报送", "Reported"),
    "yes": ("✔ 已报", "✔ yes"),
    "no": ("✖ 未报", "✖ no"),
    "change_note": ("较上期：与前一个有报表的月份相比（本期的上一期为 {month}）；"
                    "走势按目标值缩放。",
                    "Change: since the previous month with reports ({month} for this period); "
                    "the sparkline is scaled to the target."),
    "change_none": ("较上期：本期之前没有报表月份；走势按目标值缩放。",
                    "Change: no earlier month with reports; the sparkline is scaled to the "
                    "target."),
    "rank_note": ("按红色项数、黄色项数、本月是否报送排序，相同者并列；计入全区的分项（Σ）不计。",
                  "Ranked by red rows, then amber rows, then whether they reported this month; "
                  "ties share a rank; shares of district totals (Σ) are not counted."),
}
_KIND = {"street": ("街道", "street"), "town": ("镇", "town"), "zone": ("园区", "zone")}
_STYLE = {Level.green: "green", Level.amber: "yellow", Level.red: "bold red", Level.neutral: "dim"}
CONTRIBUTION = "Σ"
NOT_OWED = "·"
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
    zh, en = HEADINGS[key]
    return en if lang == "en" else zh


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
    """A matrix cell: the status symbol; ``Σ`` for a share of a district total; ``·`` no row."""
    if a is None:
        return NOT_OWED
    if a.contribution and a.status is Status.ongoing:
        return CONTRIBUTION
    return a.status.symbol


def legend(lang: str) -> str:
    """``✔ 已完成  ● 正常  …`` for the matrix, one entry per symbol."""
    seen: dict[str, str] = {}
    for s in Status:
        label = s.label(lang)
        seen[s.symbol] = f"{seen[s.symbol]}/{label}" if s.symbol in seen else label
    entries = [f"{sym} {label}" for sym, label in seen.items()]
    share = "share of a district total" if lang == "en" else "计入全区"
    owed = "not a reporter" if lang == "en" else "非报送单位"
    entries += [f"{CONTRIBUTION} {share}", f"{NOT_OWED} {owed}"]
    return "  ".join(entries)


def sparkline(values: Sequence[float | Decimal | None], top: float | Decimal | None = None
              ) -> str:
    """``▁▃▅█``: each value scaled from 0 (or the lowest value) to the target (or the highest);
    a month without a figure is a space."""
    known = [float(v) for v in values if v is not None]
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


def ranking_cells(r: RankRow, lang: str) -> dict[str, str]:
    """The cells of a ranking row."""
    zh, en = _KIND.get(r.kind, (r.kind, r.kind))
    return {
        "rank": str(r.rank),
        "unit": r.unit,
        "kind": en if lang == "en" else zh,
        "red": str(r.red),
        "amber": str(r.amber),
        "green": str(r.green),
        "missing_rows": str(r.missing),
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

    lang = settings.lang
    console.print(Text(title_text(picture, index), style="bold"))
    console.print(Text(subtitle_text(picture, index, lang)))

    _heading(console, "district", lang)
    console.print(assessment_table(picture.district, lang, district=True, width=console.width))
    console.print(Text(summary_text(picture.district, lang)))

    _heading(console, "matrix", lang)
    _matrix(console, picture, index, lang)

    _heading(console, "reports", lang)
    _reports(console, picture, lang)

    _heading(console, "trend", lang)
    if picture.trend:
        rows = [trend_cells(t, lang) for t in picture.trend]
        styles = {"status": [_STYLE[t.points[-1].status.level] for t in picture.trend]}
        columns = [key for key in TREND_COLUMNS if key != "title"]
        console.print(_table(columns, rows, lang, styles=styles))
        console.print(Text(trend_note(picture, lang), style="dim"))
    else:
        console.print(Text(word("no_trend", lang)))

    _heading(console, "ranking", lang)
    rows = [ranking_cells(r, lang) for r in picture.ranking]
    styles = {"unit": [_STYLE[_level_of(r)] for r in picture.ranking]}
    console.print(_table(RANK_COLUMNS, rows, lang, styles=styles))
    console.print(Text(word("rank_note", lang), style="dim"))

    _findings(console, picture, settings, files)


def _heading(console: Console, key: str, lang: str) -> None:
    from rich.text import Text

    console.print()
    console.print(Text(heading(key, lang), style="bold underline"))


class _Cell:
    """A cell of the status tables, drawn as rich draws ``Padding(Text(text, style=style),
    (0, pad, 0, 0))``: the cell of a table with ``padding=(0, 1, 0, 0)`` and no padding
    at the edges, whose last column has no padding.

    rich measures every cell twice and wraps and justifies it through several layers,
    which made the tables cost more than building the picture. A text of one line that
    fits its column (every cell, unless the console is very narrow) is measured from the
    widths known here and drawn as the segments rich would give; anything else (a text to
    fold, a tab or control character, a column narrower than the text) is handed to that
    Padding itself. tests/test_status.py compares the two at every width.
    """

    __slots__ = ("pad", "simple", "style", "text", "widest_word", "width")

    def __init__(self, text: str, style: str = "", *, pad: int = 1) -> None:
        from rich.cells import cell_len

        self.text, self.style, self.pad = text, style, pad
        self.simple = text.isprintable()  # one line: no newline, tab or control code
        self.width = cell_len(text)
        words = text.split()
        self.widest_word = max(map(cell_len, words)) if words else self.width

    def padded(self) -> Padding:
        """What this cell stands for."""
        from rich.padding import Padding
        from rich.text import Text

        return Padding(Text(self.text, style=self.style), (0, self.pad, 0, 0))

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        from rich.measure import Measurement

        if not self.simple:
            return Measurement.get(console, options, self.padded())
        # Padding's measure around Text's (Measurement.get normalises the result)
        most = options.max_width
        if most - self.pad < 1:
            return Measurement(most, most)
        least, widest = min(self.widest_word, most), min(self.width, most)
        if widest < 1:
            least = widest = 0
        return Measurement(least + self.pad, widest + self.pad).with_maximum(most)

    def __rich_console__(self, console: Console, options: ConsoleOptions
                         ) -> Iterator[Segment]:
        from rich.cells import cell_len
        from rich.segment import Segment

        room = options.max_width - self.pad
        justify = options.justify
        if not self.simple or room < max(self.width, 1) or justify not in _JUSTIFY:
            yield from console.render(self.padded(), options)
            return
        if justify == "left":
            line = self.text + " " * (room - self.width)
        else:  # rich drops trailing spaces before it aligns right or centres
            text = self.text.rstrip()
            space = room - cell_len(text)
            before = space if justify == "right" else space // 2
            line = " " * before + text + " " * (space - before)
        # one segment for the text, one for the padding: the escape codes rich writes
        yield Segment(line, console.get_style(self.style) if self.style else None)
        if self.pad:
            yield Segment(" " * self.pad)
        yield Segment.line()


_JUSTIFY = frozenset({"left", "right", "center"})


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
        table.add_column(_Cell(word(key, lang), pad=int(i < last)),
                         justify="right" if key in NUMERIC else "left",
                         no_wrap=key in WHOLE,
                         overflow="fold")
    styles = styles or {}
    for i, row in enumerate(rows):
        table.add_row(*[_Cell(row[key], styles[key][i] if key in styles else "",
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
        table.add_column(_Cell(word("unit", lang)), no_wrap=True)
        for tid in chunk:
            table.add_column(_Cell(tid, pad=int(tid != last)), justify="center", no_wrap=True)
        for unit in units:
            cells = [_Cell(unit)]
            for tid in chunk:
                a = picture.matrix[tid].get(unit)
                style = _STYLE[status_level(a)] if a is not None else "dim"
                cells.append(_Cell(matrix_symbol(a), style, pad=int(tid != last)))
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


def _findings(console: Console, picture: DistrictPicture, settings: Settings,
              files: Sequence[FileResult]) -> None:
    """The findings under their files, then the total line (``N 个文件：…``)."""
    from meilijiayuan.output.table.findings import render_findings

    results = files_with_findings(picture, files)
    if any(r.findings for r in results):
        _heading(console, "findings", settings.lang)
    else:
        console.print()
    render_findings(console, results, settings)


def files_with_findings(picture: DistrictPicture, files: Sequence[FileResult]
                        ) -> list[FileResult]:
    """Every file read, each with the picture's findings about it (duplicates, late)."""
    from meilijiayuan.report.validate import FileResult

    by_file: dict[str, list[Finding]] = {}
    for f in picture.findings:
        by_file.setdefault(f.file, []).append(f)
    out = [FileResult(r.file, r.kind, by_file.pop(r.file, []), r.report, r.unit, r.doc)
           for r in files]
    out += [FileResult(file, "unknown", found) for file, found in by_file.items()]
    return out

