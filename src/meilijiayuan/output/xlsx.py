"""``mljy status --format xlsx``: the 台账 workbook, a sheet per view of the status document.

Drawn from the status document alone (:mod:`meilijiayuan.output.documents.status`), so the
workbook, the dashboard and the JSON show the same numbers. Sheets: 概况 (what the workbook
is, the counts by status, the reports left out), 全区目标 (open targets; closed ones on
已关闭目标), 单位×目标, 报送情况, 街镇排名, 月度趋势, 校验问题 (when there are problems), then
one sheet per organisation with its items. A figure is a number cell holding the document's
value, shown with its own decimals (at most two); a status is a text cell (symbol and word,
readable without colour) coloured by a conditional format. Each table has its header frozen,
an autofilter, widths for Chinese text and an A4 landscape print setup repeating the header.
XlsxWriter is imported here only, when a workbook is asked for.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from meilijiayuan.judge.records import Status
from meilijiayuan.messages.labels import label
from meilijiayuan.messages.plan_words import speaks_from_document
from meilijiayuan.output.status_view import (
    entry_figure,
    exact,
    figure_text,
    has_key,
    invalid_files,
    is_contribution,
    lagging,
    level_of,
    matrix_cells,
    missing_name,
    places,
    rows,
    split_closed,
    state_text,
    status_text,
    w,
    who,
    window,
)
from meilijiayuan.output.text_width import display_width

if TYPE_CHECKING:
    from xlsxwriter.format import Format
    from xlsxwriter.workbook import Workbook
    from xlsxwriter.worksheet import Worksheet

__all__ = ["COLOURS", "render_xlsx"]

COLOURS: dict[str, tuple[str, str]] = {
    "red": ("#FFC7CE", "#9C0006"),
    "amber": ("#FFEB9C", "#9C5700"),
    "green": ("#C6EFCE", "#006100"),
    "neutral": ("#EDEDED", "#595959"),
}
"""(fill, font) of each level, Excel's own "good / neutral / bad" shades."""

FONT = "宋体"
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_MAX_WIDTH = {"text": 40, "long": 60}

if TYPE_CHECKING:
    from meilijiayuan.output.registry import StatusResult
    from meilijiayuan.settings import Settings


@dataclass(frozen=True, slots=True)
class Col:
    """A column: its header and what its cells hold.

    ``kind``: ``text``; ``long`` (wrapped text); ``number`` (a figure); ``int`` (a count);
    ``date``; ``status`` (a status text coloured by a conditional format).
    """

    header: str
    kind: str = "text"


Cell = object
"""A cell value: text, a figure (int, float, Decimal or a decimal string), None (blank)."""


class _Book:
    """The workbook being written and its cached formats."""

    def __init__(self, workbook: Workbook, doc: Mapping[str, Any], lang: str) -> None:
        self.wb, self.doc, self.lang = workbook, doc, lang
        self._formats: dict[tuple[str, int, str], Format] = {}
        self.names: set[str] = set()
        self.header = workbook.add_format({"bold": True, "font_name": FONT, "bg_color": "#DDEBF7",
                                           "border": 1, "text_wrap": True, "valign": "top"})
        self.levels = {lvl: workbook.add_format({"bg_color": fill, "font_color": font})
                       for lvl, (fill, font) in COLOURS.items()}
        plan = doc.get("plan") if isinstance(doc.get("plan"), Mapping) else {}
        self.title = f"{(plan or {}).get('title') or 'mljy'} · {doc.get('period') or ''}"

    def fmt(self, kind: str, decimals: int = 0, suffix: str = "") -> Format:
        """The cell format of a column kind (numbers: with ``decimals`` shown, then
        ``suffix``: a carried figure's `` @2018-12``)."""
        key = (kind, decimals, suffix)
        if key not in self._formats:
            props: dict[str, Any] = {"font_name": FONT, "border": 1, "valign": "top"}
            if kind == "number":
                props["num_format"] = ("#,##0" + ("." + "0" * decimals if decimals else "")
                                       + (f'"{suffix}"' if suffix else ""))
            elif kind == "int":
                props["num_format"] = "0"
            elif kind == "date":
                props["num_format"] = "yyyy-mm-dd"
            elif kind == "long":
                props["text_wrap"] = True
            self._formats[key] = self.wb.add_format(props)
        return self._formats[key]

    def sheet_name(self, wanted: str) -> str:
        """``wanted`` made a valid, unused sheet name (31 characters, none of ``[]:*?/\\``)."""
        base = _BAD_SHEET_CHARS.sub("_", wanted).strip("'")[:31] or "sheet"
        name, n = base, 2
        while name.lower() in self.names:
            suffix = f" ({n})"
            name, n = base[: 31 - len(suffix)] + suffix, n + 1
        self.names.add(name.lower())
        return name


