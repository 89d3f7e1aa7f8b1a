"""``mljy template``: a report skeleton for one organisation and month."""

# No ``from __future__ import annotations``: see meilijiayuan.cli.

import sys
from typing import TYPE_CHECKING, Annotated, Any

import typer

from meilijiayuan.cli.common import DebugOpt, LangOpt, PlanOpt, run, write_output
from meilijiayuan.settings import Lang, Settings

if TYPE_CHECKING:
    from meilijiayuan.periods import Month
    from meilijiayuan.plan.index import PlanIndex


def register(app: typer.Typer) -> None:
    app.command("template", help="template")(template_command)


def template_command(
    ctx: typer.Context,
    unit: Annotated[str | None, typer.Option(
        "--unit", "-u", metavar="NAME", help="template.unit", show_default=False,
    )] = None,
    period: Annotated[str | None, typer.Option(
        "--period", "-p", metavar="YYYY-MM", help="template.period", show_default=False,
    )] = None,
    fmt: Annotated[str, typer.Option(
        "--format", "-f", help="template.format", metavar="yaml|xlsx",
    )] = "yaml",
    every: Annotated[bool, typer.Option(
        "--all", help="template.all",
    )] = False,
    send_to: Annotated[str | None, typer.Option(
        "--send-to", metavar="NAME", help="template.send-to", show_default=False,
    )] = None,
    out: Annotated[str | None, typer.Option(
        "--out", "-o", metavar="PATH", help="opt.out", show_default=False,
    )] = None,
    force: Annotated[bool, typer.Option(
        "--force", help="template.force",
    )] = False,
    schema_url: Annotated[str | None, typer.Option(
        "--schema-url", metavar="URL",
        help="template.schema-url",
        show_default=False,
    )] = None,
    plan: PlanOpt = None,
    lang: LangOpt = Lang.zh,
    debug: DebugOpt = False,
) -> None:
    """Entry point of ``mljy template``."""
    # --unit (unless --all) and --period are required: said as click says a missing option
    for name, value in (("unit", unit if not every else ""), ("period", period)):
        if value is None:
            missing: Any = next(c for c in typer.BadParameter.__subclasses__()
                                if c.__name__ == "MissingParameter")
            param = next(p for p in ctx.command.params if p.name == name)
            raise missing(ctx=ctx, param=param)
    settings = Settings(plan=plan, lang=lang.value, debug=debug)
    run(settings, lambda: _template(settings, unit, period, out, force, schema_url, fmt, every,
                                    send_to))


def _template(settings: Settings, unit: str | None, period: str | None, out: str | None,
              force: bool, schema_url: str | None, fmt: str = "yaml", every: bool = False,
              send_to: str | None = None) -> int:
    from meilijiayuan.cli.common import UsageProblem, load_index, print_problem
    from meilijiayuan.findings import Finding
    from meilijiayuan.output.template import template_text
    from meilijiayuan.periods import Month
    from meilijiayuan.plan.listing import resolve

    if fmt not in ("yaml", "xlsx"):
        raise UsageProblem("template-format", fmt=fmt)
    if period is None:
        raise UsageProblem("template-period-missing")
    if every == (unit is not None):
        raise UsageProblem("template-unit-or-all")
    if fmt == "xlsx" and out is None:
        raise UsageProblem("template-xlsx-out")
    index = load_index(settings)
    if index is None:
        return 2
    if every:
        assert out is not None or fmt == "yaml"
        return _every(settings, index, period, out, force, fmt, send_to, schema_url)
    assert unit is not None
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
    if fmt == "xlsx":
        assert out is not None
        return _write_workbook(settings, index, found.name, month, out, force, send_to)
    text = template_text(index, found.name, month, lang=settings.lang, schema_url=schema_url)
    if out is None:
        from meilijiayuan.output.writer import out as write_out

        write_out(text)
        return 0
    return write_output(settings, out, text, force=force)


def _write_workbook(settings: Settings, index: "PlanIndex", org: str, month: "Month", out: str,
                    force: bool, send_to: str | None) -> int:
    """One organisation's template workbook into ``out``."""
    from pathlib import Path

    from meilijiayuan.output.template_xlsx import workbook_bytes

    def data() -> bytes:
        return workbook_bytes(index, org, month, lang=settings.lang, send_to=send_to,
                              file_hint=Path(out).name)

    return write_output(settings, out, data, force=force)


def _every(settings: Settings, index: "PlanIndex", period: str, out: str | None, force: bool,
           fmt: str, send_to: str | None, schema_url: str | None) -> int:
    """``--all``: one template per organisation owing a report for ``period``, into ``out``."""
    from pathlib import Path

    from meilijiayuan.cli.common import UsageProblem, parse_period, require_in_plan
    from meilijiayuan.plan.owed import owed_targets

    if out is None:
        raise UsageProblem("template-all-out")
    month = parse_period(period)
    assert month is not None
    require_in_plan(index, month)
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    suffix = ".xlsx" if fmt == "xlsx" else ".yaml"
    owing = list(owed_targets(index, month))
    targets = [folder / f"{org}{suffix}" for org in owing]
    existing = [str(p) for p in targets if p.exists()]
    if existing and not force:
        from meilijiayuan.cli.common import print_problem
        from meilijiayuan.findings import Finding

        return print_problem(settings, Finding("output-exists", existing[0],
                                               args={"path": existing[0]}))
    for org, path in zip(owing, targets, strict=True):
        if fmt == "xlsx":
            code = _write_workbook(settings, index, org, month, str(path), True, send_to)
        else:
            from meilijiayuan.output.template import template_text

            text = template_text(index, org, month, lang=settings.lang, schema_url=schema_url)
            code = write_output(settings, str(path), text, force=True)
        if code:
            return code
    from meilijiayuan.messages import words

    sys.stderr.write(words.text("run.wrote-templates", settings.lang, n=len(owing),
                                period=month, folder=folder) + "\n")
    return 0
