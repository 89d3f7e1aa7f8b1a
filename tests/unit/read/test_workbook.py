"""Report workbooks: the template, reading one, findings at sheet and cell, hostile files."""

from __future__ import annotations

import datetime as dt
import json
import time
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from meilijiayuan.cli import app
from meilijiayuan.findings import Finding
from meilijiayuan.periods import Month
from meilijiayuan.plan.index import PlanIndex
from meilijiayuan.read.limits import Limits
from meilijiayuan.read.workbook import figure_text, load_workbook
from meilijiayuan.report.validate import validate_file
from tests.conftest import ROOT
from tests.workbooks import HEADER_ROW, cell, grid_book, strip_cached_values

R = HEADER_ROW + 1  # the first item row: 7


def mljy(*args: str) -> Any:
    return CliRunner(env={"COLUMNS": "160", "NO_COLOR": "1"}).invoke(app, list(args))


def findings(path: Path, index: PlanIndex) -> list[Finding]:
    return validate_file(str(path), index).findings


def where(f: Finding) -> tuple[str, str | None, str | None]:
    return f.code, f.sheet, f.cell


# --- the template -----------------------------------------------------------------------------


def test_template_xlsx_has_named_cells_validations_protection(tmp_path: Path) -> None:
    out = tmp_path / "马陆镇.xlsx"
    result = mljy("template", "--format", "xlsx", "--unit", "马陆镇", "--period", "2018-06",
                  "--out", str(out))
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(out) as z:
        workbook = z.read("xl/workbook.xml").decode()
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
        guide = z.read("xl/worksheets/sheet2.xml").decode()
        strings = z.read("xl/sharedStrings.xml").decode()
    for name, ref in (("mljy_unit", "$B$2"), ("mljy_period", "$B$3"), ("mljy_plan", "$B$4"),
                      ("mljy_submitted", "$B$5"), ("mljy_contact", "$B$6")):
        assert f'<definedName name="{name}">\'进度\'!{ref}</definedName>' in workbook
    assert '<sheet name="进度"' in workbook and '<sheet name="说明"' in workbook
    protection = sheet.split("<sheetProtection")[1][:200]
    assert "password" not in protection  # a guide, not a lock
    assert 'ySplit="9"' in sheet and 'state="frozen"' in sheet  # the header stays in view
    assert 'orientation="landscape"' in sheet and 'paperSize="9"' in sheet  # A4 landscape
    assert '"未开始,进行中,已完成,受阻"' in sheet  # the state dropdown
    assert 'type="decimal" operator="greaterThanOrEqual"' in sheet  # numbers >= 0
    assert "AND(ISNUMBER(J10),J10&gt;=0,OR(K10=\"\",J10&lt;=K10))</formula1>" in sheet
    assert "2018-07-05" in strings  # the due date, on the guide sheet
    assert "<sheetProtection" in guide
    # the named cells say what the workbook is, as read back by calamine
    import python_calamine

    rows = python_calamine.CalamineWorkbook.from_path(str(out)).get_sheet_by_name(
        "进度").to_python()
    assert rows[1][:2] == ["单位 unit", "马陆镇"] and rows[2][:2] == ["月份 period", "2018-06"]
    assert rows[8][0] == "编号\nid"
    ids = [r[0] for r in rows[9:]]
    assert ids[:3] == ["K2018-1", "K2018-1a", "K2018-1b"] and "W1" in ids
    k4 = rows[9 + ids.index("K2018-4")]
    assert k4[2] == "必报" and k4[4] == "2018-01 – 2018-12"
    assert k4[5] == "计入全区合计"  # 马陆镇's K2018-4 figure counts toward the district's


def test_template_rows_are_as_tall_as_their_titles(tmp_path: Path) -> None:
    """An office program does not grow a row for wrapped text: a long title showed and
    printed cut off after about twenty characters."""
    import re

    out = tmp_path / "马陆镇.xlsx"
    assert mljy("template", "--unit", "马陆镇", "--period", "2019-06", "--format", "xlsx",
                "--out", str(out)).exit_code == 0
    sheet = zipfile.ZipFile(out).read("xl/worksheets/sheet1.xml").decode()
    heights = dict(re.findall(r'<row r="(\d+)"[^>]*? ht="([\d.]+)"', sheet))
    # K2019-1's title: 35 Chinese characters and 8 others, 78 columns in a 36-wide column:
    # 3 lines of 15 points; W25's: 61 and 1, 123 columns: 4 lines; the header keeps 32
    assert (heights["10"], heights["33"], heights["9"]) == ("45", "60", "32.25")
    assert "11" not in heights  # J3a's short title: one line, the default height


