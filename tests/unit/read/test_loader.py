"""The loader pins exact behaviour: every code at its exact (line, column), every scalar rule.

Every test runs twice: with libyaml (``CSafeLoader``) and with PyYAML's pure-Python parser,
the loader's fallback when libyaml is missing.
"""

from __future__ import annotations

import io
import math
import random
import string
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import meilijiayuan.read.loader as loader_module
import meilijiayuan.read.yaml_events as walk_module
from meilijiayuan.findings import Finding
from meilijiayuan.messages.catalogue import CATALOGUE
from meilijiayuan.read.loader import Document, Limits, load_bytes, load_path

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "loader"
REPORT = "unit: 马陆镇\nperiod: 2019-06\nitems:\n  K2018-4:\n    value: 5\n    note: 已完成选址\n"
LOADER_CODES = {
    "path-not-found", "file-unreadable", "file-too-large", "encoding", "encoding-invalid",
    "control-character", "yaml-syntax", "tab-indent", "empty-file", "multiple-documents",
    "duplicate-key", "anchor-alias", "merge-key", "tag", "too-deep", "too-many-nodes",
    "complex-key", "not-text", "full-width-colon", "no-space-after-colon", "full-width-indent",
    "unclosed-quote", "two-keys-on-line", "reserved-character",
}  # fmt: skip


class _PythonLoader(yaml.SafeLoader):
    """PyYAML's pure-Python parser, as used when libyaml is missing."""


@pytest.fixture(autouse=True, params=["libyaml", "python"])
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    if request.param == "python":
        monkeypatch.setattr(walk_module, "_EventLoader", _PythonLoader)
    yield request.param


def load(source: str | bytes, **options: Any) -> Document:
    raw = source.encode() if isinstance(source, str) else source
    return load_bytes(raw, "r.yaml", **options)


def located(doc: Document) -> list[tuple[str, int | None, int | None]]:
    return [(f.code, f.line, f.column) for f in doc.findings]


def refused(doc: Document) -> list[tuple[str, int | None, int | None, dict[str, Any]]]:
    """The findings as (code, line, column, args), after checking the document is refused."""
    assert doc.data is None
    assert not doc.ok()
    assert not doc.value_pos and not doc.key_pos and not doc.raw
    return [(f.code, f.line, f.column, dict(f.args)) for f in doc.findings]


# --- a report that loads ---------------------------------------------------------------------


def test_report_loads_with_positions_and_raw_text() -> None:
    doc = load(REPORT)
    assert doc.ok() and doc.findings == [] and doc.encoding == "utf-8"
    assert doc.data == {
        "unit": "马陆镇",
        "period": "2019-06",
        "items": {"K2018-4": {"value": 5, "note": "已完成选址"}},
    }
    assert doc.value_pos == {
        (): (1, 1),
        ("unit",): (1, 7),
        ("period",): (2, 9),
        ("items",): (4, 3),  # a block mapping starts at its first key
        ("items", "K2018-4"): (5, 5),
        ("items", "K2018-4", "value"): (5, 12),
        ("items", "K2018-4", "note"): (6, 11),
    }
    assert doc.key_pos == {
        ("unit",): (1, 1),
        ("period",): (2, 1),
        ("items",): (3, 1),
        ("items", "K2018-4"): (4, 3),
        ("items", "K2018-4", "value"): (5, 5),
        ("items", "K2018-4", "note"): (6, 5),
    }
    assert doc.raw == {
        ("unit",): "马陆镇",
        ("period",): "2019-06",
        ("items", "K2018-4", "value"): "5",
        ("items", "K2018-4", "note"): "已完成选址",
    }


def test_pos_falls_back_to_key_then_ancestor() -> None:
    doc = load("a:\n  b: 1\n  c:\nd: [x, y]\n")
    assert doc.data == {"a": {"b": 1, "c": None}, "d": ["x", "y"]}
    assert doc.pos(("a", "b")) == (2, 6)
    assert doc.key_or_value_pos(("a", "b")) == (2, 3)
    assert doc.pos(("a", "c")) == (3, 5)  # an empty value sits just after its colon
    assert doc.pos(("a", "missing")) == (2, 3)  # the value of ("a",)
    assert doc.pos(("a", "missing", "deeper")) == (2, 3)
    assert doc.pos(("d", 1)) == (4, 8)
    assert doc.key_or_value_pos(("d", 1)) == (4, 8)  # a sequence entry has no key
    assert doc.pos(("nothing",)) == (1, 1)
    assert Document("x").pos(("a",)) is None


def test_collection_positions() -> None:
    doc = load("s:\n- a\n- 'q'\nf: {k: [1, 2]}\nb: |\n  text\n")
    assert doc.data == {"s": ["a", "q"], "f": {"k": [1, 2]}, "b": "text\n"}
    assert doc.value_pos[("s",)] == (2, 1)  # the first "-"
    assert doc.value_pos[("s", 1)] == (3, 3)  # the opening quote
    assert doc.value_pos[("f",)] == (4, 4)  # "{"
    assert doc.value_pos[("f", "k")] == (4, 8)  # "["
    assert doc.value_pos[("b",)] == (5, 4)  # "|"
    assert doc.raw[("s", 1)] == "q"
    assert doc.raw[("b",)] == "text\n"


def test_scalar_root_and_null_root_load() -> None:
    assert load("just text\n").data == "just text"
    doc = load("~\n")
    assert doc.ok() and doc.data is None and doc.findings == []


def test_bom_and_crlf_shift_nothing() -> None:
    plain = load_path(FIXTURES / "report-lf.yaml")
    crlf = load_path(FIXTURES / "report-bom-crlf.yaml")
    assert (FIXTURES / "report-bom-crlf.yaml").read_bytes().startswith(b"\xef\xbb\xbfunit:")
    assert b"\r\n" in (FIXTURES / "report-bom-crlf.yaml").read_bytes()
    assert plain.encoding == "utf-8" and crlf.encoding == "utf-8-sig"
    assert crlf.data == plain.data == load(REPORT).data
    assert crlf.value_pos == plain.value_pos
    assert crlf.key_pos == plain.key_pos
    assert crlf.raw == plain.raw


def test_crlf_positions_of_errors() -> None:
    doc = load("\ufeffa: 1\r\nb: 2\r\nb: 3\r\n  c: [\r\n")
    assert located(doc) == [("duplicate-key", 3, 1), ("yaml-syntax", 4, 4)]
    doc = load('\ufeffa: 1\r\nb: [\r\n  1, "x\r\n  y"]\r\nc: \x07\r\n')
    assert located(doc) == [("control-character", 5, 4)]
    doc = load("a: 1\rb: 2\rb: 3\r")  # classic Mac line ends are line ends too
    assert located(doc) == [("duplicate-key", 3, 1)]


