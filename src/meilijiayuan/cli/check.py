"""``mljy check REPORT…``: validate, then judge each report against the plan (序时进度).

Options → :func:`build_run` (validation, evaluation) → the output registry's renderer for
``("check", format)`` → exit code. Everything heavy is imported inside the command body.
"""

# No ``from __future__ import annotations``: see meilijiayuan.cli.

import datetime as dt
from typing import Annotated

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
    auto_format,
    fail_usage,
    format_option,
    run,
)
from meilijiayuan.read.limits import DEFAULT_LIMITS, Limits
from meilijiayuan.settings import Color, Lang, Settings


def register(app: typer.Typer) -> None:
    app.command("check", help="check")(
        check_command
    )


def check_command(
    reports: Annotated[list[str], typer.Argument(help="check.reports",
                                                 metavar="REPORT", show_default=False)],
    plan: PlanOpt = None,
    reports_dir: Annotated[str | None, typer.Option(
        "--reports", help="check.reports-dir",
        show_default=False)] = None,
    as_of: Annotated[str | None, typer.Option(
        "--as-of", help="check.as-of",
        show_default=False)] = None,
    previous: Annotated[str | None, typer.Option(
        "--previous", help="check.previous",
        show_default=False)] = None,
    fmt: Annotated[str | None, format_option("check")] = None,
    fail_on: FailOnOpt = FAIL_ON_DEFAULT,
    lang: LangOpt = Lang.zh,
    color: ColorOpt = Color.auto,
    encoding: EncodingOpt = None,
    max_bytes: MaxBytesOpt = DEFAULT_LIMITS.max_bytes,
    max_depth: MaxDepthOpt = DEFAULT_LIMITS.max_depth,
    max_nodes: MaxNodesOpt = DEFAULT_LIMITS.max_nodes,
    debug: DebugOpt = False,
) -> None:
    """Validate and evaluate reports; exit 0 fine, 1 statuses at or above --fail-on, 2 invalid."""
    chosen = auto_format(fmt)
    settings = Settings(
        plan=plan, lang=lang.value, format=chosen,
        color=color.value, debug=debug, encoding=encoding, fail_on=fail_on.value,
        limits=Limits(max_bytes, max_depth, max_nodes),
    )
    run(settings, lambda: _main(reports, settings, reports_dir, as_of, previous))


def _main(paths: list[str], settings: Settings, reports_dir: str | None, as_of: str | None,
          previous: str | None) -> int:
    date: dt.date | None = None
    if as_of is not None:
        try:
            date = dt.date.fromisoformat(as_of)
        except ValueError:
            return fail_usage(settings, "date-format", option="--as-of", text=as_of)
    from meilijiayuan.output.registry import render
    from meilijiayuan.plan.load import load_plan

    index, plan_findings = load_plan(settings.plan)
    if index is None:
        from meilijiayuan.run.check import CheckRun

        render("check", settings.format, CheckRun(findings=plan_findings), settings)
        return 2
    from meilijiayuan.run.check import build_run, exit_code

    result = build_run(index, paths, encoding=settings.encoding, limits=settings.limits,
                       reports_dir=reports_dir,
                       as_of=date, previous=previous)
    render("check", settings.format, result, settings)
    return exit_code(result, settings.fail_on)
