"""The district dashboard (``mljy report --html``): one self-contained HTML page.

The page is rendered from the status JSON document (``mljy status --format json``) and
nothing else, so the meeting screen, the paper copy and the JSON show the same numbers:
the tables are written here from the document's fields, the document itself is embedded
(``<script type="application/json" id="mljy-data">``) and the charts are drawn from it
in the browser by uPlot. Nothing is judged here or in the page's script. Styles and
scripts are inlined (``output/assets``), so the page needs no network at view time;
every string from the data is HTML-escaped.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from functools import cache
from importlib.resources import files
from typing import Any

from meilijiayuan.judge.records import Status
from meilijiayuan.messages.plan_words import speaks_from_document
from meilijiayuan.messages.renderers import HTML as _WORDS
from meilijiayuan.output.figures import number, signed, with_unit
from meilijiayuan.output.html_parts import (
    CHARTED as _CHARTED,
)
from meilijiayuan.output.html_parts import (
    LEVELS as _LEVELS,
)
from meilijiayuan.output.html_parts import (
    SIGMA as _SIGMA,
)
from meilijiayuan.output.html_parts import (
    Orgs_ as _Orgs,
)
from meilijiayuan.output.html_parts import (
    closed_ as _closed,
)
from meilijiayuan.output.html_parts import (
    contribution_ as _contribution,
)
from meilijiayuan.output.html_parts import (
    current_ as _current,
)
from meilijiayuan.output.html_parts import (
    e_ as _e,
)
from meilijiayuan.output.html_parts import (
    figure_ as _figure,
)
from meilijiayuan.output.html_parts import (
    level_of_ as _level_of,
)
from meilijiayuan.output.html_parts import (
    lvl_ as _lvl,
)
from meilijiayuan.output.html_parts import (
    missing_word_ as _missing_word,
)
from meilijiayuan.output.html_parts import (
    month_ as _month,
)
from meilijiayuan.output.html_parts import (
    num_ as _num,
)
from meilijiayuan.output.html_parts import (
    section_ as _section,
)
from meilijiayuan.output.html_parts import (
    status_ as _status,
)
from meilijiayuan.output.html_parts import (
    table_ as _table,
)
from meilijiayuan.output.html_parts import (
    w_ as _w,
)
from meilijiayuan.output.html_parts import (
    window_ as _window,
)
from meilijiayuan.output.status_view import invalid_note, missing_name

UPLOT_VERSION = "1.6.32"
_UPLOT_BANNER = f"/*! https://github.com/leeoniya/uPlot (v{UPLOT_VERSION}) */"
_UPLOT_NOTICE = f"/*! uPlot v{UPLOT_VERSION} | MIT License | (c) 2022 Leon Sorokin */"




def _banner(doc: Mapping[str, Any], lang: str) -> str:
    """The invalid reports, named before anything else: each file and its error count."""
    counts: dict[str, int] = {}
    for f in doc.get("errors") or []:
        name = str(f.get("file") or "")
        counts[name] = counts.get(name, 0) + 1
    if not counts:
        return ""
    items = "".join(f'<li><a href="#findings"><code>{_e(name)}</code></a> · '
                    f'{_e(_w("error_count", lang).format(n=n))}</li>'
                    for name, n in counts.items())
    head = _e(_w("invalid_banner", lang).format(n=len(counts)))
    return (f'<aside class="banner lvl-red" id="invalid" role="alert"><strong>{head}</strong>'
            f'<ul>{items}</ul><a href="#findings">{_w("see_findings", lang)}</a></aside>')


def _summary(doc: Mapping[str, Any], lang: str) -> str:
    counts = doc.get("summary") or {}
    cards = []
    for status in Status:
        n = int(counts.get(status.value, 0) or 0)
        cards.append(
            f'<div class="card lvl-{status.level.value}{" zero" if not n else ""}" '
            f'data-status="{status.value}"><div class="count">{n}</div>'
            f'<div class="name">{status.symbol} {status.label(lang)}</div></div>')
    levels = "".join(
        f'<span class="status lvl-{lvl}">{_w(lvl, lang)} {int(counts.get(lvl, 0) or 0)}</span>'
        for lvl in _LEVELS)
    rows = doc.get("district") or []
    total = _w("targets_n", lang).format(n=len(rows))
    closed = sum(_closed(r, str(doc.get("period") or "")) for r in rows)
    if closed:  # colours of the open and the closed targets apart, as the tables below
        levels = "".join(
            f'<span class="part">{_w(part, lang)}</span>' + "".join(
                f'<span class="status lvl-{lvl}">{_w(lvl, lang)} '
                f'{sum(_level_of(r) == lvl for r in group)}</span>' for lvl in _LEVELS)
            for part, group in zip(("open_part", "closed_part"), _split(doc), strict=True))
    if closed:
        total += (f'（<a href="#closed">{_w("closed_in_summary", lang).format(n=closed)}</a>）'
                  if lang != "en" else
                  f' (<a href="#closed">{_w("closed_in_summary", lang).format(n=closed)}</a>)')
    missing = [missing_name(m, lang) for m in doc.get("missing_reports") or []]
    sep = ", " if lang == "en" else "、"
    names = (f' (<a href="#missing">{_e(sep.join(missing))}</a>)' if lang == "en"
             else f'（<a href="#missing">{_e(sep.join(missing))}</a>）') if missing else ""
    reports = _w("reports_line", lang).format(missing=len(missing), names=names,
                                              late=len(doc.get("late_reports") or []))
    return (f'<section id="summary"><h2>{_w("summary", lang)}</h2>'
            f'<p class="note">{_w("cards_note", lang)}</p>'
            f'<div class="cards">{"".join(cards)}</div>'
            f'<p class="levels"><span>{total}</span>{levels}</p>'
            f'<p class="reports-line{" lvl-red" if missing else ""}">{reports}</p></section>')


def _district_table(rows: Sequence[Mapping[str, Any]], orgs: _Orgs, lang: str,
                    ident: str) -> str:
    head = [(_w(k, lang), k in ("target", "expected", "actual", "gap", "lag", "reporters"))
            for k in ("id", "title", "target", "expected", "actual", "gap", "lag", "window",
                      "status", "reporters")]
    body = []
    for r in rows:
        uom = r.get("unit_of_measure")
        actual = _e(_district_figure(r, lang))
        body.append([
            f'<span class="id">{_e(r.get("id"))}</span>',
            f'<div><span class="title">{_e(r.get("title"))}</span>{orgs.who(r, lang)}</div>',
            _e(with_unit(_num(r.get("target")), uom)),
            _e(with_unit(_num(r.get("expected")), uom)),
            actual + (_month(r, orgs.period) if actual else ""),
            _e(signed(_num(r.get("gap")))),
            _e(signed(_num(r.get("lag_pp")))),
            f'<span class="window">{_e(_window(r.get("window")))}</span>',
            _status(r.get("status"), r.get("level"), lang),
            _reporters(r, lang),
        ])
    return _table(head, body, lang, cls="district", ident=ident)


def _district_figure(row: Mapping[str, Any], lang: str) -> str:
    """``79.5% (221/278)``: the district figure and, for a rate, its numerator and
    denominator; a milestone's state (``推进中``, ``受阻``) when it has no figure."""
    figure = with_unit(_num(row.get("actual")), row.get("unit_of_measure"))
    num, den = _num(row.get("numerator")), _num(row.get("denominator"))
    if figure and num is not None and den is not None:
        return f"{figure} ({number(num)}/{number(den)})"
    return figure or _figure({"state": row.get("state")}, None, lang)


