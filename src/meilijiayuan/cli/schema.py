"""``mljy schema report|plan``: JSON Schema for editors, generated from the models."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from meilijiayuan.cli.common import DebugOpt, LangOpt, PlanOpt, run
from meilijiayuan.settings import Lang, Settings


class SchemaKind(StrEnum):
    report = "report"
    plan = "plan"


HELP = """输出 JSON Schema（draft 2020-12），供编辑器补全和检查报表。
Print the JSON Schema (draft 2020-12) of a report or of the plan file, for editors.

report 的 schema 由计划生成：unit 只能是计划中的单位名称或别名，items 的键只能是计划中的
事项和目标编号，每个目标只接受其类型对应的字段。--out 写入文件（总是覆盖：这是生成的文件）。"""


def register(app: typer.Typer) -> None:
    app.command("schema", help=HELP)(schema_command)


def schema_command(
    kind: Annotated[SchemaKind, typer.Argument(help="report | plan")],
    out: Annotated[str | None, typer.Option(
        "--out", "-o", help="写入此文件（默认输出到屏幕）write to this file", show_default=False,
    )] = None,
    plan: PlanOpt = None,
    lang: LangOpt = Lang.zh,
    debug: DebugOpt = False,
) -> None:
    """Entry point of ``mljy schema``."""
    settings = Settings(plan=plan, lang=lang.value, debug=debug)
    run(settings, lambda: _schema(settings, kind, out))


def _schema(settings: Settings, kind: SchemaKind, out: str | None) -> int:
    from meilijiayuan.output.schema import dumps, plan_schema, report_schema

    if kind is SchemaKind.plan:
        text = dumps(plan_schema())
    else:
        from meilijiayuan.cli.common import load_index

        index = load_index(settings)
        if index is None:
            return 2
        text = dumps(report_schema(index))
    if out is None:
        from meilijiayuan.output.writer import out as write_out

        write_out(text)
        return 0
    from meilijiayuan.cli.template import write_output

    return write_output(settings, out, text, force=True)
