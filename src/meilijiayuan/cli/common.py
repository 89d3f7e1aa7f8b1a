"""Options shared by the commands, and the wrapper that turns any failure into exit 2."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Annotated, Any

import typer

from meilijiayuan.output.writer import err
from meilijiayuan.settings import Color, FailOn, Lang, Settings

if TYPE_CHECKING:
    from rich.console import Console

    from meilijiayuan.findings import Finding
    from meilijiayuan.periods import Month
    from meilijiayuan.plan.index import PlanIndex

PlanOpt = Annotated[
    str | None,
    typer.Option(
        "--plan",
        metavar="FILE",
        help="opt.plan",
        envvar="MLJY_PLAN",
        show_default=False,
    ),
]
LangOpt = Annotated[
    Lang, typer.Option("--lang", help="opt.lang", envvar="MLJY_LANG")
]
ColorOpt = Annotated[Color, typer.Option("--color", help="opt.color")]
DebugOpt = Annotated[bool, typer.Option("--debug", help="opt.debug")]
EncodingOpt = Annotated[
    str | None,
    typer.Option(
        "--encoding",
        metavar="NAME",
        help="opt.encoding",
        show_default=False,
    ),
]
FailOnOpt = Annotated[
    FailOn, typer.Option("--fail-on", help="opt.fail-on")
]
FAIL_ON_DEFAULT = FailOn.never
"""``--fail-on`` of every command: a valid report that shows red is an honest report, and a
command that produced its output succeeded; a CI gate asks for ``--fail-on red``."""
MaxBytesOpt = Annotated[
    int, typer.Option("--max-bytes", metavar="N", help="opt.max-bytes", min=1)
]
MaxDepthOpt = Annotated[
    int, typer.Option("--max-depth", metavar="N", help="opt.max-depth", min=1)
]
MaxNodesOpt = Annotated[
    int, typer.Option("--max-nodes", metavar="N", help="opt.max-nodes", min=1)
]
QuietOpt = Annotated[bool, typer.Option("-q", "--quiet", help="opt.quiet")]
VerboseOpt = Annotated[
    bool, typer.Option("-v", "--verbose", help="opt.verbose")
]
SummaryOpt = Annotated[bool, typer.Option("--summary", help="opt.summary")]
JobsOpt = Annotated[
    int | None,
    typer.Option("--jobs", "-j", min=0, show_default=False, metavar="N",
                 help="opt.jobs"),
]


def format_option(command: str) -> Any:
    """The ``--format``/``-f`` option of ``command``: its choices are the formats the output
    registry has for it (so ``--help`` never offers one the command refuses)."""
    from meilijiayuan.output.registry import formats

    choices = formats(command)

    def known(value: str | None) -> str | None:
        if value is not None and value not in choices:
            raise BadChoice(value, choices)
        return value

    # the help text is a key of meilijiayuan.messages.help, drawn in the run's language
    key = {"check": "opt.format-ci", "status": "status.format", "validate": "validate.format",
           "list": "list.format"}[command]
    return typer.Option("--format", "-f", metavar=f"<{'|'.join(choices)}>", callback=known,
                        show_default=False, help=key)


def auto_format(given: str | None) -> str:
    """The output format: as given, else ``github`` inside GitHub Actions, else ``table``."""
    if given:
        return given
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "table"


def make_console(settings: Settings, *, stderr: bool = False) -> Console:
    """A rich console on the writer's standard output (or error), honouring ``--color`` and
    ``NO_COLOR``."""
    from meilijiayuan.output.table.console import make_console as console
    from meilijiayuan.output.writer import STDERR, STDOUT

    return console(settings, STDERR if stderr else STDOUT)


class BadChoice(typer.BadParameter):
    """An option's value outside its list, found by the option's callback.

    click's own choices are explained in the user's language by
    :mod:`meilijiayuan.cli.usage`; this carries the list so a callback's are too.
    """

    def __init__(self, value: str, choices: Iterable[str]) -> None:
        self.choices = tuple(choices)
        super().__init__(f"{value!r} is not one of {', '.join(map(repr, self.choices))}.")


class UsageProblem(Exception):
    """A usage error: a key of :mod:`meilijiayuan.messages.run` and its fields; :func:`run`
    prints it in the user's language and exits 2."""

    def __init__(self, key: str, **args: Any) -> None:
        super().__init__(key)
        self.key, self.fields = key, args


def parse_period(text: str | None, option: str = "--period") -> Month | None:
    """``YYYY-MM`` as a :class:`Month` (None when not given); a usage problem otherwise."""
    if text is None:
        return None
    from meilijiayuan.periods import Month

    try:
        return Month.parse(text)
    except ValueError:
        from meilijiayuan.report.fixes import month_text

        guess = month_text(text)
        if guess is not None:
            raise UsageProblem("month-format-guess", option=option, text=text,
                               guess=guess) from None
        raise UsageProblem("month-format", option=option, text=text) from None


def require_in_plan(index: PlanIndex, period: Month | None, option: str = "--period") -> None:
    """A usage problem when ``period`` lies outside the plan's window."""
    window = index.meta.window
    if period is not None and not window.start <= period <= window.end:
        raise UsageProblem("month-outside-plan", option=option, period=period,
                           start=window.start, end=window.end)


