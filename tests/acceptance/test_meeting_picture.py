"""The meeting picture one can trust (issue findings 3, 4, 5, 6 and 8), pinned on small folders
read against the bundled plan, with hand-computed figures.

Each test names the finding it pins and fails on the behaviour before the in-effect rule,
exact arithmetic and the revised status order.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from meilijiayuan.cli import app
from meilijiayuan.judge.picture import DistrictPicture, build_picture, latest_period
from meilijiayuan.judge.records import Assessment, Level, Status
from meilijiayuan.output.documents.check import number
from meilijiayuan.output.template import template_text
from meilijiayuan.periods import Month
from meilijiayuan.plan.index import PlanIndex
from meilijiayuan.report.validate import validate_file
from meilijiayuan.run.check import build_run
from meilijiayuan.run.status import collect
from tests.conftest import write_report as write

TOWNS = ("新成路街道", "真新街道", "嘉定镇街道", "南翔镇", "安亭镇", "马陆镇", "徐行镇",
         "华亭镇", "外冈镇", "江桥镇", "菊园新区管委会", "嘉定工业区")
ROOT = Path(__file__).resolve().parents[2]




def picture(index: PlanIndex, folder: Path, period: str | None = None) -> DistrictPicture:
    submissions, files = collect([str(folder)], index)
    chosen = Month.parse(period) if period else latest_period(submissions)
    assert chosen is not None
    return build_picture(index, submissions, chosen, files=files)


def row(pic: DistrictPicture, tid: str) -> Assessment:
    return next(a for a in pic.district if a.id == tid)


@pytest.fixture(scope="module")
def index() -> PlanIndex:
    from meilijiayuan.plan.load import load_plan

    idx, findings = load_plan(str(ROOT / "data" / "plan.yaml"))
    assert idx is not None, findings
    return idx


# --- finding 3: a carried figure shows its month; missing list and ranking agree ---------------


def test_finding3_carried_figure_is_marked_and_counted_as_unreported(
        index: PlanIndex, tmp_path: Path) -> None:
    for town in TOWNS:
        write(tmp_path, town, town, "2018-12", {"J3a": {"numerator": 8, "denominator": 13}})
        if town != "外冈镇":
            write(tmp_path, town, town, "2019-06", {"J3a": {"numerator": 9, "denominator": 13}})
    pic = picture(index, tmp_path, "2019-06")
    cell = pic.matrix["J3a"]["外冈镇"]
    assert (cell.actual, cell.figure_period) == (Decimal("61.5384615385"), "2018-12")
    assert pic.matrix["J3a"]["马陆镇"].figure_period == "2019-06"
    [missing] = [m for m in pic.missing_reports if m.unit in TOWNS]
    # 外冈镇 owes at 2019-06: K2019-1, W5, J3a, J3b, J7 (windows open, 各街镇 reporters)
    assert (missing.unit, missing.items) == ("外冈镇", ("K2019-1", "W5", "J3a", "J3b", "J7"))
    assert missing.carried == ("J3a",)
    rank = next(r for r in pic.ranking if r.unit == "外冈镇")
    assert rank.missing == len(missing.items) == 5
    # every other town reported J3a only: 4 owed items unreported each
    assert {r.missing for r in pic.ranking if r.unit != "外冈镇"} == {4}
    j = row(pic, "J3a")
    # 11·9 + 8 = 107 of 12·13 = 156: 100·107/156 = 68.5897435897…
    assert (j.numerator, j.denominator, j.actual) == (107, 156, Decimal("68.5897435897"))
    assert j.figure_period is None  # its units' months differ: each unit shows its own
    assert [(u.unit, u.figure_period) for u in j.units if u.figure_period != "2019-06"] == [
        ("外冈镇", "2018-12")]


# --- finding 4: every red of the ranking is traced to a district row ---------------------------


def test_finding4_reds_in_the_ranking_appear_in_units(index: PlanIndex, tmp_path: Path) -> None:
    # J3a at 2019-06: f = 18/36 = 1/2, E = 47.5 %; 1/10 = 10 %: L = 50 − 10.53 = 39.5 > 30, red
    for town in TOWNS:
        fig = {"numerator": 1 if town == "华亭镇" else 9, "denominator": 10}
        write(tmp_path, town, town, "2019-06", {"J3a": fig})
    pic = picture(index, tmp_path, "2019-06")
    # every town also leaves K2019-1, W5, J3b and J7 unreported: 4 missing (red) each
    hua = next(r for r in pic.ranking if r.unit == "华亭镇")
    assert (hua.red, hua.missing, hua.rank) == (5, 4, 12)
    # the ranking counts open targets (closed ones keep their final status in their rows)
    reds = [(a.id, u.unit) for a in pic.district if not a.closed for u in a.units
            if u.status.level is Level.red]
    assert ("J3a", "华亭镇") in reds
    for r in pic.ranking:
        assert sum(1 for _, unit in reds if unit == r.unit) == r.red, r.unit


def test_finding4_a_milestone_row_names_who_is_not_done(index: PlanIndex, tmp_path: Path) -> None:
    for town in TOWNS:
        state = "in_progress" if town in ("华亭镇", "外冈镇") else "done"
        write(tmp_path, town, town, "2018-12", {"J5": {"state": state}})
    j5 = row(picture(index, tmp_path, "2018-12"), "J5")
    assert (j5.status, j5.reporters, j5.expected_reporters) == (Status.overdue, 12, 12)
    assert j5.note == "未完成：华亭镇、外冈镇"
    assert [(u.unit, u.status) for u in j5.units if u.state != "done"] == [
        ("华亭镇", Status.overdue), ("外冈镇", Status.overdue)]


# --- finding 5: one indicator, one figure ------------------------------------------------------


def test_finding5_one_figure_judges_every_target_of_the_indicator(
        index: PlanIndex, tmp_path: Path) -> None:
    for town in TOWNS:
        write(tmp_path, town, town, "2019-06", {"K2019-1": {"numerator": 8, "denominator": 10}})
    pic = picture(index, tmp_path, "2019-06")
    k, w = row(pic, "K2019-1"), row(pic, "W5")
    # both 96/120 = 80 %; K2019-1: f = 6/12, E = 45; W5: f = 18/24, E = 67.5
    assert (k.numerator, k.denominator, k.actual, k.expected) == (96, 120, 80, 45)
    assert (w.numerator, w.denominator, w.actual, w.expected) == (96, 120, 80, Decimal("67.5"))
    text = template_text(index, "马陆镇", Month(2019, 6))
    assert "  K2019-1:" in text and "  W5:" not in text and "也用于 W5" in text


def test_finding5_two_different_figures_of_one_indicator_are_an_error(
        index: PlanIndex, tmp_path: Path) -> None:
    path = write(tmp_path, "m", "马陆镇", "2019-06", {
        "K2019-1": {"numerator": 8, "denominator": 10},
        "W5": {"numerator": 9, "denominator": 10}})
    res = validate_file(str(path), index)
    [f] = [f for f in res.findings if f.code == "indicator-conflict"]
    assert (f.line, f.column, f.level.value) == (7, 3, "error")  # the W5 key
    assert "K2019-1" in f.message("en") and "9/10" in f.message("en")
    same = write(tmp_path, "s", "马陆镇", "2019-06", {
        "K2019-1": {"numerator": 8, "denominator": 10},
        "W5": {"numerator": 8, "denominator": 10}})
    assert validate_file(str(same), index).ok


# --- finding 6: a late figure for a closed target is flagged on its line -----------------------


def test_finding6_closed_window_figure_is_flagged(index: PlanIndex, tmp_path: Path) -> None:
    write(tmp_path, "m", "马陆镇", "2018-12", {"K2018-1": {"value": 5.9}}, "2019-01-04")
    late = write(tmp_path, "m", "马陆镇", "2019-07", {"K2018-1": {"value": 60}}, "2019-08-02")
    pic = picture(index, tmp_path, "2019-07")
    got = [(f.code, f.line, f.column) for f in pic.findings if f.file == str(late)]
    # value: 60 on line 6, column 12; 60 is not above the whole target (1 × 60): no exceeds
    assert got == [("closed-window-figure", 6, 12)]
    # check with the folder as history says the same on the same line
    run = build_run(index, [str(late)], reports_dir=str(tmp_path))
    [checked] = run.reports
    assert [(f.code, f.line) for f in checked.findings] == [("closed-window-figure", 6)]
    # said in a note, it is a correction: no warning
    noted = write(tmp_path, "n", "马陆镇", "2019-08",
                  {"K2018-1": {"value": 60, "note": "更正 2018 年末数据"}})
    pic = picture(index, tmp_path, "2019-08")
    assert not [f for f in pic.findings if f.file == str(noted)]


# --- finding 8: statuses by the revised order, exact figures -----------------------------------


def test_finding8_bare_rates_before_the_window_are_not_due(index: PlanIndex,
                                                          tmp_path: Path) -> None:
    write(tmp_path, "m", "马陆镇", "2019-06", {"K2020-3": {"rate": 50}})
    k = row(picture(index, tmp_path, "2019-06"), "K2020-3")
    assert (k.status, k.actual, k.reporters) == (Status.not_due, None, 0)


def test_finding8_a_figure_before_the_window_does_not_count(index: PlanIndex,
                                                           tmp_path: Path) -> None:
    path = write(tmp_path, "s", "区市场监管局", "2018-12", {"K2019-6": {"value": 30}})
    pic = picture(index, tmp_path, "2018-12")
    k = row(pic, "K2019-6")
    assert (k.status, k.actual) == (Status.not_due, None)
    [f] = [f for f in pic.findings if f.code == "before-window"]
    assert (f.file, f.line, f.column) == (str(path), 5, 12)
    # carried into the window it still does not count: it was counted before the window
    k = row(picture(index, tmp_path, "2019-03"), "K2019-6")
    assert (k.status, k.actual) == (Status.missing, None)


def test_finding8_no_tolerance_when_comparing_with_the_target(index: PlanIndex,
                                                             tmp_path: Path) -> None:
    write(tmp_path, "s", "区市场监管局", "2019-12", {"K2019-6": {"value": 29.99999997}})
    k = row(picture(index, tmp_path, "2019-12"), "K2019-6")
    # 29.99999997 < 30 at the window's end: overdue; gap 30 − 29.99999997 = 0.00000003
    assert (k.status, k.gap) == (Status.overdue, Decimal("0.00000003"))


def test_finding8_missing_rows_carry_expected_and_closed_windows_are_overdue(
        index: PlanIndex, tmp_path: Path) -> None:
    write(tmp_path, "m", "马陆镇", "2019-06", {"J3a": {"numerator": 9, "denominator": 10}})
    pic = picture(index, tmp_path, "2019-06")
    k = row(pic, "K2019-6")  # nobody reported; 30 台 over 2019: f = 6/12, E = 15
    assert (k.status, k.expected, k.actual) == (Status.missing, 15, None)
    old = row(pic, "K2018-4")  # closed 2018-12, never reported
    assert (old.status, old.closed) == (Status.overdue, True)
    assert all(u.status is Status.overdue and u.missing for u in old.units)


def test_finding8_json_figures_are_exact_decimals(index: PlanIndex, tmp_path: Path) -> None:
    # 12 towns: eleven report 4.91 and one 5.0 → 59.01; gap 60 − 59.01 = 0.99 exactly
    for town in TOWNS:
        write(tmp_path, town, town, "2018-12",
              {"K2018-1": {"value": "5.0" if town == "马陆镇" else 4.91}})
    result = CliRunner().invoke(app, ["status", str(tmp_path), "--period", "2018-12",
                                      "--format", "json"])
    doc = json.loads(result.stdout)
    k = next(r for r in doc["district"] if r["id"] == "K2018-1")
    assert (k["actual"], k["gap"], k["expected"]) == (59.01, 0.99, 60)
    assert '"gap": 0.99,' in result.stdout
    assert number(Decimal("0.1") + Decimal("0.2")) == 0.3


# --- check --reports and status agree ----------------------------------------------------------


def test_check_and_status_name_both_files_of_a_clash(index: PlanIndex, tmp_path: Path) -> None:
    a = write(tmp_path, "a", "马陆镇", "2019-06", {"J3a": {"numerator": 9, "denominator": 10}},
              "2019-07-04")
    b = write(tmp_path, "b", "马陆镇", "2019-06", {"J3a": {"numerator": 1, "denominator": 10}},
              "2019-07-04")
    write(tmp_path, "c", "南翔镇", "2019-06", {"J3a": {"numerator": 5, "denominator": 10}})
    pic = picture(index, tmp_path, "2019-06")
    run = build_run(index, [str(a)], reports_dir=str(tmp_path))
    for findings in (pic.findings, run.findings):
        clash = sorted((f.file, tuple(f.args["other"])) for f in findings
                       if f.code == "duplicate-report")
        assert clash == [(str(a), (str(b),)), (str(b), (str(a),))]
    # neither 马陆镇 report counts: J3a = 南翔镇's 5/10 alone
    [checked] = run.reports
    j = next(x for x in checked.district if x.id == "J3a")
    assert j == row(pic, "J3a") and (j.actual, j.reporters) == (50, 1)
