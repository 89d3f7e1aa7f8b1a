"""Spreading per-file work over the machine's cores, for runs over many files.

``mljy validate``, ``mljy check --reports`` and ``mljy status`` read hundreds or thousands of
reports, and each file is independent of the others. Once the run's own start-up is done
(imports, the plan), the standard library's process pool starts its workers by forking: they
inherit the imported modules and the plan index, so they start in about a millisecond
instead of importing everything again, and the work function need not be picklable. Each
worker takes every n-th file, the parent does its own share meanwhile, and the results are
put back in the files' order: the output is the same as a serial run, byte for byte. Where
``fork`` is not safe (Windows has none; macOS system libraries may not survive it) or would
not pay, the work runs in the one process: see :func:`jobs_for`.

If a worker fails in any way (killed, an exception, results that cannot be sent back), the
parent does that share itself, so a problem in a worker can only cost time, never a file.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

MIN_FILES_PER_JOB = 1000  # below this a fork costs more than it saves (benchmarks/README.md)
ENV_JOBS = "MLJY_JOBS"

_work: tuple[Callable[[Any], Any], Sequence[Any]] | None = None
"""The function and items of the map under way: set before the pool forks, so the workers
inherit them instead of receiving them pickled."""


def can_fork() -> bool:
    """Whether this platform forks safely (Linux and the BSDs; not Windows, not macOS)."""
    return hasattr(os, "fork") and sys.platform != "darwin"


def cpu_count() -> int:
    """The CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def jobs_for(n_items: int, requested: int | None = None) -> int:
    """How many processes to use for ``n_items`` files (a workbook counts as several: see
    :data:`meilijiayuan.run.files.WORKBOOK_WORK`).

    ``requested`` (``--jobs``; else the ``MLJY_JOBS`` variable) > 0 is taken as the most to
    use; 0 or nothing means one per CPU. Either way each process gets at least
    :data:`MIN_FILES_PER_JOB` files, and under pre-commit (which already runs hooks in one
    process per CPU) the default is one.
    """
    if requested is None:
        env = os.environ.get(ENV_JOBS, "").strip()
        requested = int(env) if env.isdigit() else 0
        if not env and os.environ.get("PRE_COMMIT"):
            requested = 1
    most = requested if requested > 0 else cpu_count()
    if most <= 1 or not can_fork():
        return 1
    return max(1, min(most, n_items // MIN_FILES_PER_JOB))


def fork_map(fn: Callable[[T], R], items: Sequence[T], jobs: int) -> list[R]:
    """``[fn(x) for x in items]``, computed by ``jobs`` processes; same result, same order.

    ``fn``'s results must pickle (a result that does not is computed again here).
    ``jobs <= 1`` runs in this process.
    """
    global _work
    if jobs <= 1 or len(items) < 2 or not can_fork():
        return [fn(x) for x in items]
    # imported here: a run in one process (one file, pre-commit, -j 1) never pays for them
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    sys.stdout.flush()
    sys.stderr.flush()
    _work = (fn, items)
    try:
        # with "fork" the pool starts every worker at once, before any thread of its own
        with ProcessPoolExecutor(jobs - 1, mp_context=multiprocessing.get_context("fork")) as pool:
            futures = [pool.submit(_share, share, jobs) for share in range(1, jobs)]
            shares: list[list[R]] = [[fn(x) for x in items[0::jobs]]]
            for share, future in enumerate(futures, start=1):
                try:
                    result: list[R] = future.result()
                except Exception:  # killed, raised, or unpicklable: done again here
                    result = [fn(x) for x in items[share::jobs]]
                shares.append(result)
    finally:
        _work = None
    iters = [iter(s) for s in shares]
    return [next(iters[i % jobs]) for i in range(len(items))]


def _share(start: int, step: int) -> list[Any]:
    """A worker's share of the map under way (see :data:`_work`)."""
    assert _work is not None, "the pool forked before the work was set"
    fn, items = _work
    return [fn(x) for x in items[start::step]]