@speaks_from_document
def render_xlsx(doc: Mapping[str, Any], lang: str) -> bytes:
    """The 台账 workbook of a status document, as the bytes of an ``.xlsx`` file."""
    import xlsxwriter

    out = io.BytesIO()
    # text stays text: a note that starts with "=" or looks like a link is not a formula/URL
    workbook = xlsxwriter.Workbook(out, {
        "in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False,
        "strings_to_urls": False, "default_date_format": "yyyy-mm-dd",
    })
    book = _Book(workbook, doc, lang)
    workbook.set_properties({
        "title": book.title, "subject": w("sheet.district", lang),
        "comments": w("generated", lang, version=doc.get("version") or ""),
        "created": _created(doc),
    })
    _overview(book)
    district = rows(doc, "district")
    open_rows, closed_rows = split_closed(district)
    _district(book, w("sheet.district", lang), open_rows, district)
    if closed_rows:
        _district(book, w("sheet.closed", lang), closed_rows, district)
    _matrix(book)
    _reports(book)
    _ranking(book)
    _trend(book)
    if rows(doc, "errors") or rows(doc, "warnings"):
        _findings(book)
    _organisations(book)
    workbook.close()
    return out.getvalue()


def _created(doc: Mapping[str, Any]) -> dt.datetime:
    """The workbook's creation date: the period's as-of day, so one month's 台账 is the same
    file whenever it is made."""
    as_of = str(doc.get("as_of") or "")
    if _DATE.fullmatch(as_of):
        return dt.datetime.fromisoformat(as_of)
    return dt.datetime(2000, 1, 1)


# --- one table per sheet ----------------------------------------------------------------------


def _table(book: _Book, name: str, cols: Sequence[Col], body: Sequence[Sequence[Cell]], *,
           freeze_cols: int = 1) -> Worksheet:
    """A sheet holding one table: header in row 1 (frozen, filtered, repeated on print);
    status columns coloured by their text."""
    ws = book.wb.add_worksheet(book.sheet_name(name))
    for c, col in enumerate(cols):
        ws.write_string(0, c, col.header, book.header)
    for r, values in enumerate(body, start=1):
        for c, (col, value) in enumerate(zip(cols, values, strict=True)):
            _write(book, ws, r, c, col, value)
    last = max(len(body), 1)
    ws.freeze_panes(1, freeze_cols)
    ws.autofilter(0, 0, last, len(cols) - 1)
    for c, col in enumerate(cols):
        if col.kind == "status":
            _colour_statuses(book, ws, 1, c, last, c)
    _widths(ws, cols, body)
    _print_setup(book, ws)
    return ws


def _write(book: _Book, ws: Worksheet, r: int, c: int, col: Col, value: Cell) -> None:
    if value is None or value == "":
        ws.write_blank(r, c, None, book.fmt("text"))
        return
    if col.kind in ("number", "int"):
        d = exact(value)
        if d is not None:
            ws.write_number(r, c, float(d), book.fmt(col.kind, places(d)))
            return
    if col.kind == "date" and isinstance(value, str) and _DATE.fullmatch(value):
        ws.write_datetime(r, c, dt.datetime.fromisoformat(value), book.fmt("date"))
        return
    ws.write_string(r, c, str(value), book.fmt("long" if col.kind == "long" else "text"))


def _status_values(lang: str) -> dict[str, str]:
    """Every status text a cell can hold → its level."""
    out = {status_text(s.value, lang): s.level.value for s in Status}
    out[w("contribution", lang)] = "neutral"
    return out


