"""Every code of the message catalogue is produced by running mljy on a fixture.

The table is ``tests/fixtures/codes.toml``: a code and a command line. Each line is run
through the CLI in English (with ``--format json`` where the command has it), and the code
must be among what the run reports: a ``code`` in the JSON document, or the one-line usage
problem ``mljy: …`` that is the code's message. A code of the catalogue without a row fails;
a new code needs only its row and its fixture.
"""

from __future__ import annotations

import contextlib
import importlib
import importlib.util
import json
import os
import re
import string
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from meilijiayuan.cli import app
from meilijiayuan.messages.catalogue import CATALOGUE
from tests.conftest import FIXTURES, ROOT

TABLE = FIXTURES / "codes.toml"
with open(TABLE, "rb") as _f:
    ROWS: dict[str, Any] = tomllib.load(_f)
JSON_COMMANDS = {"validate", "check", "status"}
INPUTS = (".yaml", ".xlsx", ".xlsm")
WORKBOOKS = FIXTURES / "codes" / "workbooks"


def _row(code: str) -> dict[str, Any]:
    row = ROWS[code]
    return {"args": row} if isinstance(row, list) else dict(row)


def _codes(document: Any) -> Iterator[str]:
    """Every ``code`` anywhere in a JSON document."""
    if isinstance(document, dict):
        if isinstance(document.get("code"), str):
            yield document["code"]
        for value in document.values():
            yield from _codes(value)
    elif isinstance(document, list):
        for value in document:
            yield from _codes(value)


def _pattern(template: str) -> re.Pattern[str]:
    """A catalogue template as a regular expression: each ``{field}`` matches anything."""
    parts = [re.escape(literal) + (".*?" if field else "")
             for literal, field, _, _ in string.Formatter().parse(template)]
    return re.compile("".join(parts))


def produced(code: str, monkeypatch: pytest.MonkeyPatch,
             line: list[str] | None = None) -> tuple[set[str], str]:
    """The codes the row of ``code`` (or ``line``, one of its ``also``) produces, and what
    it printed (for the failure)."""
    row = _row(code)
    args = [str(a) for a in (row["args"] if line is None else line)]
    fmt = row.get("format", "json" if args[0] in JSON_COMMANDS else None)
    args += ["--lang", "en"] + (["--format", fmt] if fmt else [])
    if "breaks" in row:
        module, name = row["breaks"].split(":")

        def boom(*_: Any, **__: Any) -> None:
            raise RuntimeError("broken on purpose by tests/fixtures/codes.toml")

        monkeypatch.setattr(importlib.import_module(module), name, boom)
    monkeypatch.chdir(ROOT if row.get("cwd") == "repo" else FIXTURES)
    env = {k: "" for k in os.environ if k.startswith("MLJY_") or k == "GITHUB_ACTIONS"}
    result = CliRunner().invoke(app, args, env=env)
    found: set[str] = set()
    with contextlib.suppress(ValueError):  # not a JSON document: a usage problem
        found |= set(_codes(json.loads(result.stdout)))
    found |= set(re.findall(r"^::(?:error|warning|notice) .*title=mljy ([\w-]+)::", result.stdout,
                            flags=re.M))
    for line in result.stderr.splitlines():
        problem = line.removeprefix("mljy: ")
        found |= {c for c, entry in CATALOGUE.items() if _pattern(entry.en).fullmatch(problem)}
    return found, result.output


def test_every_code_has_a_row() -> None:
    without = sorted(set(CATALOGUE) - set(ROWS))
    assert without == [], f"codes without a row in {TABLE.name}: {without}"


def test_every_row_is_a_code() -> None:
    assert sorted(set(ROWS) - set(CATALOGUE)) == []


@pytest.mark.parametrize("code", sorted(CATALOGUE))
def test_the_code_is_produced(code: str, monkeypatch: pytest.MonkeyPatch) -> None:
    if code not in ROWS:
        pytest.fail(f"{code}: no row in {TABLE.name}, so nothing shows it is produced")
    found, output = produced(code, monkeypatch)
    assert code in found, (code, sorted(found), output[-2000:])
    for line in _row(code).get("also", []):
        found, output = produced(code, monkeypatch, line)
        assert code in found, (code, line, sorted(found), output[-2000:])


def test_a_row_that_produces_something_else_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    """The check itself can fail: a valid file produces none of the codes."""
    monkeypatch.setitem(ROWS, "no-input", ["validate", "valid/full.yaml"])
    found, _ = produced("no-input", monkeypatch)
    assert "no-input" not in found


def test_fixture_paths_exist() -> None:
    for code in ROWS:
        for arg in [*_row(code)["args"], *(a for line in _row(code).get("also", []) for a in line)]:
            if arg.endswith(INPUTS) and "no-such" not in arg and "x" * 300 not in arg:
                assert (FIXTURES / arg).is_file(), (code, arg)
    assert Path(FIXTURES / "codes" / "no-yaml").is_dir()


def test_the_workbook_fixtures_are_what_their_script_makes(tmp_path: Path) -> None:
    """``codes/workbooks/make.py`` makes exactly the committed files, byte for byte."""
    spec = importlib.util.spec_from_file_location("make_workbooks", WORKBOOKS / "make.py")
    assert spec is not None and spec.loader is not None
    make = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make)
    made = {p.name: p.read_bytes() for p in make.make(tmp_path)}
    committed = {p.name: p.read_bytes() for p in WORKBOOKS.iterdir()
                 if p.is_file() and p.suffix != ".py"}
    assert sorted(made) == sorted(committed)
    assert [name for name in made if made[name] != committed[name]] == []
    assert max(len(data) for data in made.values()) < 10_000  # the zip bomb too
