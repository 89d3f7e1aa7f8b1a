"""``mljy report [DIR] --html FILE``: the district picture as one self-contained HTML page.

The page is rendered from the status JSON document (the one ``mljy status --format json``
prints), so the meeting screen, the paper copy and the JSON show the same numbers.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from meilijiayuan.cli.common import (
    FAIL_ON_DEFAULT,
    DebugOpt,
    EncodingOpt,
    FailOnOpt,
    LangOpt,
    MaxBytesOpt,
    MaxDepthOpt,
    MaxNodesOpt,
    PlanOpt,
    fail_usage,
    run,
)
from meilijiayuan.cli.status import DEFAULT_DIR, exit_code, picture_for
from meilijiayuan.output.writer import err, write_file
from meilijiayuan.read.limits import DEFAULT_LIMITS, Limits
from meilijiayuan.settings import Lang, Settings

if TYPE_CHECKING:
    from meilijiayuan.judge.district import DistrictPicture

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
    fail_on: FailOnOpt = FAIL_ON_DEFAULT,
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
    from meilijiayuan.output.registry import render

    result = picture_for(directory, period_text, settings)
    if isinstance(result, int):  # nothing to show: no page is written
        return result
    page = io.StringIO()
    render("report", "html", result, settings, page)
    text = page.getvalue()
    try:
        write_file(Path(html), text)
    except OSError as exc:
        return fail_usage(settings, f"无法写入 {html}：{exc.strerror or exc}",
                          f"cannot write {html}: {exc.strerror or exc}")
    code = exit_code(result.picture, settings.fail_on)
    print_done(html, result.picture, len(text.encode("utf-8")), code, settings)
    return code


def print_done(html: str, picture: DistrictPicture, size: int, code: int,
                settings: Settings) -> None:
    """One line on stderr: what was written, how many problems the page lists, and — when
    the exit code is 1 — which statuses reached ``--fail-on``."""
    from meilijiayuan.findings import Severity
    from meilijiayuan.judge.records import fails

    errors = sum(1 for f in picture.findings if f.level is Severity.ERROR)
    warnings = len(picture.findings) - errors
    kb = f"{size / 1024:.0f} KB"
    gate = [a for a in picture.district if fails(a.status.level, settings.fail_on)]
    if settings.lang == "en":
        line = f"wrote {html} ({picture.period}, {kb}); {errors} errors, {warnings} warnings"
        if code == 1:
            line += (f"; {len(gate)} district targets at or above --fail-on "
                     f"{settings.fail_on}: {', '.join(a.id for a in gate)}")
    else:
        line = f"已生成 {html}（{picture.period}，{kb}）；{errors} 个错误，{warnings} 个警告"
        if code == 1:
            line += (f"；{len(gate)} 项全区目标达到 --fail-on {settings.fail_on}："
                     f"{'、'.join(a.id for a in gate)}")
    err(line + "\n")
