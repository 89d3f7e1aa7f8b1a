"""A report workbook (.xlsx, .xlsm, .xls, .ods) → the same :class:`Document` as the YAML loader.

The workbook is the layout ``mljy template --format xlsx`` writes (:mod:`.layout`): its data
dict is exactly what a YAML report of the same content loads to, and every position is a
cell of the sheet 进度, ``(row, column)``, 1-based (``Document.sheet`` names the sheet), so
every model and plan check applies unchanged and places its finding at a cell.

Nothing in a workbook is trusted or run. Before python-calamine reads a zip workbook
(.xlsx/.xlsm/.ods), :func:`_inspect_zip` checks the zip's central directory (the uncompressed
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
  100 in decimal arithmetic), with a ``workbook-percent`` warning;
- a number stored as text (``'12``) is the number it spells when it is plain digits (``12``,
  ``0.5``); other text goes to the checks as text (``60万`` → number-with-unit, as in YAML);
- a date cell is its ISO date (``2019-07-04``); in the period cell the first of a month is
  that month (Excel turns a typed ``2019-06`` into 2019-06-01);
- a formula is its saved (cached) value; no saved value is an error naming the cell;
- an empty cell, or one holding only spaces, is no entry.
"""

from __future__ import annotations

import datetime as dt
import html
import os
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Final, Literal
from xml.etree.ElementTree import XMLPullParser

from meilijiayuan.findings import Finding
from meilijiayuan.messages.catalogue import Term, Words
from meilijiayuan.read import layout
from meilijiayuan.read.document import Document, Position, YamlPath
from meilijiayuan.read.limits import DEFAULT_LIMITS, Limits

__all__ = ["WORKBOOK_SUFFIXES", "figure_text", "load_workbook"]

WORKBOOK_SUFFIXES: Final = (".xlsx", ".xlsm", ".xls", ".ods")
_UNPACKED_FACTOR: Final = 16  # a part may unpack to 16 × --max-bytes (16 MiB by default)
_SCAN_ROWS: Final = 60  # the header row is looked for in the sheet's first rows
_OLE: Final = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED: Final = "EncryptedPackage".encode("utf-16-le")
_PLAIN_NUMBER: Final = re.compile(r"(?:0|[1-9][0-9]*)(?:\.[0-9]+)?|0?\.[0-9]+")
_ERROR_VALUES: Final = frozenset({"#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!",
                                  "#VALUE!", "#GETTING_DATA", "#SPILL!", "#CALC!"})


class _Refused(Exception):
    """The workbook cannot be read: carries the finding that says why."""

    def __init__(self, finding: Finding) -> None:
        super().__init__(finding.code)
        self.finding = finding


@dataclass(slots=True)
class _Scan:
    """What the sheet's XML says beyond the values calamine gives."""

    uncached: dict[Position, str] = field(default_factory=dict)  # formula without a value
    percent: set[Position] = field(default_factory=set)
    hidden_rows: set[int] = field(default_factory=set)
    warnings: list[Finding] = field(default_factory=list)  # macros, external links


def load_workbook(path: str, display: str | None = None, *,
                  limits: Limits = DEFAULT_LIMITS) -> Document:
    """Read one report workbook; never raises for bad input (every problem is a finding)."""
    name = path if display is None else display
    try:
        return _load(path, name, limits)
    except _Refused as refused:
        return Document(name, findings=[refused.finding])


def _load(path: str, name: str, limits: Limits) -> Document:
    try:
        size = os.stat(path).st_size
        with open(path, "rb") as stream:
            head = stream.read(8)
    except FileNotFoundError:
        raise _Refused(Finding("path-not-found", name, args={"path": name})) from None
    except OSError as err:
        raise _Refused(Finding("file-unreadable", name,
                               args={"reason": err.strerror or str(err)})) from None
    if size > limits.max_bytes:
        raise _Refused(Finding("file-too-large", name,
                               args={"size": size, "limit": limits.max_bytes}))
    suffix = path[path.rfind("."):].lower()
    scan = _Scan()
    sheet_name: str | None = None
    if head.startswith(_OLE):
        _check_ole(path, name, suffix)
    elif suffix != ".xls":
        scan, sheet_name = _inspect_zip(path, name, suffix, limits)
    return _read_sheet(path, name, suffix, sheet_name, scan, limits)


def _unreadable(name: str, reason: str) -> _Refused:
    """``reason``: a catalogue :class:`Term`, or calamine's own words."""
    return _Refused(Finding("workbook-unreadable", name, args={"reason": reason}))


def _check_ole(path: str, name: str, suffix: str) -> None:
    """An OLE file: a legacy .xls, or an encrypted .xlsx (Office wraps those in OLE)."""
    with open(path, "rb") as stream:
        raw = stream.read()
    if _ENCRYPTED in raw:
        raise _Refused(Finding("workbook-encrypted", name))
    if suffix != ".xls":
        raise _unreadable(name, Term("wb-old-excel"))


