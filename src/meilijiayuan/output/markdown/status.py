"""``mljy status --format markdown``: the district picture as a document for a 通报.

A title with the plan and the period, the problems in the reports (first: an invalid
report left out of the figures is named before any figure), a short summary paragraph,
then a heading and a table per view (the same cell texts as the rich tables, titles in
full), each red or amber district target with who stands behind it, a 问题清单 by
organisation and, last, the targets whose window closed before the period. Pasted as it is
into a notice or a wiki page, it reads without further editing.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import IO, TYPE_CHECKING

from meilijiayuan.findings import Finding, Severity
from meilijiayuan.judge.records import Assessment
from meilijiayuan.messages.labels import label, pick
from meilijiayuan.messages.plan_words import speak_for
from meilijiayuan.messages.renderers import MARKDOWN_STATUS as _TEXT
from meilijiayuan.output.cells import status as view
from meilijiayuan.output.cells.check import legend_text, summary_text
from meilijiayuan.output.markdown.check import escape
from meilijiayuan.output.markdown.check import table as assessment_rows
from meilijiayuan.output.trace import (
    flagged,
    owed_counts,
    problem_lines,
    split_closed,
    who_text,
)

if TYPE_CHECKING:
    from meilijiayuan.judge.picture import DistrictPicture
    from meilijiayuan.output.registry import StatusResult
    from meilijiayuan.plan.index import PlanIndex
    from meilijiayuan.settings import Settings

__all__ = ["render_status_markdown", "summary_paragraph"]


def _t(key: str, lang: str) -> str:
    return pick(_TEXT, key, lang)


def _rows(columns: Sequence[str], rows: Sequence[dict[str, str]], lang: str,
          symbols: Sequence[str] = ()) -> list[str]:
    """A GitHub-flavoured markdown table; ``symbols`` are matrix columns headed by their
    target id and centred."""
    names = [key if key in symbols else view.word(key, lang) for key in columns]
    align = [":---:" if key in symbols else "---:" if key in view.NUMERIC else "---"
             for key in columns]
    lines = ["| " + " | ".join(names) + " |", "|" + "|".join(align) + "|"]
    lines += ["| " + " | ".join(escape(row[key]) or " " for key in columns) + " |"
              for row in rows]
    return lines


def summary_paragraph(picture: DistrictPicture, index: PlanIndex, lang: str) -> str:
    """The overview the 通报 gives (:func:`~meilijiayuan.output.status_view.overview`), with
    the red open targets by id, then the head and tail of the ranking."""
    from meilijiayuan.output.documents.status import status_document
    from meilijiayuan.output.status_view import overview, sentences

    text = overview(status_document(picture, index, lang), lang, open_reds=True)
    head = [r for r in picture.ranking if r.rank == 1]
    last = picture.ranking[-1] if picture.ranking else None
    if head and last is not None and last.rank > 1:
        sep = label("overview.names_sep", lang)
        first = (label("overview.first_one", lang).format(unit=head[0].unit) if len(head) == 1
                 else label("overview.first_tied", lang).format(
                     unit=head[0].unit, n=len(head), units=sep.join(r.unit for r in head)))
        text = sentences([text, label("overview.ranking", lang).format(
            first=first, last=last.unit, red=last.red, amber=last.amber)], lang)
    return text


def _finding_line(f: Finding, lang: str) -> str:
    error = f.level is Severity.ERROR
    level = ("error" if error else "warning") if lang == "en" else ("错误" if error else "警告")
    hint = f.hint(lang)
    return f"- `{f.location()}` {level} `{f.code}`: {f.message(lang)}" + (
        f" — {hint}" if hint else "")


def render_status_markdown(picture: DistrictPicture, index: PlanIndex, lang: str) -> str:
    """The whole document."""
    speak_for(index)
    colon = ": " if lang == "en" else "："
    out = [f"# {index.meta.title} {_t('notice', lang)}（{picture.period}）" if lang != "en"
           else f"# {index.meta.title}: {_t('notice', lang)} {picture.period}", "",
           view.subtitle_text(picture, index, lang), ""]
    if picture.findings:  # first: never only at the bottom
        out += [f"## {view.heading('findings', lang)}", ""]
        out += [_finding_line(f, lang) for f in sorted(picture.findings, key=Finding.sort_key)]
        out.append("")
    out += [f"## {_t('overview', lang)}", "", summary_paragraph(picture, index, lang), ""]

    open_rows, closed_rows = split_closed(picture.district)
    out += [f"## {view.heading('district', lang)}", "",
            *assessment_rows(open_rows, lang, district=True), "",
            f"**{_t('summary', lang)}**{colon}{summary_text(open_rows, lang)}", "",
            legend_text(lang, picture.district), "", *_who(open_rows, picture, index, lang)]

    out += [f"## {view.heading('matrix', lang)}", ""]
    targets = list(picture.matrix)
    if targets:
        rows = [{"unit": unit, **{tid: view.matrix_symbol(picture.matrix[tid].get(unit))
                                  for tid in targets}}
                for unit in view.matrix_units(picture, index)]
        out += [*_rows(["unit", *targets], rows, lang, targets), "",
                view.legend(lang), ""]
    else:
        out += [view.word("no_matrix", lang), ""]

    out += [f"## {view.heading('reports', lang)}", "", f"### {view.word('missing', lang)}", ""]
    if picture.missing_reports:
        out += [*_rows(("unit", "items"), [view.missing_cells(m, lang)
                                           for m in picture.missing_reports], lang), ""]
    else:
        out += [view.word("nobody_missing", lang), ""]
    out += [f"### {view.word('late', lang)}", ""]
    if picture.late_reports:
        out += [*_rows(("unit", "submitted", "due", "file"),
                       [view.late_cells(x) for x in picture.late_reports], lang), ""]
    else:
        out += [view.word("nobody_late", lang), ""]

    out += [f"## {view.heading('trend', lang)}", ""]
    trends = view.open_trends(picture)
    if trends:
        out += [*_rows(view.TREND_COLUMNS, [view.trend_cells(t, lang, title_width=None)
                                       for t in trends], lang), "",
                view.trend_note(picture, lang), ""]
    else:
        out += [view.word("no_trend", lang), ""]

    owed = owed_counts(picture)
    out += [f"## {view.heading('ranking', lang)}", "",
            *_rows(view.RANK_COLUMNS, [view.ranking_cells(r, lang, owed) for r in picture.ranking],
                   lang), "",
            view.word("rank_note", lang), ""]

    out += [f"## {view.heading('problems', lang)}", ""]
    found = problem_lines(picture, index, lang)
    colon = ": " if lang == "en" else "："
    out += [f"- **{escape(unit)}**{colon}{escape(items)}" for unit, items in found]
    out += ["" if found else view.word("no_problems", lang), *([""] if not found else [])]

    if closed_rows:
        out += [f"## {view.heading('closed', lang)}", "", view.word("closed_note", lang), "",
                *assessment_rows(closed_rows, lang, district=True), "",
                f"**{_t('summary', lang)}**{colon}{summary_text(closed_rows, lang)}", "",
                *_who(closed_rows, picture, index, lang)]
    return "\n".join(out).rstrip() + "\n"


def _who(rows: Sequence[Assessment], picture: DistrictPicture, index: PlanIndex,
         lang: str) -> list[str]:
    """A list item per red or amber row: who stands behind it."""
    bad = flagged(rows)
    if not bad:
        return []
    return [f"**{view.word('who', lang).rstrip('：:')}**", "",
            *(f"- {escape(who_text(a, picture, index, lang))}" for a in bad), ""]


def write_status(result: StatusResult, settings: Settings, stream: IO[str]) -> None:
    """``mljy status --format markdown``."""
    stream.write(render_status_markdown(result.picture, result.plan, settings.lang))
