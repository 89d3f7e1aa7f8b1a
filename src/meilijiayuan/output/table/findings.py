"""Validation results for people: a table (or blocks) of findings and a one-line summary.

Every cell is handed to rich as a :class:`rich.text.Text`: a ``str`` would be parsed for rich
markup and emoji codes, and findings quote the files (names, keys, values), so a key such as
``[/bold]`` would crash the output and a file named ``a:100:.yaml`` would show as ``a💯.yaml``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import IO, TYPE_CHECKING

from meilijiayuan.findings import Finding, Severity
from meilijiayuan.messages.labels import label
from meilijiayuan.output.trace import count, summary_line

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

    from meilijiayuan.report.validate import FileResult
    from meilijiayuan.settings import Settings


def visible(findings: Sequence[Finding], settings: Settings) -> list[Finding]:
    """The findings to show: errors always, warnings unless ``--quiet``."""
    if settings.quiet:
        return [f for f in findings if f.level is Severity.ERROR]
    return list(findings)


TABLE_MIN_WIDTH = 100
"""Below this many columns (pre-commit, a piped log: 80) a five-column table is
unreadable, so each finding is a short block instead (location line, message, hint)."""


def render_findings(console: Console, results: Sequence[FileResult], settings: Settings) -> None:
    """The validation output of the table format, as ``mljy validate --help`` describes it.

    default: every finding (a table, or blocks on a narrow console), then the total line;
    ``quiet``: errors only, and the total line only when a file is invalid; ``verbose``:
    also ``✓ FILE (kind)`` per valid file; ``summary``: one line per file instead of the
    findings (only invalid files when ``quiet``), then the total line.
    """
    from rich.text import Text

    lang = settings.lang
    if settings.summary:
        for r in results:
            if settings.quiet and r.ok:
                continue
            errors = sum(f.level is Severity.ERROR for f in r.findings)
            warnings = len(r.findings) - errors
            mark = Text("✓ ", style="green") if r.ok else Text("✗ ", style="bold red")
            console.print(mark + Text(f"{r.file}  {_tally(errors, 'error', lang)}  "
                                      f"{_tally(warnings, 'warning', lang)}"))
    else:
        shown = (f for r in results for f in visible(r.findings, settings))
        rows = sorted(shown, key=Finding.sort_key)
        if rows and console.width >= TABLE_MIN_WIDTH:
            _table(console, rows, lang)
        elif rows:
            _blocks(console, rows, lang)
        if settings.verbose:
            for r in results:
                if r.ok:
                    passed = Text(f"{r.file} ({label(r.kind, lang)})")
                    console.print(Text("✓ ", style="green") + passed)
    if not settings.quiet or any(not r.ok for r in results):
        console.print(Text(summary_line(results, lang)))


def _mark(f: Finding, lang: str) -> Text:
    from rich.text import Text

    if f.level is Severity.ERROR:
        return Text("✗ " + label(f.level.value, lang), style="bold red")
    return Text("! " + label(f.level.value, lang), style="yellow")


def _table(console: Console, rows: Sequence[Finding], lang: str) -> None:
    from rich.table import Table
    from rich.text import Text

    table = Table(show_lines=False, expand=False, header_style="bold")
    table.add_column(Text(label("location", lang)), overflow="fold", no_wrap=False)
    table.add_column(Text(label("severity", lang)), no_wrap=True)
    table.add_column(Text(label("code", lang)), overflow="fold")
    table.add_column(Text(label("problem", lang)), overflow="fold")
    table.add_column(Text(label("fix", lang)), overflow="fold")
    for f in rows:
        table.add_row(Text(f.location()), _mark(f, lang), Text(f.code), Text(f.message(lang)),
                      Text(f.hint(lang)))
    console.print(table)


def _blocks(console: Console, rows: Sequence[Finding], lang: str) -> None:
    """``✗ 错误 file:line:col  code``, then the message and the hint indented under it.

    Long lines are left for the terminal to wrap, so a message is never cut in two.
    """
    from rich.text import Text

    colon = ": " if lang == "en" else "："
    for f in rows:
        head = Text()
        head.append_text(_mark(f, lang))
        head.append(f" {f.location()}  ")
        head.append(f.code, style="dim")
        console.print(head, soft_wrap=True)
        hint = f.hint(lang)
        body = f.message(lang) + (f"\n{label('fix', lang)}{colon}{hint}" if hint else "")
        console.print(Text("\n".join("  " + line for line in body.splitlines())), soft_wrap=True)


def _tally(n: int, noun: str, lang: str) -> str:
    """``2 个错误`` / ``2 errors`` / ``1 error``."""
    return count(n, noun) if lang == "en" else f"{n} {label(noun + 's', lang)}"


def write_validate(results: Sequence[FileResult], settings: Settings, stream: IO[str]) -> None:
    """``mljy validate`` (table): :func:`render_findings`; a run with nothing to draw but
    the total line never imports rich."""
    if not (settings.summary or settings.verbose or any(
            visible(r.findings, settings) for r in results)):
        if not settings.quiet or any(not r.ok for r in results):
            stream.write(summary_line(results, settings.lang) + "\n")
        return
    from meilijiayuan.output.table.console import make_console

    render_findings(make_console(settings, stream), results, settings)
