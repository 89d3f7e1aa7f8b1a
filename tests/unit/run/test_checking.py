"""``build_run`` with ``--reports``: the district rows are those ``mljy status`` draws from
the folder and the inputs together (one in-effect rule), and the folder is swept once per run.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import meilijiayuan.run.check as checking
from meilijiayuan.judge.in_effect import Standing, Submission
from meilijiayuan.judge.picture import build_picture
from meilijiayuan.judge.records import Assessment
from meilijiayuan.periods import Month
from meilijiayuan.plan.index import PlanIndex
from meilijiayuan.plan.load import load_plan
from meilijiayuan.report.validate import validate_file
from meilijiayuan.run.check import build_run, exit_code
from meilijiayuan.run.files import validate_paths
from meilijiayuan.run.status import submission_of

ROOT = Path(__file__).resolve().parents[3]
FIX = ROOT / "tests" / "fixtures" / "check"
SAMPLES = ROOT / "data" / "reports"


def _report(unit: str, period: str, submitted: str | None, items: str) -> str:
    head = f"unit: {unit}\nperiod: {period}\n"
    if submitted is not None:
        head += f"submitted: {submitted}\n"
    return head + "items:\n" + items


# A folder with corrections (same month, later `submitted`), ties (same month, same date: a
# duplicate-report error, neither counts), an undated report, items left out in a later month
# (the earlier figure still counts), a month after the inputs' (ignored), and inputs of the
# same organisations and months as folder reports (ordered by `submitted` like any other).
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


def _picture_rows(index: PlanIndex, inputs: list[str], folder: Path,
                  month: Month) -> dict[str, Assessment]:
    """The district rows ``mljy status`` draws at ``month`` from the folder and the inputs."""
    seen = {Path(p).resolve() for p in inputs}
    results = [validate_file(p, index) for p in inputs]
    results += [r for r in validate_paths([str(folder)], index)
                if Path(r.file).resolve() not in seen]
    subs = [s for r in results if (s := submission_of(r, index)) is not None]
    picture = build_picture(index, subs, month)
    return {a.id: a for a in picture.district}


def test_district_rows_are_those_of_status_over_folder_and_inputs(
        case: tuple[PlanIndex, list[str], Path]) -> None:
    index, inputs, folder = case
    for chosen in ([inputs[0]], inputs, list(reversed(inputs))):
        run = build_run(index, chosen, reports_dir=str(folder))
        for checked in run.reports:
            assert checked.evaluation is not None
            rows = _picture_rows(index, chosen, folder, checked.evaluation.as_of)
            assert checked.district, checked.file
            for a in checked.district:
                assert a == rows[a.id], (checked.file, a.id)


def test_a_later_input_corrects_the_folder_and_ties_are_errors(
        case: tuple[PlanIndex, list[str], Path]) -> None:
    index, inputs, folder = case
    run = build_run(index, [inputs[0]], reports_dir=str(folder))
    [checked] = run.reports
    q = next(a for a in checked.district if a.id == "Q")
    # 甲镇 30: the input (submitted 06-04) corrects the folder's 99 (06-02);
    # 乙镇: its two April reports share 2018-05-04, so neither counts, and May gives no Q;
    # 丙镇 3 (April). 30 + 3 = 33 from 2 of 3 reporters
    assert (q.actual, q.reporters, q.expected_reporters) == (33, 2, 3)
    assert [(u.unit, u.actual, u.figure_period, u.missing) for u in q.units] == [
        ("甲镇", 30, "2018-05", False), ("乙镇", None, None, True), ("丙镇", 3, "2018-04", False)]
    clash = sorted((Path(f.file).name, [Path(o).name for o in f.args["other"]])
                   for f in run.findings if f.code == "duplicate-report")
    assert clash == [("乙镇-a.yaml", ["乙镇-b.yaml"]), ("乙镇-b.yaml", ["乙镇-a.yaml"])]
    assert exit_code(run, "never") == 2
    # this_month: the April correction (26) is the figure before: 30 − 26 = 4 = this_month
    assert not checked.findings


def test_an_undated_pair_is_a_duplicate_in_check_as_in_status(
        case: tuple[PlanIndex, list[str], Path]) -> None:
    index, inputs, folder = case
    乙 = inputs[2]  # 乙镇 2018-05, dated; the folder's 乙镇 2018-05 has no date
    run = build_run(index, [乙], reports_dir=str(folder))
    names = sorted(Path(f.file).name for f in run.findings if f.code == "duplicate-report"
                   and f.args["period"] == "2018-05")
    assert names == ["乙镇-5.yaml", "乙镇.yaml"]
    [checked] = run.reports
    q = next(a for a in checked.district if a.id == "Q")
    # 乙镇's May reports cannot be ordered, its April ones neither: Q = 甲镇 99 (May) + 丙镇 3
    assert (q.actual, q.reporters) == (102, 2)


def test_an_input_inside_the_folder_is_read_once() -> None:
    index, findings = load_plan(str(ROOT / "data" / "plan.yaml"))
    assert index is not None, findings
    inputs = sorted(str(p) for p in (SAMPLES / "2019-06").glob("*.yaml"))
    run = build_run(index, inputs, reports_dir=str(SAMPLES))
    assert not [f for f in run.findings if f.code == "duplicate-report"]
    assert all(c.ok for c in run.reports)


def test_every_sample_report_against_the_samples() -> None:
    index, findings = load_plan(str(ROOT / "data" / "plan.yaml"))
    assert index is not None, findings
    inputs = sorted(str(p) for p in SAMPLES.glob("20*/*.yaml"))[::7]
    run = build_run(index, inputs, reports_dir=str(SAMPLES))
    pictures: dict[Month, dict[str, Assessment]] = {}
    for checked in run.reports:
        assert checked.evaluation is not None
        month = checked.evaluation.as_of
        if month not in pictures:
            pictures[month] = _picture_rows(index, [], SAMPLES, month)
        assert all(a == pictures[month][a.id] for a in checked.district)
    assert sum(len(c.district) for c in run.reports) > 2 * len(inputs)


def test_the_folder_is_swept_once_per_run_not_once_per_input(
        monkeypatch: pytest.MonkeyPatch) -> None:
    index, findings = load_plan(str(ROOT / "data" / "plan.yaml"))
    assert index is not None, findings
    calls: list[int] = []
    real = checking.sweep

    def counting(effective: list[Submission], months: list[Month]
                 ) -> Iterator[tuple[Month, dict[str, Standing]]]:
        calls.append(len(effective))
        return real(effective, months)

    monkeypatch.setattr(checking, "sweep", counting)
    inputs = sorted(str(p) for p in (SAMPLES / "2019-06").glob("*.yaml"))
    run = build_run(index, inputs, reports_dir=str(SAMPLES))
    assert any(c.district for c in run.reports)
    assert len(calls) == 1
