"""Command-line mistakes (a misspelt option, a missing file name, ``--lang fr``), explained.

The command line is parsed by click (inside typer), which explains a mistake in English:
``Error: No such option: --period (Possible options: --previous)``. mljy's users read
Chinese, so :class:`~meilijiayuan.cli.MljyGroup` catches the error and :func:`describe`
says the same thing in the run's language, in the shape of mljy's other usage problems::

    mljy: 没有 --period 这个选项；是不是 --previous？
      用法：mljy check [OPTIONS] REPORT...
      查看帮助：mljy check -h

The language comes from the command line itself (``--lang en`` / ``--lang=en``, else
``MLJY_LANG``), since the mistake may stop the options from being read. Exit code 2.

Every error is recognised by its type and its attributes, never by click's wording, so a
new typer cannot silently change what is recognised: click's ``NoSuchOption``
(``option_name``, ``possibilities``), ``MissingParameter`` and ``BadParameter``
(``param``: its names, choices, range and number type; the value typed is found on the
command line or in the parameter's environment variable), ``BadOptionUsage``
(``option_name``: the option needs values, or is a switch given one), and mljy's own
:class:`~meilijiayuan.cli.UnknownCommand` and :class:`~meilijiayuan.cli.ExtraArguments`
(raised where click would word them). Anything else is still shown, framed in the run's
language, with click's own detail. The words are in :mod:`meilijiayuan.messages.usage`.

Imported only when the command line is wrong: a correct run never loads this module.
"""

import difflib
import os
from collections.abc import Iterable, Mapping, Sequence
from enum import Enum
from typing import Any

import typer

from meilijiayuan.cli import ExtraArguments, UnknownCommand
from meilijiayuan.messages.words import table, text


def _click(name: str) -> type[Exception]:
    """One of click's exception classes (typer vendors click in a private module)."""
    module = __import__(typer.BadParameter.__module__, fromlist=[name])
    found: type[Exception] = getattr(module, name)
    return found


def describe(error: Any, lang: str, args: Sequence[str] = (),
             environ: Mapping[str, str] = os.environ) -> str:
    """The lines mljy prints for the usage ``error`` (without the final newline).

    ``args`` is the command line as typed (where a refused value is found).
    """
    lines = [f"mljy: {message(error, lang, args, environ)}"]
    ctx = getattr(error, "ctx", None)
    if ctx is not None:
        # the usage line as the help page draws it, without its "用法：" / "Usage:"
        usage = ctx.get_usage().removeprefix(text("usage.help-usage", lang)).lstrip()
        lines.append(text("usage.usage", lang, usage=usage))
        if ctx.command.get_help_option(ctx) is not None:
            command = f"{ctx.command_path} {ctx.help_option_names[0]}"
            lines.append(text("usage.help", lang, command=command))
    return "\n".join(lines)


def message(error: Any, lang: str, args: Sequence[str] = (),
            environ: Mapping[str, str] = os.environ) -> str:
    """What is wrong with the command line, in ``lang``; the most specific description."""
    param = getattr(error, "param", None)
    if isinstance(error, UnknownCommand):
        return _unknown_command(error.name, error.known, lang)
    if isinstance(error, ExtraArguments):
        return text("usage.extra", lang, extra=" ".join(error.extra))
    if isinstance(error, _click("NoSuchOption")):
        return _no_such_option(error.option_name, error.possibilities or (), lang)  # type: ignore[attr-defined]
    if isinstance(error, _click("MissingParameter")) and param is not None:
        return _missing(param, lang)
    if isinstance(error, _click("BadParameter")) and param is not None:
        return _bad_value(param, error, lang, args, environ)
    if isinstance(error, _click("BadOptionUsage")):
        option = _option(getattr(error, "ctx", None), error.option_name)  # type: ignore[attr-defined]
        if option is not None:
            return _option_usage(option, error.option_name, lang)  # type: ignore[attr-defined]
    return text("usage.other", lang, detail=error.format_message())


def _listed(names: Iterable[str], lang: str, joiner: str = "and") -> str:
    return text(f"usage.{joiner}", lang).join(names)


def _no_such_option(name: str, possibilities: Iterable[str], lang: str) -> str:
    words = text("usage.no-option", lang, name=name)
    options = sorted(possibilities)
    if options:
        words += text("usage.did-you-mean", lang, names=_listed(options, lang, "or"))
    return words


def _unknown_command(name: str, known: Sequence[str], lang: str) -> str:
    words = text("usage.no-command", lang, name=name)
    close = difflib.get_close_matches(name, known)
    if close:
        words += text("usage.did-you-mean", lang, names=_listed(close, lang, "or"))
    elif known:
        words += text("usage.commands", lang, names=_listed(known, lang))
    return words


