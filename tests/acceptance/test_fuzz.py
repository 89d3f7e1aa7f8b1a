"""Property-based fuzzing of ``mljy validate`` and ``mljy check`` (docs/bad-input.md).

Inputs: arbitrary bytes; YAML-ish text from a small grammar of report keys, values and
indentation; mutations of the valid reports in the repository (a line deleted,
duplicated, retyped or renamed, a number retyped, the file cut at a byte); and valid
reports with arbitrary figures.

Invariants, for every input, through the CLI with ``--format json``:

- the exit code is 0, 1 or 2; there is no traceback and no "internal error";
- stdout is one JSON document, and every finding in it is located sensibly;
- ``validate`` refuses an input exactly when ``check`` does (exit 2);
- for every accepted report, the figures ``check`` shows (``actual``, ``numerator``,
  ``denominator``, ``state``) are exactly the figures typed in the file (converted only
  between units the file names), and the validated :class:`Report` holds them unchanged.

Example counts come from the hypothesis profile (tests/conftest.py): ``ci`` by default,
``HYPOTHESIS_PROFILE=long`` for 10,000 examples per test. To keep an example to a few
milliseconds the plan is loaded once (``load_plan`` is cached for ``data/plan.yaml``) and
typer builds its click command once; everything after that is the real command.
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import typer.testing
from hypothesis import event, given, note
from hypothesis import strategies as st
from typer.testing import CliRunner

import meilijiayuan.plan.load as validate_module
from meilijiayuan.cli import app
from meilijiayuan.measures import convert
from meilijiayuan.plan.index import PlanIndex
from meilijiayuan.plan.load import load_plan
from meilijiayuan.plan.model import Target
from meilijiayuan.read.loader import Document, load_bytes
from meilijiayuan.report.validate import validate_report_document
from tests.conftest import FIXTURES, PLAN_PATH, ROOT

_loaded, _ = load_plan(str(PLAN_PATH))
assert _loaded is not None
INDEX: PlanIndex = _loaded
ORGS_WITH_TARGETS = sorted(o for o in INDEX.organisations if INDEX.reported_targets(o))
UNTARGETED_ITEMS = sorted(i for i in INDEX.items if i not in INDEX.targets)

VALID_FILES = sorted(
    [*(FIXTURES / "valid").glob("*.yaml"), *(FIXTURES / "ci" / "valid").glob("*.yaml"),
     *(ROOT / "data" / "reports").rglob("*.yaml")]
)
VALID_TEXTS = [p.read_bytes() for p in VALID_FILES]



# --- running the CLI fast -------------------------------------------------------------------


@pytest.fixture(scope="module", autouse=True)
def _fast_cli() -> Iterator[None]:
    """Build typer's command once and load the plan once: the fuzzed part is what follows."""
    original = validate_module.load_plan
    plan = original(str(PLAN_PATH))

    def cached_load_plan(path: str | None = None, **options: Any) -> Any:
        return plan if path == str(PLAN_PATH) and not options else original(path, **options)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(validate_module, "load_plan", cached_load_plan)
        get_command = getattr(typer.testing, "_get_command", None)
        if get_command is not None:  # private in typer; without it the runs are just slower
            mp.setattr(typer.testing, "_get_command", functools.cache(get_command))
        yield


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz") / "report.yaml"


def mljy(command: str, path: Path) -> tuple[int, dict[str, Any]]:
    """Run ``mljy COMMAND PATH --format json``; check the universal invariants."""
    result = CliRunner().invoke(app, [command, str(path), "--format", "json",
                                      "--plan", str(PLAN_PATH)])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    for text in (result.stdout, result.stderr):
        assert "Traceback" not in text, text
        assert "内部错误" not in text and "internal error" not in text, text
    assert result.exit_code in (0, 1, 2), result.output
    doc = json.loads(result.stdout)
    assert isinstance(doc, dict)
    for finding in [*doc["errors"], *doc["warnings"]]:
        assert finding["code"] and finding["message"], finding
        if finding["line"] is None:
            assert finding["column"] is None, finding
        else:
            assert finding["line"] >= 1 and finding["column"] >= 1, finding
    return result.exit_code, doc


