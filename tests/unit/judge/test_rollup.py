"""The district picture (judge/picture.py), pinned by hand-computed figures on small report folders.

Every case writes a few reports into tmp_path and reads them against the bundled plan:
K2018-4 (40 个 charging points, summed over 各街镇, 2018-01 … 2018-12), J3a (业委会组建率
95 %, Σnumerator/Σdenominator, judged per unit, 2018-01 … 2020-12) and K2019-6 (30 elevator
evaluations, reported by the lead 区市场监管局, 2019-01 … 2019-12). Thresholds 10 / 30 pp.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from meilijiayuan.findings import Severity
from meilijiayuan.judge.in_effect import Submission, settle, sweep
from meilijiayuan.judge.picture import (
    DistrictPicture,
    build_picture,
    latest_period,
    missing_report_findings,
)
from meilijiayuan.judge.records import Status
from meilijiayuan.periods import Month
from meilijiayuan.plan.index import PlanIndex
from meilijiayuan.plan.owed import due_date, owed_targets
from meilijiayuan.run.status import collect
from tests.conftest import write_report as write

TOWNS = ("新成路街道", "真新街道", "嘉定镇街道", "南翔镇", "安亭镇", "马陆镇", "徐行镇",
         "华亭镇", "外冈镇", "江桥镇", "菊园新区管委会", "嘉定工业区")
JUNE = Month(2018, 6)
ROOT = Path(__file__).resolve().parents[3]




def picture(index: PlanIndex, folder: Path, period: Month | None = None) -> DistrictPicture:
    submissions, files = collect([str(folder)], index)
    chosen = period or latest_period(submissions)
    assert chosen is not None
    return build_picture(index, submissions, chosen, files=files)


def row(pic: DistrictPicture, target_id: str) -> Any:
    return next(a for a in pic.district if a.id == target_id)


# --- aggregation: sum, ratio, lead ------------------------------------------------------------


def test_sum_over_the_twelve_towns(index: PlanIndex, tmp_path: Path) -> None:
    # 1+2+1+2+… = 18 of 40; f = 6/12 = 0.5, expected 20, gap 2, c = 0.45, L = 5 pp: on track
    for i, town in enumerate(TOWNS):
        write(tmp_path, town, town, "2018-06", {"K2018-4": {"value": 1 + i % 2}})
    pic = picture(index, tmp_path)
    k = row(pic, "K2018-4")
    assert (k.unit, k.actual, k.expected, k.gap, k.lag_pp) == ("全区", 18, 20, 2, 5)
    assert k.status is Status.on_track
    assert (k.reporters, k.expected_reporters) == (12, 12)
    # each town's figure only counts toward the district: neutral shares in the matrix
    assert {a.contribution for a in pic.matrix["K2018-4"].values()} == {True}
    assert set(pic.matrix["K2018-4"]) == set(TOWNS)


def test_rate_is_sum_of_numerators_over_sum_of_denominators(index: PlanIndex,
                                                           tmp_path: Path) -> None:
    # 90/100 = 90 % and 10/10 = 100 %: the mean of the percentages is 95 % (the target, so
    # "achieved"), but the district has 100 of 110 estates with a committee: 90.909… %
    write(tmp_path, "a", "马陆镇", "2018-06", {"J3a": {"numerator": 90, "denominator": 100}})
    write(tmp_path, "b", "南翔镇", "2018-06", {"J3a": {"numerator": 10, "denominator": 10}})
    pic = picture(index, tmp_path)
    j = row(pic, "J3a")
    # 100·100/110 = 90.9090…: ten places, half-even → 90.9090909091
    assert j.actual == Decimal("90.9090909091")
    assert (j.numerator, j.denominator) == (100, 110)
    assert j.status is Status.on_track  # f = 6/36, expected 15.83 %: far ahead, not met
    assert (j.reporters, j.expected_reporters) == (2, 12)
    # per_unit: each town is judged against 95 % itself; the towns without a report are missing
    cells = pic.matrix["J3a"]
    assert cells["马陆镇"].status is Status.on_track
    assert cells["南翔镇"].status is Status.achieved
    assert cells["外冈镇"].status is Status.missing


def test_lead_target_takes_the_lead_department_figure(index: PlanIndex, tmp_path: Path) -> None:
    # 9 of 30 at 2019-06: f = 0.5, expected 15, gap 6, c = 0.3, L = 20 pp: behind (amber)
    write(tmp_path, "scjg", "区市场监管局", "2019-06", {"K2019-6": {"value": 9}})
    pic = picture(index, tmp_path)
    k = row(pic, "K2019-6")
    assert (k.actual, k.expected, k.gap, k.lag_pp) == (9, 15, 6, 20)
    assert k.status is Status.behind
    assert (k.reporters, k.expected_reporters) == (1, 1)
    assert "K2019-6" not in pic.matrix  # one reporter: no matrix column


# --- which report counts ----------------------------------------------------------------------


def test_a_later_correction_replaces_the_earlier_report(index: PlanIndex, tmp_path: Path) -> None:
    write(tmp_path, "first", "马陆镇", "2018-06",
          {"K2018-4": {"value": 2}, "K2018-7": {"value": 3}}, submitted="2018-07-03")
    write(tmp_path, "fixed", "马陆镇", "2018-06", {"K2018-4": {"value": 5}},
          submitted="2018-07-04")
    pic = picture(index, tmp_path)
    assert row(pic, "K2018-4").actual == 5
    # replaced whole, not merged: the first report's K2018-7 is gone with it
    assert row(pic, "K2018-7").actual is None
    assert row(pic, "K2018-7").status is Status.missing
    assert not [f for f in pic.findings if f.code == "duplicate-report"]


def test_two_reports_that_cannot_be_ordered_are_a_duplicate(index: PlanIndex,
                                                            tmp_path: Path) -> None:
    a = write(tmp_path, "a", "马陆镇", "2018-06", {"K2018-4": {"value": 2}}, submitted="2018-07-03")
    b = write(tmp_path, "b", "马陆镇", "2018-06", {"K2018-4": {"value": 5}}, submitted="2018-07-03")
    write(tmp_path, "other", "南翔镇", "2018-06", {"K2018-4": {"value": 1}})
    pic = picture(index, tmp_path)
    dups = sorted((f for f in pic.findings if f.code == "duplicate-report"), key=lambda f: f.file)
    assert [(f.file, f.line, f.column, f.level) for f in dups] == [
        (str(a), 3, 12, Severity.ERROR), (str(b), 3, 12, Severity.ERROR)]  # at `submitted`
    assert dups[0].args["other"] == [str(b)] and dups[1].args["other"] == [str(a)]
    assert str(b) in dups[0].message("en") and str(a) in dups[1].message("zh")
    # never merged: neither figure counts, and the month counts as not reported
    k = row(pic, "K2018-4")
    assert (k.actual, k.reporters) == (1, 1)
    assert "马陆镇" in {m.unit for m in pic.missing_reports}


def test_undated_reports_of_one_month_are_a_duplicate(index: PlanIndex, tmp_path: Path) -> None:
    write(tmp_path, "a", "马陆镇", "2018-06", {"K2018-4": {"value": 2}})
    write(tmp_path, "b", "马陆镇", "2018-06", {"K2018-4": {"value": 5}}, submitted="2018-07-04")
    dups = [f for f in picture(index, tmp_path).findings if f.code == "duplicate-report"]
    assert len(dups) == 2
    assert dups[0].line == 2 or dups[1].line == 2  # the undated one: at `period`


def test_a_report_superseded_by_a_correction_is_no_conflict(index: PlanIndex,
                                                            tmp_path: Path) -> None:
    # two reports of the same day, then a correction: the correction settles the month
    for name, day, value in (("a", "03", 1), ("b", "03", 2), ("c", "08", 7)):
        write(tmp_path, name, "马陆镇", "2018-06", {"K2018-4": {"value": value}},
              submitted=f"2018-07-{day}")
    pic = picture(index, tmp_path)
    assert row(pic, "K2018-4").actual == 7
    assert not [f for f in pic.findings if f.code == "duplicate-report"]


def test_an_earlier_month_still_counts_when_the_latest_is_left_out(index: PlanIndex,
                                                                   tmp_path: Path) -> None:
    write(tmp_path, "may", "马陆镇", "2018-05", {"K2018-4": {"value": 4}})
    write(tmp_path, "june", "南翔镇", "2018-06", {"K2018-4": {"value": 3}})
    pic = picture(index, tmp_path)
    assert pic.period == JUNE  # the latest month present
    assert row(pic, "K2018-4").actual == 7
    assert "马陆镇" in {m.unit for m in pic.missing_reports}  # carried, but no June report


# --- missing and late -------------------------------------------------------------------------


def test_an_organisation_that_did_not_report_is_missing(index: PlanIndex, tmp_path: Path) -> None:
    for town in TOWNS:
        if town != "外冈镇":
            write(tmp_path, town, town, "2018-06", {"K2018-4": {"value": 1}})
    pic = picture(index, tmp_path)
    missing = {m.unit: m for m in pic.missing_reports}
    assert "外冈镇" in missing
    assert not set(TOWNS) - {"外冈镇"} & set(missing)
    # every target of 各街镇 whose window contains 2018-06, in plan order
    assert missing["外冈镇"].items == (
        "K2018-1", "K2018-1a", "K2018-1b", "K2018-2", "K2018-4", "K2018-7", "W5", "J3a",
        "J3b", "J5", "J7", "J13", "J15", "J17")
    assert missing["外冈镇"].period == JUNE
    # departments owe only what is open: 区市场监管局's elevators start in 2019
    assert "区市场监管局" not in missing
    assert missing["区绿化市容局"].items == ("K2018-3", "W19", "W20")
    # and as warnings, for GitHub and JUnit
    found = {f.args["unit"]: f for f in missing_report_findings(pic, index)}
    assert found["外冈镇"].code == "missing-report"
    assert found["外冈镇"].level is Severity.WARNING
    assert "外冈镇" in found["外冈镇"].message("zh") and "J3a" in found["外冈镇"].message("en")


def test_owed_targets_follow_the_windows(index: PlanIndex) -> None:
    owed = owed_targets(index, Month(2019, 6))
    assert owed["区市场监管局"] == ("K2019-6",)
    assert owed["马陆镇"] == ("K2019-1", "W5", "J3a", "J3b", "J7")
    assert "区社建办" not in owed  # only ongoing duties in 2019: nothing to owe


def test_a_report_after_the_due_day_is_late(index: PlanIndex, tmp_path: Path) -> None:
    assert due_date(index, JUNE).isoformat() == "2018-07-05"
    late = write(tmp_path, "late", "马陆镇", "2018-06", {"K2018-4": {"value": 1}},
                 submitted="2018-07-09")
    write(tmp_path, "ontime", "南翔镇", "2018-06", {"K2018-4": {"value": 1}},
          submitted="2018-07-05")  # the due day itself is on time
    write(tmp_path, "undated", "安亭镇", "2018-06", {"K2018-4": {"value": 1}})
    pic = picture(index, tmp_path)
    assert [(x.unit, x.submitted.isoformat(), x.due.isoformat(), x.file)
            for x in pic.late_reports] == [("马陆镇", "2018-07-09", "2018-07-05", str(late))]
    warnings = [f for f in pic.findings if f.code == "late-report"]
    assert [(f.file, f.line, f.level) for f in warnings] == [(str(late), 3, Severity.WARNING)]
    assert "2018-07-09" in warnings[0].message("zh")


def test_an_on_time_report_corrected_late_is_not_late(index: PlanIndex, tmp_path: Path) -> None:
    write(tmp_path, "a", "马陆镇", "2018-06", {"K2018-4": {"value": 1}}, submitted="2018-07-02")
    write(tmp_path, "b", "马陆镇", "2018-06", {"K2018-4": {"value": 2}}, submitted="2018-07-20")
    pic = picture(index, tmp_path)
    assert pic.late_reports == []
    assert row(pic, "K2018-4").actual == 2


def test_late_is_judged_for_the_period_only(index: PlanIndex, tmp_path: Path) -> None:
    write(tmp_path, "may", "马陆镇", "2018-05", {"K2018-4": {"value": 1}}, submitted="2018-06-20")
    write(tmp_path, "june", "马陆镇", "2018-06", {"K2018-4": {"value": 2}}, submitted="2018-07-01")
    assert picture(index, tmp_path).late_reports == []
    assert len(picture(index, tmp_path, Month(2018, 5)).late_reports) == 1


# --- invalid files ----------------------------------------------------------------------------


def test_an_invalid_file_is_listed_and_left_out(index: PlanIndex, tmp_path: Path) -> None:
    bad = write(tmp_path, "bad", "马陆镇", "2018-06", {"K2018-4": {"value": '"60万"'}})
    write(tmp_path, "good", "南翔镇", "2018-06", {"K2018-4": {"value": 3}})
    submissions, files = collect([str(tmp_path)], index)
    assert [s.unit for s in submissions] == ["南翔镇"]
    assert {f.file for f in files if not f.ok} == {str(bad)}
    pic = build_picture(index, submissions, JUNE, files=files)
    assert row(pic, "K2018-4").actual == 3
    assert any(f.file == str(bad) and f.level is Severity.ERROR for f in pic.findings)


# --- the trend --------------------------------------------------------------------------------


def test_trend_change_since_the_previous_month(index: PlanIndex, tmp_path: Path) -> None:
    for i, town in enumerate(TOWNS[:5]):
        write(tmp_path, f"{town}-4", town, "2018-04", {"K2018-4": {"value": 1}})
        write(tmp_path, f"{town}-6", town, "2018-06", {"K2018-4": {"value": 2 + i}})
    pic = picture(index, tmp_path)
    trend = next(t for t in pic.trend if t.id == "K2018-4")
    assert [(str(p.period), p.actual, p.change) for p in trend.points] == [
        ("2018-04", 5, None), ("2018-06", 20, 15)]
    # 2018-04: f = 4/12, expected 13.33; c = 5/40: L = 20.8 pp, behind
    assert trend.points[0].status is Status.behind
    assert trend.points[-1].status is row(pic, "K2018-4").status
    assert (trend.target, trend.window, trend.unit_of_measure) == (40, ("2018-01", "2018-12"), "个")
    assert pic.previous == Month(2018, 4)
    assert [str(m) for m in pic.months] == ["2018-04", "2018-06"]


def test_trend_points_stay_inside_the_window(index: PlanIndex, tmp_path: Path) -> None:
    write(tmp_path, "a", "马陆镇", "2018-12", {"K2018-4": {"value": 30}})
    write(tmp_path, "b", "马陆镇", "2019-06", {"J3a": {"numerator": 5, "denominator": 10}})
    pic = picture(index, tmp_path)
    k = next(t for t in pic.trend if t.id == "K2018-4")
    assert [str(p.period) for p in k.points] == ["2018-12"]
    j = next(t for t in pic.trend if t.id == "J3a")
    # 2018-12 had no J3a figure: a point without one, and no change to show after it
    assert [(str(p.period), p.actual, p.status, p.change) for p in j.points] == [
        ("2018-12", None, Status.missing, None), ("2019-06", 50, Status.on_track, None)]
    assert "K2019-6" not in {t.id for t in pic.trend}  # nobody gave a figure: no trend
    assert row(pic, "K2018-4").actual == 30  # the closed target keeps its final figure


def test_sweep_gives_each_month_the_latest_figure_of_every_item(index: PlanIndex) -> None:
    """One pass over the months gives, per item, the latest report at or before the month
    that gives it, and names that report's month."""
    submissions, _ = collect([str(ROOT / "data" / "reports")], index)
    effective, findings = settle(submissions)
    assert findings == []
    months = sorted({s.period for s in effective})
    for month, standings in sweep(effective, months):
        for unit, standing in standings.items():
            mine = [s for s in effective if s.unit == unit and s.period <= month]
            assert standing.latest == mine[-1].period
            for item_id, entry in standing.report.items.items():
                giver = [s for s in mine if item_id in s.report.items][-1]
                assert entry == giver.report.items[item_id]
                assert standing.periods[item_id] == giver.period