def _missing(param: Any, lang: str) -> str:
    name = _name(param)
    meaning = _meaning(param, lang)
    kind = "option" if getattr(param, "param_type_name", "") == "option" else "argument"
    if meaning:
        return text(f"usage.missing-{kind}-is", lang, name=name, meaning=meaning)
    return text(f"usage.missing-{kind}", lang, name=name)


def _meaning(param: Any, lang: str) -> str:
    """What the parameter is: its help text, given as a key of the help table."""
    key = param.__dict__.get("help_key", param.help)
    help_table = table("help")
    return text(f"help.{key}", lang) if key in help_table else ""


def _option(ctx: Any, name: str) -> Any:
    """The option of the context's command called ``name`` (None when there is none)."""
    command = getattr(ctx, "command", None)
    for param in getattr(command, "params", ()):
        if name in getattr(param, "opts", ()) or name in getattr(param, "secondary_opts", ()):
            return param
    return None


def _option_usage(option: Any, name: str, lang: str) -> str:
    """An option given without its values, or a switch given a value."""
    if getattr(option, "is_flag", False) or getattr(option, "count", False):
        return text("usage.is-switch", lang, name=name)
    count = getattr(option, "nargs", 1)
    if count > 1:
        return text("usage.needs-values", lang, name=name, count=count)
    return text("usage.needs-value", lang, name=name)


def _bad_value(param: Any, error: Any, lang: str, args: Sequence[str],
               environ: Mapping[str, str]) -> str:
    name = _name(param)
    value = _typed(param, args, environ)
    given = text("usage.given", lang, value=value) if value is not None else ""
    choices = getattr(error, "choices", None) or _choices(param)
    if choices:
        shown = [str(c.value if isinstance(c, Enum) else c) for c in choices]
        return text("usage.one-of", lang, name=name, choices=_listed(shown, lang)) + given
    kind, low, high = _number(param)
    if kind is None:
        return text("usage.invalid", lang, name=name, detail=getattr(error, "message", ""))
    number = text(f"usage.{kind}", lang)
    if low is not None and high is not None:
        words = text("usage.between", lang, name=name, number=number, low=low, high=high)
    elif low is not None:
        words = text("usage.at-least", lang, name=name, number=number, low=low)
    elif high is not None:
        words = text("usage.at-most", lang, name=name, number=number, high=high)
    else:
        words = text("usage.a-number", lang, name=name, number=number)
    return words + given


def _choices(param: Any) -> Sequence[Any]:
    """The values the parameter accepts (empty when any value of its type will do)."""
    choices = getattr(getattr(param, "type", None), "choices", None)  # typer < 0.29: click's
    if choices is None:
        choices = getattr(getattr(param, "type_descriptor", None), "choices", None)
    return tuple(choices or ())


def _number(param: Any) -> tuple[str | None, Any, Any]:
    """(``integer`` | ``number`` | None, lowest, highest) the parameter accepts."""
    descriptor = getattr(param, "type_descriptor", None)  # typer ≥ 0.29
    if descriptor is not None:
        annotation = descriptor.annotation
        info = descriptor.parameter_info
        kind = "integer" if annotation is int else "number" if annotation is float else None
        return kind, info.min, info.max
    click_type = getattr(param, "type", None)  # typer < 0.29: click's INT, FLOAT, IntRange…
    type_name = str(getattr(click_type, "name", ""))
    kind = "integer" if "int" in type_name else "number" if "float" in type_name else None
    return kind, getattr(click_type, "min", None), getattr(click_type, "max", None)


def _typed(param: Any, args: Sequence[str], environ: Mapping[str, str]) -> str | None:
    """The value given to the option ``param`` (the last one on the line, else its
    environment variable's), as typed; None when it cannot be found."""
    value = None
    names = [o for o in (*getattr(param, "opts", ()), *getattr(param, "secondary_opts", ()))
             if o.startswith("-")]
    for i, arg in enumerate(args):
        if arg == "--":
            break
        for option in names:
            if arg == option and i + 1 < len(args):
                value = args[i + 1]
            elif option.startswith("--") and arg.startswith(option + "="):
                value = arg[len(option) + 1:]
            elif not option.startswith("--") and arg.startswith(option) and arg != option:
                value = arg[len(option):]  # -j1.5
    if value is None and names:
        envvars = getattr(param, "envvar", None) or ()
        for var in [envvars] if isinstance(envvars, str) else envvars:
            if environ.get(var):
                value = environ[var]
    return value


def _name(param: Any) -> str:
    """``--jobs / -j`` for an option, ``REPORT`` for an argument."""
    opts = [o for o in getattr(param, "opts", ()) if o.startswith("-")]
    if opts:
        return " / ".join(opts)
    return str(getattr(param, "metavar", None) or getattr(param, "human_readable_name", None)
               or str(param.name).upper())
