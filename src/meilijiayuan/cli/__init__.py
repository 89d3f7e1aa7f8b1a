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

import enum
import importlib
import sys
from collections.abc import Iterable, Sequence
from typing import Annotated, Any

import typer
from typer.core import TyperCommand, TyperGroup

from meilijiayuan.messages.words import text
from meilijiayuan.settings import language

COMMANDS: dict[str, str] = {
    "validate": "validate",
    "check": "check",
    "list": "listing",
    "template": "template",
    "schema": "schema",
    "status": "status",
    "report": "report",
    "convert": "convert",
}
"""Each command's name → the module of this package that registers it, in help order."""


def _version(value: bool) -> None:
    if value:
        from meilijiayuan import __version__
        from meilijiayuan.output.writer import out

        out(f"mljy {__version__}\n")
        raise typer.Exit()


def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="root.version")
    ] = False,
) -> None:
    # help="root" at registration: help texts are keys of meilijiayuan.messages.help
    pass


ROOT_OPTIONS = frozenset({"-h", "--help", "--version"})
"""The options of ``mljy`` itself (before the command); none takes a value."""


def hoist_lang(args: Sequence[str]) -> tuple[list[str], str | None]:
    """``args`` with a ``--lang`` given before the command moved after it, and the command.

    ``mljy --lang en status`` means ``mljy status --lang en``: ``--lang`` is an option of
    every command, and the README promises it works anywhere on the line. Without a command
    (``mljy --lang en --help``) it is dropped: the language was read already (:func:`language`).
    """
    before: list[str] = []
    lang: list[str] = []
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--lang" and i + 1 < len(args):
            lang += args[i:i + 2]
            i += 2
        elif arg.startswith("--lang="):
            lang.append(arg)
            i += 1
        elif arg.startswith("-") and arg != "--":
            before.append(arg)
            i += 1
        else:
            if arg == "--":
                return [*before, *lang, *args[i:]], None
            return [*before, arg, *lang, *args[i + 1:]], arg
    return before, None


class WrongCommandLine(Exception):
    """A command-line mistake click reports only in words; told apart by mljy's own type."""

    def __init__(self, ctx: Any) -> None:
        super().__init__()
        self.ctx = ctx


class UnknownCommand(WrongCommandLine):
    """``mljy chekc``: ``name`` is no command; ``known`` are the commands there are."""

    def __init__(self, name: str, known: Iterable[str], ctx: Any) -> None:
        super().__init__(ctx)
        self.name, self.known = name, tuple(known)


class ExtraArguments(WrongCommandLine):
    """Arguments left over once every parameter had its values (a path with a space)."""

    def __init__(self, extra: Iterable[str], ctx: Any) -> None:
        super().__init__(ctx)
        self.extra = tuple(extra)


_help_lang = "zh"
"""The language of help pages in this run (set by :meth:`MljyGroup.main` from the line)."""


def _translated(command: Any) -> Any:
    """``command`` with its help texts and its parameters' in this run's language.

    The texts are given as keys of :data:`meilijiayuan.messages.help.HELP` (``help="check"``)
    and looked up when a help page is drawn, so ``--lang`` may follow ``--help``. The key is
    kept, so a later page in another language (tests run many) finds it again.
    """
    from meilijiayuan.messages import help as texts

    for thing in (command, *getattr(command, "params", ())):
        key = thing.__dict__.setdefault("help_key", thing.help)
        if key in texts.HELP:
            thing.help = texts.text(key, _help_lang)
    return command


def _with_help(help_option: Any) -> Any:
    if help_option is not None:
        if "help_key" not in help_option.__dict__:
            help_option.help = "help"  # a key, as every help text (see _translated)
        if help_option.default is None:
            # a flag left out is False, not None: typer ≥ 0.29 coerces every other value
            # through a pydantic TypeAdapter, importing pydantic for `mljy CMD --help`
            help_option.default = False
    return help_option


