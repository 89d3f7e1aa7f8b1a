"""A wrong command line is explained in the user's language, exit 2, never a traceback.

click (inside typer) would print ``Error: No such option: --period`` in English;
:mod:`meilijiayuan.cli.usage` says the same in Chinese by default, in English with
``--lang en`` / ``--lang=en`` / ``MLJY_LANG=en``. Each case pins the exact lines.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from meilijiayuan.cli import COMMANDS, app
from meilijiayuan.settings import language
from tests.conftest import FIXTURES

runner = CliRunner()
REPORT = str(FIXTURES / "valid" / "full.yaml")
CHECK_USAGE = ["  用法：mljy check [选项] REPORT...", "  查看帮助：mljy check -h"]
VALIDATE_USAGE = ["  用法：mljy validate [选项] [PATH]...", "  查看帮助：mljy validate -h"]
ROOT_USAGE = ["  用法：mljy [选项] 命令 [参数]...", "  查看帮助：mljy -h"]


def run(*args: str, env: dict[str, str] | None = None) -> Any:
    return runner.invoke(app, list(args), env={"MLJY_LANG": "", **(env or {})})


def lines(result: Any) -> list[str]:
    return result.stderr.splitlines()


CASES_ZH = [
    pytest.param(["check", "--period", "2019-06", REPORT],
                 ["mljy: 没有 --period 这个选项；是不是 --previous？", *CHECK_USAGE],
                 id="unknown option, a close one"),
    pytest.param(["--bogus"], ["mljy: 没有 --bogus 这个选项", *ROOT_USAGE],
                 id="unknown option, nothing close"),
    pytest.param(["chekc"], ["mljy: 没有“chekc”这个命令；是不是 check？", *ROOT_USAGE],
                 id="misspelt command"),
    pytest.param(["xyz"], ["mljy: 没有“xyz”这个命令。可用的命令：validate、check、list、template、"
                           "schema、status、report、convert", *ROOT_USAGE],
                 id="unknown command"),
    pytest.param(["check"], ["mljy: 缺少参数 REPORT：报表文件或文件夹，写在命令后面", *CHECK_USAGE],
                 id="missing argument"),
    pytest.param(["template"], ["mljy: 缺少选项 --unit / -u：报送单位（可用别名）",
                                "  用法：mljy template [选项]", "  查看帮助：mljy template -h"],
                 id="missing option"),
    pytest.param(["check", "--lang", "fr", REPORT],
                 ["mljy: --lang 只能是 zh、en 之一（这里是“fr”）", *CHECK_USAGE],
                 id="choice (enum)"),
    pytest.param(["check", "--fail-on", "黄", REPORT],
                 ["mljy: --fail-on 只能是 red、amber、never 之一（这里是“黄”）", *CHECK_USAGE],
                 id="choice, Chinese value"),
    pytest.param(["check", "-f", "xml", REPORT],
                 ["mljy: --format / -f 只能是 table、json、markdown、github、junit 之一"
                  "（这里是“xml”）",
                  *CHECK_USAGE],
                 id="choice checked by a callback"),
    pytest.param(["validate", "--max-bytes", "0", REPORT],
                 ["mljy: --max-bytes 须是不小于 1 的整数（这里是“0”）", *VALIDATE_USAGE],
                 id="below the range"),
    pytest.param(["validate", "-j", "1.5", REPORT],
                 ["mljy: --jobs / -j 须是不小于 0 的整数（这里是“1.5”）", *VALIDATE_USAGE],
                 id="not a whole number"),
    pytest.param(["validate", "--max-depth", "十", REPORT],
                 ["mljy: --max-depth 须是不小于 1 的整数（这里是“十”）", *VALIDATE_USAGE],
                 id="a number in words"),
    pytest.param(["check", REPORT, "--plan"], ["mljy: 选项 --plan 后面要跟一个值", *CHECK_USAGE],
                 id="option without its value"),
    pytest.param(["check", "--debug=1", REPORT],
                 ["mljy: 选项 --debug 是开关，不带值：只写 --debug，去掉“=”及后面的内容",
                  *CHECK_USAGE],
                 id="switch given a value"),
    pytest.param(["schema", "reports"],
                 ["mljy: KIND 只能是 report、plan 之一",
                  "  用法：mljy schema [选项] report|plan",
                  "  查看帮助：mljy schema -h"],
                 id="argument outside its choices"),
    pytest.param(["status", "我的", "报表"],
                 ["mljy: 多出了参数：报表。文件名或文件夹名中有空格时，请用引号把整个路径括起来",
                  "  用法：mljy status [选项] [DIR]", "  查看帮助：mljy status -h"],
                 id="a path with a space, unquoted"),
]


@pytest.mark.parametrize(("args", "expected"), CASES_ZH)
def test_usage_errors_in_chinese(args: list[str], expected: list[str]) -> None:
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert lines(result) == expected
    assert result.stdout == ""


CASES_EN = [
    pytest.param(["check", "--lang", "en", "--period", "2019-06", REPORT],
                 "mljy: there is no option --period; did you mean --previous?",
                 id="unknown option"),
    pytest.param(["chekc", "--lang=en"], "mljy: there is no command 'chekc'; did you mean check?",
                 id="--lang=en after a misspelt command"),
    pytest.param(["validate", "-j", "-1", "--lang", "en", REPORT],
                 "mljy: --jobs / -j must be a whole number of at least 0 (not '-1')",
                 id="range"),
    pytest.param(["check", "--lang", "en", REPORT, "--fail-on", "x"],
                 "mljy: --fail-on must be one of red, amber, never (not 'x')", id="choice"),
    pytest.param(["template", "--lang", "en"],
                 "mljy: missing option --unit / -u (the reporting organisation, or an alias of it)",
                 id="missing option"),
    pytest.param(["check", "--lang", "en"],
                 "mljy: missing REPORT (report files or folders): give it after the command",
                 id="missing argument"),
]


@pytest.mark.parametrize(("args", "first"), CASES_EN)
def test_usage_errors_in_english(args: list[str], first: str) -> None:
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert lines(result)[0] == first
    assert all(line.isascii() or "mljy" in line for line in lines(result))


def test_mljy_lang_en_from_the_environment() -> None:
    result = run("check", "--period", "2019-06", REPORT, env={"MLJY_LANG": "en"})
    assert result.exit_code == 2
    assert lines(result) == ["mljy: there is no option --period; did you mean --previous?",
                             "  usage: mljy check [OPTIONS] REPORT...", "  help: mljy check -h"]


def test_the_command_line_wins_over_the_environment() -> None:
    result = run("check", "--lang", "zh", "--period", "1", REPORT, env={"MLJY_LANG": "en"})
    assert lines(result)[0] == "mljy: 没有 --period 这个选项；是不是 --previous？"


@pytest.mark.parametrize(("args", "env", "lang"), [
    ([], {}, "zh"),
    (["--lang", "en"], {}, "en"),
    (["--lang=en"], {}, "en"),
    (["--lang", "en", "--lang", "zh"], {}, "zh"),  # the last one counts, as for click
    (["--lang"], {"MLJY_LANG": "en"}, "en"),  # no value: the environment's
    (["--", "--lang", "en"], {}, "zh"),  # after `--` it is a file name
    (["--lang", "fr"], {"MLJY_LANG": "en"}, "zh"),  # an unknown language: the default
])
def test_language_of_a_command_line(args: list[str], env: dict[str, str], lang: str) -> None:
    assert language(args, env) == lang


def test_bare_mljy_still_shows_the_help() -> None:
    result = run()
    assert result.exit_code == 2
    assert "用法：mljy [选项] 命令 [参数]..." in result.output
    assert "mljy:" not in result.output


@pytest.mark.parametrize(("args", "code"), [(["--help"], 0), (["--version"], 0),
                                            (["check", "--help"], 0),
                                            (["validate", REPORT], 0)])
def test_correct_command_lines_are_unchanged(args: list[str], code: int) -> None:
    result = run(*args)
    assert result.exit_code == code, result.output
    assert "mljy: " not in result.stderr


PROBE = "import sys; sys.argv[0] = 'mljy'; from meilijiayuan.entry import main; main()"


def test_the_console_script_explains_in_chinese() -> None:
    """The real process: the group class is used by ``main()`` as by the tests' runner."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("MLJY_")}
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, "check", "--period", "2019-06", REPORT],
        capture_output=True, text=True, encoding="utf-8", env=env, timeout=120)
    assert proc.returncode == 2
    shown = proc.stderr.splitlines()
    assert shown == ["mljy: 没有 --period 这个选项；是不是 --previous？", *CHECK_USAGE]
    assert proc.stdout == ""


