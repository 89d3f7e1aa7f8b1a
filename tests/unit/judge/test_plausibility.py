"""Each plausibility warning (formats.md section 7) produced by a fixture, located on the
figure's line, through ``mljy status`` (history: the folder) and ``mljy check --reports``
(history: the folder). A warning never changes a figure or the exit code.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from meilijiayuan.cli import app
from meilijiayuan.plan.index import PlanIndex
from meilijiayuan.plan.load import load_plan
from meilijiayuan.plan.model import Plan
from tests.conftest import write_report as write

ROOT = Path(__file__).resolve().parents[3]




def status_warnings(folder: Path, period: str) -> tuple[int, list[tuple[str, str, int, int]]]:
    result = CliRunner().invoke(app, ["status", str(folder), "--period", period, "-f", "json",
                                      "--fail-on", "never"])
    doc = json.loads(result.stdout)
    return result.exit_code, [(w["code"], Path(w["file"]).name, w["line"], w["column"])
                              for w in doc["warnings"] if w["code"] != "late-report"]


def check_warnings(folder: Path, path: Path) -> tuple[int, list[tuple[str, int, int]]]:
    result = CliRunner().invoke(app, ["check", str(path), "--reports", str(folder), "-f", "json",
                                      "--fail-on", "never"])
    doc = json.loads(result.stdout)
    return result.exit_code, [(w["code"], w["line"], w["column"]) for w in doc["warnings"]]


def both(folder: Path, path: Path, period: str) -> list[tuple[str, int, int]]:
    """The warnings on ``path`` from status and from check, which must agree; exit 0."""
    code, from_status = status_warnings(folder, period)
    assert code == 0
    code, from_check = check_warnings(folder, path)
    assert code == 0
    mine = [(c, line, col) for c, name, line, col in from_status if name == path.name]
    assert mine == from_check
    return mine


def test_figure_decreased(tmp_path: Path) -> None:
    write(tmp_path, "m", "马陆镇", "2018-05", {"K2018-4": {"value": 5}})
    path = write(tmp_path, "m", "马陆镇", "2018-06", {"K2018-4": {"value": 3}})
    # value: 3 is written on line 5 at column 12
    assert both(tmp_path, path, "2018-06") == [("figure-decreased", 5, 12)]


def test_this_month_inconsistent(tmp_path: Path) -> None:
    write(tmp_path, "m", "马陆镇", "2018-05", {"K2018-4": {"value": 5}})
    path = write(tmp_path, "m", "马陆镇", "2018-06", {"K2018-4": {"value": 8, "this_month": 2}})
    # 8 − 5 = 3 ≠ 2: on the this_month line (6)
    assert both(tmp_path, path, "2018-06") == [("this-month-inconsistent", 6, 17)]


def test_closed_window_figure(tmp_path: Path) -> None:
    write(tmp_path, "m", "马陆镇", "2018-12", {"K2018-4": {"value": 5}})
    path = write(tmp_path, "m", "马陆镇", "2019-01", {"K2018-4": {"value": 6}})
    assert both(tmp_path, path, "2019-01") == [("closed-window-figure", 5, 12)]


def test_before_window(tmp_path: Path) -> None:
    path = write(tmp_path, "s", "区市场监管局", "2018-12", {"K2019-6": {"value": 3}})
    assert both(tmp_path, path, "2018-12") == [("before-window", 5, 12)]


def test_exceeds_target(tmp_path: Path) -> None:
    # K2018-4: 40 个 for the whole district; one town reports 41
    path = write(tmp_path, "m", "马陆镇", "2018-06", {"K2018-4": {"value": 41}})
    assert both(tmp_path, path, "2018-06") == [("exceeds-target", 5, 12)]
    ok = write(tmp_path, "n", "南翔镇", "2018-06", {"K2018-4": {"value": 40}})
    assert both(tmp_path, ok, "2018-06") == []  # equal to the target is not above it


def test_denominator_changed(tmp_path: Path) -> None:
    write(tmp_path, "m", "马陆镇", "2018-05", {"J3a": {"numerator": 50, "denominator": 100}})
    path = write(tmp_path, "m", "马陆镇", "2018-06",
                 {"J3a": {"numerator": 60, "denominator": 121}})
    # |121 − 100| = 21 > 20 % of 100; 100·60/121 = 49.6 %: no jump. On the denominator line (6)
    assert both(tmp_path, path, "2018-06") == [("denominator-changed", 6, 18)]
    same = write(tmp_path, "n", "南翔镇", "2018-06", {"J3a": {"numerator": 1, "denominator": 120}})
    assert both(tmp_path, same, "2018-06") == []  # no previous report


def test_rate_jump(tmp_path: Path) -> None:
    write(tmp_path, "m", "马陆镇", "2018-05", {"J3a": {"numerator": 50, "denominator": 100}})
    path = write(tmp_path, "m", "马陆镇", "2018-06",
                 {"J3a": {"numerator": 81, "denominator": 100}})
    # 81 % − 50 % = 31 pp > 30 in one month; on the numerator line (5)
    assert both(tmp_path, path, "2018-06") == [("rate-jump", 5, 16)]
    write(tmp_path, "n", "南翔镇", "2018-04", {"J3a": {"numerator": 50, "denominator": 100}})
    later = write(tmp_path, "n", "南翔镇", "2018-06",
                  {"J3a": {"numerator": 90, "denominator": 100}})
    assert both(tmp_path, later, "2018-06") == []  # two months apart: not one month's jump


def test_thresholds_come_from_the_plan() -> None:
    index, findings = load_plan(str(ROOT / "data" / "plan.yaml"))
    assert index is not None, findings
    limits = index.plan.plausibility
    assert (limits.exceeds_target, limits.denominator_change, limits.rate_jump) == (1, 20, 30)
    raw = index.plan.model_dump(mode="json")
    raw.pop("plausibility")
    assert Plan.model_validate(raw).plausibility == limits  # the defaults


@pytest.mark.parametrize("limit", [35])
def test_a_wider_rate_jump_threshold_silences_the_warning(tmp_path: Path, limit: int) -> None:
    from meilijiayuan.judge.plausibility import plausibility
    from meilijiayuan.report.model import Report

    index, _ = load_plan(str(ROOT / "data" / "plan.yaml"))
    assert index is not None
    raw = index.plan.model_dump(mode="json")
    raw["plausibility"]["rate_jump"] = limit
    wide = PlanIndex(Plan.model_validate(raw))
    before = Report.model_validate({"unit": "马陆镇", "period": "2018-05", "items": {
        "J3a": {"numerator": 50, "denominator": 100}}})
    now = Report.model_validate({"unit": "马陆镇", "period": "2018-06", "items": {
        "J3a": {"numerator": 81, "denominator": 100}}})
    assert [f.code for f in plausibility(index, now, "马陆镇", before)] == ["rate-jump"]
    assert plausibility(wide, now, "马陆镇", before) == []
