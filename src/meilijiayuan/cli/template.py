"""``mljy template``: a report skeleton for one organisation and month."""

# No ``from __future__ import annotations``: see meilijiayuan.cli.

import sys
from typing import Annotated

import typer

from meilijiayuan.cli.common import DebugOpt, LangOpt, PlanOpt, run
from meilijiayuan.settings import Lang, Settings


def register(app: typer.Typer) -> None:
    app.command("template", help="template")(template_command)


def template_command(
    unit: Annotated[str, typer.Option(
        "--unit", "-u", help="template.unit", show_default=False,
    )],
    period: Annotated[str, typer.Option(
        "--period", "-p", help="template.period", show_default=False,
    )],
    out: Annotated[str | None, typer.Option(
        "--out", "-o", help="opt.out", show_default=False,
    )] = None,
    force: Annotated[bool, typer.Option(
        "--force", help="template.force",
    )] = False,
    schema_url: Annotated[str | None, typer.Option(
        "--schema-url",
        help="template.schema-url",
        show_default=False,
    )] = None,
    plan: PlanOpt = None,
    lang: LangOpt = Lang.zh,
    debug: DebugOpt = False,
) -> None:
    """Entry point of ``mljy template``."""
    settings = Settings(plan=plan, lang=lang.value, debug=debug)
    run(settings, lambda: _template(settings, unit, period, out, force, schema_url))


def _template(settings: Settings, unit: str, period: str, out: str | None, force: bool,
              schema_url: str | None) -> int:
    from meilijiayuan.cli.common import load_index, print_problem
    from meilijiayuan.findings import Finding
    from meilijiayuan.output.template import template_text
    from meilijiayuan.periods import Month
    from meilijiayuan.plan.listing import resolve

    index = load_index(settings)
    if index is None:
        return 2
    found = resolve(index, unit, option="--unit", lang=settings.lang)
    if isinstance(found, Finding):
        return print_problem(settings, found)
    if found.is_group:
        members = index.expand([found.name])
        return print_problem(settings, Finding("group-as-unit", "--unit", args={
            "name": unit, "example": members[0] if members else "?"}))
    try:
        month = Month.parse(period)
    except ValueError:
        return print_problem(settings, Finding("period-format", "--period", args={"text": period}))
    window = index.meta.window
    if not window.start <= month <= window.end:
        return print_problem(settings, Finding("period-outside-plan", "--period", args={
            "period": period, "start": str(window.start), "end": str(window.end)}))
    text = template_text(index, found.name, month, lang=settings.lang, schema_url=schema_url)
    if out is None:
        sys.stdout.write(text)
        return 0
    return write_output(settings, out, text, force=force)


def write_output(settings: Settings, out: str, text: str, *, force: bool) -> int:
    """Write ``text`` to ``out`` atomically; refuse (2) an existing file without ``force``."""
    from pathlib import Path

    from meilijiayuan.cli.common import fail_usage, print_problem
    from meilijiayuan.findings import Finding
    from meilijiayuan.output.template import write_atomic

    path = Path(out)
    if not path.parent.is_dir():
        missing = Finding("path-not-found", out, args={"path": str(path.parent)})
        return print_problem(settings, missing)
    if path.is_dir():
        return fail_usage(settings, "out-is-folder", out=out)
    try:
        write_atomic(path, text, force=force)
    except FileExistsError:
        return print_problem(settings, Finding("output-exists", out, args={"path": out}))
    return 0
