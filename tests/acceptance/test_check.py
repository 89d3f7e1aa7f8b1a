"""``mljy check``: exit codes, JSON, markdown, the rich table, and the sample reports.

The exact cases run against the small plan in tests/fixtures/check/plan.yaml (thresholds
10 / 30, a 10-month window, so at 2018-05 the schedule share is exactly 0.5):

- ok.yaml (甲镇): R 60/100 on track, M in progress, Q a contribution, D9 ongoing → exit 0
- reports/2018-05/乙镇.yaml: R 30/100 behind (L = 18.42), M blocked → amber only
- reports/2018-05/丙镇.yaml: R 10/100 at risk (L = 39.47), M missing → red
- invalid.yaml: ``value: 60万`` → exit 2
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from typer.testing import CliRunner

from meilijiayuan.cli import app
from meilijiayuan.findings import Finding
from meilijiayuan.judge.records import Status
from meilijiayuan.output.table.check import render_check
from meilijiayuan.plan.load import load_plan
from meilijiayuan.run.check import CheckRun, build_run
from meilijiayuan.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
FIX = ROOT / "tests" / "fixtures" / "check"
PLAN = FIX / "plan.yaml"
OK = FIX / "ok.yaml"
AMBER = FIX / "reports" / "2018-05" / "乙镇.yaml"
RED = FIX / "reports" / "2018-05" / "丙镇.yaml"
INVALID = FIX / "invalid.yaml"
INCONSISTENT = FIX / "inconsistent.yaml"
SAMPLES = ROOT / "data" / "reports"
REAL_PLAN = ROOT / "data" / "plan.yaml"
CONTRACT_FIELDS = ("id", "unit", "measure", "status", "target", "expected", "actual", "gap",
                   "unit_of_measure", "window")
FINDING_FIELDS = ("file", "line", "column", "code", "message")
ANSI = re.compile(r"\x1b\[[0-9;]*m")

runner = CliRunner()


def check(*args: str | Path, plan: Path = PLAN, env: dict[str, str] | None = None) -> Any:
    argv = ["check", "--plan", str(plan), *map(str, args)]
    return runner.invoke(app, argv, env={"COLUMNS": "200", "NO_COLOR": "1", **(env or {})})


def check_json(*args: str | Path, plan: Path = PLAN) -> tuple[int, dict[str, Any]]:
    result = check(*args, "--format", "json", plan=plan)
    return result.exit_code, json.loads(result.stdout)


def statuses(doc: dict[str, Any], unit: str | None = None) -> dict[str, str]:
    return {a["id"]: a["status"] for a in doc["assessments"] if unit is None or a["unit"] == unit}


# --- exit codes -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("args", "code"), [
    ((OK,), 0),
    ((AMBER,), 0),                            # amber does not fail by default
    ((AMBER, "--fail-on", "amber"), 1),
    ((RED,), 0),                              # nor red: --fail-on defaults to never
    ((RED, "--fail-on", "red"), 1),
    ((RED, "--fail-on", "never"), 0),
    ((RED, "--fail-on", "amber"), 1),
    ((OK, "--fail-on", "amber"), 0),
    ((INVALID,), 2),
    ((OK, INVALID), 2),                       # any invalid input wins
    ((INVALID, "--fail-on", "never"), 2),
    ((FIX / "nope.yaml",), 2),
    ((PLAN,), 2),                             # a plan is not a report
    ((OK, "--as-of", "2018-13-01"), 2),
    ((OK, "--format", "yaml"), 2),            # not a check format
    ((RED, "--format", "github"), 0),
    ((RED, "--format", "github", "--fail-on", "red"), 1),
    ((RED, "--format", "junit", "--fail-on", "never"), 0),
    ((OK, "--previous", INVALID), 2),
])
def test_exit_codes(args: tuple[str | Path, ...], code: int) -> None:
    result = check(*args)
    assert result.exit_code == code, result.stdout + result.stderr


def test_a_file_named_twice_is_checked_once() -> None:
    code, doc = check_json(AMBER, FIX / "reports" / "2018-05", "--fail-on", "red")
    assert code == 1 and doc["valid"] is True
    assert sorted(Path(r["file"]).name for r in doc["reports"]) == ["丙镇.yaml", "乙镇.yaml"]


def test_a_plan_is_not_a_report() -> None:
    code, doc = check_json(PLAN, OK)
    assert code == 2
    assert [(Path(e["file"]).name, e["code"]) for e in doc["errors"]] == [
        ("plan.yaml", "check-not-report")]


def test_invalid_files_in_the_reports_folder_are_left_out_with_a_warning(
        tmp_path: Path) -> None:
    shutil.copytree(FIX / "reports", tmp_path / "reports")
    shutil.copy(FIX / "invalid.yaml", tmp_path / "reports" / "invalid.yaml")
    code, doc = check_json(AMBER, "--reports", tmp_path / "reports")
    assert code == 0
    [warning] = doc["warnings"]
    assert warning["code"] == "reports-skipped" and "1" in warning["message"]
    assert doc["reports"][0]["district"]


def test_reports_that_cannot_be_ordered_in_the_folder_are_an_error_naming_both() -> None:
    # FIX holds ok.yaml and inconsistent.yaml, both 甲镇 2018-05 with no later `submitted`
    code, doc = check_json(AMBER, "--reports", FIX)
    assert code == 2
    clash = sorted((Path(e["file"]).name, e["line"]) for e in doc["errors"]
                   if e["code"] == "duplicate-report")
    assert clash == [("inconsistent.yaml", 2), ("ok.yaml", 3)]


def test_broken_plan_is_exit_2() -> None:
    result = check(OK, plan=INVALID)
    assert result.exit_code == 2
    code, doc = check_json(OK, plan=INVALID)
    assert code == 2 and doc["valid"] is False and doc["errors"]


def test_unexpected_failure_is_one_line_and_exit_2(monkeypatch: pytest.MonkeyPatch) -> None:
    import meilijiayuan.run.check as checking

    def boom(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(checking, "evaluate_report", boom)
    result = check(OK)
    assert result.exit_code == 2
    assert "Traceback" not in result.stdout + result.stderr
    assert "RuntimeError: boom" in result.stderr
    expected = Finding("internal-error", "mljy", args={"error": "RuntimeError: boom"})
    assert result.stderr.splitlines()[0] == f"mljy: {expected.message('zh')}"


# --- JSON -----------------------------------------------------------------------------------------


def test_json_round_trip_has_the_contract_fields() -> None:
    code, doc = check_json(OK, AMBER, RED)
    assert code == 0
    assert list(doc)[:2] == ["errors", "warnings"]  # the problems first
    assert doc["command"] == "check" and doc["valid"] is True
    assert len(doc["reports"]) == 3 and doc["assessments"]
    for a in doc["assessments"]:
        for key in CONTRACT_FIELDS:
            assert key in a, key
        assert Status(a["status"])  # a known status
        assert a["window"] == {"start": "2018-01", "end": "2018-10"} or a["measure"] == "ongoing"
    for key in ("errors", "warnings"):
        assert isinstance(doc[key], list)
    by_file = {Path(r["file"]).name: r for r in doc["reports"]}
    assert statuses({"assessments": by_file["ok.yaml"]["assessments"]}) == {
        "Q": "ongoing", "R": "on_track", "M": "on_track", "D9": "ongoing"}
    assert statuses({"assessments": by_file["乙镇.yaml"]["assessments"]}) == {
        "Q": "ongoing", "R": "behind", "M": "behind"}
    assert statuses({"assessments": by_file["丙镇.yaml"]["assessments"]}) == {
        "Q": "ongoing", "R": "at_risk", "M": "missing"}


def test_json_figures_and_as_of_default_to_the_end_of_the_month() -> None:
    _, doc = check_json(AMBER)
    [report] = doc["reports"]
    assert report["as_of"] == "2018-05-31" and report["period"] == "2018-05"
    r = next(a for a in report["assessments"] if a["id"] == "R")
    assert (r["target"], r["expected"], r["actual"], r["gap"]) == (95, 47.5, 30, 17.5)
    assert r["lag_pp"] == pytest.approx(18.421053)
    assert (r["numerator"], r["denominator"], r["unit_of_measure"]) == (30, 100, "%")
    q = next(a for a in report["assessments"] if a["id"] == "Q")
    assert q["contribution"] is True and q["expected"] is None and q["actual"] == 10
    assert report["summary"] == {"behind": 2, "contribution": 1}


def test_as_of_moves_the_schedule() -> None:
    code, doc = check_json(OK, "--as-of", "2018-10-15", "--fail-on", "red")
    assert code == 1
    assert doc["reports"][0]["as_of"] == "2018-10-15"
    assert statuses(doc)["R"] == "overdue" and statuses(doc)["M"] == "overdue"


def test_invalid_report_lists_its_errors_with_positions() -> None:
    code, doc = check_json(INVALID, OK)
    assert code == 2 and doc["valid"] is False
    [error] = doc["errors"]
    for key in FINDING_FIELDS:
        assert key in error
    assert (error["code"], error["line"], error["column"]) == ("number-with-unit", 5, 12)
    assert [r["valid"] for r in doc["reports"]] == [False, True]


def test_previous_enables_this_month_consistency() -> None:
    prev = FIX / "reports" / "2018-04" / "甲镇.yaml"
    code, doc = check_json(INCONSISTENT, "--previous", prev)
    assert code == 0
    [warning] = doc["warnings"]
    assert warning["code"] == "this-month-inconsistent"
    assert (warning["line"], warning["column"]) == (6, 17)
    assert "5" in warning["message"]  # the total rose by 5, not 2
    _, clean = check_json(OK, "--previous", prev)
    assert clean["warnings"] == []


def test_previous_of_another_unit_is_a_warning() -> None:
    code, doc = check_json(OK, "--previous", AMBER)
    assert code == 0
    assert [w["code"] for w in doc["warnings"]] == ["previous-mismatch"]


def test_reports_dir_adds_the_district_and_the_previous_month() -> None:
    code, doc = check_json(INCONSISTENT, "--reports", FIX / "reports")
    assert code == 0
    [report] = doc["reports"]
    district = {a["id"]: a for a in report["district"]}
    assert set(district) == {"Q", "R", "M"}
    q = district["Q"]  # 30 (this report) + 10 + 5, not 甲镇's older 25
    assert (q["unit"], q["actual"], q["expected"], q["status"]) == ("全区", 45, 50, "on_track")
    assert (q["reporters"], q["expected_reporters"]) == (3, 3)
    r = district["R"]  # (60 + 30 + 10) / 300, a ratio of sums
    assert r["actual"] == pytest.approx(100 / 3, abs=1e-4)
    assert (r["numerator"], r["denominator"]) == (100, 300)
    assert district["M"]["status"] == "behind"  # one town blocked
    assert [w["code"] for w in report["warnings"]] == ["this-month-inconsistent"]


def test_district_rows_never_fail_a_unit() -> None:
    # 甲镇 is fine; the district is dragged down by 丙镇 but 甲镇's check passes
    result = check(OK, "--reports", FIX / "reports", "--fail-on", "amber")
    assert result.exit_code == 0


# --- markdown -------------------------------------------------------------------------------------


def test_markdown_has_a_row_per_item() -> None:
    result = check(OK, RED, "--format", "markdown")
    assert result.exit_code == 0
    text = result.stdout
    assert text.startswith("# mljy check")
    assert "## 甲镇 2018-05（截至 2018-05-31）" in text
    _, doc = check_json(OK, RED)
    for report in doc["reports"]:
        for a in report["assessments"]:
            assert re.search(rf"^\| {re.escape(a['id'])} \| ", text, re.M), a["id"]
    rows = [line for line in text.splitlines() if line.startswith("| ") and "---" not in line]
    assert len(rows) == len(doc["assessments"]) + 2  # plus one header row per table
    row = "| R | 组建率达95% | 牵头 | 95% | 47.5% | 10% (10/100) | +37.5 | +39.47 | ✖ 严重滞后 |"
    assert row in text


def test_markdown_english_and_findings() -> None:
    result = check(INVALID, AMBER, "--format", "markdown", "--lang", "en")
    text = result.stdout
    assert result.exit_code == 2
    assert "| ID | Item | Role | Target | Expected | Actual | Gap | Lag pp | Status |" in text
    assert "failed validation" in text and "`number-with-unit`" in text
    assert "▲ behind" in text


# --- the rich table -------------------------------------------------------------------------------


def run_for(*paths: Path, plan: Path = PLAN, reports_dir: Path | None = None,
            lang: str = "zh") -> CheckRun:
    index, findings = load_plan(str(plan))
    assert index is not None, findings
    return build_run(index, [str(p) for p in paths],
                     reports_dir=str(reports_dir) if reports_dir else None)


def rendered(run: CheckRun, width: int, lang: str = "zh") -> str:
    out = io.StringIO()
    console = Console(file=out, width=width, record=True, no_color=True, highlight=False)
    render_check(console, run, Settings(lang=lang))
    return console.export_text()


@pytest.mark.parametrize("width", [80, 200])
def test_table_keeps_ids_statuses_and_gaps_whole(width: int) -> None:
    run = run_for(OK, AMBER, RED, reports_dir=FIX / "reports")
    text = rendered(run, width)
    assert all(len(line) <= width for line in text.splitlines())
    for checked in run.reports:
        assert checked.evaluation is not None
        for a in checked.evaluation.assessments + checked.district:
            assert re.search(rf"^{re.escape(a.id)}\s", text, re.M), a.id
    for piece in ("● 正常", "▲ 滞后", "✖ 严重滞后", "? 未报送", "Σ 计入全区", "… 推进中",
                  "+17.5", "+18.42", "+37.5", "+39.47", "−12.5", "−13.16",
                  "甲镇 · 2018-05 · 截至 2018-05-31"):
        assert piece in text, piece
    assert "共 3 项：✖ 严重滞后 1 · ? 未报送 1 · Σ 计入全区 1 — 红色 2" in text


@pytest.mark.parametrize("width", [80, 200])
def test_table_of_a_real_sample_keeps_every_id_and_status(width: int) -> None:
    sample = SAMPLES / "2020-06" / "外冈镇.yaml"
    run = run_for(sample, plan=REAL_PLAN, reports_dir=SAMPLES)
    text = rendered(run, width)
    [checked] = run.reports
    assert checked.evaluation is not None and checked.district
    lines = text.splitlines()
    for a in checked.evaluation.assessments + checked.district:
        assert any(line.startswith(a.id + " ") for line in lines), a.id
        label = "Σ 计入全区" if a.contribution and a.status is Status.ongoing else (
            f"{a.status.symbol} {a.status.label('zh')}")
        assert label in text
    text_en = rendered(run, width, lang="en")
    assert "as of 2020-06-30" in text_en and "▲ behind" in text_en


def test_no_color_and_color_always() -> None:
    plain = check(RED, env={"NO_COLOR": "1"})
    assert not ANSI.search(plain.stdout)
    never = check(RED, "--color", "never", env={"NO_COLOR": ""})
    assert not ANSI.search(never.stdout)
    coloured = runner.invoke(app, ["check", "--plan", str(PLAN), str(RED), "--color", "always"],
                             env={"NO_COLOR": None, "COLUMNS": "200"})
    assert ANSI.search(coloured.stdout)
    assert "✖ 严重滞后" in ANSI.sub("", coloured.stdout)


def test_english_table() -> None:
    result = check(AMBER, "--lang", "en")
    assert "▲ behind" in result.stdout and "as of 2018-05-31" in result.stdout
    assert "3 items: ▲ behind 2 · Σ to district 1" in result.stdout


# --- a real process -------------------------------------------------------------------------------


def test_subprocess_console_script() -> None:
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "120", "PYTHONIOENCODING": "utf-8"}
    proc = subprocess.run(
        [sys.executable, "-m", "meilijiayuan", "check", "--plan", str(PLAN), str(RED), str(OK),
         "--fail-on", "red"],
        capture_output=True, text=True, encoding="utf-8", env=env, check=False, cwd=ROOT,
    )
    assert proc.returncode == 1, proc.stderr
    assert "✖ 严重滞后" in proc.stdout and "丙镇 · 2018-05" in proc.stdout
    assert "Traceback" not in proc.stderr
    proc = subprocess.run(
        [sys.executable, "-m", "meilijiayuan", "check", "--plan", str(PLAN), str(INVALID),
         "--format", "json"],
        capture_output=True, text=True, encoding="utf-8", env=env, check=False, cwd=ROOT,
    )
    assert proc.returncode == 2
    assert json.loads(proc.stdout)["errors"][0]["code"] == "number-with-unit"


# --- the sample reports ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def samples_doc() -> tuple[int, dict[str, Any]]:
    return check_json(SAMPLES, "--reports", SAMPLES, plan=REAL_PLAN)


def test_every_sample_report_checks_without_error(samples_doc: tuple[int, dict[str, Any]]) -> None:
    code, doc = samples_doc
    assert code in (0, 1)
    assert doc["errors"] == [] and doc["valid"] is True
    files = sorted(SAMPLES.rglob("*.yaml"))
    assert len(doc["reports"]) == len(files) > 0
    assert all(r["valid"] and r["assessments"] for r in doc["reports"])


def test_every_status_appears_in_the_samples(samples_doc: tuple[int, dict[str, Any]]) -> None:
    _, doc = samples_doc
    own = Counter(a["status"] for r in doc["reports"] for a in r["assessments"]
                  if not a["contribution"])
    assert set(own) == {s.value for s in Status}, own
    assert any(a["contribution"] for r in doc["reports"] for a in r["assessments"])


def test_samples_are_marked_illustrative() -> None:
    for path in SAMPLES.rglob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        assert text.startswith("# 示例数据"), path
        assert "\nnote: 示例数据" in text, path


def test_github_annotations_point_at_the_item_line() -> None:
    assert check(RED, "--format", "github").stdout == ""  # --fail-on never: nothing to flag
    result = check(RED, "--format", "github", "--fail-on", "red")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"::error file={RED},line=7,col=3,title=mljy at_risk::丙镇 R")
    assert "%0A" in lines[0] and "\n" not in lines[0]
    assert lines[1].startswith(f"::error file={RED},line=4,col=1,title=mljy missing::")


def test_junit_has_a_failure_per_red_item() -> None:
    import xml.etree.ElementTree as ET

    result = check(RED, "--format", "junit", "--fail-on", "red")
    assert result.exit_code == 1
    root = ET.fromstring(result.stdout.encode("utf-8"))
    cases = root.iter("testcase")
    failed = {case.get("name") for case in cases if case.find("failure") is not None}
    assert failed == {"R", "M"}


def test_version() -> None:
    from meilijiayuan import __version__

    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.strip() == f"mljy {__version__}"


def test_limits_options_reach_check_and_status() -> None:
    code, doc = check_json(OK, "--max-bytes", "10")
    assert code == 2
    assert [e["code"] for e in doc["errors"]] == ["file-too-large"]
    result = runner.invoke(app, ["status", str(FIX / "reports"), "--plan", str(PLAN),
                                 "--max-nodes", "3", "--format", "json"])
    assert result.exit_code == 2
    assert result.stdout == ""  # no usable report: nothing that could pass for a result
    assert "内容太多（超过 3 个值）" in result.stderr