def _colour_statuses(book: _Book, ws: Worksheet, first_row: int, first_col: int,
                     last_row: int, last_col: int, *, status_col: int | None = None) -> None:
    """Colour a range by the status text in it (or, with ``status_col``, in that column of
    the same row): one conditional format per status, so the colours follow edits."""
    from xlsxwriter.utility import xl_col_to_name

    for text, level in _status_values(book.lang).items():
        quoted = '"' + text.replace('"', '""') + '"'
        if status_col is None:
            rule = {"type": "cell", "criteria": "==", "value": quoted,
                    "format": book.levels[level]}
        else:
            ref = f"${xl_col_to_name(status_col)}{first_row + 1}"
            rule = {"type": "formula", "criteria": f"={ref}={quoted}",
                    "format": book.levels[level]}
        ws.conditional_format(first_row, first_col, last_row, last_col, rule)


def _widths(ws: Worksheet, cols: Sequence[Col], body: Sequence[Sequence[Cell]]) -> None:
    for c, col in enumerate(cols):
        longest = max([display_width(col.header) + 2,
                       *(display_width(_shown(v[c])) for v in body)], default=8)
        ws.set_column(c, c, min(max(longest + 2, 6), _MAX_WIDTH.get(col.kind, 30)))


def _shown(value: Cell) -> str:
    d = exact(value)
    return figure_text(d) if d is not None else ("" if value is None else str(value))


def _print_setup(book: _Book, ws: Worksheet) -> None:
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.set_margins(left=0.5, right=0.5, top=0.75, bottom=0.75)
    ws.repeat_rows(0)
    ws.fit_to_pages(1, 0)  # as wide as one page, as long as it takes
    title = f"{book.title} · {ws.name}".replace("&", "&&")
    ws.set_header(f'&C&"{FONT}"&12{title}')
    ws.set_footer(f'&C&"{FONT}"&10{w("footer", book.lang)}')


# --- the views -----------------------------------------------------------------------------


def _overview(book: _Book) -> None:
    """What the workbook is, the counts by status and the reports left out."""
    doc, lang = book.doc, book.lang
    ws = book.wb.add_worksheet(book.sheet_name(w("sheet.overview", lang)))
    plan = doc.get("plan") if isinstance(doc.get("plan"), Mapping) else {}
    head = [(w("plan", lang), (plan or {}).get("title")),
            (w("document_number", lang), (plan or {}).get("document_number")),
            (w("period", lang), doc.get("period")),
            (w("as_of", lang), doc.get("as_of"))]
    bold = book.header
    r = 0
    bad = invalid_files(doc)
    if bad:  # named at the top: the figures below leave these reports out
        ws.write_string(r, 0, w("invalid", lang, n=len(bad), files="、".join(bad)),
                        book.levels["red"])
        r += 2
    for key, value in head:
        ws.write_string(r, 0, key, bold)
        ws.write_string(r, 1, str(value or ""), book.fmt("text"))
        r += 1
    r += 1
    ws.write_string(r, 0, w("col.status", lang), bold)
    ws.write_string(r, 1, w("col.count", lang), bold)
    parts = split_closed(rows(doc, "district"))  # open and closed: counted per sheet too
    for c, sheet in enumerate(("sheet.district", "sheet.closed") if all(parts) else (), 2):
        ws.write_string(r, c, w(sheet, lang), bold)
    first = r + 1
    summary = doc.get("summary") if isinstance(doc.get("summary"), Mapping) else {}
    for status in Status:
        r += 1
        ws.write_string(r, 0, status_text(status.value, lang), book.fmt("text"))
        ws.write_number(r, 1, int((summary or {}).get(status.value, 0) or 0), book.fmt("int"))
        for c, part in enumerate(parts if all(parts) else (), 2):
            n = sum(e.get("status") == status.value for e in part)
            ws.write_number(r, c, n, book.fmt("int"))
    _colour_statuses(book, ws, first, 0, r, 0)
    r += 2
    ws.write_string(r, 0, w("generated", lang, version=doc.get("version") or ""))
    ws.set_column(0, 0, 16)
    ws.set_column(1, 1, 60)
    ws.set_column(2, 3, 14)
    _print_setup(book, ws)


