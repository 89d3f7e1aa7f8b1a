"""Assessments as a markdown document (``mljy check --format markdown``) for meeting minutes.

The findings first (every invalid report named before any figure), then a heading per
report, a table with a row per item, the summary line and the 全区 rows when ``--reports``
was given. Cells are the same texts as
the rich table's (:func:`meilijiayuan.output.table.check.cells`), titles in full.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import IO, TYPE_CHECKING

from meilijiayuan.findings import Finding, Severity
from meilijiayuan.judge.records import Assessment
from meilijiayuan.messages.labels import pick
from meilijiayuan.messages.renderers import MARKDOWN_CHECK as _TEXT
from meilijiayuan.output.cells.check import (
    NUMERIC,
    cells,
    district_title,
    headers,
    summary_text,
    word,
)
from meilijiayuan.run.check import CheckRun

if TYPE_CHECKING:
    from meilijiayuan.settings import Settings

def _t(key: str, lang: str) -> str:
    return pick(_TEXT, key, lang)


def escape(text: str) -> str:
    """A table cell: pipes escaped, line breaks folded into spaces."""
    return " ".join(text.replace("\\", "\\\\").replace("|", "\\|").split())


def table(assessments: Sequence[Assessment], lang: str, *, district: bool = False) -> list[str]:
    """A GitHub-flavoured markdown table, one row per assessment."""
    cols = headers(lang, district=district)
    lines = [
        "| " + " | ".join(h for _, h in cols) + " |",
        "|" + "|".join("---:" if key in NUMERIC else "---" for key, _ in cols) + "|",
    ]
    for a in assessments:
        row = cells(a, lang, title_width=None)
        lines.append("| " + " | ".join(escape(row[key]) for key, _ in cols) + " |")
    return lines


def _finding_line(f: Finding, lang: str) -> str:
    level = ("错误" if lang != "en" else "error") if f.level is Severity.ERROR else (
        "警告" if lang != "en" else "warning")
    hint = f.hint(lang)
    tail = f" — {hint}" if hint else ""
    return f"- `{f.location()}` {level} `{f.code}`: {f.message(lang)}{tail}"


def _summary_line(assessments: Sequence[Assessment], lang: str) -> str:
    sep = ": " if lang == "en" else "："
    return f"**{_t('summary', lang)}**{sep}{summary_text(assessments, lang)}"


def render_markdown(run: CheckRun, lang: str) -> str:
    """The whole document."""
    out = [f"# mljy check — {_t('title', lang)}", ""]
    found = [(c.file, c.findings) for c in run.reports if c.findings]
    if run.findings:
        found.append(("mljy", run.findings))
    if found:  # the problems first: an invalid report is never named only at the bottom
        out += [f"## {_t('findings', lang)}", ""]
        for _, findings in found:
            out += [_finding_line(f, lang) for f in sorted(findings, key=Finding.sort_key)]
        out.append("")
    for c in run.reports:
        ev = c.evaluation
        if ev is None or not c.ok:
            out += [f"## {c.file}", "", f"**{_t('invalid', lang)}**", ""]
        else:
            when = c.as_of_date or str(ev.as_of)
            out += [f"## {ev.unit} {ev.period}（{word('as_of', lang)} {when}）"
                    if lang != "en" else f"## {ev.unit} {ev.period} ({word('as_of', lang)} {when})",
                    "", f"{_t('file', lang)}{': ' if lang == 'en' else '：'}`{c.file}`", ""]
            if ev.assessments:
                out += [*table(ev.assessments, lang), ""]
            out += [_summary_line(ev.assessments, lang), ""]
            if c.district:
                out += [f"### {district_title(c, lang)}", "",
                        *table(c.district, lang, district=True), "",
                        _summary_line(c.district, lang), ""]
    return "\n".join(out).rstrip() + "\n"


def write_check(run: CheckRun, settings: Settings, stream: IO[str]) -> None:
    """``mljy check --format markdown``."""
    stream.write(render_markdown(run, settings.lang))
