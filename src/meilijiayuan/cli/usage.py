"""Command-line mistakes (a misspelt option, a missing file name, ``--lang fr``) in Chinese.

The command line is parsed by click (inside typer), which explains a mistake in English:
``Error: No such option: --period (Possible options: --previous)``. mljy's users read
Chinese, so :class:`MljyGroup` catches click's usage errors and :func:`describe` says the
same thing in the run's language, in the shape of mljy's other usage problems::

    mljy: 没有 --period 这个选项；是不是 --previous？
      用法：mljy check [OPTIONS] REPORT...
      查看帮助：mljy check -h

The language comes from the command line itself (``--lang en`` / ``--lang=en``, else
``MLJY_LANG``), since the mistake may stop the options from being read. Exit code 2, as
before. What click raises is recognised by its class and attributes (the option's names,
its choices, its range); only the few errors click raises as a bare message are recognised
by its wording, and anything unrecognised is still shown, framed in the run's language,
with click's own English detail.

Imported only when the command line is wrong: a correct run never loads this module.
"""

import ast
import difflib
import os
import re
from collections.abc import Sequence
from typing import Any

# click's wording for the errors it raises as a bare message (typer 0.26-0.28's vendored click)
_NO_COMMAND = re.compile(r"No such command (?P<name>.+?)\.(?: Did you mean .*)?")
_EXTRA = re.compile(r"Got unexpected extra argument(?:s|\(s\))? \((?P<args>.*)\)")
_NEEDS_VALUE = re.compile(r"Option (?P<name>\S+) requires (?:an argument|(?P<n>\d+) arguments)\.")
_NO_VALUE = re.compile(r"Option (?P<name>\S+) does not take a value\.")
_VALUE = re.compile(r"(?P<value>.+?) is not (?:one of|in the range|a valid) ")


def language(args: Sequence[str], environ: Any = os.environ) -> str:
    """``en`` when the command line (else ``MLJY_LANG``) asks for English, else ``zh``."""
    lang = environ.get("MLJY_LANG")
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(args):
            lang = args[i + 1]
        elif arg.startswith("--lang="):
            lang = arg.removeprefix("--lang=")
    return "en" if lang == "en" else "zh"


def describe(error: Any, lang: str) -> str:
    """The lines mljy prints for click's usage ``error`` (without the final newline)."""
    zh, en = _message(error)
    lines = [f"mljy: {en if lang == 'en' else zh}"]
    ctx = getattr(error, "ctx", None)
    if ctx is not None:
        usage = ctx.get_usage().removeprefix("Usage: ")
        lines.append(f"  usage: {usage}" if lang == "en" else f"  用法：{usage}")
        if ctx.command.get_help_option(ctx) is not None:
            helping = f"{ctx.command_path} {ctx.help_option_names[0]}"
            lines.append(f"  help: {helping}" if lang == "en" else f"  查看帮助：{helping}")
    return "\n".join(lines)


def _message(error: Any) -> tuple[str, str]:
    """(zh, en) for one usage error; the most specific description that applies."""
    kinds = {cls.__name__ for cls in type(error).__mro__}  # click's classes are not public
    text = str(getattr(error, "message", "") or "")
    param = getattr(error, "param", None)
    if "NoSuchOption" in kinds:
        return _no_such_option(error.option_name, getattr(error, "possibilities", None) or ())
    if "MissingParameter" in kinds and param is not None:
        return _missing(param)
    if "BadParameter" in kinds and param is not None:
        return _bad_value(param, error)
    if match := _NEEDS_VALUE.fullmatch(text):
        name = _unquote(match["name"])
        count = match["n"]
        if count:
            return (f"选项 {name} 后面要跟 {count} 个值", f"option {name} needs {count} values")
        return f"选项 {name} 后面要跟一个值", f"option {name} needs a value"
    if match := _NO_VALUE.fullmatch(text):
        name = _unquote(match["name"])
        return (f"选项 {name} 是开关，不带值：只写 {name}，去掉“=”及后面的内容",
                f"option {name} is a switch and takes no value: write {name} alone")
    if match := _NO_COMMAND.fullmatch(text):
        return _no_such_command(_unquote(match["name"]), error)
    if match := _EXTRA.fullmatch(text):
        extra = match["args"]
        return (f"多出了参数：{extra}。文件名或文件夹名中有空格时，请用引号把整个路径括起来",
                f"unexpected extra arguments: {extra}. Put a path with spaces in quotes")
    detail = error.format_message()
    return f"命令行有误：{detail}", detail


