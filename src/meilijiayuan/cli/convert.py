"""``mljy convert``: a report from YAML to a workbook and back, losing nothing."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from meilijiayuan.cli.common import DebugOpt, LangOpt, PlanOpt, run
from meilijiayuan.settings import Lang, Settings

if TYPE_CHECKING:
    from meilijiayuan.plan.index import PlanIndex
    from meilijiayuan.report.validate import FileResult

def register(app: typer.Typer) -> None:
    app.command("convert", help="convert")(convert_command)


def convert_command(
    files: Annotated[list[str], typer.Argument(
        help="convert.files", show_default=False,
        metavar="FILE",
    )],
    to: Annotated[str, typer.Option(
        "--to", "-t", help="convert.to", metavar="yaml|xlsx",
        show_default=False,
    )],
    out: Annotated[str | None, typer.Option(
        "--out", "-o", metavar="DIR", help="convert.out",
        show_default=False,
    )] = None,
    force: Annotated[bool, typer.Option(
        "--force", help="convert.force",
    )] = False,
    plan: PlanOpt = None,
    lang: LangOpt = Lang.zh,
    debug: DebugOpt = False,
) -> None:
    """Entry point of ``mljy convert``."""
    settings = Settings(plan=plan, lang=lang.value, debug=debug)
    run(settings, lambda: _convert(settings, files, to, out, force))


def _convert(settings: Settings, files: list[str], to: str, out: str | None,
             force: bool) -> int:
    from pathlib import Path

    from meilijiayuan.cli.common import UsageProblem, load_index, print_problem
    from meilijiayuan.findings import Finding

    if to not in ("yaml", "xlsx"):
        raise UsageProblem("convert-to", to=to)
    if out is not None and Path(out).exists() and not Path(out).is_dir():
        raise UsageProblem("out-not-folder", out=out)
    index = load_index(settings)
    if index is None:
        return 2
    results = _validated(settings, index, files)
    if results is None:
        return 2
    suffix = ".yaml" if to == "yaml" else ".xlsx"
    planned: list[tuple[FileResult, Path]] = []
    for result in results:
        source = Path(result.file)
        folder = Path(out) if out is not None else source.parent
        planned.append((result, folder / (source.stem + suffix)))
    names = [str(p) for _, p in planned]
    for target in names:
        if names.count(target) > 1:
            raise UsageProblem("convert-same-target", target=target)
        if Path(target).exists() and not force:
            return print_problem(settings, Finding("output-exists", target,
                                                   args={"path": target}))
    for result, path in planned:
        _write(settings, index, result, path, to)
        sys.stderr.write(f"{result.file} → {path}\n")
    return 0


def _validated(settings: Settings, index: PlanIndex, files: list[str]
               ) -> list[FileResult] | None:
    """Each input validated as a report; ``None`` (after printing why) when any is not."""
    from meilijiayuan.cli.common import make_console
    from meilijiayuan.findings import Finding, has_errors
    from meilijiayuan.output.table.findings import render_findings
    from meilijiayuan.read.files import iter_yaml_files
    from meilijiayuan.report.validate import FileResult, validate_file

    results: list[FileResult] = []
    for path, problem in iter_yaml_files(files):
        if problem is not None:
            results.append(FileResult(path, "unknown", [problem]))
            continue
        result = validate_file(path, index, limits=settings.limits)
        if result.ok and result.kind != "report":
            result.findings.append(Finding("check-not-report", path))
        results.append(result)
    failed = [r for r in results if has_errors(r.findings) or r.report is None]
    shown = [r for r in results if r.findings]
    if shown:
        render_findings(make_console(settings, stderr=True), shown, settings)
    return None if failed else results


def _write(settings: Settings, index: PlanIndex, result: FileResult, target: object,
           to: str) -> None:
    from pathlib import Path

    from meilijiayuan.output.writer import write_file

    assert isinstance(target, Path) and result.report is not None
    report = result.report
    if to == "yaml":
        from meilijiayuan.messages.words import text
        from meilijiayuan.output.report_yaml import report_yaml

        header = text("run.converted-from", settings.lang, name=Path(result.file).name)
        write_file(target, report_yaml(report, header=header))
        return
    from meilijiayuan.output.template_xlsx import workbook_bytes

    org = result.unit or report.unit
    data = workbook_bytes(index, org, report.period, lang=settings.lang, report=report,
                          file_hint=target.name)
    write_file(target, data)
