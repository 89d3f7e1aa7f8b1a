"""``mljy report [DIR] --html FILE``: the district picture as one self-contained HTML page.

The page is rendered from the status JSON document (the one ``mljy status --format json``
prints), so the meeting screen, the paper copy and the JSON show the same numbers.
"""

from __future__ import annotations

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

HELP = """\
生成全区进度看板（单个 HTML 文件）。Write the district dashboard as one HTML page.

Reads every report under DIR (default: data/reports) as `mljy status` does, and writes
FILE: the counts by status, the district targets, a chart per quantity and rate target
(the district figure by month against 序时进度 and the target, each with its numbers as
a table), the organisation × target matrix, the missing and late reports, the ranking of
streets and towns, and the validation problems.

The page is self-contained (styles, scripts and the status JSON document inside; no
network needed to view it), projects on a screen and prints on A4. Its numbers are the
status document's: `mljy status DIR --period P --format json` gives the same figures.

\b
Exit codes, as `mljy status`: 0 every report valid and no district status at or above
--fail-on; 1 valid, with such statuses; 2 a report or the plan failed to load or
validate, or a usage error. With invalid reports the page is still written (they are
listed in it); without a plan or without any usable report it is not.
"""


def register(app: typer.Typer) -> None:
    app.command("report", help=HELP)(report_command)


def report_command(
    html: Annotated[str, typer.Option(
        "--html", metavar="FILE", help="输出的 HTML 文件 the page to write",
        show_default=False)],
    directory: Annotated[str, typer.Argument(
        metavar="DIR", help="报表文件夹 folder of reports")] = DEFAULT_DIR,
    period: Annotated[str | None, typer.Option(
        "--period", metavar="YYYY-MM",
        help="汇总月份 the month to show (default: the latest month with reports)",
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

    from meilijiayuan.judge.picture import build_picture, latest_period
    from meilijiayuan.report.validate import load_plan
    from meilijiayuan.run.status import collect

    index, plan_findings = load_plan(settings.plan)
    if index is None:
        _print_findings(plan_findings, settings)
        return 2
    require_in_plan(index, period)
    submissions, files = collect([directory], index, encoding=settings.encoding,
                                        limits=settings.limits)
    period = period or latest_period(submissions)
    if period is None:
        _print_findings([f for r in files for f in r.findings], settings)
        return fail_usage(settings, f"{directory} 中没有可用的报表，未生成页面",
                          f"no usable report in {directory}; no page written")
    picture = build_picture(index, submissions, period, files=files)

    from meilijiayuan.output.html import render_html
    from meilijiayuan.output.json.status import status_document

    doc = status_document(picture, index, settings.lang)
    page = render_html(doc, settings.lang)
    try:
        write_atomic(Path(html), page)
    except OSError as exc:
        return fail_usage(settings, f"无法写入 {html}：{exc.strerror or exc}",
                          f"cannot write {html}: {exc.strerror or exc}")
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


def _print_findings(findings: list[Finding], settings: Settings) -> None:
    """Errors on stderr, one per line (the page lists them all; no page: this is all)."""
    from meilijiayuan.findings import Severity

    for f in findings:
        if f.level is Severity.ERROR:
            sys.stderr.write(f"{f.location()}: {f.message(settings.lang)}\n")


def _print_done(html: str, doc: dict[str, Any], size: int, settings: Settings) -> None:
    """One line on stderr: what was written, and how many problems the page lists."""
    errors, warnings = len(doc.get("errors") or []), len(doc.get("warnings") or [])
    kb = f"{size / 1024:.0f} KB"
    if settings.lang == "en":
        line = f"wrote {html} ({doc.get('period')}, {kb}); {errors} errors, {warnings} warnings"
    else:
        line = f"已生成 {html}（{doc.get('period')}，{kb}）；{errors} 个错误，{warnings} 个警告"
    sys.stderr.write(line + "\n")