def test_template_xlsx_refuses_to_overwrite_and_needs_out(tmp_path: Path) -> None:
    out = tmp_path / "m.xlsx"
    out.write_bytes(b"keep")
    args = ["template", "--format", "xlsx", "--unit", "马陆镇", "--period", "2018-06"]
    result = mljy(*args, "--out", str(out))
    assert result.exit_code == 2 and out.read_bytes() == b"keep"
    assert mljy(*args).exit_code == 2
    assert mljy(*args, "--out", str(out), "--force").exit_code == 0
    assert out.read_bytes()[:2] == b"PK"


def test_template_all_writes_one_workbook_per_organisation_owing(tmp_path: Path,
                                                                index: PlanIndex) -> None:
    from meilijiayuan.plan.owed import owed_targets

    result = mljy("template", "--format", "xlsx", "--all", "--period", "2019-06",
                  "--out", str(tmp_path / "t"))
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in (tmp_path / "t").iterdir())
    owing = owed_targets(index, Month.parse("2019-06"))
    assert names == sorted(f"{org}.xlsx" for org in owing) and "马陆镇.xlsx" in names
    assert result.stderr == f"已生成 16 份模板（2019-06 应报单位各一份）→ {tmp_path / 't'}\n"
    assert len(owing) == 16
    # an unfilled template is no report yet: it has no items
    found = findings(tmp_path / "t" / "马陆镇.xlsx", index)
    assert [where(f) for f in found] == [("no-items", "进度", "A9")]


# --- reading --------------------------------------------------------------------------------------


def test_filled_workbook_reads_as_the_yaml_report(tmp_path: Path, index: PlanIndex) -> None:
    path = grid_book(tmp_path / "马陆镇.xlsx", [
        {"id": "K2018-4", "value": 5, "this_month": 1, "unit": "个",
         "note": "已完成选址\n第二行 \"引号\""},
        {"id": "J3a", "numerator": 120, "denominator": 126},
        {"id": "J13", "state": "进行中", "evidence": "马府办〔2019〕12号"},
        {"id": "K2018-1a", "value": 0.1},
    ], submitted=dt.date(2018, 7, 4))
    doc = load_workbook(str(path))
    assert doc.findings == [] and doc.sheet == "进度"
    assert doc.data == {
        "unit": "马陆镇", "period": "2018-06", "submitted": "2018-07-04",
        "items": {
            "K2018-4": {"value": 5, "this_month": 1, "unit": "个",
                        "note": "已完成选址\n第二行 \"引号\""},
            "J3a": {"numerator": 120, "denominator": 126},
            "J13": {"state": "in_progress", "evidence": "马府办〔2019〕12号"},
            "K2018-1a": {"value": 0.1},
        }}
    assert type(doc.data["items"]["K2018-4"]["value"]) is int
    assert doc.raw[("items", "K2018-1a", "value")] == "0.1"
    assert doc.value_pos[("items", "J3a", "denominator")] == (8, 4)
    result = validate_file(str(path), index)
    assert result.ok and result.findings == [] and result.unit == "马陆镇"


def test_columns_found_by_header_text_anywhere(tmp_path: Path, index: PlanIndex) -> None:
    """Reordered and extra columns, extra rows above, a hidden column: all read by header."""
    import xlsxwriter

    path = tmp_path / "r.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("进度")
    sheet.write_row("C3", ["月份", "2018-06", "", "单位", "马陆镇"])
    sheet.write_row("B8", ["状态 state", "额外 extra", "分母", "分子", "编号",
                           "累计完成（万平方米）"])
    sheet.write_row("B9", ["", "x", "", "", "K2018-1a", 3])
    sheet.write_row("B10", ["", "", 126, 120, "J3a"])
    sheet.set_column("D:D", None, None, {"hidden": True})
    book.close()
    doc = load_workbook(str(path))
    assert doc.data == {"unit": "马陆镇", "period": "2018-06", "items": {
        "K2018-1a": {"value": 3}, "J3a": {"numerator": 120, "denominator": 126}}}
    assert doc.value_pos[("items", "J3a", "numerator")] == (10, 5)
    assert doc.value_pos[("unit",)] == (3, 7) and doc.key_pos[("unit",)] == (3, 6)


