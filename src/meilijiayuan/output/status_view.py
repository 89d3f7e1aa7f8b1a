"""Reading the status JSON document for the office outputs (the 台账 workbook, the 通报).

Both are rendered from the document that ``mljy status --format json`` prints, and from
nothing else, like the HTML dashboard: keys added to the document later (``figure_period``,
``closed``, ``units`` on district rows) are shown when present and never required.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from meilijiayuan.judge.records import Status
from meilijiayuan.messages.labels import label

MAX_PLACES = 2
"""Decimals shown (every output shows at most two; the stored value keeps them all)."""

_NUMERIC = re.compile(r"-?\d+(\.\d+)?([eE][-+]?\d+)?")
_LEVELS = ("green", "amber", "red", "neutral")
_STATE = {"not_started": ("未开始", "not started"), "in_progress": ("推进中", "in progress"),
          "done": ("已完成", "done"), "blocked": ("受阻", "blocked")}


def w(key: str, lang: str, **args: object) -> str:
    """An office word (``office.KEY`` in the labels) in ``lang``."""
    text = label(f"office.{key}", lang)
    return text.format(**args) if args else text


def exact(value: object) -> Decimal | None:
    """A figure of the document as an exact decimal: numbers, and numbers written as strings
    (``"0.99"``), are figures; anything else (``None``, a word, a bool) is not.

    A float is read through its shortest repr, so ``59.01`` is ``Decimal("59.01")``.
    """
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, Decimal):
        return value if value.is_finite() else None
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value)) if value == value and abs(value) != float("inf") else None
    if isinstance(value, str) and _NUMERIC.fullmatch(value.strip()):
        try:
            return Decimal(value.strip())
        except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
            return None
    return None


def places(d: Decimal) -> int:
    """Decimals to show for ``d``: its own (trailing zeros dropped), at most :data:`MAX_PLACES`."""
    if d == d.to_integral_value():
        return 0
    exponent = d.normalize().as_tuple().exponent
    return min(-exponent, MAX_PLACES) if isinstance(exponent, int) else MAX_PLACES


def figure_text(value: object, uom: object = None, *, tight: bool = False) -> str:
    """``59.01 万平方米`` (``tight``: ``59.01万平方米``), ``95%``: a figure as text, at most
    two decimals (empty when there is none)."""
    d = exact(value)
    if d is None:
        return ""
    shown = round(d, places(d))
    text = f"{shown:,f}"
    text = text.replace("-", "\u2212")
    if not uom:
        return text
    return f"{text}%" if uom == "%" else f"{text}{'' if tight else ' '}{uom}"


def status_of(name: object) -> Status | None:
    try:
        return Status(str(name))
    except ValueError:
        return None


def status_text(name: object, lang: str) -> str:
    """``✖ 逾期``: symbol and word, so a status reads without colour."""
    status = status_of(name)
    return f"{status.symbol} {status.label(lang)}" if status else str(name or "")


def level_of(entry: Mapping[str, Any]) -> str:
    """The entry's colour: its ``level`` when the document gives one, else its status's."""
    level = entry.get("level")
    if level in _LEVELS:
        return str(level)
    status = status_of(entry.get("status"))
    return status.level.value if status else "neutral"


def is_contribution(entry: Mapping[str, Any]) -> bool:
    """A unit's share of a target judged for the district only (shown as ``Σ``)."""
    if "contribution" in entry:
        return bool(entry.get("contribution"))
    return entry.get("status") == "ongoing" and level_of(entry) == "neutral"


def state_text(state: object, lang: str) -> str:
    zh, en = _STATE.get(str(state), (str(state or ""), str(state or "")))
    return en if lang == "en" else zh


def month_text(period: object, lang: str) -> str:
    """``2019年6月`` from ``"2019-06"`` (the text itself when it is not a month)."""
    match = re.fullmatch(r"(\d{4})-(\d{2})", str(period or ""))
    if not match:
        return str(period or "")
    return w("month", lang, year=int(match[1]), month=int(match[2]))


def window(row: Mapping[str, Any]) -> tuple[str, str]:
    """A row's window as (start, end) texts, from ``{"start", "end"}`` or ``[start, end]``."""
    value = row.get("window")
    if isinstance(value, Mapping):
        return str(value.get("start") or ""), str(value.get("end") or "")
    if isinstance(value, list | tuple) and len(value) == 2:
        return str(value[0] or ""), str(value[1] or "")
    return "", ""


def rows(doc: Mapping[str, Any], key: str) -> list[Mapping[str, Any]]:
    """A list of objects of the document (empty when absent)."""
    value = doc.get(key)
    return [r for r in value if isinstance(r, Mapping)] if isinstance(value, list) else []


def split_closed(district: Sequence[Mapping[str, Any]]
                 ) -> tuple[list[Mapping[str, Any]], list[Mapping[str, Any]]]:
    """(open rows, closed rows): rows the document marks ``closed`` come after the rest."""
    return ([r for r in district if not r.get("closed")],
            [r for r in district if r.get("closed")])


def has_key(entries: Iterable[Mapping[str, Any]], key: str) -> bool:
    """Whether any entry carries ``key`` with a value (so its column is worth showing)."""
    return any(e.get(key) not in (None, "", []) for e in entries)


