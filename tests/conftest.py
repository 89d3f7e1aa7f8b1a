"""Shared fixtures: the bundled plan, indexed once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from meilijiayuan.plan import PlanIndex
from meilijiayuan.validate import load_plan

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
PLAN_PATH = ROOT / "data" / "plan.yaml"


@pytest.fixture(scope="session")
def index() -> PlanIndex:
    plan, findings = load_plan(str(PLAN_PATH))
    assert plan is not None, [f.message("en") for f in findings]
    return plan
