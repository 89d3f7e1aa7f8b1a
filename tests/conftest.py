"""Shared fixtures: the bundled plan, indexed once per test session."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from meilijiayuan.plan.index import PlanIndex
from meilijiayuan.plan.load import load_plan

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
PLAN_PATH = ROOT / "data" / "plan.yaml"


@pytest.fixture(scope="session")
def index() -> PlanIndex:
    plan, findings = load_plan(str(PLAN_PATH), compiled=False)
    assert plan is not None, [f.message("en") for f in findings]
    return plan


def _register_hypothesis_profiles() -> None:
    """``ci`` (the default): bounded and reproducible; ``long``: HYPOTHESIS_PROFILE=long.

    ``tests/acceptance/test_fuzz.py`` takes its example counts from the loaded profile, so the long
    run (docs/bad-input.md) is the same tests with 10,000 examples each.
    """
    import os

    from hypothesis import HealthCheck, settings

    # deadline=None: a run of the CLI takes tens of milliseconds and the first one in a
    # process much longer (imports), which is not a failure.
    settings.register_profile(
        "ci", max_examples=200, deadline=None, derandomize=True, print_blob=True,
        suppress_health_check=[HealthCheck.too_slow],
    )
    settings.register_profile(
        "long", max_examples=10_000, deadline=None, print_blob=True,
        suppress_health_check=[HealthCheck.too_slow],
    )
    settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


_register_hypothesis_profiles()


def write_report(folder: Path, name: str, unit: str, period: str,
                 items: dict[str, dict[str, Any]], submitted: str | None = None) -> Path:
    """A report file ``folder/period/name.yaml``; item fields are written as given."""
    lines = [f"unit: {unit}", f"period: {period}"]
    if submitted is not None:
        lines.append(f"submitted: {submitted}")
    lines.append("items:")
    for item_id, fields in items.items():
        lines.append(f"  {item_id}:")
        lines += [f"    {key}: {value}" for key, value in fields.items()]
    path = folder / period / f"{name}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