def _district(book: _Book, name: str, chosen: Sequence[Mapping[str, Any]],
              every: Sequence[Mapping[str, Any]]) -> None:
    """The 全区 rows; a 数据月份 column when the document dates figures, and the
    organisations behind or missing when it lists them (``units``) or the matrix does."""
    lang, doc = book.lang, book.doc
    dated = has_key(every, "figure_period")
    cols = [Col(w("col.id", lang)), Col(w("col.title", lang), "long"),
            Col(w("col.uom", lang)), Col(w("col.target", lang), "number"),
            Col(w("col.expected", lang), "number"), Col(w("col.actual", lang), "number"),
            Col(w("col.gap", lang), "number"), Col(w("col.lag", lang), "number"),
            Col(w("col.start", lang)), Col(w("col.end", lang)),
            Col(w("col.status", lang), "status")]
    if dated:
        cols.append(Col(w("col.figure_period", lang)))
    cols += [Col(w("col.reporters", lang), "int"), Col(w("col.expected_reporters", lang), "int"),
             Col(w("col.who", lang), "long")]
    body = []
    for row in chosen:
        start, end = window(row)
        actual = row.get("actual")
        if actual is None and row.get("state"):  # a milestone: its state, as every view
            actual = state_text(row.get("state"), lang)
        cells: list[Cell] = [row.get("id"), row.get("title"), row.get("unit_of_measure"),
                             row.get("target"), row.get("expected"), actual,
                             row.get("gap"), row.get("lag_pp"), start, end,
                             status_text(row.get("status"), lang)]
        if dated:
            cells.append(row.get("figure_period"))
        cells += [row.get("reporters"), row.get("expected_reporters"),
                  _who_text(row, doc, lang)]
        body.append(cells)
    _table(book, name, cols, body, freeze_cols=2)


def _who_text(row: Mapping[str, Any], doc: Mapping[str, Any], lang: str) -> str:
    """``南翔镇 ✖ 逾期 3 @2018-12；…``: a district row's red and amber organisations, else
    (a red total judged for the district only) every share, ``Σ 计入全区``, as other views."""
    shares = row.get("measure") in ("quantity", "rate")
    entries = [e for e in lagging(who(row, doc)) if level_of(e) in ("red", "amber")
               or (shares and is_contribution(e) and level_of(row) in ("red", "amber"))]
    sep = "; " if lang == "en" else "；"
    return sep.join(" ".join(p for p in (
        str(e.get("unit") or ""), w("contribution", lang) if shares and is_contribution(e)
        else status_text(e.get("status"), lang), entry_figure(e, lang), _carried(e, doc)) if p)
        for e in entries)


def _carried(entry: Mapping[str, Any], doc: Mapping[str, Any]) -> str:
    """``@2018-12`` for a figure from an earlier month's report (empty when current)."""
    month = entry.get("figure_period")
    return f"@{month}" if month and month != doc.get("period") else ""


def _matrix(book: _Book) -> None:
    """Organisations × targets: per target a figure column and a status column; the figure
    is coloured by the status next to it."""
    lang, doc = book.lang, book.doc
    matrix = doc.get("matrix") if isinstance(doc.get("matrix"), Mapping) else {}
    targets = [str(t) for t in (matrix or {}).get("targets") or []]
    units = [str(u) for u in (matrix or {}).get("units") or []]
    cells = {(str(c.get("id")), str(c.get("unit"))): c for c in matrix_cells(doc)}
    uoms = {str(r.get("id")): r.get("unit_of_measure") for r in rows(doc, "district")}
    cols = [Col(w("col.unit", lang))]
    for t in targets:
        uom = uoms.get(t)
        cols += [Col(f"{t}（{uom}）" if uom and lang != "en" else f"{t} ({uom})" if uom else t,
                     "number"),
                 Col(f"{t} {w('col.status', lang)}", "status")]
    body: list[list[Cell]] = []
    carried: list[tuple[int, int, object, str]] = []  # (row, column, figure, @month)
    for unit in units:
        line: list[Cell] = [unit]
        for t in targets:
            c = cells.get((t, unit))
            if c is None:
                line += [None, None]
                continue
            text = w("contribution", lang) if is_contribution(c) else status_text(
                c.get("status"), lang)
            line += [c.get("actual"), text]
            if c.get("actual") is not None and _carried(c, doc):
                carried.append((len(body) + 1, len(line) - 2, c.get("actual"), _carried(c, doc)))
        body.append(line)
    ws = _table(book, w("sheet.matrix", lang), cols, body)
    for r, col, value, month in carried:  # still a number, shown as 61.54 @2018-12
        if (d := exact(value)) is not None:
            ws.write_number(r, col, float(d), book.fmt("number", places(d), f" {month}"))
            shown = display_width(f"{figure_text(d)} {month}")  # wide enough: no ###
            ws.set_column(col, col, max(shown, display_width(cols[col].header)) + 4)
    if carried:
        ws.write_string(len(body) + 2, 0, w("carried_note", lang))
    for i in range(len(targets)):
        figure_col = 1 + 2 * i
        _colour_statuses(book, ws, 1, figure_col, max(len(body), 1), figure_col,
                         status_col=figure_col + 1)