def _reporters(row: Mapping[str, Any], lang: str) -> str:
    """``11/12``: reporters counted of those owing the figure; short of all while the
    window is open (a figure is owed), marked."""
    n, m = row.get("reporters"), row.get("expected_reporters")
    if n is None or m is None:
        return ""
    tip = _e(_w("reporters_tip", lang).format(n=m, m=n))
    owed = row.get("status") != Status.not_due.value
    short = " short" if isinstance(n, int) and isinstance(m, int) and n < m and owed else ""
    return f'<span class="reporters{short}" title="{tip}">{_e(n)}/{_e(m)}</span>'


def _charted(doc: Mapping[str, Any]) -> list[tuple[int, Mapping[str, Any]]]:
    """The trend entries that get a chart: quantity and rate targets (by the district rows'
    ``measure``; an entry without a district row is charted when it has a numeric target),
    those whose window holds the period first, the others in the document's order."""
    measures = {r.get("id"): r.get("measure") for r in doc.get("district") or []}
    period = str(doc.get("period") or "")
    chosen = []
    for i, t in enumerate(doc.get("trend") or []):
        measure = measures.get(t.get("id"))
        numeric = _num(t.get("target")) is not None and bool(t.get("window"))
        if numeric and (measure in _CHARTED or measure is None):
            chosen.append((i, t))
    return sorted(chosen, key=lambda c: not _current(c[1], period))


