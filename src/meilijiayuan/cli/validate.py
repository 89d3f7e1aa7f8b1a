"""``mljy validate PATH…``: validation only, for CI and pre-commit."""

# No ``from __future__ import annotations``: see meilijiayuan.cli.

from typing import TYPE_CHECKING, Annotated

import typer

from meilijiayuan.cli.common import (
    ColorOpt,
    DebugOpt,
    EncodingOpt,
    JobsOpt,
    LangOpt,
    MaxBytesOpt,
    MaxDepthOpt,
    MaxNodesOpt,
    PlanOpt,
    QuietOpt,
    SummaryOpt,
    auto_format,
    fail_usage,
    format_option,
    run,
)
from meilijiayuan.output.writer import err, out
from meilijiayuan.read.limits import DEFAULT_LIMITS, Limits
from meilijiayuan.settings import Color, Lang, Settings

if TYPE_CHECKING:
    from meilijiayuan.report.validate import FileResult


HELP = """\
校验报表和计划文件（用于 CI 和 pre-commit）。Validate reports and plan files.

PATH… are files or folders (folders are walked for *.yaml / *.yml).

With --changed-since REF only the YAML files changed since REF are validated, under
PATH… (default: the whole repository): files added, copied, modified or renamed since
the merge base of REF and HEAD, committed or not, plus untracked files that .gitignore
does not exclude; deleted files are skipped. Nothing changed: one line, exit 0. Not in a
git repository, or REF unknown: one line, exit 2.

\b
Output (--format; default table, or github when GITHUB_ACTIONS=true):
  table    the errors and warnings, then a total line (a table on a console of 100
           columns or more, else one block per finding: FILE:LINE:COL, message, hint)
  json     the stable machine interface (every finding, always)
  github   one ::error / ::warning annotation per finding, then the total line
  junit    JUnit XML: a testsuite per file, a testcase per file and per report item

\b
How much is shown (table; -q also drops warning annotations from github):
  default     every error and warning, then the total line
  -q          errors only; the total line only when a file is invalid, so a clean
              run prints nothing
  -v          also one line per file that passed: ✓ FILE (report | plan)
  --summary   one line per file instead of the table: ✓/✗ FILE  N errors  M warnings,
              then the total line; with -q only the invalid files
  -q and -v together are a usage error.

Many files are shared out between processes, one per CPU, each taking at least 150
files (-j N at most N, -j 1 one process; also MLJY_JOBS; one under pre-commit, which
runs one hook per CPU itself). The output is the same either way.

Exit codes: 0 every file valid (warnings allowed); 2 a file invalid, a usage error or a
git error.
"""


def register(app: typer.Typer) -> None:
    app.command("validate", help=HELP)(validate_command)


def validate_command(
    paths: Annotated[
        list[str] | None,
        typer.Argument(metavar="PATH", show_default=False,
                       help="报表文件或文件夹 report files or folders"),
    ] = None,
    changed_since: Annotated[
        str | None,
        typer.Option("--changed-since", metavar="REF", show_default=False,
                     help="只校验自 REF 以来变更的 YAML 文件 only the YAML files changed since REF "
                          "(a commit or branch, e.g. origin/main)"),
    ] = None,
    plan: PlanOpt = None,
    fmt: Annotated[str | None, format_option("validate")] = None,
    lang: LangOpt = Lang.zh,
    color: ColorOpt = Color.auto,
    encoding: EncodingOpt = None,
    quiet: QuietOpt = False,
    verbose: Annotated[
        bool, typer.Option("-v", "--verbose", help="也列出通过的文件 list passing files too")
    ] = False,
    summary: SummaryOpt = False,
    max_bytes: MaxBytesOpt = DEFAULT_LIMITS.max_bytes,
    max_depth: MaxDepthOpt = DEFAULT_LIMITS.max_depth,
    max_nodes: MaxNodesOpt = DEFAULT_LIMITS.max_nodes,
    jobs: JobsOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Validate files and folders (walked for *.yaml / *.yml); exit 0 valid, 2 invalid."""
    settings = Settings(
        plan=plan, lang=lang.value, format=auto_format(fmt),
        color=color.value, debug=debug, encoding=encoding,
        limits=Limits(max_bytes, max_depth, max_nodes),
        quiet=quiet, verbose=verbose, summary=summary, jobs=jobs,
    )
    run(settings, lambda: _validate(paths or [], changed_since, settings))


def _validate(paths: list[str], changed_since: str | None, settings: Settings) -> int:
    if settings.quiet and settings.verbose:
        return fail_usage(settings, "-q 与 -v 不能同时使用", "-q and -v cannot be used together")
    if changed_since is not None:
        selected = _changed(changed_since, paths, settings)
        if selected is None:
            return 2
        if not selected:
            _nothing_changed(changed_since, settings)
            return 0
        paths = selected
    elif not paths:
        return fail_usage(settings, "请给出要校验的文件或文件夹，或使用 --changed-since REF",
                          "give the files or folders to validate, or --changed-since REF")

    from meilijiayuan.plan.load import load_plan
    from meilijiayuan.report.validate import FileResult, exit_code
    from meilijiayuan.run.files import validate_paths

    index, plan_findings = load_plan(settings.plan)
    if index is None:
        file = plan_findings[0].file if plan_findings else "plan"
        results = [FileResult(file, "plan", plan_findings)]
        _emit(results, settings)
        return 2
    results = validate_paths(paths, index, encoding=settings.encoding, limits=settings.limits,
                             jobs=settings.jobs, keep=settings.format == "junit")
    _emit(results, settings)
    return exit_code(results)


def _changed(ref: str, paths: list[str], settings: Settings) -> list[str] | None:
    """The changed YAML files under ``paths`` plus the paths that do not exist (reported as
    not found); ``None`` after printing a git problem."""
    from pathlib import Path

    from meilijiayuan.read.changed import GitError, changed_files

    try:
        files = changed_files(ref, paths)
    except GitError as exc:
        _git_problem(str(exc), settings)
        return None
    return [p for p in paths if not Path(p).exists()] + files


def _git_problem(detail: str, settings: Settings) -> None:
    """One line: an annotation under GitHub, else ``mljy: …`` on stderr."""
    from meilijiayuan.findings import Finding

    finding = Finding("git", "", args={"detail": detail})
    message, hint = finding.message(settings.lang), finding.hint(settings.lang)
    if settings.format == "github":
        from meilijiayuan.output.github import workflow_command

        out(workflow_command("error", f"{message}\n{hint}", title="mljy git") + "\n")
        return
    stop = ". " if settings.lang == "en" else "。"
    err(f"mljy: {message}{stop}{hint}\n")


def _nothing_changed(ref: str, settings: Settings) -> None:
    """One line for people; an empty but well-formed document for programs."""
    if settings.format in ("json", "junit"):
        _emit([], settings)
    elif not settings.quiet:
        text = (f"no .yaml/.yml files changed since {ref}; nothing to validate"
                if settings.lang == "en" else f"自 {ref} 以来没有变更的 .yaml/.yml 文件，无需校验")
        out(text + "\n")


def _emit(results: "list[FileResult]", settings: Settings) -> None:
    from meilijiayuan.output.registry import render

    render("validate", settings.format, results, settings)