_CLICK_ERROR: type[Exception] = next(
    c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException")
"""click's base exception (typer vendors click in a private module)."""
_USAGE_ERROR: type[Exception] = next(
    c for c in typer.BadParameter.__mro__ if c.__name__ == "UsageError")
"""click's exception for a wrong command line, the base of all the others."""


class _HelpPage:
    """The frame of a help page in the run's language: the usage line, the section headings
    and each option's default, environment variable, range and "required" (click writes them
    in English through gettext, which has no catalogue here)."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        words = {getattr(self, "options_metavar", None): "help-options-metavar",
                 getattr(self, "subcommand_metavar", None): "help-command-metavar"}
        pieces: list[str] = super().collect_usage_pieces(ctx)  # type: ignore[misc]
        return [text("usage." + words[p], _help_lang) if p in words else p for p in pieces]

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        pieces = self.collect_usage_pieces(ctx)
        word = text("usage.help-usage", _help_lang)
        formatter.write_usage(ctx.command_path, " ".join(pieces),
                              prefix=word if word.endswith("：") else word + " ")

    def format_options(self, ctx: Any, formatter: Any) -> None:
        rows: dict[str, list[tuple[str, str]]] = {"argument": [], "option": []}
        for param in self.get_params(ctx):  # type: ignore[attr-defined]
            record = param.get_help_record(ctx)
            kind = param.param_type_name
            if record is not None and kind in rows:
                # an argument as the usage line writes it (typer adds its Python type)
                name = _usage_word(param).strip("[]") if kind == "argument" else record[0]
                rows[kind].append((name, _help_column(param)))
        for kind, heading in (("argument", "help-arguments"), ("option", "help-options")):
            _section(formatter, heading, rows[kind])
        commands = getattr(self, "commands", None)
        if commands:
            listed = [(name, c) for name in self.list_commands(ctx)  # type: ignore[attr-defined]
                      if (c := commands.get(name)) is not None and not c.hidden]
            limit = formatter.width - 6 - max(len(name) for name, _ in listed)
            _section(formatter, "help-commands",
                     [(name, c.get_short_help_str(limit)) for name, c in listed])


def _section(formatter: Any, heading: str, rows: list[tuple[str, str]]) -> None:
    """A titled list, as click's ``formatter.section`` draws it but with the title's colon
    of the run's language (click always adds ``:``)."""
    if not rows:
        return
    formatter.write_paragraph()
    formatter.write(f"{'':>{formatter.current_indent}}{text('usage.' + heading, _help_lang)}\n")
    formatter.indent()
    try:
        formatter.write_dl(rows)
    finally:
        formatter.dedent()


def _help_column(param: Any) -> str:
    """A parameter's help text, then in brackets what click would add, in the run's words."""
    extra: list[str] = []
    envvar = getattr(param, "envvar", None)
    if envvar and getattr(param, "show_envvar", True):
        extra.append(text("usage.help-envvar", _help_lang, var=envvar))
    default = param.default
    if isinstance(default, enum.Enum):
        default = default.value
    if getattr(param, "show_default", None) is not False and default not in (None, False, ()) \
            and not getattr(param, "is_flag", False):
        extra.append(text("usage.help-default", _help_lang, value=default))
    low = getattr(param, "min", None)  # typer ≥ 0.29 keeps it on the parameter
    if low is None:
        low = getattr(getattr(param, "type", None), "min", None)
    if low is not None:
        extra.append(text("usage.help-at-least", _help_lang, min=low))
    if param.required:
        extra.append(text("usage.help-required", _help_lang))
    help_text = getattr(param, "help", None) or ""
    if not extra:
        return help_text
    sep = text("usage.help-separator", _help_lang)
    return f"{help_text}  [{sep.join(extra)}]"


class MljyCommand(_HelpPage, TyperCommand):
    """typer's command, with its help in the run's language, mistakes told by type, and
    arguments in the usage line as people write them: ``REPORT...``, ``report|plan``
    (typer's own ``{REPORT}`` and ``{kind}:<report|plan>`` read as template syntax)."""

    def get_help_option(self, ctx: Any) -> Any:
        return _with_help(super().get_help_option(ctx))

    def format_help(self, ctx: Any, formatter: Any) -> None:
        _translated(self)
        _translated(self.get_help_option(ctx))
        super().format_help(ctx, formatter)

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        allowed = ctx.allow_extra_args
        ctx.allow_extra_args = True  # the leftovers are ExtraArguments, not click's message
        try:
            rest: list[str] = super().parse_args(ctx, args)
        except _CLICK_ERROR as error:
            if getattr(error, "ctx", False) is None:  # the parser's errors come without one
                error.ctx = ctx  # type: ignore[attr-defined]
            raise
        finally:
            ctx.allow_extra_args = allowed
        if rest and not allowed and not ctx.resilient_parsing:
            raise ExtraArguments(rest, ctx)
        return rest

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces: list[str] = super().collect_usage_pieces(ctx)
        arguments = [p for p in self.get_params(ctx) if type(p).__name__ == "TyperArgument"]
        shown = [_usage_word(p) for p in arguments]
        return pieces[: len(pieces) - len(shown)] + shown if shown else pieces


def _usage_word(param: Any) -> str:
    """An argument as the usage line shows it: ``REPORT...``, ``[PATH]...``, ``report|plan``."""
    choices = _choices(param)
    if choices:
        word = "|".join(str(getattr(c, "value", c)) for c in choices)
    else:
        word = str(param.metavar or (param.name or "").upper())
    if not param.required:
        word = f"[{word}]"
    return word + ("..." if param.nargs != 1 else "")


def _choices(param: Any) -> list[Any] | None:
    """An argument's choices: click's ``type.choices``, or (typer 0.2x, whose arguments carry
    a ``type_descriptor`` instead of a click type) the members of its Enum annotation."""
    choices = getattr(getattr(param, "type", None), "choices", None)
    if choices:
        return list(choices)
    annotation = getattr(getattr(param, "type_descriptor", None), "annotation", None)
    for candidate in (annotation, *getattr(annotation, "__args__", ())):
        if isinstance(candidate, type) and issubclass(candidate, enum.Enum):
            return list(candidate)
    return None


class MljyGroup(_HelpPage, TyperGroup):
    """typer's command group, telling a wrong command line in the user's language.

    click would print its English ``Error: …`` and exit 2; here the same error is described
    by :mod:`meilijiayuan.cli.usage` in Chinese (or English with ``--lang en``), exit 2.
    Everything else — help, ``--version``, exit codes, the commands — is typer's.
    """

    def get_help_option(self, ctx: Any) -> Any:
        return _with_help(super().get_help_option(ctx))

    def format_help(self, ctx: Any, formatter: Any) -> None:
        for command in (self, *self.commands.values()):
            _translated(command)
        _translated(self.get_help_option(ctx))
        super().format_help(ctx, formatter)

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        name = args[0]
        if self.get_command(ctx, name) is None and not name.startswith("-") \
                and not ctx.resilient_parsing:
            raise UnknownCommand(name, self.commands, ctx)
        return super().resolve_command(ctx, args)

    def main(  # type: ignore[override]  # same parameters, typed as typer types them
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        global _help_lang
        given = list(sys.argv[1:] if args is None else args)
        _help_lang = language(given)
        args = hoist_lang(given)[0]
        if not standalone_mode:  # the caller handles errors itself
            return super().main(args, prog_name, complete_var, False, **extra)
        try:
            code = super().main(args, prog_name, complete_var, False, **extra)
        except (_CLICK_ERROR, WrongCommandLine) as error:
            if type(error).__name__ == "NoArgsIsHelpError" or not isinstance(
                    error, (_USAGE_ERROR, WrongCommandLine)):
                error.show()  # type: ignore[attr-defined]  # bare `mljy`: help; or not usage
                sys.exit(getattr(error, "exit_code", 1))
            from meilijiayuan.cli.usage import describe
            from meilijiayuan.output.writer import err

            err(describe(error, _help_lang, given) + "\n")
            sys.exit(2)
        except typer.Abort:
            from meilijiayuan.output.writer import err

            err(f"mljy: {text('usage.aborted', _help_lang)}\n")
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
    app.callback(help="root")(_root)
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
    # Everything mljy writes is UTF-8 whatever the locale (a Windows runner's is not), click's
    # help and usage errors included; a file name that is not UTF-8 (a GBK name unzipped on
    # Linux) is escaped instead of crashing (meilijiayuan.output.writer).
    from meilijiayuan.output.writer import utf8_std_streams

    utf8_std_streams()
    name = hoist_lang(sys.argv[1:])[1]
    module = COMMANDS.get(name) if name else None
    # anything else (--help, --version, a misspelt command) goes to the complete app
    (build_app([module]) if module else full_app())()
