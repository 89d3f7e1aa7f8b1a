"""Start-up: each command imports only what it uses (``benchmarks/README.md``).

``mljy`` runs in pre-commit on every commit, so what a run imports is most of what it
costs. Each case runs the CLI in a fresh interpreter and lists the modules it imported;
no timing here (``benchmarks/run.py`` measures). typer is imported at module level;
YAML, pydantic, the models and rich are imported inside the commands that use them, and
rich only to draw a table.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from meilijiayuan.cli import COMMANDS, app, build_app
from tests.conftest import FIXTURES

VALID = str(FIXTURES / "valid" / "full.yaml")  # a report with no finding at all
MARK = "--- modules ---"
PROBE = f"""
import sys
sys.argv = ["mljy", *sys.argv[1:]]
try:
    from meilijiayuan.cli import main
    main()
except SystemExit:
    pass
finally:
    sys.stdout.flush()
    sys.stdout.write("\\n{MARK}\\n" + "\\n".join(sorted(sys.modules)) + "\\n")
"""

HEAVY = ("pydantic", "yaml", "rich", "json", "xml", "xlsxwriter", "docx", "opencc")
OURS_HEAVY = ("meilijiayuan.plan.model", "meilijiayuan.read.loader", "meilijiayuan.report.validate",
              "meilijiayuan.cli.usage",  # only for a wrong command line
              "meilijiayuan.plan.index", "meilijiayuan.judge.rules",
              "meilijiayuan.output.xlsx", "meilijiayuan.output.docx")


def imported(*args: str) -> set[str]:
    """The modules a real ``mljy ARGS…`` process had imported when it exited."""
    proc = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True,
                          text=True, encoding="utf-8", timeout=120)
    assert MARK in proc.stdout, proc.stderr
    assert "Traceback" not in proc.stderr, proc.stderr
    return set(proc.stdout.split(MARK, 1)[1].split())


def packages(modules: set[str]) -> set[str]:
    return {m.split(".")[0] for m in modules}


def test_top_level_help_imports_no_heavy_module() -> None:
    modules = imported("--help")
    assert "typer" in modules  # the probe saw the run
    assert not packages(modules) & set(HEAVY), sorted(packages(modules) & set(HEAVY))
    assert not modules & set(OURS_HEAVY), sorted(modules & set(OURS_HEAVY))


def test_version_imports_no_heavy_module() -> None:
    modules = imported("--version")
    assert not packages(modules) & set(HEAVY), sorted(packages(modules) & set(HEAVY))


@pytest.mark.parametrize("command", list(COMMANDS))
def test_command_help_imports_no_heavy_module(command: str) -> None:
    modules = imported(command, "--help")
    # typer ≥ 0.29 coerces a parameter's value through a pydantic TypeAdapter, except a
    # flag's True or False: meilijiayuan.cli gives the help option a False default for that
    heavy = packages(modules) & set(HEAVY)
    assert not heavy, sorted(heavy)
    assert not modules & set(OURS_HEAVY), sorted(modules & set(OURS_HEAVY))
    assert "meilijiayuan.cli.template" not in modules or command == "template"  # lazy


@pytest.mark.parametrize(
    "args",
    [
        ["validate", VALID],  # table format with nothing to draw: just the total line
        ["validate", "--format", "json", VALID],
        ["validate", "--format", "github", VALID],
        ["check", "--format", "json", VALID],
        ["check", "--format", "markdown", VALID],
    ],
    ids=["validate", "validate-json", "validate-github", "check-json", "check-markdown"],
)
def test_rich_only_to_draw_a_table(args: list[str]) -> None:
    modules = imported(*args)
    assert "meilijiayuan.plan.model" in modules  # the file was really checked
    assert "rich" not in packages(modules)


@pytest.mark.parametrize("args", [["validate", VALID], ["check", "--format", "json", VALID],
                                  ["template", "--unit", "馬陸鎮", "--period", "2019-06"]],
                         ids=["validate", "check", "template-lookalike-unit"])
def test_opencc_only_for_a_name_not_found_otherwise(args: list[str]) -> None:
    """Traditional → simplified folding (OpenCC) is loaded on a miss only: a report whose
    names are the plan's never loads it; a traditional spelling of a unit does."""
    modules = imported(*args)
    assert "meilijiayuan.plan.index" in modules
    assert ("opencc" in packages(modules)) == (args[0] == "template")


def test_the_probe_sees_rich_when_a_table_is_drawn() -> None:
    assert "rich" in packages(imported("check", VALID))


def test_every_command_is_in_the_lazy_table() -> None:
    """``main`` builds an app with only the command asked for, found in ``COMMANDS``."""
    registered = list(app.registered_commands)
    names = [c.name for c in registered]
    assert names == list(COMMANDS)


@pytest.mark.parametrize("command", list(COMMANDS))
def test_one_command_app_says_what_the_full_app_says(command: str) -> None:
    alone = build_app([COMMANDS[command]])
    for args in ([command, "--help"], [command, "--no-such-option"]):
        expected = CliRunner().invoke(app, args)
        got = CliRunner().invoke(alone, args)
        assert (got.exit_code, got.output) == (expected.exit_code, expected.output)


def test_pyyaml_only_for_a_file_the_line_reader_declines(tmp_path: Path) -> None:
    """A plain report is read by the loader's line reader: PyYAML is not even imported."""
    assert "yaml" not in packages(imported("check", "--format", "json", VALID))
    assert "yaml" not in packages(imported("validate", VALID))
    quoted = tmp_path / "r.yaml"
    text = Path(VALID).read_text(encoding="utf-8")
    quoted.write_text(text.replace("unit: 马陆镇", "unit: '马陆镇'", 1), encoding="utf-8")
    assert "yaml" in packages(imported("validate", str(quoted)))


def test_the_console_script_tunes_the_collector_and_the_cli_module_does_not() -> None:
    import tomllib

    root = Path(__file__).resolve().parents[2]
    with open(root / "pyproject.toml", "rb") as f:
        scripts = tomllib.load(f)["project"]["scripts"]
    assert scripts["mljy"] == "meilijiayuan.entry:main"

    def threshold(code: str) -> str:
        # in a new process: importing meilijiayuan.entry here would tune this one
        program = f"import gc; {code}; print(gc.get_threshold())"
        return subprocess.run([sys.executable, "-c", program],
                              check=True, capture_output=True, text=True).stdout.strip()

    default = threshold("pass")
    assert threshold("import meilijiayuan.cli") == default
    assert threshold("import meilijiayuan.entry as e; assert gc.get_threshold() == e.GC_THRESHOLDS"
                     ) != default


def test_the_console_script_freezes_the_collector_when_the_command_is_done() -> None:
    """Shutdown then walks no objects; the output and exit code are the command's own."""
    program = ("import gc, sys; sys.argv = ['mljy', 'validate', sys.argv[1]]\n"
               "from meilijiayuan.entry import main\n"
               "try:\n    main()\n"
               "except SystemExit as e:\n"
               "    print('exit', e.code, 'frozen', gc.get_freeze_count() > 0)\n")
    proc = subprocess.run([sys.executable, "-c", program, VALID], capture_output=True,
                          text=True, encoding="utf-8", timeout=120)
    assert proc.stdout.splitlines()[-1] == "exit 0 frozen True", proc.stdout
    assert "1 个文件：1 个通过" in proc.stdout
    unfrozen = "import gc, meilijiayuan.cli; print(gc.get_freeze_count())"
    assert subprocess.run([sys.executable, "-c", unfrozen], capture_output=True, text=True,
                          check=True).stdout.strip() == "0"
