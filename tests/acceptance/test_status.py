"""``mljy status``: the district picture through the command line, in every format.

On the bundled illustrative sample reports (data/reports) and on tests/fixtures/status/clash,
a folder with a duplicate report, an invalid file and a late report.
"""

from __future__ import annotations

import io
import itertools
import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from pathlib import Path
from typing import Any, cast

import pytest
from rich import box
from rich.console import Console, JustifyMethod, OverflowMethod
from rich.measure import Measurement
from rich.segment import Segment
from rich.style import Style
from rich.table import Table
from rich.text import Text
from typer.testing import CliRunner

from meilijiayuan.cli import app
from meilijiayuan.judge.district import evaluate_district
from meilijiayuan.judge.in_effect import in_effect
from meilijiayuan.judge.picture import build_picture
from meilijiayuan.messages.renderers import HEADINGS
from meilijiayuan.output.cells.status import (
    NUMERIC,
    RANK_COLUMNS,
    TREND_COLUMNS,
    late_cells,
    ranking_cells,
    sparkline,
    trend_cells,
    word,
)
from meilijiayuan.output.documents.check import assessment_dict
from meilijiayuan.output.table.cell import Cell as _Cell
from meilijiayuan.output.table.status import WHOLE, _table
from meilijiayuan.periods import Month
from meilijiayuan.plan.index import PlanIndex
from meilijiayuan.run.status import collect

ROOT = Path(__file__).resolve().parents[2]
PLAN = "data/plan.yaml"
SAMPLES = "data/reports"
CLASH = "tests/fixtures/status/clash"
VIEWS = ("district", "matrix", "reports", "trend", "ranking")
ZH_HEADINGS = {key: zh.format(district="全区", ranked="街镇") for key, (zh, _) in HEADINGS.items()}
"""The views' headings in the bundled plan's words (plan.district 全区, ranking.label 街镇)."""

KEYS = ["errors", "warnings", "tool", "version", "command", "plan", "period", "as_of",
        "summary", "district", "matrix", "missing_reports", "late_reports", "trend", "ranking"]
SUMMARY_KEYS = ["achieved", "on_track", "behind", "at_risk", "overdue", "missing", "not_due",
                "ongoing", "green", "amber", "red"]
CELL_KEYS = ["id", "unit", "status", "level", "actual", "expected", "gap", "unit_of_measure",
             "figure_period"]
TREND_KEYS = ["id", "title", "unit_of_measure", "target", "window", "points"]
POINT_KEYS = ["period", "actual", "expected", "status", "change"]
RANK_KEYS = ["rank", "unit", "kind", "red", "amber", "green", "missing", "reported"]
CONTRACT = ["id", "unit", "measure", "status", "target", "expected", "actual", "gap",
            "unit_of_measure", "window", "level"]
FINDING_KEYS = {"file", "line", "column", "code", "message"}


