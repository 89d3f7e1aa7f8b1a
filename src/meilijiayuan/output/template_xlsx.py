"""``mljy template --format xlsx`` (and ``mljy convert --to xlsx``): a report workbook.

Sheet 进度: the organisation, month and plan in named cells (``mljy_unit``, ``mljy_period``,
``mljy_plan``, ``mljy_submitted``, ``mljy_contact``, ``mljy_note``), then one row per item the
organisation must (必报) or may (选报) report that month — id, title, target, window, what is
expected by the month's end — with the input cells to fill in: unlocked and validated (numbers
≥ 0, a positive denominator, numerator ≤ denominator, the state from a dropdown), everything
else protected without a password (a guide, not a lock). Header frozen, A4 landscape. Sheet
说明: how to fill it in, when it is due and where to send it. The layout is
:mod:`meilijiayuan.read.layout`, which the reader (:mod:`meilijiayuan.read.workbook`) reads.

Written with XlsxWriter, imported only here. Given a report (``convert``), its figures are
written into the cells: a number as a number when a spreadsheet keeps it exactly (an integer
below 10¹⁵, a float that 15 significant digits give back), else as the text of its digits,
which the reader takes back as that number — nothing is rounded on the way.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from meilijiayuan.judge.organisation import is_contribution
from meilijiayuan.judge.rules import schedule_share
from meilijiayuan.messages.renderers import TEMPLATE_XLSX as _WORDS
from meilijiayuan.messages.renderers import TEMPLATE_XLSX_GUIDE as _GUIDE
from meilijiayuan.output.text_width import display_width
from meilijiayuan.periods import Month
from meilijiayuan.plan.index import PlanIndex
from meilijiayuan.plan.listing import goal_text
from meilijiayuan.plan.model import Target
from meilijiayuan.plan.owed import asked_targets, due_date, optional_entries
from meilijiayuan.read import layout
from meilijiayuan.report.model import ItemReport, Report

_HEADER_ROW = 9  # 1-based: the labels take rows 2-7, a blank row, then the header
_WIDTHS = {"id": 19, "title": 36, "kind": 6, "target": 16, "window": 17, "expected": 14,
           "value": 11, "unit": 9, "this_month": 10, "numerator": 12, "denominator": 12,
           "state": 10, "note": 30, "evidence": 18, "rate": 8}
"""Column widths, in characters (a Chinese character is two): column A also holds the
labels above the header (报送日期 submitted)."""
_LINE_HEIGHT = 15  # points: one line of the body font


def _w(table: dict[str, tuple[str, str]], key: str, lang: str, **args: Any) -> str:
    zh, en = table[key]
    return (en if lang == "en" else zh).format(**args)


@dataclass(frozen=True, slots=True)
class _Row:
    item_id: str
    title: str
    kind: str  # required | optional | other
    target: Target | None
    window: tuple[str, str] | None


def _rows(index: PlanIndex, org: str, month: Month, report: Report | None,
          lang: str) -> list[_Row]:
    asked, also = asked_targets(index, org, month)
    rows = [_Row(t.id, t.title + (_w(_WORDS, "also", lang, ids=", ".join(also[t.id]))
                                  if t.id in also else ""),
                 "required", t, (str(t.window.start), str(t.window.end))) for t in asked]
    rows += [_Row(e.item.id, " ".join(e.item.model.text.split()), "optional", None,
                  e.item.window) for e in optional_entries(index, org, month)]
    if report is not None:
        listed = {r.item_id for r in rows}
        for item_id in report.items:
            if item_id in listed:
                continue
            target = index.targets.get(item_id)
            item = index.items.get(item_id)
            if target is not None:
                rows.append(_Row(item_id, target.title, "other", target,
                                 (str(target.window.start), str(target.window.end))))
            else:
                title = " ".join(item.model.text.split()) if item is not None else ""
                rows.append(_Row(item_id, title, "other", None,
                                 item.window if item is not None else None))
    return rows


def _expected(index: PlanIndex, org: str, month: Month, target: Target | None,
              lang: str) -> str:
    """What is expected of ``org`` by the end of ``month`` (序时进度)."""
    if target is None:
        return _w(_WORDS, "state", lang)
    if month < target.window.start:
        return _w(_WORDS, "not_due", lang, start=target.window.start)
    if target.measure == "milestone":
        return _w(_WORDS, "milestone", lang, end=target.window.end)
    if target.value is None:
        return ""
    if is_contribution(index, target, org):
        return _w(_WORDS, "sum", lang, district=index.district)
    goal = target.value
    if target.allocation:
        for name, share in target.allocation.items():
            if (index.canonical(name) or name) == org:
                goal = share
    expected = target.baseline + (goal - target.baseline) * schedule_share(target.window, month)
    unit = target.unit or ""
    return f"{float(f'{expected:.4g}'):g}{'' if unit == '%' else ' '}{unit}".rstrip()


def workbook_bytes(index: PlanIndex, org: str, month: Month, *, lang: str = "zh",
                   report: Report | None = None, send_to: str | None = None,
                   file_hint: str = "") -> bytes:
    """The workbook for ``org`` and ``month`` (filled with ``report``'s figures when given)."""
    import xlsxwriter  # only when a workbook is written

    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_numbers": False,
                                     "strings_to_formulas": False, "strings_to_urls": False})
    book.set_properties({"title": _w(_WORDS, "title", lang, plan=index.meta.title),
                         "subject": f"{org} {month}", "creator": "mljy",
                         "comments": "mljy report workbook (mljy template --format xlsx)"})
    sheet_name = layout.SHEET[1] if lang == "en" else layout.SHEET[0]
    sheet = book.add_worksheet(sheet_name)
    guide = book.add_worksheet(layout.GUIDE_SHEET[1] if lang == "en" else layout.GUIDE_SHEET[0])
    font = "Microsoft YaHei"
    base = {"font_name": font, "font_size": 10, "valign": "top"}
    fmt = {
        "title": book.add_format({**base, "bold": True, "font_size": 14}),
        "label": book.add_format({**base, "bold": True, "align": "right"}),
        "shown": book.add_format({**base}),
        "input": book.add_format({**base, "locked": False, "bg_color": "#FFF2CC",
                                  "border": 1, "border_color": "#BFBFBF"}),
        "input_text": book.add_format({**base, "locked": False, "bg_color": "#FFF2CC",
                                       "border": 1, "border_color": "#BFBFBF",
                                       "num_format": "@", "text_wrap": True}),
        "input_date": book.add_format({**base, "locked": False, "bg_color": "#FFF2CC",
                                       "border": 1, "border_color": "#BFBFBF",
                                       "num_format": "yyyy-mm-dd"}),
        "spare": book.add_format({**base, "locked": False, "bg_color": "#F2F2F2",
                                  "border": 1, "border_color": "#D9D9D9"}),
        "spare_text": book.add_format({**base, "locked": False, "bg_color": "#F2F2F2",
                                       "border": 1, "border_color": "#D9D9D9",
                                       "num_format": "@", "text_wrap": True}),
        "header": book.add_format({**base, "bold": True, "text_wrap": True, "align": "center",
                                   "valign": "vcenter", "bg_color": "#DDEBF7", "border": 1}),
        "cell": book.add_format({**base, "text_wrap": True, "border": 1,
                                 "border_color": "#BFBFBF"}),
        "wrap": book.add_format({**base, "text_wrap": True}),
    }
    sheet.write_string(0, 0, _w(_WORDS, "title", lang, plan=index.meta.title), fmt["title"])
    plan_text = f"{index.meta.title}（{index.meta.document_number}）"
    period_first = month.first_day()
    due = due_date(index, month)
    meta_values: dict[str, Any] = {"unit": report.unit if report is not None else org,
                                   "period": str(month), "plan": plan_text}
    if report is not None:
        meta_values.update(submitted=report.submitted, contact=report.contact, note=report.note)
    for offset, (key, zh, en) in enumerate(layout.META):
        row = 1 + offset
        sheet.write_string(row, 0, layout.header_text(zh, en).replace("\n", " "), fmt["label"])
        value = meta_values.get(key)
        if key in ("unit", "period", "plan"):
            sheet.write_string(row, 1, str(value), fmt["shown"])
        elif key == "submitted":
            if isinstance(value, dt.date):
                sheet.write_datetime(row, 1, dt.datetime(value.year, value.month, value.day),
                                     fmt["input_date"])
            else:
                sheet.write_blank(row, 1, None, fmt["input_date"])
            sheet.data_validation(row, 1, row, 1, {
                "validate": "date", "criteria": ">=",
                "value": dt.datetime(period_first.year, period_first.month, 1),
                "input_message": _w(_WORDS, "date_help", lang, example=due)[:255],
                "error_title": _w(_WORDS, "wrong", lang)})
        else:
            if value is not None:
                sheet.write_string(row, 1, str(value), fmt["input_text"])
            else:
                sheet.write_blank(row, 1, None, fmt["input_text"])
        book.define_name(layout.DEFINED_NAMES[key], f"='{sheet_name}'!$B${row + 1}")
    header_index = _HEADER_ROW - 1
    keys = [key for key, _, _ in layout.COLUMNS]
    for col, (key, zh, en) in enumerate(layout.COLUMNS):
        sheet.write_string(header_index, col, layout.header_text(zh, en), fmt["header"])
        sheet.set_column(col, col, _WIDTHS[key])
    sheet.set_row(header_index, 32)
    rows = _rows(index, org, month, report, lang)
    first = header_index + 1
    for i, row_info in enumerate(rows):
        r = first + i
        target = row_info.target
        entry = report.items.get(row_info.item_id) if report is not None else None
        window = f"{row_info.window[0]} – {row_info.window[1]}" if row_info.window else ""
        goal = goal_text(target) if target is not None else None
        shown = {
            "id": row_info.item_id, "title": row_info.title,
            "kind": _w(_WORDS, row_info.kind, lang),
            "target": goal if goal is not None else (_w(_WORDS, "milestone", lang,
                                                        end=row_info.window[1])
                                                     if target is not None and row_info.window
                                                     else ""),
            "window": window,
            "expected": _expected(index, org, month, target, lang),
        }
        for key, text in shown.items():
            sheet.write_string(r, keys.index(key), text, fmt["cell"])
        # as tall as its longest wrapped text: an office program does not grow the row itself
        lines = max(-(-display_width(text) // _WIDTHS[key]) for key, text in shown.items())
        if lines > 1:
            sheet.set_row(r, _LINE_HEIGHT * lines)
        used = _used_fields(target)
        for key in layout.INPUTS:
            col = keys.index(key)
            text_field = key in layout.TEXTS
            style = ("input_text" if text_field else "input") if key in used else \
                ("spare_text" if text_field else "spare")
            value = getattr(entry, key, None) if entry is not None else None
            _write_input(sheet, r, col, key, value, fmt[style])
    last = first + max(len(rows), 1) - 1
    _validations(sheet, keys, first, last, lang)
    sheet.freeze_panes(_HEADER_ROW, 2)
    sheet.protect("", {"format_columns": True, "format_rows": True,
                       "select_locked_cells": True, "select_unlocked_cells": True})
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(header_index)
    sheet.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    sheet.set_footer("&C&P / &N")
    sheet.activate()
    _guide(guide, fmt, index, org, month, lang, send_to, file_hint)
    book.close()
    return out.getvalue()


def _used_fields(target: Target | None) -> set[str]:
    common = {"note", "evidence"}
    if target is None:
        return common | {"state"}
    if target.measure == "quantity":
        return common | {"value", "unit", "this_month"}
    if target.measure == "rate":
        return common | {"numerator", "denominator"}
    return common | {"state"}


def _write_input(sheet: Any, row: int, col: int, key: str, value: Any, style: Any) -> None:
    if value is None:
        sheet.write_blank(row, col, None, style)
    elif key == "state":
        sheet.write_string(row, col, layout.STATE_LABELS.get(value, str(value)), style)
    elif isinstance(value, str):
        sheet.write_string(row, col, value, style)
    elif _kept_as_number(value):
        sheet.write_number(row, col, float(value) if isinstance(value, Decimal) else value,
                           style)
    else:  # the digits as text: the reader takes them back as this very number
        from meilijiayuan.read.workbook import figure_text

        sheet.write_string(row, col, figure_text(value), style)


def _kept_as_number(value: float | int | Decimal) -> bool:
    """Whether a spreadsheet keeps ``value`` exactly (Excel shows 15 significant digits).

    A :class:`Decimal` (the report model's figures) is kept when it has at most 15
    significant digits: the double nearest it reads back (shortest ``repr``) as these
    very digits."""
    if isinstance(value, int):
        return abs(value) < 10**15
    if isinstance(value, Decimal):
        if not value.is_finite():
            return False
        digits = value.normalize().as_tuple().digits
        return len(digits) <= 15 and Decimal(repr(float(value))) == value
    return float(f"{value:.15g}") == value


def _validations(sheet: Any, keys: Sequence[str], first: int, last: int, lang: str) -> None:
    """Each input column's rule, with the same words as its input message and its error."""
    from xlsxwriter.utility import xl_rowcol_to_cell

    n = xl_rowcol_to_cell(first, keys.index("numerator"))
    d = xl_rowcol_to_cell(first, keys.index("denominator"))
    at_least_zero = {"validate": "decimal", "criteria": ">=", "value": 0}
    rules: list[tuple[str, dict[str, Any], str, str]] = [
        *((key, at_least_zero, "number_title", "number")
          for key in ("value", "this_month", "rate")),
        ("denominator", {"validate": "decimal", "criteria": ">", "value": 0},
         "number_title", "denominator"),
        ("numerator", {"validate": "custom",
                       "value": f'=AND(ISNUMBER({n}),{n}>=0,OR({d}="",{n}<={d}))'},
         "number_title", "numerator"),
        ("state", {"validate": "list", "source": list(layout.STATE_WORDS)},
         "state_title", "state_help"),
    ]
    wrong = _w(_WORDS, "wrong", lang)
    for key, rule, title, message in rules:
        col = keys.index(key)
        text = _w(_WORDS, message, lang)
        sheet.data_validation(first, col, last, col, {
            **rule, "input_title": _w(_WORDS, title, lang), "input_message": text,
            "error_title": wrong, "error_message": text})


def _guide(sheet: Any, fmt: dict[str, Any], index: PlanIndex, org: str, month: Month,
           lang: str, send_to: str | None, file_hint: str) -> None:
    due = due_date(index, month)
    args = {"unit": org, "period": month, "plan": index.meta.title,
            "number": index.meta.document_number, "due": due, "day": index.meta.report_due_day,
            "send_to": send_to or next(iter(index.organisations), ""),
            "file": file_hint or f"{org}.xlsx"}
    sheet.set_column(0, 0, 100, fmt["wrap"])
    sheet.write_string(0, 0, _w(_WORDS, "guide", lang), fmt["title"])
    for i, key in enumerate(_GUIDE, 2):
        sheet.write_string(i, 0, _w(_GUIDE, key, lang, **args), fmt["wrap"])
    sheet.protect("", {"select_locked_cells": True, "select_unlocked_cells": True})
    sheet.set_landscape()
    sheet.set_paper(9)


def item_report_fields(entry: ItemReport) -> dict[str, Any]:
    """An entry's given fields, in the layout's order (for tests and convert)."""
    return {key: getattr(entry, key) for key in layout.INPUTS if getattr(entry, key) is not None}
