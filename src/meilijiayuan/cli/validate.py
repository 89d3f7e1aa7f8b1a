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
from meilijiayuan.messages.words import text
from meilijiayuan.output.writer import err, out
from meilijiayuan.read.limits import DEFAULT_LIMITS, Limits
from meilijiayuan.settings import Color, Lang, Settings

if TYPE_CHECKING:
    from meilijiayuan.plan.index import PlanIndex
    from meilijiayuan.report.validate import FileResult




def register(app: typer.Typer) -> None:
    app.command("validate", help="validate")(validate_command)


def validate_command(
    paths: Annotated[
        list[str] | None,
        typer.Argument(metavar="PATH", show_default=False,
                       help="validate.paths"),
    ] = None,
    changed_since: Annotated[
        str | None,
        typer.Option("--changed-since", metavar="REF", show_default=False,
                     help="validate.changed-since"),
    ] = None,
    plan: PlanOpt = None,
    fmt: Annotated[str | None, format_option("validate")] = None,
    lang: LangOpt = Lang.zh,
    color: ColorOpt = Color.auto,
    encoding: EncodingOpt = None,
    quiet: QuietOpt = False,
    verbose: Annotated[
        bool, typer.Option("-v", "--verbose", help="opt.verbose")
    ] = False,
    summary: SummaryOpt = False,
    max_bytes: MaxBytesOpt = DEFAULT_LIMITS.max_bytes,
    max_depth: MaxDepthOpt = DEFAULT_LIMITS.max_depth,
    max_nodes: MaxNodesOpt = DEFAULT_LIMITS.max_nodes,
    jobs: JobsOpt = None,
    fix: Annotated[
        bool, typer.Option("--fix", help="validate.fix")
    ] = False,
    diff: Annotated[
        bool, typer.Option("--diff", help="validate.diff")
    ] = False,
    debug: DebugOpt = False,
) -> None:
    """Validate files and folders (walked for *.yaml / *.yml); exit 0 valid, 2 invalid."""
    settings = Settings(
        plan=plan, lang=lang.value, format=auto_format(fmt),
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
        return fail_usage(settings, "quiet-and-verbose")
    if fix and diff:
        return fail_usage(settings, "fix-and-diff")
    if changed_since is not None:
        selected = _changed(changed_since, paths, settings)
        if selected is None:
            return 2
        if not selected:
            _nothing_changed(changed_since, settings)
            return 0
        paths = selected
    elif not paths:
        return fail_usage(settings, "nothing-to-validate")

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
                             jobs=settings.jobs, keep=settings.format == "junit" or fix or diff,
                             history=True)
    if (fix or diff) and _fixed(results, index, settings, write=fix):
        results = validate_paths(paths, index, encoding=settings.encoding,
                                 limits=settings.limits, jobs=settings.jobs,
                                 keep=settings.format == "junit", history=True)
    _emit(results, settings)
    return exit_code(results)


def _fixed(results: "list[FileResult]", index: "PlanIndex", settings: Settings,
           *, write: bool) -> int:
    """Show (and with ``write``, make) the spelling fixes; the number of files changed.

    The diff goes to stdout for the table format, to stderr for the machine formats (whose
    stdout stays one document); refusals and the count always go to stderr."""
    from pathlib import Path

    from meilijiayuan.messages.labels import label
    from meilijiayuan.output.writer import STDERR, STDOUT, write_file
    from meilijiayuan.run.fix import plan_fix, unified_diff

    lang = settings.lang
    stream = STDOUT if settings.format == "table" else STDERR
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
            err(label("fix-refused", lang).format(file=result.file, reason=reason) + "\n")
            continue
        if not plan.changed or plan.after is None:
            continue
        stream.write(unified_diff(result.file, raw, plan.after, settings.encoding))
        if write:
            write_file(Path(result.file), plan.after)
        changed += 1
    if changed:
        key = "fixed" if write else "would-fix"
        err(label(key, lang).format(n=changed) + "\n")
    stream.flush()
    return changed if write else 0


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
    stop = text("run.sentence-end", settings.lang)
    err(f"mljy: {message}{stop}{hint}\n")


def _nothing_changed(ref: str, settings: Settings) -> None:
    """One line for people; an empty but well-formed document for programs."""
    if settings.format in ("json", "junit"):
        _emit([], settings)
    elif not settings.quiet:
        out(text("run.nothing-changed", settings.lang, ref=ref) + "\n")


def _emit(results: "list[FileResult]", settings: Settings) -> None:
    from meilijiayuan.output.registry import render

    render("validate", settings.format, results, settings)