def run_both(raw: bytes, path: Path) -> tuple[int, int, dict[str, Any]]:
    """validate and check on the same bytes: they agree on whether the input is valid."""
    path.write_bytes(raw)
    v_code, v_doc = mljy("validate", path)
    c_code, c_doc = mljy("check", path)
    assert v_code in (0, 2), v_code
    assert (v_code == 2) == (c_code == 2), (v_doc["errors"], c_doc["errors"])
    assert v_doc["valid"] is (v_code == 0)
    if v_code == 0:
        assert_figures_kept(raw, c_doc)
    return v_code, c_code, c_doc


# --- figures: nothing dropped, nothing coerced ------------------------------------------------

_INT_TEXT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")


def typed_figure(doc: Document, path: tuple[str, ...]) -> int | Decimal:
    """The figure as typed, read from the source text (not from the loader's value): an int,
    or the exact decimal of the text (to the 17 significant digits a YAML float holds)."""
    text = doc.raw[path]
    return int(text) if _INT_TEXT.fullmatch(text) else Decimal(repr(float(text)))


def same(shown: Any, typed: int | float | Decimal,
         converted: float | Decimal | None = None) -> bool:
    """``shown`` (from the JSON) is the typed figure, or its conversion to the target's unit."""
    assert isinstance(shown, int | float) and not isinstance(shown, bool), shown
    if converted is None:
        return bool(shown == (float(typed) if isinstance(typed, Decimal) else typed))
    return math.isclose(shown, float(converted), rel_tol=1e-12, abs_tol=0.0)


def assert_figures_kept(raw: bytes, check_doc: dict[str, Any]) -> None:
    """Every figure of an accepted report reaches the model unchanged and ``check`` shows it."""
    doc = load_bytes(raw, "r.yaml")
    assert doc.ok() and isinstance(doc.data, dict)
    result = validate_report_document(doc, INDEX)
    assert result.ok and result.report is not None and result.unit is not None
    report = check_doc["reports"][0]
    assert report["valid"] and report["unit"] == result.unit
    rows = {a["id"]: a for a in report["assessments"] if a["unit"] == result.unit}
    for item_id, entry in doc.data["items"].items():
        model = result.report.items[item_id]
        for name in ("value", "numerator", "denominator", "rate", "this_month"):
            if entry.get(name) is not None:
                typed = typed_figure(doc, ("items", item_id, name))
                kept = getattr(model, name)
                assert kept == typed and type(kept) is type(typed), (item_id, name, kept, typed)
        row = rows.get(item_id)
        assert row is not None, f"{item_id} was reported but check shows no row for it"
        if entry.get("state") is not None:
            assert row["state"] == entry["state"]
        target = INDEX.targets.get(item_id)
        _assert_row_figures(doc, item_id, entry, row, target)


def _assert_row_figures(doc: Document, item_id: str, entry: dict[str, Any], row: dict[str, Any],
                        target: Target | None) -> None:
    path = ("items", item_id)
    if target is None or target.measure == "quantity":
        if entry.get("value") is None:
            return
        typed = typed_figure(doc, (*path, "value"))
        converted = None
        unit = entry.get("unit")
        if target is not None and unit is not None and unit != target.unit:
            assert target.unit is not None
            converted = convert(typed, unit, target.unit)
        assert same(row["actual"], typed, converted), (item_id, row["actual"], typed, converted)
    elif target.measure == "rate":
        if entry.get("numerator") is not None:
            for name in ("numerator", "denominator"):
                typed = typed_figure(doc, (*path, name))
                assert same(row[name], typed), (item_id, name, row[name], typed)
        elif entry.get("rate") is not None:
            typed = typed_figure(doc, (*path, "rate"))
            assert same(row["actual"], typed), (item_id, row["actual"], typed)


