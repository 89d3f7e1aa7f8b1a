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
from meilijiayuan.read.limits import DEFAULT_LIMITS, Limits
from meilijiayuan.settings import Color, Lang, Settings

if TYPE_CHECKING:
    from meilijiayuan.judge.district import DistrictPicture, Submission
    from meilijiayuan.output.registry import StatusResult
    from meilijiayuan.periods import Month
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
status at or above --fail-on (default never); else 0.
"""


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
    fmt: Annotated[str | None, format_option("status")] = None,
    out: Annotated[str | None, typer.Option(
        "--out", metavar="FILE", show_default=False,
        help="输出文件 the file to write, for --format xlsx or docx (required for them)")
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

    from meilijiayuan.cli.report import print_done
    from meilijiayuan.output.writer import write_file

    assert out is not None  # check_out
    data = render_file("status", settings.format, result, settings)
    try:
        write_file(Path(out), data)
    except OSError as exc:
        return fail_usage(settings, f"无法写入 {out}：{exc.strerror or exc}",
                          f"cannot write {out}: {exc.strerror or exc}")
    print_done(out, result.picture, len(data), code, settings)
    return code


_EXAMPLE = {"xlsx": "台账.xlsx", "docx": "通报.docx"}


def check_out(fmt: str, out: str | None, to_file: bool) -> None:
    """A usage problem unless ``--out`` is given exactly for the file formats (xlsx, docx),
    with their suffix."""
    if to_file and not out:
        raise UsageProblem(
            f"--format {fmt} 生成文件，须用 --out 指定，例如 --out {_EXAMPLE.get(fmt, fmt)}",
            f"--format {fmt} writes a file: give it with --out, e.g. --out "
            f"{_EXAMPLE.get(fmt, fmt)}")
    if not to_file and out:
        raise UsageProblem(
            f"--out 只用于 --format xlsx 或 docx；{fmt} 格式写到标准输出（可用 > 重定向）",
            f"--out is for --format xlsx or docx only; {fmt} goes to standard output "
            "(redirect it with >)")
    if out and not out.lower().endswith(f".{fmt}"):
        raise UsageProblem(f"--format {fmt} 的文件名应以 .{fmt} 结尾：{out}",
                           f"the --format {fmt} file name must end in .{fmt}: {out}")


def picture_for(directory: str, period_text: str | None,
                settings: Settings) -> "StatusResult | int":
    """The picture of ``directory`` at ``--period`` (default: the latest month with reports),
    or the exit code (2) after saying on stderr why there is none.

    There is none without a plan, when ``directory`` does not exist, when it holds no
    usable report, or when the period has no usable report at all: nothing that could pass
    for a result is then written (docs/output.md).
    """
    from meilijiayuan.judge.district import build_picture, collect, latest_period
    from meilijiayuan.output.registry import StatusResult
    from meilijiayuan.plan.load import load_plan

    period = parse_period(period_text)
    index, plan_findings = load_plan(settings.plan)
    if index is None:
        return no_result(settings, plan_findings, "计划文件无法加载，未输出汇总",
                         "the plan did not load; nothing summarised")
    require_in_plan(index, period)
    submissions, files = collect([directory], index, encoding=settings.encoding,
                                 limits=settings.limits)
    findings = [f for r in files for f in r.findings]
    why = _nothing_to_show(directory, submissions, period, files)
    if why is not None:
        return no_result(settings, findings, *why)
    period = period or latest_period(submissions)
    assert period is not None  # a usable report exists (_nothing_to_show)
    picture = build_picture(index, submissions, period, files=files)
    return StatusResult(picture, index, files)


def _nothing_to_show(directory: str, submissions: "Sequence[Submission]",
                     period: "Month | None", files: "Sequence[FileResult]"
                     ) -> tuple[str, str] | None:
    """Why there is no picture to draw (zh, en), or ``None``."""
    from pathlib import Path

    if not Path(directory).exists():
        return (f"{directory} 不存在，未输出汇总",
                f"{directory} does not exist; nothing summarised")
    if not submissions:
        if any(f.code != "no-input" for r in files for f in r.findings):
            return (f"{directory} 中没有有效的报表，未输出汇总",
                    f"no valid report in {directory}; nothing summarised")
        return (f"{directory} 中没有报表，未输出汇总",
                f"no report in {directory}; nothing summarised")
    if period is not None and not any(s.period == period for s in submissions):
        return (f"{directory} 中没有 {period} 的有效报表，未输出汇总",
                f"no valid report for {period} in {directory}; nothing summarised")
    return None


def exit_code(picture: "DistrictPicture", fail_on: str) -> int:
    """2 when a file is invalid or two reports clash; 1 when a 全区 status reaches
    ``--fail-on``; else 0."""
    from meilijiayuan.findings import has_errors
    from meilijiayuan.judge.records import fails

    if has_errors(picture.findings):
        return 2
    return 1 if any(fails(a.status.level, fail_on) for a in picture.district) else 0