def _trend_card(i: int, t: Mapping[str, Any], lang: str) -> str:
    uom = t.get("unit_of_measure")
    points = t.get("points") or []
    window = _window(t.get("window"))
    title = f'{_e(t.get("id"))} {_e(t.get("title"))}'
    sub = (f'{_w("target", lang)} {_e(with_unit(_num(t.get("target")), uom))} · '
           f'{_w("window", lang)} {_e(window)}'
           + (f' · {_w("axis_unit", lang)} {_e(uom)}' if uom else ""))
    cols = "".join(f'<th scope="col" class="num">{_e(p.get("period"))}</th>' for p in points)
    rows = []
    for key, label in (("actual", "actual"), ("expected", "expected"), ("change", "change")):
        fmt = signed if key == "change" else number
        cells = "".join(f'<td class="num">{_e(fmt(_num(p.get(key))))}</td>' for p in points)
        rows.append(f'<tr><th scope="row">{_w(label, lang)}</th>{cells}</tr>')
    statuses = "".join(f'<td class="num">{_status(p.get("status"), None, lang)}</td>'
                       for p in points)
    rows.append(f'<tr><th scope="row">{_w("status", lang)}</th>{statuses}</tr>')
    unit_note = f" ({_e(uom)})" if uom else ""
    table = (f'<div class="scroll"><table class="chart-data"><thead><tr>'
             f'<th scope="col">{_w("month", lang)}{unit_note}</th>{cols}</tr></thead>'
             f'<tbody>{"".join(rows)}</tbody></table></div>')
    return (f'<figure class="chart-card" id="trend-{_e(t.get("id"))}">'
            f'<figcaption><h3>{title}</h3><span class="sub">{sub}</span></figcaption>'
            f'<div class="chart" data-trend="{i}" role="img" aria-label="{title}"></div>'
            f"{table}</figure>")


def _split(doc: Mapping[str, Any]) -> tuple[list[Mapping[str, Any]], list[Mapping[str, Any]]]:
    """The district rows: (open, closed); open rows whose window holds the period first."""
    period = str(doc.get("period") or "")
    rows = list(doc.get("district") or [])
    open_rows = sorted((r for r in rows if not _closed(r, period)),
                       key=lambda r: not _current(r, period))
    return open_rows, [r for r in rows if _closed(r, period)]


def _trend_closed(doc: Mapping[str, Any]) -> set[str]:
    """The ids of the closed targets (their trends are folded)."""
    period = str(doc.get("period") or "")
    rows = {str(r.get("id")): r for r in doc.get("district") or []}
    return {str(t.get("id")) for t in doc.get("trend") or []
            if _closed(rows.get(str(t.get("id"))) or t, period)}


def _open_part(doc: Mapping[str, Any], orgs: _Orgs, lang: str) -> str:
    open_rows, _ = _split(doc)
    closed = _trend_closed(doc)
    table = _district_table(open_rows, orgs, lang, "district-table")
    note = f'<p class="note">{_w("carried_note", lang)}</p>' if 'class="fp"' in table else ""
    cards = "".join(_trend_card(i, t, lang) for i, t in _charted(doc)
                    if str(t.get("id")) not in closed)
    body = (f'<div class="charts">{cards}</div>' if cards
            else f'<p class="empty">{_w("no_trend", lang)}</p>')
    return (f'<section id="district"><h2>{_w("open_targets", lang)}</h2>{note}{table}</section>'
            f'<section id="trend"><h2>{_w("trend", lang)}</h2>'
            f'<p class="note">{_w("trend_note", lang)}</p>'
            f'<noscript><p class="note">{_w("noscript", lang)}</p></noscript>{body}</section>')


def _closed_part(doc: Mapping[str, Any], orgs: _Orgs, lang: str) -> str:
    _, closed_rows = _split(doc)
    if not closed_rows:
        return ""
    closed = _trend_closed(doc)
    table = _district_table(closed_rows, orgs, lang, "closed-table")
    charted = [(i, t) for i, t in _charted(doc) if str(t.get("id")) in closed]
    folded = ""
    if charted:
        cards = "".join(_trend_card(i, t, lang) for i, t in charted)
        folded = (f'<details class="closed-trends"><summary>'
                  f'{_w("closed_trends", lang).format(n=len(charted))}</summary>'
                  f'<div class="charts">{cards}</div></details>')
    note = _w("closed_note", lang).format(period=_e(doc.get("period")))
    if 'class="fp"' in table:
        note += _w("carried_note", lang)
    return (f'<section id="closed"><h2>{_w("closed_targets", lang)}</h2>'
            f'<p class="note">{note}</p>{table}{folded}</section>')


