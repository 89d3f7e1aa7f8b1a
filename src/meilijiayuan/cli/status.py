"""``mljy status [DIR]``: the district picture for the joint office's monthly meeting.

Options → :func:`_status` (read every report once, build the picture) → a renderer from
:data:`FORMATS` → exit code. Everything heavy is imported inside the command body.
"""

# No ``from __future__ import annotations``: see meilijiayuan.cli.

import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Annotated

import typer

from meilijiayuan.cli.common import (
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
    emit,
    make_console,
    parse_period,
    require_in_plan,
    run,
)
from meilijiayuan.read.limits import DEFAULT_LIMITS, Limits
from meilijiayuan.settings import Color, FailOn, Format, Lang, Settings

if TYPE_CHECKING:
    from meilijiayuan.findings import Finding
    from meilijiayuan.judge.picture import DistrictPicture
    from meilijiayuan.plan.index import PlanIndex
    from meilijiayuan.report.validate import FileResult

DEFAULT_DIR = "data/reports"

HELP = """\
全区进度汇总（区联席办月度例会）。The district picture for the monthly meeting.

Reads every report under DIR (default data/reports) once and validates it; invalid files
are listed as errors and left out (exit 2), the picture is still drawn from the rest.
For each organisation the latest report at or before --period counts (default: the
latest month with reports); an item reported earlier and left out later still counts.

\b
Views:
  1 district targets   each target's 全区 status: sum, Σnumerator/Σdenominator, or the lead
  2 matrix             organisations × targets reported by several organisations
  3 reports            who owed a report for the period and sent none; who was late
  4 trend              each district figure over the months with reports, the change
                       since the previous such month, and a sparkline
  5 ranking            streets and towns by red, then amber rows (分级考核)

\b
Rules:
  correction   a report with a later `submitted` date replaces the same month's earlier
               one; reports of one month that cannot be ordered so (same date, or no
               date) are a duplicate-report error naming both files, and neither is used
  owed         an organisation owes a report when it is a required reporter of a
               measurable target or milestone whose window contains the period
  late         `submitted` after day report_due_day (5) of the next month; judged on the
               organisation's first report of the month
  ranking      fewest red rows, then fewest amber, then reported before not; ties share
               a rank; a unit's share of a district total (Σ) is not counted

\b
Output (--format; default table, or github when GITHUB_ACTIONS=true):
  table      the five views as tables, then the problems and a total line
  json       the stable machine interface (also read by the HTML dashboard)
  markdown   a document to paste into a 通报: title, summary paragraph, a table per view
  github     annotations: problems, missing reports, district targets at --fail-on
  junit      JUnit XML: a suite per file with problems, the 全区 rows, missing reports

Exit codes: 2 a file invalid, a duplicate report, or a usage error; else 1 a district
status at or above --fail-on (default red); else 0.
"""


def _table(picture: "DistrictPicture", index: "PlanIndex", files: Sequence["FileResult"],
           settings: Settings) -> None:
    from meilijiayuan.output.table.status import render_status

    render_status(make_console(settings), picture, index, settings, files)


def _json(picture: "DistrictPicture", index: "PlanIndex", files: Sequence["FileResult"],
          settings: Settings) -> None:
    from meilijiayuan.output.json.check import dumps
    from meilijiayuan.output.json.status import status_document

    emit(dumps(status_document(picture, index, settings.lang)) + "\n")


def _markdown(picture: "DistrictPicture", index: "PlanIndex", files: Sequence["FileResult"],
              settings: Settings) -> None:
    from meilijiayuan.output.markdown.status import render_status_markdown

    emit(render_status_markdown(picture, index, settings.lang))


def _github(picture: "DistrictPicture", index: "PlanIndex", files: Sequence["FileResult"],
            settings: Settings) -> None:
    from meilijiayuan.judge.picture import missing_report_findings
    from meilijiayuan.output.github import assessment_commands, finding_commands
    from meilijiayuan.output.table.findings import summary_line
    from meilijiayuan.output.table.status import files_with_findings

    lang = settings.lang
    lines = finding_commands([*picture.findings, *missing_report_findings(picture, index)], lang)
    lines += assessment_commands(picture.district, lang=lang, fail_on=settings.fail_on)
    lines.append(summary_line(files_with_findings(picture, files), lang))
    emit("".join(line + "\n" for line in lines))


