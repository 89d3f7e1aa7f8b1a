"""Every word mljy writes is in messages/, in both languages; ``--lang en`` is English only.

The tables are checked entry by entry (English text free of Chinese, Chinese text present),
then the help pages and a run as the user sees them: ``--lang`` before the command, after
``--help``, or from ``MLJY_LANG``.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from meilijiayuan.cli import COMMANDS, app, hoist_lang
from meilijiayuan.messages.catalogue import CATALOGUE
from meilijiayuan.messages.help import HELP
from meilijiayuan.messages.words import HOMES, table, text

CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
runner = CliRunner()


def run(*args: str, env: dict[str, str] | None = None) -> Any:
    return runner.invoke(app, list(args), env={"MLJY_LANG": "", "COLUMNS": "100", **(env or {})})


@pytest.mark.parametrize("name", list(HOMES))
def test_every_table_entry_is_english_in_english(name: str) -> None:
    entries = table(name)
    assert entries
    for key, (zh, en) in entries.items():
        assert zh.strip() and en.strip(), (name, key)
        assert not CJK.search(en), (name, key, en)
        if zh != en:
            assert CJK.search(zh) or zh.isascii(), (name, key, zh)


@pytest.mark.parametrize("code", list(CATALOGUE))
def test_every_finding_is_english_in_english(code: str) -> None:
    entry = CATALOGUE[code]
    assert not CJK.search(entry.en + entry.hint_en), code
    assert CJK.search(entry.zh), code


def test_text_fills_in_the_fields_and_refuses_an_unknown_key() -> None:
    assert text("usage.no-option", "en", name="--x") == "there is no option --x"
    assert text("usage.no-option", "zh", name="--x") == "没有 --x 这个选项"
    with pytest.raises(KeyError):
        text("usage.no-such-key", "en")


def test_the_messages_package_imports_nothing_heavy() -> None:
    program = ("import sys\nimport meilijiayuan.messages.words as w\n"
               "for name in w.HOMES: w.table(name)\n"
               "print(' '.join(sorted(m.split('.')[0] for m in sys.modules)))")
    loaded = set(subprocess.run([sys.executable, "-c", program], capture_output=True,
                                text=True, check=True).stdout.split())
    assert not loaded & {"pydantic", "rich", "yaml", "typer"}, loaded


def _declared(command: Any) -> list[str]:
    """The help texts a command declares: its own and its parameters'."""
    from typer.main import get_command

    group = get_command(app)
    cmd = group.commands[command] if command else group  # type: ignore[attr-defined]
    return [cmd.help, *(p.help for p in cmd.params if getattr(p, "help", None))]


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_every_help_text_is_a_key_of_the_help_table(command: str | None) -> None:
    for declared in _declared(command):
        # a key, or a plain list of words that reads the same in both languages
        assert declared in HELP or (declared.isascii() and "|" in declared), declared


def test_every_help_text_is_used() -> None:
    used = {"help"} | {d for c in [None, *COMMANDS] for d in _declared(c)}
    assert set(HELP) <= used, sorted(set(HELP) - used)


@pytest.mark.parametrize("command", [[], *[[c] for c in COMMANDS]])
def test_english_help_has_no_chinese(command: list[str]) -> None:
    for args in ([*command, "--help", "--lang", "en"], ["--lang", "en", *command, "--help"],
                 [*command, "--help"]):
        result = run(*args, env={"MLJY_LANG": "en"} if args[-1] == "--help" else None)
        assert result.exit_code == 0, result.output
        assert not CJK.search(result.stdout), (args, CJK.findall(result.stdout))


@pytest.mark.parametrize("command", list(COMMANDS))
def test_chinese_help_is_chinese(command: str) -> None:
    """The body of every command's help is the Chinese text, not the English one."""
    result = run(command, "--help")
    assert result.exit_code == 0
    body = result.stdout.split("\n\n", 2)[1]  # the paragraph after the usage line
    assert CJK.search(body), body
    zh, en = HELP[command]
    assert zh.split("\n")[0][:10] in result.stdout
    assert en.split("\n")[0][:30] not in result.stdout
    for line in result.stdout.splitlines():
        if line.startswith("  -") and "  " in line.strip():  # an option with its help
            description = re.split(r"\s{2,}", line.strip(), maxsplit=1)[-1]
            assert CJK.search(description) or "|" in description, line


def test_the_root_help_follows_the_language_too() -> None:
    zh, en = run("--help"), run("--help", "--lang", "en")
    assert "mljy — 行动计划进度报表检查工具" in zh.stdout and "显示版本" in zh.stdout
    assert "progress-report checker" in en.stdout and "show the version" in en.stdout


@pytest.mark.parametrize("args", [
    ["--lang", "en", "check", "--period", "2019-06", "x.yaml"],
    ["--lang=en", "check", "--period", "2019-06", "x.yaml"],
    ["check", "--period", "2019-06", "x.yaml", "--lang", "en"],
])
def test_lang_before_the_command(args: list[str]) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        "mljy: there is no option --period; did you mean --previous?")


def test_lang_before_the_command_reaches_the_command(tmp_path: Path) -> None:
    """``mljy --lang en status`` runs status in English (it was refused: no such option)."""
    result = run("--lang", "en", "validate", str(tmp_path / "nothing.yaml"))
    assert result.exit_code == 2
    assert "no such file or folder" in result.output
    assert not CJK.search(result.output)


def test_lang_alone_shows_the_help_in_that_language() -> None:
    result = run("--lang", "en")
    assert "Usage: mljy [OPTIONS] COMMAND [ARGS]..." in result.output
    assert "show the version" in result.output


@pytest.mark.parametrize(("args", "moved", "command"), [
    (["--lang", "en", "status", "d"], ["status", "--lang", "en", "d"], "status"),
    (["--lang=en", "-h"], ["-h"], None),
    (["--version", "--lang", "en", "check"], ["--version", "check", "--lang", "en"], "check"),
    (["check", "--lang", "en"], ["check", "--lang", "en"], "check"),
    (["--", "--lang"], ["--", "--lang"], None),
    (["--lang"], ["--lang"], None),  # no value: click says so
])
def test_hoist_lang(args: list[str], moved: list[str], command: str | None) -> None:
    assert hoist_lang(args) == (moved, command)


def test_a_misspelt_field_in_english_says_nothing_in_chinese(tmp_path: Path) -> None:
    report = tmp_path / "r.yaml"
    report.write_text("unit: 马陆镇\nperiod: 2019-06\nitems:\n  J13:\n    stat: done\n",
                      encoding="utf-8")
    result = run("validate", "--lang", "en", str(report))
    assert result.exit_code == 2
    assert "Did you mean: state?" in result.stdout
    assert not CJK.search(result.stdout.replace("马陆镇", "")), result.stdout
    zh = run("validate", str(report))
    assert "是不是：state？" in zh.stdout
