"""The plain zip reader gives zipfile's answers: the same parts, the same bytes, the same
exception, on every workbook fixture and on damaged copies of them."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from meilijiayuan.read.limits import DEFAULT_LIMITS
from meilijiayuan.read.workbook import load_workbook
from meilijiayuan.read.zip_plain import PlainZip, open_zip
from tests.conftest import ROOT
from tests.workbooks import grid_book

FIXTURES = sorted(p for p in (ROOT / "tests" / "fixtures").rglob("*")
                  if p.suffix in (".xlsx", ".xlsm", ".ods") and zipfile.is_zipfile(p))


def _answer(reader: Any, raw: bytes) -> Any:
    """What a reader says of ``raw``: its parts (name, size, flags) and each part's bytes
    (or the exception's type and text), or the exception raised on opening."""
    try:
        archive = reader(raw)
    except Exception as err:  # the answer compared
        return ("refused", type(err).__name__, str(err))
    parts = [(i.filename, i.file_size, i.flag_bits) for i in archive.infolist()]
    contents = []
    for name, _, _ in parts:
        try:
            contents.append(archive.read(name))
        except Exception as err:
            contents.append((type(err).__name__, str(err)))
    return parts, contents


def _zipfile(raw: bytes) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(raw))


def _same_as_zipfile(raw: bytes) -> None:
    assert _answer(open_zip, raw) == _answer(_zipfile, raw)


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    path = tmp_path_factory.mktemp("zip") / "马陆镇.xlsx"
    return grid_book(path, [{"id": "K2018-1", "value": 12}]).read_bytes()


def test_a_workbook_from_our_writer_is_read_plainly(workbook: bytes) -> None:
    assert isinstance(open_zip(workbook), PlainZip)  # the quick path is the one taken
    _same_as_zipfile(workbook)


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_every_workbook_fixture_reads_as_zipfile_reads_it(path: Path) -> None:
    _same_as_zipfile(path.read_bytes())


def test_what_is_not_plain_goes_to_zipfile(workbook: bytes) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:  # stored parts and a comment
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.comment = b"a comment"
    assert isinstance(open_zip(buffer.getvalue()), zipfile.ZipFile)
    _same_as_zipfile(buffer.getvalue())
    prefixed = b"MZ self-extracting stub " + workbook  # data before the zip
    assert isinstance(open_zip(prefixed), zipfile.ZipFile)
    _same_as_zipfile(prefixed)


def test_a_missing_part_is_zipfiles_key_error(workbook: bytes) -> None:
    with pytest.raises(KeyError):
        open_zip(workbook).read("xl/nothing.xml")


_DAMAGE = st.one_of(
    st.tuples(st.just("cut"), st.floats(0, 1)),
    st.tuples(st.just("flip"), st.floats(0, 1), st.binary(min_size=1, max_size=4)),
    # the central directory and the end record: where a plain reader decides
    st.tuples(st.just("flip-end"), st.integers(1, 400), st.binary(min_size=1, max_size=4)),
)

_FIXTURE_REUSED = [HealthCheck.function_scoped_fixture]  # the workbook is only read


def _damaged(raw: bytes, damage: tuple[Any, ...]) -> bytes:
    kind = damage[0]
    if kind == "cut":
        return raw[: int(len(raw) * damage[1])]
    at = int((len(raw) - 1) * damage[1]) if kind == "flip" else max(0, len(raw) - damage[1])
    spoiled = bytearray(raw)
    for i, b in enumerate(damage[2]):
        if at + i < len(spoiled):
            spoiled[at + i] ^= b or 0xFF
    return bytes(spoiled)


@settings(max_examples=300, deadline=None, suppress_health_check=_FIXTURE_REUSED)
@given(damage=_DAMAGE)
def test_a_damaged_workbook_gets_zipfiles_answer(workbook: bytes, damage: tuple[Any, ...]) -> None:
    _same_as_zipfile(_damaged(workbook, damage))


@settings(max_examples=150, deadline=None, suppress_health_check=_FIXTURE_REUSED)
@given(damage=_DAMAGE)
def test_a_damaged_workbook_is_refused_with_a_finding_never_a_traceback(
        workbook: bytes, damage: tuple[Any, ...], tmp_path_factory: pytest.TempPathFactory) -> None:
    path = tmp_path_factory.mktemp("damaged") / "马陆镇.xlsx"
    path.write_bytes(_damaged(workbook, damage))
    load_workbook(str(path), limits=DEFAULT_LIMITS)  # returns a document, whatever the bytes


def test_a_damaged_deflate_stream_is_a_damaged_workbook(workbook: bytes, tmp_path: Path) -> None:
    """zlib's own error (bad data inside a part) was a traceback."""
    archive = zipfile.ZipFile(io.BytesIO(workbook))
    part = archive.getinfo("xl/worksheets/sheet1.xml")
    start = part.header_offset + 30 + len(part.filename)
    spoiled = bytearray(workbook)
    for i in range(start + 10, start + 40):
        spoiled[i] ^= 0x5A
    path = tmp_path / "马陆镇.xlsx"
    path.write_bytes(bytes(spoiled))
    (finding,) = load_workbook(str(path)).findings
    assert (finding.code, finding.args["reason"]) == ("workbook-unreadable", "wb-damaged")
