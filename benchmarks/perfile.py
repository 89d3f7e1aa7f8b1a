"""The per-file cost of ``mljy validate``, apart from start-up: run after ``run.py`` (its reports).

    python benchmarks/perfile.py            # in one process: the 1,000 reports, YAML and workbooks
    python benchmarks/perfile.py --jobs     # whole runs of mljy validate -j 1 and -j 2, interleaved

The first form times :func:`meilijiayuan.run.files.validate_paths` over the benchmark's 1,000
YAML reports without and with the plausibility history, and over the same 1,000 as workbooks
(CPU time, ``time.process_time``; median and fastest of the runs). The second runs the
command itself, alternately with one and two processes (two even where the pool's threshold,
``MIN_FILES_PER_JOB``, would keep one), and gives the median CPU (user + system of the command
and its children) and wall time of each.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parent / "out" / "corpus"


def _files(kind: str) -> list[str]:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import run  # the benchmark's own corpus (reused when up to date)

    sets = run.build_corpus(CORPUS)
    return sets.workbooks if kind == "xlsx" else sets.thousand


def in_process(rounds: int) -> None:
    from meilijiayuan.plan.load import load_plan
    from meilijiayuan.run.files import validate_paths

    yaml, books = _files("yaml"), _files("xlsx")
    os.chdir(CORPUS)
    index, _ = load_plan(None)
    for label, files, history in (("YAML, no history", yaml, False),
                                  ("YAML, with history", yaml, True),
                                  ("workbooks, with history", books, True)):
        validate_paths(files[:50], index, keep=False, history=history)  # warm
        times = []
        for _ in range(rounds):
            started = time.process_time()
            validate_paths(files, index, keep=False, history=history)
            times.append(time.process_time() - started)
        print(f"{label:26s} {len(files)} files: median {statistics.median(times) * 1000:.0f} ms"
              f" CPU, fastest {min(times) * 1000:.0f} ms")


FORKING = """
import sys
from meilijiayuan.entry import main
from meilijiayuan.run import pool
pool.MIN_FILES_PER_JOB = 1  # -j 2 forks whatever the number of files
sys.argv[0] = "mljy"
main()
"""
"""``mljy`` as the console script runs it, but sharing out any number of files when asked."""


def whole_runs(rounds: int) -> None:
    files = _files("yaml")
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("MLJY_") and k != "PYTHONDONTWRITEBYTECODE"}
    env.setdefault("PYTHONPYCACHEPREFIX", str(CORPUS.parent / "pycache"))
    results: dict[str, list[tuple[float, float]]] = {"-j 1": [], "-j 2": []}
    for _ in range(rounds):
        for jobs in results:
            started = time.perf_counter()
            child = subprocess.Popen([sys.executable, "-c", FORKING, "validate", *jobs.split(),
                                      *files], cwd=CORPUS, env=env, stdout=subprocess.DEVNULL)
            _, _, usage = os.wait4(child.pid, 0)
            results[jobs].append((usage.ru_utime + usage.ru_stime,
                                  time.perf_counter() - started))
    for jobs, runs in results.items():
        cpu = statistics.median(c for c, _ in runs) * 1000
        wall = statistics.median(w for _, w in runs) * 1000
        print(f"mljy validate {jobs} (1,000 files): CPU {cpu:.0f} ms, wall {wall:.0f} ms"
              f" (medians of {rounds})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--jobs", action="store_true", help="whole runs, -j 1 against -j 2")
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    (whole_runs if args.jobs else in_process)(args.rounds)


if __name__ == "__main__":
    main()
