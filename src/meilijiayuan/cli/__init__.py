"""The ``mljy`` command line: a thin typer app.

Each command lives in its own module here and only parses options; the work is done by
the library modules, imported inside the command so ``mljy --help`` stays fast.

``mljy CMD …`` builds an app holding only CMD: typer turns every registered command's
signature into click parameters on each run, and doing it for all seven commands was 5 % of
``mljy check`` on one report (benchmarks/README.md). The complete app (``app``: what
``mljy --help`` shows and what the tests drive) is built on first use.
"""

# No ``from __future__ import annotations`` in the modules that define commands: typer
# would compile every annotation string again at each start.

import importlib
import sys
from collections.abc import Iterable, Sequence
from typing import Annotated, Any

import typer
from typer.core import TyperCommand, TyperGroup

COMMANDS: dict[str, str] = {
    "validate": "validate",
    "check": "check",
    "list": "listing",
    "template": "template",
    "schema": "schema",
    "status": "status",
    "report": "report",
}
"""Each command's name → the module of this package that registers it, in help order."""


def _version(value: bool) -> None:
    if value:
        from meilijiayuan import __version__

        typer.echo(f"mljy {__version__}")
        raise typer.Exit()


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


HELP_HELP = "显示本帮助 show this help"
"""The help of ``-h``/``--help`` (click's own is English only)."""


def _in_both_languages(help_option: Any) -> Any:
    if help_option is not None:
        help_option.help = HELP_HELP
    return help_option


def _click_class(name: str) -> type[Exception]:
    """One of click's exception classes (typer vendors click in a private module)."""
    return next(c for c in typer.BadParameter.__mro__ if c.__name__ == name)


class MljyCommand(TyperCommand):
    """typer's command, with ``-h``/``--help`` described in both languages, and arguments
    in the usage line as people write them: ``REPORT...``, ``report|plan`` (typer's own
    ``{REPORT}`` and ``{kind}:<report|plan>`` read as template syntax)."""

    def get_help_option(self, ctx: Any) -> Any:
        return _in_both_languages(super().get_help_option(ctx))

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces: list[str] = super().collect_usage_pieces(ctx)
        arguments = [p for p in self.get_params(ctx) if type(p).__name__ == "TyperArgument"]
        shown = [_usage_word(p) for p in arguments]
        return pieces[: len(pieces) - len(shown)] + shown if shown else pieces


def _usage_word(param: Any) -> str:
    """An argument as the usage line shows it: ``REPORT...``, ``[PATH]...``, ``report|plan``."""
    choices = getattr(param.type, "choices", None)
    if choices:
        word = "|".join(str(getattr(c, "value", c)) for c in choices)
    else:
        word = str(param.metavar or (param.name or "").upper())
    if not param.required:
        word = f"[{word}]"
    return word + ("..." if param.nargs != 1 else "")


class MljyGroup(TyperGroup):
    """typer's command group, telling a wrong command line in the user's language.

    click would print its English ``Error: …`` and exit 2; here the same error is described
    by :mod:`meilijiayuan.cli.usage` in Chinese (or English with ``--lang en``), exit 2.
    Everything else — help, ``--version``, exit codes, the commands — is typer's.
    """

    def get_help_option(self, ctx: Any) -> Any:
        return _in_both_languages(super().get_help_option(ctx))

    def main(  # type: ignore[override]  # same parameters, typed as typer types them
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        if not standalone_mode:  # the caller handles errors itself
            return super().main(args, prog_name, complete_var, False, **extra)
        try:
            code = super().main(args, prog_name, complete_var, False, **extra)
        except _click_class("ClickException") as error:
            usage = isinstance(error, _click_class("UsageError"))
            if not usage or type(error).__name__ == "NoArgsIsHelpError":  # bare `mljy`: help
                error.show()  # type: ignore[attr-defined]
                sys.exit(getattr(error, "exit_code", 1))
            from meilijiayuan.cli.usage import describe, language

            lang = language(sys.argv[1:] if args is None else args)
            sys.stderr.write(describe(error, lang) + "\n")
            sys.exit(2)
        except typer.Abort:
            sys.stderr.write("mljy: 已中止 aborted\n")
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)


def build_app(modules: Iterable[str] = COMMANDS.values()) -> typer.Typer:
    """The typer app with the commands of ``modules`` (default: all of them)."""
    app = typer.Typer(
        name="mljy",
        cls=MljyGroup,
        no_args_is_help=True,
        add_completion=False,
        rich_markup_mode=None,
        pretty_exceptions_enable=False,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    for module in modules:
        importlib.import_module(f"meilijiayuan.cli.{module}").register(app)
    for command in app.registered_commands:
        if command.cls in (None, TyperCommand):  # typer's default class
            command.cls = MljyCommand
    app.callback()(_root)
    return app


_full: typer.Typer | None = None


def full_app() -> typer.Typer:
    """The app with every command, built once."""
    global _full
    if _full is None:
        _full = build_app()
    return _full


def __getattr__(name: str) -> typer.Typer:
    # ``from meilijiayuan.cli import app`` builds the complete app only when asked for
    if name == "app":
        return full_app()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def main() -> None:
    """Console-script entry point."""
    # A file name that is not UTF-8 (a GBK name unzipped on Linux) or a terminal that cannot
    # show Chinese must never turn into a crash: unencodable characters are escaped instead.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
    module = COMMANDS.get(sys.argv[1]) if len(sys.argv) > 1 else None
    # anything else (--help, --version, a misspelt command) goes to the complete app
    (build_app([module]) if module else full_app())()
