"""``mljy status --format xlsx|docx --out FILE``: the 台账 workbook and the 通报.

The workbook is read back with python-calamine (values) and as XML (conditional formats,
frozen panes, filters, print setup); the 通报 with python-docx (text, fonts, page). Both
are converted to PDF by LibreOffice (Debian's ``libreoffice-calc``/``-writer``; ``.ci/run``
installs them); those tests are skipped only where no ``soffice`` is installed.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
import shutil
import subprocess
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from meilijiayuan.cli import app
from meilijiayuan.output.docx import FONTS, render_docx, title_pieces
from meilijiayuan.output.xlsx import render_xlsx
from tests.acceptance.test_startup import imported, packages
from tests.conftest import ROOT

SAMPLES = ROOT / "data" / "reports"
PERIOD = "2019-06"
UNITS = ["新成路街道", "真新街道", "嘉定镇街道", "南翔镇", "安亭镇", "马陆镇", "徐行镇", "华亭镇",
         "外冈镇", "江桥镇", "菊园新区管委会", "嘉定工业区"]
DEPARTMENTS = ["区绿化市容局", "区水务局", "区房管局", "区消防支队", "区市场监管局", "区联席办",
               "区社建办", "区民政局"]  # in the district rows' `units` (the matrix has towns)
VIEWS = ["概况", "全区目标", "单位×目标", "报送情况", "街镇排名", "月度趋势"]
SAMPLE_VIEWS = ["概况", "全区目标", "已关闭目标", "单位×目标", "报送情况", "街镇排名", "月度趋势"]
DISTRICT_HEAD = ["编号", "事项", "计量单位", "目标", "序时进度", "实际", "差距", "滞后（百分点）",
                 "开始", "结束", "状态", "已报单位数", "应报单位数", "涉及单位"]
DATED_HEAD = [*DISTRICT_HEAD[:11], "数据月份", *DISTRICT_HEAD[11:]]
SYMBOL = {"achieved": "✔ 已完成", "on_track": "● 正常", "behind": "▲ 滞后", "at_risk": "✖ 严重滞后",
          "overdue": "✖ 逾期", "missing": "? 未报送", "not_due": "○ 未开始", "ongoing": "… 推进中"}
STATE = {"in_progress": "推进中", "blocked": "受阻", "done": "已完成", "not_started": "未开始"}
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_soffice = pytest.mark.skipif(
    SOFFICE is None,
    reason="no LibreOffice (Debian: apt-get install libreoffice-calc libreoffice-writer); "
           ".ci/run installs it")


@pytest.fixture(autouse=True)
def _at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    for var in ("MLJY_PLAN", "MLJY_LANG", "GITHUB_ACTIONS"):
        monkeypatch.delenv(var, raising=False)


def mljy(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["status", *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def doc() -> dict[str, Any]:
    """The status JSON document of the samples for 2019-06 (what both files are made from)."""
    result = CliRunner().invoke(app, ["status", str(SAMPLES), "--period", PERIOD,
                                      "--format", "json"])
    assert result.exit_code == 0, result.output  # red rows, but --fail-on never by default
    parsed: dict[str, Any] = json.loads(result.stdout)
    return parsed


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """台账.xlsx and 通报.docx made by the command line from the samples."""
    folder = tmp_path_factory.mktemp("office")
    out = {}
    for fmt, name in (("xlsx", "台账.xlsx"), ("docx", "通报.docx")):
        path = folder / name
        result = CliRunner().invoke(app, ["status", str(SAMPLES), "--period", PERIOD,
                                          "--format", fmt, "--out", str(path)])
        assert result.exit_code == 0, result.output  # as the table (--fail-on never)
        assert result.stdout == ""
        done = rf"已生成 {re.escape(str(path))}（2019-06，\d+ KB）；0 个错误，0 个警告\n"
        assert re.fullmatch(done, result.stderr), result.stderr
        out[fmt] = path
    return out


def sheets(path: Path | bytes) -> dict[str, list[list[Any]]]:
    from python_calamine import CalamineWorkbook

    book = (CalamineWorkbook.from_path(str(path)) if isinstance(path, Path)
            else CalamineWorkbook.from_filelike(__import__("io").BytesIO(path)))
    return {name: book.get_sheet_by_name(name).to_python() for name in book.sheet_names}


def sheet_xml(path: Path | bytes, name: str) -> str:
    """The XML of the worksheet called ``name``."""
    source = path if isinstance(path, Path) else __import__("io").BytesIO(path)
    with zipfile.ZipFile(source) as z:
        workbook = z.read("xl/workbook.xml").decode()
        names = re.findall(r'<sheet name="([^"]+)" sheetId="\d+" r:id="rId(\d+)"', workbook)
        number = dict(names)[name]
        return z.read(f"xl/worksheets/sheet{number}.xml").decode()


def by_id(rows: list[list[Any]]) -> dict[str, list[Any]]:
    return {str(r[0]): r for r in rows[1:]}


def number(value: Any) -> float | str:
    """A JSON figure as the workbook holds it: a number (blank for none)."""
    return "" if value is None else float(Decimal(str(value)))


# --- the 台账 workbook -------------------------------------------------------------------------


def test_workbook_has_a_sheet_per_view_and_per_organisation(made: dict[str, Path]) -> None:
    assert list(sheets(made["xlsx"])) == [*SAMPLE_VIEWS, *UNITS, *DEPARTMENTS]


def test_district_sheet_holds_the_json_figures_as_numbers(made: dict[str, Path],
                                                         doc: dict[str, Any]) -> None:
    book = sheets(made["xlsx"])
    rows, closed_rows = book["全区目标"], book["已关闭目标"]
    assert rows[0] == closed_rows[0] == DATED_HEAD  # the samples' rows carry figure_period
    assert [r[0] for r in rows[1:]] == [d["id"] for d in doc["district"] if not d["closed"]]
    assert [r[0] for r in closed_rows[1:]] == [d["id"] for d in doc["district"] if d["closed"]]
    got = {**by_id(rows), **by_id(closed_rows)}
    for d in doc["district"]:
        row = got[d["id"]]
        assert row[3:8] == [number(d[k]) for k in ("target", "expected", "actual", "gap",
                                                    "lag_pp")] or (
            d["actual"] is None and row[5] == STATE[d["state"]]), d["id"]
        assert row[10] == SYMBOL[d["status"]]
        assert row[11] == (d["figure_period"] or "")
        assert row[12:14] == [float(d["reporters"]), float(d["expected_reporters"])]
    assert got["K2018-1"][:12] == ["K2018-1", "完成各类旧住房改造60万平方米", "万平方米",
                                   60.0, 60.0, 59.01, 0.99, 1.65, "2018-01",
                                   "2018-12", "✖ 逾期", "2018-12"]
    assert isinstance(got["K2018-1"][5], float)
    # the organisations behind a row come from its `units` (the judge lists them)
    assert got["J7"][14] == "外冈镇 ▲ 滞后 37.18% @2018-12"  # carried: its month, as elsewhere
    # a milestone's 实际 is its state (the terminal's 推进中 / 受阻), not a blank
    assert [got[i][5] for i in ("K2019-2", "K2019-4", "W29")] == ["推进中", "受阻", "推进中"]
    # who: a figure carried from an earlier report names its month ...
    assert got["J5"][14] == "华亭镇 ✖ 逾期 未开始 @2018-06；外冈镇 ✖ 逾期 推进中 @2018-12"
    # ... and a red total judged for the district only lists every share, as the other views
    for ident in ("K2018-1", "K2018-1a", "K2018-2", "K2018-4", "K2018-7"):
        assert got[ident][14].count("Σ 计入全区") == 12, ident
    assert got["K2018-1"][14].startswith("新成路街道 Σ 计入全区 3.64万平方米 @2018-12；"
                                         "真新街道 Σ 计入全区 3.77万平方米 @2018-12；")
    # 外冈镇's 2018-12 无违建 rate is its current level, carried into K2019-1's window
    # (2019-01): the green row counts all 12 and names nobody as behind
    assert got["K2019-1"][12:15] == [12.0, 12.0, ""]


def test_matrix_sheet_pairs_each_figure_with_its_status(made: dict[str, Path],
                                                       doc: dict[str, Any]) -> None:
    rows = sheets(made["xlsx"])["单位×目标"]
    targets = doc["matrix"]["targets"]
    assert rows[0] == ["单位", *[h for t in targets
                               for h in (f"{t}（%）", f"{t} 状态")]]
    assert [r[0] for r in rows[1:13]] == UNITS
    # under the table, what the @month after a carried figure means
    assert rows[14][0] == "数字后的 @YYYY-MM：该单位本月未报，沿用该月报表的数字。"
    table = {r[0]: r for r in rows[1:13]}
    for cell in doc["matrix"]["cells"]:
        col = 1 + 2 * targets.index(cell["id"])
        status = "Σ 计入全区" if cell["level"] == "neutral" else SYMBOL[cell["status"]]
        assert table[cell["unit"]][col:col + 2] == [number(cell["actual"]), status]


def number_formats(path: Path | bytes, name: str) -> dict[str, str]:
    """Cell reference → the number format it is shown with (cells with a custom format)."""
    source = path if isinstance(path, Path) else __import__("io").BytesIO(path)
    with zipfile.ZipFile(source) as z:
        styles = z.read("xl/styles.xml").decode()
    codes = {m[0]: m[1].replace("&quot;", '"')
             for m in re.findall(r'<numFmt numFmtId="(\d+)" formatCode="([^"]*)"/>', styles)}
    xfs = re.search(r"<cellXfs[^>]*>(.*?)</cellXfs>", styles, re.S)
    assert xfs
    by_style = [re.search(r'numFmtId="(\d+)"', xf) for xf in re.findall(r"<xf [^>]*>", xfs[1])]
    cells = re.findall(r'<c r="([A-Z]+\d+)" s="(\d+)"', sheet_xml(path, name))
    return {ref: codes[m[1]] for ref, s in cells
            if (m := by_style[int(s)]) is not None and m[1] in codes}


def test_matrix_marks_carried_figures_with_their_month(made: dict[str, Path]) -> None:
    """外冈镇 sent no 2019-06 report: its K2019-1, W5, J3a, J3b and J7 figures are its 2018-12
    ones (a rate is a level, carried into K2019-1's window too).
    They stay numbers, shown as ``61.54 @2018-12`` (the terminal's ``*``, the page's
    ``(2018-12)``); the current figures have no month."""
    formats = number_formats(made["xlsx"], "单位×目标")
    row = 1 + 1 + UNITS.index("外冈镇")
    assert {ref: code for ref, code in formats.items() if ref.endswith(str(row))} == {
        f"{col}{row}": code for col, code in (("B", '#,##0" @2018-12"'),
                                               ("D", '#,##0" @2018-12"'),
                                               ("F", '#,##0.00" @2018-12"'),
                                               ("H", '#,##0.00" @2018-12"'),
                                               ("J", '#,##0.00" @2018-12"'))}
    assert not any("@" in code for ref, code in formats.items() if not ref.endswith(str(row)))
    assert sheets(made["xlsx"])["单位×目标"][row - 1][5] == 61.5384615385  # still a number


def test_reports_ranking_trend_and_organisation_sheets(made: dict[str, Path],
                                                      doc: dict[str, Any]) -> None:
    book = sheets(made["xlsx"])
    assert book["报送情况"] == [
        ["单位", "月份", "情况", "应报事项", "报送日期", "截止日期", "文件"],
        ["外冈镇", "2019-06", "未报送", "K2019-1、W5、J3a、J3b、J7", "", dt.date(2019, 7, 5), ""]]
    ranking = book["街镇排名"]
    assert ranking[0] == ["名次", "单位", "类型", "红", "黄", "绿", "未报送项", "本月已报送"]
    assert ranking[-1] == [12.0, "外冈镇", "镇", 0.0, 1.0, 2.0, 5.0, "否"]
    assert len(ranking) == 1 + len(doc["ranking"])
    trend = book["月度趋势"]
    assert len(trend) == 1 + sum(len(t["points"]) for t in doc["trend"])
    assert trend[2] == ["K2018-1", "完成各类旧住房改造60万平方米", "万平方米", 60.0, "2018-12",
                        59.01, 60.0, 30.71, "✖ 逾期"]
    assert book["外冈镇"][0] == ["编号", "事项", "计量单位", "序时进度", "实际", "差距", "分子",
                                 "分母", "进展", "数据月份", "状态"]
    j7 = next(c for c in doc["matrix"]["cells"] if (c["id"], c["unit"]) == ("J7", "外冈镇"))
    assert by_id(book["外冈镇"])["J7"] == [
        "J7", "符合条件的小区业委会党的工作小组组建率达100%", "%", 50.0, number(j7["actual"]),
        number(j7["gap"]), 29.0, 78.0, "", "2018-12", "▲ 滞后"]
    assert round(j7["actual"], 2) == 37.18
    # rates: numerator and denominator from the district rows' units (马陆镇 J3a: 78/97)
    assert by_id(book["马陆镇"])["J3a"][6:8] == [78.0, 97.0]
    assert by_id(book["马陆镇"])["K2019-1"][6:8] == [13.0, 16.0]
    assert by_id(book["马陆镇"])["K2018-2"][6:8] == [11.0, 16.0]
    # not reported for 2019-06: its 2018-12 无违建 rate is its current level (a level is
    # carried into K2019-1's window, 2019-01), shown with its month as a share of the district
    assert by_id(book["外冈镇"])["K2019-1"][4:] == [60.0, "", 24.0, 40.0, "", "2018-12",
                                                 "Σ 计入全区"]
    assert book["概况"][2:4] == [["月份", "2019-06", "", ""], ["截至", "2019-06-30", "", ""]]
    # the counts by status, in all and per sheet (全区目标 holds the open targets, 已关闭目标
    # the closed ones): the 10 overdue are all on 已关闭目标
    counts = {r[0]: r[1:] for r in book["概况"][6:14]}
    assert book["概况"][5] == ["状态", "项数", "全区目标", "已关闭目标"]
    assert counts["✖ 逾期"] == [10.0, 0.0, 10.0] and counts["▲ 滞后"] == [1.0, 1.0, 0.0]
    assert counts["✔ 已完成"] == [11.0, 0.0, 11.0] and counts["● 正常"] == [9.0, 9.0, 0.0]


def test_workbook_xml_has_colours_panes_filters_and_print_setup(made: dict[str, Path]) -> None:
    xml = sheet_xml(made["xlsx"], "全区目标")
    assert '<pane xSplit="2" ySplit="1" topLeftCell="C2" activePane="bottomRight" ' \
           'state="frozen"/>' in xml
    assert '<autoFilter ref="A1:O17"/>' in xml  # 16 open rows; 数据月份 is a 15th column
    block = re.search(r'<conditionalFormatting sqref="K2:K17">(.*?)</conditionalFormatting>',
                      xml)
    assert block and block[1].count("<cfRule ") == 9  # each status, and Σ 计入全区
    assert "<formula>\"✖ 逾期\"</formula>" in xml
    assert '<pageSetup paperSize="9" fitToHeight="0" orientation="landscape"/>' in xml
    assert '<pageSetUpPr fitToPage="1"/>' in xml  # one page wide
    matrix = sheet_xml(made["xlsx"], "单位×目标")
    assert '<formula>$C2="? 未报送"</formula>' in matrix  # a figure takes its status's colour
    with zipfile.ZipFile(made["xlsx"]) as z:
        workbook = z.read("xl/workbook.xml").decode()
        styles = z.read("xl/styles.xml").decode()
    assert ('<definedName name="_xlnm.Print_Titles" localSheetId="1">全区目标!$1:$1'
            "</definedName>") in workbook  # the header printed on every page
    assert 'formatCode="#,##0.00"' in styles  # 59.01 shown with its two decimals
    closed = sheet_xml(made["xlsx"], "已关闭目标")  # K2018-1 is closed: the first row there
    assert "<c r=\"F2\" s=\"" in closed and "<v>59.01</v>" in closed  # stored as a number


def document_with_new_keys(doc: dict[str, Any]) -> dict[str, Any]:
    """The document as it grows: figures as decimal strings, ``figure_period``, ``closed``
    and ``units`` on district rows."""
    grown = copy.deepcopy(doc)
    for row in grown["district"]:
        row["closed"] = row["window"]["end"] < PERIOD
        row["figure_period"] = "2018-12" if row["closed"] else PERIOD
    k1 = next(r for r in grown["district"] if r["id"] == "K2018-1")
    k1["actual"], k1["gap"] = "59.01", "0.99"
    k1["units"] = [
        {"unit": "南翔镇", "status": "overdue", "actual": "4.5", "figure_period": "2018-12"},
        {"unit": "马陆镇", "status": "achieved", "actual": "6", "figure_period": "2018-12"},
        {"unit": "徐行镇", "status": "behind", "actual": "5", "figure_period": PERIOD},
        {"unit": "外冈镇", "status": "missing", "actual": None, "figure_period": None},
    ]
    return grown


def test_new_keys_give_a_month_column_a_closed_sheet_and_who(doc: dict[str, Any]) -> None:
    data = render_xlsx(document_with_new_keys(doc), "zh")
    book = sheets(data)
    assert list(book)[:3] == ["概况", "全区目标", "已关闭目标"]
    assert book["全区目标"][0] == [*DISTRICT_HEAD[:11], "数据月份", *DISTRICT_HEAD[11:]]
    open_ids = [r["id"] for r in doc["district"] if r["window"]["end"] >= PERIOD]
    assert [r[0] for r in book["全区目标"][1:]] == open_ids
    closed = by_id(book["已关闭目标"])
    assert closed["K2018-1"][5:7] == [59.01, 0.99]  # decimal strings written as numbers
    assert closed["K2018-1"][11] == "2018-12"
    assert closed["K2018-1"][14] == ("南翔镇 ✖ 逾期 4.5万平方米 @2018-12；徐行镇 ▲ 滞后 5万平方米；"
                                     "外冈镇 ? 未报送")
    assert by_id(book["南翔镇"])["K2018-1"][-2:] == ["2018-12", "✖ 逾期"]
    assert "<v>0.99</v>" in sheet_xml(data, "已关闭目标")


def test_text_that_looks_like_a_formula_stays_text(doc: dict[str, Any]) -> None:
    hostile = copy.deepcopy(doc)
    for row in hostile["district"]:
        row["title"] = '=HYPERLINK("http://example.invalid","x")'
    data = render_xlsx(hostile, "zh")
    for name in ("全区目标", "已关闭目标"):
        assert "<f>" not in sheet_xml(data, name)
        assert sheets(data)[name][1][1] == '=HYPERLINK("http://example.invalid","x")'


def test_english_workbook(doc: dict[str, Any]) -> None:
    book = sheets(render_xlsx(doc, "en"))
    assert list(book)[:7] == ["Overview", "District targets", "Closed targets",
                              "Units x targets", "Reports", "Ranking", "Trend"]
    assert book["Closed targets"][1][:1] + book["Closed targets"][1][10:11] == [
        "K2018-1", "✖ overdue"]


# --- the 通报 ---------------------------------------------------------------------------------


def east_asian(style: Any) -> str | None:
    from docx.oxml.ns import qn

    fonts = style.element.rPr.rFonts
    value: str | None = fonts.get(qn("w:eastAsia"))
    return value


def test_notice_title_fonts_and_page(made: dict[str, Path]) -> None:
    import docx
    from docx.shared import Length, Pt

    d = docx.Document(str(made["docx"]))
    texts = [p.text for p in d.paragraphs]
    assert texts[:3] == ["嘉定区住宅小区建设“美丽家园”\n三年行动计划(2018-2020)",
                         "2019年6月进度通报", "（嘉府办发〔2018〕24号  截至 2019-06-30）"]
    assert [p.style.name for p in d.paragraphs[:3]] == ["mljy 标题", "mljy 标题", "mljy 副标题"]
    for style_name, part in (("mljy 标题", "title"), ("Heading 1", "heading1"),
                             ("Heading 2", "heading2"), ("Normal", "body")):
        style = d.styles[style_name]
        assert (east_asian(style), style.font.size) == (FONTS[part][0], Pt(FONTS[part][1]))
    assert FONTS["title"] == ("方正小标宋简体", 22.0)
    assert FONTS["heading1"] == ("黑体", 16.0) and FONTS["body"] == ("仿宋_GB2312", 16.0)
    assert d.styles["Normal"].paragraph_format.line_spacing == Pt(28.9)
    assert [p.style.name for p in d.paragraphs if p.text == "一、总体情况"] == ["Heading 1"]
    section = d.sections[0]
    mm = [round(Length(x).mm, 1) for x in (section.page_width, section.page_height,
                                           section.top_margin, section.bottom_margin,
                                           section.left_margin, section.right_margin)]
    assert mm == [210, 297, 37, 35, 28, 26]  # A4; GB/T 9704 margins
    for footer in (section.footer, section.even_page_footer):
        xml = footer._element.xml
        assert "<w:instrText xml:space=\"preserve\"> PAGE </w:instrText>" in xml
        assert footer.paragraphs[0].text == "— 1 —"
        assert 'w:eastAsia="宋体"' in xml and '<w:sz w:val="28"/>' in xml  # 宋体 4号


def test_notice_lists_every_red_and_amber_item(made: dict[str, Path],
                                              doc: dict[str, Any]) -> None:
    import docx

    texts = [p.text for p in docx.Document(str(made["docx"])).paragraphs]
    body = "\n".join(texts)
    # the counts are those of the lists under them: open targets (（一）, （二）) and closed
    # ones (（三）) apart, so "红色10项" is never followed by "本期没有红色事项"
    assert texts[5] == ("截至2019-06-30，全区37项目标中，进行中的目标16项：正常9项，滞后1项，"
                        "未开始6项（红色0项，黄色1项）；期限已过的目标21项：已完成11项，"
                        "逾期10项（红色10项，黄色0项）。12个街镇中11个本月已报送。"
                        "应报单位中1个未报送（外冈镇），没有迟报。")
    red = texts[texts.index("（一）红色事项") + 1:texts.index("（二）黄色事项")]
    amber = texts[texts.index("（二）黄色事项") + 1:texts.index("（三）期限已过的目标")]
    closed = texts[texts.index("（三）期限已过的目标") + 1:texts.index("三、报送情况")]
    assert red == ["本期没有红色事项。"] and len(amber) == 1 and len(closed) == 10
    red = [r for r in doc["district"] if r["level"] == "red"]
    assert len(red) == 10
    for n, row in enumerate(red, start=1):
        assert f"\n{n}. {row['id']} {row['title']}：{row['status_label']}。" in body
    k1 = next(t for t in texts if t.startswith("1. K2018-1 "))  # closed: under （三）
    assert k1.startswith("1. K2018-1 完成各类旧住房改造60万平方米：逾期。目标60万平方米，"
                         "序时进度60万平方米，实际59.01万平方米，差距0.99万平方米，"
                         "数据月份2018-12。涉及单位：新成路街道（Σ 计入全区，3.64万平方米，"
                         "数据月份2018-12）、")  # a share: the word every view uses
    assert ("3. K2018-1b 完成一般损坏旧住房隐患处置48万平方米：逾期。目标48万平方米，"
            "序时进度48万平方米，实际45.2万平方米，差距2.8万平方米，数据月份2018-12。"
            "涉及单位：外冈镇（逾期）。") in texts
    # the row's `units` name the department behind it and its state
    assert ("1. K2019-4 建立具备专业素养的住宅小区项目经理队伍：滞后。"
            "涉及单位：区房管局（滞后，受阻）。") in texts
    assert (texts.index("（一）红色事项") < texts.index("（二）黄色事项")
            < texts.index("三、报送情况"))


def test_notice_names_the_items_behind_each_ranking_count(made: dict[str, Path]) -> None:
    """The ranking counts open targets: its row "外冈镇 0 1 · 5" is followed by exactly the
    items it counts, the amber J7 and the five 未报项; 华亭镇's reds are of closed targets
    (under （三）), so it has no line."""
    import docx

    document = docx.Document(str(made["docx"]))
    ranking = {row.cells[1].text: [c.text for c in row.cells] for row in document.tables[-1].rows}
    assert ranking["外冈镇"][2:4] == ["0", "1"] and ranking["外冈镇"][5] == "5"
    assert ranking["华亭镇"][2:4] == ["0", "0"]
    texts = [p.text for p in document.paragraphs]
    after = texts[texts.index("按红色项数、黄色项数、本月是否报送排序，相同者并列。") + 1:]
    assert after == [
        "各街镇计入排名的红色、黄色事项和未报送项（期限已过的目标见（三））：",
        "外冈镇：黄色 J7（滞后）；未报送项 K2019-1、W5、J3a、J3b、J7。"]


def test_notice_names_who_is_behind(doc: dict[str, Any]) -> None:
    import io

    import docx

    grown = document_with_new_keys(doc)
    j7 = next(r for r in grown["district"] if r["id"] == "J7")
    j7["status"], j7["level"] = "behind", "amber"  # the matrix names who: 外冈镇
    texts = [p.text for p in docx.Document(io.BytesIO(render_docx(grown, "zh"))).paragraphs]
    red = texts[texts.index("（一）红色事项") + 1:texts.index("（二）黄色事项")]
    assert red == ["本期没有红色事项。"]  # every red row of the samples is of a closed window
    amber = texts[texts.index("（二）黄色事项") + 1:texts.index("（三）期限已过的目标")]
    assert amber[0] == ("1. K2019-4 建立具备专业素养的住宅小区项目经理队伍：滞后。"
                        "涉及单位：区房管局（滞后，受阻）。")
    assert amber[1].startswith("2. J7 符合条件的小区业委会党的工作小组组建率达100%：滞后。")
    # from `units`: 外冈镇's figure is its 2018-12 one, so the month is named
    assert amber[1].endswith("涉及单位：外冈镇（滞后，37.18%，数据月份2018-12）。")
    closed = texts[texts.index("（三）期限已过的目标") + 1:texts.index("三、报送情况")]
    assert closed[0] == (
        "1. K2018-1 完成各类旧住房改造60万平方米：逾期。目标60万平方米，序时进度60万平方米，"
        "实际59.01万平方米，差距0.99万平方米，数据月份2018-12。涉及单位：南翔镇（逾期，"
        "4.5万平方米，数据月份2018-12）、徐行镇（滞后，5万平方米）、外冈镇（未报送）。"
    )  # from `units`: the red and amber ones, the month of a figure that is not current
    assert len(closed) == 10


def test_notice_tables_and_english(made: dict[str, Path], doc: dict[str, Any]) -> None:
    import io

    import docx

    d = docx.Document(str(made["docx"]))
    missing, ranking = d.tables
    assert [c.text for c in missing.rows[1].cells] == ["外冈镇", "2019-06",
                                                       "K2019-1、W5、J3a、J3b、J7"]
    assert [c.text for c in ranking.rows[0].cells] == ["名次", "单位", "红", "黄", "绿", "未报送项",
                                                       "本月已报送"]
    assert len(ranking.rows) == 1 + len(doc["ranking"])
    assert "<w:tblHeader w:val=\"true\"/>" in ranking.rows[0]._tr.xml
    en = [p.text for p in docx.Document(io.BytesIO(render_docx(doc, "en"))).paragraphs]
    assert en[1] == "Progress report, 2019-06"
    assert "1. Overview" in en and not any(re.search(r"[\u4e00-\u9fff]", t)
                                           for t in en[4:] if t.startswith("(1)"))
    assert en[5].startswith("As of 2019-06-30, of the district's 37 targets, 16 open: "
                            "9 on track, 1 behind, 6 not due (0 red, 1 amber); "
                            "21 closed: 11 achieved, 10 overdue (10 red, 0 amber). 11 of the "
                            "12 organisations ranked reported this month. Owing a report and "
                            "sent none: 1 (外冈镇); none was late.")
    assert en[-1] == "外冈镇: amber J7 (behind); items not reported K2019-1, W5, J3a, J3b, J7."


def test_title_breaks_after_a_closing_quote() -> None:
    assert title_pieces("嘉定区住宅小区建设“美丽家园”三年行动计划(2018-2020)") == [
        "嘉定区住宅小区建设“美丽家园”", "三年行动计划(2018-2020)"]
    assert title_pieces("短标题") == ["短标题"]
    assert title_pieces("一" * 30) == ["一" * 30]  # nowhere natural: the line wraps itself


# --- the command line -----------------------------------------------------------------------


@pytest.mark.parametrize(("args", "message"), [
    (["--format", "xlsx"], "mljy: --format xlsx 生成文件，须用 --out 指定，例如 --out 台账.xlsx\n"),
    (["--format", "docx"], "mljy: --format docx 生成文件，须用 --out 指定，例如 --out 通报.docx\n"),
    (["--format", "json", "--out", "x.json"],
     "mljy: --out 只用于 --format xlsx 或 docx；json 格式写到标准输出（可用 > 重定向）\n"),
    (["--format", "docx", "--out", "x.xlsx"],
     "mljy: --format docx 的文件名应以 .docx 结尾：x.xlsx\n"),
])
def test_usage_errors(args: list[str], message: str, tmp_path: Path) -> None:
    assert mljy(str(SAMPLES), *args) == (2, "", message)


def test_usage_error_in_english() -> None:
    code, _, err = mljy(str(SAMPLES), "--format", "xlsx", "--lang", "en")
    assert (code, err) == (2, "mljy: --format xlsx writes a file: give it with --out, "
                              "e.g. --out 台账.xlsx\n")


@pytest.mark.parametrize("source", ["missing-folder", "empty-folder", "early-period"])
def test_nothing_written_without_reports(source: str, tmp_path: Path) -> None:
    folder, period = str(SAMPLES), "2018-03"  # the samples start in 2018-06
    if source == "missing-folder":
        folder, period = str(tmp_path / "nowhere"), PERIOD
    elif source == "empty-folder":
        (tmp_path / "empty").mkdir()
        folder, period = str(tmp_path / "empty"), PERIOD
    out = tmp_path / "台账.xlsx"
    code, _, err = mljy(folder, "--period", period, "--format", "xlsx", "--out", str(out))
    assert code == 2
    assert err.endswith("，未输出汇总\n"), err  # the reason, and that nothing was written
    assert not out.exists() and list(tmp_path.glob(".*.tmp")) == []


def test_invalid_report_is_named_at_the_top_and_the_file_replaced(tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    shutil.copytree(SAMPLES, reports)
    bad = reports / PERIOD / "坏.yaml"
    bad.write_text("unit: 马陆镇\nperiod: 2019-06\nitems: [\n", encoding="utf-8")
    out = tmp_path / "台账.xlsx"
    out.write_bytes(b"last month's file")
    code, _, err = mljy(str(reports), "--period", PERIOD, "--format", "xlsx", "--out", str(out))
    assert code == 2, err
    assert "1 个错误" in err
    first = sheets(out)["概况"][0][0]
    assert first == f"说明：1 份报表未通过校验，不计入任何数字（{bad}）。"
    problems = sheets(out)["校验问题"]
    assert problems[0] == ["位置", "级别", "代码", "问题", "如何修改"]
    assert [p[0].split(":")[0] for p in problems[1:]] == [str(bad)]
    assert problems[1][1] == "错误"
    notice = tmp_path / "通报.docx"
    assert mljy(str(reports), "--period", PERIOD, "--format", "docx", "--out",
                str(notice))[0] == 2
    import docx

    texts = [p.text for p in docx.Document(str(notice)).paragraphs]
    assert texts[3:5] == ["", f"说明：1 份报表未通过校验，不计入任何数字（{bad}）。"]
    assert list(tmp_path.glob(".*.tmp")) == []


def test_office_libraries_only_when_asked() -> None:
    for args in (["status", "--help"], ["--help"],
                 ["status", str(SAMPLES), "--period", PERIOD, "--format", "json"]):
        assert not packages(imported(*args)) & {"xlsxwriter", "docx"}, args


# --- a real office suite -----------------------------------------------------------------------


def pdf_pages(pdf: Path) -> int:
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
        match = re.search(r"^Pages:\s+(\d+)", info.stdout, re.MULTILINE)
        assert match, info.stdout
        return int(match[1])
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf.read_bytes()))


@needs_soffice
@pytest.mark.parametrize(("fmt", "pages"), [("xlsx", 27), ("docx", 6)])
def test_libreoffice_converts_to_pdf(fmt: str, pages: int, made: dict[str, Path],
                                     tmp_path: Path) -> None:
    assert SOFFICE is not None
    profile = (tmp_path / "profile").as_uri()  # its own profile: runs do not share a lock
    proc = subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(made[fmt])],
        capture_output=True, text=True, timeout=180)
    assert proc.returncode == 0, proc.stderr
    pdf = tmp_path / (made[fmt].stem + ".pdf")
    assert pdf.exists(), proc.stdout + proc.stderr
    # a view or an organisation a page (7 views, 12 towns, 8 departments); the 通报 six,
    # now that each closed red row names every organisation in its `units`
    assert pdf_pages(pdf) == pages


def test_a_rates_gap_is_in_percentage_points(doc: dict[str, Any]) -> None:
    """A rate 8.93 below its target read "差距8.93" with no unit."""
    from meilijiayuan.output.docx import item_text

    k = next(r for r in doc["district"] if r["id"] == "K2018-2")
    assert "实际71.07%，差距8.93个百分点，" in item_text(1, k, doc, "zh")
    assert "Actual 71.07%, Gap 8.93 percentage points," in item_text(1, k, doc, "en")