# --- the zip, before calamine ---------------------------------------------------------------


def _inspect_zip(path: str, name: str, suffix: str, limits: Limits) -> tuple[_Scan, str | None]:
    """Check the zip's parts and stream the sheet's XML: see the module's docstring."""
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        raise _unreadable(name, Term("wb-cut-short")) from None
    except OSError as err:
        raise _unreadable(name, err.strerror or str(err)) from None
    with archive:
        infos = archive.infolist()
        cap = limits.max_bytes * _UNPACKED_FACTOR
        total = 0
        for info in infos:
            total += info.file_size
            if info.file_size > cap or total > cap * 2:
                raise _Refused(Finding("workbook-too-large", name, args={
                    "part": info.filename, "size": info.file_size, "limit": cap}))
            if info.flag_bits & 0x1:
                raise _Refused(Finding("workbook-encrypted", name))
        names = {info.filename for info in infos}
        scan = _Scan()
        if any(n.lower().endswith("vbaproject.bin") for n in names):
            scan.warnings.append(Finding("workbook-macros", name))
        if any(n.startswith("xl/externalLinks/") for n in names):
            scan.warnings.append(Finding("workbook-external-links", name))
        try:
            if "content.xml" in names:  # OpenDocument
                sheet = _scan_ods(archive, name, scan, limits)
            elif "xl/workbook.xml" in names:
                sheet = _scan_xlsx(archive, name, names, scan, limits)
            else:
                raise _unreadable(name, Term("wb-not-spreadsheet"))
        except (zipfile.BadZipFile, EOFError, ValueError, KeyError, RuntimeError):
            raise _unreadable(name, Term("wb-damaged")) from None
        except SyntaxError:  # ParseError
            raise _unreadable(name, Term("wb-damaged")) from None
    return scan, sheet


_Event = Literal["start", "end"]
_REF: Final = re.compile(r"([A-Z]{1,3})([0-9]{1,7})")
_PERCENT_FORMATS: Final = frozenset({9, 10})  # Excel's built-in 0% and 0.00%


def _elements(archive: zipfile.ZipFile, part: str, events: tuple[_Event, ...] = ("end",)
              ) -> Iterator[tuple[str, Any]]:
    """Stream a part's XML elements (DTDs and entities are refused by expat's defaults here:
    ElementTree expands no external entity)."""
    parser: XMLPullParser[Any] = XMLPullParser(events)
    with archive.open(part) as stream:
        while chunk := stream.read(65536):
            parser.feed(chunk)
            for pair in parser.read_events():
                yield pair[0], pair[1]  # type: ignore[misc]  # events asked for are pairs
    parser.close()
    for pair in parser.read_events():
        yield pair[0], pair[1]  # type: ignore[misc]


def _scan_xlsx(archive: zipfile.ZipFile, name: str, names: set[str], scan: _Scan,
               limits: Limits) -> str | None:
    book = archive.read("xl/workbook.xml")
    sheets: list[tuple[str, str]] = []  # (sheet name, relationship id)
    for m in _SHEET.finditer(book):
        attributes = _attributes(m.group(1))
        sheets.append((attributes.get("name", ""), attributes.get("id", "")))
    targets: dict[str, str] = {}
    rels = "xl/_rels/workbook.xml.rels"
    if rels in names:
        for m in _RELATIONSHIP.finditer(archive.read(rels)):
            attributes = _attributes(m.group(1))
            target = attributes.get("Target", "")
            target = target[1:] if target.startswith("/") else f"xl/{target}"
            targets[attributes.get("Id", "")] = target
    chosen = _choose_sheet([s for s, _ in sheets])
    if chosen is None:
        return None
    part = targets.get(dict(sheets)[chosen], "")
    if part not in names:
        return chosen  # calamine will say what is wrong
    data = archive.read(part)  # at most the size cap, checked above
    max_cells = limits.max_nodes
    # rows come in ascending order (the format requires it): the last one is the lowest
    last = max(data.rfind(b"<row"), data.rfind(b":row "))
    found = _ROW_REF.match(data, data.rfind(b"<", 0, last + 1)) if last >= 0 else None
    top_row = int(found.group(1)) if found is not None else 0
    top_row = max(top_row, data.count(b"<row") + data.count(b":row "))
    if top_row > max_cells:
        raise _too_many(name, chosen, top_row, 1, max_cells)
    refs = _CELL_REF.findall(data)
    if refs:
        letters, numbers = zip(*refs, strict=True)
        top_col = _column_number(max(set(letters), key=lambda c: (len(c), c)).decode())
        top_row = max(top_row, *map(int, set(numbers)))
        if top_row * top_col > max_cells:
            raise _too_many(name, chosen, top_row, top_col, max_cells)
    for m in _HIDDEN_ROW.finditer(data):
        scan.hidden_rows.add(int(m.group(1)))
    percent_styles = _percent_styles(archive, names)
    if not percent_styles and _HAS_FORMULA.search(data) is None:
        return chosen  # no formula and no percentage: nothing more to look at (the usual)
    for m in _CELL.finditer(data):
        found_attributes, content = m.group(1), m.group(2) or b""
        ref = _R_ATTRIBUTE.search(found_attributes)
        if ref is None:
            continue
        at = (int(ref.group(2)), _column_number(ref.group(1).decode()))
        formula = _FORMULA.search(content)
        if formula is not None and _VALUE.search(content) is None:
            text = (formula.group(1) or b"").decode("utf-8", "replace")
            scan.uncached[at] = "=" + html.unescape(text)
        style = _S_ATTRIBUTE.search(found_attributes)
        if style is not None and int(style.group(1)) in percent_styles:
            scan.percent.add(at)
    return chosen