# --- the ranking ------------------------------------------------------------------------------


def test_ranking_by_red_then_amber_with_shared_ranks(index: PlanIndex, tmp_path: Path) -> None:
    # J3a at 2018-06: f = 1/6, expected 15.83 %. 0/10 → L = 16.7 behind (amber);
    # 9/10 → on track (green); no report → missing (red)
    for town in TOWNS:
        if town == "外冈镇":
            continue
        fields = {"numerator": 0 if town == "华亭镇" else 9, "denominator": 10}
        write(tmp_path, town, town, "2018-06", {"J3a": fields})
    pic = picture(index, tmp_path)
    ranking = {r.unit: r for r in pic.ranking}
    assert [r.unit for r in pic.ranking][-2:] == ["华亭镇", "外冈镇"]
    assert {r.kind for r in pic.ranking} == {"street", "town", "zone"}
    assert len(pic.ranking) == 12
    assert ranking["华亭镇"].amber == ranking["马陆镇"].amber + 1
    assert ranking["华亭镇"].red == ranking["马陆镇"].red
    assert ranking["外冈镇"].red > ranking["马陆镇"].red
    assert ranking["外冈镇"].missing > 0 and not ranking["外冈镇"].reported
    assert ranking["马陆镇"].rank == ranking["新成路街道"].rank == 1  # ties share rank 1
    assert ranking["华亭镇"].rank == 11 and ranking["外冈镇"].rank == 12


