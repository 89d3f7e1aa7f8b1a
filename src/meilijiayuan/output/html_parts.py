"""The HTML dashboard's building blocks: escaping, figures, statuses, tables, sections and
the organisations' anchors (used by :mod:`meilijiayuan.output.html`, under their names there
with a leading underscore)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from html import escape
from typing import Any

from meilijiayuan.judge.records import Status
from meilijiayuan.messages.labels import LABELS, pick
from meilijiayuan.messages.renderers import HTML as _WORDS
from meilijiayuan.messages.renderers import STATES as _STATE
from meilijiayuan.output.figures import number, with_unit

_LEVELS = ("green", "amber", "red")
_CHARTED = ("quantity", "rate")
_NUM = ' class="num"'
_SIGMA = "Σ"


def _w(key: str, lang: str) -> str:
    """A word of the page: the page's own, else a shared one (render/labels.py)."""
    return pick(_WORDS if key in _WORDS else LABELS, key, lang)


def _e(value: object) -> str:
    """Any value from the document as escaped text (``None`` is empty)."""
    return "" if value is None else escape(str(value), quote=True)


def _num(value: object) -> float | None:
    """A figure of the document (a JSON number, or a decimal written as a string)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        try:
            return float(Decimal(value))
        except ArithmeticError:
            return None
    return None


def _bounds(value: object) -> tuple[str | None, str | None]:
    """(start, end) of ``["2018-01", "2018-12"]`` or ``{"start": …, "end": …}``."""
    if isinstance(value, Mapping):
        value = [value.get("start"), value.get("end")]
    if isinstance(value, list | tuple) and len(value) == 2:
        return (None if value[0] is None else str(value[0]),
                None if value[1] is None else str(value[1]))
    return None, None


def _window(value: object) -> str:
    """``2018-01–2018-12`` from ``["2018-01", "2018-12"]`` or ``{"start": …, "end": …}``."""
    return "–".join(v for v in _bounds(value) if v is not None)


def _closed(row: Mapping[str, Any], period: str) -> bool:
    """The document's ``closed`` when it has one; otherwise: the window ended before the
    period (docs/reference.md §7), read from the row's window."""
    if "closed" in row:
        return bool(row.get("closed"))
    end = _bounds(row.get("window"))[1]
    return bool(end and period and end < period)


def _current(row: Mapping[str, Any], period: str) -> bool:
    """The period lies inside the row's window (the charts of these come first)."""
    start, end = _bounds(row.get("window"))
    return bool(start and end and start <= period <= end)


def _month(item: Mapping[str, Any], period: str) -> str:
    """`` <span class="fp">(2018-12)</span>`` for a figure carried from an earlier month."""
    fp = item.get("figure_period")
    if fp is None or str(fp) == period:
        return ""
    return f' <span class="fp">({_e(fp)})</span>'


def _lvl(level: object) -> str:
    """A level from the document as a CSS class suffix (anything unknown is neutral)."""
    return str(level) if level in _LEVELS else "neutral"


def _level_of(item: Mapping[str, Any]) -> str:
    """An entry's level: its own ``level``, else its status's (Status.level)."""
    if item.get("level") is not None:
        return _lvl(item.get("level"))
    try:
        return Status(str(item.get("status"))).level.value
    except ValueError:
        return "neutral"


def _status(name: object, level: object, lang: str, *, reported: bool = False) -> str:
    """``<span class="status lvl-red">✖ 逾期</span>``: symbol and word, colour on top.

    ``level`` is the document's; a trend point carries none (``None``), so its status's
    own level is used (Status.level, the one table of colours). An organisation's
    ``missing`` item reads 未报送 when its report did not come and 未报项 when its report
    came without the item (``reported``).
    """
    try:
        status = Status(str(name))
    except ValueError:
        return f'<span class="status lvl-{_lvl(level)}" data-status="{_e(name)}">{_e(name)}</span>'
    word = _missing_word(status, reported, lang)
    text = f'<span class="sym" aria-hidden="true">{status.symbol}</span> {word}'
    lvl = _lvl(status.level.value if level is None else level)
    return f'<span class="status lvl-{lvl}" data-status="{_e(name)}">{text}</span>'


def _missing_word(status: Status, reported: bool, lang: str) -> str:
    """A status's word; ``missing`` of an organisation that did report is 未报项."""
    if status is Status.missing and reported:
        return _w("missing_item", lang)
    return status.label(lang)


def _figure(item: Mapping[str, Any], uom: object, lang: str) -> str:
    """An organisation's figure as text: ``61.54%``, ``12/13``, or its state (``受阻``)."""
    actual = _num(item.get("actual"))
    if actual is not None:
        return with_unit(actual, None if uom is None else str(uom))
    num, den = _num(item.get("numerator")), _num(item.get("denominator"))
    if num is not None or den is not None:
        return f"{number(num)}/{number(den)}"
    state = item.get("state")
    return "" if state is None else pick(_STATE, str(state), lang)


