"""How far an .xlsx sheet's cells reach, read from its XML before python-calamine builds the
sheet: calamine allocates every cell between the first and the last, so two cells at A1 and
XFD1048576 would ask for 17 billion cells and end the process. :func:`beyond` finds such a
sheet whatever the XML's spelling (single quotes, spaces around ``=``, a ``>`` inside an
attribute, lower-case or over-long references, a repeated attribute, a namespace prefix,
cells without a reference).

Two ways, one quick and one exact:

- **Quick**, for the sheets office programs write: every cell's tag is
  ``<c r="A1" s="1" t="s">`` (its reference first, then perhaps its style and type) with a
  reference within column Z and row 999. Counting and two quick searches prove it; nothing
  is parsed.
- **Exact**, for any other sheet: each cell and row tag is read with XML's own grammar and
  placed as calamine places it (its reference, in either case; a cell without one is next
  to the one before, a row without one is below the one before). A tag that does not follow
  the grammar is refused as damaged.
"""

from __future__ import annotations

import re
from typing import Final

from meilijiayuan.read import xml_tags

__all__ = ["beyond"]

_QUICK_ROWS: Final = 999  # the quick way's proof: cells within row 999 and column Z
_QUICK_COLUMNS: Final = 26


def beyond(data: bytes, max_cells: int) -> tuple[int, int] | None:
    """How far the cells reach, (rows, columns), when that covers more than ``max_cells``
    cells; else ``None``. Raises :class:`xml_tags.Damaged`."""
    rows = data.count(b"<row") + data.count(b":row")  # at least as many rows as row tags
    if rows > max_cells:
        return rows, 1
    if _quick(data) and max(rows, _QUICK_ROWS) * _QUICK_COLUMNS <= max_cells:
        return None
    return _exact(data, max_cells)


# --- quick --------------------------------------------------------------------------------

_PREFIXED_CELL_TAG: Final = re.compile(rb":c[\s/>]")  # x:c
# a cell tag that starts as office programs write it but is not, to its end, <c r="A1"
# s="1" t="s"> within Z999 (only its style, type and Excel's cm/vm/ph after the reference)
_NOT_PLAIN_CELL_TAG: Final = re.compile(
    rb'<c r="(?![A-Z][0-9]{1,3}"(?: (?:s|t|cm|vm|ph)="[^"<>]*")*/?>)')


def _quick(data: bytes) -> bool:
    """Whether every cell tag is written ``<c r="A1" s="1" t="s">`` (as office programs
    write them) within column Z and row 999: then each cell has one reference, which is its
    place, and no place is past Z999. Counted, not parsed: every "<c" in the XML is such a
    tag or starts a <col> or <cols> (a look-alike in text counts on both sides), none has a
    prefix, and none of them goes on differently."""
    return (data.count(b"<c") == data.count(b'<c r="') + data.count(b"<col")
            and _PREFIXED_CELL_TAG.search(data) is None
            and _NOT_PLAIN_CELL_TAG.search(data) is None)


# --- exact --------------------------------------------------------------------------------

_TAG: Final = xml_tags.tag_pattern(rb"c|row")
_REFERENCE: Final = re.compile(r"([A-Za-z]*)([0-9]*)")


def _exact(data: bytes, max_cells: int) -> tuple[int, int] | None:
    row = column = 0  # where the last cell was placed, 1-based
    top_row = top_column = cells = 0
    for m in _TAG.finditer(data):
        name, found = m.group(1), m.group(2)
        if found is None:
            raise xml_tags.Damaged
        values = [value for key, value in xml_tags.attributes(found) if key == "r"]
        if name == b"row":
            numbers = [_number(v) for v in values if v.isascii() and v.isdigit()]
            row, column = (max(numbers) if numbers else row + 1), 0
            continue
        cells += 1  # a sheet of more cell tags than the limit is refused, wherever they are
        places = [p for p in map(_place, values) if p is not None]
        if places:  # a repeated r: the furthest, whichever calamine takes
            row_at, column = max(p[0] for p in places), max(p[1] for p in places)
        else:
            row_at, column = max(row, 1), column + 1
        top_row, top_column = max(top_row, row_at), max(top_column, column)
        if top_row * top_column > max_cells or cells > max_cells:
            return top_row, top_column
    return None


_FAR: Final = 10**9  # a number or column past any limit: longer ones are not converted


def _number(digits: str) -> int:
    return int(digits) if len(digits) <= 9 else _FAR


def _place(reference: str) -> tuple[int, int] | None:
    """(row, column) of a cell reference as calamine reads it: letters in either case, then
    digits; ``None`` for anything else (calamine refuses it)."""
    m = _REFERENCE.fullmatch(reference)
    if m is None or not m.group(1):
        return None
    letters = m.group(1).upper()
    column = 0
    for ch in letters if len(letters) <= 6 else "":
        column = column * 26 + ord(ch) - 64
    return max(_number(m.group(2) or "0"), 1), column or _FAR
