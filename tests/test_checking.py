"""``build_run`` with ``--reports``: the folder is indexed once per run, not scanned per input.

Every case compares the run with the straightforward reading of the rules, written out here:
for each input, the folder's reports with the input in place of its organisation's reports of
the same month, merged by :func:`latest_reports`; the previous month from the folder, the
latest submitted of that organisation's reports of the month before.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import meilijiayuan.run.check as checking
from meilijiayuan.findings import Finding
from meilijiayuan.judge.records import Assessment
from meilijiayuan.judge.rules import evaluate_district, evaluate_report, latest_reports
from meilijiayuan.periods import Month
from meilijiayuan.plan.index import PlanIndex
from meilijiayuan.plan.load import load_plan
from meilijiayuan.report.model import Report
from meilijiayuan.report.validate import validate_file
from meilijiayuan.run.check import build_run
from meilijiayuan.run.files import validate_paths

ROOT = Path(__file__).resolve().parents[1]
FIX = ROOT / "tests" / "fixtures" / "check"
SAMPLES = ROOT / "data" / "reports"


def _report(unit: str, period: str, submitted: str | None, items: str) -> str:
    head = f"unit: {unit}\nperiod: {period}\n"
    if submitted is not None:
        head += f"submitted: {submitted}\n"
    return head + "items:\n" + items


# A folder with corrections (same month, later `submitted`; the correction's file name sorts
# after the original's), ties (same month, same date: the later file wins), items left out in
# a later month (the earlier figure still counts), a month after the inputs' (ignored), and
# the inputs' own organisation and month (replaced).
FOLDER = {
    "2018-03/甲镇.yaml": _report("甲镇", "2018-03", "2018-04-03",
                                "  Q: {value: 20}\n  R: {numerator: 50, denominator: 100}\n"
                                "  M: {state: not_started}\n"),
    "2018-04/甲镇.yaml": _report("甲镇", "2018-04", "2018-05-03",
                                "  Q: {value: 25}\n  R: {numerator: 55, denominator: 100}\n"),
    "2018-04/甲镇（更正）.yaml": _report("甲镇", "2018-04", "2018-05-09", "  Q: {value: 26}\n"),
    "2018-05/甲镇.yaml": _report("甲镇", "2018-05", "2018-06-02", "  Q: {value: 99}\n"),
    "2018-04/乙镇-a.yaml": _report("乙镇", "2018-04", "2018-05-04",
                                  "  Q: {value: 7}\n  R: {numerator: 20, denominator: 100}\n"),
    "2018-04/乙镇-b.yaml": _report("乙镇", "2018-04", "2018-05-04",
                                  "  Q: {value: 8}\n  R: {numerator: 25, denominator: 100}\n"),
    "2018-05/乙镇.yaml": _report("乙镇", "2018-05", None,
                                "  R: {numerator: 30, denominator: 100}\n  M: {state: blocked}\n"),
    "2018-04/丙镇.yaml": _report("丙镇", "2018-04", "2018-05-05",
                                "  Q: {value: 3}\n  M: {state: done}\n"),
    "2018-06/丙镇.yaml": _report("丙镇", "2018-06", "2018-07-05", "  Q: {value: 60}\n"),
}
INPUTS = {
    "甲镇-5.yaml": _report("甲镇", "2018-05", "2018-06-04",
                          "  Q: {value: 30, this_month: 4}\n  M: {state: in_progress}\n"),
    "甲镇-6.yaml": _report("甲镇", "2018-06", "2018-07-01", "  Q: {value: 33}\n"),
    "乙镇-5.yaml": _report("乙镇", "2018-05", "2018-06-05", "  Q: {value: 10}\n"),
    "丙镇-4.yaml": _report("丙镇", "2018-04", "2018-05-06",
                          "  R: {numerator: 1, denominator: 4}\n"),
}


@pytest.fixture()
def case(tmp_path: Path) -> tuple[PlanIndex, list[str], Path]:
    for name, text in FOLDER.items():
        path = tmp_path / "reports" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    inputs = []
    for name, text in INPUTS.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        inputs.append(str(path))
    index, findings = load_plan(str(FIX / "plan.yaml"))
    assert index is not None, findings
    return index, inputs, tmp_path / "reports"


def _expected(index: PlanIndex, path: str, folder: Path,
              as_of: Month | None) -> tuple[list[Assessment], list[Finding], list[Assessment]]:
    """Assessments, findings and 全区 rows of one input, the folder scanned for it alone."""
    pool = [r for r in validate_paths([str(folder)], index)
            if r.ok and r.report is not None and r.unit is not None]
    res = validate_file(path, index)
    assert res.report is not None and res.unit is not None and res.doc is not None
    report, unit = res.report, res.unit
    month = as_of or report.period
    before = [r.report for r in pool if r.report is not None and r.unit == unit
              and r.report.period == report.period.plus(-1)]
    previous = max(before, key=lambda r: r.submitted.isoformat() if r.submitted else "",
                   default=None)
    evaluation = evaluate_report(index, report, unit, month, previous=previous,
                                 locate=res.doc.pos, file=res.file)
    others = [r.report for r in pool if r.report is not None
              and not (r.unit == unit and r.report.period == report.period)]
    latest = latest_reports(index, [*others, report], report.period)
    shown = {a.id for a in evaluation.assessments if a.id in index.targets}
    district = evaluate_district(index, latest, month, only=shown)
    return evaluation.assessments, evaluation.findings, district


def _assert_same(index: PlanIndex, inputs: list[str], folder: Path,
                 as_of: Month | None = None) -> None:
    run = build_run(index, inputs, reports_dir=str(folder),
                    as_of=as_of.last_day() if as_of else None)
    assert [c.file for c in run.reports] == inputs
    assert sum(bool(c.district) for c in run.reports) > len(inputs) / 2  # something to compare
    for checked in run.reports:
        assert checked.ok and checked.evaluation is not None, checked.findings
        assessments, findings, district = _expected(index, checked.file, folder, as_of)
        assert checked.evaluation.assessments == assessments
        assert checked.findings == findings
        assert checked.district == district


def test_district_rows_and_previous_months_are_those_of_one_scan_per_input(
        case: tuple[PlanIndex, list[str], Path]) -> None:
    index, inputs, folder = case
    _assert_same(index, inputs, folder)
    _assert_same(index, inputs, folder, as_of=Month.parse("2018-09"))
    _assert_same(index, list(reversed(inputs)), folder)


def test_the_input_replaces_its_own_month_in_the_folder(
        case: tuple[PlanIndex, list[str], Path]) -> None:
    index, inputs, folder = case
    run = build_run(index, [inputs[0]], reports_dir=str(folder))
    [checked] = run.reports
    q = next(a for a in checked.district if a.id == "Q")
    # 甲镇 30 (the input, not the folder's 99) + 乙镇 8 (April: the later of a tie) + 丙镇 3
    assert (q.actual, q.reporters) == (41, 3)
    # the this_month check used the April correction (26): 30 − 26 = 4
    assert not checked.findings


def test_every_sample_report_against_the_samples() -> None:
    index, findings = load_plan(str(ROOT / "data" / "plan.yaml"))
    assert index is not None, findings
    inputs = sorted(str(p) for p in SAMPLES.glob("20*/*.yaml"))[::7]
    _assert_same(index, inputs, SAMPLES)


def test_the_folder_is_merged_once_per_month_not_once_per_input(
        monkeypatch: pytest.MonkeyPatch) -> None:
    index, findings = load_plan(str(ROOT / "data" / "plan.yaml"))
    assert index is not None, findings
    merged: list[int] = []

    def counting(index: PlanIndex, reports: list[Report], period: Month) -> dict[str, Report]:
        merged.append(len(reports))
        return latest_reports(index, reports, period)

    monkeypatch.setattr(checking, "latest_reports", counting)
    inputs = sorted(str(p) for p in (SAMPLES / "2019-06").glob("*.yaml"))
    run = build_run(index, inputs, reports_dir=str(SAMPLES))
    assert any(c.district for c in run.reports)
    folder = len(list(SAMPLES.glob("20*/*.yaml")))
    assert sum(n >= folder for n in merged) == 1  # the whole folder once, for 2019-06

