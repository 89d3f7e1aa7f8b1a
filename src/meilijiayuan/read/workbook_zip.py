"""A zip workbook (.xlsx/.xlsm/.ods) inspected before python-calamine reads it (see
:mod:`meilijiayuan.read.workbook`): the central directory (a zip bomb is refused unread),
then the sheet's XML streamed once for how far its cells reach, which cells hold a formula
without a saved value, which are formatted as percentages and which rows are hidden, and
whether the workbook carries macros or links to other files."""

from __future__ import annotations

import html
import posixpath
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Final, Literal
from xml.etree.ElementTree import XMLPullParser

from meilijiayuan.findings import Finding
from meilijiayuan.messages.catalogue import Term
from meilijiayuan.read import layout, sheet_extent, xml_tags
from meilijiayuan.read.document import Position
from meilijiayuan.read.limits import Limits
from meilijiayuan.read.zip_plain import PlainZip, open_zip

_UNPACKED_FACTOR: Final = 16  # a part may unpack to 16 × --max-bytes (16 MiB by default)


class Refused(Exception):
    """The workbook cannot be read: carries the finding that says why."""

    def __init__(self, finding: Finding) -> None:
        super().__init__(finding.code)
        self.finding = finding


@dataclass(slots=True)
class Scan:
    """What the sheet's XML says beyond the values calamine gives."""

    uncached: dict[Position, str] = field(default_factory=dict)  # formula without a value
    errors: dict[Position, str] = field(default_factory=dict)  # an error value: #DIV/0!
    percent: set[Position] = field(default_factory=set)
    hidden_rows: set[int] = field(default_factory=set)
    warnings: list[Finding] = field(default_factory=list)  # macros, external links


def unreadable(name: str, reason: str) -> Refused:
    """``reason``: a catalogue :class:`Term`, or calamine's own words."""
    return Refused(Finding("workbook-unreadable", name, args={"reason": reason}))


# --- the zip, before calamine ---------------------------------------------------------------


def inspect_zip(raw: bytes, name: str, suffix: str, limits: Limits) -> tuple[Scan, str | None]:
    """Check the zip's parts and stream the sheet's XML: see the module's docstring."""
    try:
        return _inspect(raw, name, limits)
    except zipfile.BadZipFile:
        raise unreadable(name, Term("wb-cut-short")) from None
    except (*_DAMAGED, xml_tags.Damaged):
        raise unreadable(name, Term("wb-damaged")) from None


# what zipfile, zlib and the XML parser raise for a damaged part (ParseError is a SyntaxError;
# NotImplementedError, for a compression zipfile does not know, a RuntimeError)
_DAMAGED: Final = (EOFError, ValueError, KeyError, RuntimeError, SyntaxError, zlib.error)


def _inspect(raw: bytes, name: str, limits: Limits) -> tuple[Scan, str | None]:
    archive = open_zip(raw)  # a zip that cannot be opened at all: BadZipFile, "cut short"
    with archive:
        infos = archive.infolist()
        cap = limits.max_bytes * _UNPACKED_FACTOR
        total = 0
        for info in infos:
            total += info.file_size
            if info.file_size > cap or total > cap * 2:
                raise Refused(Finding("workbook-too-large", name, args={
                    "part": info.filename, "size": info.file_size, "limit": cap}))
            if info.flag_bits & 0x1:
                raise Refused(Finding("workbook-encrypted", name))
        names = {info.filename for info in infos}
        if len(names) != len(infos):  # a part given twice: calamine might read the other
            raise xml_tags.Damaged
        scan = Scan()
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
                raise unreadable(name, Term("wb-not-spreadsheet"))
        except zipfile.BadZipFile:  # a part, not the zip: damaged, not cut short
            raise unreadable(name, Term("wb-damaged")) from None
    return scan, sheet


_Event = Literal["start", "end"]
_Archive = PlainZip | zipfile.ZipFile
_PERCENT_FORMATS: Final = frozenset({9, 10})  # Excel's built-in 0% and 0.00%


