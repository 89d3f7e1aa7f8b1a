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
from html import escape
from importlib.resources import files
from typing import Any

from meilijiayuan.judge.records import Status
from meilijiayuan.messages.labels import pick
from meilijiayuan.messages.renderers import HTML as _WORDS
from meilijiayuan.output.table.check import number, signed, with_unit

UPLOT_VERSION = "1.6.32"
_UPLOT_BANNER = f"/*! https://github.com/leeoniya/uPlot (v{UPLOT_VERSION}) */"
_UPLOT_NOTICE = f"/*! uPlot v{UPLOT_VERSION} | MIT License | (c) 2022 Leon Sorokin */"


_LEVELS = ("green", "amber", "red")
_CHARTED = ("quantity", "rate")
_NUM = ' class="num"'
_SIGMA = "Σ"


def _w(key: str, lang: str) -> str:
    return pick(_WORDS, key, lang)


def _e(value: object) -> str:
    """Any value from the document as escaped text (``None`` is empty)."""
    return "" if value is None else escape(str(value), quote=True)


def _num(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _window(value: object) -> str:
    """``2018-01–2018-12`` from ``["2018-01", "2018-12"]`` or ``{"start": …, "end": …}``."""
    if isinstance(value, Mapping):
        value = [value.get("start"), value.get("end")]
    if isinstance(value, list | tuple):
        return "–".join(str(v) for v in value if v is not None)
    return ""


def _lvl(level: object) -> str:
    """A level from the document as a CSS class suffix (anything unknown is neutral)."""
    return str(level) if level in _LEVELS else "neutral"


def _status(name: object, level: object, lang: str) -> str:
    """``<span class="status lvl-red">✖ 逾期</span>``: symbol and word, colour on top.

    ``level`` is the document's; a trend point carries none (``None``), so its status's
    own level is used (Status.level, the one table of colours).
    """
    try:
        status = Status(str(name))
    except ValueError:
        return f'<span class="status lvl-{_lvl(level)}" data-status="{_e(name)}">{_e(name)}</span>'
    text = f'<span class="sym" aria-hidden="true">{status.symbol}</span> {status.label(lang)}'
    lvl = _lvl(status.level.value if level is None else level)
    return f'<span class="status lvl-{lvl}" data-status="{_e(name)}">{text}</span>'


def _table(head: Sequence[tuple[str, bool]], rows: Sequence[Sequence[str]], lang: str, *,
           cls: str = "", ident: str = "") -> str:
    """A table of ready-escaped cells; ``head`` is (escaped header, numeric?)."""
    attrs = (f' id="{ident}"' if ident else "") + (f' class="{cls}"' if cls else "")
    if not rows:
        return f'<p class="empty"{attrs}>{_w("none", lang)}</p>'
    ths = "".join(f'<th scope="col"{_NUM if n else ""}>{h}</th>' for h, n in head)
    body = "".join(
        "<tr>" + "".join(f'<td{_NUM if n else ""}>{c}</td>'
                         for c, (_, n) in zip(row, head, strict=True)) + "</tr>"
        for row in rows)
    return f"<table{attrs}><thead><tr>{ths}</tr></thead><tbody>{body}</tbody></table>"


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
    total = _w("targets_n", lang).format(n=len(doc.get("district") or []))
    return (f'<section id="summary"><h2>{_w("summary", lang)}</h2>'
            f'<div class="cards">{"".join(cards)}</div>'
            f'<p class="levels"><span>{total}</span>{levels}</p></section>')


def _district(doc: Mapping[str, Any], lang: str) -> str:
    head = [(_w(k, lang), k in ("target", "expected", "actual", "gap", "lag"))
            for k in ("id", "title", "target", "expected", "actual", "gap", "lag", "window",
                      "status")]
    rows = []
    for r in doc.get("district") or []:
        uom = r.get("unit_of_measure")
        rows.append([
            f'<span class="id">{_e(r.get("id"))}</span>',
            _e(r.get("title")),
            _e(with_unit(_num(r.get("target")), uom)),
            _e(with_unit(_num(r.get("expected")), uom)),
            _e(with_unit(_num(r.get("actual")), uom)),
            _e(signed(_num(r.get("gap")))),
            _e(signed(_num(r.get("lag_pp")))),
            _e(_window(r.get("window"))),
            _status(r.get("status"), r.get("level"), lang),
        ])
    table = _table(head, rows, lang, ident="district-table")
    return f'<section id="district"><h2>{_w("district", lang)}</h2>{table}</section>'


def _charted(doc: Mapping[str, Any]) -> list[tuple[int, Mapping[str, Any]]]:
    """The trend entries that get a chart: quantity and rate targets (by the district rows'
    ``measure``; an entry without a district row is charted when it has a numeric target)."""
    measures = {r.get("id"): r.get("measure") for r in doc.get("district") or []}
    chosen = []
    for i, t in enumerate(doc.get("trend") or []):
        measure = measures.get(t.get("id"))
        numeric = _num(t.get("target")) is not None and bool(t.get("window"))
        if numeric and (measure in _CHARTED or measure is None):
            chosen.append((i, t))
    return chosen


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
    statuses = "".join(f"<td>{_status(p.get('status'), None, lang)}</td>" for p in points)
    rows.append(f'<tr><th scope="row">{_w("status", lang)}</th>{statuses}</tr>')
    unit_note = f" ({_e(uom)})" if uom else ""
    table = (f'<table class="chart-data"><thead><tr><th scope="col">{_w("month", lang)}'
             f'{unit_note}</th>{cols}</tr></thead><tbody>{"".join(rows)}</tbody></table>')
    return (f'<figure class="chart-card" id="trend-{_e(t.get("id"))}">'
            f'<figcaption><h3>{title}</h3><span class="sub">{sub}</span></figcaption>'
            f'<div class="chart" data-trend="{i}" role="img" aria-label="{title}"></div>'
            f"{table}</figure>")


def _trends(doc: Mapping[str, Any], lang: str) -> str:
    charted = _charted(doc)
    cards = "".join(_trend_card(i, t, lang) for i, t in charted)
    body = (f'<div class="charts">{cards}</div>' if cards
            else f'<p class="empty">{_w("no_trend", lang)}</p>')
    return (f'<section id="trend"><h2>{_w("trend", lang)}</h2>'
            f'<p class="note">{_w("trend_note", lang)}</p>'
            f'<noscript><p class="note">{_w("noscript", lang)}</p></noscript>{body}</section>')


def _matrix(doc: Mapping[str, Any], lang: str) -> str:
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
            tds = "".join(_matrix_cell(cells.get((t, unit)), rows_by_id.get(t) or {}, lang)
                          for t in targets)
            rows.append(f'<tr><th scope="row" class="unit">{_e(unit)}</th>{tds}</tr>')
        body = (f'<div class="heatmap-wrap"><table class="heatmap" id="matrix-table"><thead><tr>'
                f'<th scope="col">{_w("unit", lang)}</th>{ths}</tr></thead>'
                f'<tbody>{"".join(rows)}</tbody></table></div>')
    legend = "".join(f'<span class="lvl-{s.level.value}">{s.symbol} {s.label(lang)}</span>'
                     for s in Status)
    legend += f'<span class="lvl-neutral">{_SIGMA} {_w("contribution", lang)}</span>'
    return (f'<section id="matrix"><h2>{_w("matrix", lang)}</h2>'
            f'<p class="note">{_w("matrix_note", lang)}</p>{body}'
            f'<p class="legend">{legend}</p></section>')


def _matrix_head(target_id: str, row: Mapping[str, Any], lang: str) -> str:
    """``J3a`` over its target (``95%``), the title on hover."""
    value = with_unit(_num(row.get("target")), row.get("unit_of_measure"))
    sub = f'<br><span class="sub">{_w("target", lang)} {_e(value)}</span>' if value else ""
    return f'<th scope="col" title="{_e(row.get("title"))}">{_e(target_id)}{sub}</th>'


def _matrix_cell(c: Mapping[str, Any] | None, row: Mapping[str, Any], lang: str) -> str:
    """A unit's figure with its status symbol; a unit's share of a target judged for the
    district only (formats.md section 6: an ``ongoing`` row of a quantity or rate target)
    reads ``Σ`` 计入全区, as in ``mljy check``."""
    if c is None:
        return '<td class="cell none">–</td>'
    uom = c.get("unit_of_measure")
    contribution = c.get("contribution",
                         c.get("status") == "ongoing" and row.get("measure") in _CHARTED)
    try:
        status = Status(str(c.get("status")))
        symbol, label = status.symbol, status.label(lang)
    except ValueError:
        symbol, label = "", str(c.get("status"))
    if contribution:
        symbol, label = _SIGMA, _w("contribution", lang)
    level = _lvl(c.get("level"))
    tip = (f'{label} · {_w("expected", lang)} {with_unit(_num(c.get("expected")), uom)} · '
           f'{_w("gap", lang)} {signed(_num(c.get("gap")))}')
    actual = with_unit(_num(c.get("actual")), uom)
    return (f'<td class="cell lvl-{level}" data-status="{_e(c.get("status"))}" title="{_e(tip)}">'
            f'<span aria-hidden="true">{_e(symbol)}</span> {_e(actual or label)}</td>')


def _reports(doc: Mapping[str, Any], lang: str) -> str:
    sep = ", " if lang == "en" else "、"
    missing = [[_e(m.get("unit")), _e(m.get("period")),
                _e(sep.join(str(i) for i in m.get("items") or []))]
               for m in doc.get("missing_reports") or []]
    late = [[_e(r.get("unit")), _e(r.get("period")), _e(r.get("submitted")), _e(r.get("due")),
             _e(r.get("file"))] for r in doc.get("late_reports") or []]
    head_m = [(_w(k, lang), False) for k in ("unit", "period", "items")]
    head_l = [(_w(k, lang), False) for k in ("unit", "period", "submitted", "due", "file")]
    return (f'<div class="two"><section id="missing"><h2>{_w("missing", lang)}</h2>'
            f'{_table(head_m, missing, lang, ident="missing-table")}</section>'
            f'<section id="late"><h2>{_w("late", lang)}</h2>'
            f'{_table(head_l, late, lang, ident="late-table")}</section></div>')


def _ranking(doc: Mapping[str, Any], lang: str) -> str:
    head = [(_w(k, lang), k not in ("unit", "kind", "reported"))
            for k in ("rank", "unit", "kind", "red", "amber", "green", "missing", "reported")]
    rows = []
    for r in doc.get("ranking") or []:
        kind = str(r.get("kind") or "")
        rows.append([
            _e(r.get("rank")), _e(r.get("unit")),
            _w(kind, lang) if kind in _WORDS else _e(kind),
            _e(r.get("red")), _e(r.get("amber")), _e(r.get("green")), _e(r.get("missing")),
            _w("yes", lang) if r.get("reported") else _w("no", lang),
        ])
    return (f'<section id="ranking"><h2>{_w("ranking", lang)}</h2>'
            f'{_table(head, rows, lang, cls="compact", ident="ranking-table")}</section>')


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
    return (f'<section id="findings"><h2>{_w("findings", lang)}</h2>'
            f'{_table(head, rows, lang, ident="findings-table")}</section>')


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
    sections = "".join((_summary(doc, lang), _district(doc, lang), _trends(doc, lang),
                        _matrix(doc, lang), _reports(doc, lang), _ranking(doc, lang),
                        _findings(doc, lang)))
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
        f'<header class="page"><h1>{_e(title)}</h1><p class="meta">{meta}</p></header>\n'
        f"{sections}\n"
        f'<footer><p>{footer}</p></footer>\n'
        "</main>\n"
        f'<script type="application/json" id="mljy-data">{_embedded_json(doc)}</script>\n'
        f'<script type="application/json" id="mljy-labels">{_embedded_json(labels)}</script>\n'
        f'<script>\n{_asset("uPlot.iife.min.js")}\n</script>\n'
        f'<script>\n{_asset("dashboard.js")}</script>\n'
        "</body>\n</html>\n"
    )
