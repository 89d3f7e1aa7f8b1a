"""Write src/meilijiayuan/data/plan.compiled: the bundled plan, validated ahead of time.

Run it after changing data/plan.yaml or the models (src/meilijiayuan/models.py, periods.py,
units.py); ``tests/unit/plan/test_compiled_plan.py`` fails until you do. Until then mljy is only
slower, never wrong: a compiled plan whose bytes or code fingerprint differ is not used
(see src/meilijiayuan/compiled.py).

    python scripts/compile_plan.py [--check]

``--check`` writes nothing and exits 1 when the compiled plan is missing or stale.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from meilijiayuan.plan import compiled
from meilijiayuan.plan.load import load_plan

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "data" / "plan.yaml"


def build() -> bytes:
    """The compiled file for the bundled plan; refuses a plan with any finding."""
    index, findings = load_plan(str(PLAN), compiled=False)
    if findings or index is None:
        lines = "\n".join(f"  {f.code}: {f.message('en')}" for f in findings)
        raise SystemExit(f"{PLAN}: not compiled, the plan has findings:\n{lines}")
    return compiled.dump(index.plan, PLAN.read_bytes())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 if the compiled plan is missing or stale")
    args = parser.parse_args(argv)
    target = compiled.compiled_path()
    if args.check:
        current = compiled.load(str(PLAN), target)
        fresh, _ = load_plan(str(PLAN), compiled=False)
        if current is None or fresh is None or current != fresh.plan:
            print(f"{target}: missing or stale; run python scripts/compile_plan.py")
            return 1
        print(f"{target}: up to date")
        return 0
    blob = build()
    target.write_bytes(blob)
    print(f"{target}: {len(blob):,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
