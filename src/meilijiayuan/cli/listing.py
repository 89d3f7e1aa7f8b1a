"""``mljy list``: the duties, key works and targets of an organisation, with its roles."""

from __future__ import annotations

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


HELP = """列出单位的职责（W/J）、重点工作（K）和目标，及其角色（牵头/配合/实施）。
List an organisation's duties, key works and targets, with its role in each.

名称可用别名（区绿容局 = 区绿化市容局）；街镇继承“各街镇”的职责，街道还继承“各街道”的。
给出单位组名（如 各街镇）时，列出计划写给该组本身的事项和组成员。
不给 --dept 时按计划顺序列出所有单位。"""


def register(app: typer.Typer) -> None:
    app.command("list", help=HELP)(list_command)


def list_command(
    dept: Annotated[str | None, typer.Option(
        "--dept", "-d", help="单位或单位组名称（可用别名）organisation or group name",
        show_default=False,
    )] = None,
    role: Annotated[RoleChoice | None, typer.Option(
        "--role", help="只列出该角色的事项 only items with this role", show_default=False,
    )] = None,
    year: Annotated[int | None, typer.Option(
        "--year", help="只列出时间窗口涉及该年的事项 only items whose window touches YYYY",
        show_default=False,
    )] = None,
    measurable: Annotated[bool, typer.Option(
        "--measurable", help="只列出有量化目标或节点目标的事项 only items with targets",
    )] = False,
    fmt: Annotated[str, format_option("list", auto=False)] = "table",
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
            return fail_usage(settings, f"--year {year} 不在计划期内（{first}–{last}）",
                              f"--year {year} is outside the plan ({first}–{last})")
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
