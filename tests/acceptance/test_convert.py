"""``mljy convert``: YAML ↔ workbook losing nothing, and workbooks re-saved by LibreOffice."""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from meilijiayuan.cli import app
from meilijiayuan.periods import Month
from meilijiayuan.plan.index import PlanIndex
from meilijiayuan.read import sheet_extent, zip_plain
from meilijiayuan.report.model import Report
from meilijiayuan.report.validate import validate_file

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = """\
unit: 马陆镇
period: 2018-06
submitted: 2018-07-04
contact: "王敏 021-0000000"
note: "第一行\\n第二行 \\"引号\\" 'single' #不是注释: 冒号"
items:
  K2018-4:
    value: 5
    unit: 个
    this_month: 1
    note: 已完成选址
  K2018-1a:
    value: 0.1
  J3a:
    numerator: 120
    denominator: 126
  J13:
    state: in_progress
    evidence: 马府办〔2019〕12号
"""


def mljy(*args: str) -> Any:
    return CliRunner(env={"COLUMNS": "400", "NO_COLOR": "1"}).invoke(app, list(args))


def report_of(path: Path, index: PlanIndex) -> Report:
    result = validate_file(str(path), index)
    assert result.ok and result.report is not None, [f.location() for f in result.findings]
    return result.report


def check_rows(path: Path) -> list[dict[str, Any]]:
    result = mljy("check", str(path), "--format", "json", "--fail-on", "never")
    assert result.exit_code == 0, result.output
    return list(json.loads(result.stdout)["reports"][0]["assessments"])


def test_yaml_to_xlsx_to_yaml_loses_nothing(tmp_path: Path, index: PlanIndex) -> None:
    source = tmp_path / "马陆镇.yaml"
    source.write_text(SAMPLE, encoding="utf-8")
    assert mljy("convert", str(source), "--to", "xlsx").exit_code == 0
    book = tmp_path / "马陆镇.xlsx"
    (tmp_path / "back").mkdir()
    result = mljy("convert", str(book), "--to", "yaml", "--out", str(tmp_path / "back"))
    assert result.exit_code == 0, result.output
    back = tmp_path / "back" / "马陆镇.yaml"
    original = report_of(source, index)
    assert report_of(book, index) == original == report_of(back, index)
    assert original.note == "第一行\n第二行 \"引号\" 'single' #不是注释: 冒号"
    assert check_rows(source) == check_rows(book) == check_rows(back)
    assert "    value: 0.1\n" in back.read_text(encoding="utf-8")


def test_convert_never_overwrites_without_force(tmp_path: Path) -> None:
    source = tmp_path / "r.yaml"
    source.write_text(SAMPLE, encoding="utf-8")
    (tmp_path / "r.xlsx").write_bytes(b"keep")
    result = mljy("convert", str(source), "--to", "xlsx")
    assert result.exit_code == 2 and (tmp_path / "r.xlsx").read_bytes() == b"keep"
    assert "--force" in result.output or "已存在" in result.output
    assert mljy("convert", str(source), "--to", "xlsx", "--force").exit_code == 0
    assert (tmp_path / "r.xlsx").read_bytes()[:2] == b"PK"


def test_convert_writes_nothing_when_an_input_is_invalid(tmp_path: Path) -> None:
    good = tmp_path / "good.yaml"
    good.write_text(SAMPLE, encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text(SAMPLE.replace("value: 5", 'value: "60万"'), encoding="utf-8")
    result = mljy("convert", str(good), str(bad), "--to", "xlsx")
    assert result.exit_code == 2
    assert "number-with-unit" in result.output and "bad.yaml" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.yaml", "good.yaml"]


def test_convert_usage_errors(tmp_path: Path) -> None:
    source = tmp_path / "r.yaml"
    source.write_text(SAMPLE, encoding="utf-8")
    assert mljy("convert", str(source), "--to", "pdf").exit_code == 2
    result = mljy("convert", str(source), "--to", "xlsx", "--out", str(source))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"mljy: --out {source} 是文件，请给出文件夹（不存在时会新建）")
    made = tmp_path / "new" / "folder"  # a missing folder is made
    assert mljy("convert", str(source), "--to", "xlsx", "--out", str(made)).exit_code == 0
    assert (made / "r.xlsx").is_file()
    assert mljy("convert", str(tmp_path / "missing.yaml"), "--to", "xlsx").exit_code == 2


# --- the property: any valid YAML report → xlsx → YAML is the same report ------------------------

_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc"),
                              blacklist_characters="\u2028\u2029\ufeff\ufffe\uffff\x85")
                | st.sampled_from("\n\"'#: "), max_size=30)
