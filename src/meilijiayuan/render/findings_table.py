"""Validation results as a rich table of findings and a one-line summary."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from meilijiayuan.findings import Finding, Severity
from meilijiayuan.render.labels import label

if TYPE_CHECKING:
    from rich.console import Console

    from meilijiayuan.settings import Settings
    from meilijiayuan.validate import FileResult


def visible(findings: Sequence[Finding], settings: Settings) -> list[Finding]:
    """The findings to show: errors always, warnings unless ``--quiet``."""
    if settings.quiet:
        return [f for f in findings if f.level is Severity.ERROR]
    return list(findings)


def render_findings(console: Console, results: Sequence[FileResult], settings: Settings) -> None:
    """The validation output of the table format, as ``mljy validate --help`` describes it.

    default: a table of every finding, then the total line; ``quiet``: errors only, and
    the total line only when a file is invalid; ``verbose``: also ``✓ FILE (kind)`` per
    valid file; ``summary``: one line per file instead of the table (only invalid files
    when ``quiet``), then the total line.
    """
    from rich.table import Table
    from rich.text import Text

    lang = settings.lang
    if settings.summary:
        for r in results:
            if settings.quiet and r.ok:
                continue
            errors = sum(f.level is Severity.ERROR for f in r.findings)
            warnings = len(r.findings) - errors
            mark = Text("✓ ", style="green") if r.ok else Text("✗ ", style="bold red")
            console.print(mark + Text(f"{r.file}  {errors} {label('errors', lang)}  "
                                      f"{warnings} {label('warnings', lang)}"))
    else:
        shown = (f for r in results for f in visible(r.findings, settings))
        rows = sorted(shown, key=Finding.sort_key)
        if rows:
            table = Table(show_lines=False, expand=False, header_style="bold")
            table.add_column(label("location", lang), overflow="fold", no_wrap=False)
            table.add_column(label("severity", lang), no_wrap=True)
            table.add_column(label("code", lang), overflow="fold")
            table.add_column(label("problem", lang), overflow="fold")
            table.add_column(label("fix", lang), overflow="fold")
            for f in rows:
                style = "bold red" if f.level is Severity.ERROR else "yellow"
                sym = "✗ " if f.level is Severity.ERROR else "! "
                table.add_row(f.location(), Text(sym + label(f.level.value, lang), style=style),
                              f.code, f.message(lang), f.hint(lang))
            console.print(table)
        if settings.verbose:
            for r in results:
                if r.ok:
                    passed = Text(f"{r.file} ({label(r.kind, lang)})")
                    console.print(Text("✓ ", style="green") + passed)
    if not settings.quiet or any(not r.ok for r in results):
        console.print(summary_line(results, lang))


def summary_line(results: Sequence[FileResult], lang: str) -> str:
    """``3 个文件：2 个通过，1 个未通过；4 个错误，1 个警告`` (en: ``3 files: 2 valid, …``)."""
    n = len(results)
    bad = sum(not r.ok for r in results)
    errors = sum(f.level is Severity.ERROR for r in results for f in r.findings)
    warnings = sum(f.level is Severity.WARNING for r in results for f in r.findings)
    if lang == "en":
        return (f"{_count(n, 'file')}: {n - bad} valid, {bad} invalid; "
                f"{_count(errors, 'error')}, {_count(warnings, 'warning')}")
    return f"{n} 个文件：{n - bad} 个通过，{bad} 个未通过；{errors} 个错误，{warnings} 个警告"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
