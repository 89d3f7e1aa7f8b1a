"""Test helpers: report workbooks written cell by cell with XlsxWriter (no openpyxl).

``grid_book`` writes the layout the reader expects, in a compact order of its own (the
reader finds columns by header text): title in row 1, the labels 单位/月份/报送日期 in A2:A4
with their values in column B, the header in row 6 and the items from row 7:

    A id | B value | C numerator | D denominator | E state | F note | G this_month
    H unit | I rate | J evidence

The figures in these workbooks are invented for the tests.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import xlsxwriter

COLUMNS = ["id", "value", "numerator", "denominator", "state", "note", "this_month", "unit",
           "rate", "evidence"]
HEADERS = {"id": "编号\nid", "value": "累计完成\nvalue", "numerator": "分子\nnumerator",
           "denominator": "分母\ndenominator", "state": "状态\nstate", "note": "说明\nnote",
           "this_month": "本月完成\nthis_month", "unit": "计量单位\nunit", "rate": "比率\nrate",
           "evidence": "佐证材料\nevidence"}
HEADER_ROW = 6  # 1-based
LETTER = {key: chr(65 + i) for i, key in enumerate(COLUMNS)}


def cell(key: str, row: int) -> str:
    """The cell of ``key`` on 1-based ``row``, e.g. ``cell("numerator", 7) == "C7"``."""
    return f"{LETTER[key]}{row}"


def grid_book(path: Path, items: list[dict[str, Any]], *, unit: Any = "马陆镇",
              period: Any = "2018-06", submitted: Any = None, sheet_name: str = "进度",
              extra: Callable[[Any, Any], None] | None = None) -> Path:
    """A report workbook: one row per dict in ``items`` (keys of :data:`COLUMNS`)."""
    book = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False})
    sheet = book.add_worksheet(sheet_name)
    date = book.add_format({"num_format": "yyyy-mm-dd"})
    sheet.write_string("A1", "测试用工作簿（数字为虚构）test workbook, invented figures")
    sheet.write_string("A2", "单位 unit")
    _write(sheet, "B2", unit, date)
    sheet.write_string("A3", "月份 period")
    _write(sheet, "B3", period, date)
    sheet.write_string("A4", "报送日期 submitted")
    if submitted is not None:
        _write(sheet, "B4", submitted, date)
    for key in COLUMNS:
        sheet.write_string(f"{LETTER[key]}{HEADER_ROW}", HEADERS[key])
    for i, entry in enumerate(items):
        row = HEADER_ROW + 1 + i
        for key, value in entry.items():
            _write(sheet, cell(key, row), value, date)
    if extra is not None:
        extra(book, sheet)
    book.close()
    return path


def _write(sheet: Any, where: str, value: Any, date: Any) -> None:
    if value is None:
        return
    if isinstance(value, dt.date):
        sheet.write_datetime(where, dt.datetime(value.year, value.month, value.day), date)
    elif isinstance(value, bool):
        sheet.write_boolean(where, value)
    elif isinstance(value, int | float):
        sheet.write_number(where, value)
    else:
        sheet.write_string(where, str(value))


def strip_cached_values(path: Path) -> None:
    """Remove the saved value of every formula (as a program that never computes them would)."""
    with zipfile.ZipFile(path) as z:
        parts = {info: z.read(info.filename) for info in z.infolist()}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in parts.items():
            if info.filename.startswith("xl/worksheets/"):
                data = re.sub(rb"(</f>)<v>[^<]*</v>", rb"\1", data)
            z.writestr(info, data)  # its own time stamp: the same bytes each run
