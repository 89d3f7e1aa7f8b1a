"""The output registry and the one writer: every command, every format, UTF-8 whatever the
locale says; format choices from the registry; what goes to stderr and what to stdout.

Each case runs mljy in a real process with ``PYTHONIOENCODING=cp1252`` (a Windows runner):
马陆镇 must arrive as UTF-8 characters, never as ``\\u9a6c\\u9646\\u9547``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from meilijiayuan.cli import app
from meilijiayuan.output.registry import RENDERERS, formats, renderer

ROOT = Path(__file__).resolve().parents[2]
MALU = "马陆镇"
ESCAPED = "\\u9a6c\\u9646\\u9547"
REPORT = "data/reports/2019-06/马陆镇.yaml"
CLASH = "tests/fixtures/status/clash"  # 马陆镇 at risk, a duplicate report, an invalid file
CI_MALU = "tests/fixtures/ci/马陆镇.yaml"  # a report with errors, Chinese file name

COMMAND_LINES: dict[str, list[str]] = {
    "check": ["check", f"{CLASH}/2019-06/马陆镇.yaml", "--fail-on", "red"],
    "status": ["status", CLASH, "--fail-on", "red"],
    "validate": ["validate", CI_MALU],
    "list": ["list", "--dept", MALU],
}
"""A command line per command whose output names 马陆镇 in every format."""


def run_cp1252(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONIOENCODING": "cp1252", "COLUMNS": "120", "NO_COLOR": "1"}
    for var in ("MLJY_PLAN", "MLJY_LANG", "GITHUB_ACTIONS"):
        env.pop(var, None)
    return subprocess.run([sys.executable, "-m", "meilijiayuan", *args], cwd=cwd, env=env,
                          capture_output=True, timeout=120, check=False)


def registered() -> list[tuple[str, str]]:
    return [key for key in RENDERERS if key[0] != "report"]


@pytest.mark.parametrize(("command", "fmt"), registered())
def test_every_format_of_every_command_writes_utf8_under_cp1252(command: str, fmt: str) -> None:
    proc = run_cp1252(*COMMAND_LINES[command], "--format", fmt)
    assert proc.returncode in (0, 1, 2), proc.stderr
    assert MALU.encode("utf-8") in proc.stdout, proc.stdout[:400]
    assert ESCAPED.encode() not in proc.stdout
    proc.stdout.decode("utf-8")  # all of it is UTF-8
    assert b"Traceback" not in proc.stderr


def test_junit_declares_utf8_and_is_utf8_under_cp1252() -> None:
    """The finding of the pipeline issue: check -f junit wrote \\u9a6c… into UTF-8 XML."""
    proc = run_cp1252("check", "-f", "junit", REPORT)
    text = proc.stdout.decode("utf-8")
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    assert f'<testsuite name="{REPORT}"' in text


def test_report_page_and_its_line_are_utf8_under_cp1252(tmp_path: Path) -> None:
    page = tmp_path / "看板.html"
    proc = run_cp1252("report", CLASH, "--html", str(page))
    assert proc.returncode == 2  # the clash folder has an invalid file and a duplicate
    assert MALU in page.read_text(encoding="utf-8")
    line = proc.stderr.decode("utf-8")
    assert line.startswith(f"已生成 {page}（2019-06，")


@pytest.mark.parametrize("args", [
    ["template", "--unit", MALU, "--period", "2019-06"],
    ["schema", "report"],
])
def test_template_and_schema_write_utf8_under_cp1252(args: list[str]) -> None:
    proc = run_cp1252(*args)
    assert proc.returncode == 0
    assert MALU.encode("utf-8") in proc.stdout and ESCAPED.encode() not in proc.stdout


def test_errors_and_help_are_utf8_under_cp1252(tmp_path: Path) -> None:
    proc = run_cp1252("status", str(tmp_path / "无此文件夹"))
    assert (proc.returncode, proc.stdout) == (2, b"")
    assert proc.stderr.decode("utf-8").splitlines()[-1] == (
        f"mljy: {tmp_path / '无此文件夹'} 不存在，未输出汇总")
    proc = run_cp1252("validate", "--help")
    assert "校验报表和计划文件" in proc.stdout.decode("utf-8")
    proc = run_cp1252("list", "--dept", "无此单位")
    assert proc.returncode == 2 and "无此单位" in proc.stderr.decode("utf-8")


# --- the registry -------------------------------------------------------------------------


def test_every_registered_renderer_exists() -> None:
    for command, fmt in RENDERERS:
        assert callable(renderer(command, fmt)), (command, fmt)


def test_format_choices_come_from_the_registry() -> None:
    assert formats("check") == ("table", "json", "markdown", "github", "junit")
    assert formats("status") == ("table", "json", "markdown", "github", "junit", "xlsx", "docx")
    assert formats("validate") == ("table", "json", "github", "junit")
    assert formats("list") == ("table", "json", "markdown")
    assert formats("report") == ("html",)


@pytest.mark.parametrize("command", ["check", "status", "validate", "list"])
def test_help_offers_exactly_the_registered_formats(command: str) -> None:
    result = CliRunner().invoke(app, [command, "--help"], terminal_width=200)
    [line] = [x for x in result.stdout.splitlines() if x.lstrip().startswith("-f, --format")]
    offered = "|".join(formats(command))
    assert f"-f, --format {offered}" in line or f"-f, --format <{offered}>" in line, line
    if command == "validate":
        assert "markdown" not in line


def test_validate_refuses_markdown_as_a_usage_error() -> None:
    result = CliRunner().invoke(app, ["validate", CI_MALU, "--format", "markdown"])
    assert result.exit_code == 2 and result.stdout == ""
    assert "markdown" in result.stderr and "junit" in result.stderr