# The workbook's XML read with narrow patterns over its bytes rather than parsed: a hundred
# thousand cells in a tenth of a second, where a parser takes seconds. An optional namespace
# prefix (x:c) is allowed; every writer we know puts an r="A1" reference on each cell.
_ROW_REF: Final = re.compile(rb"<(?:\w+:)?row\b[^>]*?\sr=\"([0-9]{1,7})\"")
_CELL_REF: Final = re.compile(rb"<(?:\w+:)?c\b[^>]*?\sr=\"([A-Z]{1,3})([0-9]{1,7})\"")
_HIDDEN_ROW: Final = re.compile(
    rb"<(?:\w+:)?row\b(?=[^>]*\shidden=\"(?:1|true)\")[^>]*?\sr=\"([0-9]{1,7})\"")
_CELL: Final = re.compile(rb"<(?:\w+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)", re.DOTALL)
_R_ATTRIBUTE: Final = re.compile(rb"\sr=\"([A-Z]{1,3})([0-9]{1,7})\"")
_S_ATTRIBUTE: Final = re.compile(rb"\ss=\"([0-9]{1,9})\"")
_FORMULA: Final = re.compile(rb"<(?:\w+:)?f\b[^>]*>([^<]*)</(?:\w+:)?f>|<(?:\w+:)?f\b[^>]*/>")
_VALUE: Final = re.compile(rb"<(?:\w+:)?(?:v|is)\b")
_HAS_FORMULA: Final = re.compile(rb"<(?:\w+:)?f[\s>/]")  # not <formula1> (validations)
_SHEET: Final = re.compile(rb"<(?:\w+:)?sheet\b([^>]*)>")
_RELATIONSHIP: Final = re.compile(rb"<(?:\w+:)?Relationship\b([^>]*)>")
_NUMBER_FORMAT: Final = re.compile(rb"<(?:\w+:)?numFmt\b([^>]*)>")
_CELL_XFS: Final = re.compile(rb"<(?:\w+:)?cellXfs\b.*?</(?:\w+:)?cellXfs>", re.DOTALL)
_XF: Final = re.compile(rb"<(?:\w+:)?xf\b([^>]*)>")
_ATTRIBUTE: Final = re.compile(rb"(?:\w+:)?(\w+)\s*=\s*\"([^\"]*)\"")


def _attributes(text: bytes) -> dict[str, str]:
    """An element's attributes, without namespace prefixes (``r:id`` is ``id``)."""
    return {k.decode(): html.unescape(v.decode("utf-8", "replace"))
            for k, v in _ATTRIBUTE.findall(text)}


def _percent_styles(archive: zipfile.ZipFile, names: set[str]) -> set[int]:
    """The cell styles (indexes into cellXfs) whose number format shows a percentage."""
    if "xl/styles.xml" not in names:
        return set()
    styles = archive.read("xl/styles.xml")
    known = _percent_known.get(styles)
    if known is not None:
        return known
    if len(_percent_known) > 64:
        _percent_known.clear()
    found = _percent_known[styles] = _percent_of(styles)
    return found


_percent_known: dict[bytes, set[int]] = {}  # workbooks from one writer share their styles


def _percent_of(styles: bytes) -> set[int]:
    custom: dict[int, str] = {}
    for m in _NUMBER_FORMAT.finditer(styles):
        attributes = _attributes(m.group(1))
        custom[int(attributes.get("numFmtId") or 0)] = attributes.get("formatCode", "")
    found: set[int] = set()
    section = _CELL_XFS.search(styles)
    if section is None:
        return found
    for index, m in enumerate(_XF.finditer(section.group())):
        number_format = int(_attributes(m.group(1)).get("numFmtId") or 0)
        code = custom.get(number_format, "")
        if number_format in _PERCENT_FORMATS or "%" in re.sub(r'"[^"]*"|\\.', "", code):
            found.add(index)
    return found