def _matrix(doc: Mapping[str, Any], orgs: _Orgs, lang: str) -> str:
    matrix = doc.get("matrix") or {}
    targets = [str(t) for t in matrix.get("targets") or []]
    units = [str(u) for u in matrix.get("units") or []]
    rows_by_id = {str(r.get("id")): r for r in doc.get("district") or []}
    cells = {(str(c.get("id")), str(c.get("unit"))): c for c in matrix.get("cells") or []}
    if not targets or not units:
        body = f'<p class="empty">{_w("none", lang)}</p>'
    else:
        ths = "".join(_matrix_head(t, rows_by_id.get(t) or {}, lang) for t in targets)
        rows = []
        for unit in units:
            reported = unit not in orgs.unreported
            tds = "".join(_matrix_cell(cells.get((t, unit)), rows_by_id.get(t) or {},
                                       orgs.period, lang, reported=reported) for t in targets)
            rows.append(f'<tr><th scope="row" class="unit">{orgs.link(unit)}</th>{tds}</tr>')
        body = (f'<div class="scroll heatmap-wrap"><table class="heatmap" id="matrix-table">'
                f'<thead><tr><th scope="col">{_w("unit", lang)}</th>{ths}</tr></thead>'
                f'<tbody>{"".join(rows)}</tbody></table></div>')
    entries = []
    for s in Status:  # a missing item reads 未报送 (no report) or 未报项 (left out of one)
        entries.append((s.level.value, f"{s.symbol} {s.label(lang)}"))
        if s is Status.missing:
            entries.append((s.level.value, f"{s.symbol} {_w('missing_item', lang)}"))
    legend = "".join(f'<span class="lvl-{lvl}">{text}</span>' for lvl, text in entries)
    legend += f'<span class="lvl-neutral">{_SIGMA} {_w("contribution", lang)}</span>'
    carried = _w("carried_note", lang) if 'class="fp"' in body else ""
    note = (f'{_w("matrix_note", lang)}{carried}'
            f'<span class="screen-only">{_w("matrix_hover", lang)}</span>')
    return (f'<section id="matrix"><h2>{_w("matrix", lang)}</h2>'
            f'<p class="note">{note}</p>{body}'
            f'<p class="legend">{legend}</p></section>')


def _matrix_head(target_id: str, row: Mapping[str, Any], lang: str) -> str:
    """``J3a`` over its target (``95%``), the title on hover."""
    value = with_unit(_num(row.get("target")), row.get("unit_of_measure"))
    sub = f'<br><span class="sub">{_w("target", lang)} {_e(value)}</span>' if value else ""
    return f'<th scope="col" title="{_e(row.get("title"))}">{_e(target_id)}{sub}</th>'


def _matrix_cell(c: Mapping[str, Any] | None, row: Mapping[str, Any], period: str,
                 lang: str, *, reported: bool = False) -> str:
    """A unit's figure with its status symbol (and its month when carried); a unit's
    share of a target judged for the district only reads ``Σ`` 计入全区."""
    if c is None:
        return '<td class="cell none">–</td>'
    uom = c.get("unit_of_measure")
    try:
        status = Status(str(c.get("status")))
        symbol, label = status.symbol, _missing_word(status, reported, lang)
    except ValueError:
        symbol, label = "", str(c.get("status"))
    if _contribution(c, row):
        symbol, label = _SIGMA, _w("contribution", lang)
    level = _lvl(c.get("level"))
    tip = (f'{label} · {_w("expected", lang)} {with_unit(_num(c.get("expected")), uom)} · '
           f'{_w("gap", lang)} {signed(_num(c.get("gap")))}')
    actual = _figure(c, uom, lang)
    month = _month(c, period) if actual else ""
    carried = " carried" if month else ""
    return (f'<td class="cell lvl-{level}{carried}" data-status="{_e(c.get("status"))}" '
            f'title="{_e(tip)}"><span class="v"><span aria-hidden="true">{_e(symbol)}</span> '
            f'{_e(actual or label)}</span>{month}</td>')


