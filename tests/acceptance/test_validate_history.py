"""``mljy validate`` gives the plausibility warnings on each organisation's latest report, the
other files given being its history.

tests/fixtures/history holds two reports of 马陆镇, two of 安亭镇 and one of 南翔镇. Worked
out by hand from the plan (K2018-4: a cumulative quantity, window 2018, district target 40;
J3a: a rate; thresholds: denominator 20 %, rate 30 pp, exceeds 1×):

- 马陆镇 2018-06 (its latest): K2018-4 3 after 5 in 2018-05 (figure-decreased, on
  ``value: 3``, 6:12); J3a 110/125 = 88 % after 50/100 = 50 %, 38 pp in one month
  (rate-jump, on ``numerator``, 8:16), denominator 125 after 100, 25 %
  (denominator-changed, on ``denominator``, 9:18);
- 安亭镇 2019-01 (its latest; 10 in 2018-12): K2018-4 after its window closed, no note
  (closed-window-figure) and 41 > 40 (exceeds-target), both on ``value: 41``, 7:12;
- 南翔镇 2019-01 would give the same two, but it is the organisation's only report: no
  history, so validate says nothing (``mljy status`` does, over the month's reports).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from meilijiayuan.cli import app
from meilijiayuan.run import pool
from tests.conftest import FIXTURES, write_report

PLAUSIBILITY = {"figure-decreased", "closed-window-figure", "exceeds-target",
                "denominator-changed", "rate-jump", "this-month-inconsistent", "before-window"}
EXPECTED = [
    ("history/2018-06/马陆镇.yaml", 6, 12, "figure-decreased"),
    ("history/2018-06/马陆镇.yaml", 8, 16, "rate-jump"),
    ("history/2018-06/马陆镇.yaml", 9, 18, "denominator-changed"),
    ("history/2019-01/安亭镇.yaml", 7, 12, "closed-window-figure"),
    ("history/2019-01/安亭镇.yaml", 7, 12, "exceeds-target"),
]


@pytest.fixture(autouse=True)
def _in_fixtures(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(FIXTURES)
    for name in ("MLJY_PLAN", "MLJY_LANG", "MLJY_JOBS", "GITHUB_ACTIONS", "PRE_COMMIT"):
        monkeypatch.delenv(name, raising=False)


def mljy(*args: str) -> tuple[int, str]:
    # 80 columns: the table format draws a finding as a block of lines, not a table
    result = CliRunner().invoke(app, ["--lang", "en", *args], env={"COLUMNS": "80"})
    return result.exit_code, result.stdout


def warnings_of(document: dict[str, Any]) -> list[tuple[str, int, int, str]]:
    return [(w["file"], w["line"], w["column"], w["code"])
            for f in document["files"] for w in f["warnings"]]


def test_every_warning_on_its_figure_and_exit_0() -> None:
    code, out = mljy("validate", "--format", "json", "history")
    assert code == 0
    document = json.loads(out)
    assert document["valid"] is True
    assert warnings_of(document) == EXPECTED
    assert all(not f["errors"] for f in document["files"])


def test_table_names_each_at_file_line_column() -> None:
    code, out = mljy("validate", "history")
    assert code == 0
    located = [line.split()[2:4] for line in out.splitlines() if line.startswith("! warning")]
    assert located == [[f"{f}:{line}:{col}", c] for f, line, col, c in EXPECTED]
    assert out.splitlines()[-1] == "5 files: 5 valid, 0 invalid; 0 errors, 5 warnings"


def test_github_annotations() -> None:
    code, out = mljy("validate", "--format", "github", "history")
    assert code == 0
    heads = [line.split("::")[1] for line in out.splitlines() if line.startswith("::warning")]
    assert heads == [f"warning file={f},line={line},col={col},title=mljy {c}"
                     for f, line, col, c in EXPECTED]


def test_junit_carries_them_without_failures() -> None:
    code, out = mljy("validate", "--format", "junit", "history")
    assert code == 0
    assert 'failures="0" errors="0"' in out.splitlines()[1]
    for f, line, col, c in EXPECTED:
        assert f"{f}:{line}:{col}: warning [{c}]" in out


def test_quiet_hides_them() -> None:
    assert mljy("validate", "-q", "history") == (0, "")


def test_one_report_of_an_organisation_has_no_history() -> None:
    code, out = mljy("validate", "--format", "json", "history/2019-01/安亭镇.yaml",
                     "history/2019-01/南翔镇.yaml")
    assert code == 0
    assert warnings_of(json.loads(out)) == []


def test_the_earlier_reports_are_history_not_judged(tmp_path: Path) -> None:
    """A later 马陆镇 report (2018-07: K2018-4 up from 3 to 4, J3a as before) makes 2018-06
    history: its fall is not said again; 安亭镇's warnings stay."""
    shutil.copytree(FIXTURES / "history", tmp_path / "history")
    write_report(tmp_path / "history", "马陆镇", "马陆镇", "2018-07",
                 {"K2018-4": {"value": 4}, "J3a": {"numerator": 110, "denominator": 125}})
    code, out = mljy("validate", "--format", "json", str(tmp_path / "history"))
    assert code == 0
    prefix = str(tmp_path) + "/"
    assert [(f.removeprefix(prefix), line, col, c)
            for f, line, col, c in warnings_of(json.loads(out))] == EXPECTED[3:]