def test_long_lines_are_fine() -> None:
    note = "长" * 50_000
    doc = load(f"a: 1\nnote: {note}\nb: x\n")
    assert doc.data == {"a": 1, "note": note, "b": "x"}
    assert doc.value_pos[("b",)] == (3, 4)


# --- scalars -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("0", 0),
        ("12", 12),
        ("-3", -3),
        ("+7", 7),
        ("1.5", 1.5),
        ("2024.10", 2024.1),
        ("1.", 1.0),
        (".5", 0.5),
        ("-0.25", -0.25),
        ("1.5e3", 1500.0),
        ("2.0E-2", 0.02),
        (".inf", math.inf),
        (".Inf", math.inf),
        ("+.INF", math.inf),
        ("-.inf", -math.inf),
        ("~", None),
        ("null", None),
        ("Null", None),
        ("NULL", None),
        ("", None),
        ("true", True),
        ("True", True),
        ("TRUE", True),
        ("false", False),
        ("False", False),
        ("FALSE", False),
        # everything else stays text
        ("yes", "yes"),
        ("no", "no"),
        ("on", "on"),
        ("off", "off"),
        ("y", "y"),
        ("n", "n"),
        ("Yes", "Yes"),
        ("010", "010"),
        ("00", "00"),
        ("0x1F", "0x1F"),
        ("0o17", "0o17"),
        ("1_000", "1_000"),
        ("1:30", "1:30"),
        ("1e3", "1e3"),
        ("1,000", "1,000"),
        ("2019-07-04", "2019-07-04"),
        ("2019-06", "2019-06"),
        ("60万", "60万"),
        ("95%", "95%"),
        ("３", "３"),
        ("９５", "９５"),
        ("N/A", "N/A"),
        ("nan", "nan"),
        ("inf", "inf"),
        (".iNf", ".iNf"),
        ("tRUE", "tRUE"),
        ("-1x", "-1x"),
        ('"12"', "12"),
        ("'12'", "12"),
        ('"true"', "true"),
        ("'~'", "~"),
        ('""', ""),
        ("|\n  12", "12\n"),
        ("9" * 5000, "9" * 5000),  # beyond int()'s digit limit: kept as typed
    ],
)
def test_scalar_resolution(typed: str, expected: Any) -> None:
    doc = load(f"v: {typed}\n")
    assert doc.ok(), doc.findings
    value = doc.data["v"]
    assert value == expected
    assert type(value) is type(expected)


@pytest.mark.parametrize("typed", [".nan", ".NaN", ".NAN"])
def test_nan_is_a_float(typed: str) -> None:
    value = load(f"v: {typed}\n").data["v"]
    assert isinstance(value, float) and math.isnan(value)


def test_raw_keeps_the_text_as_typed() -> None:
    doc = load("a: 2024.10\nb: \"60万\"\nc: 'it''s'\nd: \"\\u0031\"\ne: +07.50\nf: one\n  two\n")
    assert doc.data["a"] == 2024.1
    assert doc.data["c"] == "it's"
    assert doc.data["d"] == "1"
    assert doc.data["f"] == "one two"
    assert doc.raw[("a",)] == "2024.10"
    assert doc.raw[("b",)] == "60万"
    assert doc.raw[("c",)] == "it''s"
    assert doc.raw[("d",)] == "\\u0031"
    assert doc.raw[("e",)] == "+07.50"
    assert doc.raw[("f",)] == "one\n  two"


def test_keys_are_their_text() -> None:
    doc = load("2019: a\ntrue: b\n~: c\n1.50: d\n'q': e\nitems:\n  K2018-1a: f\n")
    assert doc.data == {
        "2019": "a",
        "true": "b",
        "~": "c",
        "1.50": "d",
        "q": "e",
        "items": {"K2018-1a": "f"},
    }


# --- every code at its exact position ----------------------------------------------------------