_T: Final = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_O: Final = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"


def _scan_ods(archive: zipfile.ZipFile, name: str, scan: _Scan, limits: Limits) -> str | None:
    tables: list[str] = []
    for event, el in _elements(archive, "content.xml", ("start",)):
        if event == "start" and el.tag == f"{_T}table":
            tables.append(el.get(f"{_T}name", ""))
    chosen = _choose_sheet(tables)
    if chosen is None:
        return None
    max_cells = limits.max_nodes
    inside = False
    row = 0  # rows before the current one
    repeat_rows = 1
    col = 0
    top_row = top_col = 0
    hidden = False
    for event, el in _elements(archive, "content.xml", ("start", "end")):
        tag = el.tag
        if tag == f"{_T}table":
            inside = event == "start" and el.get(f"{_T}name", "") == chosen
            if not inside and event == "end" and top_row:
                break
            continue
        if not inside:
            if event == "end":
                el.clear()
            continue
        if event == "start":
            if tag == f"{_T}table-row":
                repeat_rows = int(el.get(f"{_T}number-rows-repeated") or 1)
                hidden = el.get(f"{_T}visibility") in ("collapse", "filter")
                col = 0
            continue
        if tag in (f"{_T}table-cell", f"{_T}covered-table-cell"):
            repeat = int(el.get(f"{_T}number-columns-repeated") or 1)
            kind = el.get(f"{_O}value-type")
            filled = kind is not None or len(el) > 0
            if filled:
                last_row, last_col = row + repeat_rows, col + repeat
                top_row, top_col = max(top_row, last_row), max(top_col, last_col)
                if top_row * top_col > max_cells:
                    raise _too_many(name, chosen, top_row, top_col, max_cells)
                if repeat == 1 and repeat_rows == 1:
                    at = (row + 1, col + 1)
                    formula = el.get(f"{_T}formula")
                    if formula is not None and kind is None:
                        scan.uncached[at] = formula.split(":", 1)[-1]
                    if kind == "percentage":
                        scan.percent.add(at)
                    if hidden:
                        scan.hidden_rows.add(row + 1)
            col += repeat
            el.clear()
        elif tag == f"{_T}table-row":
            row += repeat_rows
            el.clear()
    return chosen


def _choose_sheet(sheets: list[str]) -> str | None:
    """The sheet with the figures: 进度 (or Progress), else the first sheet."""
    for wanted in layout.SHEET:
        if wanted in sheets:
            return wanted
    return sheets[0] if sheets else None


def _too_many(name: str, sheet: str, rows: int, columns: int, limit: int) -> _Refused:
    return _Refused(Finding("workbook-too-many-cells", name, args={
        "sheet": sheet, "rows": rows, "columns": columns, "limit": limit}))


def _column_number(letters: str) -> int:
    number = 0
    for ch in letters:
        number = number * 26 + ord(ch) - 64
    return number


# --- the sheet, through calamine ------------------------------------------------------------


def _read_sheet(path: str, name: str, suffix: str, sheet_name: str | None, scan: _Scan,
                limits: Limits) -> Document:
    import python_calamine as calamine  # only when a workbook is read

    try:
        book = calamine.CalamineWorkbook.from_path(path)
        try:
            names = book.sheet_names
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
            raise _Refused(_layout(self.name, self.sheet, ["wb-header"]))
        header_row, columns = header
        missing = [f"wb-{key}" for key in layout.REQUIRED_COLUMNS if key not in columns]
        meta = self._meta(header_row)
        missing += [f"wb-{key}" for key in layout.META_REQUIRED if key not in meta]
        if missing:
            raise _Refused(_layout(self.name, self.sheet, missing))
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

    def _header_row(self) -> tuple[int, dict[str, int]] | None:
        for row in range(1, min(len(self.grid), _SCAN_ROWS) + 1):
            columns: dict[str, int] = {}
            for col, value in enumerate(self.grid[row - 1], 1):
                if isinstance(value, str):
                    key = layout.header_key(value, layout.COLUMNS)
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
                if not isinstance(value, str):
                    continue
                key = layout.header_key(value, layout.META)
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
        uncached = self.scan.uncached
        for row in range(header_row + 1, len(self.grid) + 1):
            line = self.grid[row - 1]
            given: dict[str, tuple[Any, str, int]] = {}
            for key, col in inputs:
                if col > len(line) or (line[col - 1] == "" and (row, col) not in uncached):
                    continue  # the usual input cell: empty (checked here, it is most of them)
                value = self._input(key, row, col)
                if value is not None:
                    given[key] = (*value, col)
            raw_id = self.cell(row, id_col)
            item_id = "" if raw_id is None else _text(raw_id).strip()
            if not given:
                continue  # an item not reported this month, or an empty row
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