_NUMBER = st.one_of(st.integers(0, 10**18),
                    st.decimals(0, 10**9, places=4).map(float),
                    st.floats(0, 1e12, allow_nan=False, allow_infinity=False)
                    .filter(lambda x: not x.is_integer()))


@st.composite
def reports(draw: Any) -> dict[str, Any]:
    items: dict[str, Any] = {}
    if draw(st.booleans()):
        entry: dict[str, Any] = {"value": draw(_NUMBER)}
        if draw(st.booleans()):
            entry["this_month"] = draw(_NUMBER)
        if draw(st.booleans()):
            entry["unit"] = "个"
        items["K2018-4"] = entry
    if draw(st.booleans()) or not items:
        denominator = draw(_NUMBER.filter(lambda x: x > 0))
        numerator = draw(st.sampled_from([0, denominator]))
        items["J3a"] = {"numerator": numerator, "denominator": denominator}
    if draw(st.booleans()):
        entry = {"state": draw(st.sampled_from(["not_started", "in_progress", "done", "blocked"]))}
        for key in ("note", "evidence"):
            text = draw(_TEXT)
            if draw(st.booleans()) and text.strip():
                entry[key] = text
        items["J13"] = entry
    data: dict[str, Any] = {"unit": "马陆镇", "period": "2018-06", "items": items}
    if draw(st.booleans()):
        data["submitted"] = "2018-07-0" + str(draw(st.integers(1, 9)))
    for key in ("contact", "note"):
        text = draw(_TEXT)
        if draw(st.booleans()) and text.strip():
            data[key] = text
    return data


@settings(max_examples=10, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=reports())
def test_any_valid_report_survives_xlsx_and_back(tmp_path: Path, index: PlanIndex,
                                                 data: dict[str, Any]) -> None:
    from meilijiayuan.output.report_yaml import report_yaml

    folder = Path(tempfile.mkdtemp(dir=tmp_path))
    source = folder / "马陆镇.yaml"
    source.write_text(report_yaml(Report.model_validate(data)), encoding="utf-8")
    original = report_of(source, index)
    assert mljy("convert", str(source), "--to", "xlsx").exit_code == 0
    book = folder / "马陆镇.xlsx"
    (folder / "back").mkdir()
    assert mljy("convert", str(book), "--to", "yaml", "--out", str(folder / "back")).exit_code == 0
    back = folder / "back" / "马陆镇.yaml"
    assert report_of(book, index) == original == report_of(back, index)
    assert check_rows(source) == check_rows(book) == check_rows(back)


# --- LibreOffice: a filled template re-saved by a real office program reads the same ----------

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_resaved_xlsx_ods_and_xls_read_the_same(tmp_path: Path,
                                                             index: PlanIndex) -> None:
    from meilijiayuan.output.template_xlsx import workbook_bytes

    source = tmp_path / "马陆镇.yaml"
    source.write_text(SAMPLE, encoding="utf-8")
    original = report_of(source, index)
    # the template's input cells, filled by a script (our writer, given the report)
    filled = tmp_path / "filled.xlsx"
    filled.write_bytes(workbook_bytes(index, "马陆镇", Month.parse("2018-06"), report=original))
    assert report_of(filled, index) == original
    assert SOFFICE is not None
    for target, folder in (("xlsx", "x"), ("ods", "o"), ("xls", "b")):
        out = tmp_path / folder
        subprocess.run([SOFFICE, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
                        "--convert-to", target, "--outdir", str(out), str(filled)],
                       check=True, capture_output=True, timeout=180)
        resaved = out / f"filled.{target}"
        assert resaved.is_file()
        assert report_of(resaved, index) == original, target
        if target == "xlsx":  # an office program's sheet takes the quick way to its extent
            sheet = zipfile.ZipFile(resaved).read("xl/worksheets/sheet1.xml")
            assert sheet_extent._quick(sheet) and zip_plain._plain(resaved.read_bytes())
        assert check_rows(resaved) == check_rows(source)


def test_english_template_reads_back_the_same(tmp_path: Path, index: PlanIndex) -> None:
    from meilijiayuan.output.template_xlsx import workbook_bytes

    source = tmp_path / "马陆镇.yaml"
    source.write_text(SAMPLE, encoding="utf-8")
    original = report_of(source, index)
    book = tmp_path / "en.xlsx"
    book.write_bytes(workbook_bytes(index, "马陆镇", Month.parse("2018-06"), lang="en",
                                    report=original))
    import python_calamine

    assert python_calamine.CalamineWorkbook.from_path(str(book)).sheet_names == [
        "Progress", "Guide"]
    assert report_of(book, index) == original