def _zip(*names: str) -> bytes:
    """A zip holding ``names`` (and the ``[Content_Types].xml`` every Office file starts with)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in ("[Content_Types].xml", *names):
            archive.writestr(name, "<?xml version='1.0'?><x>" + "马陆镇 2019-06 " * 20 + "</x>")
    return buffer.getvalue()


XLSX = _zip("_rels/.rels", "docProps/app.xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml")
DOCX = _zip("_rels/.rels", "word/document.xml", "word/styles.xml")
PPTX = _zip("_rels/.rels", "ppt/presentation.xml")
ZIP = _zip("马陆镇.yaml", "南翔镇.yaml")
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(16) + b"\x3e\x00\x03\x00\xfe\xff" + bytes(490)
GARBAGE = random.Random(20190601).randbytes(600)  # fixed seed: NUL bytes, not UTF-16 nor UTF-8


def _not_text(kind: str) -> list[tuple[str, None, None, dict[str, Any]]]:
    return [("not-text", None, None, {"kind": kind})]


CASES: list[tuple[str, str | bytes, list[tuple[str, int | None, int | None, dict[str, Any]]]]] = [
    ("empty", "", [("empty-file", None, None, {})]),
    ("blank lines", "\n  \n\n", [("empty-file", None, None, {})]),
    ("comments only", "# 月报\n# todo\n", [("empty-file", None, None, {})]),
    ("document marker only", "---\n# nothing\n", [("empty-file", None, None, {})]),
    (
        "second document",
        "a: 1\n---\nb: 2\n",
        [("multiple-documents", 2, 1, {})],
    ),
    (
        "second document after end marker",
        "a: 1\n...\nb: 2\n",
        [("multiple-documents", 3, 1, {})],
    ),
    ("trailing separator", "a: 1\n---\n", [("multiple-documents", 2, 1, {})]),
    (
        "duplicate at top level",
        "unit: 马陆镇\nperiod: 2019-06\nunit: 南翔镇\n",
        [("duplicate-key", 3, 1, {"key": "unit", "first_line": 1})],
    ),
    (
        "duplicate inside items",
        "items:\n  K2018-4:\n    value: 5\n  J3a:\n    numerator: 1\n  K2018-4:\n    value: 6\n",
        [("duplicate-key", 6, 3, {"key": "K2018-4", "first_line": 2})],
    ),
    (
        "duplicate inside an item",
        "items:\n  K2018-4:\n    value: 5\n    note: x\n    value: 6\n",
        [("duplicate-key", 5, 5, {"key": "value", "first_line": 3})],
    ),
    (
        "every duplicate, each against the first",
        "a: 1\nb: 2\na: 3\nb: 4\na: 5\n",
        [
            ("duplicate-key", 3, 1, {"key": "a", "first_line": 1}),
            ("duplicate-key", 4, 1, {"key": "b", "first_line": 2}),
            ("duplicate-key", 5, 1, {"key": "a", "first_line": 1}),
        ],
    ),
    (
        "duplicates inside a duplicate",
        "a: {x: 1}\na: {x: 2, x: 3}\n",
        [
            ("duplicate-key", 2, 1, {"key": "a", "first_line": 1}),
            ("duplicate-key", 2, 11, {"key": "x", "first_line": 2}),
        ],
    ),
    (
        "duplicate quoted and plain",
        "'a': 1\na: 2\n",
        [("duplicate-key", 2, 1, {"key": "a", "first_line": 1})],
    ),
    (
        "anchor and alias",
        "base: &b 5\nvalue: *b\n",
        [
            ("anchor-alias", 1, 7, {"name": "&b"}),
            ("anchor-alias", 2, 8, {"name": "*b"}),
        ],
    ),
    (
        "anchor on a mapping",
        "d: &d\n  x: 1\n",
        [("anchor-alias", 1, 4, {"name": "&d"})],
    ),
    ("alias as key", "*k : 1\n", [("anchor-alias", 1, 1, {"name": "*k"})]),
    (
        "merge key",
        "d: {x: 1}\ne:\n  <<: {y: 2}\n",
        [("merge-key", 3, 3, {})],
    ),
    (
        "merge key of an alias",
        "d: &d {x: 1}\ne:\n  <<: *d\n",
        [
            ("anchor-alias", 1, 4, {"name": "&d"}),
            ("merge-key", 3, 3, {}),
            ("anchor-alias", 3, 7, {"name": "*d"}),
        ],
    ),
    (
        "python tag",
        'x: !!python/object/apply:os.system ["echo hi"]\n',
        [("tag", 1, 4, {"tag": "!!python/object/apply:os.system"})],
    ),
    ("core tag", "value: !!str 12\n", [("tag", 1, 8, {"tag": "!!str"})]),
    ("local tag", "value: !custom 12\n", [("tag", 1, 8, {"tag": "!custom"})]),
    ("non-specific tag", "value: ! 12\n", [("tag", 1, 8, {"tag": "!"})]),
    ("tag on a key", "!!str k: 1\n", [("tag", 1, 1, {"tag": "!!str"})]),
    ("tag on a mapping", "a: !!map\n  x: 1\n", [("tag", 1, 4, {"tag": "!!map"})]),
    ("verbatim tag", "a: !<tag:x.org,1:y> 1\n", [("tag", 1, 4, {"tag": "!<tag:x.org,1:y>"})]),
    (
        "tag after anchor",
        "a: &x !!str 1\n",
        [("anchor-alias", 1, 4, {"name": "&x"}), ("tag", 1, 7, {"tag": "!!str"})],
    ),
    (
        "anchor after tag",
        "a: !!str &x 1\n",
        [("anchor-alias", 1, 10, {"name": "&x"}), ("tag", 1, 4, {"tag": "!!str"})],
    ),
    ("flow sequence as key", "[a, b]: 1\nc: 2\n", [("complex-key", 1, 1, {})]),
    ("explicit mapping key", "? {a: 1}\n: 1\n", [("complex-key", 1, 3, {})]),
    ("flow mapping as key", "x: {[1]: 2}\n", [("complex-key", 1, 5, {})]),
    ("tab indentation", "items:\n\tK2018-4: 1\n", [("tab-indent", 2, 1, {})]),
    ("tab after spaces", "items:\n  \tK2018-4: 1\n", [("tab-indent", 2, 3, {})]),
    ("tab-only line", "a: 1\n\t\nb: 2\n", [("tab-indent", 2, 1, {})]),
    ("tab after a dash", "-\tx\n", [("tab-indent", 1, 2, {})]),
    (
        "full-width colon",
        "items:\n  J3a:\n    numerator：80\n",
        [("full-width-colon", 3, 14, {"fixed": "numerator: 80"})],
    ),
    (
        "no space after a colon",
        "unit:马陆镇\n",
        [("no-space-after-colon", 1, 5, {"text": "unit:马陆镇", "fixed": "unit: 马陆镇"})],
    ),
    (
        "full-width spaces as indentation",
        "items:\n  J3a:\n\u3000\u3000numerator: 80\n",
        [("full-width-indent", 3, 1, {"spaces": 4})],
    ),
    (
        "two keys on a line",
        "items:\n  J3a:\n    numerator: 80 denominator: 90\n",
        [
            (
                "two-keys-on-line",
                3,
                19,
                {"key": "denominator", "fixed": "    numerator: 80\n    denominator: 90"},
            )
        ],
    ),
    ("unclosed quote", 'a: "x\n', [("unclosed-quote", 1, 4, {"quote": '"', "fixed": '"x"'})]),
    (
        "reserved character",
        "a: @x\n",
        [("reserved-character", 1, 4, {"char": "@", "fixed": "'@x'"})],
    ),
    ("bell", "unit: 马陆\x07镇\n", [("control-character", 1, 9, {"char": "U+0007"})]),
    ("NUL", "a: 1\nb: \x00\n", [("control-character", 2, 4, {"char": "U+0000"})]),
    ("DEL", "a: x\x7f\n", [("control-character", 1, 5, {"char": "U+007F"})]),
    ("C1 control", "a: x\x85y\n", [("control-character", 1, 5, {"char": "U+0085"})]),
    ("line separator", "a: x\u2028y\n", [("control-character", 1, 5, {"char": "U+2028"})]),
    (
        "control characters after BOM and CRLF",
        "\ufeffa: 1\r\nb: \x1b[0m\r\nc: \x08\n",
        [
            ("control-character", 2, 4, {"char": "U+001B"}),
            ("control-character", 3, 4, {"char": "U+0008"}),
        ],
    ),
    (
        "GBK",
        "unit: 马陆镇\n".encode("gbk"),
        [("encoding", 1, 7, {"guess": "GBK/GB18030", "codec": "gbk"})],
    ),
    (
        "GBK on a later line",
        "period: 2019-06\nnote: 已完成\n".encode("gbk"),
        [("encoding", 2, 7, {"guess": "GBK/GB18030", "codec": "gbk"})],
    ),
    (
        "GB18030 beyond GBK",
        "note: 马陆镇 €\n".encode("gb18030"),
        [("encoding", 1, 7, {"guess": "GBK/GB18030", "codec": "gb18030"})],
    ),
    (
        "UTF-8 then GBK",
        "unit: 马陆镇\nnote: ".encode() + "完成".encode("gbk"),
        [("encoding", 2, 7, {"guess": "GBK/GB18030", "codec": "gbk"})],
    ),
    (
        "UTF-16 with BOM",
        "unit: 马陆镇\n".encode("utf-16"),
        [("encoding", None, None, {"guess": "UTF-16", "codec": "utf-16"})],
    ),
    (
        "UTF-16BE with BOM",
        b"\xfe\xff" + "unit: x\n".encode("utf-16-be"),
        [("encoding", None, None, {"guess": "UTF-16", "codec": "utf-16"})],
    ),
    (
        "UTF-16LE without BOM",
        "unit: 马陆镇\nperiod: 2019-06\n".encode("utf-16-le"),
        [("encoding", None, None, {"guess": "UTF-16", "codec": "utf-16-le"})],
    ),
    (
        "UTF-16BE without BOM",
        "unit: 马陆镇\nperiod: 2019-06\n".encode("utf-16-be"),
        [("encoding", None, None, {"guess": "UTF-16", "codec": "utf-16-be"})],
    ),
    (
        "UTF-32 with BOM",
        "unit: x\n".encode("utf-32"),
        [("encoding", None, None, {"guess": "UTF-32", "codec": "utf-32"})],
    ),
    (
        "Latin-1",
        "unit: x\nnote: café au lait\n".encode("latin-1"),
        [("encoding", 2, 10, {"guess": "Latin-1/Windows-1252", "codec": "cp1252"})],
    ),
    (
        "Windows-1252 quotes",
        "note: “quoted”\n".encode("cp1252"),
        [("encoding", 1, 7, {"guess": "Latin-1/Windows-1252", "codec": "cp1252"})],
    ),
    (
        "Latin-1 control-free text is still Latin-1",
        "unit: Malu\nnote: café, naïve, 50 °C\n".encode("latin-1"),
        [("encoding", 2, 10, {"guess": "Latin-1/Windows-1252", "codec": "cp1252"})],
    ),
    (
        "GBK with a stray NUL is still GBK",
        "unit: 马陆镇\nnote: 已完成\x00\nperiod: 2019-06\n".encode("gbk"),
        [("encoding", 1, 7, {"guess": "GBK/GB18030", "codec": "gbk"})],
    ),
    (
        "text starting with PK, then GBK",
        b"PK: 1\nunit: " + "马陆镇".encode("gbk"),
        [("encoding", 2, 7, {"guess": "GBK/GB18030", "codec": "gbk"})],
    ),
    ("xlsx", XLSX, _not_text("xlsx")),
    ("docx", DOCX, _not_text("docx")),
    ("pptx", PPTX, _not_text("pptx")),
    ("zip", ZIP, _not_text("archive")),
    ("empty zip", b"PK\x05\x06" + bytes(18), _not_text("archive")),
    (
        "zip header only",  # what was pinned as Latin-1 before not-text
        b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00\x81\x8d\x90\xff\xfe\x00",
        _not_text("archive"),
    ),
    ("OLE (.xls, .doc, .wps)", OLE, _not_text("ole")),
    ("PDF", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\n", _not_text("pdf")),
    ("PNG", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x02\x80", _not_text("png")),
    ("JPEG", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01", _not_text("jpeg")),
    ("GIF", b"GIF89a\x10\x00\x10\x00\x80\x00\x00\xff\xff\xff", _not_text("gif")),
    ("RAR", b"Rar!\x1a\x07\x01\x00\xf3\xe1\x82\xeb", _not_text("archive")),
    ("7z", b"7z\xbc\xaf\x27\x1c\x00\x04\x8d\x9b\xd5\x0f", _not_text("archive")),
    ("gzip", b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03\xcb\xc9", _not_text("archive")),
    ("random bytes with NULs", GARBAGE, _not_text("binary")),
    ("control bytes without NULs", bytes(range(1, 32)) * 4 + b"\xff", _not_text("binary")),
    (
        "BOM in the middle",  # libyaml alone: yaml-syntax at 3:2
        "unit: 马陆镇\nperiod: 2019-06\n\ufeffitems: {}\n",
        [("control-character", 3, 1, {"char": "U+FEFF"})],
    ),
    (
        "BOM in a quoted value",
        "\ufeffunit: \"马陆\ufeff镇\"\nnote: '\ufeff'\n",
        [
            ("control-character", 1, 10, {"char": "U+FEFF"}),
            ("control-character", 2, 8, {"char": "U+FEFF"}),
        ],
    ),
    (
        "two BOMs at the start",
        "\ufeff\ufeffunit: 马陆镇\n",
        [("control-character", 1, 1, {"char": "U+FEFF"})],
    ),
    (
        "decode error after a BOM",
        b"\xef\xbb\xbfa: 1\r\nb: \xe9\r\n",
        [("encoding", 2, 4, {"guess": "Latin-1/Windows-1252", "codec": "cp1252"})],
    ),
]


@pytest.mark.parametrize(("source", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_refused(source: str | bytes, expected: list[Any]) -> None:
    assert refused(load(source)) == expected


def test_every_loader_code_has_a_case() -> None:
    whole_file = {"path-not-found", "file-unreadable", "file-too-large", "encoding-invalid"}
    syntax_limits = {"yaml-syntax", "too-deep", "too-many-nodes"}  # tested below
    covered = {code for _, _, expected in CASES for code, *_ in expected}
    assert covered | whole_file | syntax_limits == LOADER_CODES


@pytest.mark.parametrize(
    ("source", "line", "column", "fragment"),
    [
        ("a: 1\n b: 2\n", 2, 3, "mapping values are not allowed"),
        ("a: b: c\n", 1, 5, "mapping values are not allowed"),
        ("a: [1, 2\n", 2, 1, "while parsing a flow sequence at 1:4"),
        ("unit: 马陆镇\n  period: 2019-06\n", 2, 9, "mapping values are not allowed"),
        ("items:\n  K1: 1\n K2: 2\n", 3, 2, "while parsing a block mapping at 1:1"),
        ("- a\nb: c\n", 2, 1, "while parsing a block"),
    ],
)
def test_yaml_syntax(source: str, line: int, column: int, fragment: str, parser: str) -> None:
    (finding,) = load(source).findings
    assert (finding.code, finding.line, finding.column) == ("yaml-syntax", line, column)
    if parser == "libyaml" or "mapping values" not in fragment:
        assert fragment in finding.args["problem"]


def test_syntax_error_after_earlier_findings_keeps_them() -> None:
    doc = load("a: 1\na: 2\nb: [\n")
    assert located(doc) == [("duplicate-key", 2, 1), ("yaml-syntax", 4, 1)]


@pytest.mark.parametrize(
    ("source", "data", "python_position"),
    [("a:\t1\n", {"a": 1}, (1, 3)), ("b: [1,\n\t2]\n", {"b": [1, 2]}, (2, 1))],
    ids=["after-colon", "inside-flow"],
)
def test_tabs_libyaml_accepts(
    source: str, data: Any, python_position: tuple[int, int], parser: str
) -> None:
    doc = load(source)
    if parser == "libyaml":
        assert doc.data == data
    else:  # PyYAML's own scanner takes any tab there for indentation
        assert located(doc) == [("tab-indent", *python_position)]


# --- limits ------------------------------------------------------------------------------------


def test_depth_limit_is_exact() -> None:
    limits = Limits(max_depth=3)
    assert load("a: {b: [1]}\n", limits=limits).ok()
    assert refused(load("a: {b: [[1]]}\n", limits=limits)) == [("too-deep", 1, 9, {"limit": 3})]
    assert load("a:\n  b:\n    c: 1\n", limits=limits).ok()
    assert located(load("a:\n  b:\n    c:\n      d: 1\n", limits=limits)) == [("too-deep", 4, 7)]


def test_complex_keys_count_towards_depth() -> None:
    assert located(load("? [[[x]]]\n: 1\n", limits=Limits(max_depth=3))) == [
        ("complex-key", 1, 3),
        ("too-deep", 1, 5),
    ]


@pytest.mark.parametrize(
    ("source", "column"),
    [
        ("[" * 20_000 + "x", 33),  # libyaml itself stops at 1,000 flow levels, see the loader
        ("[ " * 20_000 + "x", 65),
        ("{a: " * 20_000 + "x", 129),
        ("- " * 20_000 + "x", 65),
    ],
    ids=["flow-sequence", "spaced-flow-sequence", "flow-mapping", "compact-block-sequence"],
)
def test_twenty_thousand_levels_are_refused_without_recursion(source: str, column: int) -> None:
    assert refused(load(source)) == [("too-deep", 1, column, {"limit": 32})]


def test_indented_levels_are_refused() -> None:
    source = "".join(f"{'  ' * i}a{i}:\n" for i in range(40))
    assert located(load(source)) == [("too-deep", 33, 65)]


def test_a_depth_limit_above_libyaml_nesting_limit(parser: str) -> None:
    if parser == "python":
        pytest.skip("libyaml's own limit; PyYAML's scanner has none (and is slow this deep)")
    doc = load("[" * 1500 + "]" * 1500, limits=Limits(max_depth=1200))
    assert refused(doc) == [("too-deep", 1, 1001, {"limit": 1200})]


def test_node_limit_is_exact() -> None:
    limits = Limits(max_nodes=5)
    assert load("a: [1, 2]\n", limits=limits).ok()  # mapping, key, sequence, 1, 2
    assert refused(load("a: [1, 2, 3]\n", limits=limits)) == [
        ("too-many-nodes", 1, 11, {"limit": 5})
    ]


def test_node_limit_stops_the_walk_early(parser: str) -> None:
    source = "[" + "1, " * 300_000 + "1]"  # the walk stops at the limit, not at the end
    doc = load(source, limits=Limits(max_nodes=1_000))
    assert located(doc) == [("too-many-nodes", 1, 3 * 999 + 2)]
    if parser == "libyaml":  # the default limit; PyYAML's own parser takes seconds to get there
        assert located(load(source)) == [("too-many-nodes", 1, 3 * 99_999 + 2)]


def test_billion_laughs_is_refused_quickly() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for name, previous in zip("bcdefghi", "abcdefgh", strict=True):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
    started = time.perf_counter()
    doc = load("\n".join(lines) + "\n")
    elapsed = time.perf_counter() - started
    codes = {code for code, *_ in refused(doc)}
    assert codes == {"anchor-alias"}
    assert located(doc)[:2] == [("anchor-alias", 1, 4), ("anchor-alias", 2, 4)]
    assert elapsed < 30  # a hang guard (about 1 ms: aliases are never expanded)


def test_findings_are_capped() -> None:
    doc = load("".join(f"k{i}: *x\n" for i in range(1000)))
    assert len(doc.findings) == 100
    assert doc.data is None


def test_tags_never_construct_anything(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    payloads = [
        f'x: !!python/object/apply:os.system ["touch {marker}"]\n',
        f"!!python/object/apply:builtins.exec [\"open('{marker}', 'w').close()\"]\n",
        f'x: !!python/object/new:builtins.open ["{marker}", "w"]\n',
    ]
    for payload in payloads:
        findings = refused(load(payload))
        assert [code for code, *_ in findings] == ["tag"]
    assert not marker.exists()


def test_bytes_over_the_limit() -> None:
    source = b"".join(b"k%d: 1\n" % i for i in range(10))
    assert refused(load(source, limits=Limits(max_bytes=59))) == [
        ("file-too-large", None, None, {"size": 60, "limit": 59})
    ]
    assert load(source, limits=Limits(max_bytes=60)).ok()


# --- encodings ---------------------------------------------------------------------------------


def test_gbk_fixture_is_named_then_read_with_encoding() -> None:
    path = FIXTURES / "report-gbk.yaml"
    refusal = load_path(path, "reports/马陆镇.yaml")
    assert refused(refusal) == [("encoding", 1, 7, {"guess": "GBK/GB18030", "codec": "gbk"})]
    assert refusal.findings[0].file == "reports/马陆镇.yaml"
    assert "GBK/GB18030" in refusal.findings[0].message("zh")
    assert "--encoding gbk" in refusal.findings[0].hint("en")
    doc = load_path(path, encoding="gbk")
    assert doc.ok() and doc.encoding == "gbk"
    assert doc.data == load(REPORT).data
    assert doc.value_pos == load(REPORT).value_pos


@pytest.mark.parametrize(
    ("name", "codec"),
    [
        ("report-utf16-bom.yaml", "utf-16"),
        ("report-utf16le.yaml", "utf-16-le"),
        ("report-utf16be.yaml", "utf-16-be"),
    ],
)
def test_utf16_fixtures(name: str, codec: str) -> None:
    path = FIXTURES / name
    assert refused(load_path(path)) == [
        ("encoding", None, None, {"guess": "UTF-16", "codec": codec})
    ]
    doc = load_path(path, encoding=codec)
    assert doc.data == load(REPORT).data
    assert doc.value_pos == load(REPORT).value_pos  # the BOM shifts nothing


def test_latin1_fixture() -> None:
    path = FIXTURES / "report-latin1.yaml"
    assert refused(load_path(path)) == [
        ("encoding", 1, 10, {"guess": "Latin-1/Windows-1252", "codec": "cp1252"})
    ]
    assert load_path(path, encoding="cp1252").data == {"unit": "Café", "period": "2019-06"}


def test_utf8_with_explicit_encoding_and_bom() -> None:
    doc = load(b"\xef\xbb\xbfa: 1\n", encoding="utf-8")
    assert doc.data == {"a": 1} and doc.value_pos[("a",)] == (1, 4) and doc.encoding == "utf-8"


@pytest.mark.parametrize(
    ("source", "encoding", "expected"),
    [
        (
            "unit: x\nnote: 马陆镇\n".encode(),
            "ascii",
            [("encoding-invalid", 2, 7, {"encoding": "ascii", "offset": 14})],
        ),
        (
            b"unit: \x81\x20\n",
            "gbk",
            [("encoding-invalid", 1, 7, {"encoding": "gbk", "offset": 6})],
        ),
        (
            b"a: 1\n",
            "no-such-codec",
            [("encoding-invalid", None, None, {"encoding": "no-such-codec", "offset": 0})],
        ),
        (
            b"a: 1\n",
            "base64",
            [("encoding-invalid", None, None, {"encoding": "base64", "offset": 0})],
        ),
    ],
    ids=["ascii", "gbk", "unknown", "not-text"],
)
def test_encoding_invalid(source: bytes, encoding: str, expected: list[Any]) -> None:
    doc = load(source, encoding=encoding)
    assert refused(doc) == expected
    assert doc.encoding == encoding


def test_a_lone_nul_in_utf8_is_a_control_character() -> None:
    assert located(load("unit: 马陆镇\nnote: a\x00b\n")) == [("control-character", 2, 8)]


# --- files that are not text, and BOMs that are not at the start --------------------------------


@pytest.mark.parametrize("codec", ["gbk", "latin-1", "utf-8", "utf-16", "cp1252"])
def test_an_explicit_encoding_does_not_read_a_known_binary_file(codec: str) -> None:
    for raw, kind in [(XLSX, "xlsx"), (DOCX, "docx"), (OLE, "ole"), (ZIP, "archive")]:
        doc = load(raw, encoding=codec)
        assert refused(doc) == _not_text(kind)
        assert doc.encoding == codec


def test_an_explicit_encoding_is_kept_for_other_bytes() -> None:
    """--encoding X: the user asked for a codec; only a known signature overrules it."""
    doc = load(GARBAGE, encoding="latin-1")  # every byte is Latin-1: its controls are found
    assert {f.code for f in doc.findings} == {"control-character"}
    assert located(load(GARBAGE, encoding="utf-8"))[0][0] == "encoding-invalid"
    assert load("PK: 马陆镇\n".encode("gbk"), encoding="gbk").data == {"PK": "马陆镇"}


def test_text_that_starts_like_a_signature_is_text() -> None:
    assert load("PK: 1\nGIF89a: 3\n").data == {"PK": 1, "GIF89a": 3}
    assert load(b"PK\x03: x\n").findings[0].code == "control-character"  # not the full PK\3\4


def test_not_text_names_what_the_file_looks_like() -> None:
    expected = {
        XLSX: ("Excel 表格", "an Excel workbook"),
        DOCX: ("Word 文档", "a Word document"),
        ZIP: ("压缩包", "archive"),
        OLE: ("旧版 Office 或 WPS 文件", "old-style Office or WPS file"),
        GARBAGE: ("二进制数据", "binary data"),
    }
    for raw, (zh, en) in expected.items():
        [finding] = load(raw).findings
        assert finding.message("zh") == f"文件不是文本格式的报表（看起来是{zh}）"
        assert en in finding.message("en") and "not text" in finding.message("en")
        assert "mljy template --unit 单位 --period YYYY-MM" in finding.hint("zh")
        assert "UTF-8" in finding.hint("zh") and "记事本" in finding.hint("zh")
        assert "`mljy template --unit NAME --period YYYY-MM`" in finding.hint("en")
        assert "--encoding" not in finding.hint("zh") + finding.hint("en")


def test_a_plain_utf8_file_never_asks_whether_it_is_text(monkeypatch: pytest.MonkeyPatch) -> None:
    def must_not_run(raw: bytes) -> None:
        raise AssertionError("checked a plain UTF-8 file for a binary signature")

    monkeypatch.setattr(loader_module, "_magic", must_not_run)
    monkeypatch.setattr(loader_module, "_binary", must_not_run)
    for source in (REPORT, "\ufeff" + REPORT, REPORT.replace("\n", "\r\n"), "PK: 1\n"):
        assert load(source).ok()
    assert located(load("a: \x1b\n")) == [("control-character", 1, 4)]


@pytest.mark.parametrize("codec", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be"])
def test_a_bom_in_the_middle_with_an_explicit_encoding(codec: str) -> None:
    text = "unit: 马陆镇\nperiod: 2019-06\n\ufeffitems: {}\n"
    for bom in ("", "\ufeff"):  # a BOM at the very start is removed first, whatever the codec
        raw = (bom + text).encode(codec)
        assert refused(load(raw, encoding=codec)) == [
            ("control-character", 3, 1, {"char": "U+FEFF"})
        ]
        assert load((bom + REPORT).encode(codec), encoding=codec).data == load(REPORT).data


def test_a_leading_bom_is_accepted_silently() -> None:
    doc = load("\ufeff" + REPORT)
    assert doc.ok() and doc.findings == [] and doc.encoding == "utf-8-sig"
    assert doc.value_pos == load(REPORT).value_pos


@pytest.mark.parametrize(
    ("text", "position"),
    [
        ("unit: 马陆镇\nperiod: 2019-06\n\ufeffitems: {}\n", (3, 1)),  # files pasted together
        ("a: 1\n\ufeffb: 2\n", (2, 1)),  # a line the line reader would otherwise take
        ("a:\n  \ufeffb: 2\n", (2, 3)),
        ("a: x\ufeff\n", (1, 5)),
        ("a: 1  # \ufeff\n", (1, 9)),
        ("a: [1, \ufeff2]\n", (1, 8)),
        ('a: "x\ufeff"\n', (1, 6)),
    ],
)
def test_a_bom_in_the_middle_is_found_before_either_reader(
    text: str, position: tuple[int, int]
) -> None:
    """The line reader declines U+FEFF and the control check runs before libyaml: both readers
    give way to the same located finding (libyaml alone would skip a BOM at a line start and
    report the next character)."""
    assert loader_module._simple_document(text, Limits()) is None
    expected = [("control-character", *position, {"char": "U+FEFF"})]
    assert refused(load(text)) == expected
    found = loader_module._control_characters(text, "r.yaml")
    assert [(f.code, f.line, f.column, dict(f.args)) for f in found] == expected
    [finding] = found
    assert "字节顺序标记" in finding.message("zh") and "byte order mark" in finding.message("en")


# --- files -------------------------------------------------------------------------------------


def test_missing_path(tmp_path: Path) -> None:
    missing = tmp_path / "nope.yaml"
    assert refused(load_path(missing)) == [("path-not-found", None, None, {"path": str(missing)})]
    assert refused(load_path(str(missing), "nope.yaml")) == [
        ("path-not-found", None, None, {"path": "nope.yaml"})
    ]
    under_a_file = tmp_path / "file.yaml"
    under_a_file.write_text("a: 1\n")
    assert located(load_path(under_a_file / "x.yaml")) == [("path-not-found", None, None)]


def test_directory_is_unreadable(tmp_path: Path) -> None:
    doc = load_path(tmp_path, "reports")
    assert refused(doc) == [("file-unreadable", None, None, {"reason": "Is a directory"})]
    assert doc.findings[0].file == "reports"


def test_a_nul_in_the_path() -> None:
    assert located(load_path("bad\0name.yaml")) == [("file-unreadable", None, None)]


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero and /dev/null")
def test_devices_are_read_with_a_bound() -> None:
    assert located(load_path("/dev/zero")) == [("file-too-large", None, None)]  # read, bounded
    assert located(load_path("/dev/null")) == [("empty-file", None, None)]


def test_open_failure_is_unreadable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "r.yaml"
    path.write_text("a: 1\n")

    def deny(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(loader_module.os, "open", deny)  # the loader opens with os.open
    assert refused(load_path(path)) == [
        ("file-unreadable", None, None, {"reason": "Permission denied"})
    ]


def test_large_file_is_refused_unread(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "big.yaml"
    with path.open("wb") as stream:
        stream.truncate(5 * 1024 * 1024)

    def must_not_open(*args: object, **kwargs: object) -> None:
        raise AssertionError("the file was opened")

    monkeypatch.setattr(Path, "open", must_not_open)
    monkeypatch.setattr(loader_module.os, "open", must_not_open)
    doc = load_path(path)  # refused from its size alone: opening it would fail the test
    assert refused(doc) == [
        ("file-too-large", None, None, {"size": 5 * 1024 * 1024, "limit": 1_048_576})
    ]


def test_load_path_reads_a_file(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_bytes(REPORT.encode())
    doc = load_path(path)
    assert doc.file == str(path)
    assert doc.data == load(REPORT).data
    assert load_path(path, "shown.yaml").file == "shown.yaml"


# --- the contract with the catalogue -----------------------------------------------------------


def _template_fields(code: str) -> set[str]:
    entry = CATALOGUE[code]
    fields = set()
    for template in (entry.zh, entry.en, entry.hint_zh, entry.hint_en):
        fields |= {name for _, name, _, _ in string.Formatter().parse(template) if name}
    return fields


def test_args_match_the_catalogue(tmp_path: Path) -> None:
    findings: list[Finding] = []
    for _, source, _ in CASES:
        findings += load(source).findings
    findings += load("a: [\n").findings
    findings += load("[[[[", limits=Limits(max_depth=2)).findings
    findings += load("[1, 2, 3]", limits=Limits(max_nodes=2)).findings
    findings += load(b"\xff", encoding="utf-8").findings
    findings += load_path(tmp_path / "missing").findings
    findings += load_path(tmp_path).findings
    findings += load(b"12345", limits=Limits(max_bytes=2)).findings
    assert {f.code for f in findings} == LOADER_CODES
    for finding in findings:
        assert set(finding.args) == _template_fields(finding.code), finding
        assert "?" not in finding.message("en").replace("(?", "")


# --- no input raises ---------------------------------------------------------------------------

YAMLISH = st.text(
    alphabet=st.sampled_from([*"ab1.-:[]{},&*!|>'\"#%@`? \t\n\r~<=", "\ufeff", "马", "\x00"]),
    max_size=80,
)


def _check_contract(doc: Document) -> None:
    if doc.ok():
        assert doc.findings == []
    else:
        assert doc.data is None and doc.findings
        assert not doc.value_pos and not doc.key_pos and not doc.raw
    for finding in doc.findings:
        assert finding.code in LOADER_CODES
        if finding.line is None:
            assert finding.column is None
        else:
            assert finding.line >= 1 and finding.column is not None and finding.column >= 1


_PROPERTY = settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])


@_PROPERTY
@given(st.binary(max_size=200))
def test_any_bytes_never_raise(raw: bytes) -> None:
    _check_contract(load_bytes(raw, "r.yaml"))


@_PROPERTY
@given(st.text(max_size=200))
def test_any_text_never_raises(text: str) -> None:
    _check_contract(load_bytes(text.encode("utf-8", "surrogatepass"), "r.yaml"))


@_PROPERTY
@given(YAMLISH)
def test_yaml_like_text_never_raises(text: str) -> None:
    doc = load_bytes(text.encode(), "r.yaml")
    _check_contract(doc)
    if doc.ok() and isinstance(doc.data, dict):
        for path in doc.key_pos:
            assert path in doc.value_pos


@_PROPERTY
@given(st.binary(max_size=100), st.sampled_from(["gbk", "utf-16", "latin-1", "utf-8", "nope"]))
def test_any_bytes_with_any_encoding_never_raise(raw: bytes, encoding: str) -> None:
    _check_contract(load_bytes(raw, "r.yaml", encoding=encoding))


# --- the line-by-line reader of plain block mappings: the same as the event walk ------------


def _walked(text: str, limits: Limits) -> tuple[Any, ...] | None:
    """What the event walk builds from ``text``, or ``None`` when it finds a problem."""
    walk = walk_module.Walk(text, "r.yaml", limits)
    data = walk.run()
    if walk.findings:
        return None
    return data, walk.value_pos, walk.key_pos, walk.raw


def _same_as_the_walk(text: str, limits: Limits = loader_module.DEFAULT_LIMITS) -> bool:
    """Whether the line reader took ``text``; when it did, it built what the walk builds,
    down to the order of every mapping (``repr`` tells 1 from 1.0 and True from 1)."""
    simple = loader_module._simple_document(text, limits)
    if simple is None:
        return False
    assert not loader_module._control_characters(text, "r.yaml")  # checked first otherwise
    walked = _walked(text, limits)
    assert walked is not None, "the line reader took a document the walk refuses"
    for mine, theirs in zip(simple, walked, strict=True):
        assert repr(mine) == repr(theirs)
        if isinstance(mine, dict):
            assert list(mine.items()) == list(theirs.items())
    return True


def _repository_texts() -> list[str]:
    root = Path(__file__).resolve().parents[3]
    files = sorted(
        [*(root / "data").rglob("*.yaml"), *(root / "tests" / "fixtures").rglob("*.yaml")]
    )
    texts = []
    for file in files:
        try:
            text = file.read_bytes().decode("utf-8").removeprefix("\ufeff")
        except UnicodeDecodeError:
            continue
        texts.append(text)
    return texts


def test_line_reader_matches_the_walk_on_every_file_in_the_repository() -> None:
    texts = _repository_texts()
    taken = sum(_same_as_the_walk(text) for text in texts)
    assert taken > len(texts) // 2  # the reports and most fixtures: the reader is in use


@pytest.mark.parametrize(
    "text",
    [
        REPORT,
        "a: 1",  # no line end at the end
        "# only a comment first\na: 1\n\n\nb:\n",  # null at the end, blank lines
        "a:\n  b:\n    c: d\n  e: f\ng: h\n",  # nested, and back out two levels
        "a:   # a comment after the key\n     b: x  # and after a value\n",
        "a:\n b: 1\nc:\n        d: 2\n",  # any deeper indentation opens a mapping
        "a: x\n    # a deeper comment ends nothing\nb: y\n",
        "k: 1_000\nl: 0x1F\nm: 010\nn: .inf\no: .5\np: 1e3\nq: +1\nr: yes\ns: ~\nt: x''\n",
        'a: b c  d\n马陆镇: 已完成 (80%)\nx y: it\'s [ok] {ok}, "ok" & *ok* !ok <<ok\n',
        "a:  \u3000x\u00a0\nb: \U0001f600 \u200b\n",  # wide and odd spaces, not YAML's
        "a: 1\r\nb:\r\n  c: x  \r\n\r\n# d\r\ne:\r\n",  # CRLF line ends
    ],
)
def test_line_reader_takes_plain_block_mappings(text: str) -> None:
    assert _same_as_the_walk(text)


_NOT_PLAIN_BLOCK_MAPPINGS = [
    "",
    "# comments only\n",
    "a: 1\na: 2\n",  # duplicate key
    "<<: 1\n",  # merge key
    " a: 1\n",  # the root indented
    "a: 1\n b: 2\n",  # deeper, under a scalar
    "a:\n  b: 1\n c: 2\n",  # between two levels
    "a: 'x'\n", 'a: "x"\n', "a: |\n  x\n", "a: >\n  x\n",  # quoted and block scalars
    "a: [1]\n", "a: {b: 1}\n", "a:\n- 1\n", "- a\n",  # flow and sequences
    "a: &x 1\n", "a: *x\n", "a: !!str 1\n", "? a\n: 1\n",  # anchors, tags, complex keys
    "---\na: 1\n", "a: 1\n...\n", "a: 1\n---\nb: 2\n", "%YAML 1.1\n---\na: 1\n",
    "a: b: c\n", "a: 1:30\n", "a: x#y\n", "a:#b\n", "a :b\n", "a : b\n",  # ":" and "#"
    "a: 1\rb: 2\r", "a: 1\r\nb: x\ry\n", "a:\t1\n", "a: x\ufeff\n",  # what libyaml reads otherwise
"a: x\x00\n", "a: \x85\n", "a: x\u2028y\n", "# \x7f\na: 1\n",  # control characters
    "a: x\n  y\n",  # a plain scalar over two lines
    "-a: 1\n", "?a: 1\n", ".a: 1\n", "a: -1\n", "a: ?x\n", "a: :x\n",  # indicators
    "k" * 129 + ": 1\n",  # a key too long to be sure of libyaml's look-ahead
]  # fmt: skip


@pytest.mark.parametrize("text", _NOT_PLAIN_BLOCK_MAPPINGS)
def test_line_reader_leaves_the_rest_to_libyaml(text: str) -> None:
    assert not _same_as_the_walk(text)


@pytest.mark.parametrize(
    ("limits", "taken"),
    [
        (Limits(max_depth=3, max_nodes=9), True),  # 3 mappings, 4 keys, 2 scalar values
        (Limits(max_depth=2), False),
        (Limits(max_nodes=8), False),
        (Limits(max_depth=0, max_nodes=0), False),
    ],
)
def test_line_reader_keeps_to_the_limits(limits: Limits, taken: bool) -> None:
    assert _same_as_the_walk("a:\n  b:\n    c: 1\n  d: 2\n", limits) is taken
    assert load("a:\n  b:\n    c: 1\n  d: 2\n", limits=limits).ok() is taken


_WORDS = [
    "a", "b", "W24", "K2018-1a", "state", "in_progress", "12", "0", "1.5", "1e3", "010",
    "true", "yes", "null", "~", "2018-01", "2018-02-03", "马陆镇", "a b", "a  b", "1_000",
    "0x1F", "+1", "1.", "+.5e-3", "x'y", "a[1]", "b{c}", "d,e", "f&g", "h*i", "j!k", "l|m",
    "n>o", "p%q", "r@s", "t`u", "<v", "w?", "é", "\U0001f600", "\u3000x", "\xa0",
]  # fmt: skip
_EDGES = ["-3", ".5", ".inf", "-.inf", ".NaN", "<<", "---", "...", "-", "?", "a:b", "a#b"]
_ODD = st.text(
    alphabet=[*"ab1 0.-:#?,[]{}&*!|>'\"%@`<~=\\/+eE_", "\u3000", "\xa0", "马", "\U0001f600"],
    min_size=1,
    max_size=5,
)


@st.composite
def _scalars(draw: st.DrawFn) -> str:
    """Mostly what reports hold, now and then what YAML reads otherwise."""
    kind = draw(st.sampled_from(["word"] * 8 + ["edge", "odd"]))
    if kind == "word":
        return draw(st.sampled_from(_WORDS))
    return draw(st.sampled_from(_EDGES) if kind == "edge" else _ODD)


_SCALARS = _scalars()


@st.composite
def _block_mappings(draw: st.DrawFn) -> str:
    """Nested block mappings, with the odd comment, misindented line or stray text."""
    lines: list[str] = []

    def block(indent: int, depth: int) -> None:
        step = draw(st.sampled_from([1, 2, 4]))
        for _ in range(draw(st.integers(1, 3))):
            if draw(st.integers(0, 9)) == 0:
                comment = draw(st.sampled_from(["", "#", "# c"]))
                lines.append(" " * draw(st.integers(0, 6)) + comment)
            key = draw(_SCALARS) + draw(st.sampled_from(["", str(len(lines))]))  # some unique
            if depth < 3 and draw(st.booleans()):
                lines.append(" " * indent + key + ":" + draw(st.sampled_from(["", " ", " # c"])))
                if draw(st.integers(0, 4)):
                    block(indent + step, depth + 1)
            else:
                separator = draw(st.sampled_from([": "] * 4 + [":  ", ":"]))
                end = draw(st.sampled_from(["", " ", " # c", " #"]))
                lines.append(" " * indent + key + separator + draw(_SCALARS) + end)

    block(0, 0)
    if draw(st.integers(0, 4)) == 0:
        at = draw(st.integers(0, len(lines) - 1))
        lines[at] = draw(st.sampled_from([" ", "  ", "---", "- x", "x"])) + lines[at]
    end = draw(st.sampled_from(["\n", "\r\n"]))
    return end.join(lines) + draw(st.sampled_from(["", end, end + end]))


@settings(max_examples=1000, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(_block_mappings(), st.sampled_from([Limits(), Limits(max_depth=2, max_nodes=7)]))
def test_line_reader_matches_the_walk_on_generated_mappings(text: str, limits: Limits) -> None:
    _same_as_the_walk(text, limits)


@_PROPERTY
@given(YAMLISH)
def test_line_reader_matches_the_walk_on_yaml_like_text(text: str) -> None:
    _same_as_the_walk(text)
