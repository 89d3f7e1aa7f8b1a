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
from decimal import Decimal
from typing import TYPE_CHECKING

from meilijiayuan.judge.records import Assessment, Level, Status, count_statuses
from meilijiayuan.messages.labels import pick
from meilijiayuan.run.check import CheckedReport, CheckRun

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

    from meilijiayuan.settings import Settings

MINUS = "\u2212"  # a real minus sign: "−2" reads better than "-2" next to CJK text

# (key, zh, en) of the assessment columns, in order
COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("id", "编号", "ID"),
    ("title", "事项", "Item"),
    ("roles", "角色", "Role"),
    ("target", "目标", "Target"),
    ("expected", "序时", "Expected"),
    ("actual", "实际", "Actual"),
    ("gap", "差距", "Gap"),
    ("lag", "滞后pp", "Lag pp"),
    ("status", "状态", "Status"),
)
DISTRICT_EXTRA = ("reporters", "报送", "Reported")
NUMERIC = frozenset({"target", "expected", "actual", "gap", "lag", "reporters"})
WHOLE = frozenset({"id", "gap", "lag", "status"})
"""Columns read whole: they never wrap (the others fold)."""

_ROLE = {
    "lead": ("牵头", "lead"), "cooperating": ("配合", "coop."), "implementing": ("实施", "impl."),
}
_STATE = {
    "not_started": ("未开始", "not started"),
    "in_progress": ("推进中", "in progress"),
    "done": ("已完成", "done"),
    "blocked": ("受阻", "blocked"),
}
_WORDS = {
    "milestone": ("完成", "done"),
    "contribution": ("计入全区", "to district"),
    "as_of": ("截至", "as of"),
    "items": ("项", "items"),
    "red": ("红色", "red"),
    "district": ("全区", "District"),
    "reports_in": ("份报表", "reports"),
    "none": ("没有需要评价的事项", "nothing to assess"),
}
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


def number(x: float | Decimal | None) -> str:
    """``60``, ``5.25``, ``0.33``: at most two decimals, no trailing zeros."""
    if x is None:
        return ""
    text = f"{x:,.2f}".rstrip("0").rstrip(".")
    text = "0" if text in ("-0", "") else text
    return text.replace("-", MINUS)


def signed(x: float | Decimal | None) -> str:
    """``+3.5``, ``−2``, ``0``: the sign always shown, so a gap reads at a glance."""
    if x is None:
        return ""
    text = number(x)
    return text if text.startswith(MINUS) or text == "0" else "+" + text


def with_unit(x: float | Decimal | None, unit: str | None) -> str:
    """``60 万平方米``, ``95%``."""
    if x is None:
        return ""
    if unit in (None, ""):
        return number(x)
    return f"{number(x)}%" if unit == "%" else f"{number(x)} {unit}"


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


def assessment_table(assessments: Sequence[Assessment], lang: str, *, district: bool = False,
                     title: str | None = None, width: int | None = None) -> Table:
    """A rich table of assessments: ids, gaps, lags and statuses never wrap, the rest folds.

    ``width`` is the width of the console the table will be printed on. When the columns that
    never wrap fit in it, their widths are given to rich instead of a minimum, so rich does not
    measure each of their cells (twice when the table is wider than the console); the layout
    is the same (tests/test_render_tables.py compares both at every width).
    """
    from rich import box
    from rich.cells import cell_len
    from rich.table import Table
    from rich.text import Text

    table = Table(title=None if title is None else Text(title, style="table.title"),
                  title_justify="left", header_style="bold", expand=False,
                  box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, padding=(0, 0))
    cols = headers(lang, district=district)
    rows = [cells(a, lang) for a in assessments]
    whole = {key: max(cell_len(header), *(cell_len(r[key]) for r in rows))
             for key, header in cols if key in WHOLE}
    # rich gives the columns the console width less one space between each two, and shrinks a
    # column that never wraps only when those columns alone do not fit: then a fixed width would
    # shrink with the rest while a minimum keeps the column whole (and the table too wide)
    fixed = width is not None and sum(whole.values()) + len(cols) - 1 <= width
    for key, header in cols:
        least = whole.get(key)
        table.add_column(Text(header), no_wrap=least is not None, overflow="fold",
                         width=least if fixed else None, min_width=None if fixed else least,
                         justify="right" if key in NUMERIC else "left")
    for a, row in zip(assessments, rows, strict=True):
        style = _STYLE[status_level(a)]
        values = [Text(row[key], style=style) if key == "status" else Text(row[key])
                  for key, _ in cols]
        table.add_row(*values)
    return table


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
        if checked.district:
            console.print()
            console.print(assessment_table(checked.district, lang, district=True,
                                           title=district_title(checked, lang),
                                           width=console.width))
            console.print(Text(summary_text(checked.district, lang)))
