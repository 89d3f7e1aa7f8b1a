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
    UsageProblem,
    auto_format,
    emit,
    fail_usage,
    make_console,
    parse_period,
    require_in_plan,
    run,
)
from meilijiayuan.read.limits import DEFAULT_LIMITS, Limits
from meilijiayuan.settings import Color, FailOn, Lang, Settings, StatusFormat

if TYPE_CHECKING:
    from meilijiayuan.findings import Finding
    from meilijiayuan.judge.district import DistrictPicture
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
  xlsx       the 台账 workbook (--out FILE.xlsx): a sheet per view and per organisation,
             numbers as numbers, status colours, frozen headers, filters, A4 print setup
  docx       the 通报 (--out FILE.docx): title, summary, the red and amber items with the
             organisations behind them, missing and late reports, the ranking; laid out
             as an official document (GB/T 9704), editable in Word and WPS

xlsx and docx need --out; the file is written whole or not at all (a temporary file,
then renamed) and replaces one of the same name (the 台账 is made again each month).
It is not written when the plan fails to load, a DIR does not exist or holds no report,
or no report at all was sent for the period; invalid reports among valid ones are left
out of every figure and named at the top of the file (and the exit code is 2).

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
    from meilijiayuan.judge.district import missing_report_findings
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
    from meilijiayuan.judge.district import missing_report_findings
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
    fmt: Annotated[StatusFormat | None, typer.Option(
        "--format", "-f", show_default=False,
        help="table | json | markdown | github | junit | xlsx | docx (default: github inside "
             "GitHub Actions, else table)")] = None,
    out: Annotated[str | None, typer.Option(
        "--out", metavar="FILE", show_default=False,
        help="输出文件 the file to write, for --format xlsx or docx (required for them)")
    ] = None,
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
    run(settings, lambda: _status(directory, period, settings, out))


def _status(directory: str, period_text: str | None, settings: Settings,
            out: str | None = None) -> int:

    period = parse_period(period_text)
    check_out(settings.format, out)

    from meilijiayuan.judge.district import build_picture, collect, latest_period
    from meilijiayuan.plan.load import load_plan

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
    if settings.format in OFFICE:
        return _office(picture, index, files, settings, out or "")
    FORMATS[settings.format](picture, index, files, settings)
    return exit_code(picture, settings.fail_on)


OFFICE = ("xlsx", "docx")
"""The formats written to a file (``--out``), never to standard output."""

_NOT_AN_INPUT = frozenset({"path-not-found", "no-input"})


def check_out(fmt: str, out: str | None) -> None:
    """A usage problem unless ``--out`` is given exactly for xlsx and docx, with that suffix."""
    if fmt in OFFICE and not out:
        raise UsageProblem(
            f"--format {fmt} 生成文件，须用 --out 指定，例如 --out {_EXAMPLE[fmt]}",
            f"--format {fmt} writes a file: give it with --out, e.g. --out {_EXAMPLE[fmt]}")
    if fmt not in OFFICE and out:
        raise UsageProblem(
            f"--out 只用于 --format xlsx 或 docx；{fmt} 格式写到标准输出（可用 > 重定向）",
            f"--out is for --format xlsx or docx only; {fmt} goes to standard output "
            "(redirect it with >)")
    if out and not out.lower().endswith(f".{fmt}"):
        raise UsageProblem(f"--format {fmt} 的文件名应以 .{fmt} 结尾：{out}",
                           f"the --format {fmt} file name must end in .{fmt}: {out}")


_EXAMPLE = {"xlsx": "台账.xlsx", "docx": "通报.docx"}


def _office(picture: "DistrictPicture", index: "PlanIndex", files: Sequence["FileResult"],
            settings: Settings, out: str) -> int:
    """Write the 台账 or the 通报 to ``out`` (atomically), or nothing when there is no
    picture worth a file: an input that does not exist or holds no report, or no report
    sent for the period."""
    from pathlib import Path

    from meilijiayuan.cli.report import print_done, print_findings, write_atomic
    from meilijiayuan.output.json.status import status_document

    lang = settings.lang
    absent = [f for f in picture.findings if f.code in _NOT_AN_INPUT]
    if absent or not picture.reports:
        print_findings(absent, settings)
        return fail_usage(settings, f"{picture.period} 没有可用的报表，未生成 {out}",
                          f"no usable report for {picture.period}; {out} not written")
    doc = status_document(picture, index, lang)
    if settings.format == "xlsx":
        from meilijiayuan.output.xlsx import render_xlsx

        data = render_xlsx(doc, lang)
    else:
        from meilijiayuan.output.docx import render_docx

        data = render_docx(doc, lang)
    try:
        write_atomic(Path(out), data)
    except OSError as exc:
        return fail_usage(settings, f"无法写入 {out}：{exc.strerror or exc}",
                          f"cannot write {out}: {exc.strerror or exc}")
    print_done(out, doc, len(data), settings)
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