def test_same_is_exact() -> None:
    """Only a conversion the file asks for (平方米 → 万平方米) may differ in the last bits."""
    assert same(0.1234567, 0.1234567) and not same(0.123457, 0.1234567)
    assert not same(9007199254740992.0, 2**53 + 1)
    assert same(12.345678000000001, 123456.78, converted=12.345678)
    assert not same(12.3457, 123456.78, converted=12.345678)
    assert not same(0.0, 0.001, converted=1e-07)


def _report_with(entry: str) -> bytes:
    return f"unit: 马陆镇\nperiod: 2019-06\nitems:\n{entry}".encode()


def test_check_shows_seven_decimals_exactly(scratch: Path) -> None:
    scratch.write_bytes(_report_with("  K2018-4:\n    value: 0.1234567\n"))
    _, doc = mljy("check", scratch)
    row = next(a for a in doc["assessments"] if a["id"] == "K2018-4")
    assert row["actual"] == 0.1234567


def test_check_shows_integers_beyond_2_53_exactly(scratch: Path) -> None:
    entry = "  J3a:\n    numerator: 9007199254740993\n    denominator: 9007199254740995\n"
    scratch.write_bytes(_report_with(entry))
    _, doc = mljy("check", scratch)
    row = next(a for a in doc["assessments"] if a["id"] == "J3a")
    assert row["numerator"] == 9007199254740993


def test_check_shows_an_ongoing_value_exactly(scratch: Path) -> None:
    entry = "  T1:\n    state: in_progress\n    value: 9007199254740993\n"
    scratch.write_bytes(_report_with(entry))
    _, doc = mljy("check", scratch)
    row = next(a for a in doc["assessments"] if a["id"] == "T1")
    assert row["actual"] == 9007199254740993


def test_check_shows_a_small_converted_figure(scratch: Path) -> None:
    scratch.write_bytes(_report_with("  K2018-1:\n    value: 0.001\n    unit: 平方米\n"))
    _, doc = mljy("check", scratch)
    row = next(a for a in doc["assessments"] if a["id"] == "K2018-1")
    assert math.isclose(row["actual"], 1e-07, rel_tol=1e-12)


# --- (a) arbitrary bytes and YAML-ish text ----------------------------------------------------

ORG_NAMES = ["马陆镇", "区房管局", "区绿容局", "区绿化市容局", "南翔镇", "馬陸鎮", "马陆镇 ",
             "马\u200b陆镇", "各街镇", "火星镇", "区民政局", ""]
IDS = ["K2018-4", "K2018-1", "K2018-1a", "K2018-1b", "J3a", "J3b", "J5", "W5", "W12", "T1",
       "K2019-7", "K2020-6", "k2018-4", "Ｋ2018-4", "J99", "K2018-4 "]
FIELDS = ["value", "numerator", "denominator", "rate", "state", "unit", "this_month", "note",
          "evidence", "vaule", "Value", "<<"]
TOP = ["unit", "period", "submitted", "contact", "note", "items", "Unit", "plan", "organisations"]
SCALARS = ["5", "0", "12.5", "-3", "1e3", "1,000", "60万", "９５", "95%", "N/A", ".nan", ".inf",
           "yes", "no", "on", "true", "~", "", '"12"', "'马陆镇'", "2019-06", "2019-06-30",
           "2021-01", "done", "in_progress", "blocked", "not_started", "finished", "平方米",
           "万平方米", "个", "[1, 2]", "{a: 1}", "&a 5", "*a", "!!int 5", "!x 1", "|", ">",
           "马陆镇", "已完成选址", "# comment", "'unterminated", "[", "}", "\t5", "5\t",
           "9007199254740993", "0.1234567", "010", "0x1F"]
SEPARATORS = [": ", ":", ":  ", ":\t", " : ", "："]
INDENTS = ["", "  ", "    ", "      ", " ", "   ", "\t", "  \t"]
LEVELS = [(TOP, ["", "", "", " "]), (IDS, ["  ", "  ", "  ", "   ", "\t"]),
          (FIELDS, ["    ", "    ", "    ", "     ", "  ", "  \t"])]
