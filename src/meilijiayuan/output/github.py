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
from typing import TYPE_CHECKING

from meilijiayuan.findings import Finding, Severity
from meilijiayuan.judge.records import Assessment, Level, fails
from meilijiayuan.messages.labels import pick

if TYPE_CHECKING:
    from meilijiayuan.report.validate import FileResult

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

_WORDS: dict[str, tuple[str, str]] = {
    "target": ("目标", "target"),
    "expected": ("序时应完成", "expected by now"),
    "actual": ("实际", "actual"),
    "gap": ("差距", "gap"),
    "lag": ("滞后", "lag"),
    "state": ("状态", "state"),
    "as_of": ("截至", "as of"),
    "window": ("期限", "window"),
}


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
            spacer = "" if uom == "%" else " "
            parts.append(f"{_w(key, lang)} {_num(value)}{spacer}{uom}".rstrip())
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
    return head + (colon + sep.join(parts) if parts else "") + tail


_ADVICE: dict[str, tuple[str, str]] = {
    "missing": ("在 items 下补报 {id}；mljy template 可生成本单位应报事项的模板。",
                "Report {id} under items; `mljy template` lists the items your unit must report."),
    "overdue": ("期限已过仍未完成：核对填报的累计数，并在 note 中说明原因和完成时间。",
                "The window has closed and the target is not met: check the total and explain "
                "in `note` why and by when."),
}
_BEHIND = ("落后于序时进度：核对填报的累计数；确实滞后的，在 note 中说明原因和措施。",
           "Behind schedule: check the total; if it is right, explain the cause and the remedy "
           "in `note`.")


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
        for path in (("items", a.id), ("items", a.item), ("items",)):
            pos = doc.key_pos.get(path)
            if pos is not None:
                return (result.file, pos[0], pos[1])
        return (result.file, None, None)

    return locate


def _period(r: FileResult) -> str:
    return str(r.report.period) if r.report is not None else ""