def _no_such_option(name: str, possibilities: Sequence[str]) -> tuple[str, str]:
    zh, en = f"没有 {name} 这个选项", f"there is no option {name}"
    if possibilities:
        options = sorted(possibilities)
        zh += f"；是不是 {'、'.join(options)}？"
        en += f"; did you mean {' or '.join(options)}?"
    return zh, en


def _no_such_command(name: str, error: Any) -> tuple[str, str]:
    ctx = getattr(error, "ctx", None)
    known: list[str] = list(getattr(getattr(ctx, "command", None), "commands", {}) or ())
    zh, en = f"没有“{name}”这个命令", f"there is no command '{name}'"
    close = difflib.get_close_matches(name, known)
    if close:
        zh += f"；是不是 {'、'.join(close)}？"
        en += f"; did you mean {' or '.join(close)}?"
    elif known:
        zh += f"。可用的命令：{'、'.join(known)}"
        en += f". Commands: {', '.join(known)}"
    return zh, en


def _missing(param: Any) -> tuple[str, str]:
    name = _name(param)
    zh, en = _meaning(param)
    if getattr(param, "param_type_name", "") == "option":
        return (f"缺少选项 {name}" + (f"：{zh}" if zh else ""),
                f"missing option {name}" + (f" ({en})" if en else ""))
    return (f"缺少参数 {name}：" + (f"{zh}，" if zh else "") + "写在命令后面",
            f"missing {name}" + (f" ({en})" if en else "") + ": give it after the command")


def _meaning(param: Any) -> tuple[str, str]:
    """What the parameter is, in each language, from its help, which gives the Chinese first
    and the English after it ("报表文件或文件夹 report files or folders")."""
    text = str(getattr(param, "help", None) or "").strip()
    split = next((i for i, c in enumerate(text) if c.isascii() and c.isalpha()), len(text))
    return text[:split].strip(), text[split:].strip()


def _bad_value(param: Any, error: Any) -> tuple[str, str]:
    name = _name(param)
    kind = param.type
    value = _given(str(error.message))
    got_zh = f"（这里是“{value}”）" if value is not None else ""
    got_en = f" (not '{value}')" if value is not None else ""
    choices = getattr(kind, "choices", None) or getattr(error, "choices", None)
    if choices:
        shown = [str(getattr(c, "value", c)) for c in choices]
        return (f"{name} 只能是 {'、'.join(shown)} 之一{got_zh}",
                f"{name} must be one of {', '.join(shown)}{got_en}")
    number_zh, number_en = ("整数", "a whole number") if "int" in str(
        getattr(kind, "name", "")) else ("数", "a number")
    if hasattr(kind, "min") and hasattr(kind, "max"):
        low, high = kind.min, kind.max
        if low is not None and high is not None:
            zh = f"{name} 须是 {low} 到 {high} 之间的{number_zh}"
            en = f"{name} must be {number_en} from {low} to {high}"
        elif low is not None:
            zh = f"{name} 须是不小于 {low} 的{number_zh}"
            en = f"{name} must be {number_en} of at least {low}"
        else:
            zh = f"{name} 须是不大于 {high} 的{number_zh}"
            en = f"{name} must be {number_en} of at most {high}"
        return zh + got_zh, en + got_en
    if str(getattr(kind, "name", "")) in ("integer", "float"):
        return f"{name} 须是{number_zh}{got_zh}", f"{name} must be {number_en}{got_en}"
    detail = str(error.message)
    return f"{name} 的值无效：{detail}", f"invalid value for {name}: {detail}"


def _name(param: Any) -> str:
    """``--jobs / -j`` for an option, ``REPORT`` for an argument."""
    opts = [o for o in getattr(param, "opts", ()) if o.startswith("-")]
    if opts:
        return " / ".join(opts)
    return str(getattr(param, "metavar", None) or param.human_readable_name)


def _given(message: str) -> str | None:
    """The value the user typed, as click quoted it in its message (None when not there)."""
    match = _VALUE.match(message)
    return _unquote(match["value"]) if match else None


def _unquote(text: str) -> str:
    """A value click wrote with ``repr`` (``'fr'``), as typed; anything else unchanged."""
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        try:
            value = ast.literal_eval(text)
        except (ValueError, SyntaxError):
            return text
        return value if isinstance(value, str) else text
    return text
