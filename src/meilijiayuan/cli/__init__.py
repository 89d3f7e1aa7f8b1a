"""The ``mljy`` command line: a thin typer app.

Each command lives in its own module here and only parses options; the work is done by
the library modules, imported inside the command so ``mljy --help`` stays fast.
"""

from __future__ import annotations

from typing import Annotated

import typer

from meilijiayuan.cli import check, listing, report, schema, status, template, validate

app = typer.Typer(
    name="mljy",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

for module in (validate, check, listing, template, schema, status, report):
    module.register(app)


def _version(value: bool) -> None:
    if value:
        from meilijiayuan import __version__

        typer.echo(f"mljy {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="显示版本 show the version"
        ),
    ] = False,
) -> None:
    """mljy — 嘉定区“美丽家园”三年行动计划(2018-2020) 进度报表检查工具。

    Checks monthly progress reports against the plan (嘉府办发〔2018〕24号).
    Start with: mljy list --dept 单位, mljy template, mljy check 报表.yaml, mljy status.
    """


def main() -> None:
    """Console-script entry point."""
    import sys

    # A file name that is not UTF-8 (a GBK name unzipped on Linux) or a terminal that cannot
    # show Chinese must never turn into a crash: unencodable characters are escaped instead.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
    app()
