"""``mljy check REPORT…``: validate, then judge each report against the plan (序时进度).

Options → :func:`build_run` (validation, evaluation) → a renderer from :data:`FORMATS` → exit
code. Everything heavy is imported inside the command body.
"""

# No ``from __future__ import annotations``: see meilijiayuan.cli.

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated

import typer

from meilijiayuan.cli.common import (
    BadChoice,
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
    make_console,
    run,
)
from meilijiayuan.read.limits import DEFAULT_LIMITS, Limits
from meilijiayuan.settings import Color, FailOn, Lang, Settings

if TYPE_CHECKING:
    from meilijiayuan.run.check import CheckRun


def _table(result: "CheckRun", settings: Settings) -> None:
    from meilijiayuan.output.table.check import render_check

    render_check(make_console(settings), result, settings)


def _json(result: "CheckRun", settings: Settings) -> None:
    from meilijiayuan.output.json.check import check_document, dumps

    typer.echo(dumps(check_document(result, settings.lang)))


def _markdown(result: "CheckRun", settings: Settings) -> None:
    from meilijiayuan.output.markdown.check import render_markdown

    typer.echo(render_markdown(result, settings.lang), nl=False)


def _github(result: "CheckRun", settings: Settings) -> None:
    from meilijiayuan.output.github import assessment_commands, finding_commands, report_locator

    findings = [*result.findings, *(f for c in result.reports for f in c.findings)]
    lines = finding_commands(findings, settings.lang)
    lines += assessment_commands(_own_rows(result), lang=settings.lang, fail_on=settings.fail_on,
                                 locate=report_locator(result.files))
    for line in lines:
        typer.echo(line)


def _junit(result: "CheckRun", settings: Settings) -> None:
    from meilijiayuan.output.github import report_locator
    from meilijiayuan.output.junit import junit_xml

    xml = junit_xml(result.reports, assessments=_own_rows(result), lang=settings.lang,
                    fail_on=settings.fail_on, locate=report_locator(result.files),
                    name="mljy check")
    typer.echo(xml, nl=not xml.endswith("\n"))


def _own_rows(result: "CheckRun") -> list:  # type: ignore[type-arg]
    return [a for c in result.reports if c.evaluation for a in c.evaluation.assessments]


# a new output format is one function and one entry here
FORMATS: dict[str, Callable[["CheckRun", Settings], None]] = {
    "table": _table,
    "json": _json,
    "markdown": _markdown,
    "github": _github,
    "junit": _junit,
}


def _known_format(value: str | None) -> str | None:
    if value is not None and value not in FORMATS:
        raise BadChoice(value, FORMATS)
    return value


def register(app: typer.Typer) -> None:
    app.command("check", help="按序时进度评价进度报表。Check reports against the plan's schedule.")(
        check_command
    )


def check_command(
    reports: Annotated[list[str], typer.Argument(help="报表文件或文件夹 report files or folders",
                                                 metavar="REPORT", show_default=False)],
    plan: PlanOpt = None,
    reports_dir: Annotated[str | None, typer.Option(
        "--reports", help="全部报表的文件夹，用于全区汇总 folder of all reports, for district rows",
        show_default=False)] = None,
    as_of: Annotated[str | None, typer.Option(
        "--as-of", help="评价日期 YYYY-MM-DD (default: the end of each report's month)",
        show_default=False)] = None,
    previous: Annotated[str | None, typer.Option(
        "--previous", help="同一单位的上期报表，核对本月完成 an earlier report of the same unit",
        show_default=False)] = None,
    fmt: Annotated[str | None, typer.Option(
        "--format", "-f", help=" | ".join(FORMATS), callback=_known_format,
        show_default=False)] = None,
    fail_on: FailOnOpt = FailOn.red,
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
            return fail_usage(settings, f"--as-of 应为 YYYY-MM-DD，这里是“{as_of}”",
                              f"--as-of must be YYYY-MM-DD, not '{as_of}'")
    from meilijiayuan.report.validate import load_plan

    index, plan_findings = load_plan(settings.plan)
    if index is None:
        from meilijiayuan.run.check import CheckRun

        FORMATS[settings.format](CheckRun(findings=plan_findings), settings)
        return 2
    from meilijiayuan.run.check import build_run, exit_code

    result = build_run(index, paths, encoding=settings.encoding, limits=settings.limits,
                       reports_dir=reports_dir,
                       as_of=date, previous=previous)
    FORMATS[settings.format](result, settings)
    return exit_code(result, settings.fail_on)
