"""``mljy list``: the duties, key works and targets of an organisation, with its roles."""

# No ``from __future__ import annotations``: see meilijiayuan.cli.

from enum import StrEnum
from typing import Annotated

import typer

from meilijiayuan.cli.common import (
    ColorOpt,
    DebugOpt,
    LangOpt,
    PlanOpt,
    fail_usage,
    format_option,
    load_index,
    print_problem,
    run,
)
from meilijiayuan.settings import Color, Lang, Settings


class RoleChoice(StrEnum):
    lead = "lead"
    cooperating = "cooperating"
    implementing = "implementing"




def register(app: typer.Typer) -> None:
    app.command("list", help="list")(list_command)


def list_command(
    dept: Annotated[str | None, typer.Option(
        "--dept", "-d", metavar="NAME", help="list.dept",
        show_default=False,
    )] = None,
    role: Annotated[RoleChoice | None, typer.Option(
        "--role", help="list.role", show_default=False,
    )] = None,
    year: Annotated[int | None, typer.Option(
        "--year", metavar="YYYY", help="list.year",
        show_default=False,
    )] = None,
    measurable: Annotated[bool, typer.Option(
        "--measurable", help="list.measurable",
    )] = False,
    fmt: Annotated[str, format_option("list")] = "table",
    plan: PlanOpt = None,
    lang: LangOpt = Lang.zh,
    color: ColorOpt = Color.auto,
    debug: DebugOpt = False,
) -> None:
    """Entry point of ``mljy list``."""
    settings = Settings(plan=plan, lang=lang.value, format=fmt, color=color.value,
                        debug=debug)
    run(settings, lambda: _list(settings, dept, role.value if role else None, year, measurable))


def _list(settings: Settings, dept: str | None, role: str | None, year: int | None,
          measurable: bool) -> int:
    from meilijiayuan.plan.index import ROLES
    from meilijiayuan.plan.listing import Filters, Resolved, listing, resolve

    index = load_index(settings)
    if index is None:
        return 2
    if year is not None:
        first, last = index.meta.window.start.year, index.meta.window.end.year
        if not first <= year <= last:
            return fail_usage(settings, "year-outside-plan", year=year, first=first, last=last)
    query: Resolved | None = None
    if dept is not None:
        found = resolve(index, dept, option="--dept", lang=settings.lang)
        if not isinstance(found, Resolved):
            return print_problem(settings, found)
        query = found
    chosen = next((r for r in ROLES if r == role), None)
    result = listing(index, query, Filters(role=chosen, year=year, measurable=measurable))
    from meilijiayuan.output.registry import render

    render("list", settings.format, result, settings)
    return 0


# --- shared by list, template and schema ----------------------------------------------------
