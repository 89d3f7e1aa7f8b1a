"""Assessments as rich tables (``mljy check``), one per report, with a summary line.

The cell texts are plain strings built here once and shared with the markdown renderer;
colour is only an addition (every status carries its symbol), so the table reads the
same under ``NO_COLOR``. rich is imported inside the render function only.

Everything is handed to rich as :class:`rich.text.Text`, never as a ``str``: rich would parse a
string for markup and emoji codes, and its first emoji lookup imports rich's emoji table
(14 M instructions, over 1 % of ``mljy check`` on one report).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import IO, TYPE_CHECKING

from meilijiayuan.judge.records import Assessment, Level, Status, count_statuses
from meilijiayuan.messages.labels import pick
from meilijiayuan.output.figures import figure_month, number, signed, with_unit

__all__ = [  # figure_month … with_unit live in output.figures; html.py reads them here
    "COLUMNS", "DISTRICT_EXTRA", "NUMERIC", "TITLE_LEAST", "TITLE_WIDTH", "WHOLE",
    "assessment_table", "cells", "district_title", "figure_month", "header_text", "headers",
    "legend_text", "number", "render_check", "short", "signed", "status_level", "status_text",
    "summary_text", "with_unit", "word", "write_check",
]
from meilijiayuan.messages.renderers import CHECK as _WORDS
from meilijiayuan.messages.renderers import CHECK_COLUMNS as COLUMNS
from meilijiayuan.messages.renderers import DISTRICT_EXTRA
from meilijiayuan.messages.renderers import ROLES as _ROLE
from meilijiayuan.messages.renderers import STATES as _STATE
from meilijiayuan.run.check import CheckedReport, CheckRun

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

    from meilijiayuan.settings import Settings

MINUS = "\u2212"  # a real minus sign: "−2" reads better than "-2" next to CJK text

NUMERIC = frozenset({"target", "expected", "actual", "gap", "lag", "reporters"})
WHOLE = frozenset({"id", "gap", "lag", "status"})
"""Columns read whole: they never wrap (the others fold)."""


_STYLE = {Level.green: "green", Level.amber: "yellow", Level.red: "bold red", Level.neutral: "dim"}
TITLE_WIDTH = 18


def word(key: str, lang: str) -> str:
    """A renderer word in ``lang``."""
    return pick(_WORDS, key, lang)


def headers(lang: str, *, district: bool = False) -> list[tuple[str, str]]:
    """(key, header) of the columns; district tables add how many units reported."""
    cols = [*COLUMNS, DISTRICT_EXTRA] if district else list(COLUMNS)
    if district:
        cols = [c for c in cols if c[0] != "roles"]
    return [(key, en if lang == "en" else zh) for key, zh, en in cols]


def short(text: str, width: int = TITLE_WIDTH) -> str:
    """A title cut to ``width`` characters (the id column carries the full reference)."""
    return text if len(text) <= width else text[: width - 1] + "…"


def status_text(a: Assessment, lang: str) -> str:
    """``✔ 已完成``; a neutral contribution row reads ``Σ 计入全区`` (a blocked item's state
    shows in the actual column: ``▲ 滞后`` + ``受阻``)."""
    if a.contribution and a.status is Status.ongoing:
        return "Σ " + word("contribution", lang)
    return f"{a.status.symbol} {a.status.label(lang)}"


def status_level(a: Assessment) -> Level:
    """The colour of a row's status (a contribution row is neutral)."""
    return Level.neutral if a.contribution and a.status is Status.ongoing else a.status.level


def _state(state: str, lang: str) -> str:
    zh, en = _STATE.get(state, (state, state))
    return en if lang == "en" else zh


def cells(a: Assessment, lang: str, *, title_width: int | None = TITLE_WIDTH) -> dict[str, str]:
    """The plain-text cell of every column for one assessment."""
    unit = a.unit_of_measure
    if a.measure in ("milestone", "ongoing"):
        target = word("milestone", lang) if a.measure == "milestone" else ""
        actual = _state(a.state, lang) if a.state else ""
        if a.actual is not None:
            actual = f"{actual} {with_unit(a.actual, unit)}".strip()
    else:
        target = with_unit(a.target, unit)
        actual = with_unit(a.actual, unit)
        if a.numerator is not None and a.denominator is not None:
            actual += f" ({number(a.numerator)}/{number(a.denominator)})"
    carried = figure_month(a)
    if carried and actual:
        actual += f" @{carried}"
    names = [_ROLE[r][1 if lang == "en" else 0] for r in a.roles if r in _ROLE]
    roles = (", " if lang == "en" else "、").join(names)
    return {
        "id": a.id,
        "title": short(a.title, title_width) if title_width else a.title,
        "roles": roles,
        "target": target,
        "expected": with_unit(a.expected, unit),
        "actual": actual,
        "gap": signed(a.gap),
        "lag": signed(a.lag_pp),
        "status": status_text(a, lang),
        "reporters": (f"{a.reporters}/{a.expected_reporters}"
                      if a.reporters is not None and a.expected_reporters is not None else ""),
    }


def summary_text(assessments: Sequence[Assessment], lang: str) -> str:
    """``18 项：✔ 已完成 2 · ● 正常 3 · … — 红色 4``, only the statuses present."""
    counts = count_statuses(assessments)
    parts = []
    for status in Status:
        n = counts.get(status.value, 0)
        if n:
            parts.append(f"{status.symbol} {status.label(lang)} {n}")
    if counts.get("contribution"):
        parts.append(f"Σ {word('contribution', lang)} {counts['contribution']}")
    red = sum(1 for a in assessments if status_level(a) is Level.red)
    total = len(assessments)
    head = f"{total} {word('items', lang)}" if lang == "en" else f"共 {total} {word('items', lang)}"
    tail = f" — {word('red', lang)} {red}" if red else ""
    if not parts:
        return f"{head}: {word('none', lang)}" if lang == "en" else f"{head}：{word('none', lang)}"
    sep = ": " if lang == "en" else "："
    return head + sep + " · ".join(parts) + tail


def header_text(checked: CheckedReport, lang: str) -> str:
    """``马陆镇 · 2019-06 · 截至 2019-06-30 · path``."""
    ev = checked.evaluation
    if ev is None:
        return checked.file
    when = checked.as_of_date or str(ev.as_of)
    return " · ".join([ev.unit, str(ev.period), f"{word('as_of', lang)} {when}", checked.file])


def district_title(checked: CheckedReport, lang: str) -> str:
    """``全区 · 截至 2019-06-30``."""
    when = checked.as_of_date or (str(checked.evaluation.as_of) if checked.evaluation else "")
    return f"{word('district', lang)} · {word('as_of', lang)} {when}"


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


def legend_text(lang: str, assessments: Sequence[Assessment] = ()) -> str:
    """What the signs of the gap and the lag mean; the month mark of a carried figure when
    one of ``assessments`` has one."""
    text = pick(_WORDS, "legend", lang)
    if any(figure_month(a) for a in assessments):
        text += ("  " if lang == "en" else "") + pick(_WORDS, "carried", lang)
    return text


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