@pytest.mark.parametrize(("stored", "expected"), [
    (0.1, "0.1"), (5.0, "5"), (1e-05, "0.00001"), (0.30000000000000004, "0.30000000000000004"),
    (123456.789, "123456.789"), (1e16, "10000000000000000"), (7, "7")])
def test_figure_text_is_the_shortest_exact_decimal(stored: float, expected: str) -> None:
    assert figure_text(stored) == expected
    assert Decimal(expected) == Decimal(repr(float(stored))).normalize() or \
        float(expected) == stored


# --- every finding a workbook can give, at its sheet and cell ---------------------------------

Q = "K2018-4"  # 马陆镇's quantity (个)
RATE = "J3a"
MS = "J13"  # a milestone
CASES: list[tuple[str, dict[str, Any], list[dict[str, Any]], str, str | None]] = [
    # (name, book keywords, items, code, cell)
    ("not-a-number", {}, [{"id": Q, "value": "N/A"}], "not-a-number", cell("value", R)),
    ("date-in-a-figure", {}, [{"id": Q, "value": dt.date(2019, 6, 30)}], "not-a-number",
     cell("value", R)),
    ("number-with-unit", {}, [{"id": Q, "value": "60万"}], "number-with-unit", cell("value", R)),
    ("full-width-digit", {}, [{"id": Q, "value": "１２"}], "full-width-digit", cell("value", R)),
    ("leading-zero", {}, [{"id": Q, "value": "010"}], "leading-zero", cell("value", R)),
    ("bool-as-number", {}, [{"id": Q, "value": True}], "bool-as-number", cell("value", R)),
    ("negative", {}, [{"id": Q, "value": -3}], "negative", cell("value", R)),
    ("numerator-exceeds-denominator", {}, [{"id": RATE, "numerator": 130, "denominator": 126}],
     "numerator-exceeds-denominator", cell("numerator", R)),
    ("zero-denominator", {}, [{"id": RATE, "numerator": 0, "denominator": 0}],
     "zero-denominator", cell("denominator", R)),
    ("incomplete-rate", {}, [{"id": RATE, "numerator": 3}], "incomplete-rate", "A7"),
    ("bare-rate", {}, [{"id": RATE, "rate": 95}], "bare-rate", cell("rate", R)),
    ("bad-state", {}, [{"id": MS, "state": "快完成了"}], "bad-state", cell("state", R)),
    ("fields-for-measure", {}, [{"id": Q, "state": "进行中", "numerator": 1, "denominator": 2}],
     "fields-for-measure", cell("numerator", R)),
    ("unit-mismatch", {}, [{"id": Q, "value": 3, "unit": "平方米"}], "unit-mismatch",
     cell("unit", R)),
    ("parts-mismatch", {}, [{"id": "K2018-1", "value": 10}, {"id": "K2018-1a", "value": 3},
                            {"id": "K2018-1b", "value": 4}], "parts-mismatch", cell("value", R)),
    ("unknown-item", {}, [{"id": "K2099-1", "value": 1}], "unknown-item", "A7"),
    ("lookalike-id", {}, [{"id": "Ｋ2018-4", "value": 1}], "lookalike", "A7"),
    ("not-reporter", {}, [{"id": "W4", "state": "进行中"}], "not-reporter", "A7"),
    ("unknown-organisation", {"unit": "马路镇"}, [{"id": Q, "value": 1}],
     "unknown-organisation", "B2"),
    ("lookalike-unit", {"unit": "馬陸鎮"}, [{"id": Q, "value": 1}], "lookalike", "B2"),
    ("group-as-unit", {"unit": "各街镇"}, [{"id": Q, "value": 1}], "group-as-unit", "B2"),
    ("wrong-type-unit", {"unit": None}, [{"id": Q, "value": 1}], "wrong-type", "B2"),
    ("period-format", {"period": "2018年6月"}, [{"id": Q, "value": 1}], "period-format", "B3"),
    ("period-outside-plan", {"period": "2021-01"}, [{"id": Q, "value": 1}],
     "period-outside-plan", "B3"),
    ("date-format", {"submitted": "7月4日"}, [{"id": Q, "value": 1}], "date-format", "B4"),
    ("submitted-before-period", {"submitted": dt.date(2018, 5, 1)}, [{"id": Q, "value": 1}],
     "submitted-before-period", "B4"),
    ("no-items", {}, [], "no-items", "A6"),
    ("workbook-no-id", {}, [{"value": 4}], "workbook-no-id", "A7"),
    ("workbook-duplicate-item", {}, [{"id": Q, "value": 4}, {"id": Q, "value": 5}],
     "workbook-duplicate-item", "A8"),
    ("workbook-error-value", {}, [{"id": Q, "value": "#DIV/0!"}], "workbook-error-value",
     cell("value", R)),
]