def _reports(doc: Mapping[str, Any], orgs: _Orgs, lang: str) -> str:
    sep = ", " if lang == "en" else "、"
    missing = [[orgs.link(m.get("unit")) + _e(invalid_note(m, lang)), _e(m.get("period")),
                _e(sep.join(str(i) for i in m.get("items") or []))]
               for m in doc.get("missing_reports") or []]
    late = [[orgs.link(r.get("unit")), _e(r.get("period")), _e(r.get("submitted")),
             _e(r.get("due")), _e(r.get("file"))] for r in doc.get("late_reports") or []]
    head_m = [(_w(k, lang), False) for k in ("unit", "period", "missing_items")]
    head_l = [(_w(k, lang), False) for k in ("unit", "period", "submitted", "due", "file")]
    return ('<div class="two">'
            + _section("missing", _w("missing_report", lang),
                       _table(head_m, missing, lang, ident="missing-table"), lang,
                       empty=not missing)
            + _section("late", _w("late_report", lang),
                       _table(head_l, late, lang, ident="late-table"), lang, empty=not late)
            + "</div>")


def _ranking(doc: Mapping[str, Any], orgs: _Orgs, lang: str) -> str:
    keys = ("rank", "unit", "kind", "red", "amber", "green", "missing_items", "reported")
    head = [(_w(k, lang), k not in ("unit", "kind", "reported")) for k in keys]
    rows = []
    for r in doc.get("ranking") or []:
        kind = str(r.get("kind") or "")
        rows.append([
            _e(r.get("rank")), orgs.link(r.get("unit")),
            _w(kind, lang) if kind in _WORDS else _e(kind),
            _e(r.get("red")), _e(r.get("amber")), _e(r.get("green")), _e(r.get("missing")),
            _w("yes", lang) if r.get("reported") else _w("no", lang),
        ])
    table = _table(head, rows, lang, cls="compact", ident="ranking-table", reflow=False)
    return _section("ranking", _w("ranking", lang), table, lang, empty=not rows)


_ORDER = {"red": 0, "amber": 1, "green": 2, "neutral": 3}


def _organisations(doc: Mapping[str, Any], orgs: _Orgs, lang: str) -> str:
    """One block per organisation: its items (status, figure, month of the figure), worst
    first, and the report it owes for the period."""
    if not orgs.names:
        return ""
    missing = {str(m.get("unit")): m for m in doc.get("missing_reports") or []}
    ranking = {str(r.get("unit")): r for r in doc.get("ranking") or []}
    columns = [(_w(k, lang), k == "actual")
               for k in ("id", "title", "status", "actual", "figure_month")]
    sep = ", " if lang == "en" else "、"
    blocks = []
    for name in orgs.names:
        head = columns
        items = orgs.items.get(name, {})
        order = list(orgs.rows)
        ranked = sorted(items.items(), key=lambda kv: (
            _ORDER[_level_of(kv[1])], order.index(kv[0]) if kv[0] in order else len(order)))
        rows = []
        for ident, c in ranked:
            row = orgs.rows.get(ident) or {}
            uom = c.get("unit_of_measure", row.get("unit_of_measure"))
            status = (f'<span class="status lvl-neutral">{_SIGMA} {_w("contribution", lang)}'
                      f'</span>' if _contribution(c, row)
                      else _status(c.get("status"), c.get("level"), lang,
                                   reported=name not in orgs.unreported))
            if _closed(row, orgs.period):  # not in the counts above: said so
                status += f' <span class="closed-tag">{_w("closed", lang)}</span>'
            figure = _figure(c, uom, lang)
            month = c.get("figure_period") if figure else None
            rows.append([f'<span class="id">{_e(ident)}</span>', _e(row.get("title")), status,
                         _e(figure),
                         (f'<span class="fp">{_e(month)}</span>'
                          if month is not None and str(month) != orgs.period else _e(month))])
        counts = ""
        if name in ranking:
            r = ranking[name]
            counts = f'<span class="of">{_w("counts_open", lang)}</span>'
            counts += "".join(f'<span class="status lvl-{lvl}">{_w(lvl, lang)} '
                              f'{_e(r.get(lvl))}</span>' for lvl in reversed(_LEVELS))
            counts += f'<span>{_w("missing_items", lang)} {_e(r.get("missing"))}</span>'
        owed = ""
        if name in missing:
            m = missing[name]
            owed = (f'<p class="owed"><span class="status lvl-red">'
                    f'{_e(_w("no_report_for", lang).format(period=m.get("period")))}</span> · '
                    f'{_w("missing_items", lang)}: '
                    f'{_e(sep.join(str(i) for i in m.get("items") or []))}</p>')
        if not any(r[-1] for r in rows):  # a document without figure months
            head, rows = head[:-1], [r[:-1] for r in rows]
        table = (_table(head, rows, lang, cls="org-items", reflow=False) if rows
                 else f'<p class="empty">{_w("none_items", lang)}</p>')
        blocks.append(f'<div class="org" id="{orgs.anchors[name]}"><h3>{_e(name)}'
                      f'<span class="counts">{counts}</span></h3>{owed}{table}</div>')
    return (f'<section id="organisations"><h2>{_w("orgs", lang)}</h2>'
            f'<p class="note">{_w("orgs_note", lang)}</p>'
            f'<div class="orgs">{"".join(blocks)}</div></section>')