def test_the_same_warnings_as_status_for_the_latest_month() -> None:
    """``status --period P`` judges the reports of P against the same history."""
    _, out = mljy("validate", "--format", "json", "history")
    by_status: set[tuple[str, int, int, str]] = set()
    for period in ("2018-06", "2019-01"):
        _, status = mljy("status", "history", "--period", period, "--format", "json")
        by_status |= {(w["file"], w["line"], w["column"], w["code"])
                      for w in json.loads(status)["warnings"]
                      if w["code"] in PLAUSIBILITY and "南翔镇" not in w["file"]}
    assert set(warnings_of(json.loads(out))) == by_status == set(EXPECTED)


def test_an_invalid_report_fails_the_run_not_the_warnings(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "history", tmp_path / "history")
    (tmp_path / "history" / "2018-07").mkdir()
    (tmp_path / "history" / "2018-07" / "马陆镇.yaml").write_text(
        "unit: 马陆镇\nperiod: 2018-07\nitems:\n  K2018-4:\n    value: -1\n", encoding="utf-8")
    code, out = mljy("validate", "--format", "json", str(tmp_path / "history"))
    assert code == 2  # the invalid file, which is no history either
    document = json.loads(out)
    assert [f["file"] for f in document["files"] if f["errors"]] == [
        str(tmp_path / "history" / "2018-07" / "马陆镇.yaml")]
    prefix = str(tmp_path) + "/"
    assert [(f.removeprefix(prefix), line, col, c)
            for f, line, col, c in warnings_of(document)] == EXPECTED


def test_a_correction_replaces_the_report_it_corrects(tmp_path: Path) -> None:
    """Two reports of 2018-06: the later one (value 6) is in effect, so the earlier one's
    fall from 5 to 3 is not warned about; the correction itself rose, so nothing is."""
    write_report(tmp_path, "马陆镇", "马陆镇", "2018-05", {"K2018-4": {"value": 5}})
    write_report(tmp_path, "马陆镇", "马陆镇", "2018-06", {"K2018-4": {"value": 3}},
                 submitted="2018-07-03")
    write_report(tmp_path, "马陆镇-更正", "马陆镇", "2018-06", {"K2018-4": {"value": 6}},
                 submitted="2018-07-09")
    code, out = mljy("validate", "--format", "json", str(tmp_path))
    assert code == 0
    assert warnings_of(json.loads(out)) == []
    (tmp_path / "2018-06" / "马陆镇-更正.yaml").unlink()
    code, out = mljy("validate", "--format", "json", str(tmp_path))
    assert (code, [w[1:] for w in warnings_of(json.loads(out))]) == (
        0, [(6, 12, "figure-decreased")])


def test_the_same_with_any_number_of_processes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Results come back from other processes without their documents: the positions are
    read again for the files with a warning, to the same output."""
    monkeypatch.setattr(pool, "MIN_FILES_PER_JOB", 1)
    outputs = {jobs: mljy("validate", "--format", "json", "-j", jobs, "history")
               for jobs in ("1", "2", "3")}
    assert outputs["2"] == outputs["1"] == outputs["3"]
    assert warnings_of(json.loads(outputs["1"][1])) == EXPECTED


def test_workbooks_are_located_by_cell(tmp_path: Path) -> None:
    for period in ("2018-05", "2018-06"):
        (tmp_path / period).mkdir()
        code, _ = mljy("convert", f"history/{period}/马陆镇.yaml", "--to", "xlsx",
                       "--out", str(tmp_path / period))
        assert code == 0
    code, out = mljy("validate", "--format", "json", str(tmp_path))
    assert code == 0
    found = [(w["sheet"], w["cell"], w["code"])
             for f in json.loads(out)["files"] for w in f["warnings"]]
    # the English template (--lang en): K2018-4 on row 14, J3a on row 16 (W5 shares
    # K2018-2's indicator: asked once); value in column G, numerator J, denominator K
    assert found == [("Progress", "G14", "figure-decreased"), ("Progress", "J16", "rate-jump"),
                     ("Progress", "K16", "denominator-changed")]
    code, out = mljy("validate", str(tmp_path))
    assert f"{tmp_path}/2018-06/马陆镇.xlsx:Progress!G14" in out