# --- the picture as a whole -------------------------------------------------------------------


def test_picture_basics(index: PlanIndex, tmp_path: Path) -> None:
    write(tmp_path, "a", "马陆镇", "2019-06", {"J3a": {"numerator": 5, "denominator": 10}},
          submitted="2019-07-01")
    pic = picture(index, tmp_path)
    assert (str(pic.period), pic.as_of, pic.reports) == ("2019-06", "2019-06-30", 1)
    assert [a.id for a in pic.district] == [t.id for t in index.plan.targets]
    assert {a.unit for a in pic.district} == {"全区"}
    # the matrix: targets of several reporters whose window is open
    assert list(pic.matrix) == ["K2019-1", "W5", "J3a", "J3b", "J7"]


def test_a_month_without_reports_can_be_asked_for(index: PlanIndex, tmp_path: Path) -> None:
    write(tmp_path, "a", "马陆镇", "2018-06", {"K2018-4": {"value": 3}})
    pic = picture(index, tmp_path, Month(2018, 9))
    assert pic.period == Month(2018, 9) and pic.reports == 0
    assert [str(m) for m in pic.months] == ["2018-06", "2018-09"]
    assert row(pic, "K2018-4").actual == 3
    assert "马陆镇" in {m.unit for m in pic.missing_reports}
    # reports after the period are not used
    assert picture(index, tmp_path, Month(2018, 5)).district[0].reporters == 0