def _elements(archive: _Archive, part: str, events: tuple[_Event, ...] = ("end",)
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


def _scan_xlsx(archive: _Archive, name: str, names: set[str], scan: Scan,
               limits: Limits) -> str | None:
    book, rels = "xl/workbook.xml", "xl/_rels/workbook.xml.rels"
    key = _key(archive, book, names), _key(archive, rels, names)
    known = _sheet_known.get(key)
    if known is None:
        if len(_sheet_known) > 64:
            _sheet_known.clear()
        known = _sheet_known[key] = _sheet_part(
            archive.read(book), archive.read(rels) if rels in names else b"")
    chosen, part = known
    if chosen is None:
        return None
    if part not in names:
        raise xml_tags.Damaged  # calamine might find a part by another name
    data = archive.read(part)  # at most the size cap, checked above
    reach = sheet_extent.beyond(data, limits.max_nodes)
    if reach is not None:
        raise too_many(name, chosen, *reach, limits.max_nodes)
    if b"hidden=" in data:  # a plain search first: most sheets hide nothing
        for m in _HIDDEN_ROW.finditer(data):
            scan.hidden_rows.add(int(m.group(1)))
    percent_styles = _percent_styles(archive, names)
    if not percent_styles and not _has_formula(data) and b't="e"' not in data:
        return chosen  # no formula, error or percentage: nothing more to look at (the usual)
    for m in _CELL.finditer(data):
        found_attributes, content = m.group(1), m.group(2) or b""
        ref = _R_ATTRIBUTE.search(found_attributes)
        if ref is None:
            continue
        at = (int(ref.group(2)), column_number(ref.group(1).decode()))
        formula = _FORMULA.search(content)
        if formula is not None and _VALUE.search(content) is None:
            text = (formula.group(1) or b"").decode("utf-8", "replace")
            scan.uncached[at] = "=" + html.unescape(text)
        if b't="e"' in found_attributes:  # calamine gives an error value as an empty cell
            value = _VALUE_TEXT.search(content)
            scan.errors[at] = html.unescape((value.group(1) if value else b"#").decode(
                "utf-8", "replace"))
        style = _S_ATTRIBUTE.search(found_attributes)
        if style is not None and int(style.group(1)) in percent_styles:
            scan.percent.add(at)
    return chosen


_sheet_known: dict[tuple[object, object], tuple[str | None, str]] = {}
"""(workbook.xml, its relationships), by :func:`_key` → the sheet with the figures and its
part: workbooks from one template share them."""


def _key(archive: _Archive, part: str, names: set[str]) -> object:
    """What a part holds, for the caches: the part as stored when the zip is read plainly
    (parts stored alike hold the same, and need not be inflated), else its content."""
    if part not in names:
        return b""
    if isinstance(archive, PlainZip):
        stored = archive.stored(part)
        if stored is not None:
            return stored
    return archive.read(part)


def _sheet_part(book: bytes, rels: bytes) -> tuple[str | None, str]:
    """The sheet with the figures (:func:`choose_sheet`) and the zip part that holds it.
    Raises :class:`xml_tags.Damaged` unless the workbook says it once and plainly: the
    sheet read here must be the one calamine reads."""
    sheets: dict[str, str] = {}  # sheet name → relationship id
    for found in _tags(_SHEET, book):
        if found.get("name", "") in sheets:
            raise xml_tags.Damaged
        sheets[found.get("name", "")] = found.get("id", "")
    targets: dict[str, str] = {}
    for found in _tags(_RELATIONSHIP, rels):
        target = found.get("Target", "")
        target = target[1:] if target.startswith("/") else posixpath.normpath(f"xl/{target}")
        if found.get("Id", "") in targets:
            raise xml_tags.Damaged
        targets[found.get("Id", "")] = target
    chosen = choose_sheet(list(sheets))
    if chosen is None:
        return None, ""
    if sheets[chosen] not in targets:
        raise xml_tags.Damaged
    return chosen, targets[sheets[chosen]]


def _tags(pattern: re.Pattern[bytes], xml: bytes) -> Iterator[dict[str, str]]:
    """Each tag's attributes; a tag out of grammar, or an attribute given twice, is damage."""
    for m in pattern.finditer(xml):
        if m.group(2) is None:
            raise xml_tags.Damaged
        pairs = xml_tags.attributes(m.group(2))
        found = dict(pairs)
        if len(found) != len(pairs):
            raise xml_tags.Damaged
        yield found


# The workbook's XML read with narrow patterns over its bytes rather than parsed: a hundred
# thousand cells in a tenth of a second, where a parser takes seconds. An optional namespace
# prefix (x:c) is allowed. What they find (hidden rows, formulas without a value, cells shown
# as percentages) is for the warnings; where the cells reach is :mod:`.sheet_extent`'s.
_HIDDEN_ROW: Final = re.compile(
    rb"<(?:\w+:)?row\b(?=[^>]*\shidden=\"(?:1|true)\")[^>]*?\sr=\"([0-9]{1,7})\"")
_CELL: Final = re.compile(rb"<(?:\w+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)", re.DOTALL)
_R_ATTRIBUTE: Final = re.compile(rb"\sr=\"([A-Z]{1,3})([0-9]{1,7})\"")
_S_ATTRIBUTE: Final = re.compile(rb"\ss=\"([0-9]{1,9})\"")
_FORMULA: Final = re.compile(rb"<(?:\w+:)?f\b[^>]*>([^<]*)</(?:\w+:)?f>|<(?:\w+:)?f\b[^>]*/>")
_VALUE: Final = re.compile(rb"<(?:\w+:)?(?:v|is)\b")
_VALUE_TEXT: Final = re.compile(rb"<(?:\w+:)?v>([^<]*)<")
_HAS_FORMULA: Final = re.compile(rb"<(?:\w+:)?f[\s>/]")  # not <formula1> (validations)
_SHEET: Final = xml_tags.tag_pattern(rb"sheet")
_RELATIONSHIP: Final = xml_tags.tag_pattern(rb"Relationship")
_NUMBER_FORMAT: Final = xml_tags.tag_pattern(rb"numFmt")
_CELL_XFS: Final = re.compile(rb"<(?:\w+:)?cellXfs\b.*?</(?:\w+:)?cellXfs>", re.DOTALL)
_XF: Final = xml_tags.tag_pattern(rb"xf")


_PLAIN_FORMULA: Final = re.compile(rb"<f[\s>/]")  # <f>, without a prefix: searched quickly


def _has_formula(data: bytes) -> bool:
    """Whether the sheet holds a formula element: a pattern that starts with plain text is
    searched many times faster, so the prefixed form (x:f) is looked for only after a ":f"."""
    return (_PLAIN_FORMULA.search(data) is not None
            or (b":f" in data and _HAS_FORMULA.search(data) is not None))


def _percent_styles(archive: _Archive, names: set[str]) -> set[int]:
    """The cell styles (indexes into cellXfs) whose number format shows a percentage."""
    if "xl/styles.xml" not in names:
        return set()
    key = _key(archive, "xl/styles.xml", names)
    known = _percent_known.get(key)
    if known is not None:
        return known
    if len(_percent_known) > 64:
        _percent_known.clear()
    found = _percent_known[key] = _percent_of(archive.read("xl/styles.xml"))
    return found


_percent_known: dict[object, set[int]] = {}  # workbooks from one writer share their styles


def _percent_of(styles: bytes) -> set[int]:
    custom: dict[int, str] = {}
    for tag in _tags(_NUMBER_FORMAT, styles):
        custom[int(tag.get("numFmtId") or 0)] = tag.get("formatCode", "")
    found: set[int] = set()
    section = _CELL_XFS.search(styles)
    if section is None:
        return found
    for index, tag in enumerate(_tags(_XF, section.group())):
        number_format = int(tag.get("numFmtId") or 0)
        code = custom.get(number_format, "")
        if number_format in _PERCENT_FORMATS or "%" in re.sub(r'"[^"]*"|\\.', "", code):
            found.add(index)
    return found


_T: Final = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_O: Final = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"


def _scan_ods(archive: _Archive, name: str, scan: Scan, limits: Limits) -> str | None:
    tables: list[str] = []
    for event, el in _elements(archive, "content.xml", ("start",)):
        if event == "start" and el.tag == f"{_T}table":
            tables.append(el.get(f"{_T}name", ""))
    chosen = choose_sheet(tables)
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
                    raise too_many(name, chosen, top_row, top_col, max_cells)
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


def choose_sheet(sheets: list[str]) -> str | None:
    """The sheet with the figures: 进度 (or Progress), else the first sheet."""
    for wanted in layout.SHEET:
        if wanted in sheets:
            return wanted
    return sheets[0] if sheets else None


def too_many(name: str, sheet: str, rows: int, columns: int, limit: int) -> Refused:
    return Refused(Finding("workbook-too-many-cells", name, args={
        "sheet": sheet, "rows": rows, "columns": columns, "limit": limit}))


def column_number(letters: str) -> int:
    number = 0
    for ch in letters:
        number = number * 26 + ord(ch) - 64
    return number
