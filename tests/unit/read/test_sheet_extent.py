"""Where a sheet's cells reach, whatever the XML's spelling: calamine allocates every cell
between the first and the last, and a far cell it is not warned of ends the process."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from meilijiayuan.read import sheet_extent, xml_tags
from meilijiayuan.read.workbook import load_workbook
from meilijiayuan.read.workbook_zip import column_number
from tests.workbooks import grid_book

LIMIT = 100_000
HEAD = b'<?xml version="1.0"?><worksheet xmlns="x"><sheetData>'
TAIL = b"</sheetData><pageMargins header=\"0.3\" footer=\"0.3\"/></worksheet>"


def sheet(*rows: bytes) -> bytes:
    return HEAD + b"".join(rows) + TAIL


def test_a_report_sheet_is_proved_small_without_parsing(tmp_path: Path) -> None:
    path = grid_book(tmp_path / "马陆镇.xlsx", [{"id": "K2018-1", "value": 12}])
    data = zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml")
    assert sheet_extent._quick(data)  # the quick way, as for every office program's sheet
    assert sheet_extent.beyond(data, LIMIT) is None


FAR = [  # (the cell's tag, what it reaches): each once crashed the process through calamine
    (b"<c r='XFD1048576'/>", (1_048_576, 16_384)),  # single quotes
    (b'<c r = "XFD1048576"/>', (1_048_576, 16_384)),  # spaces around =
    (b'<c\tr="XFD1048576"/>', (1_048_576, 16_384)),  # a tab before the attribute
    (b'<c r="A2" r="XFD1048576"/>', (1_048_576, 16_384)),  # r given twice
    (b'<c r="xfd1048576"/>', (1_048_576, 16_384)),  # lower case
    (b'<c r="A99999999"/>', (99_999_999, 1)),  # past seven digits
    (b'<c s=">" r="XFD1048576"/>', (1_048_576, 16_384)),  # a ">" inside a value
    (b'<x:c r="XFD1048576"/>', (1_048_576, 16_384)),  # a namespace prefix
    (b'<c r="&#88;FD1048576"/>', (1_048_576, 16_384)),  # an entity (calamine refuses it)
    (b'<c r="AAAAAAAAAA1"/>', (1, 10**9)),  # too many letters to count
]


@pytest.mark.parametrize(("tag", "reach"), FAR, ids=[t.decode() for t, _ in FAR])
def test_a_far_cell_is_found_however_it_is_written(tag: bytes, reach: tuple[int, int]) -> None:
    data = sheet(b'<row r="1"><c r="A1"/>' + tag + b"</row>")
    assert not sheet_extent._quick(data)
    assert sheet_extent.beyond(data, LIMIT) == reach


def test_cells_without_a_reference_are_placed_as_calamine_places_them() -> None:
    wide = sheet(b'<row r="3">' + b"<c/>" * 30_000 + b"</row>")  # row 3, 30,000 cells
    assert sheet_extent.beyond(wide, LIMIT) is None  # 3 × 30,000 from A1
    assert sheet_extent.beyond(wide, 25_000) == (3, 8_334)  # 3 × 8,334 > 25,000: stop there
    far_row = sheet(b'<row r="99999999"><c><v>1</v></c></row>')  # the row says where
    assert sheet_extent.beyond(far_row, LIMIT) == (99_999_999, 1)


def test_a_tag_out_of_grammar_is_damage() -> None:
    with pytest.raises(xml_tags.Damaged):
        sheet_extent.beyond(sheet(b"<row r=1><c r=XFD1048576/></row>"), LIMIT)


def test_more_row_tags_than_the_limit_are_refused_uncounted() -> None:
    data = sheet(b"<row/>" * 11)
    assert sheet_extent.beyond(data, 10) == (11, 1)


_SPELLINGS = st.sampled_from(['<c r="{}"/>', "<c r='{}'/>", '<c  r = "{}" s="1"/>',
                              '<x:c t="n" r="{}"><x:v>1</x:v></x:c>', '<c s=">" r="{}"/>'])


@settings(max_examples=200, deadline=None)
@given(cells=st.lists(st.tuples(st.integers(1, 3000), st.integers(1, 800), _SPELLINGS,
                                st.booleans()), min_size=1, max_size=30))
def test_the_extent_is_the_cells_bounding_box(cells: list[tuple[int, int, str, bool]]) -> None:
    """Cells at random places, each spelt one of several valid ways, in either case."""
    tags = []
    for row, column, spelling, lower in cells:
        letters = _letters(column)
        tags.append(spelling.format(f"{letters.lower() if lower else letters}{row}").encode())
    data = sheet(b"<row>" + b"".join(tags) + b"</row>")
    rows, columns = max(c[0] for c in cells), max(c[1] for c in cells)
    expected = None if rows * columns <= LIMIT else (rows, columns)
    found = sheet_extent.beyond(data, LIMIT)
    if expected is None:
        assert found is None
    else:  # the first cell past the limit is where the reading stops
        assert found is not None and found[0] * found[1] > LIMIT
        assert found[0] <= rows and found[1] <= columns


def _letters(column: int) -> str:
    text = ""
    while column:
        column, rest = divmod(column - 1, 26)
        text = chr(65 + rest) + text
    assert column_number(text) or not text
    return text


# --- through the reader, in a process of its own: a crash is a failure, not the end of the run


def _with_sheet(tmp_path: Path, name: str, rewrite: bytes) -> Path:
    """A report workbook whose first row also holds ``rewrite``'s cell."""
    source = grid_book(tmp_path / "source.xlsx", [{"id": "K2018-1", "value": 12}])
    path = tmp_path / name
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"</row>", rewrite + b"</row>", 1)
            new.writestr(info, data)
    return path


