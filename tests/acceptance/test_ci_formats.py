"""CI output of ``mljy validate``: GitHub workflow commands, JUnit XML, -q/-v/--summary.

Also the assessment renderers (for check and status) on hand-made records.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from meilijiayuan.cli import app
from meilijiayuan.judge.records import Assessment, Status
from meilijiayuan.output.advice import report_locator
from meilijiayuan.output.github import (
    assessment_commands,
    escape_data,
    escape_property,
    finding_commands,
    workflow_command,
)
from meilijiayuan.output.junit import junit_xml

ROOT = Path(__file__).resolve().parents[2]
CI = "tests/fixtures/ci"
MALU = f"{CI}/马陆镇.yaml"  # errors at known positions, Chinese file name
VALID = f"{CI}/valid/区民政局.yaml"
WARN = f"{CI}/valid/bare-rate.yaml"
SYNTAX = f"{CI}/invalid/syntax.yaml"


@pytest.fixture(autouse=True)
def _at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    """Paths as a CI job sees them: relative to the repository root; no ambient settings."""
    monkeypatch.chdir(ROOT)
    for var in ("MLJY_PLAN", "MLJY_LANG", "GITHUB_ACTIONS"):
        monkeypatch.delenv(var, raising=False)


def mljy(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


# --- escaping -----------------------------------------------------------------------------


def test_escape_data() -> None:
    assert escape_data("100%") == "100%25"
    assert escape_data("a, b: c") == "a, b: c"  # data keeps , and :
    assert escape_data("line 1\nline 2\r\n") == "line 1%0Aline 2%0D%0A"
    assert escape_data("%0A") == "%250A"  # % first, so a literal %0A survives


def test_escape_property() -> None:
    assert escape_property("a, b: c") == "a%2C b%3A c"
    assert escape_property("50%,\n") == "50%25%2C%0A"
    assert escape_property("data/reports/2019-06/马陆镇.yaml") == "data/reports/2019-06/马陆镇.yaml"


def test_workflow_command_properties() -> None:
    line = workflow_command("error", "unit 'X', not known\nfix it", file="reports/a,b:c.yaml",
                           line=3, column=5, title="mljy unknown-organisation")
    assert line == ("::error file=reports/a%2Cb%3Ac.yaml,line=3,col=5,"
                    "title=mljy unknown-organisation::unit 'X', not known%0Afix it")
    assert workflow_command("warning", "w") == "::warning::w"
    # a column without a line means nothing to GitHub; ./ and \ are normalised
    line = workflow_command("error", "m", file=".\\data\\x.yaml", column=4)
    assert line == "::error file=data/x.yaml::m"


# --- --format github, line by line ---------------------------------------------------------

MALU_EN = [
    f"::error file={MALU},line=6,col=5,title=mljy fields-for-measure::"
    "'J3a' is a rate target: give numerator + denominator, not value"
    "%0AJ3a:%0A  numerator: 120%0A  denominator: 126",
    f"::error file={MALU},line=7,col=3,title=mljy unknown-item::"
    "no item with id 'K2019-99' in the plan"
    "%0ADid you mean: K2019-9, K2019-8, K2019-7? Ids are case-sensitive; "
    "`mljy list --dept NAME` shows your items.",
    f"::warning file={MALU},line=9,col=3,title=mljy not-reporter::"
    "马陆镇 is not a reporter of 'J2'"
    "%0AKeep it if there is real progress to tell; otherwise remove it. "
    "See `mljy list --dept 马陆镇`.",
    "1 file: 0 valid, 1 invalid; 2 errors, 1 warning",
]


def test_github_lines_en() -> None:
    code, out, err = mljy("validate", "--format", "github", "--lang", "en", MALU)
    assert code == 2
    assert out.splitlines() == MALU_EN
    assert err == ""


def test_github_lines_zh() -> None:
    code, out, _ = mljy("validate", "-f", "github", MALU)
    assert code == 2
    assert out.splitlines() == [
        f"::error file={MALU},line=6,col=5,title=mljy fields-for-measure::"
        "“J3a”是比率类目标，应填写 numerator + denominator，而不是 value"
        "%0AJ3a:%0A  numerator: 120%0A  denominator: 126",
        f"::error file={MALU},line=7,col=3,title=mljy unknown-item::"
        "计划中没有编号为“K2019-99”的事项"
        "%0A是不是：K2019-9、K2019-8、K2019-7？ "
        "编号区分大小写，用 mljy list --dept 本单位 查看应报事项。",
        f"::warning file={MALU},line=9,col=3,title=mljy not-reporter::"
        "“J2”不是马陆镇负责报送的事项"
        "%0A如确有进展可保留；否则删除该项。应报事项见 mljy list --dept 马陆镇。",
        "1 个文件：0 个通过，1 个未通过；2 个错误，1 个警告",
    ]


def test_github_quiet_drops_warnings_and_clean_runs_print_nothing() -> None:
    code, out, _ = mljy("validate", "-f", "github", "--lang", "en", "-q", MALU)
    assert code == 2
    assert out.splitlines() == [MALU_EN[0], MALU_EN[1], MALU_EN[3]]
    code, out, _ = mljy("validate", "-f", "github", "-q", WARN, VALID)
    assert (code, out) == (0, "")


def test_github_file_level_error_has_no_line() -> None:
    code, out, _ = mljy("validate", "-f", "github", "--lang", "en", f"{CI}/nowhere.yaml")
    assert code == 2
    assert out.splitlines()[0] == (
        f"::error file={CI}/nowhere.yaml,title=mljy path-not-found::"
        f"no such file or folder: {CI}/nowhere.yaml%0ACheck the path.")


def test_github_chosen_inside_github_actions(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    code, out, _ = mljy("validate", "--lang", "en", MALU)
    assert code == 2
    assert out.splitlines() == MALU_EN
    code, out, _ = mljy("validate", "--lang", "en", "--format", "json", MALU)  # explicit wins
    assert json.loads(out)["valid"] is False


def test_table_outside_github_actions(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "false")
    code, out, _ = mljy("validate", "--lang", "en", MALU)
    assert code == 2
    assert "::error" not in out
    assert out.splitlines()[-1] == MALU_EN[-1]


# --- --format junit ------------------------------------------------------------------------


def test_junit_structure() -> None:
    files = [VALID, WARN, MALU, SYNTAX]
    code, out, _ = mljy("validate", "-f", "junit", "--lang", "en", *files)
    assert code == 2
    assert out.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    root = ET.fromstring(out.encode("utf-8"))
    _, js, _ = mljy("validate", "-f", "json", "--lang", "en", *files)
    doc = json.loads(js)

    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == files  # one suite per file, in the given order
    names = {s.get("name"): [c.get("name") for c in s.findall("testcase")] for s in suites}
    assert names == {
        VALID: [VALID, "W12"],
        WARN: [WARN, "J3a"],
        MALU: [MALU, "J3a", "K2019-99", "J2"],
        SYNTAX: [SYNTAX],  # it did not load: no items to list
    }
    for s in suites:
        cases = s.findall("testcase")
        assert s.get("tests") == str(len(cases))
        assert s.get("failures") == str(sum(c.find("failure") is not None for c in cases))
        assert s.get("errors") == "0" and s.get("skipped") == "0"
        assert all(c.get("classname") == s.get("name") for c in cases)
    assert root.get("tests") == str(sum(int(s.get("tests", "")) for s in suites)) == "9"
    assert root.get("failures") == str(sum(int(s.get("failures", "")) for s in suites))
    assert root.get("errors") == "0"

    # every error of the JSON document is a failure, with its code, position and hint
    failures = root.findall(".//failure")
    assert len(failures) == len(doc["errors"]) == 3
    for error in doc["errors"]:
        where = f"{error['file']}:{error['line']}:{error['column']}"
        (failure,) = [f for f in failures if (f.text or "").startswith(where)]
        assert failure.get("type") == error["code"]
        assert failure.get("message") == error["message"]
        assert error["hint"].splitlines()[0] in (failure.text or "")
    # warnings do not fail a test case; they are in its output
    (j2,) = [c for c in root.iter("testcase") if c.get("name") == "J2"]
    assert j2.find("failure") is None
    assert "not-reporter" in (j2.findtext("system-out") or "")


def test_junit_several_errors_in_one_case_make_one_failure(tmp_path: Path) -> None:
    report = tmp_path / "two.yaml"
    report.write_text("unit: 马陆镇x\nperiod: 2030-01\nitems:\n  J13:\n    state: done\n",
                      encoding="utf-8")
    code, out, _ = mljy("validate", "-f", "junit", "--lang", "en", str(report))
    assert code == 2
    (case,) = [c for c in ET.fromstring(out).iter("testcase") if c.get("name") == str(report)]
    (failure,) = case.findall("failure")
    body = failure.text or ""
    assert body.count(f"{report}:") == 2  # both errors in the body
    assert (failure.get("message") or "").endswith(" (+1)")


def test_junit_valid_run_and_utf8_bytes() -> None:
    result = CliRunner().invoke(app, ["validate", "-f", "junit", VALID])
    assert result.exit_code == 0
    root = ET.fromstring(result.stdout_bytes)  # the bytes are UTF-8, as declared
    assert root.get("failures") == "0"
    assert root.find("testsuite") is not None
    assert root.find("testsuite").get("name") == VALID  # type: ignore[union-attr]


# --- -q / -v / --summary (table) -----------------------------------------------------------


def test_default_shows_warnings_and_total() -> None:
    code, out, _ = mljy("validate", "--lang", "en", WARN, VALID)
    assert code == 0
    assert "bare-rate" in out
    assert out.splitlines()[-1] == "2 files: 2 valid, 0 invalid; 0 errors, 1 warning"
    assert "✓" not in out


def test_wide_console_gets_the_table() -> None:
    result = CliRunner().invoke(app, ["validate", "--lang", "en", MALU], env={"COLUMNS": "160"})
    assert result.exit_code == 2
    lines = result.stdout.splitlines()
    assert lines[0].startswith("┏")
    assert any(line.startswith(f"│ {MALU}:6:5 ") for line in lines)
    assert lines[-1] == "1 file: 0 valid, 1 invalid; 2 errors, 1 warning"


def test_narrow_console_gets_blocks() -> None:
    code, out, _ = mljy("validate", "--lang", "en", MALU)
    assert code == 2
    assert out.splitlines()[:5] == [
        f"✗ error {MALU}:6:5  fields-for-measure",
        "  'J3a' is a rate target: give numerator + denominator, not value",
        "  How to fix: J3a:",
        "    numerator: 120",
        "    denominator: 126",
    ]


def test_quiet() -> None:
    code, out, _ = mljy("validate", "--lang", "en", "-q", WARN, VALID)
    assert (code, out) == (0, "")  # warnings hidden, no total line when all is valid
    code, out, _ = mljy("validate", "--lang", "en", "-q", WARN, MALU)
    assert code == 2
    assert "unknown-item" in out and "not-reporter" not in out and "bare-rate" not in out
    assert out.splitlines()[-1] == "2 files: 1 valid, 1 invalid; 2 errors, 2 warnings"


def test_verbose_lists_passing_files() -> None:
    code, out, _ = mljy("validate", "--lang", "en", "-v", WARN, VALID, MALU)
    assert code == 2
    lines = out.splitlines()
    assert f"✓ {WARN} (report)" in lines
    assert f"✓ {VALID} (report)" in lines
    assert not any(line.startswith(f"✓ {MALU}") for line in lines)
    assert lines[-1] == "3 files: 2 valid, 1 invalid; 2 errors, 2 warnings"


def test_summary() -> None:
    code, out, _ = mljy("validate", "--lang", "en", "--summary", WARN, VALID, MALU)
    assert code == 2
    assert out.splitlines() == [
        f"✓ {WARN}  0 errors  1 warning",
        f"✓ {VALID}  0 errors  0 warnings",
        f"✗ {MALU}  2 errors  1 warning",
        "3 files: 2 valid, 1 invalid; 2 errors, 2 warnings",
    ]
    code, out, _ = mljy("validate", "--lang", "en", "--summary", "-q", WARN, VALID, MALU)
    assert out.splitlines() == [
        f"✗ {MALU}  2 errors  1 warning",
        "3 files: 2 valid, 1 invalid; 2 errors, 2 warnings",
    ]
    code, out, _ = mljy("validate", "--summary", "-q", WARN, VALID)
    assert (code, out) == (0, "")


def test_quiet_and_verbose_together_is_a_usage_error() -> None:
    code, out, err = mljy("validate", "-q", "-v", VALID)
    assert code == 2
    assert out == ""
    assert err.startswith("mljy: ")


def test_help_documents_the_options() -> None:
    result = CliRunner().invoke(app, ["validate", "--help"], env={"COLUMNS": "120"})
    assert result.exit_code == 0
    for text in ("--changed-since", "-q ", "-v ", "--summary", "GITHUB_ACTIONS=true", "junit"):
        assert text in result.stdout


# --- assessments (check / status) ----------------------------------------------------------


def _assessment(id: str, unit: str, status: Status, **kw: object) -> Assessment:
    fields: dict[str, object] = dict(
        id=id, item=id, unit=unit, measure="quantity", status=status, title="小区综合治理",
        target=40.0, expected=20.0, actual=5.0, gap=15.0, lag_pp=37.5, unit_of_measure="个",
        window=("2018-01", "2018-12"), as_of="2018-06",
    )
    fields.update(kw)
    return Assessment(**fields)  # type: ignore[arg-type]


ROWS = [
    _assessment("K2018-4", "马陆镇", Status.at_risk),
    _assessment("K2018-7", "马陆镇", Status.behind, lag_pp=15.0),
    _assessment("K2018-1", "马陆镇", Status.on_track, lag_pp=2.0),
    _assessment("J3a", "全区", Status.missing, measure="rate", unit_of_measure="%", target=95.0,
                expected=None, actual=None, gap=None, lag_pp=None, window=("2018-01", "2020-12")),
]


def test_github_assessments_by_fail_on() -> None:
    def locate(a: Assessment) -> tuple[str, int | None, int | None] | None:
        return ("data/reports/2018-06/马陆镇.yaml", 5, 3) if a.unit == "马陆镇" else None

    red = assessment_commands(ROWS, lang="en", fail_on="red", locate=locate)
    assert red == [
        "::error file=data/reports/2018-06/马陆镇.yaml,line=5,col=3,title=mljy at_risk::"
        "马陆镇 K2018-4「小区综合治理」at risk: target 40 个, expected by now 20 个, actual 5 个, "
        "gap 15 个, lag 37.5 pp, window 2018-01–2018-12 (as of 2018-06)"
        "%0ABehind schedule: check the total; if it is right, explain the cause and the remedy "
        "in `note`.",
        "::error title=mljy missing::全区 J3a「小区综合治理」missing: target 95%25, "
        "window 2018-01–2020-12 (as of 2018-06)"
        "%0AReport J3a under items; `mljy template` lists the items your unit must report.",
    ]
    amber = assessment_commands(ROWS, lang="zh", fail_on="amber")
    assert [line.split("::")[1] for line in amber] == [
        "error title=mljy at_risk", "warning title=mljy behind", "error title=mljy missing"]
    assert amber[1].endswith(
        "%0A落后于序时进度：核对填报的累计数；确实滞后的，在 note 中说明原因和措施。")
    assert assessment_commands(ROWS, lang="zh", fail_on="never") == []


def test_junit_assessments() -> None:
    def locate(a: Assessment) -> tuple[str, int | None, int | None] | None:
        return ("r/马陆镇.yaml", 9, 3) if a.unit == "马陆镇" else None

    root = ET.fromstring(junit_xml(assessments=ROWS, lang="en", fail_on="red", locate=locate,
                                   name="mljy check"))
    assert root.get("name") == "mljy check"
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    assert list(suites) == ["r/马陆镇.yaml", "全区"]
    town = suites["r/马陆镇.yaml"]
    assert [c.get("name") for c in town.findall("testcase")] == ["K2018-4", "K2018-7", "K2018-1"]
    assert (town.get("tests"), town.get("failures")) == ("3", "1")
    (failure,) = town.iter("failure")
    assert failure.get("type") == "at_risk"
    assert (failure.text or "").startswith("r/马陆镇.yaml:9:3: [at_risk] 马陆镇 K2018-4")
    behind = town.findall("testcase")[1]
    assert behind.find("failure") is None and "behind" in (behind.findtext("system-out") or "")
    district = suites["全区"]
    assert (district.get("tests"), district.get("failures")) == ("1", "1")
    assert district.find("testcase").get("classname") == "全区"  # type: ignore[union-attr]
    assert root.get("failures") == "2"


def test_report_locator_and_validation_cases_join(index: object) -> None:
    from meilijiayuan.run.files import validate_paths

    results = validate_paths([VALID], index)  # type: ignore[arg-type]
    locate = report_locator(results)
    w12 = _assessment("W12", "区民政局", Status.overdue, as_of="2018-12", measure="milestone")
    k = _assessment("K2018-9", "区民政局", Status.missing, as_of="2018-06")
    assert locate(w12) == (VALID, 6, 3)  # the item's key
    assert locate(k) == (VALID, 5, 1)  # not reported: the items: line
    assert locate(_assessment("W12", "区民政局", Status.missing, as_of="2018-05")) is None
    assert locate(_assessment("W12", "全区", Status.missing)) is None
    root = ET.fromstring(junit_xml(results, assessments=[w12], lang="en", locate=locate))
    (suite,) = root.findall("testsuite")
    assert [c.get("name") for c in suite.findall("testcase")] == [VALID, "W12"]
    assert suite.get("failures") == "1"
    assert finding_commands([], "en") == []


def test_junit_takes_check_records() -> None:
    """``mljy check`` keeps ``CheckedReport`` (file + findings), not ``FileResult``."""
    from meilijiayuan.findings import Finding
    from meilijiayuan.run.check import CheckedReport

    file = "data/reports/2018-06/马陆镇.yaml"
    warning = Finding("not-reporter", file, 9, 3, {"item": "J2", "unit": "马陆镇"}, item="J2")
    checked = CheckedReport(file, [warning])
    rows = ROWS[:3]
    xml = junit_xml([checked], assessments=rows, lang="en", fail_on="amber",
                    locate=lambda a: (file, 4, 3), name="mljy check")
    (suite,) = ET.fromstring(xml).findall("testsuite")
    assert suite.get("name") == file
    assert [c.get("name") for c in suite.findall("testcase")] == [
        file, "J2", "K2018-4", "K2018-7", "K2018-1"]
    assert [c.find("failure").get("type") for c in suite.findall("testcase")  # type: ignore[union-attr]
            if c.find("failure") is not None] == ["at_risk", "behind"]
    assert (suite.get("tests"), suite.get("failures")) == ("5", "2")


# --- the example CI files ------------------------------------------------------------------


def test_example_ci_files_parse_and_use_the_options() -> None:
    import yaml

    gha = (ROOT / "examples/ci/github-actions.yml").read_text(encoding="utf-8")
    gitlab = (ROOT / "examples/ci/gitlab-ci.yml").read_text(encoding="utf-8")
    workflow = yaml.safe_load(gha)
    steps = workflow["jobs"]["validate"]["steps"]
    assert steps[0]["with"]["fetch-depth"] == 0
    assert any(s.get("with", {}).get("python-version") == "3.11" for s in steps)
    runs = "\n".join(s.get("run", "") for s in steps)
    assert "--changed-since origin/$BASE_REF" in runs
    assert "${{ steps" not in runs  # nothing pasted into a script by expression
    assert "--format github" in runs and "--format junit" in runs and "> mljy-junit.xml" in runs
    job = yaml.safe_load(gitlab)["mljy-validate"]
    assert job["artifacts"]["reports"]["junit"] == "mljy-junit.xml"
    assert job["variables"]["GIT_DEPTH"] == "0"
    assert any("--changed-since" in line for line in job["script"])