def _table(head: Sequence[tuple[str, bool]], rows: Sequence[Sequence[str]], lang: str, *,
           cls: str = "", ident: str = "", reflow: bool = True) -> str:
    """A table of ready-escaped cells; ``head`` is (escaped header, numeric?). Each cell
    carries its header (``data-label``), so on a narrow screen a row of a ``reflow`` table
    reads as a card; a narrow table stays a table, in a box that scrolls if need be."""
    classes = " ".join(c for c in ("reflow" if reflow else "", cls) if c)
    attrs = (f' id="{ident}"' if ident else "") + (f' class="{classes}"' if classes else "")
    if not rows:
        return f'<p class="empty"{attrs}>{_w("none", lang)}</p>'
    ths = "".join(f'<th scope="col"{_NUM if n else ""}>{h}</th>' for h, n in head)
    body = "".join(
        "<tr>" + "".join(f'<td{_NUM if n else ""} data-label="{h}">{c}</td>'
                         for c, (h, n) in zip(row, head, strict=True)) + "</tr>"
        for row in rows)
    table = f"<table{attrs}><thead><tr>{ths}</tr></thead><tbody>{body}</tbody></table>"
    return table if reflow else f'<div class="scroll">{table}</div>'


def _section(ident: str, title: str, body: str, lang: str, *, empty: bool = False) -> str:
    """A section; an empty one is one compact line on screen and left off paper."""
    if empty:
        return (f'<section id="{ident}" class="empty-section"><h2>{title} '
                f'<span class="none">{_w("none", lang)}</span></h2></section>')
    return f'<section id="{ident}"><h2>{title}</h2>{body}</section>'


class _Orgs:
    """Every organisation named on the page, with its anchor (``#org-3``) and its items:
    the heatmap's cells and the district rows' ``units``, as the document gives them."""

    def __init__(self, doc: Mapping[str, Any]) -> None:
        self.period = str(doc.get("period") or "")
        self.rows = {str(r.get("id")): r for r in doc.get("district") or []}
        self.items: dict[str, dict[str, Mapping[str, Any]]] = {}
        names = [str(r.get("unit")) for r in doc.get("ranking") or []]
        matrix = doc.get("matrix") or {}
        names += [str(u) for u in matrix.get("units") or []]
        unreported = [str(m.get("unit")) for m in doc.get("missing_reports") or []]
        self.unreported = set(unreported)
        names += unreported
        for c in matrix.get("cells") or []:
            self.items.setdefault(str(c.get("unit")), {})[str(c.get("id"))] = c
        for r in doc.get("district") or []:
            for u in r.get("units") or []:
                if isinstance(u, Mapping):
                    per = self.items.setdefault(str(u.get("unit")), {})
                    per.setdefault(str(r.get("id")), {"id": r.get("id"), **u})
        names += list(self.items)
        self.names = list(dict.fromkeys(n for n in names if n and n != "None"))
        self.anchors = {n: f"org-{i + 1}" for i, n in enumerate(self.names)}

    def link(self, name: object) -> str:
        anchor = self.anchors.get(str(name))
        return f'<a href="#{anchor}">{_e(name)}</a>' if anchor else _e(name)

    def who(self, row: Mapping[str, Any], lang: str) -> str:
        """The organisations behind a red or amber district row: from its ``units`` when
        the document has them, else from the heatmap's cells of the same target. Those
        red or amber themselves; when none is (a total judged for the district only), every
        organisation's contribution (``Σ``), so the row still says who counted what."""
        if _level_of(row) not in ("red", "amber"):
            return ""
        ident = str(row.get("id"))
        if isinstance(row.get("units"), list):
            entries = [u for u in row["units"] if isinstance(u, Mapping)]
        else:
            entries = [per[ident] for per in self.items.values() if ident in per]
        uom = row.get("unit_of_measure")
        flagged = [u for u in entries
                   if not _contribution(u, row) and _level_of(u) in ("red", "amber")]
        shown = []
        for u in flagged or [u for u in entries if _contribution(u, row)]:
            figure = _figure(u, u.get("unit_of_measure", uom), lang)
            reported = str(u.get("unit")) not in self.unreported
            status = (_status(u.get("status"), u.get("level"), lang, reported=reported)
                      if flagged
                      else f'<span class="status lvl-neutral">{_SIGMA} '
                           f'{_w("contribution", lang)}</span>')
            month = _month(u, self.period) if figure else ""
            shown.append(f'<li>{self.link(u.get("unit"))} {status}'
                         f'{" " + _e(figure) if figure else ""}{month}</li>')
        if not shown:
            return ""
        return f'<ul class="who" aria-label="{_w("who", lang)}">{"".join(shown)}</ul>'


def _contribution(c: Mapping[str, Any], row: Mapping[str, Any]) -> bool:
    """A unit's share of a target judged for the district only (docs/evaluation.md, "Who is
    judged on what": an ``ongoing`` entry of a quantity or rate target) reads ``Σ 计入全区``
    wherever it is shown, as in the 台账 and the 通报."""
    return bool(c.get("contribution",
                      c.get("status") == "ongoing" and row.get("measure") in _CHARTED))


# the names html.py imports
LEVELS, CHARTED, NUM, SIGMA = _LEVELS, _CHARTED, _NUM, _SIGMA
Orgs_ = _Orgs
bounds_ = _bounds
closed_ = _closed
contribution_ = _contribution
current_ = _current
e_ = _e
figure_ = _figure
level_of_ = _level_of
lvl_ = _lvl
missing_word_ = _missing_word
month_ = _month
num_ = _num
section_ = _section
status_ = _status
table_ = _table
w_ = _w
window_ = _window
