"""GitHub Actions workflow commands (``--format github``): annotations on the lines of a diff.

Each finding becomes one ``::error`` or ``::warning`` line that GitHub shows on the
report's line in the pull request; each assessment at or above ``--fail-on`` becomes one
too, placed by an optional locator. Escaping follows GitHub's runner
(``toolkit/packages/core/src/command.ts``): the message escapes ``%``, CR and LF; property
values (file, title) also escape ``:`` and ``,``.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Sequence
from typing import IO, TYPE_CHECKING

from meilijiayuan.findings import Finding, Severity
from meilijiayuan.judge.records import Assessment, Level, fails
from meilijiayuan.output.advice import (
    Locator,
    assessment_advice,
    describe_assessment,
    report_locator,
)

if TYPE_CHECKING:
    from meilijiayuan.output.registry import StatusResult
    from meilijiayuan.report.validate import FileResult
    from meilijiayuan.run.check import CheckRun
    from meilijiayuan.settings import Settings

__all__ = [
    "assessment_commands", "escape_data", "escape_property", "finding_commands",
    "workflow_command",
]


def escape_data(text: str) -> str:
    """Escape a command's message: ``%`` → ``%25``, CR → ``%0D``, LF → ``%0A``."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value: as :func:`escape_data`, plus ``:`` → ``%3A`` and ``,`` → ``%2C``."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def workflow_command(kind: str, message: str, *, file: str | None = None, line: int | None = None,
                     column: int | None = None, title: str | None = None) -> str:
    """One ``::kind file=…,line=…,col=…,title=…::message`` line; ``None`` properties left out."""
    props: list[str] = []
    if file:
        props.append(f"file={escape_property(_repo_path(file))}")
        if line is not None:
            props.append(f"line={line}")
            if column is not None:
                props.append(f"col={column}")
    if title:
        props.append(f"title={escape_property(title)}")
    head = f"::{kind} {','.join(props)}" if props else f"::{kind}"
    return f"{head}::{escape_data(message)}"


def _repo_path(file: str) -> str:
    """GitHub matches annotations to repository paths: forward slashes, no ``./``."""
    path = file.replace("\\", "/")
    return posixpath.normpath(path) if path else path


def _joined(message: str, hint: str) -> str:
    return f"{message}\n{hint}" if hint else message


def finding_commands(findings: Iterable[Finding], lang: str, *, quiet: bool = False) -> list[str]:
    """Each finding as an annotation titled ``mljy <code>``, in file/line order.

    Errors are ``::error``, warnings ``::warning``; ``quiet`` leaves warnings out.
    The message is the finding's message, then its hint on the next line.
    """
    lines: list[str] = []
    for f in sorted(findings, key=Finding.sort_key):
        if quiet and f.level is not Severity.ERROR:
            continue
        kind = "error" if f.level is Severity.ERROR else "warning"
        if f.sheet is not None:  # a workbook has no lines: the cell goes in the title and text
            where = f.location().removeprefix(f.file + ":")
            lines.append(workflow_command(kind, f"{where}: " + _joined(f.message(lang),
                                          f.hint(lang)), file=f.file, line=None, column=None,
                                          title=f"mljy {f.code} {where}"))
            continue
        lines.append(workflow_command(kind, _joined(f.message(lang), f.hint(lang)), file=f.file,
                                      line=f.line, column=f.column, title=f"mljy {f.code}"))
    return lines


def assessment_commands(assessments: Iterable[Assessment], *, lang: str, fail_on: str,
                        locate: Locator | None = None) -> list[str]:
    """Annotations for the assessments whose status reaches ``fail_on`` (red | amber | never).

    A red status is an ``::error``, an amber one a ``::warning``; the title is
    ``mljy <status>``. ``locate`` places each annotation at its item in the report
    (see :func:`report_locator`); without a place it is a run-level annotation.
    """
    lines: list[str] = []
    for a in assessments:
        if not fails(a.status.level, fail_on):
            continue
        kind = "error" if a.status.level is Level.red else "warning"
        where = locate(a) if locate is not None else None
        file, line, column = where if where is not None else (None, None, None)
        text = _joined(describe_assessment(a, lang), assessment_advice(a, lang))
        lines.append(workflow_command(kind, text,
                                      file=file, line=line, column=column,
                                      title=f"mljy {a.status.value}"))
    return lines


# --- the registry's renderers -------------------------------------------------------------


def _lines(stream: IO[str], lines: Iterable[str]) -> None:
    stream.write("".join(line + "\n" for line in lines))


def write_check(run: CheckRun, settings: Settings, stream: IO[str]) -> None:
    """``mljy check --format github``: the findings, then the rows at ``--fail-on``."""
    findings = [*run.findings, *(f for c in run.reports for f in c.findings)]
    lines = finding_commands(findings, settings.lang)
    own = [a for c in run.reports if c.evaluation for a in c.evaluation.assessments]
    lines += assessment_commands(own, lang=settings.lang, fail_on=settings.fail_on,
                                 locate=report_locator(run.files))
    _lines(stream, lines)


def write_status(result: StatusResult, settings: Settings, stream: IO[str]) -> None:
    """``mljy status --format github``: the findings and missing reports, the 全区 rows at
    ``--fail-on``, then the total line."""
    from meilijiayuan.judge.picture import missing_report_findings
    from meilijiayuan.output.trace import files_with_findings, summary_line

    picture, index, files = result
    lang = settings.lang
    lines = finding_commands([*picture.findings, *missing_report_findings(picture, index)], lang)
    lines += assessment_commands(picture.district, lang=lang, fail_on=settings.fail_on)
    lines.append(summary_line(files_with_findings(picture, files), lang))
    _lines(stream, lines)


def write_validate(results: Sequence[FileResult], settings: Settings, stream: IO[str]) -> None:
    """``mljy validate --format github``: an annotation per finding (``-q``: errors only),
    then the total line (``-q``: only when a file is invalid)."""
    from meilijiayuan.output.trace import summary_line

    findings = [f for r in results for f in r.findings]
    lines = finding_commands(findings, settings.lang, quiet=settings.quiet)
    if not settings.quiet or any(not r.ok for r in results):
        lines.append(summary_line(results, settings.lang))
    _lines(stream, lines)
