"""The README's commands do what it says: every ``mljy`` line of its ``sh`` blocks is run, in
order, in a copy of the repository's data and examples, as a person would paste it.

Lines that act on a report the reader has not filled in yet (the ``--diff``/``--fix`` example,
validating or converting a template straight after making it) may refuse (exit 2); every other
line must succeed (exit 0). No line may end in a traceback.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

MAY_REFUSE = ("mljy validate --diff", "mljy validate --fix", "mljy validate 马陆镇.xlsx",
              "mljy convert 马陆镇.xlsx")


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^```sh\n(.*?)^```", text, re.S | re.M)
    lines = [line.strip() for block in blocks for line in block.splitlines()]
    return [line for line in lines if line.startswith(("mljy ", "export MLJY_PLAN="))]


def test_the_readme_shows_the_commands_this_test_runs() -> None:
    commands = readme_commands()
    assert len(commands) >= 20
    for prefix in MAY_REFUSE:
        assert any(c.startswith(prefix) for c in commands), prefix


def test_every_readme_command_runs_as_written(tmp_path: Path) -> None:
    for folder in ("data", "examples"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    env = {k: v for k, v in os.environ.items() if not k.startswith("MLJY_")}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env["COLUMNS"] = "100"
    exported: list[str] = []
    for command in readme_commands():
        if command.startswith("export "):
            exported.append(command)
            continue
        script = "\n".join([*exported, command])
        done = subprocess.run(["bash", "-c", script], cwd=tmp_path, env=env, capture_output=True,
                              text=True, encoding="utf-8", timeout=120)
        assert "Traceback" not in done.stderr, (command, done.stderr)
        allowed = {0, 2} if command.startswith(MAY_REFUSE) else {0}
        assert done.returncode in allowed, (command, done.returncode, done.stderr[-2000:])
    made = ["通报-2019-06.md", "台账.xlsx", "通报.docx", "tmp/dash.html", "马陆镇.yaml",
            "schema/report.schema.json", "马陆镇.xlsx", "模板/2019-06"]
    assert [m for m in made if not (tmp_path / m).exists()] == []
