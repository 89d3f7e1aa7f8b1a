"""``mljy check REPORT…``: validate, then judge each report against the plan (序时进度).

Options → :func:`build_run` (validation, evaluation) → a renderer from :data:`FORMATS` → exit
code. Everything heavy is imported inside the command body.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from meilijiayuan.cli.common import (
    ColorOpt,
    DebugOpt,
    EncodingOpt,
    FailOnOpt,
    LangOpt,
    PlanOpt,
    auto_format,
    fail_usage,
    make_console,
    run,
)
from meilijiayuan.settings import Color, FailOn, Lang, Settings

if TYPE_CHECKING:
    from meilijiayuan.evaluate import CheckRun
    from meilijiayuan.models import Report
    from meilijiayuan.plan import PlanIndex
    from meilijiayuan.validate import FileResult


def _table(result: CheckRun, settings: Settings) -> None:
    from meilijiayuan.render.assessment_table import render_check

    render_check(make_console(settings), result, settings)


def _json(result: CheckRun, settings: Settings) -> None:
    from meilijiayuan.render.json_out import check_document, dumps

    typer.echo(dumps(check_document(result, settings.lang)))


def _markdown(result: CheckRun, settings: Settings) -> None:
    from meilijiayuan.render.markdown import render_markdown

    typer.echo(render_markdown(result, settings.lang), nl=False)


# a new output format is one function and one entry here
FORMATS: dict[str, Callable[[CheckRun, Settings], None]] = {
    "table": _table,
    "json": _json,
    "markdown": _markdown,
}


def _known_format(value: str | None) -> str | None:
    if value is not None and value not in FORMATS:
        raise typer.BadParameter(f"{value!r}: use one of {', '.join(FORMATS)}")
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
    debug: DebugOpt = False,
) -> None:
    """Validate and evaluate reports; exit 0 fine, 1 statuses at or above --fail-on, 2 invalid."""
    chosen = auto_format(fmt)
    settings = Settings(
        plan=plan, lang=lang.value, format=chosen if chosen in FORMATS else "table",
        color=color.value, debug=debug, encoding=encoding, fail_on=fail_on.value,
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
    from meilijiayuan.validate import load_plan

    index, plan_findings = load_plan(settings.plan)
    if index is None:
        from meilijiayuan.evaluate import CheckRun

        FORMATS[settings.format](CheckRun(findings=plan_findings), settings)
        return 2
    result = build_run(index, paths, settings, reports_dir=reports_dir, as_of=date,
                       previous=previous)
    FORMATS[settings.format](result, settings)
    return exit_code(result, settings.fail_on)


def exit_code(result: CheckRun, fail_on: str) -> int:
    """2 when an input is invalid; 1 when a unit's own status reaches ``--fail-on``; else 0.

    The 全区 rows shown with ``--reports`` are context and never fail a unit's check.
    """
    from meilijiayuan.assessment import fails
    from meilijiayuan.findings import has_errors

    if has_errors(result.findings) or any(not c.ok for c in result.reports):
        return 2
    for c in result.reports:
        assert c.evaluation is not None
        if any(fails(a.status.level, fail_on) for a in c.evaluation.assessments):
            return 1
    return 0


def build_run(index: PlanIndex, paths: list[str], settings: Settings, *,
              reports_dir: str | None = None, as_of: dt.date | None = None,
              previous: str | None = None) -> CheckRun:
    """Validate the inputs, gather --previous and --reports, evaluate every valid report."""
    from meilijiayuan.evaluate import (
        CheckedReport,
        CheckRun,
        evaluate_district,
        evaluate_report,
        latest_reports,
    )
    from meilijiayuan.findings import Finding
    from meilijiayuan.periods import Month
    from meilijiayuan.validate import iter_yaml_files, validate_file, validate_paths

    out = CheckRun()
    inputs: list[tuple[FileResult, CheckedReport]] = []
    seen: set[Path] = set()
    for path, problem in iter_yaml_files(paths):
        if problem is not None:
            out.reports.append(CheckedReport(path, [problem]))
            continue
        if Path(path).resolve() in seen:  # a file named and also inside a folder given
            continue
        seen.add(Path(path).resolve())
        res = validate_file(path, index, encoding=settings.encoding)
        if res.kind == "plan":
            res.findings.append(Finding("check-not-report", path))
        checked = CheckedReport(path, list(res.findings))
        out.reports.append(checked)
        if res.ok and res.report is not None and res.unit is not None:
            inputs.append((res, checked))
    earlier = _previous(index, previous, settings, out)
    pool: list[FileResult] = []
    if reports_dir is not None:
        dir_results = validate_paths([reports_dir], index, encoding=settings.encoding)
        pool = [r for r in dir_results if r.ok and r.report is not None and r.unit is not None]
        skipped = sum(1 for r in dir_results if r.kind != "plan" and not r.ok)
        if skipped:
            out.findings.append(Finding("reports-skipped", reports_dir,
                                        args={"path": reports_dir, "count": skipped}))
    matched_previous = False
    for res, checked in inputs:
        assert res.report is not None and res.unit is not None and res.doc is not None
        report, unit = res.report, res.unit
        month = Month.of(as_of) if as_of is not None else report.period
        prev = _pick_previous(earlier, unit, report, pool)
        if earlier is not None and prev is earlier[0]:
            matched_previous = True
        evaluation = evaluate_report(index, report, unit, month, previous=prev,
                                     locate=res.doc.pos, file=res.file)
        checked.evaluation = evaluation
        checked.findings.extend(evaluation.findings)
        checked.as_of_date = (as_of or report.period.last_day()).isoformat()
        if reports_dir is not None:
            others = [r.report for r in pool if r.report is not None
                      and not (r.unit == unit and r.report.period == report.period)]
            latest = latest_reports(index, [*others, report], report.period)
            shown = [a.id for a in evaluation.assessments if a.id in index.targets]
            checked.district = evaluate_district(index, latest, month, only=set(shown))
    if earlier is not None and not matched_previous:
        other, _ = earlier
        out.findings.append(Finding("previous-mismatch", previous or "", args={
            "other": other.unit, "other_period": str(other.period)}))
    return out


def _previous(index: PlanIndex, path: str | None, settings: Settings,
              out: CheckRun) -> tuple[Report, str] | None:
    """The --previous report and its organisation; an invalid one is an input error (exit 2)."""
    if path is None:
        return None
    from meilijiayuan.evaluate import CheckedReport
    from meilijiayuan.validate import validate_file

    res = validate_file(path, index, encoding=settings.encoding)
    if not res.ok or res.report is None or res.unit is None:
        out.reports.append(CheckedReport(path, list(res.findings)))
        return None
    return res.report, res.unit


def _pick_previous(earlier: tuple[Report, str] | None, unit: str, report: Report,
                   pool: list[FileResult]) -> Report | None:
    """--previous when it is this unit's and earlier, else this unit's last month from --reports."""
    if earlier is not None and earlier[1] == unit and earlier[0].period < report.period:
        return earlier[0]
    wanted = report.period.plus(-1)
    found = [r.report for r in pool if r.unit == unit and r.report is not None
             and r.report.period == wanted]
    if not found:
        return None
    return max(found, key=lambda r: r.submitted.isoformat() if r.submitted else "")
