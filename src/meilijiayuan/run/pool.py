"""Spreading per-file work over the machine's cores, for runs over many files.

``mljy validate`` and ``mljy status`` read hundreds or thousands of reports, and each file
is independent of the others. Once the run's own start-up is done (imports, the plan), the
process forks: each child takes every n-th file, sends its results back through a pipe
(pickled), and exits; the parent does its own share meanwhile and puts the results back in
the files' order. The output is the same as a serial run, byte for byte.

Forking, not ``multiprocessing``: the children inherit the imported modules and the plan
index, so they start in about a millisecond instead of importing everything again, and
nothing has to be importable or picklable on the way in. Where ``os.fork`` is not safe
(Windows has none; macOS system libraries may not survive it) or would not pay, the work
runs in the one process: see :func:`jobs_for`.

If a child fails in any way (killed, an exception, results that cannot be read), the parent
does that child's share itself, so a problem in a child can only cost time, never a file.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

MIN_FILES_PER_JOB = 150  # below this a fork costs more than it saves (measured: benchmarks/)
ENV_JOBS = "MLJY_JOBS"


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
    """How many processes to use for ``n_items`` files.

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

    ``fn``'s results must pickle. ``jobs <= 1`` runs in this process.
    """
    if jobs <= 1 or len(items) < 2 or not can_fork():
        return [fn(x) for x in items]
    import pickle

    sys.stdout.flush()
    sys.stderr.flush()
    children: list[tuple[int, int, int]] = []  # (share, pid, read end)
    for share in range(1, jobs):
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: its share, the results down the pipe, and out
            code = 0
            try:
                os.close(read_end)
                data = pickle.dumps([fn(x) for x in items[share::jobs]], protocol=5)
                with os.fdopen(write_end, "wb") as pipe:
                    pipe.write(data)
            except BaseException:  # the parent redoes this share
                code = 1
            finally:
                os._exit(code)
        os.close(write_end)
        children.append((share, pid, read_end))

    try:
        shares: dict[int, list[R]] = {0: [fn(x) for x in items[0::jobs]]}
    except BaseException:
        _abandon(children)
        raise
    for share, pid, read_end in children:
        with os.fdopen(read_end, "rb") as pipe:
            data = pipe.read()
        _, status = os.waitpid(pid, 0)
        result: list[R] | None = None
        if status == 0:
            try:
                result = pickle.loads(data)
            except Exception:  # redone below
                result = None
        expected = len(range(share, len(items), jobs))
        if not isinstance(result, list) or len(result) != expected:
            result = [fn(x) for x in items[share::jobs]]
        shares[share] = result

    out: list[R] = []
    iters = [iter(shares[k]) for k in range(jobs)]
    for i in range(len(items)):
        out.append(next(iters[i % jobs]))
    return out


def _abandon(children: list[tuple[int, int, int]]) -> None:
    """The parent stops (Ctrl-C, an error): close the pipes, so a child still writing gets
    EPIPE and exits, and reap every child."""
    for _, _, read_end in children:
        with contextlib.suppress(OSError):
            os.close(read_end)
    for _, pid, _ in children:
        with contextlib.suppress(OSError):
            os.waitpid(pid, 0)