def _reports(book: _Book) -> None:
    """Missing and late reports in one table (filter on 情况)."""
    lang = book.lang
    cols = [Col(w("col.unit", lang)), Col(w("col.period", lang)), Col(w("col.what", lang)),
            Col(w("col.items", lang), "long"), Col(w("col.submitted", lang), "date"),
            Col(w("col.due", lang), "date"), Col(w("col.file", lang))]
    sep = ", " if lang == "en" else "、"
    body: list[list[Cell]] = [
        [missing_name(m, lang), m.get("period"), w("not_received", lang),
         sep.join(str(i) for i in m.get("items") or []), None, m.get("due"), None]
        for m in rows(book.doc, "missing_reports")]
    body += [[x.get("unit"), x.get("period"), w("late", lang), None, x.get("submitted"),
              x.get("due"), x.get("file")] for x in rows(book.doc, "late_reports")]
    ws = _table(book, w("sheet.reports", lang), cols, body)
    last = max(len(body), 1)
    for text, level in ((w("not_received", lang), "red"), (w("late", lang), "amber")):
        ws.conditional_format(1, 2, last, 2, {"type": "cell", "criteria": "==",
                                              "value": f'"{text}"',
                                              "format": book.levels[level]})


def _ranking(book: _Book) -> None:
    lang = book.lang
    cols = [Col(w("col.rank", lang), "int"), Col(w("col.unit", lang)), Col(w("col.kind", lang)),
            Col(w("col.red", lang), "int"), Col(w("col.amber", lang), "int"),
            Col(w("col.green", lang), "int"), Col(w("col.missing", lang), "int"),
            Col(w("col.reported", lang))]
    body: list[list[Cell]] = []
    for r in rows(book.doc, "ranking"):
        kind = str(r.get("kind") or "")
        body.append([r.get("rank"), r.get("unit"),
                     w(kind, lang) if kind in ("street", "town", "zone", "department") else kind,
                     r.get("red"), r.get("amber"), r.get("green"), r.get("missing"),
                     w("yes", lang) if r.get("reported") else w("no", lang)])
    ws = _table(book, w("sheet.ranking", lang), cols, body, freeze_cols=2)
    last = max(len(body), 1)
    for col, level in ((3, "red"), (4, "amber")):
        ws.conditional_format(1, col, last, col, {"type": "cell", "criteria": ">", "value": 0,
                                                  "format": book.levels[level]})


def _trend(book: _Book) -> None:
    """One row per target per month (a long table: filter by target, chart or pivot it)."""
    lang = book.lang
    cols = [Col(w("col.id", lang)), Col(w("col.title", lang), "long"), Col(w("col.uom", lang)),
            Col(w("col.target", lang), "number"), Col(w("col.period", lang)),
            Col(w("col.actual", lang), "number"), Col(w("col.expected", lang), "number"),
            Col(w("col.change", lang), "number"), Col(w("col.status", lang), "status")]
    body: list[list[Cell]] = []
    for t in rows(book.doc, "trend"):
        for p in t.get("points") or []:
            if isinstance(p, Mapping):
                body.append([t.get("id"), t.get("title"), t.get("unit_of_measure"),
                             t.get("target"), p.get("period"), p.get("actual"),
                             p.get("expected"), p.get("change"),
                             status_text(p.get("status"), lang)])
    _table(book, w("sheet.trend", lang), cols, body)