VALUES_BY_KEY = {
    "unit": ["马陆镇"] * 4 + ORG_NAMES,
    "period": ["2019-06", "2018-01", "2020-12", "2021-01", "2019-6", "201906"],
    "value": ["5", "0", "12.5", "100000", "60万", "1,000", "-1", "N/A"],
    "numerator": ["120", "0", "1.5", "127", "yes"], "denominator": ["126", "0", "1", ".inf"],
    "state": ["done", "in_progress", "blocked", "not_started", "yes", "完成"],
    "unit_": ["万平方米", "平方米", "个", "台", "%", "吨"],
}


def _some(draw: st.DrawFn, pool: list[str], least: int, most: int) -> list[str]:
    """``least`` to ``most`` distinct elements of ``pool``, in random order (unique lists of
    ``sampled_from`` and permutations make hypothesis discard many examples)."""
    picks = draw(st.lists(st.integers(0, len(pool) - 1), min_size=least, max_size=most))
    return [pool[i] for i in dict.fromkeys(picks)]


def _value_for(draw: st.DrawFn, key: str, *, field: bool, wild: bool) -> str:
    typical = VALUES_BY_KEY.get("unit_" if field and key == "unit" else key, [])
    return draw(st.sampled_from(typical + SCALARS if wild or not typical else typical))


@st.composite
def report_tree(draw: st.DrawFn) -> list[str]:
    """Lines of a well-formed YAML mapping shaped like a report, with plausible values."""
    lines = []
    required = [k for k in ("unit", "period", "items") if draw(st.integers(0, 7))]
    top = draw(st.permutations(required + _some(draw, TOP[3:], 0, 2)))
    for key in top:
        if key != "items":
            lines.append(f"{key}: {_value_for(draw, key, field=False, wild=False)}")
            continue
        lines.append("items:")
        for item_id in _some(draw, IDS, 1, 4):
            lines.append(f"  {item_id}:")
            fields = _some(draw, FIELDS[:-1], 0, 4)
            lines.extend(f"    {f}: {_value_for(draw, f, field=True, wild=False)}"
                         for f in fields)
            if not fields:
                lines[-1] += " " + draw(st.sampled_from(["", "~", "5", "{value: 5}"]))
    return lines


@st.composite
def line_soup(draw: st.DrawFn) -> list[str]:
    """Lines of indentation, key, separator and value, each drawn on its own."""
    lines = []
    for _ in range(draw(st.integers(0, 14))):
        level = draw(st.sampled_from([0, 0, 1, 1, 2, 2, 2, 3]))
        if level == 3:
            lines.append(draw(st.sampled_from(["# 说明", "", "---", "...", "- ", "items:"])))
            continue
        keys, indents = LEVELS[level]
        key = draw(st.sampled_from(keys))
        indent, sep = draw(st.sampled_from(indents)), draw(st.sampled_from(SEPARATORS))
        value = _value_for(draw, key, field=level == 2, wild=True) if level != 1 else ""
        lines.append(f"{indent}{key}{sep}{value}")
    return lines


@st.composite
def yamlish(draw: st.DrawFn) -> bytes:
    """Text that looks like a report: half well-formed trees of report keys with plausible
    values (they reach validation and evaluation), half line soup from awkward pools."""
    wild = draw(st.booleans())
    lines = draw(line_soup() if wild else report_tree())
    eol = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    text = eol.join(lines) + draw(st.sampled_from(["", eol]))
    bom = draw(st.sampled_from([b"", b"\xef\xbb\xbf"]))
    encoding = draw(st.sampled_from(["utf-8"] * 8 + ["gbk", "utf-16"])) if wild else "utf-8"
    return bom + text.encode(encoding, "replace")


def _outcome(codes: tuple[int, int, dict[str, Any]]) -> None:
    """Statistics (pytest --hypothesis-show-statistics): how far the inputs get."""
    event(f"validate {codes[0]}, check {codes[1]}")
    errors = codes[2]["errors"]
    event(f"first error: {errors[0]['code'] if errors else '-'}")


@given(st.binary(max_size=600))
def test_arbitrary_bytes(scratch: Path, raw: bytes) -> None:
    _outcome(run_both(raw, scratch))