def _findings(doc: Mapping[str, Any], lang: str) -> str:
    rows = []
    for f in [*(doc.get("errors") or []), *(doc.get("warnings") or [])]:
        where = ":".join(str(p) for p in (f.get("file"), f.get("line"), f.get("column"))
                         if p is not None)
        severity = str(f.get("severity") or "")
        level = "red" if severity == "error" else "amber"
        label = _w(severity, lang) if severity in ("error", "warning") else _e(severity)
        rows.append([_e(where), f'<span class="status lvl-{level}">{label}</span>',
                     _e(f.get("code")), _e(f.get("message")), _e(f.get("hint"))])
    head = [(_w(k, lang), False) for k in ("location", "severity", "code", "message", "hint")]
    return _section("findings", _w("findings", lang),
                    _table(head, rows, lang, ident="findings-table"), lang, empty=not rows)


def _embedded_json(value: object) -> str:
    """JSON safe inside a ``<script>`` element: ``<``, ``>`` and ``&`` as ``\\u`` escapes
    (still the same JSON), so no string can close the element or open a comment."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


@cache
def _asset(name: str) -> str:
    """An asset's text, checked so it can be inlined (it cannot end its own element)."""
    text = files("meilijiayuan.output").joinpath("assets", name).read_text(encoding="utf-8")
    if name == "uPlot.iife.min.js":
        # the page carries no web address: the banner names version, licence and author
        text = text.replace(_UPLOT_BANNER, _UPLOT_NOTICE, 1)
    closing = "</script" if name.endswith(".js") else "</style"
    if closing in text.lower():
        raise ValueError(f"asset {name} contains {closing} and cannot be inlined")
    return text


_CSP = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
        "img-src data:; base-uri 'none'; form-action 'none'")


@speaks_from_document
def render_html(doc: Mapping[str, Any], lang: str) -> str:
    """The dashboard page of a status document (``mljy status --format json``)."""
    plan = doc.get("plan") or {}
    title = plan.get("title") or _w("page", lang)
    head_title = f'{_e(title)} · {_e(doc.get("period"))}'
    meta = (f'{_e(plan.get("document_number"))} · {_e(plan.get("district"))} · '
            f'{_w("period", lang)} <strong>{_e(doc.get("period"))}</strong> · '
            f'{_w("as_of", lang)} <strong>{_e(doc.get("as_of"))}</strong>')
    labels = {k: _w(k, lang) for k in ("actual", "expected", "plan", "target", "month", "start",
                                       "failed")}
    footer = _w("generated", lang).format(version=_e(doc.get("version")))
    orgs = _Orgs(doc)
    sections = "".join((_banner(doc, lang), _summary(doc, lang), _open_part(doc, orgs, lang),
                        _closed_part(doc, orgs, lang), _matrix(doc, orgs, lang),
                        _reports(doc, orgs, lang), _ranking(doc, orgs, lang),
                        _organisations(doc, orgs, lang), _findings(doc, lang)))
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{"en" if lang == "en" else "zh-CN"}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="mljy {_e(doc.get("version"))}">\n'
        f"<title>{head_title}</title>\n"
        f'<style>\n{_asset("uPlot.min.css")}\n</style>\n'
        f'<style>\n{_asset("dashboard.css")}</style>\n'
        "</head>\n<body>\n<main>\n"
        f'<header class="page"><h1>{_e(title)}</h1><p class="meta">{meta}</p>'
        f'<p class="generated">{footer}</p></header>\n'
        f"{sections}\n"
        "</main>\n"
        f'<script type="application/json" id="mljy-data">{_embedded_json(doc)}</script>\n'
        f'<script type="application/json" id="mljy-labels">{_embedded_json(labels)}</script>\n'
        f'<script>\n{_asset("uPlot.iife.min.js")}\n</script>\n'
        f'<script>\n{_asset("dashboard.js")}</script>\n'
        "</body>\n</html>\n"
    )