@pytest.fixture(autouse=True)
def _at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    """Paths relative to the repository root; no ambient settings."""
    monkeypatch.chdir(ROOT)
    for var in ("MLJY_PLAN", "MLJY_LANG", "GITHUB_ACTIONS", "NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(var, raising=False)


def mljy(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["status", *args])
    return result.exit_code, result.stdout, result.stderr


def status_json(*args: str) -> tuple[int, dict[str, Any]]:
    code, out, _ = mljy(*args, "--plan", PLAN, "--format", "json")
    return code, json.loads(out)


# --- the table ------------------------------------------------------------------------------


def test_samples_show_every_view(index: PlanIndex) -> None:
    code, out, err = mljy(SAMPLES, "--plan", PLAN)
    assert code in (0, 1), err
    for key in VIEWS:
        assert ZH_HEADINGS[key] in out
    assert out.index(ZH_HEADINGS["district"]) < out.index(ZH_HEADINGS["ranking"])
    assert index.meta.title in out and "2020-12" in out and "截至 2020-12-31" in out
    assert "116 个文件：116 个通过" in out  # the total line over every file read
    assert "Traceback" not in out + err


def test_samples_in_english() -> None:
    code, out, _ = mljy(SAMPLES, "--plan", PLAN, "--lang", "en", "--period", "2019-06")
    assert code in (0, 1)
    for key in VIEWS:
        assert HEADINGS[key][1] in out
    assert "Reports not received" in out and "外冈镇" in out
    assert "一、全区目标进展" not in out
    assert "as of 2019-06-30" in out


def test_exit_code_follows_fail_on() -> None:
    # the samples at 2020-12 have red district targets (overdue), at 2019-06 too (2018 ones)
    assert mljy(SAMPLES, "--plan", PLAN)[0] == 0  # --fail-on defaults to never
    assert mljy(SAMPLES, "--plan", PLAN, "--fail-on", "red")[0] == 1
    assert mljy(SAMPLES, "--plan", PLAN, "--fail-on", "never")[0] == 0
    assert mljy(SAMPLES, "--plan", PLAN, "--fail-on", "amber", "--format", "json")[0] == 1


def test_clash_folder_still_shows_the_picture_and_exits_2() -> None:
    code, out, _ = mljy(CLASH, "--plan", PLAN)
    assert code == 2
    for key in (*VIEWS, "findings"):
        assert ZH_HEADINGS[key] in out
    assert "duplicate-report" in out and "count-with-unit" in out and "late-report" in out
    assert "马陆镇-再报.yaml" in out


# --- JSON: the stable interface ---------------------------------------------------------------


def test_json_has_exactly_the_documented_shape() -> None:
    code, doc = status_json(SAMPLES, "--period", "2019-06")
    assert code in (0, 1)
    assert list(doc) == KEYS
    assert (doc["tool"], doc["command"], doc["period"], doc["as_of"]) == (
        "mljy", "status", "2019-06", "2019-06-30")
    assert list(doc["plan"]) == ["id", "title", "document_number", "district", "ranking_label"]
    assert (doc["plan"]["district"], doc["plan"]["ranking_label"]) == ("全区", "街镇")
    assert doc["plan"]["document_number"] == "嘉府办发〔2018〕24号"
    assert list(doc["summary"]) == SUMMARY_KEYS
    assert sum(doc["summary"][k] for k in SUMMARY_KEYS[:8]) == len(doc["district"])
    for row in doc["district"]:
        assert set(CONTRACT) <= set(row)
        assert row["unit"] == "全区"
    assert list(doc["matrix"]) == ["targets", "units", "cells"]
    assert doc["matrix"]["targets"] == ["K2019-1", "W5", "J3a", "J3b", "J7"]
    assert len(doc["matrix"]["units"]) == 12
    for cell in doc["matrix"]["cells"]:
        assert list(cell) == CELL_KEYS
        assert cell["id"] in doc["matrix"]["targets"] and cell["unit"] in doc["matrix"]["units"]
    j3a = {c["unit"]: c for c in doc["matrix"]["cells"] if c["id"] == "J3a"}
    assert j3a["马陆镇"]["status"] == "on_track" and j3a["马陆镇"]["unit_of_measure"] == "%"
    k = {c["unit"]: c for c in doc["matrix"]["cells"] if c["id"] == "K2019-1"}
    assert (k["马陆镇"]["status"], k["马陆镇"]["level"]) == ("ongoing", "neutral")  # a share
    assert doc["missing_reports"] == [
        {"unit": "外冈镇", "period": "2019-06", "due": "2019-07-05",
         "items": ["K2019-1", "W5", "J3a", "J3b", "J7"],
         # a rate is a level: 外冈镇's 2018-12 无违建 figure (K2018-2, the indicator K2019-1
         # and W5 share) is its current level, carried into K2019-1's window (2019-01)
         "carried": ["K2019-1", "W5", "J3a", "J3b", "J7"], "invalid_files": [],
         "empty_files": []}]
    assert doc["late_reports"] == []
    for t in doc["trend"]:
        assert list(t) == TREND_KEYS
        assert len(t["window"]) == 2
        for p in t["points"]:
            assert list(p) == POINT_KEYS
    j3a_trend = next(t for t in doc["trend"] if t["id"] == "J3a")
    assert [p["period"] for p in j3a_trend["points"]] == ["2018-06", "2018-12", "2019-06"]
    assert j3a_trend["points"][0]["change"] is None
    last, before = j3a_trend["points"][-1], j3a_trend["points"][-2]
    assert last["change"] == pytest.approx(last["actual"] - before["actual"])
    for r in doc["ranking"]:
        assert list(r) == RANK_KEYS
    assert [r["rank"] for r in doc["ranking"]] == sorted(r["rank"] for r in doc["ranking"])
    assert doc["ranking"][-1]["unit"] == "外冈镇" and doc["ranking"][-1]["reported"] is False
    assert doc["errors"] == [] and doc["warnings"] == []


def test_json_late_reports_and_errors() -> None:
    code, doc = status_json(SAMPLES, "--period", "2018-12")
    assert code in (0, 1)
    assert doc["late_reports"] == [{
        "unit": "华亭镇", "period": "2018-12", "submitted": "2019-01-09", "due": "2019-01-05",
        "file": "data/reports/2018-12/华亭镇.yaml"}]
    assert [w["code"] for w in doc["warnings"]] == ["late-report"]
    code, doc = status_json(CLASH)
    assert code == 2
    assert list(doc) == KEYS
    assert sorted(e["code"] for e in doc["errors"]) == [
        "count-with-unit", "duplicate-report", "duplicate-report"]
    for finding in doc["errors"] + doc["warnings"]:
        assert set(finding) >= FINDING_KEYS


def test_json_district_rows_are_the_check_engine(index: PlanIndex) -> None:
    """The 全区 rows are evaluate_district over the figures in effect, as ``check`` computes
    them."""
    _, doc = status_json(SAMPLES, "--period", "2019-12")
    submissions, _ = collect([SAMPLES], index)
    month = Month(2019, 12)
    standings, _ = in_effect(submissions, month)
    expected = [assessment_dict(a, "zh") for a in evaluate_district(index, standings, month)]
    assert doc["district"] == json.loads(json.dumps(expected, ensure_ascii=False))


@pytest.mark.parametrize("fmt", ["table", "json", "markdown", "github", "junit"])
@pytest.mark.parametrize("period", [(), ("--period", "2019-06")])
def test_a_folder_that_does_not_exist_gives_no_result(tmp_path: Path, fmt: str,
                                                      period: tuple[str, ...]) -> None:
    nowhere = tmp_path / "nowhere"
    code, out, err = mljy(str(nowhere), "--plan", PLAN, "--format", fmt, *period)
    assert (code, out) == (2, "")  # nothing that could pass for a result
    assert err.splitlines() == [f"{nowhere}: 找不到文件或文件夹 {nowhere}",
                                "  如何修改：检查路径是否写对。",
                                f"mljy: {nowhere} 不存在，未输出汇总"]


@pytest.mark.parametrize("fmt", ["table", "json", "markdown", "github", "junit"])
def test_a_folder_without_reports_gives_no_result(tmp_path: Path, fmt: str) -> None:
    code, out, err = mljy(str(tmp_path), "--plan", PLAN, "--format", fmt, "--period", "2019-06")
    assert (code, out) == (2, "")
    assert err.splitlines() == [f"{tmp_path}: {tmp_path} 中没有 .yaml/.yml 文件"
                                "（也没有 .xlsx/.xls/.ods 工作簿）",
                                "  如何修改：报表文件的扩展名应为 .yaml 或 .yml，或者是 "
                                "mljy template --format xlsx 生成的工作簿。",
                                f"mljy: {tmp_path} 中没有报表，未输出汇总"]


@pytest.mark.parametrize("fmt", ["table", "json", "markdown", "github", "junit"])
def test_a_month_without_reports_gives_no_result(fmt: str) -> None:
    code, out, err = mljy(SAMPLES, "--plan", PLAN, "--format", fmt, "--period", "2019-03")
    assert (code, out) == (2, "")
    assert err == f"mljy: {SAMPLES} 中没有 2019-03 的有效报表，未输出汇总\n"
    code, out, err = mljy(SAMPLES, "--plan", PLAN, "--lang", "en", "--period", "2019-03")
    assert (code, out) == (2, "")
    assert err == f"mljy: no valid report for 2019-03 in {SAMPLES}; nothing summarised\n"


def test_a_folder_with_only_invalid_reports_names_them_on_stderr(tmp_path: Path) -> None:
    bad = tmp_path / "2019-06" / "马陆镇.yaml"
    bad.parent.mkdir()
    bad.write_text("unit: 马陆镇\nperiod: 2019-06\nitems: [\n", encoding="utf-8")
    code, out, err = mljy(str(tmp_path), "--plan", PLAN, "--format", "markdown")
    assert (code, out) == (2, "")
    lines = err.splitlines()
    assert lines[0].startswith(f"{bad}:4:1: YAML 格式错误")
    assert lines[1].startswith("  如何修改：")  # each error says how to fix it, as validate does
    assert lines[-1] == f"mljy: {tmp_path} 中没有有效的报表，未输出汇总"


# --- --period -----------------------------------------------------------------------------------


def test_period_selects_the_month() -> None:
    _, latest = status_json(SAMPLES)
    assert latest["period"] == "2020-12"  # the latest month present by default
    _, june = status_json(SAMPLES, "--period", "2019-06")
    assert june["period"] == "2019-06"
    trend_months = {p["period"] for t in june["trend"] for p in t["points"]}
    assert max(trend_months) == "2019-06"  # nothing after the period is used
    k2019 = next(r for r in june["district"] if r["id"] == "K2019-6")
    assert (k2019["actual"], k2019["status"]) == (12.0, "on_track")


@pytest.mark.parametrize("bad", ["2019-6", "June", "2021-01", "2017-12"])
def test_a_bad_period_is_a_usage_error(bad: str) -> None:
    code, out, err = mljy(SAMPLES, "--plan", PLAN, "--period", bad)
    assert code == 2
    assert "--period" in err and out == ""


# --- markdown -----------------------------------------------------------------------------------


def test_markdown_has_headings_and_a_row_per_district_target(index: PlanIndex) -> None:
    code, out, _ = mljy(SAMPLES, "--plan", PLAN, "--format", "markdown", "--period", "2019-06")
    assert code in (0, 1)
    lines = out.splitlines()
    assert lines[0] == f"# {index.meta.title} 月度进度通报（2019-06）"
    for key in VIEWS:
        assert f"## {ZH_HEADINGS[key]}" in lines
    assert "## 概况" in lines
    for target in index.plan.targets:
        assert sum(1 for line in lines if line.startswith(f"| {target.id} |")) >= 1, target.id
    overview = lines[lines.index("## 概况") + 2]
    assert overview.startswith("截至2019-06-30，全区37项目标中，进行中的目标16项：")
    assert "外冈镇" in overview  # who did not report
    assert "| 外冈镇 | K2019-1、W5、J3a、J3b、J7 |" in lines


def test_markdown_in_english(index: PlanIndex) -> None:
    code, out, _ = mljy(SAMPLES, "--plan", PLAN, "--format", "markdown", "--lang", "en")
    assert code in (0, 1)
    for key in VIEWS:
        assert f"## {HEADINGS[key][1]}" in out
    assert "As of 2020-12-31, of the district's 37 targets" in out


# --- github and junit -----------------------------------------------------------------------------


def test_github_annotations() -> None:
    code, out, _ = mljy(CLASH, "--plan", PLAN, "--format", "github", "--fail-on", "red")
    assert code == 2
    lines = out.splitlines()
    dup = [line for line in lines if "title=mljy duplicate-report" in line]
    assert len(dup) == 2 and all(line.startswith("::error file=") for line in dup)
    assert any(line.startswith("::warning") and "title=mljy late-report" in line for line in lines)
    assert any(line.startswith("::warning title=mljy missing-report::外冈镇") for line in lines)
    assert any("title=mljy missing" in line and line.startswith("::error") for line in lines)
    assert lines[-1].startswith("4 个文件")


def test_github_is_chosen_inside_github_actions(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    code, out, _ = mljy(SAMPLES, "--plan", PLAN, "--fail-on", "never")
    assert code == 0
    assert out.splitlines()[-1].startswith("116 个文件")
    assert "::error" not in out


def test_junit_report() -> None:
    code, out, _ = mljy(CLASH, "--plan", PLAN, "--format", "junit")
    assert code == 2
    root = ET.fromstring(out)
    assert root.get("name") == "mljy status"
    suites = {s.get("name"): s for s in root.iter("testsuite")}
    assert "全区" in suites and "未报送" in suites
    assert any(name and name.endswith("马陆镇-再报.yaml") for name in suites)
    failed = [c for c in root.iter("testcase") if c.find("failure") is not None]
    assert failed


# --- the console script, end to end ---------------------------------------------------------------


def test_console_script_json() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("MLJY_PLAN", "GITHUB_ACTIONS")}
    proc = subprocess.run(
        [sys.executable, "-m", "meilijiayuan", "status", SAMPLES, "--format", "json",
         "--period", "2019-12"],
        cwd=ROOT, capture_output=True, env=env, check=False)
    assert proc.returncode in (0, 1), proc.stderr.decode()
    doc = json.loads(proc.stdout.decode("utf-8"))
    assert list(doc) == KEYS and doc["period"] == "2019-12"


# --- small pieces ---------------------------------------------------------------------------------


def test_sparkline_is_scaled_to_the_target() -> None:
    assert sparkline([0, 50, 100], 100) == "▁▅█"
    assert sparkline([20, None, 40], 80) == "▃ ▅"
    assert sparkline([None]) == " "
    assert sparkline([5, 5]) == "██"  # no target: scaled to the highest value


# --- the console tables: cheaper cells, the same drawing -------------------------------------

CELL_TEXTS = ["", "7", "✔ 已报", "菊园新区管委会", "+4.82 万平方米", "a b  c", "  ▁▂ ", "ab  ",
              "x\ty", "two\nlines", "bell\x07", "全角　空格", "K2018-1a"]


def _ansi(lines: list[list[Segment]]) -> str:
    return "\n".join("".join(s.style.render(s.text) if s.style else s.text for s in line)
                     for line in lines)


@pytest.mark.parametrize("justify", ["left", "right", "center", "full", "default"])
@pytest.mark.parametrize("no_wrap", [True, False])
def test_a_table_cell_is_measured_and_drawn_as_padded_text(justify: JustifyMethod,
                                                           no_wrap: bool) -> None:
    console = Console(width=60, force_terminal=True, color_system="truecolor")
    for text, style, pad, overflow, width in itertools.product(
            CELL_TEXTS, ["", "bold red"], [0, 1], ["fold", "ellipsis"], range(18)):
        cell = _Cell(text, style, pad=pad)
        case = (text, style, pad, overflow, width)
        options = console.options.update(width=width, justify=justify, no_wrap=no_wrap,
                                         overflow=cast(OverflowMethod, overflow), height=None)
        assert (Measurement.get(console, options, cell)
                == Measurement.get(console, options, cell.padded())), case
        for base in (Style(), Style(bold=True)):  # a body cell, a header cell
            drawn = console.render_lines(cell, options, style=base)
            assert _ansi(drawn) == _ansi(console.render_lines(cell.padded(), options,
                                                              style=base)), case


def _reference_table(columns: Sequence[str], rows: Sequence[dict[str, str]], lang: str,
                     styles: dict[str, list[str]], title: str | None) -> Table:
    """The status tables as drawn by rich alone: text cells, padding in the table."""
    table = Table(title=title, title_justify="left", header_style="bold", box=box.SIMPLE_HEAD,
                  pad_edge=False, show_edge=False, padding=(0, 1, 0, 0))
    for key in columns:
        table.add_column(word(key, lang), justify="right" if key in NUMERIC else "left",
                         no_wrap=key in WHOLE, overflow="fold")
    for i, row in enumerate(rows):
        table.add_row(*[Text(row[key], style=styles[key][i] if key in styles else "")
                        for key in columns])
    return table


def test_the_status_tables_are_drawn_as_rich_alone_draws_them(index: PlanIndex) -> None:
    samples = build_picture(index, collect([str(ROOT / SAMPLES)], index)[0], Month(2019, 6))
    clash = build_picture(index, collect([str(ROOT / CLASH)], index)[0], Month(2019, 6))
    assert samples.trend and samples.ranking and clash.late_reports
    for lang, picture in itertools.product(("zh", "en"), (samples, clash)):
        trend = [key for key in TREND_COLUMNS if key != "title"]  # as render_status
        tables = [
            (trend, [trend_cells(t, lang) for t in picture.trend],
             {"status": ["bold red"] * len(picture.trend)}, None),
            (RANK_COLUMNS, [ranking_cells(r, lang) for r in picture.ranking],
             {"unit": ["yellow"] * len(picture.ranking)}, None),
            (("unit", "submitted", "due", "file"), [late_cells(x) for x in picture.late_reports],
             {"unit": ["yellow"] * len(picture.late_reports)}, word("late", lang)),
        ]
        for columns, rows, styles, title in tables:
            for width in [*range(1, 100, 6), 120, 200]:
                drawn = []
                for table in (_table(columns, rows, lang, styles=styles, title=title),
                              _reference_table(columns, rows, lang, styles, title)):
                    out = io.StringIO()
                    Console(file=out, width=width, force_terminal=True,
                            color_system="truecolor").print(table)
                    drawn.append(out.getvalue())
                assert drawn[0] == drawn[1], (lang, columns, width)


def test_a_share_of_a_red_total_reads_the_same_in_the_terminal_and_markdown() -> None:
    """K2018-1 is judged for the district; each town's figure is its share (Σ 计入全区), as the
    通报, the 台账 and the dashboard say — not 推进中 (…)."""
    for fmt in ("table", "markdown"):
        code, out, _ = mljy(SAMPLES, "--plan", PLAN, "--period", "2019-06", "--format", fmt)
        assert code == 0
        assert "新成路街道 Σ 计入全区 3.64 万平方米 @2018-12" in out, fmt
        assert "新成路街道 … 3.64" not in out, fmt


def test_a_report_that_arrived_invalid_is_not_called_unsent(tmp_path: Path) -> None:
    """华亭镇 sent its 2019-06 report with a full-width colon: the file is named as invalid at
    the top, and in the missing list it is marked (报表未通过校验) — the office asks it to mend
    the file, not to send one. JSON names the file."""
    folder = tmp_path / "reports"
    shutil.copytree(ROOT / SAMPLES, folder)
    bad = folder / "2019-06" / "华亭镇.yaml"
    bad.write_text('unit: 华亭镇\nperiod: "2019-06"\nsubmitted: "2019-07-04"\nitems:\n  J3a:\n'
                   "    numerator： 80\n    denominator: 90\n", encoding="utf-8")
    code, out, _ = mljy(str(folder), "--plan", PLAN, "--period", "2019-06", "-f", "markdown")
    assert code == 2
    assert "| 华亭镇（报表未通过校验） | K2019-1、W5、J3a、J3b、J7 |" in out.splitlines()
    assert "应报单位中2个未报送（华亭镇（报表未通过校验）、外冈镇）" in out
    code, doc = status_json(str(folder), "--period", "2019-06")
    entries = {m["unit"]: m for m in doc["missing_reports"]}
    assert entries["华亭镇"]["invalid_files"] == [str(bad)]
    assert entries["外冈镇"]["invalid_files"] == []


def test_a_workbook_refused_whole_is_its_organisation_by_its_name(tmp_path: Path) -> None:
    """A damaged workbook says no 单位: named 华亭镇.xlsx (as `template --all` names it), it is
    华亭镇's report that arrived invalid, not a report never sent."""
    folder = tmp_path / "reports"
    shutil.copytree(ROOT / SAMPLES, folder)
    (folder / "2019-06" / "华亭镇.yaml").unlink()
    bad = folder / "2019-06" / "华亭镇.xlsx"
    bad.write_bytes(b"PK\x03\x04 half a workbook")
    code, doc = status_json(str(folder), "--period", "2019-06")
    assert code == 2  # the damaged file is an input that failed
    entries = {m["unit"]: m for m in doc["missing_reports"]}
    assert entries["华亭镇"]["invalid_files"] == [str(bad)]
    assert entries["外冈镇"]["invalid_files"] == []


def test_the_ledger_saved_among_the_reports_is_skipped(tmp_path: Path) -> None:
    """`status --format xlsx --out 台账.xlsx` run inside the reports folder: the next run read
    the 台账 as a report, refused it and exited 2."""
    folder = tmp_path / "reports"
    shutil.copytree(ROOT / SAMPLES, folder)
    ledger = folder / "台账.xlsx"
    code, _, _ = mljy(str(folder), "--plan", PLAN, "--period", "2019-06", "--format", "xlsx",
                      "--out", str(ledger))
    assert code == 0 and ledger.is_file()
    code, doc = status_json(str(folder), "--period", "2019-06")
    assert code == 0 and doc["errors"] == []
    skipped = [(w["file"], w["sheet"]) for w in doc["warnings"]
               if w["code"] == "workbook-not-report"]
    assert skipped == [(str(ledger), "概况")]


def test_a_report_with_no_item_is_no_report(tmp_path: Path) -> None:
    """华亭镇 sent its 2019-06 template back blank (items: {}): valid, with a warning, but a
    report in name only — it stays in the missing list, marked (报表为空), and the ranking does
    not count it as having reported."""
    folder = tmp_path / "reports"
    shutil.copytree(ROOT / SAMPLES, folder)
    blank = folder / "2019-06" / "华亭镇.yaml"
    blank.write_text('unit: 华亭镇\nperiod: "2019-06"\nsubmitted: "2019-07-04"\nitems: {}\n',
                     encoding="utf-8")
    code, out, _ = mljy(str(folder), "--plan", PLAN, "--period", "2019-06", "-f", "markdown")
    assert code == 0
    assert "| 华亭镇（报表为空） | K2019-1、W5、J3a、J3b、J7 |" in out.splitlines()
    code, doc = status_json(str(folder), "--period", "2019-06")
    entry = next(m for m in doc["missing_reports"] if m["unit"] == "华亭镇")
    assert (entry["empty_files"], entry["invalid_files"]) == ([str(blank)], [])
    assert next(r for r in doc["ranking"] if r["unit"] == "华亭镇")["reported"] is False
