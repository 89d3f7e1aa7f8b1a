"""The hooks of ``.pre-commit-hooks.yaml``, run as pre-commit would run them.

pre-commit is not a dependency: each hook's ``entry`` is split with shlex, ``mljy`` is
replaced by the installed console script (or ``python -m meilijiayuan``), and the
fixture file names are appended, as pre-commit appends the staged files.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
HOOKS_FILE = ROOT / ".pre-commit-hooks.yaml"
VALID = "tests/fixtures/ci/valid/区民政局.yaml"  # valid, and on schedule for `check`
INVALID = "tests/fixtures/ci/马陆镇.yaml"  # located errors
BROKEN = "tests/fixtures/ci/invalid/syntax.yaml"  # does not load


def _hooks() -> list[dict[str, Any]]:
    hooks = yaml.safe_load(HOOKS_FILE.read_text(encoding="utf-8"))
    assert isinstance(hooks, list)
    return hooks


HOOKS = _hooks()


def _command(entry: str) -> list[str]:
    argv = shlex.split(entry)
    assert argv[0] == "mljy", entry
    script = Path(sys.executable).parent / ("mljy.exe" if os.name == "nt" else "mljy")
    head = [str(script)] if script.exists() else [sys.executable, "-m", "meilijiayuan"]
    return head + argv[1:]


def _run(hook: dict[str, Any], *files: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("MLJY_PLAN", "MLJY_LANG", "GITHUB_ACTIONS")}
    return subprocess.run([*_command(hook["entry"]), *files], cwd=ROOT, env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=120,
                          check=False)


def test_the_hooks() -> None:
    assert [h["id"] for h in HOOKS] == ["mljy-validate", "mljy-check"]
    by_id = {h["id"]: h for h in HOOKS}
    assert by_id["mljy-validate"]["entry"] == "mljy validate"
    assert by_id["mljy-check"]["entry"] == "mljy check --fail-on red"
    for hook in HOOKS:
        assert hook["language"] == "python"
        assert hook["types"] == ["yaml"]
        assert hook.get("pass_filenames", True) is True
        assert hook["name"]


@pytest.mark.parametrize("hook", HOOKS, ids=[h["id"] for h in HOOKS])
def test_files_pattern(hook: dict[str, Any]) -> None:
    pattern = re.compile(hook["files"])  # pre-commit uses re.search
    for path in ("data/reports/2019-06/马陆镇.yaml", "reports/2019-06/区房管局.yml"):
        assert pattern.search(path), path
    for path in ("data/plan.yaml", "data/reports/README.md", ".github/workflows/mljy.yml",
                 "docs/reports/x.yaml"):
        assert not pattern.search(path), path


@pytest.mark.parametrize("hook", HOOKS, ids=[h["id"] for h in HOOKS])
def test_valid_report_passes(hook: dict[str, Any]) -> None:
    proc = _run(hook, VALID)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize("hook", HOOKS, ids=[h["id"] for h in HOOKS])
@pytest.mark.parametrize("bad", [INVALID, BROKEN])
def test_invalid_report_fails(hook: dict[str, Any], bad: str) -> None:
    proc = _run(hook, VALID, bad)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr
    assert bad in proc.stdout  # the submitter sees which file


def test_validate_hook_names_the_position() -> None:
    (hook,) = [h for h in HOOKS if h["id"] == "mljy-validate"]
    proc = _run(hook, INVALID)
    # 80 columns (pre-commit's pipe): one block per finding, the location on its own line
    assert f"{INVALID}:6:5  fields-for-measure" in proc.stdout