def test_submission_records(index: PlanIndex, tmp_path: Path) -> None:
    write(tmp_path, "a", "区绿容局", "2018-06", {"K2018-3": {"state": "in_progress"}},
          submitted="2018-07-06")
    (s,), _ = collect([str(tmp_path)], index)
    assert isinstance(s, Submission)
    assert (s.unit, str(s.period), s.late, s.period_at, s.submitted_at) == (
        "区绿化市容局", "2018-06", True, (2, 9), (3, 12))  # an alias, canonical here


def test_one_indicator_one_district_figure_on_the_samples(index: PlanIndex) -> None:
    """K2019-1 (window 2019) and W5 (2018–2019) measure the same 无违建 rate: at 2019-06 both
    show one figure from the same reporters. 外冈镇 sent no 2019-06 report; its 2018-12 rate
    (24/40, under K2018-2) is its current level and counts for both, marked 2018-12."""
    pic = picture(index, ROOT / "data" / "reports", Month(2019, 6))
    k, w = row(pic, "K2019-1"), row(pic, "W5")
    assert (k.numerator, k.denominator, k.actual) == (w.numerator, w.denominator, w.actual)
    assert (k.numerator, k.denominator, k.reporters) == (245, 318, 12)
    assert k.actual == Decimal("77.0440251572")  # 245/318 = 77.044025157232… → 10 places
    assert k.units == w.units
    wai = next(u for u in k.units if u.unit == "外冈镇")
    assert (wai.numerator, wai.denominator, wai.figure_period) == (24, 40, "2018-12")


def test_the_trend_rows_are_the_district_rows_without_units(index: PlanIndex) -> None:
    """The trend draws district rows without judging each reporter (``with_units=False``):
    the same figures and statuses as the full rows, month by month on the samples."""
    from dataclasses import replace

    from meilijiayuan.judge.district import evaluate_district

    submissions, _ = collect([str(ROOT / "data" / "reports")], index)
    effective, _ = settle(submissions)
    months = [Month(2018, m) for m in range(1, 13)] + [Month(2019, m) for m in range(1, 13)]
    seen = 0
    for month, standings in sweep(effective, months):
        full = evaluate_district(index, standings, month)
        light = evaluate_district(index, standings, month, with_units=False)
        assert [replace(a, units=()) for a in full] == light, month
        assert all(a.units == () for a in light)
        seen += sum(a.actual is not None for a in light)
    assert seen > 100
