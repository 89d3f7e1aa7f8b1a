"""meilijiayuan.run.pool: the same results in the same order as a serial run, whatever a
child does."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from meilijiayuan.plan.index import PlanIndex
from meilijiayuan.run import pool as parallel
from meilijiayuan.run.pool import MIN_FILES_PER_JOB, fork_map, jobs_for

pytestmark = pytest.mark.skipif(not parallel.can_fork(), reason="no safe fork here")

PARENT = os.getpid()


def _square(x: int) -> tuple[int, int]:
    return x, x * x


@pytest.mark.parametrize("jobs", [1, 2, 3, 5])
@pytest.mark.parametrize("n", [0, 1, 2, 7, 50])
def test_same_as_serial(jobs: int, n: int) -> None:
    items = list(range(n))
    assert fork_map(_square, items, jobs) == [_square(x) for x in items]


def test_work_really_happens_in_children() -> None:
    pids = fork_map(lambda _: os.getpid(), list(range(40)), 4)
    assert pids[0::4] == [PARENT] * 10
    assert all(p != PARENT for i, p in enumerate(pids) if i % 4)


def _fails_in_child(x: int) -> int:
    if os.getpid() != PARENT and x == 3:
        raise RuntimeError("a bug that only shows in a child")
    return x + 1


def _dies_in_child(x: int) -> int:
    if os.getpid() != PARENT:
        os._exit(9)
    return x + 1


def _unpicklable_in_child(x: int) -> object:
    if os.getpid() != PARENT:
        return lambda: x  # cannot be pickled: the child's share is lost
    return x


@pytest.mark.parametrize("fn", [_fails_in_child, _dies_in_child])
def test_a_failing_child_costs_time_not_results(fn: object) -> None:
    items = list(range(20))
    assert fork_map(fn, items, 3) == [x + 1 for x in items]  # type: ignore[arg-type]


def test_results_a_child_cannot_send_are_recomputed() -> None:
    assert fork_map(_unpicklable_in_child, list(range(9)), 3) == list(range(9))


def test_an_error_in_the_parent_share_propagates_and_reaps_children() -> None:
    def boom(x: int) -> int:
        if os.getpid() == PARENT and x == 4:
            raise ValueError("parent")
        return x

    with pytest.raises(ValueError, match="parent"):
        fork_map(boom, list(range(12)), 2)
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)  # no child left behind


def test_jobs_for(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MLJY_JOBS", raising=False)
    monkeypatch.delenv("PRE_COMMIT", raising=False)
    monkeypatch.setattr(parallel, "cpu_count", lambda: 4)
    assert jobs_for(10) == 1  # too few files to pay for a fork
    assert jobs_for(2 * MIN_FILES_PER_JOB) == 2
    assert jobs_for(100 * MIN_FILES_PER_JOB) == 4
    assert jobs_for(100 * MIN_FILES_PER_JOB, requested=1) == 1
    assert jobs_for(100 * MIN_FILES_PER_JOB, requested=3) == 3
    monkeypatch.setenv("MLJY_JOBS", "2")
    assert jobs_for(100 * MIN_FILES_PER_JOB) == 2
    monkeypatch.setenv("MLJY_JOBS", "")
    monkeypatch.setenv("PRE_COMMIT", "1")
    assert jobs_for(100 * MIN_FILES_PER_JOB) == 1  # pre-commit runs one hook per CPU already
    monkeypatch.setenv("MLJY_JOBS", "4")
    assert jobs_for(100 * MIN_FILES_PER_JOB) == 4  # unless asked
    monkeypatch.setattr(parallel.sys, "platform", "darwin")
    assert jobs_for(100 * MIN_FILES_PER_JOB) == 1


# --- mljy validate over many files: the same output with any number of processes --------

ROOT = __import__("pathlib").Path(__file__).resolve().parents[3]
MANY = [str(ROOT / "data" / "reports"), str(ROOT / "tests" / "fixtures" / "hostile"),
        str(ROOT / "tests" / "fixtures" / "ci")]


@pytest.mark.parametrize("fmt", ["table", "json", "github", "junit"])
def test_validate_output_does_not_depend_on_jobs(fmt: str,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from meilijiayuan.cli import app

    monkeypatch.setattr(parallel, "MIN_FILES_PER_JOB", 10)  # fork on this small a set too
    monkeypatch.delenv("PRE_COMMIT", raising=False)
    outputs = []
    for jobs in ("1", "2", "3"):
        result = CliRunner().invoke(app, ["validate", "-f", fmt, "-j", jobs, "-v", *MANY],
                                    env={"COLUMNS": "160"})
        outputs.append((result.exit_code, result.output))
    assert outputs[0][0] == 2  # the hostile corpus: errors
    assert outputs[1] == outputs[0] and outputs[2] == outputs[0]


def test_jobs_option_is_checked() -> None:
    from typer.testing import CliRunner

    from meilijiayuan.cli import app

    result = CliRunner().invoke(app, ["validate", "-j", "-1", str(ROOT / "data" / "reports")])
    assert result.exit_code == 2


def test_a_workbook_weighs_as_ten_files_when_sharing_out(monkeypatch: pytest.MonkeyPatch,
                                                         tmp_path: Path, index: PlanIndex) -> None:
    """200 workbooks are as much work as 2,000 YAML files: two processes; 200 YAML files,
    one (a fork would cost more than it saves)."""
    from meilijiayuan.run import files

    monkeypatch.delenv("MLJY_JOBS", raising=False)
    monkeypatch.delenv("PRE_COMMIT", raising=False)
    monkeypatch.setattr(parallel, "cpu_count", lambda: 4)
    asked: list[int] = []

    def record(fn: Any, items: list[Any], jobs: int) -> list[Any]:
        asked.append(jobs)
        return [fn(item) for item in items]

    monkeypatch.setattr(files, "fork_map", record)
    for suffix in (".xlsx", ".yaml"):
        folder = tmp_path / suffix[1:]
        folder.mkdir()
        for i in range(200):
            (folder / f"r{i}{suffix}").write_bytes(b"")
        files.validate_paths([str(folder)], index, jobs=None, keep=False)
    assert asked == [2, 1]
