"""Time mljy against its peers, check-jsonschema and yamllint, side by side in one run.

    pip install -e ".[bench]" && python benchmarks/run.py            # about 3 minutes
    python benchmarks/run.py --quick                                 # 5 rounds

Every command is a real process, started the way a user or pre-commit starts it. The
commands run interleaved: each round runs every command once (the sub-second ones
``--repeat`` times), those compared with each other back to back, in a fresh order, so
whatever else the machine is doing weighs on all of them alike. The table gives the median
of the runs (wall clock, and user + system CPU time) and the peak memory (the largest
maximum resident set size of the child, from ``wait4``); then the ratios, each the median
of the pairs' own ratios, against the targets of issue #8. Commands that do not exist
(yet) are reported as n/a.

The reports are generated deterministically by ``scripts/make_synthetic.py`` (valid
reports of the bundled plan) under ``benchmarks/out/`` (ignored by git) and reused while
the generator and the plan are unchanged. See ``benchmarks/README.md``.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "out"
BIN = Path(sys.executable).parent
GENERATOR = ROOT / "scripts" / "make_synthetic.py"

VERSIONS = 7  # reports per organisation and month in the large sets: the first, then corrections
THOUSAND = 1_000
TEN_THOUSAND = 10_000


@dataclass
class Case:
    """One command to time, and what the rounds measured."""

    key: str
    label: str
    argv: list[str]
    ok: tuple[int, ...] = (0,)  # exit codes that mean the command did its job
    files: int = 0
    na: str | None = None  # why it was not run
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    rss: list[int] = field(default_factory=list)

    def median(self, what: str) -> float | None:
        values = getattr(self, what)
        return statistics.median(values) if values else None


# --- the reports ---------------------------------------------------------------------------


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_synthetic", GENERATOR)
    if spec is None or spec.loader is None or not GENERATOR.is_file():
        sys.exit(f"run.py: {GENERATOR} is missing: it writes the reports to time")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _bundled_plan() -> Path:
    """The plan mljy uses when none is named (found without importing the package)."""
    spec = importlib.util.find_spec("meilijiayuan")
    if spec is None or spec.origin is None:
        sys.exit('run.py: mljy is not installed: pip install -e ".[bench]"')
    return Path(spec.origin).parent / "data" / "plan.yaml"


def _stamp() -> str:
    """Changes whenever the generated reports would: the generator, the plan, this layout."""
    digest = hashlib.sha256(GENERATOR.read_bytes())
    digest.update(_bundled_plan().read_bytes())
    digest.update(f"layout 2, {VERSIONS} versions".encode())
    return digest.hexdigest()


def _resubmit(folder: Path, version_no: int) -> None:
    """Version k ≥ 1 of a month's report is a correction: sent later, on day 12 + 2k.

    The first versions are sent by day 12 (the due day, or up to a week late), so every
    correction is strictly later and replaces the one before it (no duplicate-report).
    """
    day = 12 + 2 * version_no
    pattern = re.compile(r"^submitted: (\d{4}-\d{2})-\d{2}$", re.MULTILINE)
    for path in folder.rglob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        path.write_text(pattern.sub(rf"submitted: \g<1>-{day:02d}", text), encoding="utf-8")


def _materialise(files: list[Path], source: Path, target: Path) -> None:
    """A folder holding exactly ``files`` (hard links where the file system allows)."""
    shutil.rmtree(target, ignore_errors=True)
    for f in files:
        dest = target / f.relative_to(source)
        dest.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(f, dest)
        except OSError:
            shutil.copyfile(f, dest)


@dataclass(frozen=True)
class Sets:
    """The inputs of the cases, relative to the corpus folder (the commands' working folder)."""

    one: str  # a single report
    thousand: list[str]  # 1,000 reports, each organisation's first version
    status_432: int  # files in status-12x36/
    workbooks: list[str] = field(default_factory=list)  # the same 1,000 reports as .xlsx


def generate(corpus: Path) -> None:
    """Write the reports: VERSIONS of every organisation's 36 months, and 12 × 36 once.

    Runs in a process of its own (``--generate``), so that the process timing the
    commands stays small: a child's peak memory counts its parent's until ``exec``.
    """
    synth = _generator()
    from meilijiayuan.plan.load import load_plan

    index, findings = load_plan(str(_bundled_plan()))
    assert index is not None, [f.message("en") for f in findings]
    months = synth.months_inclusive(index.meta.window.start, index.meta.window.end)
    every_org = len(synth.organisations(index))
    for k in range(VERSIONS):
        folder = corpus / "versions" / f"v{k}"
        synth.generate(index, every_org, months, folder, seed=synth.SEED + k)
        if k:
            _resubmit(folder, k)
    synth.generate(index, 12, 36, corpus / "status-12x36")


def build_corpus(corpus: Path) -> Sets:
    """Write (or reuse) every report set."""
    stamp_file = corpus / "STAMP"
    stamp = _stamp()
    if not (stamp_file.is_file() and stamp_file.read_text() == stamp):
        started = time.perf_counter()
        shutil.rmtree(corpus, ignore_errors=True)
        corpus.mkdir(parents=True)
        subprocess.run([sys.executable, __file__, "--generate", str(corpus)], check=True)
        stamp_file.write_text(stamp)
        print(f"generated the reports in {time.perf_counter() - started:.1f} s", flush=True)
    versions = corpus / "versions"
    first = sorted((versions / "v0").rglob("*.yaml"))  # by month, then organisation
    # the large sets grow by months, each month with every organisation's VERSIONS reports
    every = sorted(versions.rglob("*.yaml"),
                   key=lambda p: (p.parent.name, p.parent.parent.name, p.name))
    if len(every) < TEN_THOUSAND or len(first) < THOUSAND:
        sys.exit(f"run.py: only {len(every)} reports were generated")
    for n in (THOUSAND, TEN_THOUSAND):
        target = corpus / f"status-{n}"
        marker = target / "COUNT"
        if not (marker.is_file() and marker.read_text() == stamp):
            _materialise(every[:n], versions, target)
            marker.write_text(stamp)
    mid = sorted((versions / "v0" / "2019-06").glob("*.yaml"), key=lambda p: -p.stat().st_size)
    thousand = [str(p.relative_to(corpus)) for p in first[:THOUSAND]]
    books = corpus / "workbooks-1000"
    if not ((books / "COUNT").is_file() and (books / "COUNT").read_text() == stamp):
        shutil.rmtree(books, ignore_errors=True)
        subprocess.run([sys.executable, __file__, "--workbooks", str(corpus)], check=True)
        (books / "COUNT").write_text(stamp)
    return Sets(
        one=str(mid[0].relative_to(corpus)),  # the largest report of a month mid-plan
        thousand=thousand,
        status_432=len(list((corpus / "status-12x36").rglob("*.yaml"))),
        workbooks=[str(Path("workbooks-1000") / f"{i:04d}.xlsx") for i in range(len(thousand))],
    )


def make_workbooks(corpus: Path) -> None:
    """The 1,000 reports of the validate cases, each converted to a workbook (as
    ``mljy convert --to xlsx`` writes it), into workbooks-1000/NNNN.xlsx."""
    from meilijiayuan.output.template_xlsx import workbook_bytes
    from meilijiayuan.plan.load import load_plan
    from meilijiayuan.report.validate import validate_file

    index, _ = load_plan(str(_bundled_plan()))
    assert index is not None
    first = sorted((corpus / "versions" / "v0").rglob("*.yaml"))[:THOUSAND]
    target = corpus / "workbooks-1000"
    target.mkdir(parents=True, exist_ok=True)
    for i, path in enumerate(first):
        result = validate_file(str(path), index)
        assert result.report is not None, path
        org = result.unit or result.report.unit
        data = workbook_bytes(index, org, result.report.period, report=result.report)
        (target / f"{i:04d}.xlsx").write_bytes(data)


# --- running -------------------------------------------------------------------------------


def child_env(out: Path) -> dict[str, str]:
    """The environment of every timed command: as the user's, minus what changes the run."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("MLJY_") and k not in ("GITHUB_ACTIONS", "PYTHONDONTWRITEBYTECODE")}
    # Byte-code caches as an installed tool has them, kept out of the source tree (pyc
    # files are compiled by the warm-up run; an editable install has none of its own).
    env.setdefault("PYTHONPYCACHEPREFIX", str(out / "pycache"))
    env["PYTHONIOENCODING"] = "utf-8"
    return env


# A child's peak memory (ru_maxrss) starts from its parent's size at fork, so each command
# is started by this small launcher (python -I -S, a few MiB), which also times it.
LAUNCHER = """
import os, sys, time
argv = sys.argv[1:]
null = os.open(os.devnull, os.O_RDWR)
started = time.perf_counter()
pid = os.fork()
if pid == 0:
    for fd in (0, 1, 2):
        os.dup2(null, fd)
    try:
        os.execvp(argv[0], argv)
    finally:
        os._exit(127)
_, status, usage = os.wait4(pid, 0)
wall = time.perf_counter() - started
print(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, os.waitstatus_to_exitcode(status))
"""


def run_once(case: Case, cwd: Path, env: dict[str, str]) -> tuple[float, float, int, int]:
    """(wall seconds, CPU seconds, max RSS bytes, exit code) of one run of ``case``."""
    proc = subprocess.run([sys.executable, "-I", "-S", "-c", LAUNCHER, *case.argv], cwd=cwd,
                          env=env, capture_output=True, text=True, check=True)
    wall, cpu, rss_kib, code = proc.stdout.split()
    return float(wall), float(cpu), int(rss_kib) * 1024, int(code)


def warm_up(case: Case, cwd: Path, env: dict[str, str]) -> None:
    """One untimed run: compiles byte code, fills the page cache, checks the exit code."""
    proc = subprocess.run(case.argv, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    if proc.returncode not in case.ok:
        tail = proc.stderr.decode("utf-8", "replace").strip().splitlines()[-3:]
        case.na = f"failed: exit {proc.returncode}" + (f" ({' / '.join(tail)})" if tail else "")


def executable(name: str) -> str | None:
    found = BIN / name
    if found.is_file():
        return str(found)
    return shutil.which(name)


def make_cases(corpus: Path, sets: Sets, mljy_argv: list[str]) -> list[Case]:
    py = sys.executable
    cj, yl = executable("check-jsonschema"), executable("yamllint")
    one, thousand = sets.one, sets.thousand
    schema = str(corpus / "schema-report.json")
    cases = [
        Case("pass", "python -c pass", [py, "-c", "pass"]),
        Case("help", "mljy --help", [*mljy_argv, "--help"]),
        Case("v1", "mljy validate (1 file)", [*mljy_argv, "validate", one], files=1),
        Case("v1000", "mljy validate (1,000 files)", [*mljy_argv, "validate", *thousand],
             files=THOUSAND),
        Case("vx1000", "mljy validate (the same 1,000 as workbooks)",
             [*mljy_argv, "validate", *sets.workbooks], files=THOUSAND),
        Case("check1", "mljy check (1 file)", [*mljy_argv, "check", one], ok=(0, 1), files=1),
        Case("s432", f"mljy status (12 orgs × 36 months, {sets.status_432} files)",
             [*mljy_argv, "status", "status-12x36"], ok=(0, 1), files=sets.status_432),
        Case("s1000", "mljy status (1,000 files)", [*mljy_argv, "status", f"status-{THOUSAND}"],
             ok=(0, 1), files=THOUSAND),
        Case("s10000", "mljy status (10,000 files)",
             [*mljy_argv, "status", f"status-{TEN_THOUSAND}"], ok=(0, 1), files=TEN_THOUSAND),
        Case("cj1", "check-jsonschema (1 file)", [cj or "check-jsonschema", "--schemafile",
                                                  schema, one], files=1),
        Case("cj1000", "check-jsonschema (1,000 files)",
             [cj or "check-jsonschema", "--schemafile", schema, *thousand], files=THOUSAND),
        Case("yl1", "yamllint (1 file)", [yl or "yamllint", "-d", "default", one], ok=(0, 1),
             files=1),
        Case("yl1000", "yamllint (1,000 files)", [yl or "yamllint", "-d", "default", *thousand],
             ok=(0, 1), files=THOUSAND),
    ]
    for case in cases:
        if case.key.startswith("cj") and cj is None:
            case.na = 'n/a: check-jsonschema not installed (pip install -e ".[bench]")'
        if case.key.startswith("yl") and yl is None:
            case.na = 'n/a: yamllint not installed (pip install -e ".[bench]")'
    return cases


BLOCKS = (("pass", "help"), ("check1", "cj1", "v1", "yl1"),
          ("v1000", "cj1000", "yl1000", "vx1000"),
          ("s432",), ("s1000", "s10000"))
"""Commands compared with each other run back to back, in a new order each round, and each
ratio is the median of the rounds' ratios: load that comes and goes (other jobs on the
machine) then weighs on both sides of a ratio alike."""
SHORT_BLOCKS = (0, 1)
"""The blocks of sub-second commands: run ``--repeat`` times a round (a new order each time),
so their ratios are medians of that many more pairs. A pair of 0.3 s runs on a shared
machine is easily 20 % apart either way; the long commands average that out themselves."""


def blocks(cases: list[Case]) -> list[list[Case]]:
    """The cases, grouped as in BLOCKS."""
    by_key = {c.key: c for c in cases}
    return [[by_key[k] for k in block] for block in BLOCKS]


def command_exists(mljy_argv: list[str], command: str, env: dict[str, str]) -> bool:
    proc = subprocess.run([*mljy_argv, command, "--help"], env=env, capture_output=True,
                          check=False)
    return proc.returncode == 0


# --- reporting -----------------------------------------------------------------------------


def _seconds(x: float | None) -> str:
    if x is None:
        return "n/a"
    return f"{x * 1000:.0f} ms" if x < 1 else f"{x:.2f} s"


def _version(dist: str) -> str:
    try:
        return version(dist)
    except PackageNotFoundError:
        return "not installed"


def machine() -> dict[str, str]:
    model = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        model = platform.processor() or "?"
    try:
        import yaml

        libyaml = "with libyaml" if yaml.__with_libyaml__ else "WITHOUT libyaml"
    except ImportError:
        libyaml = "?"
    packages = ", ".join(f"{d} {_version(d)}" for d in (
        "meilijiayuan", "typer", "pydantic", "PyYAML", "rich", "check-jsonschema", "yamllint"))
    return {
        "cpus": str(os.cpu_count()),
        "cpu": model,
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "os": f"{platform.system()} {platform.release()}",
        "packages": f"{packages} ({libyaml})",
    }


def ratio_rows(cases: dict[str, Case]) -> list[tuple[str, str, str, str, str]]:
    """(what, measured on wall time, same on CPU time, target, verdict) per target."""
    def m(key: str, what: str = "wall") -> float | None:
        case = cases[key]
        return None if case.na else case.median(what)

    def ratio(a: str, b: str, what: str = "wall", scale: float = 1.0) -> float | None:
        """The median over the rounds of a's time ÷ b's time in the same round."""
        if cases[a].na or cases[b].na:
            return None
        xs: list[float] = getattr(cases[a], what)
        ys: list[float] = getattr(cases[b], what)
        return statistics.median(x / y * scale for x, y in zip(xs, ys, strict=True))

    def fmt(x: float | None, unit: str = "×") -> str:
        return "n/a" if x is None else (f"{x:.2f}{unit}" if unit == "×" else _seconds(x))

    def verdict(x: float | None, limit: float) -> str:
        return "n/a" if x is None else ("met" if x <= limit else f"MISSED by {x / limit:.2f}×")

    rows = []
    for what, a, b, limit in (
        ("mljy --help ÷ python -c pass", "help", "pass", 8.0),
        ("mljy check (1) ÷ check-jsonschema (1)", "check1", "cj1", 0.7),
        ("mljy validate (1,000) ÷ check-jsonschema (1,000)", "v1000", "cj1000", 0.15),
        ("mljy validate (1,000) ÷ yamllint (1,000)", "v1000", "yl1000", 0.12),
        ("mljy validate: 1,000 workbooks ÷ the same 1,000 as YAML", "vx1000", "v1000", 3.0),
        ("mljy validate (1) ÷ check-jsonschema (1)", "v1", "cj1", None),
        ("mljy validate (1) ÷ yamllint (1)", "v1", "yl1", None),
    ):
        r = ratio(a, b)
        rows.append((what, fmt(r), fmt(ratio(a, b, "cpu")),
                     "" if limit is None else f"≤ {limit:g}×",
                     "" if limit is None else verdict(r, limit)))
    s432 = m("s432")
    rows.append((cases["s432"].label, fmt(s432, "s"), fmt(m("s432", "cpu"), "s"), "≤ 0.5 s",
                 verdict(s432, 0.5)))
    per_report = THOUSAND / TEN_THOUSAND  # (t10000 / 10,000) ÷ (t1000 / 1,000)
    grow = ratio("s10000", "s1000", scale=per_report)
    rows.append(("mljy status: cost per report at 10,000 ÷ at 1,000", fmt(grow),
                 fmt(ratio("s10000", "s1000", "cpu", per_report)), "≤ 1.2×", verdict(grow, 1.2)))
    t1, t10 = m("s1000"), m("s10000")
    if t1 is not None and t10 is not None:
        marginal = (t10 - t1) / (TEN_THOUSAND - THOUSAND) / (t1 / THOUSAND)
        rows.append(("  (each report beyond 1,000 ÷ cost per report at 1,000)", fmt(marginal),
                     "", "", ""))
    rss = None if cases["s10000"].na or not cases["s10000"].rss else max(cases["s10000"].rss)
    rows.append(("mljy status (10,000 files): peak memory",
                 "n/a" if rss is None else f"{rss / 2**20:.0f} MiB", "", "< 300 MB",
                 "n/a" if rss is None else ("met" if rss < 300e6 else "MISSED")))
    return rows


def report(cases: list[Case], info: dict[str, str], rounds: int, repeat: int,
           load: tuple[str, str], elapsed: float) -> str:
    lines = [
        f"Machine: {info['cpus']} CPUs, {info['cpu']}; {info['python']}; {info['os']}",
        f"Packages: {info['packages']}",
        f"Rounds: {rounds} (median of each; the one-file commands and --help {repeat}× a round);"
        f" load average before {load[0]}, after {load[1]}; {elapsed:.0f} s in all",
        "",
        "| command | wall (median) | wall (fastest) | CPU (median) | peak RSS | per file |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for c in cases:
        if c.na:
            lines.append(f"| {c.label} | {c.na} | | | | |")
            continue
        wall, cpu = c.median("wall"), c.median("cpu")
        per = f"{wall / c.files * 1e6:.0f} µs" if wall is not None and c.files > 1 else ""
        lines.append(f"| {c.label} | {_seconds(wall)} | {_seconds(min(c.wall))} | "
                     f"{_seconds(cpu)} | {max(c.rss) / 2**20:.0f} MiB | {per} |")
    lines += ["", "| target (issue #8) | wall | CPU | target | verdict |",
              "|---|---:|---:|---|---|"]
    lines += [f"| {' | '.join(row)} |" for row in ratio_rows({c.key: c for c in cases})]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=None,
                        help="rounds of every command (default 9; 5 with --quick)")
    parser.add_argument("--quick", action="store_true", help="5 rounds instead of 9")
    parser.add_argument("--repeat", type=int, default=3,
                        help="runs of each one-file command and --help per round (default 3)")
    parser.add_argument("--out", type=Path, default=OUT,
                        help="where the reports and byte-code caches go (benchmarks/out)")
    parser.add_argument("--json", type=Path, default=None, help="also write the raw figures here")
    parser.add_argument("--generate", type=Path, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--workbooks", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.generate:
        generate(args.generate)
        return 0
    if args.workbooks:
        make_workbooks(args.workbooks)
        return 0
    rounds = args.rounds or (5 if args.quick else 9)
    if rounds < 1:
        parser.error("--rounds must be at least 1")
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    started = time.perf_counter()
    corpus = args.out.resolve() / "corpus"
    sets = build_corpus(corpus)
    env = child_env(args.out.resolve())
    mljy = executable("mljy")
    mljy_argv = [mljy] if mljy else [sys.executable, "-m", "meilijiayuan"]
    proc = subprocess.run([*mljy_argv, "schema", "report", "--out",
                           str(corpus / "schema-report.json")],
                          env=env, capture_output=True, check=False)
    cases = make_cases(corpus, sets, mljy_argv)
    if proc.returncode != 0:
        for c in cases:
            if c.key.startswith("cj"):
                c.na = "n/a: mljy schema report failed"
    if not command_exists(mljy_argv, "status", env):
        for c in cases:
            if c.key.startswith("s"):
                c.na = "n/a: mljy status does not exist yet"
    load_before = "{:.2f} {:.2f} {:.2f}".format(*os.getloadavg())
    print(f"warming up {sum(not c.na for c in cases)} commands…", flush=True)
    for case in cases:
        if not case.na:
            warm_up(case, corpus, env)
    for r in range(rounds):
        rng = random.Random(r)  # a new order each round, the same on every machine
        order = [[c for c in block if not c.na] for i, block in enumerate(blocks(cases))
                 for _ in range(args.repeat if i in SHORT_BLOCKS else 1)]
        rng.shuffle(order)
        for block in order:
            rng.shuffle(block)
            for case in block:
                wall, cpu, rss, code = run_once(case, corpus, env)
                if code not in case.ok:
                    case.na = f"failed: exit {code} in round {r + 1}"
                    continue
                case.wall.append(wall)
                case.cpu.append(cpu)
                case.rss.append(rss)
        print(f"round {r + 1}/{rounds} done", flush=True)
    load_after = "{:.2f} {:.2f} {:.2f}".format(*os.getloadavg())
    info = machine()
    text = report(cases, info, rounds, args.repeat, (load_before, load_after),
                  time.perf_counter() - started)
    print()
    print(text)
    if args.json:
        args.json.write_text(json.dumps({
            "machine": info, "rounds": rounds, "repeat": args.repeat,
            "cases": [{"key": c.key, "label": c.label, "files": c.files, "na": c.na,
                       "wall": c.wall, "cpu": c.cpu, "rss": c.rss} for c in cases],
        }, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