@pytest.mark.parametrize(("name", "book", "items", "code", "at"), CASES,
                         ids=[c[0] for c in CASES])
def test_finding_in_a_workbook_is_at_its_sheet_and_cell(
        tmp_path: Path, index: PlanIndex, name: str, book: dict[str, Any],
        items: list[dict[str, Any]], code: str, at: str | None) -> None:
    path = grid_book(tmp_path / "马陆镇.xlsx", items, **book)
    found = [where(f) for f in findings(path, index)]
    assert (code, "进度", at) in found, found


def test_a_finding_reads_file_sheet_cell_in_every_format(tmp_path: Path) -> None:
    path = grid_book(tmp_path / "马陆镇.xlsx", [{"id": Q, "value": "60万"}])
    text = CliRunner(env={"COLUMNS": "400", "NO_COLOR": "1"}).invoke(
        app, ["validate", str(path), "--lang", "en"])
    assert text.exit_code == 2
    assert f"{path}:进度!B7" in text.stdout
    doc = json.loads(mljy("validate", str(path), "--format", "json").stdout)
    error = doc["errors"][0]
    assert (error["sheet"], error["cell"], error["line"], error["column"]) == ("进度", "B7", 7, 2)
    github = mljy("validate", str(path), "--format", "github").stdout
    assert f"::error file={path},title=mljy number-with-unit 进度!B7::进度!B7: " in github
    junit = mljy("validate", str(path), "--format", "junit").stdout
    assert f"{path}:进度!B7: [number-with-unit]" in junit and 'line="7"' not in junit


def test_percent_cell_is_read_as_shown_with_a_warning(tmp_path: Path, index: PlanIndex) -> None:
    def percent(book: Any, sheet: Any) -> None:
        sheet.write_number("I7", 0.955, book.add_format({"num_format": "0.0%"}))

    path = grid_book(tmp_path / "马陆镇.xlsx", [{"id": RATE}], extra=percent)
    doc = load_workbook(str(path))
    assert doc.data["items"] == {RATE: {"rate": 95.5}}
    result = validate_file(str(path), index)
    assert [(f.code, f.cell, f.args.get("shown")) for f in result.findings] == [
        ("workbook-percent", "I7", "95.5%"), ("bare-rate", "I7", None)]


def test_a_count_formatted_as_a_percentage_is_refused_as_one(tmp_path: Path,
                                                             index: PlanIndex) -> None:
    """80% typed into 分子 (Excel stores 0.8, shows 80%) was read as the count 80 with only a
    warning; it is the percentage it shows, as "95%" typed as text is."""
    def percent(book: Any, sheet: Any) -> None:
        sheet.write_number("C7", 0.8, book.add_format({"num_format": "0%"}))

    path = grid_book(tmp_path / "马陆镇.xlsx", [{"id": RATE, "denominator": 100}], extra=percent)
    result = validate_file(str(path), index)
    assert [(f.code, f.cell, f.args.get("text")) for f in result.findings] == [
        ("percent-as-count", "C7", "80%")]


def test_number_stored_as_text_is_the_number(tmp_path: Path) -> None:
    path = grid_book(tmp_path / "r.xlsx",
                     [{"id": RATE, "numerator": "120", "denominator": " 126 "}])
    assert load_workbook(str(path)).data["items"] == {RATE: {"numerator": 120, "denominator": 126}}


def test_period_typed_into_excel_as_a_date_is_the_month(tmp_path: Path) -> None:
    path = grid_book(tmp_path / "r.xlsx", [{"id": Q, "value": 1}], period=dt.date(2018, 6, 1))
    assert load_workbook(str(path)).data["period"] == "2018-06"


def test_formula_uses_its_saved_value(tmp_path: Path, index: PlanIndex) -> None:
    def formula(book: Any, sheet: Any) -> None:
        sheet.write_formula("B7", "=2+3", None, 5)

    path = grid_book(tmp_path / "马陆镇.xlsx", [{"id": Q}], extra=formula)
    assert load_workbook(str(path)).data["items"] == {Q: {"value": 5}}
    strip_cached_values(path)
    found = findings(path, index)
    assert [(f.code, f.cell, f.args) for f in found] == [
        ("workbook-formula-uncached", "B7", {"formula": "=2+3"})]


