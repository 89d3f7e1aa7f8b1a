"""The cells of ``mljy status``'s views as plain strings, shared by the terminal tables and the
markdown document: the headings, the matrix symbols, the trend's sparkline, the ranking and
the reports rows. Colour only adds to them (every status carries its symbol)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from meilijiayuan.judge.records import Assessment, Status
from meilijiayuan.messages.labels import label, pick
from meilijiayuan.messages.plan_words import fill
from meilijiayuan.messages.renderers import HEADINGS
from meilijiayuan.messages.renderers import STATUS as _WORDS
from meilijiayuan.messages.renderers import STATUS_KINDS as _KIND
from meilijiayuan.output.cells.check import short
from meilijiayuan.output.figures import figure_month, signed, with_unit

if TYPE_CHECKING:
    from meilijiayuan.judge.picture import (
        DistrictPicture,
        LateReport,
        MissingReport,
        RankRow,
        Trend,
    )
    from meilijiayuan.plan.index import PlanIndex

CONTRIBUTION = "Σ"

NOT_OWED = "·"

CARRIED = "*"

SPARKS = "▁▂▃▄▅▆▇█"

TREND_COLUMNS = ("id", "title", "target", "month", "actual", "change", "spark", "status")
"""The trend columns of the markdown document; the console leaves the title out (view 1
shows it) so that a row fits one line of 80 columns."""

RANK_COLUMNS = ("rank", "unit", "kind", "red", "amber", "green", "missing_rows", "reported")

NUMERIC = frozenset({"target", "actual", "change", "rank", "red", "amber", "green",
                     "missing_rows"})


def heading(key: str, lang: str) -> str:
    """The heading of a view in ``lang``."""
    return pick(HEADINGS, key, lang)


def word(key: str, lang: str, **args: object) -> str:
    """A renderer word in ``lang``, formatted with ``args``."""
    return pick(_WORDS, key, lang).format(**args)


def title_text(picture: DistrictPicture, index: PlanIndex) -> str:
    """``<plan title> · 2019-06``."""
    return f"{index.meta.title} · {picture.period}"


def subtitle_text(picture: DistrictPicture, index: PlanIndex, lang: str) -> str:
    """``嘉府办发〔2018〕24号 · 截至 2019-06-30 · 本月报表 19 份``."""
    return " · ".join([index.meta.document_number, f"{word('as_of', lang)} {picture.as_of}",
                       word("reports_in", lang, n=picture.reports)])


def matrix_symbol(a: Assessment | None) -> str:
    """A matrix cell: the status symbol; ``Σ`` for a share of a district total; ``·`` no row;
    ``*`` after it: the figure is carried from an earlier month's report."""
    if a is None:
        return NOT_OWED
    carried = CARRIED if figure_month(a) else ""
    if a.contribution and a.status is Status.ongoing:
        return CONTRIBUTION + carried
    return a.status.symbol + carried


def legend(lang: str) -> str:
    """``✔ 已完成  ● 正常  …`` for the matrix, one entry per symbol."""
    seen: dict[str, str] = {}
    for s in Status:
        label = s.label(lang)
        seen[s.symbol] = f"{seen[s.symbol]}/{label}" if s.symbol in seen else label
    entries = [f"{sym} {label}" for sym, label in seen.items()]
    share = "share of a district total" if lang == "en" else fill("计入{district}")
    owed = "not a reporter" if lang == "en" else "非报送单位"
    carried = "carried from an earlier month" if lang == "en" else "沿用往月报表的数字"
    entries += [f"{CONTRIBUTION} {share}", f"{NOT_OWED} {owed}", f"{CARRIED} {carried}"]
    return "  ".join(entries)


def sparkline(values: Sequence[float | Decimal | None], top: float | Decimal | None = None
              ) -> str:
    """``▁▃▅█``: each value scaled from 0 (or the lowest value) to the target (or the highest);
    a month without a figure is a space."""
    known = [float(v) for v in values if v is not None]  # exact figures: only a drawing
    if not known:
        return " " * len(values)
    low = min(0.0, *known)
    high = max(float(top or 0), *known)
    span = high - low
    out = []
    for v in values:
        if v is None:
            out.append(" ")
        else:
            step = 0 if span <= 0 else round((float(v) - low) / span * (len(SPARKS) - 1))
            out.append(SPARKS[step])
    return "".join(out)


def change_text(change: float | Decimal | None, unit: str | None) -> str:
    """``+2.73 pp`` for a rate, ``+19 个`` for a quantity, empty without a figure."""
    if change is None:
        return ""
    suffix = " pp" if unit == "%" else (f" {unit}" if unit else "")
    return signed(change) + suffix


def trend_cells(t: Trend, lang: str, *, title_width: int | None = 12) -> dict[str, str]:
    """The cells of a trend row: the latest point, its change and the sparkline."""
    last = t.points[-1]
    return {
        "id": t.id,
        "title": short(t.title, title_width) if title_width else t.title,
        "target": with_unit(t.target, t.unit_of_measure),
        "month": str(last.period),
        "actual": with_unit(last.actual, t.unit_of_measure),
        "change": change_text(last.change, t.unit_of_measure),
        "spark": sparkline([p.actual for p in t.points], t.target),
        "status": f"{last.status.symbol} {last.status.label(lang)}",
    }


def ranking_cells(r: RankRow, lang: str, owed: dict[str, int] | None = None
                  ) -> dict[str, str]:
    """The cells of a ranking row; ``owed`` (:func:`~meilijiayuan.output.trace.owed_counts`)
    gives the 未报项 the missing-reports list shows."""
    zh, en = _KIND.get(r.kind, (r.kind, r.kind))
    return {
        "rank": str(r.rank),
        "unit": r.unit,
        "kind": en if lang == "en" else zh,
        "red": str(r.red),
        "amber": str(r.amber),
        "green": str(r.green),
        "missing_rows": str((owed or {}).get(r.unit, r.missing)),
        "reported": word("yes" if r.reported else "no", lang),
    }


def missing_cells(m: MissingReport, lang: str) -> dict[str, str]:
    """A missing report's row; an organisation whose report arrived but failed validation
    says so (``华亭镇（报表未通过校验）``): it is to mend its file, not to be chased for one."""
    note = (label("overview.sent_invalid", lang) if m.invalid
            else label("overview.sent_empty", lang) if m.empty else "")
    return {"unit": m.unit + note, "items": (", " if lang == "en" else "、").join(m.items)}


def late_cells(x: LateReport) -> dict[str, str]:
    return {"unit": x.unit, "submitted": x.submitted.isoformat(), "due": x.due.isoformat(),
            "file": x.file}


def matrix_units(picture: DistrictPicture, index: PlanIndex) -> list[str]:
    """The organisations of the matrix, in plan order."""
    return [org for org in index.organisations
            if any(org in row for row in picture.matrix.values())]


def trend_note(picture: DistrictPicture, lang: str) -> str:
    """What ``change`` compares with."""
    previous = picture.previous
    return word("change_none", lang) if previous is None else word("change_note", lang,
                                                                      month=str(previous))


def open_trends(picture: DistrictPicture) -> list[Trend]:
    """The trends of the targets still open (a closed target's trend is folded away)."""
    from meilijiayuan.output.trace import is_closed

    closed = {a.id for a in picture.district if is_closed(a)}
    return [t for t in picture.trend if t.id not in closed]
