"""GitHub Actions workflow commands (``--format github``): annotations on the lines of a diff.

Each finding becomes one ``::error`` or ``::warning`` line that GitHub shows on the
report's line in the pull request; each assessment at or above ``--fail-on`` becomes one
too, placed by an optional locator. Escaping follows GitHub's runner
(``toolkit/packages/core/src/command.ts``): the message escapes ``%``, CR and LF; property
values (file, title) also escape ``:`` and ``,``.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import IO, TYPE_CHECKING

from meilijiayuan.findings import Finding, Severity
from meilijiayuan.judge.records import Assessment, Level, fails
from meilijiayuan.messages.labels import pick
from meilijiayuan.messages.renderers import ADVICE as _ADVICE
from meilijiayuan.messages.renderers import BEHIND as _BEHIND
from meilijiayuan.messages.renderers import GITHUB as _WORDS

if TYPE_CHECKING:
    from meilijiayuan.output.registry import StatusResult
    from meilijiayuan.report.validate import FileResult
    from meilijiayuan.run.check import CheckRun
    from meilijiayuan.settings import Settings

Location = tuple[str, int | None, int | None]
"""(file, line, column) of an assessment's item in a report; line and column 1-based."""

Locator = Callable[[Assessment], Location | None]
"""Where an assessment belongs in the reports, or ``None`` when it has no place (全区 rows)."""

__all__ = [
    "Location", "Locator", "assessment_advice", "assessment_commands", "describe_assessment",
    "escape_data", "escape_property", "finding_commands", "report_locator", "workflow_command",
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


# --- assessment text ----------------------------------------------------------------------


def _w(key: str, lang: str) -> str:
    return pick(_WORDS, key, lang)


def _num(x: float | Decimal) -> str:
    return f"{round(float(x), 2):g}"


def describe_assessment(a: Assessment, lang: str) -> str:
    """One line, e.g. ``马陆镇 K2018-4「…」严重滞后：目标 40 个，…，实际 5 个（截至 2018-06）``."""
    uom = a.unit_of_measure or ""
    sep = ", " if lang == "en" else "，"
    parts: list[str] = []
    for key, value in (("target", a.target), ("expected", a.expected), ("actual", a.actual),
                       ("gap", a.gap)):
        if value is not None:
            # a gap between two rates is in percentage points, not a percentage
            shown = "pp" if uom == "%" and key == "gap" else uom
            spacer = "" if shown == "%" else " "
            parts.append(f"{_w(key, lang)} {_num(value)}{spacer}{shown}".rstrip())
    if a.lag_pp is not None:
        parts.append(f"{_w('lag', lang)} {_num(a.lag_pp)} pp")
    if a.state is not None:
        parts.append(f"{_w('state', lang)} {a.state}")
    if a.window is not None:
        parts.append(f"{_w('window', lang)} {a.window[0]}–{a.window[1]}")
    head = f"{a.unit} {a.id}「{a.title}」{a.status.label(lang)}"
    if lang == "en":
        colon, tail = ": ", f" ({_w('as_of', lang)} {a.as_of})"
    else:
        colon, tail = "：", f"（{_w('as_of', lang)} {a.as_of}）"
    if getattr(a, "units", None) and a.status.level in (Level.red, Level.amber):
        from meilijiayuan.output.trace import who_parts

        _, behind = who_parts(a, None, None, lang)  # a district row: who stands behind it
        tail += ("; " if lang == "en" else "；") + ("、" if lang != "en" else ", ").join(behind)
    return head + (colon + sep.join(parts) if parts else "") + tail


def assessment_advice(a: Assessment, lang: str) -> str:
    """What the reporting unit can do about a status at or above ``--fail-on``."""
    zh, en = _ADVICE.get(a.status.value, _BEHIND)
    return (en if lang == "en" else zh).format(id=a.id)


# --- locating assessments -----------------------------------------------------------------


def report_locator(results: Sequence[FileResult]) -> Locator:
    """A locator over validated reports: an item's key line, else the ``items:`` line.

    The report is the one of the assessment's unit for the assessment's month (the
    latest earlier one when that month has none); district rows (全区) have no place.
    """
    by_unit: dict[str, list[FileResult]] = {}
    for r in results:
        if r.unit is not None and r.report is not None and r.doc is not None:
            by_unit.setdefault(r.unit, []).append(r)

    def locate(a: Assessment) -> Location | None:
        candidates = [r for r in by_unit.get(a.unit, ()) if _period(r) <= a.as_of]
        if not candidates:
            return None
        result = max(candidates, key=_period)
        doc = result.doc
        assert doc is not None
        if doc.sheet is not None:  # a workbook has no lines to annotate
            return (result.file, None, None)
        for path in (("items", a.id), ("items", a.item), ("items",)):
            pos = doc.key_pos.get(path)
            if pos is not None:
                return (result.file, pos[0], pos[1])
        return (result.file, None, None)

    return locate


def _period(r: FileResult) -> str:
    return str(r.report.period) if r.report is not None else ""


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
