"""``mljy validate --changed-since REF``: only the reports changed since REF, in a real git repo."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from meilijiayuan.cli import app
from meilijiayuan.read.changed import GitError, changed_files

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

MALU = "data/reports/2019-06/马陆镇.yaml"
MINZHENG = "data/reports/2018-06/区民政局.yaml"
FANGGUAN = "data/reports/2018-06/区房管局.yaml"

REPORT = """\
unit: {unit}
period: {period}
items:
  {item}:
    state: in_progress
"""


def _report(unit: str, period: str, item: str) -> str:
    return REPORT.format(unit=unit, period=period, item=item)


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True,
                          text=True, encoding="utf-8").stdout


def write(repo: Path, name: str, text: str) -> None:
    path = repo / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No global git configuration, no enclosing repository, no ambient mljy settings."""
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    for var in ("MLJY_PLAN", "MLJY_LANG", "GITHUB_ACTIONS", "GIT_DIR", "GIT_WORK_TREE"):
        monkeypatch.delenv(var, raising=False)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository of reports with one commit holding one valid report; the cwd."""
    root = tmp_path / "reports-repo"
    root.mkdir()
    git(root, "init", "-q")
    git(root, "symbolic-ref", "HEAD", "refs/heads/main")
    git(root, "config", "user.name", "Test")
    git(root, "config", "user.email", "test@example.invalid")
    git(root, "config", "commit.gpgsign", "false")
    write(root, MALU, _report("马陆镇", "2019-06", "J13"))
    write(root, "README.md", "reports\n")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base")
    monkeypatch.chdir(root)
    return root


def validate(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["validate", *args])
    return result.exit_code, result.stdout, result.stderr


def checked(*args: str) -> tuple[int, list[str]]:
    """Run with --format json; the exit code and the files that were validated."""
    code, out, err = validate("--format", "json", *args)
    assert err == "", err
    return code, [f["file"] for f in json.loads(out)["files"]]


@needs_git
def test_committed_changes(repo: Path) -> None:
    write(repo, MALU, _report("马陆镇", "2019-06", "J15"))  # modified
    write(repo, MINZHENG, _report("区民政局", "2018-06", "W12"))  # added
    write(repo, "data/reports/notes.txt", "not yaml\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "June reports")
    assert checked("--changed-since", "HEAD~1") == (0, [MINZHENG, MALU])
    assert checked("--changed-since", "HEAD~1", "data/reports") == (0, [MINZHENG, MALU])
    assert checked("--changed-since", "HEAD~1", "data/reports/2018-06") == (0, [MINZHENG])
    assert changed_files("HEAD~1", ["data/reports/2019-06/"]) == [MALU]


@needs_git
def test_uncommitted_changes(repo: Path) -> None:
    base = git(repo, "rev-parse", "HEAD").strip()
    write(repo, MALU, _report("马陆镇", "2019-06", "J17"))  # modified, not staged
    write(repo, MINZHENG, _report("区民政局", "2018-06", "W12"))  # new, staged
    git(repo, "add", MINZHENG)
    write(repo, FANGGUAN, _report("区房管局", "2018-06", "W22"))  # new, untracked
    write(repo, "data/reports/ignored.yaml", "x: [")  # ignored: never looked at
    write(repo, ".gitignore", "data/reports/ignored.yaml\n")
    assert checked("--changed-since", base) == (0, [FANGGUAN, MINZHENG, MALU])  # sorted
    assert checked("--changed-since", "HEAD") == (0, [FANGGUAN, MINZHENG, MALU])


@needs_git
def test_invalid_changed_report_fails_alone(repo: Path) -> None:
    write(repo, MINZHENG, _report("区民政局", "2018-06", "W12"))
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "valid")
    write(repo, FANGGUAN, "unit: 区房管局\nperiod: 2018-06\nitems:\n  W99:\n    state: done\n")
    code, files = checked("--changed-since", "HEAD")
    assert (code, files) == (2, [FANGGUAN])
    code, out, _ = validate("--changed-since", "HEAD", "--format", "github", "--lang", "en")
    assert code == 2
    assert out.splitlines()[0].startswith(
        f"::error file={FANGGUAN},line=4,col=3,title=mljy unknown-item::no item with id 'W99'")


@needs_git
def test_everything_by_default_only_under_paths_when_given(repo: Path) -> None:
    write(repo, ".github/workflows/ci.yml", "on: push\n")  # YAML, but not a report
    write(repo, MINZHENG, _report("区民政局", "2018-06", "W12"))
    code, files = checked("--changed-since", "HEAD")
    assert (code, files) == (2, [".github/workflows/ci.yml", MINZHENG])
    assert checked("--changed-since", "HEAD", "data/reports") == (0, [MINZHENG])


@needs_git
def test_deleted_and_renamed(repo: Path) -> None:
    write(repo, MINZHENG, _report("区民政局", "2018-06", "W12"))
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "two reports")
    git(repo, "rm", "-q", MALU)
    git(repo, "mv", MINZHENG, "data/reports/2018-06/民政局.yaml")
    git(repo, "commit", "-q", "-m", "rename and delete")
    assert checked("--changed-since", "HEAD~1") == (0, ["data/reports/2018-06/民政局.yaml"])


@needs_git
def test_base_branch_that_moved_on_adds_nothing(repo: Path) -> None:
    git(repo, "checkout", "-q", "-b", "submit")
    write(repo, MINZHENG, _report("区民政局", "2018-06", "W12"))
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "submission")
    git(repo, "checkout", "-q", "main")
    write(repo, FANGGUAN, _report("区房管局", "2018-06", "W22"))
    write(repo, MALU, _report("马陆镇", "2019-06", "J5"))
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "meanwhile on main")
    git(repo, "checkout", "-q", "submit")
    assert checked("--changed-since", "main") == (0, [MINZHENG])


@needs_git
def test_nothing_changed(repo: Path) -> None:
    code, out, err = validate("--changed-since", "HEAD", "--lang", "en")
    assert (code, err) == (0, "")
    assert out.splitlines() == ["no .yaml/.yml files changed since HEAD; nothing to validate"]
    code, out, _ = validate("--changed-since", "HEAD")
    assert code == 0 and len(out.splitlines()) == 1 and "HEAD" in out
    assert validate("--changed-since", "HEAD", "-q") == (0, "", "")
    code, out, _ = validate("--changed-since", "HEAD", "--format", "json")
    assert code == 0 and json.loads(out)["files"] == []
    code, out, _ = validate("--changed-since", "HEAD", "--format", "junit")
    assert code == 0 and 'tests="0"' in out


@needs_git
def test_from_a_subfolder(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(repo, MINZHENG, _report("区民政局", "2018-06", "W12"))
    monkeypatch.chdir(repo / "data")
    assert checked("--changed-since", "HEAD", "reports") == (0, ["reports/2018-06/区民政局.yaml"])


@needs_git
def test_missing_path_is_reported(repo: Path) -> None:
    code, files = checked("--changed-since", "HEAD", "no/such/folder")
    assert (code, files) == (2, ["no/such/folder"])


@needs_git
def test_unknown_ref(repo: Path) -> None:
    code, out, err = validate("--changed-since", "no-such-branch", "--lang", "en")
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        "mljy: cannot list changed files: unknown revision 'no-such-branch'. "
        "--changed-since needs a git repository and an existing commit or branch."]
    code, _, err = validate("--changed-since", "--output=x", "--lang", "en")
    assert code == 2 and "unknown revision '--output=x'" in err
    assert not (repo / "x").exists()


@needs_git
def test_unknown_ref_under_github(repo: Path) -> None:
    code, out, _ = validate("--changed-since", "nope", "--format", "github", "--lang", "en")
    assert code == 2
    assert out.splitlines() == [
        "::error title=mljy git::cannot list changed files: unknown revision 'nope'"
        "%0A--changed-since needs a git repository and an existing commit or branch."]


@needs_git
def test_outside_a_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    outside = tmp_path / "plain"
    outside.mkdir()
    monkeypatch.chdir(outside)
    code, out, err = validate("--changed-since", "HEAD")
    assert (code, out) == (2, "")
    (line,) = err.splitlines()
    assert line.startswith("mljy: 无法取得变更文件列表：not a git repository")
    with pytest.raises(GitError, match="not a git repository"):
        changed_files("HEAD")


def test_git_not_installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    code, _, err = validate("--changed-since", "HEAD", "--lang", "en")
    assert code == 2
    assert err.startswith("mljy: cannot list changed files: git is not installed")
