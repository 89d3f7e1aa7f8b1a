"""The rich tables of ``mljy check`` and ``mljy validate``: layout and literal text.

- ``assessment_table(width=…)`` lays the columns out itself: no number or fraction is ever
  split across lines, titles wrap in full, nothing is wider than the console.
- Findings quote the files; rich markup and emoji codes in them are shown as typed.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from rich.cells import cell_len
from rich.console import Console
from typer.testing import CliRunner

from meilijiayuan.cli import app
from meilijiayuan.judge.records import Assessment
from meilijiayuan.output.cells.check import cells, district_title, headers
from meilijiayuan.output.table.check import assessment_table
from meilijiayuan.plan.load import load_plan
from meilijiayuan.run.check import build_run

ROOT = Path(__file__).resolve().parents[3]
SAMPLES = ROOT / "data" / "reports"


@pytest.fixture(scope="module")
def tables() -> list[tuple[list[Assessment], bool, str | None]]:
    """The organisation's table and the district's (built in a fixture: a failure here is a
    test failure, not an error collecting the module)."""
    index, findings = load_plan(str(ROOT / "data" / "plan.yaml"))
    assert index is not None, findings
    run = build_run(index, [str(SAMPLES / "2020-06" / "外冈镇.yaml")], reports_dir=str(SAMPLES))
    [checked] = run.reports
    assert checked.evaluation is not None and checked.district
    return [(checked.evaluation.assessments, False, None),
            (checked.district, True, district_title(checked, "en"))]



def _draw(width: int, assessments: list[Assessment], district: bool, title: str | None,
          lang: str, fixed: bool) -> str:
    out = io.StringIO()
    console = Console(file=out, width=width, no_color=True, highlight=False)
    console.print(assessment_table(assessments, lang, district=district, title=title,
                                   width=width if fixed else None))
    return out.getvalue()


NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def _numbers(text: str) -> list[str]:
    return sorted(NUMBER.findall(text))


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("table", [0, 1], ids=["own", "district"])
def test_no_number_splits_and_nothing_is_wider_than_the_console(
        tables: list[tuple[list[Assessment], bool, str | None]], table: int, lang: str) -> None:
    """At every width from 80 columns up, each row's numbers come out whole (the same
    numbers, the same count: ``60`` is never ``6`` + ``0``) and no line is wider than the
    console."""
    assessments, district, _ = tables[table]
    for a in assessments:
        source = cells(a, lang, title_width=None)
        keys = [key for key, _ in headers(lang, district=district)]
        expected = _numbers(" ".join(source[key] for key in keys))
        for width in [*range(80, 101), 120, 160, 200]:
            text = _draw(width, [a], district, None, lang, fixed=True)
            body = text.split("\n", 2)[2]  # below the header and its rule
            assert _numbers(body) == expected, (a.id, width, body)
            assert all(cell_len(line) <= width for line in text.splitlines()), (a.id, width)


def test_a_title_with_a_figure_wraps_around_it_at_80_columns() -> None:
    """The finding of the meeting-picture issue: ``6`` / ``0万平方米`` across two lines."""
    index, findings = load_plan(str(ROOT / "data" / "plan.yaml"))
    assert index is not None, findings
    run = build_run(index, [str(SAMPLES / "2018-12" / "马陆镇.yaml")], reports_dir=str(SAMPLES))
    k = next(a for a in run.reports[0].district if a.id == "K2018-1")
    text = _draw(80, [k], True, None, "zh", fixed=True)
    rows = text.splitlines()[2:]
    assert rows[0].split()[:2] == ["K2018-1", "完成各类旧住房改"]
    assert [line.split()[0] for line in rows[1:]] == ["造60万平方米"]
    assert rows[0].split()[2:5] == ["60", "60", "万平方米"]


@pytest.mark.xfail(strict=True, reason=(
    "below about 75 columns the fixed layout (output/table/wrap.py) places a column a cell or "
    "two differently from rich's own minimum widths; numbers still never split"))
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("table", [0, 1], ids=["own", "district"])
def test_fixed_widths_lay_out_like_minimum_widths_at_every_width(
        tables: list[tuple[list[Assessment], bool, str | None]], table: int, lang: str) -> None:
    assessments, district, title = tables[table]
    for width in [*range(1, 81), 100, 120, 160, 200]:
        fixed = _draw(width, assessments, district, title, lang, fixed=True)
        assert fixed == _draw(width, assessments, district, title, lang, fixed=False), width


runner = CliRunner()


def test_findings_show_markup_and_emoji_codes_as_typed(tmp_path: Path) -> None:
    report = tmp_path / "a:100:.yaml"
    report.write_text('unit: 南翔镇\nperiod: 2019-06\nitems:\n  "[/bold]":\n    value: 1\n'
                      '  ":smile:":\n    value: 2\n  "[red]x":\n    value: 3\n', encoding="utf-8")
    for command in ("validate", "check"):
        result = runner.invoke(app, [command, str(report)],
                               env={"COLUMNS": "300", "NO_COLOR": "1"})
        assert result.exit_code == 2, result.output
        assert "MarkupError" not in result.output
        for text in ("“[/bold]”", "“:smile:”", "“[red]x”", "a:100:.yaml:4:3"):
            assert text in result.stdout, (command, text)
