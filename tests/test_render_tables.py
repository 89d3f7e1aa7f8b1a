"""The rich tables of ``mljy check`` and ``mljy validate``: layout and literal text.

- ``assessment_table(width=…)`` fixes the widths of the columns that never wrap instead of
  giving rich their minimum; the layout must be the same at every console width.
- Findings quote the files; rich markup and emoji codes in them are shown as typed.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from meilijiayuan.cli import app
from meilijiayuan.judge.records import Assessment
from meilijiayuan.output.table.check import assessment_table, district_title
from meilijiayuan.report.validate import load_plan
from meilijiayuan.run.check import build_run

ROOT = Path(__file__).resolve().parents[1]
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
