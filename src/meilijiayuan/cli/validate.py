"""``mljy validate PATH…``: validation only, for CI and pre-commit."""

# No ``from __future__ import annotations``: see meilijiayuan.cli.

import sys
from enum import StrEnum
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
    emit,
    fail_usage,
    make_console,
    run,
)
from meilijiayuan.limits import DEFAULT_LIMITS, Limits
from meilijiayuan.settings import Color, Lang, Settings


class ValidateFormat(StrEnum):
    """validate's formats: those of findings (markdown is for check and status)."""

    table = "table"
    json = "json"
    github = "github"
    junit = "junit"

if TYPE_CHECKING:
    from meilijiayuan.plan import PlanIndex
    from meilijiayuan.validate import FileResult


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
    fmt: Annotated[
        ValidateFormat | None,
        typer.Option("--format", "-f", show_default=False,
                     help="table | json | github | junit (default: github inside GitHub Actions, "
                          "else table)"),
    ] = None,
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
    fix: Annotated[
        bool, typer.Option("--fix", help="写入可自动修正的写法问题（全角字符、繁体字、日期写法等；"
                           "从不改数字），并显示改动 write the spelling fixes (full-width "
                           "characters, traditional characters, date spellings; never a figure) "
                           "and show them as a diff")
    ] = False,
    diff: Annotated[
        bool, typer.Option("--diff", help="只显示 --fix 会做的改动，不写文件 show what --fix "
                           "would change as a diff, write nothing")
    ] = False,
    debug: DebugOpt = False,
) -> None:
    """Validate files and folders (walked for *.yaml / *.yml); exit 0 valid, 2 invalid."""
    settings = Settings(
        plan=plan, lang=lang.value, format=auto_format(fmt.value if fmt else None),
        color=color.value, debug=debug, encoding=encoding,
        limits=Limits(max_bytes, max_depth, max_nodes),
        quiet=quiet, verbose=verbose, summary=summary, jobs=jobs,
    )
    run(settings, lambda: _validate(paths or [], changed_since, settings, fix=fix, diff=diff))


def _validate(
    paths: list[str], changed_since: str | None, settings: Settings,
    *, fix: bool = False, diff: bool = False,
) -> int:
    if settings.quiet and settings.verbose:
        return fail_usage(settings, "-q 与 -v 不能同时使用", "-q and -v cannot be used together")
    if fix and diff:
        return fail_usage(settings, "--fix 与 --diff 不能同时使用",
                          "--fix and --diff cannot be used together")
    if settings.format == "markdown":
        return fail_usage(settings,
                          "validate 不支持 markdown 格式：请用 table、json、github 或 junit",
                          "validate has no markdown format: use table, json, github or junit")
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

    from meilijiayuan.validate import FileResult, exit_code, load_plan, validate_paths

    index, plan_findings = load_plan(settings.plan)
    if index is None:
        file = plan_findings[0].file if plan_findings else "plan"
        results = [FileResult(file, "plan", plan_findings)]
        _emit(results, settings)
        return 2
    results = validate_paths(paths, index, encoding=settings.encoding, limits=settings.limits,
                             jobs=settings.jobs, keep=settings.format == "junit" or fix or diff)
    if (fix or diff) and _fixed(results, index, settings, write=fix):
        results = validate_paths(paths, index, encoding=settings.encoding,
                                 limits=settings.limits, jobs=settings.jobs,
                                 keep=settings.format == "junit")
    _emit(results, settings)
    return exit_code(results)


def _fixed(results: "list[FileResult]", index: "PlanIndex", settings: Settings,
           *, write: bool) -> int:
    """Show (and with ``write``, make) the spelling fixes; the number of files changed.

    The diff goes to stdout for the table format, to stderr for the machine formats (whose
    stdout stays one document); refusals and the count always go to stderr."""
    from meilijiayuan.fix import plan_fix, unified_diff, write_atomic
    from meilijiayuan.render.labels import label

    lang = settings.lang
    out = sys.stdout if settings.format == "table" else sys.stderr
    changed = 0
    for result in results:
        if result.kind == "plan" or result.doc is None:
            continue
        try:
            with open(result.file, "rb") as handle:
                raw = handle.read()
        except OSError:
            continue
        plan = plan_fix(result.file, raw, result, index, encoding=settings.encoding,
                        limits=settings.limits)
        if plan.refused is not None:
            reason = label(plan.refused, lang)
            sys.stderr.write(label("fix-refused", lang).format(file=result.file, reason=reason)
                             + "\n")
            continue
        if not plan.changed or plan.after is None:
            continue
        out.write(unified_diff(result.file, raw, plan.after, settings.encoding))
        if write:
            write_atomic(result.file, plan.after)
        changed += 1
    if changed:
        key = "fixed" if write else "would-fix"
        sys.stderr.write(label(key, lang).format(n=changed) + "\n")
    out.flush()
    return changed if write else 0


def _changed(ref: str, paths: list[str], settings: Settings) -> list[str] | None:
    """The changed YAML files under ``paths`` plus the paths that do not exist (reported as
    not found); ``None`` after printing a git problem."""
    from pathlib import Path

    from meilijiayuan.changed import GitError, changed_files

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
        from meilijiayuan.render.github import workflow_command

        emit(workflow_command("error", f"{message}\n{hint}", title="mljy git") + "\n")
        return
    stop = ". " if settings.lang == "en" else "。"
    sys.stderr.write(f"mljy: {message}{stop}{hint}\n")


def _nothing_changed(ref: str, settings: Settings) -> None:
    """One line for people; an empty but well-formed document for programs."""
    if settings.format in ("json", "junit"):
        _emit([], settings)
    elif not settings.quiet:
        text = (f"no .yaml/.yml files changed since {ref}; nothing to validate"
                if settings.lang == "en" else f"自 {ref} 以来没有变更的 .yaml/.yml 文件，无需校验")
        emit(text + "\n")


def _emit(results: "list[FileResult]", settings: Settings) -> None:
    lang = settings.lang
    if settings.format == "json":
        from meilijiayuan.render.json_out import dumps, validation_document

        emit(dumps(validation_document(results, lang)) + "\n")
    elif settings.format == "junit":
        from meilijiayuan.render.junit import junit_xml

        emit(junit_xml(results, lang=lang, name="mljy validate"))
    elif settings.format == "github":
        from meilijiayuan.render.findings_table import summary_line
        from meilijiayuan.render.github import finding_commands

        findings = [f for r in results for f in r.findings]
        lines = finding_commands(findings, lang, quiet=settings.quiet)
        if not settings.quiet or any(not r.ok for r in results):
            lines.append(summary_line(results, lang))
        emit("".join(line + "\n" for line in lines))
    else:
        from meilijiayuan.render.findings_table import render_findings, summary_line, visible

        if not (settings.summary or settings.verbose or any(
                visible(r.findings, settings) for r in results)):
            # nothing to draw but the total line: no rich console, so a clean run never
            # imports rich (as render_findings would print it)
            if not settings.quiet or any(not r.ok for r in results):
                sys.stdout.write(summary_line(results, lang) + "\n")
            return
        render_findings(make_console(settings), results, settings)
