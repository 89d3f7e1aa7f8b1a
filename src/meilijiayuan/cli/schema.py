"""``mljy schema report|plan``: JSON Schema for editors, generated from the models."""

# No ``from __future__ import annotations``: see meilijiayuan.cli.

from enum import StrEnum
from typing import Annotated

import typer

from meilijiayuan.cli.common import DebugOpt, LangOpt, PlanOpt, run
from meilijiayuan.settings import Lang, Settings


class SchemaKind(StrEnum):
    report = "report"
    plan = "plan"




def register(app: typer.Typer) -> None:
    app.command("schema", help="schema")(schema_command)


def schema_command(
    kind: Annotated[SchemaKind, typer.Argument(metavar="KIND", help="schema.kind")],
    out: Annotated[str | None, typer.Option(
        "--out", "-o", metavar="FILE", help="opt.out", show_default=False,
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
    from meilijiayuan.cli.common import write_output

    return write_output(settings, out, text, force=True)