def run(settings: Settings, body: Callable[[], int]) -> None:
    """Run a command body; any unexpected exception is one line on stderr and exit 2.

    The body runs in a copy of the caller's context: the plan words it speaks once its plan
    is loaded (:mod:`meilijiayuan.messages.plan_words`) end with it.
    """
    import contextvars

    try:
        code = contextvars.copy_context().run(body)
    except typer.Exit:
        raise
    except UsageProblem as problem:
        raise typer.Exit(fail_usage(settings, problem.key, **problem.fields)) from None
    except BrokenPipeError:
        # `mljy list -f json | head`: the reader left. What is still buffered goes nowhere
        # and the exit code is 1, as rich does for a table and Python's docs advise.
        _discard_stdout()
        raise typer.Exit(1) from None
    except KeyboardInterrupt:
        from meilijiayuan.messages.words import text

        err(f"mljy: {text('usage.interrupted', settings.lang)}\n")
        raise typer.Exit(130) from None
    except Exception as exc:  # the contract: never a traceback
        if settings.debug:
            raise
        from meilijiayuan.findings import Finding

        finding = Finding("internal-error", "mljy", args={"error": f"{type(exc).__name__}: {exc}"})
        err(f"mljy: {finding.message(settings.lang)}\n  {finding.hint(settings.lang)}\n")
        raise typer.Exit(2) from None
    raise typer.Exit(code)


def _discard_stdout() -> None:
    """Point standard output at the null device (its reader is gone)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no file descriptor (a test's captured output)
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115 - silence the flush at exit


def fail_usage(settings: Settings, key: str, **args: Any) -> int:
    """Print the usage problem ``key`` of :mod:`meilijiayuan.messages.run` (exit 2)."""
    from meilijiayuan.messages.words import text

    err(f"mljy: {text('run.' + key, settings.lang, **args)}\n")
    return 2


def load_index(settings: Settings) -> PlanIndex | None:
    """The plan index, or ``None`` after printing why the plan did not load."""
    from meilijiayuan.plan.load import load_plan
    from meilijiayuan.report.validate import FileResult

    index, findings = load_plan(settings.plan)
    if index is None:
        from meilijiayuan.output.table.findings import render_findings

        results = [FileResult(findings[0].file if findings else "plan", "plan", findings)]
        render_findings(make_console(settings, stderr=True), results, settings)
    return index


def print_problem(settings: Settings, finding: Finding) -> int:
    """A usage problem in the finding catalogue's words, on stderr: ``mljy: message`` + hint; 2."""
    hint = finding.hint(settings.lang)
    err(f"mljy: {finding.message(settings.lang)}\n" + (f"  {hint}\n" if hint else ""))
    return 2


def no_result(settings: Settings, findings: Sequence[Finding], key: str, **args: Any) -> int:
    """An input that gives nothing to show (a path that does not exist, a folder without a
    report, a period without one): the errors and why, on stderr only, and exit 2.

    Nothing goes to standard output: no table, no document, no page that could pass for a
    result.
    """
    from meilijiayuan.findings import Finding, Severity
    from meilijiayuan.messages.labels import label

    lang = settings.lang
    lines: list[str] = []
    for f in sorted(findings, key=Finding.sort_key):
        if f.level is Severity.ERROR:
            lines.append(f"{f.location()}: {f.message(lang)}\n")
            hint = f.hint(lang)
            if hint:
                colon = ": " if lang == "en" else "："
                lines.append(f"  {label('fix', lang)}{colon}{hint}\n")
    err("".join(lines))
    return fail_usage(settings, key, **args)


def write_output(settings: Settings, out: str, data: str | bytes | Callable[[], bytes], *,
                 force: bool) -> int:
    """Write ``data`` to the file ``out`` atomically, making its folders as needed.

    Refused (2, nothing written): a folder given as the file, an existing file without
    ``force``, a path the system will not write (the reason in the user's language). A
    workbook is made (``data()``) only once the path is known to be free."""
    import errno
    from pathlib import Path

    from meilijiayuan.findings import Finding
    from meilijiayuan.output.writer import write_file

    path = Path(out)
    if path.is_dir():
        return fail_usage(settings, "out-is-folder", out=out)
    exists = Finding("output-exists", out, args={"path": out})
    if path.exists() and not force:
        return print_problem(settings, exists)
    try:
        write_file(path, data() if callable(data) else data, replace=force)
    except FileExistsError as exc:
        if exc.filename == str(path):  # made in the meantime
            return print_problem(settings, exists)
        exc.errno = errno.ENOTDIR  # a file stands where a folder on the path should be
        return fail_usage(settings, "cannot-write", path=out, reason=os_reason(exc, settings.lang))
    except OSError as exc:
        return fail_usage(settings, "cannot-write", path=out, reason=os_reason(exc, settings.lang))
    return 0


def os_reason(exc: OSError, lang: str) -> str:
    """Why the system refused, in the user's language (not the C library's English)."""
    import errno

    from meilijiayuan.messages.words import text

    keys = {errno.EISDIR: "is-folder", errno.ENOTDIR: "not-folder", errno.ENOENT: "not-found",
            errno.EACCES: "permission", errno.EPERM: "permission", errno.ENOSPC: "no-space",
            errno.EROFS: "read-only", errno.ENAMETOOLONG: "name-too-long"}
    key = keys.get(exc.errno or 0)
    if key is None:
        return text("run.os-other", lang, code=exc.errno, detail=exc.strerror or exc)
    return text("run.os-" + key, lang)
