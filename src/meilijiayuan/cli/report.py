"""``mljy report [DIR] --html FILE``: the district picture as one self-contained HTML page.

The page is rendered from the status JSON document (the one ``mljy status --format json``
prints), so the meeting screen, the paper copy and the JSON show the same numbers.
"""

# No ``from __future__ import annotations``: see meilijiayuan.cli.

import contextlib
import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from meilijiayuan.cli.common import (
    DebugOpt,
    EncodingOpt,
    FailOnOpt,
    LangOpt,
    MaxBytesOpt,
    MaxDepthOpt,
    MaxNodesOpt,
    PlanOpt,
    fail_usage,
    parse_period,
    require_in_plan,
    run,
)
from meilijiayuan.cli.status import DEFAULT_DIR, exit_code
from meilijiayuan.read.limits import DEFAULT_LIMITS, Limits
from meilijiayuan.settings import FailOn, Lang, Settings

if TYPE_CHECKING:
    from meilijiayuan.findings import Finding



def register(app: typer.Typer) -> None:
    app.command("report", help="report")(report_command)


def report_command(
    html: Annotated[str, typer.Option(
        "--html", metavar="FILE", help="report.html",
        show_default=False)],
    directory: Annotated[str, typer.Argument(
        metavar="DIR", help="report.dir")] = DEFAULT_DIR,
    period: Annotated[str | None, typer.Option(
        "--period", metavar="YYYY-MM",
        help="opt.period",
        show_default=False)] = None,
    plan: PlanOpt = None,
    fail_on: FailOnOpt = FailOn.red,
    lang: LangOpt = Lang.zh,
    encoding: EncodingOpt = None,
    max_bytes: MaxBytesOpt = DEFAULT_LIMITS.max_bytes,
    max_depth: MaxDepthOpt = DEFAULT_LIMITS.max_depth,
    max_nodes: MaxNodesOpt = DEFAULT_LIMITS.max_nodes,
    debug: DebugOpt = False,
) -> None:
    """Write the dashboard page; exit 0 fine, 1 statuses at or above --fail-on, 2 invalid."""
    settings = Settings(plan=plan, lang=lang.value, debug=debug, encoding=encoding,
                        fail_on=fail_on.value, limits=Limits(max_bytes, max_depth, max_nodes))
    run(settings, lambda: _report(directory, html, period, settings))


def _report(directory: str, html: str, period_text: str | None, settings: Settings) -> int:

    period = parse_period(period_text)

    from meilijiayuan.judge import district as rollup
    from meilijiayuan.report.validate import load_plan

    index, plan_findings = load_plan(settings.plan)
    if index is None:
        _print_findings(plan_findings, settings)
        return 2
    require_in_plan(index, period)
    submissions, files = rollup.collect([directory], index, encoding=settings.encoding,
                                        limits=settings.limits)
    period = period or rollup.latest_period(submissions)
    if period is None:
        _print_findings([f for r in files for f in r.findings], settings)
        return fail_usage(settings, "no-usable-report", directory=directory)
    picture = rollup.build_picture(index, submissions, period, files=files)

    from meilijiayuan.output.html import render_html
    from meilijiayuan.output.json.status import status_document

    doc = status_document(picture, index, settings.lang)
    page = render_html(doc, settings.lang)
    try:
        write_atomic(Path(html), page)
    except OSError as exc:
        return fail_usage(settings, "cannot-write", path=html, reason=exc.strerror or exc)
    _print_done(html, doc, len(page.encode("utf-8")), settings)
    return exit_code(picture, settings.fail_on)


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` through a temporary file in the same folder and
    ``os.replace``, so a reader never sees a half-written page."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes it private; the page is to share
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _print_findings(findings: "list[Finding]", settings: Settings) -> None:
    """Errors on stderr, one per line (the page lists them all; no page: this is all)."""
    from meilijiayuan.findings import Severity

    for f in findings:
        if f.level is Severity.ERROR:
            sys.stderr.write(f"{f.location()}: {f.message(settings.lang)}\n")


def _print_done(html: str, doc: dict[str, Any], size: int, settings: Settings) -> None:
    """One line on stderr: what was written, and how many problems the page lists."""
    errors, warnings = len(doc.get("errors") or []), len(doc.get("warnings") or [])
    kb = f"{size / 1024:.0f} KB"
    from meilijiayuan.messages.words import text

    line = text("run.wrote-page", settings.lang, path=html, period=doc.get("period"), size=kb,
                errors=errors, warnings=warnings)
    sys.stderr.write(line + "\n")