@given(yamlish())
def test_yamlish_text(scratch: Path, raw: bytes) -> None:
    _outcome(run_both(raw, scratch))


# --- (b) mutations of valid reports -----------------------------------------------------------

NUMBER = re.compile(rb"(?<![\w.-])\d+(?:\.\d+)?(?![\w.])")
RETYPED_NUMBERS = [b"%s.0", b'"%s"', b"%s\xe4\xb8\x87", b"-%s", b"%s,000", b"%se3", b"%s%%",
                   "０".encode(), b"%s%s", b"0%s", b"%s.", b".%s", b"+%s", b"N/A", b"~", b"",
                   b"%s.1234567", b"9007199254740993"]


def _retype_number(line: bytes, choice: int, template: bytes) -> bytes:
    numbers = list(NUMBER.finditer(line))
    if not numbers:
        return line
    m = numbers[choice % len(numbers)]
    digits = m.group()
    replacement = template.replace(b"%s", digits).replace(b"%%", b"%")
    return line[: m.start()] + replacement + line[m.end():]


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    """A valid report with one to three mutations."""
    raw = draw(st.sampled_from(VALID_TEXTS))
    for _ in range(draw(st.integers(1, 3))):
        lines = raw.split(b"\n")
        i = draw(st.integers(0, max(0, len(lines) - 1)))
        kind = draw(st.sampled_from(["delete", "duplicate", "retype", "rename", "number",
                                     "truncate", "insert", "indent"]))
        if kind == "delete":
            del lines[i]
        elif kind == "duplicate":
            lines.insert(i, lines[i])
        elif kind == "retype" and b": " in lines[i]:
            key = lines[i].split(b": ", 1)[0]
            lines[i] = key + b": " + draw(st.sampled_from(SCALARS + ORG_NAMES)).encode()
        elif kind == "rename" and b":" in lines[i]:
            indent = lines[i][: len(lines[i]) - len(lines[i].lstrip())]
            rest = lines[i].split(b":", 1)[1]
            key = draw(st.sampled_from(TOP + IDS + FIELDS)).encode()
            lines[i] = indent + key + b":" + rest
        elif kind == "number":
            template = draw(st.sampled_from(RETYPED_NUMBERS))
            lines[i] = _retype_number(lines[i], draw(st.integers(0, 5)), template)
        elif kind == "insert":
            at = draw(st.integers(0, len(lines[i])))
            junk = draw(st.sampled_from([b"\t", b"\x00", b"\xef\xbb\xbf", b"\xe3\x80\x80", b"#",
                                         b"\xe2\x80\x8b", b"\xd5\xe2", b"\r", b"&a ", b"*a",
                                         b"!!python/object:os.system ", b"{", b"'", b"- "]))
            lines[i] = lines[i][:at] + junk + lines[i][at:]
        elif kind == "indent":
            lines[i] = draw(st.sampled_from(INDENTS)).encode() + lines[i].lstrip()
        raw = b"\n".join(lines)
        if kind == "truncate":
            raw = raw[: draw(st.integers(0, len(raw)))]
    return raw


@given(mutated())
def test_mutated_valid_reports(scratch: Path, raw: bytes) -> None:
    _outcome(run_both(raw, scratch))


def test_every_unmutated_report_keeps_its_figures(scratch: Path) -> None:
    """The starting points themselves: valid, and every figure shown as typed."""
    assert len(VALID_FILES) >= 3
    for path, raw in zip(VALID_FILES, VALID_TEXTS, strict=True):
        v_code, _, _ = run_both(raw, scratch)
        assert v_code == 0, path


# --- (c) accepted reports with arbitrary figures ----------------------------------------------