def matrix_cells(doc: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    matrix = doc.get("matrix")
    if not isinstance(matrix, Mapping):
        return []
    cells = matrix.get("cells")
    return [c for c in cells if isinstance(c, Mapping)] if isinstance(cells, list) else []


def who(row: Mapping[str, Any], doc: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The organisations behind a district row: its ``units`` when the document has them,
    else its organisation rows in the matrix (empty when neither lists any)."""
    units = row.get("units")
    if isinstance(units, list):  # figures in the row's unit of measure unless they say
        return [{"unit_of_measure": row.get("unit_of_measure"), **u} for u in units
                if isinstance(u, Mapping)]
    return [c for c in matrix_cells(doc) if c.get("id") == row.get("id")]


def lagging(entries: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """The entries that are red or amber (behind, at risk, overdue, missing, blocked); when
    none is, all of them (a district total can be red while each share is only counted)."""
    worse = [e for e in entries if level_of(e) in ("red", "amber")]
    return worse or list(entries)


def entry_figure(entry: Mapping[str, Any], lang: str) -> str:
    """What an organisation reported: its figure, else numerator/denominator, else state."""
    figure = figure_text(entry.get("actual"), entry.get("unit_of_measure"), tight=lang != "en")
    if figure:
        return figure
    num, den = exact(entry.get("numerator")), exact(entry.get("denominator"))
    if num is not None and den is not None:
        return f"{figure_text(num)}/{figure_text(den)}"
    return state_text(entry.get("state"), lang) if entry.get("state") else ""


def invalid_files(doc: Mapping[str, Any]) -> list[str]:
    """The files with an error, in the document's order, each once."""
    seen: dict[str, None] = {}
    for f in rows(doc, "errors"):
        if f.get("file"):
            seen.setdefault(str(f["file"]), None)
    return list(seen)


def missing_name(entry: Mapping[str, Any], lang: str) -> str:
    """An organisation of the missing-reports list as shown: ``华亭镇（报表未通过校验）`` when
    it sent a report that failed validation (its ``invalid_files``), else its name."""
    return str(entry.get("unit")) + invalid_note(entry, lang)


def invalid_note(entry: Mapping[str, Any], lang: str) -> str:
    """``（报表未通过校验）`` for a missing-reports entry whose report failed validation,
    ``（报表为空）`` for one whose report holds no item; else nothing."""
    if entry.get("invalid_files"):
        return label("overview.sent_invalid", lang)
    return label("overview.sent_empty", lang) if entry.get("empty_files") else ""


def overview(doc: Mapping[str, Any], lang: str, *, open_reds: bool = False) -> str:
    """The overview paragraph of a status document: the targets counted by status — open and
    closed apart when the document marks closed targets, so every count is the count of a
    list that follows —, optionally the red open targets by id, how many ranked organisations
    reported, who did not and who was late. The 通报 and the markdown document both say it."""
    district = rows(doc, "district")
    open_rows, closed_rows = split_closed(district)
    groups = ([(w("open_part", lang, n=len(open_rows)), open_rows),
               (w("closed_part", lang, n=len(closed_rows)), closed_rows)]
              if closed_rows else [("", district)])
    clauses = []
    for head, chosen in groups:
        present, red, amber = count_levels(chosen)
        counts = _o("count_sep", lang).join(_o("count", lang, status=s.label(lang), n=n)
                                            for s, n in present)
        clauses.append(_o("clause", lang, head=_o("head", lang, part=head) if head else "",
                          counts=counts, red=red, amber=amber))
    names = _o("names_sep", lang)
    colon = ", " if closed_rows else " "
    parts = [_o("targets", lang, as_of=doc.get("as_of"), n=len(district), colon=colon,
                clauses=_o("clause_sep", lang).join(clauses))]
    reds = [r for r in open_rows if level_of(r) == "red"]
    if open_reds and reds:
        parts.append(_o("open_reds", lang, items=names.join(
            _o("item", lang, id=r.get("id"), status=_label(r.get("status"), lang))
            for r in reds)))
    ranking = rows(doc, "ranking")
    if ranking:
        parts.append(_o("ranked", lang, total=len(ranking),
                        reported=sum(1 for r in ranking if r.get("reported"))))
    missing = [missing_name(m, lang) for m in rows(doc, "missing_reports")]
    late = [str(x.get("unit")) for x in rows(doc, "late_reports")]
    parts.append(_o("missing", lang, n=len(missing), names=names.join(missing)) if missing
                 else _o("nobody_missing", lang))
    parts[-1] += (_o("late", lang, n=len(late), names=names.join(late)) if late
                  else _o("none_late", lang))
    return sentences(parts, lang)


def sentences(parts: Sequence[str], lang: str) -> str:
    """Sentences one after another: Chinese ones run on, English ones take a space."""
    return (" " if lang == "en" else "").join(parts)


def count_levels(chosen: Sequence[Mapping[str, Any]]
                 ) -> tuple[list[tuple[Status, int]], int, int]:
    """(statuses present with their counts, red rows, amber rows) of some district rows."""
    present = [(s, sum(1 for r in chosen if r.get("status") == s.value)) for s in Status]
    red = sum(1 for r in chosen if level_of(r) == "red")
    amber = sum(1 for r in chosen if level_of(r) == "amber")
    return [(s, n) for s, n in present if n], red, amber


def _label(name: object, lang: str) -> str:
    status = status_of(name)
    return status.label(lang) if status else str(name or "")


def _o(key: str, lang: str, **args: object) -> str:
    return label("overview." + key, lang).format(**args)

