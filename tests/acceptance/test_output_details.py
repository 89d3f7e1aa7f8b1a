"""Output details found while writing a report by hand: a rate's gap is in percentage
points, a missing report has no file in JUnit, validate offers only the formats it has,
and usage lines read as people write them (no ``{REPORT}``, no ``{kind}:<report|plan>``)."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from meilijiayuan.cli import app
from meilijiayuan.judge.records import Assessment, Status
from meilijiayuan.output.advice import describe_assessment

runner = CliRunner()


def _assessment(
    measure: str, uom: str, target: float, expected: float, actual: float
) -> Assessment:
    return Assessment(
        id="J3a", item="J3", unit="马陆镇", measure=measure, status=Status.behind,
        title="业委会组建率达95%", target=target, expected=expected, actual=actual,
        gap=round(expected - actual, 2), lag_pp=8.93, unit_of_measure=uom,
        window=("2018-01", "2020-12"), as_of="2019-06-30",
    )  # fmt: skip


def test_a_rates_gap_is_in_percentage_points() -> None:
    rate = _assessment("rate", "%", 95, 95, 86.07)
    assert "差距 8.93 pp" in describe_assessment(rate, "zh")
    assert "gap 8.93 pp" in describe_assessment(rate, "en")
    assert "8.93%" not in describe_assessment(rate, "zh")
    assert "目标 95%" in describe_assessment(rate, "zh")  # the levels themselves stay in %
    quantity = _assessment("quantity", "个", 40, 20, 5)
    assert "差距 15 个" in describe_assessment(quantity, "zh")


def test_junit_missing_reports_have_no_file() -> None:
    result = runner.invoke(
        app, ["status", "data/reports", "--period", "2019-06", "--format", "junit"]
    )
    xml = result.stdout
    assert '<testsuite name="未报送"' in xml
    assert 'file="未报送"' not in xml
    assert "<system-out>warning [missing-report]" in xml


def test_validate_offers_only_its_formats() -> None:
    help_text = runner.invoke(app, ["validate", "-h"]).stdout
    assert "<table|json|github|junit>" in help_text
    assert "markdown" not in help_text
    refused = runner.invoke(app, ["validate", "-f", "markdown", "x.yaml"])
    assert refused.exit_code == 2
    assert "只能是 table、json、github、junit 之一" in refused.stderr


@pytest.mark.parametrize(
    ("command", "usage"),
    [
        ("check", "Usage: mljy check [OPTIONS] REPORT..."),
        ("schema", "Usage: mljy schema [OPTIONS] report|plan"),
        ("validate", "Usage: mljy validate [OPTIONS] [PATH]..."),
        ("status", "Usage: mljy status [OPTIONS] [DIR]"),
        ("report", "Usage: mljy report [OPTIONS] [DIR]"),
        ("list", "Usage: mljy list [OPTIONS]"),
        ("template", "Usage: mljy template [OPTIONS]"),
    ],
)
def test_usage_lines_read_as_written(command: str, usage: str) -> None:
    first = runner.invoke(app, [command, "-h", "--lang", "en"]).stdout.splitlines()[0]
    assert first == usage
    assert "{" not in first and ":<" not in first
    zh = runner.invoke(app, [command, "-h"]).stdout.splitlines()[0]
    assert zh == usage.replace("Usage: ", "用法：").replace("[OPTIONS]", "[选项]")


@pytest.mark.parametrize("command", ["check", "validate", "status", "report", "list", "template",
                                     "schema", "convert", None])
def test_the_help_frame_is_in_the_runs_language(command: str | None) -> None:
    """click writes Usage/Options/[default: …]/[env var: …]/[required] in English only."""
    args = [command] if command else []
    zh = runner.invoke(app, [*args, "-h"]).stdout
    for english in ("Usage:", "Arguments:", "Options:", "Commands:", "[default:", "[env var:",
                    "[required]", "x>=", "<str>", "<int", "<list"):
        assert english not in zh, (command, english)
    assert "选项：" in zh
    en = runner.invoke(app, [*args, "-h", "--lang", "en"]).stdout
    assert "Options:" in en and "选项" not in en


def test_an_options_extras_are_told_in_words() -> None:
    lines = runner.invoke(app, ["status", "-h"]).stdout.splitlines()
    assert any(line.rstrip().endswith("[默认：1048576；至少 1]") for line in lines)
    assert any("[环境变量：MLJY_LANG；默认：zh]" in line for line in lines)
    check = runner.invoke(app, ["check", "-h"]).stdout.splitlines()
    assert "  REPORT...  报表文件或文件夹  [必填]" in check


def test_a_missing_argument_names_it_as_the_usage_line_does() -> None:
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 2
    assert "用法：mljy check [选项] REPORT..." in result.stderr