@st.composite
def figure_text(draw: st.DrawFn, *, at_most: str | None = None) -> str:
    """A non-negative figure as someone would type it (never an exponent: YAML 1.1 text)."""
    if at_most is not None:
        ceiling = float(at_most)
        whole = draw(st.integers(0, max(0, int(ceiling))))
        if draw(st.booleans()) or whole >= ceiling:
            return str(whole)
        digits = draw(st.integers(1, 7))
        fraction = draw(st.integers(0, 10**digits - 1))
        text = f"{whole}.{fraction:0{digits}d}"
        return text if float(text) <= ceiling else str(whole)
    size = draw(st.sampled_from([10, 1000, 10**6, 10**9, 10**16, 10**20]))
    whole = draw(st.integers(0, size))
    if draw(st.booleans()):
        return str(whole)
    digits = draw(st.integers(1, 9))
    return f"{whole}.{draw(st.integers(0, 10**digits - 1)):0{digits}d}"


@st.composite
def entry_for(draw: st.DrawFn, item_id: str) -> dict[str, str]:
    """The fields of one valid item entry, as text."""
    target = INDEX.targets.get(item_id)
    states = st.sampled_from(["not_started", "in_progress", "done", "blocked"])
    entry: dict[str, str] = {}
    if target is None:
        entry["state"] = draw(states)
        if draw(st.booleans()):
            entry["value"] = draw(figure_text())
    elif target.measure == "quantity":
        entry["value"] = draw(figure_text())
        if target.unit == "万平方米" and draw(st.booleans()):
            entry["unit"] = draw(st.sampled_from(["万平方米", "平方米", "㎡", "公顷"]))
        elif target.unit and draw(st.integers(0, 3)) == 0:
            entry["unit"] = target.unit
    elif target.measure == "rate":
        if draw(st.integers(0, 5)) == 0:
            entry["rate"] = draw(figure_text(at_most="100"))
        else:
            denominator = draw(figure_text().map(lambda t: t if float(t) > 0 else "1"))
            entry["numerator"] = draw(figure_text(at_most=denominator))
            entry["denominator"] = denominator
    else:
        entry["state"] = draw(states)
    if draw(st.integers(0, 3)) == 0:
        entry["note"] = draw(st.sampled_from(["已完成选址", "12 个小区", "#3 号楼", "'引号'"]))
    return entry


def _once_per_indicator(ids: list[str]) -> list[str]:
    """A valid report gives an indicator once (two different figures would be an error)."""
    seen: set[str] = set()
    out = []
    for item_id in ids:
        target = INDEX.targets.get(item_id)
        name = target.indicator if target is not None else None
        if name is None or name not in seen:
            out.append(item_id)
            if name is not None:
                seen.add(name)
    return out


@st.composite
def valid_report(draw: st.DrawFn) -> bytes:
    org = draw(st.sampled_from(ORGS_WITH_TARGETS))
    aliases = INDEX.organisations[org].aliases
    unit = draw(st.sampled_from([org, *aliases]))
    year = draw(st.integers(2018, 2020))
    period = f"{year}-{draw(st.integers(1, 12)):02d}"
    own = [t.id for t in INDEX.reported_targets(org)]
    pool = own + UNTARGETED_ITEMS[:10]
    ids = _once_per_indicator(_some(draw, pool, 1, 6))
    indent = draw(st.sampled_from(["  ", "    "]))
    lines = [f"unit: {unit}", f"period: {period}"]
    if draw(st.booleans()):
        lines.append(f"submitted: {year + (period.endswith('12'))}-"
                     f"{int(period[5:]) % 12 + 1:02d}-0{draw(st.integers(1, 9))}")
    lines.append("items:")
    for item_id in ids:
        lines.append(f"{indent}{item_id}:")
        fields = list(draw(entry_for(item_id)).items())
        order = draw(st.permutations(fields))
        lines.extend(f"{indent * 2}{name}: {value}" for name, value in order)
    eol = draw(st.sampled_from(["\n", "\r\n"]))
    bom = draw(st.sampled_from([b"", b"\xef\xbb\xbf"]))
    return bom + (eol.join(lines) + eol).encode()


@given(valid_report())
def test_accepted_reports_keep_every_figure(scratch: Path, raw: bytes) -> None:
    note(raw.decode("utf-8-sig"))
    codes = run_both(raw, scratch)
    _outcome(codes)
    assert codes[0] == 0 and codes[1] in (0, 1)