@pytest.mark.parametrize("error", ["#DIV/0!", "#N/A"])
def test_a_formula_that_gives_an_error_is_an_error_at_its_cell(
        tmp_path: Path, index: PlanIndex, error: str) -> None:
    """calamine reads a formula's error value (t="e") as an empty cell: the figure vanished
    and the report passed."""
    def formula(book: Any, sheet: Any) -> None:
        sheet.write_formula("B7", "=1/0" if error == "#DIV/0!" else "=NA()", None, error)

    path = grid_book(tmp_path / "马陆镇.xlsx", [{"id": Q}], extra=formula)
    assert b't="e"' in zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml")
    assert [(f.code, f.cell, f.args) for f in findings(path, index)] == [
        ("workbook-error-value", "B7", {"text": error})]


def test_a_row_deleted_in_libreoffice_leaves_an_empty_last_row_that_is_read(
        tmp_path: Path, index: PlanIndex) -> None:
    """LibreOffice writes an empty <row r="1048576"> after a row is deleted: the sheet was
    refused as reaching row 1,048,576."""
    path = grid_book(tmp_path / "马陆镇.xlsx", [{"id": Q, "value": 12}])
    with zipfile.ZipFile(path) as old:
        parts = {i.filename: old.read(i.filename) for i in old.infolist()}
    parts["xl/worksheets/sheet1.xml"] = parts["xl/worksheets/sheet1.xml"].replace(
        b"</sheetData>", b'<row r="1048576" customFormat="false" ht="12.8"></row></sheetData>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
        for part, data in parts.items():
            new.writestr(part, data)
    result = validate_file(str(path), index)
    assert result.ok and result.report is not None and result.report.items[Q].value == 12


def test_merged_cells_across_inputs_are_refused(tmp_path: Path, index: PlanIndex) -> None:
    def merge(book: Any, sheet: Any) -> None:
        sheet.merge_range("C7:D7", 5)

    path = grid_book(tmp_path / "马陆镇.xlsx", [{"id": RATE}], extra=merge)
    assert [(f.code, f.cell, f.args) for f in findings(path, index)] == [
        ("workbook-merged", "C7", {"range": "C7:D7"})]


def test_hidden_row_is_read_with_a_warning(tmp_path: Path, index: PlanIndex) -> None:
    def hide(book: Any, sheet: Any) -> None:
        sheet.set_row(7, None, None, {"hidden": True})  # 0-based: row 8

    path = grid_book(tmp_path / "马陆镇.xlsx", [{"id": Q, "value": 1}, {"id": RATE, "numerator": 1,
                                                                   "denominator": 2}], extra=hide)
    result = validate_file(str(path), index)
    assert result.ok and result.report is not None and set(result.report.items) == {Q, RATE}
    assert [(f.code, f.cell) for f in result.findings] == [("workbook-hidden", "A8")]


def test_not_in_the_layout_says_what_is_missing_and_how_to_get_a_template(
        tmp_path: Path, index: PlanIndex) -> None:
    import xlsxwriter

    path = tmp_path / "随便.xlsx"
    book = xlsxwriter.Workbook(str(path))
    book.add_worksheet("Sheet1").write_row("A1", ["编号", "完成数"])
    book.close()
    (f,) = findings(path, index)
    assert f.code == "workbook-layout" and f.location() == f"{path}:Sheet1"
    assert "header row" in f.message("en") and "mljy template --format xlsx" in f.hint("en")
    # header present, the unit and period labels gone
    path2 = grid_book(tmp_path / "r.xlsx", [{"id": Q, "value": 1}],
                      extra=lambda b, s: (s.write_string("A2", "x"), s.write_string("A3", "y")))
    (f2,) = findings(path2, index)
    assert f2.code == "workbook-layout" and f2.args["missing"] == ("wb-unit", "wb-period")
    assert f2.message("en") == ("the workbook is not in the layout of an mljy report template: "
                                "the unit cell, the period cell missing")
    assert "缺少“单位”栏、“月份”栏" in f2.message("zh")


def test_a_renamed_sheet_is_named_as_missing(tmp_path: Path) -> None:
    """The guide sheet first and 进度 renamed: the message said only that 说明 lacks a header."""
    import xlsxwriter

    path = tmp_path / "马陆镇.xlsx"
    book = xlsxwriter.Workbook(str(path))
    book.add_worksheet("说明").write_string("A1", "如何填写")
    book.add_worksheet("进度表").write_string("A1", "编号")
    book.close()
    (f,) = load_workbook(str(path)).findings
    assert (f.code, f.sheet, f.args["missing"]) == ("workbook-layout", "说明",
                                                    ("wb-sheet", "wb-header"))
    assert "缺少“进度”工作表、表头行" in f.message("zh")


def test_check_and_status_read_workbooks_in_folders(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    grid_book(folder / "马陆镇.xlsx", [{"id": RATE, "numerator": 90, "denominator": 100}],
              period="2019-06", submitted=dt.date(2019, 7, 9))
    for junk in ("~$马陆镇.xlsx", ".~马陆镇.xlsx", "._马陆镇.xlsx", "._马陆镇.yaml"):
        (folder / junk).write_bytes(b"lock")  # lock files and a Mac's metadata: no reports
    result = mljy("validate", str(folder), "--format", "json")
    assert result.exit_code == 0, result.output
    assert [f["file"] for f in json.loads(result.stdout)["files"]] == [str(folder / "马陆镇.xlsx")]
    check = mljy("check", str(folder / "马陆镇.xlsx"), "--format", "json", "--fail-on", "never")
    assert check.exit_code == 0, check.output
    rows = json.loads(check.stdout)["reports"][0]["assessments"]
    assert any(r["id"] == RATE and r["numerator"] == 90 for r in rows)
    status = mljy("status", str(folder), "--period", "2019-06", "--format", "json")
    doc = json.loads(status.stdout)
    late = [f for f in doc["errors"] + doc["warnings"] if f["code"] == "late-report"]
    assert [(f["sheet"], f["cell"]) for f in late] == [("进度", "B4")]


def test_duplicate_report_between_workbook_and_yaml_names_the_cell(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    grid_book(folder / "a.xlsx", [{"id": RATE, "numerator": 90, "denominator": 100}],
              period="2019-06")
    (folder / "b.yaml").write_text("unit: 马陆镇\nperiod: 2019-06\nitems:\n  J3a:\n"
                                   "    numerator: 91\n    denominator: 100\n", encoding="utf-8")
    status = mljy("status", str(folder), "--period", "2019-06", "--format", "json")
    doc = json.loads(status.stdout)
    dup = sorted((f["file"], f.get("cell"), f["line"]) for f in doc["errors"] + doc["warnings"]
                 if f["code"] == "duplicate-report")
    assert dup == [(str(folder / "a.xlsx"), "B3", 3), (str(folder / "b.yaml"), None, 2)]


def test_this_month_checks_place_findings_in_the_workbook(tmp_path: Path, index: PlanIndex) -> None:
    previous = tmp_path / "prev.yaml"
    previous.write_text("unit: 马陆镇\nperiod: 2018-05\nitems:\n  K2018-4:\n    value: 6\n",
                        encoding="utf-8")
    for value, code, at in ((5, "figure-decreased", "B7"), (9, "this-month-inconsistent", "G7")):
        path = grid_book(tmp_path / "马陆镇.xlsx", [{"id": Q, "value": value, "this_month": 2}])
        result = mljy("check", str(path), "--previous", str(previous), "--format", "json",
                      "--fail-on", "never")
        found = json.loads(result.stdout)["reports"][0]
        codes = [(f["code"], f["sheet"], f["cell"]) for f in found["warnings"] + found["errors"]]
        assert codes == [(code, "进度", at)]
        path.unlink()


# --- hostile workbooks: refused or read within limits, in under 5 s, never a traceback --------


def _timed(path: Path, index: PlanIndex) -> list[Finding]:
    start = time.perf_counter()
    found = findings(path, index)
    assert time.perf_counter() - start < 5
    return found


def test_zip_bomb_is_refused_from_the_central_directory(tmp_path: Path, index: PlanIndex) -> None:
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/worksheets/sheet1.xml", b" " * (40 * 1024 * 1024))
    assert path.stat().st_size < 100_000
    (f,) = _timed(path, index)
    assert (f.code, f.args["part"], f.args["size"]) == ("workbook-too-large",
                                                         "xl/worksheets/sheet1.xml", 41943040)


def test_far_away_cell_is_refused_before_calamine(tmp_path: Path, index: PlanIndex) -> None:
    path = grid_book(tmp_path / "far.xlsx", [{"id": Q, "value": 1}],
                     extra=lambda b, s: s.write_number(1_048_575, 16_383, 1))
    (f,) = _timed(path, index)
    assert (f.code, f.args["rows"], f.location()) == ("workbook-too-many-cells", 1_048_576,
                                                      str(path))


def test_a_million_rows_are_refused_in_time(tmp_path: Path, index: PlanIndex) -> None:
    import xlsxwriter

    path = tmp_path / "million.xlsx"
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = book.add_worksheet("进度")
    for row in range(1_000_000):
        sheet.write_number(row, 0, row)
    book.close()
    assert [f.code for f in _timed(path, index)] == ["file-too-large"]  # --max-bytes first
    start = time.perf_counter()  # and with the file size limit raised, the cells limit
    (f,) = validate_file(str(path), index, limits=Limits(max_bytes=64 * 1_048_576)).findings
    assert time.perf_counter() - start < 5
    assert (f.code, f.args["rows"], f.args["columns"]) == ("workbook-too-many-cells", 1_000_000, 1)


def test_encrypted_workbook_is_refused(tmp_path: Path, index: PlanIndex) -> None:
    # what Office writes for a password-protected .xlsx: an OLE file holding the encrypted
    # package (the header and the stream names are what matters here)
    path = tmp_path / "locked.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504
                     + "EncryptionInfo".encode("utf-16-le") + b"\0" * 50
                     + "EncryptedPackage".encode("utf-16-le") + b"\0" * 400)
    (f,) = _timed(path, index)
    assert f.code == "workbook-encrypted" and f.location() == str(path)


def test_a_workbook_encrypted_as_office_does_is_refused(index: PlanIndex) -> None:
    """A real ECMA-376 (agile) encrypted template, not a made-up header: see its README."""
    path = ROOT / "tests" / "fixtures" / "encrypted" / "malu-2019-06-password.xlsx"
    (f,) = _timed(path, index)
    assert f.code == "workbook-encrypted" and f.location() == str(path)


def test_zip_entry_encrypted_is_refused(tmp_path: Path, index: PlanIndex) -> None:
    path = grid_book(tmp_path / "r.xlsx", [{"id": Q, "value": 1}])
    raw = bytearray(path.read_bytes())
    at = raw.find(b"PK\x01\x02")  # set the 'encrypted' flag of the first central entry
    raw[at + 8] |= 1
    path.write_bytes(bytes(raw))
    assert [f.code for f in _timed(path, index)] == ["workbook-encrypted"]


def test_macros_never_run_and_are_named(tmp_path: Path, index: PlanIndex) -> None:
    path = grid_book(tmp_path / "马陆镇.xlsm", [{"id": Q, "value": 1}])
    with zipfile.ZipFile(path, "a") as z:
        z.writestr("xl/vbaProject.bin", b"Attribute VB_Name = \"Auto_Open\"\x00" * 10)
    result = validate_file(str(path), index)
    assert result.ok and [f.code for f in result.findings] == ["workbook-macros"]


def test_external_links_are_not_followed(tmp_path: Path, index: PlanIndex) -> None:
    def link(book: Any, sheet: Any) -> None:
        sheet.write_formula("B7", "='[other.xlsx]Sheet1'!A1", None, 7)

    path = grid_book(tmp_path / "马陆镇.xlsx", [{"id": Q}], extra=link)
    with zipfile.ZipFile(path, "a") as z:
        z.writestr("xl/externalLinks/externalLink1.xml", "<externalLink/>")
    result = validate_file(str(path), index)
    assert result.report is not None and result.report.items[Q].value == 7
    assert [f.code for f in result.findings] == ["workbook-external-links"]


def test_half_a_zip_is_refused(tmp_path: Path, index: PlanIndex) -> None:
    whole = grid_book(tmp_path / "whole.xlsx", [{"id": Q, "value": 1}]).read_bytes()
    path = tmp_path / "half.xlsx"
    path.write_bytes(whole[: len(whole) // 2])
    (f,) = _timed(path, index)
    assert f.code == "workbook-unreadable" and "cut short" in f.message("en")
    assert "不完整" in f.message("zh")


@pytest.mark.parametrize("content", [b"", b"not a workbook at all", b"PK\x03\x04garbage"])
def test_garbage_with_a_workbook_name_is_refused(tmp_path: Path, index: PlanIndex,
                                                 content: bytes) -> None:
    for suffix in (".xlsx", ".ods", ".xls"):
        path = tmp_path / f"g{suffix}"
        path.write_bytes(content)
        (f,) = _timed(path, index)
        assert f.code == "workbook-unreadable", (suffix, f)


def test_startup_help_imports_no_workbook_library() -> None:
    from tests.acceptance.test_startup import imported

    for args in (["--help"], ["convert", "--help"], ["template", "--help"]):
        modules = imported(*args)
        assert not {"python_calamine", "xlsxwriter"} & {m.split(".")[0] for m in modules}


ODS_CONTENT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">
<office:body><office:spreadsheet><table:table table:name="进度">
<table:table-row><table:table-cell office:value-type="string"><text:p>单位</text:p>
</table:table-cell></table:table-row>
{rows}
</table:table></office:spreadsheet></office:body></office:document-content>"""


def _ods(path: Path, rows: str) -> Path:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", ODS_CONTENT.format(rows=rows))
        z.writestr("META-INF/manifest.xml", "<manifest/>")
    return path


def test_ods_rows_repeated_a_million_times_are_refused(tmp_path: Path, index: PlanIndex) -> None:
    # a few hundred bytes that a reader expanding repeats would make a million rows of
    row = ('<table:table-row table:number-rows-repeated="1000000"><table:table-cell '
           'office:value-type="float" office:value="1"/></table:table-row>')
    path = _ods(tmp_path / "bomb.ods", row)
    assert path.stat().st_size < 2000
    (f,) = _timed(path, index)
    assert (f.code, f.args["rows"], f.args["columns"]) == ("workbook-too-many-cells", 1_000_001, 1)


def test_ods_repeated_empty_rows_cost_nothing(tmp_path: Path, index: PlanIndex) -> None:
    # LibreOffice ends every sheet with a million empty repeated rows: no cells, no refusal
    row = ('<table:table-row table:number-rows-repeated="1048575"><table:table-cell/>'
           "</table:table-row>")
    (f,) = _timed(_ods(tmp_path / "empty.ods", row), index)
    assert f.code == "workbook-layout" and f.args["missing"] == ("wb-header",)


def test_template_xlsx_asks_a_shared_indicator_once(tmp_path: Path) -> None:
    """K2019-1 and W5 measure one 无违建 rate: the workbook, like the YAML template, has a row
    for K2019-1 that says it counts for W5 too, and no row for W5."""
    out = tmp_path / "马陆镇.xlsx"
    result = mljy("template", "--format", "xlsx", "--unit", "马陆镇", "--period", "2019-06",
                  "--out", str(out))
    assert result.exit_code == 0, result.output
    import python_calamine

    rows = python_calamine.CalamineWorkbook.from_path(str(out)).get_sheet_by_name(
        "进度").to_python()
    by_id = {r[0]: r for r in rows[9:]}
    assert "W5" not in by_id
    assert by_id["K2019-1"][1].endswith("（同一指标，也用于 W5，只报一次）")


# --- hints in the clerk's terms: cells and columns, not YAML keys -------------------------


def test_a_hint_at_a_cell_names_the_column_not_a_yaml_key(tmp_path: Path,
                                                           index: PlanIndex) -> None:
    path = grid_book(tmp_path / "马陆镇.xlsx", [{"id": Q, "value": "60万"}])
    (f,) = [f for f in findings(path, index) if f.code == "number-with-unit"]
    assert f.hint("zh") == "在“累计完成”列只填数字 60，单位填在“计量单位”列（例如 万平方米）。"
    assert f.hint("en") == ("Put only the number 60 in the column value, and the unit in the "
                            "column unit (e.g. 万平方米).")
    yaml = tmp_path / "马陆镇.yaml"
    yaml.write_text(f'unit: 马陆镇\nperiod: "2018-06"\nitems:\n  {Q}:\n    value: 60万\n',
                    encoding="utf-8")
    (g,) = [f for f in findings(yaml, index) if f.code == "number-with-unit"]
    assert g.hint("zh").startswith("写成 value: 60")  # a YAML report keeps its YAML hint


def test_every_workbook_hint_is_a_code_and_fills_in_both_languages() -> None:
    import re

    from meilijiayuan.messages.catalogue import CATALOGUE, WORKBOOK_HINTS, render_message

    args = {"field": "numerator", "number": "60", "suffix": "万平方米", "title": "业委会组建率",
            "item": "J3a", "expected": "台", "compatible": "台", "text": "x"}
    for code in WORKBOOK_HINTS:
        assert code in CATALOGUE
        zh = render_message(code, "hint", "zh", args, workbook=True)
        en = render_message(code, "hint", "en", args, workbook=True)
        assert "{" not in zh + en and ": " not in zh.replace("：", ""), (code, zh)
        english = re.sub("万平方米|业委会组建率|台", "", en)  # the arguments' own words
        assert not re.search(r"[\u4e00-\u9fff]", english), (code, en)