WORDS = ["check", "validate", "list", "template", "status", "schema", "report", "--lang", "en",
         "zh", "--format", "-f", "json", "--plan", "--period", "2019-06", "--unit", "马陆镇",
         "-j", "-1", "0", "--max-bytes", "--debug=1", "--fail-on", "--", "-h", REPORT, "x.yaml",
         "--as-of", "2019-13-01", "--dept", "区房管局", "-", "=", "--lang=en", "\x00", "ｊ"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(WORDS) | st.text(max_size=6), max_size=6))
def test_any_command_line_gives_an_exit_code_and_no_traceback(args: list[str]) -> None:
    result = run(*[a.replace("\x00", "") for a in args])
    assert result.exit_code in (0, 1, 2), (args, result.output)
    assert isinstance(result.exception, SystemExit) or result.exception is None, (
        args, result.exception)
    assert "Traceback" not in result.output


@pytest.mark.parametrize("command", [[], *[[c] for c in COMMANDS]])
def test_the_help_option_is_described_in_the_language_of_the_run(command: list[str]) -> None:
    zh = run(*command, "--help")
    en = run(*command, "--help", "--lang", "en")
    assert zh.exit_code == en.exit_code == 0
    assert "-h, --help" in zh.stdout
    assert re.search(r"-h, --help +显示本帮助\n", zh.stdout)
    assert re.search(r"-h, --help +show this help\n", en.stdout)
    assert "Show this message" not in zh.stdout + en.stdout


