"""Assessments as rich tables (``mljy check``), one per report, with a summary line.

The cell texts are plain strings (:mod:`meilijiayuan.output.cells.check`, shared with the
markdown renderer); colour is only an addition (every status carries its symbol), so the
table reads the same under ``NO_COLOR``. rich is imported inside the render function only.

Everything is handed to rich as :class:`rich.text.Text`, never as a ``str``: rich would parse a
string for markup and emoji codes, and its first emoji lookup imports rich's emoji table
(14 M instructions, over 1 % of ``mljy check`` on one report).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import IO, TYPE_CHECKING

from meilijiayuan.judge.records import Assessment, Level
from meilijiayuan.output.cells.check import (
    NUMERIC,
    WHOLE,
    cells,
    district_title,
    header_text,
    headers,
    legend_text,
    status_level,
    summary_text,
)
from meilijiayuan.run.check import CheckRun

__all__ = ["TITLE_LEAST", "assessment_table", "render_check", "write_check"]

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

    from meilijiayuan.settings import Settings


_STYLE = {Level.green: "green", Level.amber: "yellow", Level.red: "bold red", Level.neutral: "dim"}


TITLE_LEAST = 8
"""The narrowest title column (four Chinese characters) before the figures give way."""


def assessment_table(assessments: Sequence[Assessment], lang: str, *, district: bool = False,
                     title: str | None = None, width: int | None = None) -> Table:
    """A rich table of assessments: ids, gaps, lags and statuses never wrap; no number or
    fraction is ever split across lines; titles are shown in full, wrapped, never cut.

    ``width`` is the width of the console the table will be printed on. Each figure column
    gets its full width when that leaves the title :data:`TITLE_LEAST` cells, else the
    width of its widest unbreakable piece (``60 万平方米`` then breaks at its space); the
    title takes the rest and is broken between Chinese characters, never inside a number
    (:mod:`meilijiayuan.output.table.wrap`). Without ``width`` rich lays the table out.
    """
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from meilijiayuan.output.table.wrap import fit, widths_of, wrap

    table = Table(title=None if title is None else Text(title, style="table.title"),
                  title_justify="left", header_style="bold", expand=False,
                  box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, padding=(0, 0))
    cols = headers(lang, district=district)
    rows = [cells(a, lang, title_width=None) for a in assessments]
    layout: dict[str, int] | None = None
    if width is not None:
        head = dict(cols)
        measured = {key: widths_of(rows, head, key, cjk=key in _CJK) for key, _ in cols}
        full = {key: f for key, (f, _) in measured.items()}
        least = {key: full[key] if key in WHOLE else n for key, (_, n) in measured.items()}
        layout = fit(full, least, "title", width - (len(cols) - 1), TITLE_LEAST)
    if layout is not None:
        for row in rows:
            row["title"] = wrap(row["title"], layout["title"])
    for key, header in cols:
        table.add_column(Text(header), no_wrap=key in WHOLE, overflow="fold",
                         width=layout[key] if layout is not None else None,
                         justify="right" if key in NUMERIC else "left")
    for a, row in zip(assessments, rows, strict=True):
        style = _STYLE[status_level(a)]
        values = [Text(row[key], style=style) if key == "status" else Text(row[key])
                  for key, _ in cols]
        table.add_row(*values)
    return table


_CJK = frozenset({"title", "roles"})
"""Columns of words (broken between Chinese characters); the others are figures."""


def render_check(console: Console, run: CheckRun, settings: Settings) -> None:
    """Findings first (the validation table), then per valid report its table and summary."""
    from rich.text import Text

    lang = settings.lang
    with_findings = [c for c in run.reports if c.findings]
    if with_findings or run.findings:
        from meilijiayuan.output.table.findings import render_findings
        from meilijiayuan.report.validate import FileResult

        results = [FileResult(c.file, "report", list(c.findings)) for c in with_findings]
        if run.findings:
            results.append(FileResult("mljy", "unknown", list(run.findings)))
        render_findings(console, results, settings)
    for checked in run.reports:
        ev = checked.evaluation
        if ev is None or not checked.ok:
            continue
        console.print()
        console.print(Text(header_text(checked, lang), style="bold"))
        if ev.assessments:
            console.print(assessment_table(ev.assessments, lang, width=console.width))
        console.print(Text(summary_text(ev.assessments, lang)))
        if ev.assessments:
            console.print(Text(legend_text(lang, ev.assessments), style="dim"))
        if checked.district:
            console.print()
            console.print(assessment_table(checked.district, lang, district=True,
                                           title=district_title(checked, lang),
                                           width=console.width))
            console.print(Text(summary_text(checked.district, lang)))
            _who(console, checked.district, lang)


def _who(console: Console, rows: Sequence[Assessment], lang: str) -> None:
    """Under the 全区 rows of ``check --reports``: who stands behind each red or amber row
    whose ``units`` the judge gave."""
    from rich.text import Text

    from meilijiayuan.output.trace import flagged, who_parts

    colon, sep = (": ", ", ") if lang == "en" else ("：", "、")
    for a in flagged(rows):
        head, parts = who_parts(a, None, None, lang)
        if parts:
            console.print(Text(f"  {head}{colon}{sep.join(parts)}", style=_STYLE[a.status.level]))


def write_check(run: CheckRun, settings: Settings, stream: IO[str]) -> None:
    """``mljy check`` (table)."""
    from meilijiayuan.output.table.console import make_console

    render_check(make_console(settings, stream), run, settings)
