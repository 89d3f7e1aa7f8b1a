"""The cells of ``mljy check``'s rows as plain strings, shared by the terminal table and the
markdown renderer: colour is only an addition (every status carries its symbol), so a row
reads the same in either and under ``NO_COLOR``."""

from __future__ import annotations

from collections.abc import Sequence

from meilijiayuan.judge.records import Assessment, Level, Status, count_statuses
from meilijiayuan.messages.labels import pick
from meilijiayuan.messages.renderers import CHECK as _WORDS
from meilijiayuan.messages.renderers import CHECK_COLUMNS as COLUMNS
from meilijiayuan.messages.renderers import DISTRICT_EXTRA
from meilijiayuan.messages.renderers import ROLES as _ROLE
from meilijiayuan.messages.renderers import STATES as _STATE
from meilijiayuan.output.figures import figure_month, number, signed, with_unit
from meilijiayuan.run.check import CheckedReport

MINUS = "\u2212"  # a real minus sign: "−2" reads better than "-2" next to CJK text

NUMERIC = frozenset({"target", "expected", "actual", "gap", "lag", "reporters"})

WHOLE = frozenset({"id", "gap", "lag", "status"})
"""Columns read whole: they never wrap (the others fold)."""

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


def legend_text(lang: str, assessments: Sequence[Assessment] = ()) -> str:
    """What the signs of the gap and the lag mean; the month mark of a carried figure when
    one of ``assessments`` has one."""
    text = pick(_WORDS, "legend", lang)
    if any(figure_month(a) for a in assessments):
        text += ("  " if lang == "en" else "") + pick(_WORDS, "carried", lang)
    return text
