"""``mljy status [DIR]``: the district picture for the joint office's monthly meeting.

Options → :func:`picture_for` (read every report once, build the picture) → the output
registry's renderer for ``("status", format)`` → exit code. Everything heavy is imported
inside the command body.
"""

# No ``from __future__ import annotations``: see meilijiayuan.cli.

from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated

import typer

from meilijiayuan.cli.common import (
    FAIL_ON_DEFAULT,
    ColorOpt,
    DebugOpt,
    EncodingOpt,
    FailOnOpt,
    LangOpt,
    MaxBytesOpt,
    MaxDepthOpt,
    MaxNodesOpt,
    PlanOpt,
    UsageProblem,
    auto_format,
    fail_usage,
    format_option,
    no_result,
    parse_period,
    require_in_plan,
    run,
)
from meilijiayuan.output.writer import err
from meilijiayuan.read.limits import DEFAULT_LIMITS, Limits
from meilijiayuan.settings import Color, Lang, Settings

if TYPE_CHECKING:
    from meilijiayuan.judge.in_effect import Submission
    from meilijiayuan.judge.picture import DistrictPicture
    from meilijiayuan.output.registry import StatusResult
    from meilijiayuan.periods import Month
    from meilijiayuan.report.validate import FileResult

DEFAULT_DIR = "data/reports"



def register(app: typer.Typer) -> None:
    app.command("status", help="status")(status_command)


def status_command(
    directory: Annotated[str, typer.Argument(
        metavar="DIR", help="opt.dir")
    ] = DEFAULT_DIR,
    period: Annotated[str | None, typer.Option(
        "--period", metavar="YYYY-MM", show_default=False,
        help="opt.period")] = None,
    plan: PlanOpt = None,
    fmt: Annotated[str | None, format_option("status")] = None,
    out: Annotated[str | None, typer.Option(
        "--out", metavar="FILE", show_default=False,
        help="status.out")
    ] = None,
    fail_on: FailOnOpt = FAIL_ON_DEFAULT,
    lang: LangOpt = Lang.zh,
    color: ColorOpt = Color.auto,
    encoding: EncodingOpt = None,
    max_bytes: MaxBytesOpt = DEFAULT_LIMITS.max_bytes,
    max_depth: MaxDepthOpt = DEFAULT_LIMITS.max_depth,
    max_nodes: MaxNodesOpt = DEFAULT_LIMITS.max_nodes,
    debug: DebugOpt = False,
) -> None:
    """The district picture; exit 0 fine, 1 a district status at --fail-on, 2 invalid input."""
    settings = Settings(
        plan=plan, lang=lang.value, format=auto_format(fmt),
        color=color.value, debug=debug, encoding=encoding, fail_on=fail_on.value,
        limits=Limits(max_bytes, max_depth, max_nodes),
    )
    run(settings, lambda: _status(directory, period, settings, out))


def _status(directory: str, period_text: str | None, settings: Settings,
            out: str | None = None) -> int:
    from meilijiayuan.output.registry import render, render_file, writes_file

    to_file = writes_file("status", settings.format)
    check_out(settings.format, out, to_file)
    result = picture_for(directory, period_text, settings)
    if isinstance(result, int):  # nothing to show: nothing is written
        return result
    code = exit_code(result.picture, settings.fail_on)
    if not to_file:
        render("status", settings.format, result, settings)
        return code
    from pathlib import Path

    from meilijiayuan.output.writer import write_file

    assert out is not None  # check_out
    data = render_file("status", settings.format, result, settings)
    try:
        write_file(Path(out), data)
    except OSError as exc:
        return fail_usage(settings, "cannot-write", path=out, reason=exc.strerror or exc)
    print_done(out, result.picture, len(data), code, settings)
    return code


_EXAMPLE = {"xlsx": "台账.xlsx", "docx": "通报.docx"}


def check_out(fmt: str, out: str | None, to_file: bool) -> None:
    """A usage problem unless ``--out`` is given exactly for the file formats (xlsx, docx),
    with their suffix."""
    if to_file and not out:
        raise UsageProblem("out-required", fmt=fmt, example=_EXAMPLE.get(fmt, f"x.{fmt}"))
    if not to_file and out:
        raise UsageProblem("out-not-for-format", fmt=fmt)
    if out and not out.lower().endswith(f".{fmt}"):
        raise UsageProblem("out-suffix", fmt=fmt, out=out)


def picture_for(directory: str, period_text: str | None,
                settings: Settings) -> "StatusResult | int":
    """The picture of ``directory`` at ``--period`` (default: the latest month with reports),
    or the exit code (2) after saying on stderr why there is none.

    There is none without a plan, when ``directory`` does not exist, when it holds no
    usable report, or when the period has no usable report at all: nothing that could pass
    for a result is then written (docs/output.md).
    """
    from meilijiayuan.judge.picture import build_picture, latest_period
    from meilijiayuan.output.registry import StatusResult
    from meilijiayuan.plan.load import load_plan
    from meilijiayuan.run.status import collect

    period = parse_period(period_text)
    index, plan_findings = load_plan(settings.plan)
    if index is None:
        return no_result(settings, plan_findings, "plan-not-loaded")
    require_in_plan(index, period)
    submissions, files = collect([directory], index, encoding=settings.encoding,
                                 limits=settings.limits)
    findings = [f for r in files for f in r.findings]
    why = _nothing_to_show(directory, submissions, period, files)
    if why is not None:
        return no_result(settings, findings, why, directory=directory, period=period)
    period = period or latest_period(submissions)
    assert period is not None  # a usable report exists (_nothing_to_show)
    picture = build_picture(index, submissions, period, files=files)
    return StatusResult(picture, index, files)


def _nothing_to_show(directory: str, submissions: "Sequence[Submission]",
                     period: "Month | None", files: "Sequence[FileResult]") -> str | None:
    """Why there is no picture to draw (a key of meilijiayuan.messages.run), or ``None``."""
    from pathlib import Path

    if not Path(directory).exists():
        return "folder-missing"
    if not submissions:
        if any(f.code != "no-input" for r in files for f in r.findings):
            return "no-valid-report"
        return "no-report"
    if period is not None and not any(s.period == period for s in submissions):
        return "no-report-for-period"
    return None


def exit_code(picture: "DistrictPicture", fail_on: str) -> int:
    """2 when a file is invalid or two reports clash; 1 when a 全区 status reaches
    ``--fail-on``; else 0."""
    from meilijiayuan.findings import has_errors
    from meilijiayuan.judge.records import fails

    if has_errors(picture.findings):
        return 2
    return 1 if any(fails(a.status.level, fail_on) for a in picture.district) else 0


def print_done(html: str, picture: "DistrictPicture", size: int, code: int,
               settings: Settings) -> None:
    """One line on stderr: what was written, how many problems it lists, and — when the
    exit code is 1 — which statuses reached ``--fail-on``."""
    from meilijiayuan.findings import Severity
    from meilijiayuan.judge.records import fails
    from meilijiayuan.messages.words import text

    errors = sum(1 for f in picture.findings if f.level is Severity.ERROR)
    warnings = len(picture.findings) - errors
    kb = f"{size / 1024:.0f} KB"
    gate = [a for a in picture.district if fails(a.status.level, settings.fail_on)]
    line = text("run.wrote-page", settings.lang, path=html, period=picture.period, size=kb,
                errors=errors, warnings=warnings)
    if code == 1:
        line += text("run.wrote-page-gate", settings.lang, n=len(gate), fail_on=settings.fail_on,
                     ids=text("run.list-separator", settings.lang).join(a.id for a in gate))
    err(line + "\n")