def _findings(book: _Book) -> None:
    lang = book.lang
    cols = [Col(w("col.location", lang)), Col(w("col.severity", lang)),
            Col(w("col.code", lang)), Col(w("col.message", lang), "long"),
            Col(w("col.hint", lang), "long")]
    body: list[list[Cell]] = []
    for f in [*rows(book.doc, "errors"), *rows(book.doc, "warnings")]:
        where = _location(f)
        severity = "error" if f.get("severity") == "error" else "warning"
        body.append([where, label(severity, lang), f.get("code"), f.get("message"),
                     f.get("hint")])
    ws = _table(book, w("sheet.findings", lang), cols, body)
    last = max(len(body), 1)
    for severity, level in (("error", "red"), ("warning", "amber")):
        ws.conditional_format(1, 1, last, 1, {
            "type": "cell", "criteria": "==", "value": f'"{label(severity, lang)}"',
            "format": book.levels[level]})


def _location(f: Mapping[str, Any]) -> str:
    """``file:line:col``, or ``file:sheet!cell`` for a workbook."""
    if f.get("sheet") is not None:
        return f"{f.get('file')}:{f.get('sheet')}!{f.get('cell') or ''}"
    return ":".join(str(p) for p in (f.get("file"), f.get("line"), f.get("column"))
                    if p is not None)


def _organisations(book: _Book) -> None:
    """One sheet per organisation: its rows in the matrix and in the district rows' ``units``."""
    lang, doc = book.lang, book.doc
    titles = {str(r.get("id")): r for r in rows(doc, "district")}
    per_unit: dict[str, dict[str, Mapping[str, Any]]] = {}
    for c in matrix_cells(doc):
        per_unit.setdefault(str(c.get("unit")), {})[str(c.get("id"))] = c
    for row in rows(doc, "district"):
        units = row.get("units")
        for u in units if isinstance(units, list) else []:
            if isinstance(u, Mapping) and u.get("unit"):
                items = per_unit.setdefault(str(u["unit"]), {})
                cell = items.get(str(row.get("id"))) or {}
                # the matrix cell's judgement, the entry's numerator, denominator and state
                items[str(row.get("id"))] = {"id": row.get("id"), **u,
                                             **{k: v for k, v in cell.items() if v is not None}}
    every = [e for items in per_unit.values() for e in items.values()]
    extra = [(key, Col(w(f"col.{key}", lang), kind))
             for key, kind in (("numerator", "number"), ("denominator", "number"),
                               ("state", "text"), ("figure_period", "text"))
             if has_key(every, key)]
    cols = [Col(w("col.id", lang)), Col(w("col.title", lang), "long"), Col(w("col.uom", lang)),
            Col(w("col.expected", lang), "number"), Col(w("col.actual", lang), "number"),
            Col(w("col.gap", lang), "number"), *(c for _, c in extra),
            Col(w("col.status", lang), "status")]
    for unit in _unit_order(doc, per_unit):
        body: list[list[Cell]] = []
        for tid, e in per_unit[unit].items():
            district_row = titles.get(tid) or {}
            uom = e.get("unit_of_measure", district_row.get("unit_of_measure"))
            line: list[Cell] = [tid, district_row.get("title"), uom, e.get("expected"),
                                e.get("actual"), e.get("gap")]
            line += [state_text(e.get(key), lang) if key == "state" else e.get(key)
                     for key, _ in extra]
            line.append(w("contribution", lang) if is_contribution(e)
                        else status_text(e.get("status"), lang))
            body.append(line)
        _table(book, unit, cols, body)


def _unit_order(doc: Mapping[str, Any], per_unit: Mapping[str, object]) -> list[str]:
    """The matrix's order of organisations, then any other, in the order first met."""
    matrix = doc.get("matrix") if isinstance(doc.get("matrix"), Mapping) else {}
    first = [str(u) for u in (matrix or {}).get("units") or [] if str(u) in per_unit]
    return first + [u for u in per_unit if u not in first]


def status_workbook(result: StatusResult, settings: Settings) -> bytes:
    """The 台账 workbook of ``mljy status --format xlsx`` (the output registry's entry)."""
    from meilijiayuan.output.documents.status import status_document

    doc = status_document(result.picture, result.plan, settings.lang)
    return render_xlsx(doc, settings.lang)
