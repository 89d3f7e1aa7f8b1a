"""The 序时进度 rules, pinned by hand-computed cases on small plans built in Python.

Thresholds are 10 / 30 pp throughout; most targets have a 10-month window
(2018-01 … 2018-10) and the value 100, so f, c and L are round numbers.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from meilijiayuan.judge.district import evaluate_district
from meilijiayuan.judge.in_effect import standings_of
from meilijiayuan.judge.organisation import evaluate_report
from meilijiayuan.judge.plausibility import plausibility
from meilijiayuan.judge.records import Assessment, Status, count_statuses
from meilijiayuan.judge.rules import (
    judge_milestone,
    judge_value,
    percent,
    schedule_share,
    to_decimal,
)
from meilijiayuan.periods import Month
from meilijiayuan.plan.index import PlanIndex
from meilijiayuan.plan.model import Plan, Target, Thresholds, Window
from meilijiayuan.report.model import Report

TOWNS = ("甲镇", "乙镇", "丙镇")
BUREAU = "区甲局"
THRESHOLDS = Thresholds(amber_lag=10, red_lag=30)


def target(tid: str, **kw: Any) -> Target:
    """A target with test defaults: quantity 100 个, 2018-01 … 2018-10, summed over 各街镇."""
    fields: dict[str, Any] = {
        "id": tid, "item": kw.pop("item", tid), "title": f"目标 {tid}", "source": "测试",
        "measure": "quantity", "unit": "个", "direction": "increase", "value": 100,
        "window": {"start": "2018-01", "end": "2018-10"}, "basis": "cumulative",
        "reporters": ["各街镇"], "aggregate": "sum",
    }
    fields.update(kw)
    if fields["measure"] == "milestone":
        fields.pop("unit", None)
        fields.pop("value", None)
    if fields["measure"] == "rate":
        fields["unit"] = "%"
        fields["basis"] = "level"
    return Target.model_validate(fields)


def make_index(*targets: Target, ongoing: tuple[str, ...] = ("D9",),
               thresholds: Thresholds = THRESHOLDS) -> PlanIndex:
    """A plan of three towns and a bureau; every target's item is a duty led by the bureau
    and implemented by 各街镇; ``ongoing`` duties carry no target."""
    items = list(dict.fromkeys([t.item for t in targets] + list(ongoing)))
    plan = Plan.model_validate({
        "plan": {"id": "test", "title": "测试计划", "document_number": "测〔2018〕1号",
                 "district": "全区", "issued": "2018-01-01",
                 "window": {"start": "2018-01", "end": "2020-12"}},
        "thresholds": thresholds.model_dump(),
        "organisations": [{"name": t, "kind": "town"} for t in TOWNS]
        + [{"name": BUREAU, "kind": "department", "aliases": ["区甲"]}],
        "groups": [{"name": "各街镇", "members": list(TOWNS)}],
        "duties": [
            {"id": i, "table": "测试", "seq": n, "source": f"测试 {n}", "text": f"事项 {i}。",
             "timeframe": "2018",
             "window": {"start": "2018-01", "end": "2018-12"}, "lead": [BUREAU],
             "implementing": ["各街镇"]}
            for n, i in enumerate(items, 1)
        ],
        "targets": [t.model_dump(mode="json") for t in targets],
    })
    return PlanIndex(plan)


def report(unit: str, period: str, **items: dict[str, Any]) -> Report:
    return Report.model_validate({"unit": unit, "period": period, "items": items})


def m(text: str) -> Month:
    return Month.parse(text)


def district(idx: PlanIndex, reports: dict[str, Report], as_of: Month,
             **kw: Any) -> list[Assessment]:
    """The district rows from reports keyed by organisation (or alias), via the one
    in-effect rule (each report's figures as of its own month)."""
    standings, problems = standings_of(idx, reports.values(), as_of)
    assert problems == []
    return evaluate_district(idx, standings, as_of, **kw)


def only(evaluation_rows: list[Assessment], tid: str) -> Assessment:
    rows = [a for a in evaluation_rows if a.id == tid]
    assert len(rows) == 1, rows
    return rows[0]


def judged(tid: str, as_of: str, actual: float, **kw: Any) -> Assessment:
    """Evaluate one per-unit target for 甲镇 with ``actual`` reported."""
    t = target(tid, per_unit=True, **kw)
    idx = make_index(t)
    entry: dict[str, Any] = {"value": actual}
    if t.measure == "rate":
        entry = {"numerator": actual, "denominator": 100}
    ev = evaluate_report(idx, report("甲镇", as_of, **{tid: entry}), "甲镇", m(as_of))
    return only(ev.assessments, tid)


# --- schedule share ------------------------------------------------------------------------


@pytest.mark.parametrize(("as_of", "share"), [
    ("2017-12", 0.0), ("2018-01", 0.1), ("2018-05", 0.5), ("2018-10", 1.0), ("2019-03", 1.0),
])
def test_schedule_share_counts_months_inclusive_and_clamps(as_of: str, share: float) -> None:
    window = Window.model_validate({"start": "2018-01", "end": "2018-10"})
    assert schedule_share(window, m(as_of)) == pytest.approx(share)


# --- quantities: every status and both boundaries -----------------------------------------


@pytest.mark.parametrize(("actual", "status", "lag", "gap"), [
    (50, Status.on_track, 0, 0),
    (40, Status.on_track, 10, 10),     # L exactly amber_lag → still on track
    (39, Status.behind, 11, 11),
    (20, Status.behind, 30, 30),       # L exactly red_lag → still amber
    (19, Status.at_risk, 31, 31),
    (0, Status.at_risk, 50, 50),
    (100, Status.achieved, -50, -50),  # A = T
    (130, Status.achieved, -80, -80),
])
def test_quantity_lag_boundaries_at_half_window(actual: float, status: Status, lag: float,
                                                gap: float) -> None:
    a = judged("Q", "2018-05", actual)
    assert a.status is status
    assert a.expected == pytest.approx(50)
    assert a.lag_pp == pytest.approx(lag)
    assert a.gap == pytest.approx(gap)
    assert a.target == 100 and a.actual == actual


def test_boundary_survives_floating_point_noise() -> None:
    # f = 3/10 is not exact in binary; 100·(0.3 − 0.2) is 9.999…98 or 10.000…04
    assert judged("Q", "2018-03", 20).status is Status.on_track
    assert judged("Q", "2018-03", 0).status is Status.behind  # L = 30 exactly
    assert judged("Q", "2018-07", 40).status is Status.behind  # L = 30, f = 0.7
    t = target("Q")
    assert judge_value(t, 20, m("2018-03"), THRESHOLDS).lag_pp == 10.0


@pytest.mark.parametrize(("as_of", "actual", "status"), [
    ("2018-09", 90, Status.on_track),   # one month before the end, on schedule
    ("2018-09", 59, Status.at_risk),    # L = 31
    ("2018-10", 99, Status.overdue),    # the last month: not met is overdue, whatever the lag
    ("2018-10", 100, Status.achieved),
    ("2019-02", 50, Status.overdue),    # after the window
])
def test_last_month_of_the_window(as_of: str, actual: float, status: Status) -> None:
    assert judged("Q", as_of, actual).status is status


def test_overdue_carries_expected_and_gap() -> None:
    a = judged("Q", "2018-10", 70)
    assert (a.status, a.expected, a.gap, a.lag_pp) == (Status.overdue, 100, 30, 30)


def test_window_not_started() -> None:
    later = {"window": {"start": "2019-01", "end": "2019-10"}}
    a = judged("Q", "2018-12", 0, **later)
    assert a.status is Status.not_due
    assert a.expected is None and a.gap is None and a.lag_pp is None
    # a figure reported before the window opens does not count: not_due comes first
    met_early = judged("Q", "2018-12", 100, **later)
    assert met_early.status is Status.not_due
    assert met_early.expected is None and met_early.gap is None


def test_unreported_target_before_its_window_is_listed_not_due() -> None:
    idx = make_index(target("Q", window={"start": "2019-01", "end": "2019-10"}, per_unit=True))
    ev = evaluate_report(idx, report("甲镇", "2018-12", D9={"state": "in_progress"}), "甲镇",
                         m("2018-12"))
    a = only(ev.assessments, "Q")
    assert a.status is Status.not_due and a.actual is None


# --- decrease ------------------------------------------------------------------------------


@pytest.mark.parametrize(("as_of", "actual", "status", "lag", "gap"), [
    ("2018-05", 60, Status.on_track, 0, 0),     # E = 100 − 80·0.5 = 60
    ("2018-05", 68, Status.on_track, 10, 8),    # c = 32/80 = 0.4
    ("2018-05", 76, Status.behind, 20, 16),
    ("2018-05", 100, Status.at_risk, 50, 40),   # nothing reduced
    ("2018-05", 50, Status.on_track, -12.5, -10),  # ahead: negative gap
    ("2018-05", 20, Status.achieved, -50, -40),  # A = T
    ("2018-10", 25, Status.overdue, 6.25, 5),
    ("2018-10", 10, Status.achieved, -12.5, -10),
])
def test_decrease_target(as_of: str, actual: float, status: Status, lag: float, gap: float) -> None:
    a = judged("R", as_of, actual, direction="decrease", baseline=100, value=20)
    assert a.status is status
    assert a.lag_pp == pytest.approx(lag)
    assert a.gap == pytest.approx(gap)  # positive still means behind
    assert a.direction == "decrease"


# --- rates -----------------------------------------------------------------------------------


def test_rate_exactly_at_target_is_achieved() -> None:
    for num, den in ((95, 100), (19, 20), (57, 60), (114, 120)):
        t = target("P", measure="rate", value=95, per_unit=True, aggregate="ratio",
                   window={"start": "2018-01", "end": "2020-12"})
        idx = make_index(t)
        entry = {"numerator": num, "denominator": den}
        ev = evaluate_report(idx, report("甲镇", "2020-12", P=entry), "甲镇", m("2020-12"))
        a = only(ev.assessments, "P")
        assert a.status is Status.achieved, (num, den, a.actual)
        assert a.actual == pytest.approx(95)
        assert (a.numerator, a.denominator) == (num, den)
    below = judged("P", "2018-10", 94.9, measure="rate", value=95, aggregate="ratio")
    assert below.status is Status.overdue


def test_bare_rate_judges_the_unit_but_not_the_district() -> None:
    t = target("P", measure="rate", value=90, per_unit=True, aggregate="ratio")
    idx = make_index(t)
    r1 = report("甲镇", "2018-10", P={"rate": 95})
    r2 = report("乙镇", "2018-10", P={"numerator": 80, "denominator": 100})
    a = only(evaluate_report(idx, r1, "甲镇", m("2018-10")).assessments, "P")
    assert a.status is Status.achieved and a.actual == 95
    assert a.note is not None and "rate" in a.note
    [d] = district(idx, {"甲镇": r1, "乙镇": r2}, m("2018-10"))
    assert d.actual == pytest.approx(80)  # only 乙镇's 80/100 enters Σnum/Σden
    assert d.reporters == 1 and d.expected_reporters == 3
    assert d.note is not None and "1" in d.note


def test_per_unit_rate_judged_for_each_unit_and_the_district() -> None:
    t = target("P", measure="rate", value=95, per_unit=True, aggregate="ratio")
    idx = make_index(t)
    reports = {
        "甲镇": report("甲镇", "2018-10", P={"numerator": 90, "denominator": 100}),
        "乙镇": report("乙镇", "2018-10", P={"numerator": 100, "denominator": 100}),
        "丙镇": report("丙镇", "2018-10", P={"numerator": 95, "denominator": 100}),
    }
    statuses = {u: only(evaluate_report(idx, r, u, m("2018-10")).assessments, "P").status
                for u, r in reports.items()}
    assert statuses == {"甲镇": Status.overdue, "乙镇": Status.achieved, "丙镇": Status.achieved}
    [d] = district(idx, reports, m("2018-10"))
    assert d.unit == "全区" and d.status is Status.achieved
    assert d.actual == pytest.approx(95) and (d.numerator, d.denominator) == (285, 300)


def test_district_rate_is_ratio_of_sums_not_mean_of_rates() -> None:
    t = target("P", measure="rate", value=90, aggregate="ratio")
    idx = make_index(t)
    reports = {
        "甲镇": report("甲镇", "2018-10", P={"numerator": 1, "denominator": 10}),    # 10 %
        "乙镇": report("乙镇", "2018-10", P={"numerator": 90, "denominator": 90}),   # 100 %
    }
    [d] = district(idx, reports, m("2018-10"))
    assert d.actual == pytest.approx(91)  # 91/100, where the mean of rates would be 55
    assert d.status is Status.achieved
    assert (d.reporters, d.expected_reporters) == (2, 3)


def test_unit_conversion_square_metres_against_wan_square_metres() -> None:
    t = target("S", unit="万平方米", value=12, per_unit=True)
    idx = make_index(t)
    r = report("甲镇", "2018-05", S={"value": 60000, "unit": "平方米"})
    a = only(evaluate_report(idx, r, "甲镇", m("2018-05")).assessments, "S")
    assert a.actual == pytest.approx(6) and a.unit_of_measure == "万平方米"
    assert a.expected == pytest.approx(6) and a.status is Status.on_track
    r2 = report("乙镇", "2018-05", S={"value": 1.5})
    [d] = district(idx, {"甲镇": r, "乙镇": r2}, m("2018-05"))
    assert d.actual == pytest.approx(7.5)


# --- contributions, allocation, lead ---------------------------------------------------------


def test_district_only_quantity_is_a_neutral_contribution_row() -> None:
    idx = make_index(target("Q"))  # sum, no allocation, not per_unit
    a = only(evaluate_report(idx, report("甲镇", "2018-05", Q={"value": 1}), "甲镇",
                             m("2018-05")).assessments, "Q")
    assert a.contribution is True and a.status is Status.ongoing
    assert a.status.level.value == "neutral"
    assert a.actual == 1 and a.target == 100
    assert a.expected is None and a.gap is None and a.lag_pp is None
    assert a.roles == ("implementing",)


def test_unreported_contribution_is_still_missing() -> None:
    idx = make_index(target("Q"))
    ev = evaluate_report(idx, report("甲镇", "2018-05", D9={"state": "in_progress"}), "甲镇",
                         m("2018-05"))
    a = only(ev.assessments, "Q")
    assert a.status is Status.missing and a.contribution is True


def test_allocation_judges_the_unit_against_its_share() -> None:
    idx = make_index(target("Q", allocation={"甲镇": 40, "乙镇": 60}))
    a = only(evaluate_report(idx, report("甲镇", "2018-05", Q={"value": 20}), "甲镇",
                             m("2018-05")).assessments, "Q")
    assert (a.contribution, a.target, a.expected, a.status) == (False, 40, 20, Status.on_track)
    c = only(evaluate_report(idx, report("丙镇", "2018-05", Q={"value": 20}), "丙镇",
                             m("2018-05")).assessments, "Q")
    assert c.contribution is True  # no share allocated to 丙镇


def test_lead_target_judges_the_lead_and_gives_the_district_figure() -> None:
    idx = make_index(target("L", reporters=[BUREAU], aggregate="lead", value=2))
    r = report(BUREAU, "2018-05", L={"value": 1})
    a = only(evaluate_report(idx, r, BUREAU, m("2018-05")).assessments, "L")
    assert a.status is Status.on_track and a.roles == ("lead",) and not a.contribution
    [d] = district(idx, {"区甲": r}, m("2018-05"))  # an alias as key
    assert (d.actual, d.status, d.reporters, d.expected_reporters) == (1, Status.on_track, 1, 1)


def test_district_lead_takes_the_first_reporter_in_plan_order() -> None:
    idx = make_index(target("L", reporters=["乙镇", "甲镇"], aggregate="lead", value=10))
    reports = {u: report(u, "2018-05", L={"value": v}) for u, v in (("乙镇", 2), ("甲镇", 7))}
    [d] = district(idx, reports, m("2018-05"))
    assert (d.actual, d.reporters, d.expected_reporters) == (7, 1, 2)  # 甲镇 comes first
    [only_b] = district(idx, {"乙镇": reports["乙镇"]}, m("2018-05"))
    assert only_b.actual == 2


def test_district_per_unit_quantity_needs_every_unit_share() -> None:
    idx = make_index(target("Q", per_unit=True, value=10))
    reports = {u: report(u, "2018-05", Q={"value": 5}) for u in TOWNS}
    [d] = district(idx, reports, m("2018-05"))
    assert (d.target, d.actual, d.expected, d.status) == (30, 15, 15, Status.on_track)


def test_district_sum_and_missing() -> None:
    idx = make_index(target("Q"))
    reports = {u: report(u, "2018-05", Q={"value": v}) for u, v in (("甲镇", 20), ("乙镇", 25))}
    [d] = district(idx, reports, m("2018-05"))
    assert (d.actual, d.expected, d.gap, d.status) == (45, 50, 5, Status.on_track)
    assert (d.reporters, d.expected_reporters) == (2, 3)
    [none] = district(idx, {}, m("2018-05"))
    assert none.status is Status.missing and none.reporters == 0
    [early] = district(idx, {}, m("2017-12"))
    assert early.status is Status.not_due


def test_district_only_filters_targets() -> None:
    idx = make_index(target("Q"), target("Q2"))
    assert [a.id for a in district(idx, {}, m("2018-05"), only={"Q2"})] == ["Q2"]


def test_parts_total_is_derived_from_its_parts() -> None:
    idx = make_index(target("K", parts=["Ka", "Kb"], item="K"), target("Ka", item="K", value=20),
                     target("Kb", item="K", value=80))
    r = report("甲镇", "2018-05", Ka={"value": 5}, Kb={"value": 7})
    ev = evaluate_report(idx, r, "甲镇", m("2018-05"))
    assert only(ev.assessments, "K").actual == 12
    assert only(ev.assessments, "K").status is Status.ongoing
    [d] = district(idx, {"甲镇": r}, m("2018-05"), only={"K"})
    assert d.actual == 12


# --- missing and what is left out --------------------------------------------------------------


def test_missing_open_window_only() -> None:
    idx = make_index(target("Q", per_unit=True),
                     target("Old", per_unit=True, window={"start": "2018-01", "end": "2018-03"}))
    ev = evaluate_report(idx, report("甲镇", "2018-05", D9={"state": "in_progress"}), "甲镇",
                         m("2018-05"))
    ids = [a.id for a in ev.assessments]
    assert only(ev.assessments, "Q").status is Status.missing
    assert "Old" not in ids  # its window closed before this month: judged back then


def test_last_month_of_window_unreported_is_overdue_not_missing() -> None:
    # t = e with no figure: overdue comes before missing (a closed window is never missing)
    idx = make_index(target("Q", per_unit=True))
    ev = evaluate_report(idx, report("甲镇", "2018-10", D9={"state": "done"}), "甲镇", m("2018-10"))
    assert only(ev.assessments, "Q").status is Status.overdue


def test_missing_row_carries_what_is_owed_by_now() -> None:
    # T = 100 over 2018-01…2018-10; at 2018-04 f = 4/10, E = 0 + 100·0.4 = 40
    idx = make_index(target("Q", per_unit=True))
    ev = evaluate_report(idx, report("甲镇", "2018-04", D9={"state": "done"}), "甲镇", m("2018-04"))
    a = only(ev.assessments, "Q")
    assert (a.status, a.expected, a.actual, a.gap) == (Status.missing, 40, None, None)


def test_not_a_reporter_gets_no_missing_row() -> None:
    idx = make_index(target("Q", reporters=["甲镇"], per_unit=True))
    ev = evaluate_report(idx, report("乙镇", "2018-05", D9={"state": "in_progress"}), "乙镇",
                         m("2018-05"))
    assert "Q" not in [a.id for a in ev.assessments]


# --- milestones: every branch --------------------------------------------------------------------


@pytest.mark.parametrize(("state", "as_of", "status"), [
    ("done", "2018-03", Status.achieved),
    ("done", "2017-12", Status.not_due),           # done before the window: does not count
    ("done", "2019-05", Status.achieved),
    ("in_progress", "2017-12", Status.not_due),
    ("in_progress", "2018-10", Status.overdue),    # the last month, not done
    ("not_started", "2019-01", Status.overdue),
    ("blocked", "2018-02", Status.behind),
    ("in_progress", "2018-09", Status.behind),     # one month left
    ("in_progress", "2018-08", Status.on_track),   # two months left
    ("not_started", "2018-05", Status.on_track),   # exactly half: not past it
    ("not_started", "2018-06", Status.behind),     # past half the window
    ("in_progress", "2018-01", Status.on_track),
])
def test_milestone_rules(state: str, as_of: str, status: Status) -> None:
    window = Window.model_validate({"start": "2018-01", "end": "2018-10"})
    assert judge_milestone(window, state, m(as_of)) is status
    idx = make_index(target("M", measure="milestone", aggregate="lead", per_unit=True))
    a = only(evaluate_report(idx, report("甲镇", as_of if as_of >= "2018-01" else "2018-01",
                                         M={"state": state}), "甲镇", m(as_of)).assessments, "M")
    assert a.status is status and a.state == state
    assert a.expected is None and a.actual is None


def test_milestone_unreported_is_missing() -> None:
    idx = make_index(target("M", measure="milestone", aggregate="lead", per_unit=True))
    ev = evaluate_report(idx, report("甲镇", "2018-04", D9={"state": "in_progress"}), "甲镇",
                         m("2018-04"))
    assert only(ev.assessments, "M").status is Status.missing


def test_district_milestone_done_only_when_every_reporter_is_done() -> None:
    idx = make_index(target("M", measure="milestone", aggregate="lead", per_unit=True))

    def row(states: dict[str, str], as_of: str = "2018-04") -> Assessment:
        reports = {u: report(u, as_of, M={"state": s}) for u, s in states.items()}
        [d] = district(idx, reports, m(as_of))
        return d

    assert row(dict.fromkeys(TOWNS, "done")).status is Status.achieved
    two = row({"甲镇": "done", "乙镇": "done"})
    assert (two.status, two.state, two.reporters, two.expected_reporters) == (
        Status.on_track, "in_progress", 2, 3)
    # the row names who is not done, and its units say who is missing
    assert two.note == "未完成：丙镇"
    assert [(u.unit, u.state, u.missing) for u in two.units] == [
        ("甲镇", "done", False), ("乙镇", "done", False), ("丙镇", None, True)]
    assert row({"甲镇": "done", "乙镇": "blocked", "丙镇": "done"}).status is Status.behind
    assert row(dict.fromkeys(TOWNS, "not_started"), "2018-07").status is Status.behind
    assert row({"甲镇": "done", "乙镇": "done"}, "2018-10").status is Status.overdue


# --- items without a measurable target ---------------------------------------------------------


@pytest.mark.parametrize(("state", "status"), [
    ("in_progress", Status.ongoing), ("not_started", Status.ongoing),
    ("blocked", Status.behind), ("done", Status.achieved),
])
def test_ongoing_duty(state: str, status: Status) -> None:
    idx = make_index(target("Q"))
    ev = evaluate_report(idx, report("甲镇", "2018-05", D9={"state": state, "note": "说明"}),
                         "甲镇", m("2018-05"))
    a = only(ev.assessments, "D9")
    assert (a.status, a.state, a.measure, a.note) == (status, state, "ongoing", "说明")
    assert a.roles == ("implementing",)


def test_unreported_ongoing_duty_is_not_a_row() -> None:
    idx = make_index(target("Q"))
    ev = evaluate_report(idx, report("甲镇", "2018-05", Q={"value": 3}), "甲镇", m("2018-05"))
    assert [a.id for a in ev.assessments] == ["Q"]


# --- this_month consistency --------------------------------------------------------------------


def test_this_month_consistency_findings_are_located() -> None:
    idx = make_index(target("Q"), target("Q2"), target("Q3"))
    prev = report("甲镇", "2018-04", Q={"value": 10}, Q2={"value": 10}, Q3={"value": 10})
    cur = report("甲镇", "2018-05", Q={"value": 13, "this_month": 3},
                 Q2={"value": 14, "this_month": 2}, Q3={"value": 8})
    positions = {("items", "Q2", "this_month"): (7, 17), ("items", "Q3", "value"): (9, 12)}
    findings = plausibility(idx, cur, "甲镇", prev, locate=positions.get, file="r.yaml")
    got = {(f.code, f.item, f.location()) for f in findings}
    # Q2: 14 − 10 = 4 ≠ this_month 2; Q3: 8 < 10
    assert got == {("this-month-inconsistent", "Q2", "r.yaml:7:17"),
                   ("figure-decreased", "Q3", "r.yaml:9:12")}
    by_code = {f.code: f for f in findings}
    assert "4" in by_code["this-month-inconsistent"].message("en")
    assert by_code["figure-decreased"].level.value == "warning"


def test_this_month_only_against_the_month_before() -> None:
    idx = make_index(target("Q"))
    prev = report("甲镇", "2018-02", Q={"value": 10})
    cur = report("甲镇", "2018-05", Q={"value": 13, "this_month": 1})
    assert plausibility(idx, cur, "甲镇", prev) == []


def test_this_month_in_a_window_first_month_counts_from_zero() -> None:
    idx = make_index(target("Q", window={"start": "2019-01", "end": "2019-10"}))
    prev = report("甲镇", "2018-12", D9={"state": "in_progress"})
    cur = report("甲镇", "2019-01", Q={"value": 5, "this_month": 4})
    [f] = plausibility(idx, cur, "甲镇", prev)
    assert f.code == "this-month-inconsistent" and f.line is None  # 5 − 0 ≠ 4


# --- latest reports, summaries -------------------------------------------------------------------


def test_in_effect_carries_figures_forward_with_their_month() -> None:
    idx = make_index(target("Q"), target("Q2"))
    rs = [report("甲镇", "2018-04", Q={"value": 10}, Q2={"value": 1}),
          report("甲镇", "2018-05", Q={"value": 12}),
          report("甲镇", "2018-06", Q={"value": 99}),
          report("区甲", "2018-05", D9={"state": "done"})]
    standings, problems = standings_of(idx, rs, m("2018-05"))
    assert problems == [] and set(standings) == {"甲镇", BUREAU}
    own = standings["甲镇"]
    assert own.report.items["Q"].value == 12 and own.report.items["Q2"].value == 1
    assert own.periods == {"Q": m("2018-05"), "Q2": m("2018-04")}
    assert own.latest == m("2018-05")


def test_in_effect_prefers_the_later_submission_of_a_month() -> None:
    idx = make_index(target("Q"))
    first = Report.model_validate({"unit": "甲镇", "period": "2018-05", "submitted": "2018-06-09",
                                   "items": {"Q": {"value": 9}}})
    earlier = Report.model_validate({"unit": "甲镇", "period": "2018-05",
                                     "submitted": "2018-06-02", "items": {"Q": {"value": 4}}})
    standings, problems = standings_of(idx, [first, earlier], m("2018-05"))
    assert problems == [] and standings["甲镇"].report.items["Q"].value == 9


def test_in_effect_never_merges_reports_that_cannot_be_ordered() -> None:
    idx = make_index(target("Q"), target("Q2"))
    a = report("甲镇", "2018-05", Q={"value": 9})
    b = report("甲镇", "2018-05", Q2={"value": 4})
    standings, problems = standings_of(idx, [a, b], m("2018-05"))
    assert "甲镇" not in standings
    assert [(f.code, f.file, f.args["other"]) for f in problems] == [
        ("duplicate-report", "<0>", ["<1>"]), ("duplicate-report", "<1>", ["<0>"])]


def test_count_statuses() -> None:
    idx = make_index(target("Q"), target("P", per_unit=True))
    ev = evaluate_report(idx, report("甲镇", "2018-05", Q={"value": 1}, D9={"state": "blocked"}),
                         "甲镇", m("2018-05"))
    assert count_statuses(ev.assessments) == {"contribution": 1, "missing": 1, "behind": 1}


# --- property: more progress is never worse ------------------------------------------------------


@settings(max_examples=400, deadline=None)
@given(
    start=st.integers(0, 24), length=st.integers(1, 24), as_of=st.integers(-6, 40),
    goal=st.floats(1, 1000), base_share=st.floats(0, 0.9), decrease=st.booleans(),
    a1=st.floats(0, 2), a2=st.floats(0, 2), amber=st.floats(0, 50), extra=st.floats(0, 50),
)
def test_more_progress_never_gives_a_worse_status(
    start: int, length: int, as_of: int, goal: float, base_share: float, decrease: bool,
    a1: float, a2: float, amber: float, extra: float,
) -> None:
    first = Month(2018, 1).plus(start)
    window = {"start": str(first), "end": str(first.plus(length - 1))}
    if decrease:  # from a baseline above the goal down to it
        base, value = goal * (1 + base_share) + 1, goal
    else:
        base, value = goal * base_share, goal
    t = target("X", window=window, baseline=base, value=value,
               direction="decrease" if decrease else "increase")
    thresholds = Thresholds(amber_lag=amber, red_lag=amber + extra)
    when = Month(2018, 1).plus(as_of)
    low, high = sorted((a1 * base if decrease else a1 * goal, a2 * base if decrease else a2 * goal))
    better, worse = (low, high) if decrease else (high, low)
    s_better = judge_value(t, better, when, thresholds).status
    s_worse = judge_value(t, worse, when, thresholds).status
    assert s_better.rank <= s_worse.rank, (s_better, s_worse)


# --- a figure from before the window: a level is carried, a cumulative one is not -------------


def _before_window_index() -> PlanIndex:
    """R18 (2018) and R19 (2019, value 90) share one rate indicator; Q19 is a 2019 quantity
    (100 个, 2019-01 … 2019-10), all summed or Σnum/Σden over the three towns."""
    y2019 = {"start": "2019-01", "end": "2019-10"}
    return make_index(
        target("R18", measure="rate", value=80, aggregate="ratio", indicator="无违建",
               window={"start": "2018-01", "end": "2018-12"}),
        target("R19", measure="rate", value=90, aggregate="ratio", indicator="无违建",
               window=y2019),
        target("Q19", window=y2019))


def _december_and_march() -> list[Report]:
    """The three towns report the rate and 40 个 in 2018-12; in 2019-03 甲镇 and 乙镇 report
    again, 丙镇 does not."""
    dec = [report(t, "2018-12", R18={"numerator": n, "denominator": 10}, Q19={"value": 40})
           for t, n in zip(TOWNS, (6, 7, 8), strict=True)]
    mar = [report(t, "2019-03", R19={"numerator": n, "denominator": 10}, Q19={"value": 5})
           for t, n in zip(TOWNS[:2], (9, 9), strict=True)]
    return dec + mar


def test_a_level_reported_before_the_window_is_carried_into_it() -> None:
    idx = _before_window_index()
    standings, problems = standings_of(idx, _december_and_march(), m("2019-03"))
    assert problems == []
    rows = {a.id: a for a in evaluate_district(idx, standings, m("2019-03"))}
    r19 = rows["R19"]
    # 丙镇's 2018-12 rate (8/10) is its current level: Σ = (9 + 9 + 8)/(10 + 10 + 10) = 26/30
    # = 86.666…%; f = 3/10, E = 27, gap = 27 − 86.67 < 0, on track; all three counted
    assert (r19.numerator, r19.denominator, r19.reporters) == (26, 30, 3)
    assert r19.actual == Decimal("86.6666666667") and r19.expected == 27
    assert r19.status is Status.on_track and r19.figure_period is None  # two months
    bing = next(u for u in r19.units if u.unit == "丙镇")
    assert (bing.figure_period, bing.counted, bing.numerator) == ("2018-12", True, 8)


def test_a_cumulative_figure_reported_before_the_window_does_not_count() -> None:
    idx = _before_window_index()
    standings, _ = standings_of(idx, _december_and_march(), m("2019-03"))
    q19 = next(a for a in evaluate_district(idx, standings, m("2019-03")) if a.id == "Q19")
    # 丙镇's 40 个 were counted in 2018, before Q19's window: only 5 + 5 = 10 of 100 count;
    # f = 3/10, E = 30, gap 20, L = 100·(0.3 − 0.1) = 20 pp: behind
    assert (q19.actual, q19.reporters, q19.expected, q19.gap, q19.lag_pp) == (10, 2, 30, 20, 20)
    assert q19.status is Status.behind
    bing = next(u for u in q19.units if u.unit == "丙镇")
    assert (bing.status, bing.missing, bing.figure_period) == (Status.missing, True, None)


def test_before_its_window_a_target_is_not_due_whatever_was_reported() -> None:
    idx = _before_window_index()
    standings, _ = standings_of(idx, _december_and_march()[:3], m("2018-12"))
    rows = {a.id: a for a in evaluate_district(idx, standings, m("2018-12"))}
    for tid in ("R19", "Q19"):
        assert (rows[tid].status, rows[tid].actual, rows[tid].reporters) == (
            Status.not_due, None, 0), tid
    # the 2018 target of the indicator is judged from the same figures: 21/30 = 70% of 80
    assert (rows["R18"].actual, rows["R18"].status) == (70, Status.overdue)


def test_targets_of_one_indicator_show_one_figure_from_the_same_reporters() -> None:
    idx = make_index(
        target("R19", measure="rate", value=90, aggregate="ratio", indicator="无违建",
               window={"start": "2019-01", "end": "2019-12"}),
        target("W", measure="rate", value=90, aggregate="ratio", indicator="无违建",
               window={"start": "2018-01", "end": "2019-12"}))
    reports = [report(t, "2018-12", W={"numerator": n, "denominator": 10})
               for t, n in zip(TOWNS, (6, 7, 8), strict=True)]
    reports.append(report("甲镇", "2019-06", R19={"numerator": 10, "denominator": 10}))
    standings, _ = standings_of(idx, reports, m("2019-06"))
    rows = {a.id: a for a in evaluate_district(idx, standings, m("2019-06"))}
    # (10 + 7 + 8)/30 = 83.333…% for both; 乙镇 and 丙镇 carried from 2018-12
    assert rows["R19"].actual == rows["W"].actual == Decimal("83.3333333333")
    assert rows["R19"].units == rows["W"].units
    assert [u.figure_period for u in rows["W"].units] == ["2019-06", "2018-12", "2018-12"]


# --- the one rounding rule: exact when it terminates within 10 places, else half-even ---------


@pytest.mark.parametrize(("x", "shown"), [
    (Fraction(2, 3), "0.6666666667"),
    (Fraction(-2, 3), "-0.6666666667"),
    (Fraction(135, 2), "67.5"),                       # terminates: exact, no trailing zero
    (Fraction(90, 1), "90"),
    (Fraction(1, 2 * 10**10), "0"),                   # a tie: to the even 0 (never -0)
    (Fraction(-1, 2 * 10**10), "0"),
    (Fraction(3, 2 * 10**10), "2E-10"),               # a tie: 1.5e-10 to the even 2e-10
    (Fraction(10**30 + 1, 3), "333333333333333333333333333333.6666666667"),  # no precision cap
    (Decimal("0.990000"), "0.99"),
    (Decimal("1E-12"), "0"),
])
def test_to_decimal_rounds_once_half_even(x: Fraction | Decimal, shown: str) -> None:
    assert str(to_decimal(x)) == shown


def test_a_rate_figure_is_100_num_over_den_rounded_once() -> None:
    # 245/318 = 0.770440251572327… → 77.0440251572; 1/8 → 12.5 exactly; 0.5/4 → 12.5
    assert percent(245, 318) == Decimal("77.0440251572")
    assert (percent(1, 8), percent(Decimal("0.5"), 4)) == (Decimal("12.5"), Decimal("12.5"))
    assert percent(2, 3) == to_decimal(Fraction(200, 3)) == Decimal("66.6666666667")
