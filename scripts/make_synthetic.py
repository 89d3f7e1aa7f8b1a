"""Write SYNTHETIC reports for N organisations × M months, to exercise ``mljy status`` at scale.

Every file is a valid report of the bundled plan (or of ``--plan``): each organisation
reports, month by month from ``--start``, every target it must report whose window is
open that month and a few of its ongoing duties. Figures are invented and marked so in
every file; cumulative figures never go down. About one report in twenty is late. The
output is deterministic (a seeded ``random.Random``, no clock): the same arguments write
the same bytes.

    python scripts/make_synthetic.py --orgs 12 --months 36 --out /tmp/synthetic

Organisations are taken in this order: the streets and towns, then the departments that
report a target, then the other organisations with a duty in the plan.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

from meilijiayuan.periods import Month, months_inclusive
from meilijiayuan.plan.index import PlanIndex
from meilijiayuan.plan.load import load_plan
from meilijiayuan.plan.model import Target

SEED = 20180502
MARKER = "# 合成数据"
HEADER = (
    "# 合成数据（SYNTHETIC）：由 scripts/make_synthetic.py 生成，用于测试 mljy 的规模，"
    "不是真实数据。\n"
    "# Synthetic figures written by scripts/make_synthetic.py to test mljy at scale; not real.\n"
)
WHOLE_UNITS = frozenset({"个", "台", "处", "家", "栋"})
LATE_SHARE = 0.05
DUTIES_PER_REPORT = 2


def fmt(x: float) -> str:
    """A YAML number: an integer when whole, else at most two decimals."""
    if float(x).is_integer():
        return str(int(x))
    return f"{x:.2f}".rstrip("0").rstrip(".")


def organisations(index: PlanIndex) -> list[str]:
    """Every organisation that has something to report, in the order described above."""
    towns = [o.name for o in index.organisations.values()
             if o.kind in ("street", "town", "zone")]
    reporters = [o for o in index.organisations
                 if o not in towns and index.reported_targets(o)]
    others = [o for o in index.organisations
              if o not in towns and o not in reporters and index.responsibilities(o)]
    return towns + reporters + others


class Organisation:
    """One organisation's fixed traits: pace, sizes, starting levels and its duties."""

    def __init__(self, index: PlanIndex, name: str, rng: random.Random) -> None:
        self.name = name
        self.rng = rng
        self.pace = rng.uniform(0.65, 1.25)
        self.denominator = {t.id: rng.randint(12, 160) for t in index.reported_targets(name)}
        self.start = {t.id: rng.uniform(30, 75) for t in index.reported_targets(name)}
        self.targets = [t for t in index.reported_targets(name) if not t.parts]
        self.duties = [r.item for r in index.responsibilities(name)
                       if r.item.id not in index.targets and not r.reports
                       and r.item.kind != "task"]
        self.shares = {t.id: len(index.reporters[t.id]) for t in self.targets}

    def items(self, month: Month) -> list[tuple[str, list[tuple[str, str]]]]:
        """The report's items: (id, [(field, YAML text)]) in plan order."""
        out: list[tuple[str, list[tuple[str, str]]]] = []
        asked: set[str] = set()  # targets sharing an indicator are reported once
        for t in self.targets:
            if not t.window.start <= month <= t.window.end:
                continue
            if t.indicator:
                if t.indicator in asked:
                    continue
                asked.add(t.indicator)
            out.append((t.id, self._figure(t, month)))
        duties = [d.id for d in self.duties
                  if d.window is None or d.window[0] <= str(month) <= d.window[1]]
        for duty in duties[:DUTIES_PER_REPORT]:
            state = "blocked" if self.pace < 0.75 and self.rng.random() < 0.2 else "in_progress"
            out.append((duty, [("state", state)]))
        return out

    def _figure(self, t: Target, month: Month) -> list[tuple[str, str]]:
        f = months_inclusive(t.window.start, month) / months_inclusive(t.window.start,
                                                                       t.window.end)
        if t.measure == "milestone":
            if month == t.window.end and self.pace >= 0.9:
                return [("state", "done")]
            return [("state", "not_started" if f < 0.15 else "in_progress")]
        goal = t.value or 0.0
        if t.measure == "rate":
            den = self.denominator[t.id]
            start = self.start[t.id]
            level = start + (min(100.0, goal * self.pace) - start) * f
            num = min(den, max(0, round(den * level / 100)))
            return [("numerator", str(num)), ("denominator", str(den))]
        share = goal / self.shares[t.id] if t.aggregate == "sum" else goal
        value = share * min(1.2, f * self.pace)
        whole = t.unit in WHOLE_UNITS
        return [("value", fmt(round(value) if whole else round(value, 2)))]


def render(org: str, month: Month, submitted: str,
           items: list[tuple[str, list[tuple[str, str]]]]) -> str:
    lines = [HEADER.rstrip("\n"), f"unit: {org}", f"period: {month}",
             f"submitted: {submitted}", "items:"]
    for item_id, fields in items:
        lines.append(f"  {item_id}:")
        lines.extend(f"    {key}: {value}" for key, value in fields)
    return "\n".join(lines) + "\n"


def submitted_on(rng: random.Random, month: Month, due_day: int) -> str:
    """A day of the next month: by the due day, or (one time in twenty) a few days after."""
    nxt = month.plus(1)
    late = rng.random() < LATE_SHARE
    day = rng.randint(due_day + 1, due_day + 7) if late else rng.randint(1, due_day)
    return f"{nxt}-{day:02d}"


def generate(index: PlanIndex, n_orgs: int, n_months: int, out: Path, *,
             start: Month | None = None, seed: int = SEED) -> list[Path]:
    """Write the reports; returns the paths written."""
    names = organisations(index)
    if n_orgs > len(names):
        raise ValueError(f"--orgs {n_orgs}: the plan has {len(names)} organisations to report")
    first = start or index.meta.window.start
    available = months_inclusive(first, index.meta.window.end)
    if n_months > available:
        raise ValueError(f"--months {n_months}: the plan has {available} months from {first}")
    rng = random.Random(seed)
    orgs = [Organisation(index, name, rng) for name in names[:n_orgs]]
    written: list[Path] = []
    for i in range(n_months):
        month = first.plus(i)
        folder = out / str(month)
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("*.yaml"):  # only files this script wrote
            if old.read_text(encoding="utf-8").startswith(MARKER):
                old.unlink()
        for org in orgs:
            items = org.items(month)
            if not items:
                continue
            path = folder / f"{org.name}.yaml"
            submitted = submitted_on(rng, month, index.meta.report_due_day)
            path.write_text(render(org.name, month, submitted, items), encoding="utf-8")
            written.append(path)
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--orgs", type=int, default=12, help="number of organisations")
    parser.add_argument("--months", type=int, default=36, help="number of months")
    parser.add_argument("--out", type=Path, required=True, help="folder to write into")
    parser.add_argument("--start", default=None, help="first month, YYYY-MM (default: plan start)")
    parser.add_argument("--plan", default=None, help="plan file (default: as mljy)")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args()
    index, findings = load_plan(args.plan)
    if index is None:
        for f in findings:
            print(f"{f.location()}: {f.message('en')}", file=sys.stderr)
        return 2
    try:
        paths = generate(index, args.orgs, args.months, args.out,
                         start=Month.parse(args.start) if args.start else None, seed=args.seed)
    except ValueError as exc:
        print(f"make_synthetic: {exc}", file=sys.stderr)
        return 2
    print(f"wrote {len(paths)} synthetic reports under {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
