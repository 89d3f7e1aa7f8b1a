"""A report workbook (.xlsx, .xlsm, .xls, .ods) → the same :class:`Document` as the YAML loader.

The workbook is the layout ``mljy template --format xlsx`` writes (:mod:`.layout`): its data
dict is exactly what a YAML report of the same content loads to, and every position is a
cell of the sheet 进度, ``(row, column)``, 1-based (``Document.sheet`` names the sheet), so
every model and plan check applies unchanged and places its finding at a cell.

Nothing in a workbook is trusted or run. Before python-calamine reads a zip workbook
(.xlsx/.xlsm/.ods), :mod:`.workbook_zip` checks the zip's central directory (the uncompressed
size of every part: a zip bomb is refused unread), then streams the sheet's XML once to find
how far its cells reach (a tiny file that spreads a few cells over a million rows is refused
before calamine builds the sheet), which cells hold a formula without a saved value, which are
formatted as percentages and which rows are hidden. Macros are never run (calamine reads
values only) and linked files are never opened. A legacy .xls is read by calamine alone: its
size is bounded by ``--max-bytes``.

How a cell becomes a figure (docs/workbooks.md):

- a number cell is its shortest round-trip decimal text (``repr``: the float 0.1 is ``0.1``,
  never 0.1000000000000000055…), resolved exactly as the YAML loader resolves that text: an
  integral number is an ``int`` (5.0 → 5), anything else the float of that text;
- a cell formatted as a percentage is the number it shows: 0.95 shown as 95% is 95 (times
  100 in decimal arithmetic), with a ``workbook-percent`` warning; in a rate's two counts
  (分子, 分母) it is the text it shows (``80%``), which the checks refuse as a percentage;
- a number stored as text (``'12``) is the number it spells when it is plain digits (``12``,
  ``0.5``); other text goes to the checks as text (``60万`` → number-with-unit, as in YAML);
- a date cell is its ISO date (``2019-07-04``); in the period cell the first of a month is
  that month (Excel turns a typed ``2019-06`` into 2019-06-01);
- a formula is its saved (cached) value; no saved value is an error naming the cell;
- an empty cell, or one holding only spaces, is no entry.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
from decimal import Decimal
from typing import Any, Final

from meilijiayuan.findings import Finding
from meilijiayuan.messages.catalogue import Term, Words
from meilijiayuan.messages.labels import LABELS
from meilijiayuan.read import layout
from meilijiayuan.read.document import Document, Position, YamlPath
from meilijiayuan.read.limits import DEFAULT_LIMITS, Limits
from meilijiayuan.read.workbook_zip import Refused as _Refused
from meilijiayuan.read.workbook_zip import Scan as _Scan
from meilijiayuan.read.workbook_zip import choose_sheet as _choose_sheet
from meilijiayuan.read.workbook_zip import inspect_zip as _inspect_zip
from meilijiayuan.read.workbook_zip import too_many as _too_many
from meilijiayuan.read.workbook_zip import unreadable as _unreadable

__all__ = ["WORKBOOK_SUFFIXES", "figure_text", "load_workbook"]

WORKBOOK_SUFFIXES: Final = (".xlsx", ".xlsm", ".xls", ".ods")
_COUNTS: Final = frozenset({"numerator", "denominator"})  # a rate's two counts
_SCAN_ROWS: Final = 60  # the header row is looked for in the sheet's first rows
_OLE: Final = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED: Final = "EncryptedPackage".encode("utf-16-le")
_PLAIN_NUMBER: Final = re.compile(r"(?:0|[1-9][0-9]*)(?:\.[0-9]+)?|0?\.[0-9]+")
_ERROR_VALUES: Final = frozenset({"#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!",
                                  "#VALUE!", "#GETTING_DATA", "#SPILL!", "#CALC!"})


def load_workbook(path: str, display: str | None = None, *,
                  limits: Limits = DEFAULT_LIMITS) -> Document:
    """Read one report workbook; never raises for bad input (every problem is a finding)."""
    name = path if display is None else display
    try:
        return _load(path, name, limits)
    except _Refused as refused:
        return Document(name, findings=[refused.finding])


def _load(path: str, name: str, limits: Limits) -> Document:
    raw = _read(path, name, limits)
    suffix = path[path.rfind("."):].lower()
    scan = _Scan()
    sheet_name: str | None = None
    if raw.startswith(_OLE):
        _check_ole(raw, name, suffix)
    elif suffix != ".xls":
        scan, sheet_name = _inspect_zip(raw, name, suffix, limits)
    return _read_sheet(raw, name, suffix, sheet_name, scan, limits)


def _read(path: str, name: str, limits: Limits) -> bytes:
    """The whole file, at most ``--max-bytes``: read once, then inspected and handed to
    calamine from memory (the zip's parts are read many times, each a seek and a read)."""
    try:
        size = os.stat(path).st_size
        if size > limits.max_bytes:
            raise _too_large(name, size, limits)
        with open(path, "rb") as stream:
            raw = stream.read(limits.max_bytes + 1)  # bounded: the file may have grown
    except FileNotFoundError:
        raise _Refused(Finding("path-not-found", name, args={"path": name})) from None
    except OSError as err:
        raise _Refused(Finding("file-unreadable", name,
                               args={"reason": err.strerror or str(err)})) from None
    if len(raw) > limits.max_bytes:
        raise _too_large(name, len(raw), limits)
    return raw


def _too_large(name: str, size: int, limits: Limits) -> _Refused:
    return _Refused(Finding("file-too-large", name, args={"size": size, "limit": limits.max_bytes}))


def _check_ole(raw: bytes, name: str, suffix: str) -> None:
    """An OLE file: a legacy .xls, or an encrypted .xlsx (Office wraps those in OLE)."""
    if _ENCRYPTED in raw:
        raise _Refused(Finding("workbook-encrypted", name))
    if suffix != ".xls":
        raise _unreadable(name, Term("wb-old-excel"))


# --- the sheet, through calamine ------------------------------------------------------------


def _read_sheet(raw: bytes, name: str, suffix: str, sheet_name: str | None, scan: _Scan,
                limits: Limits) -> Document:
    import python_calamine as calamine  # only when a workbook is read

    try:
        book = calamine.CalamineWorkbook.from_filelike(io.BytesIO(raw))
        try:
            names = book.sheet_names
            if _is_ledger(names):
                raise _Refused(Finding("workbook-not-report", name, sheet=names[0]))
            chosen = sheet_name if sheet_name in names else _choose_sheet(list(names))
            if chosen is None:
                raise _Refused(_layout(name, None, ["wb-sheet"]))
            sheet = book.get_sheet_by_name(chosen)
            end = sheet.end or (0, 0)  # the last used cell, 0-based
            height, width = end[0] + 1, end[1] + 1
            if height * width > limits.max_nodes:
                raise _too_many(name, chosen, height, width, limits.max_nodes)
            rows = sheet.to_python(skip_empty_area=False)  # from A1
            merged = list(sheet.merged_cell_ranges or ())
        finally:
            book.close()
    except _Refused:
        raise
    except calamine.PasswordError:
        raise _Refused(Finding("workbook-encrypted", name)) from None
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as err:  # calamine's errors name no common base; a Rust panic
        # arrives as pyo3's PanicException, a BaseException
        raise _unreadable(name, f"{type(err).__name__}: {err}"[:300]) from None
    return _Reader(name, chosen, [list(r) for r in rows], merged, scan).document()


def _is_ledger(sheets: list[str]) -> bool:
    """Whether these are the sheets of the 台账 ``mljy status --format xlsx`` writes (its
    overview first, its reports sheet, no 进度): kept beside the reports, it is no report."""
    if not sheets or any(s in layout.SHEET for s in sheets):
        return False
    overview, reports = LABELS["office.sheet.overview"], LABELS["office.sheet.reports"]
    return sheets[0] in overview and any(s in reports for s in sheets)


def _layout(name: str, sheet: str | None, missing: list[str]) -> Finding:
    return Finding("workbook-layout", name, args={"missing": Words(missing)}, sheet=sheet)


class _Reader:
    """The grid of one sheet → the report's data and the cell of every value."""

    def __init__(self, name: str, sheet: str, grid: list[list[Any]],
                 merged: list[tuple[tuple[int, int], tuple[int, int]]], scan: _Scan) -> None:
        self.name, self.sheet, self.grid, self.merged, self.scan = name, sheet, grid, merged, scan
        self.doc = Document(name, sheet=sheet)
        self.findings: list[Finding] = list(scan.warnings)

    def cell(self, row: int, col: int) -> Any:
        """The value at 1-based (row, col); ``""`` outside the grid."""
        if 0 < row <= len(self.grid):
            line = self.grid[row - 1]
            if 0 < col <= len(line):
                return line[col - 1]
        return ""

    def at(self, code: str, at_row: int, at_col: int, /, **args: Any) -> Finding:
        return Finding(code, self.name, at_row, at_col, args, sheet=self.sheet)

    def document(self) -> Document:
        header = self._header_row()
        if header is None:
            raise self._not_in_layout(["wb-header"])
        header_row, columns = header
        missing = [f"wb-{key}" for key in layout.REQUIRED_COLUMNS if key not in columns]
        meta = self._meta(header_row)
        missing += [f"wb-{key}" for key in layout.META_REQUIRED if key not in meta]
        if missing:
            raise self._not_in_layout(missing)
        doc = self.doc
        data: dict[str, Any] = {}
        doc.value_pos[()] = doc.key_pos[()] = (1, 1)
        for key in layout.META_FIELDS:
            if key not in meta:
                continue
            (label_row, label_col), (row, col) = meta[key]
            value = self._meta_value(key, row, col)
            if value is None and key not in layout.META_REQUIRED:
                continue
            data[key] = value
            doc.key_pos[(key,)] = (label_row, label_col)
            doc.value_pos[(key,)] = (row, col)
        id_col = columns["id"]
        data["items"] = self._items(header_row, columns)
        doc.key_pos[("items",)] = doc.value_pos[("items",)] = (header_row, id_col)
        self._merges(header_row, columns)
        if any(f.level.value == "error" for f in self.findings):
            return Document(self.name, findings=self.findings, sheet=self.sheet)
        doc.data = data
        doc.findings = self.findings
        return doc

    # --- finding the layout

    def _not_in_layout(self, missing: list[str]) -> _Refused:
        """Refused: what is missing, first the sheet 进度 itself when another was read (a
        renamed sheet, or the guide sheet moved first)."""
        if self.sheet not in layout.SHEET:
            missing = ["wb-sheet", *missing]
        return _Refused(_layout(self.name, self.sheet, missing))

    def _header_row(self) -> tuple[int, dict[str, int]] | None:
        for row in range(1, min(len(self.grid), _SCAN_ROWS) + 1):
            columns: dict[str, int] = {}
            for col, value in enumerate(self.grid[row - 1], 1):
                if value and isinstance(value, str):  # most cells are empty: ""
                    key = layout.column_key(value)
                    if key is not None and key not in columns:
                        columns[key] = col
            if "id" in columns and not set(layout.INPUTS).isdisjoint(columns):
                return row, columns
        return None

    def _meta(self, header_row: int) -> dict[str, tuple[Position, Position]]:
        """Each label above the header: (its cell, its value's cell: the next to the right,
        past the label's merged cells)."""
        found: dict[str, tuple[Position, Position]] = {}
        for row in range(1, header_row):
            for col, value in enumerate(self.grid[row - 1], 1):
                if not value or not isinstance(value, str):
                    continue
                key = layout.meta_key(value)
                if key is None or key in found:
                    continue
                right = col + 1
                for (r0, c0), (r1, c1) in self.merged:
                    if r0 + 1 <= row <= r1 + 1 and c0 + 1 <= col <= c1 + 1:
                        right = c1 + 2
                found[key] = ((row, col), (row, right))
        return found

    # --- values

    def _meta_value(self, key: str, row: int, col: int) -> Any:
        raw = self.cell(row, col)
        value = self._plain(raw, row, col, text=True)
        if value is None:
            return None
        if isinstance(raw, dt.datetime):
            raw = raw.date()
        if key == "period" and isinstance(raw, dt.date) and raw.day == 1:
            value = f"{raw.year:04d}-{raw.month:02d}"
        self.doc.raw[(key,)] = value if isinstance(value, str) else str(value)
        return value

    def _items(self, header_row: int, columns: dict[str, int]) -> dict[str, Any]:
        items: dict[str, Any] = {}
        first_row: dict[str, int] = {}
        id_col = columns["id"]
        inputs = [(key, columns[key]) for key in layout.INPUTS if key in columns]
        doc = self.doc
        flagged = self.scan.uncached.keys() | self.scan.errors.keys()  # empty to calamine
        for row, line in enumerate(self.grid[header_row:], header_row + 1):
            given: dict[str, tuple[Any, str, int]] = {}
            width = len(line)
            for key, col in inputs:
                if col > width or (line[col - 1] == "" and (row, col) not in flagged):
                    continue  # the usual input cell: empty (checked here, it is most of them)
                value = self._input(key, row, col)
                if value is not None:
                    given[key] = (*value, col)
            if not given:
                continue  # an item not reported this month, or an empty row
            raw_id = self.cell(row, id_col)
            item_id = "" if raw_id is None else _text(raw_id).strip()
            if not item_id:
                self.findings.append(self.at("workbook-no-id", row, id_col, row=row))
                continue
            if item_id in first_row:
                self.findings.append(self.at("workbook-duplicate-item", row, id_col,
                                             id=item_id, first_row=first_row[item_id]))
                continue
            first_row[item_id] = row
            if row in self.scan.hidden_rows:
                self.findings.append(self.at("workbook-hidden", row, id_col, row=row))
            items[item_id] = {key: value for key, (value, _, _) in given.items()}
            doc.key_pos[("items", item_id)] = doc.value_pos[("items", item_id)] = (row, id_col)
            for field_name, (_, text, col) in given.items():
                path: YamlPath = ("items", item_id, field_name)
                doc.key_pos[path] = doc.value_pos[path] = (row, col)
                doc.raw[path] = text
        return items

    def _input(self, key: str, row: int, col: int) -> tuple[Any, str] | None:
        """An input cell's value and its text as shown, or ``None``: empty."""
        raw = self.cell(row, col)
        if (key in _COUNTS and (row, col) in self.scan.percent
                and isinstance(raw, int | float) and not isinstance(raw, bool)):
            shown = f"{_decimal_text(Decimal(figure_text(raw)) * 100)}%"
            return shown, shown  # a count shown as 80%: read as shown, and refused as such
        value: Any = self._plain(raw, row, col, text=key in layout.TEXTS or key == "state")
        if value is None:
            return None
        if key == "state" and isinstance(value, str):
            value = layout.STATE_WORDS.get(value.strip(), value)
        elif key in layout.NUMBERS and isinstance(value, str):
            spelt = value.strip()
            if _PLAIN_NUMBER.fullmatch(spelt):
                value = _resolve(spelt)  # a number stored as text
        if isinstance(value, int | float) and not isinstance(value, bool):
            return value, figure_text(value)
        return value, _text(raw) if not isinstance(value, str) else value

    def _plain(self, raw: Any, row: int, col: int, *, text: bool) -> Any:
        """A cell's value as the YAML loader would give it (None: empty)."""
        formula = self.scan.uncached.get((row, col))
        if formula is not None:
            self.findings.append(self.at("workbook-formula-uncached", row, col, formula=formula))
            return None
        error = self.scan.errors.get((row, col))
        if error is not None:
            self.findings.append(self.at("workbook-error-value", row, col, text=error))
            return None
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            return None
        if isinstance(raw, str):
            if raw.strip() in _ERROR_VALUES:
                self.findings.append(self.at("workbook-error-value", row, col, text=raw.strip()))
                return None
            return raw
        if isinstance(raw, bool):
            return raw
        if isinstance(raw, dt.datetime):
            return raw.date().isoformat() if raw.time() == dt.time() else raw.isoformat(" ")
        if isinstance(raw, dt.date):
            return raw.isoformat()
        if isinstance(raw, dt.time | dt.timedelta):
            return str(raw)
        if isinstance(raw, int | float):
            if (row, col) in self.scan.percent and not text:
                shown = Decimal(figure_text(raw)) * 100
                value = _resolve(_decimal_text(shown))
                self.findings.append(self.at(
                    "workbook-percent", row, col, shown=f"{_decimal_text(shown)}%",
                    value=figure_text(value), stored=figure_text(raw)))
                return value
            if text:
                return figure_text(raw)
            return _resolve(figure_text(raw))
        return str(raw)

    def _merges(self, header_row: int, columns: dict[str, int]) -> None:
        """Merged cells that reach into the items' input cells cannot be read as one value
        per cell: refused, at the merge's first cell."""
        input_cols = {columns[k] for k in layout.INPUTS if k in columns} | {columns["id"]}
        for (r0, c0), (r1, c1) in self.merged:
            if r1 + 1 <= header_row:
                continue
            if any(c0 + 1 <= c <= c1 + 1 for c in input_cols):
                span = f"{_cell_name(r0 + 1, c0 + 1)}:{_cell_name(r1 + 1, c1 + 1)}"
                self.findings.append(self.at("workbook-merged", r0 + 1, c0 + 1, range=span))


def _cell_name(row: int, col: int) -> str:
    from meilijiayuan.findings import column_name

    return f"{column_name(col)}{row}"


def figure_text(value: float | int | Decimal) -> str:
    """A number as its shortest exact decimal text: 0.1 → ``0.1``, 5.0 → ``5``, 1e-05 →
    ``0.00001`` (``repr`` gives the shortest text that reads back as the same float); a
    :class:`Decimal` (a figure as the report model holds it) is its own digits, exactly."""
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        return _decimal_text(value)
    if value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    return _decimal_text(Decimal(repr(value)))


def _decimal_text(number: Decimal) -> str:
    text = format(number, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


def _resolve(text: str) -> int | float:
    """A plain decimal text as the YAML loader resolves it: an int, else a float."""
    if "." not in text:
        return int(text)
    return float(text)


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return figure_text(value)
    return str(value)