def _junit(picture: "DistrictPicture", index: "PlanIndex", files: Sequence["FileResult"],
           settings: Settings) -> None:
    from meilijiayuan.judge.picture import missing_report_findings
    from meilijiayuan.output.junit import junit_xml
    from meilijiayuan.output.table.status import files_with_findings, word
    from meilijiayuan.report.validate import FileResult

    results = [r for r in files_with_findings(picture, files) if r.findings]
    missing = missing_report_findings(picture, index)
    if missing:
        results.append(FileResult(word("missing", settings.lang), "unknown", missing))
    emit(junit_xml(results, assessments=picture.district, lang=settings.lang,
                     fail_on=settings.fail_on, name="mljy status"))


Renderer = Callable[["DistrictPicture", "PlanIndex", Sequence["FileResult"], Settings], None]
"""Draws the picture in one format."""

# a new output format is one function and one entry here
FORMATS: dict[str, Renderer] = {
    "table": _table,
    "json": _json,
    "markdown": _markdown,
    "github": _github,
    "junit": _junit,
}


def register(app: typer.Typer) -> None:
    app.command("status", help=HELP)(status_command)


def status_command(
    directory: Annotated[str, typer.Argument(
        metavar="DIR", help="报表文件夹 folder of reports (walked for *.yaml / *.yml)")
    ] = DEFAULT_DIR,
    period: Annotated[str | None, typer.Option(
        "--period", metavar="YYYY-MM", show_default=False,
        help="汇总月份 the month to show (default: the latest month with reports)")] = None,
    plan: PlanOpt = None,
    fmt: Annotated[Format | None, typer.Option(
        "--format", "-f", show_default=False,
        help="table | json | markdown | github | junit (default: github inside GitHub Actions, "
             "else table)")] = None,
    fail_on: FailOnOpt = FailOn.red,
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
        plan=plan, lang=lang.value, format=auto_format(fmt.value if fmt else None),
        color=color.value, debug=debug, encoding=encoding, fail_on=fail_on.value,
        limits=Limits(max_bytes, max_depth, max_nodes),
    )
    run(settings, lambda: _status(directory, period, settings))


def _status(directory: str, period_text: str | None, settings: Settings) -> int:

    period = parse_period(period_text)

    from meilijiayuan.judge.picture import build_picture, latest_period
    from meilijiayuan.report.validate import load_plan
    from meilijiayuan.run.status import collect

    index, plan_findings = load_plan(settings.plan)
    if index is None:
        _failure(None, plan_findings, [], settings)
        return 2
    require_in_plan(index, period)
    submissions, files = collect([directory], index, encoding=settings.encoding,
                                 limits=settings.limits)
    period = period or latest_period(submissions)
    if period is None:  # nothing usable and no month asked for: nothing to draw
        _failure(index, [f for r in files for f in r.findings], files, settings)
        return 2
    picture = build_picture(index, submissions, period, files=files)
    FORMATS[settings.format](picture, index, files, settings)
    return exit_code(picture, settings.fail_on)


def exit_code(picture: "DistrictPicture", fail_on: str) -> int:
    """2 when a file is invalid or two reports clash; 1 when a 全区 status reaches
    ``--fail-on``; else 0."""
    from meilijiayuan.findings import has_errors
    from meilijiayuan.judge.records import fails

    if has_errors(picture.findings):
        return 2
    return 1 if any(fails(a.status.level, fail_on) for a in picture.district) else 0


def _failure(index: "PlanIndex | None", findings: list["Finding"],
             files: Sequence["FileResult"], settings: Settings) -> None:
    """No picture: the problems in the chosen format, and why nothing else is shown."""
    lang = settings.lang
    if settings.format == "json":
        from meilijiayuan.output.json.check import dumps
        from meilijiayuan.output.json.status import failure_document

        emit(dumps(failure_document(index, findings, lang)) + "\n")
        return
    if settings.format == "junit":
        from meilijiayuan.output.junit import junit_xml
        from meilijiayuan.report.validate import FileResult

        results = list(files) or [FileResult(f.file, "unknown", [f]) for f in findings]
        emit(junit_xml(results, lang=lang, name="mljy status"))
        return
    if settings.format == "github":
        from meilijiayuan.output.github import finding_commands

        emit("".join(line + "\n" for line in finding_commands(findings, lang)))
    else:
        from meilijiayuan.output.table.findings import render_findings
        from meilijiayuan.report.validate import FileResult

        results = list(files) or [FileResult(f.file, "plan", [f]) for f in findings]
        render_findings(make_console(settings), results, settings)
    if index is not None:
        text = ("no valid report to summarise; give --period to see who owes one"
                if lang == "en" else "没有可汇总的有效报表；可用 --period 指定月份查看未报送单位")
        sys.stderr.write(f"mljy: {text}\n")