@pytest.mark.parametrize(("args", "line"), [
    (["status", "--period", "2019年6月"],
     "mljy: --period 应为 YYYY-MM，这里是“2019年6月”；是不是 --period 2019-06？"),
    (["report", "--period", "2019.6", "--html", "x.html"],
     "mljy: --period 应为 YYYY-MM，这里是“2019.6”；是不是 --period 2019-06？"),
    (["status", "--period", "六月"],
     "mljy: --period 应为 YYYY-MM（四位年份-两位月份），这里是“六月”"),
    (["check", "--as-of", "2019年7月4日", "r.yaml"],
     "mljy: --as-of 应为 YYYY-MM-DD，这里是“2019年7月4日”；是不是 --as-of 2019-07-04？"),
    (["check", "--as-of", "tomorrow", "r.yaml", "--lang", "en"],
     "mljy: --as-of must be YYYY-MM-DD (year-month-day), not 'tomorrow'"),
])
def test_a_month_or_day_typed_another_way_is_refused_with_what_was_meant(
        args: list[str], line: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [line]


def test_a_plan_path_that_names_nothing_says_where_it_came_from(tmp_path: Path) -> None:
    missing = str(tmp_path / "plan.yaml")
    env = {**{k: "" for k in os.environ if k.startswith("MLJY_")}, "MLJY_PLAN": missing}
    result = runner.invoke(app, ["status", "--period", "2019-06"], env=env)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        f"{missing}: 找不到计划文件 {missing}（由环境变量 MLJY_PLAN 指定）")
    result = runner.invoke(app, ["list", "--plan", missing, "--dept", "x", "--lang", "en"],
                           env={k: "" for k in os.environ if k.startswith("MLJY_")})
    assert result.exit_code == 2
    assert f"no plan file at {missing} (given with --plan)" in result.output
