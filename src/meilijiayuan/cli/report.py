"""``mljy report [DIR] --html FILE``: the district picture as one self-contained HTML page.

The page is rendered from the status JSON document (the one ``mljy status --format json``
prints), so the meeting screen, the paper copy and the JSON show the same numbers.
"""

# No ``from __future__ import annotations``: see meilijiayuan.cli.

import io
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
    run,
    write_output,
)
from meilijiayuan.cli.status import DEFAULT_DIR, exit_code, picture_for, print_done
from meilijiayuan.read.limits import DEFAULT_LIMITS, Limits
from meilijiayuan.settings import Lang, Settings

if TYPE_CHECKING:
    pass



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
    if write_output(settings, html, text, force=True):
        return 2
    code = exit_code(result.picture, settings.fail_on)
    print_done(html, result.picture, len(text.encode("utf-8")), code, settings)
    return code