def _findings_in_a_child(path: Path) -> str:
    code = ("import resource, sys\n"
            "resource.setrlimit(resource.RLIMIT_AS, (2_000_000_000, 2_000_000_000))\n"
            "from meilijiayuan.read.workbook import load_workbook\n"
            "print(' '.join(f.code for f in load_workbook(sys.argv[1]).findings))\n")
    done = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True,
                          text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout.strip()


@pytest.mark.parametrize("tag", [FAR[0][0], FAR[4][0], FAR[6][0]], ids=["quotes", "lower", "gt"])
def test_a_far_cell_in_a_workbook_is_refused_before_calamine(tmp_path: Path, tag: bytes) -> None:
    assert _findings_in_a_child(_with_sheet(tmp_path, "far.xlsx", tag)) == "workbook-too-many-cells"


def test_a_sheet_name_that_hides_its_part_is_damage(tmp_path: Path) -> None:
    """A ">" inside an attribute once hid the sheet's part from the inspection (which then
    skipped the sheet) while calamine read it."""
    source = _with_sheet(tmp_path, "far.xlsx", FAR[0][0])
    path = tmp_path / "hidden-part.xlsx"
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info.filename)
            if info.filename == "xl/workbook.xml":
                data = data.replace(b'<sheet name="', b'<sheet x=">" name="', 1)
            new.writestr(info, data)
    assert _findings_in_a_child(path) == "workbook-too-many-cells"  # read right, refused
    (finding,) = load_workbook(str(_two_sheets_of_one_name(tmp_path))).findings
    assert (finding.code, finding.args["reason"]) == ("workbook-unreadable", "wb-damaged")


def _two_sheets_of_one_name(tmp_path: Path) -> Path:
    source = grid_book(tmp_path / "two.xlsx", [{"id": "K2018-1", "value": 12}])
    path = tmp_path / "twice.xlsx"
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info.filename)
            if info.filename == "xl/workbook.xml":
                at = data.index(b"<sheet ")
                data = data[:at] + data[at:data.index(b"/>", at) + 2] + data[at:]
            new.writestr(info, data)
    return path


def test_a_part_given_twice_is_damage(tmp_path: Path) -> None:
    source = grid_book(tmp_path / "one.xlsx", [{"id": "K2018-1", "value": 12}])
    path = tmp_path / "twice.xlsx"
    path.write_bytes(source.read_bytes())
    with pytest.warns(UserWarning, match="Duplicate name"), zipfile.ZipFile(path, "a") as z:
        z.writestr("xl/worksheets/sheet1.xml", b"<worksheet/>")
    (finding,) = load_workbook(str(path)).findings
    assert (finding.code, finding.args["reason"]) == ("workbook-unreadable", "wb-damaged")
