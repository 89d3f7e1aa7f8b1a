"""The plan linter (``mljy validate PLAN``): every check at its exact position.

``tests/fixtures/plans/valid.yaml`` is a small invented plan that passes every check; each
other file there is that plan with one mistake and ``# expect: code line:col`` lines.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from meilijiayuan.messages.catalogue import CATALOGUE
from meilijiayuan.plan.checks import decimal
from meilijiayuan.plan.load import PLAN_LIMITS, validate_plan_document
from meilijiayuan.read.loader import load_path
from tests.conftest import FIXTURES

PLANS = FIXTURES / "plans"
EXPECT = re.compile(r"^# expect: (?P<code>[a-z-]+) (?P<line>\d+):(?P<col>\d+)$", re.M)
BROKEN = sorted(p for p in PLANS.glob("*.yaml") if p.name != "valid.yaml")
CODES = ("plan-allocation-sum", "plan-allocation-not-reporter", "plan-parts-sum",
         "plan-window-outside", "plan-blank-source")


def findings(path: Path) -> list[tuple[str, int | None, int | None]]:
    doc = load_path(str(path), path.name, limits=PLAN_LIMITS)
    plan, found = validate_plan_document(doc)
    assert (plan is None) == bool(found)
    return [(f.code, f.line, f.column) for f in found]


def test_the_valid_plan_passes() -> None:
    assert findings(PLANS / "valid.yaml") == []


def test_shares_and_parts_are_added_as_the_decimals_written() -> None:
    # the valid plan's figures: in floating point neither adds up
    assert 10.1 + 0.2 != 10.3 and 0.1 + 10.2 != 10.3
    assert decimal(10.1) + decimal(0.2) == decimal(10.3)
    assert (str(decimal(120.0)), str(decimal(0.5))) == ("120", "0.5")


@pytest.mark.parametrize("path", BROKEN, ids=[p.stem for p in BROKEN])
def test_each_mistake_is_found_where_it_is(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    want = [(m["code"], int(m["line"]), int(m["col"])) for m in EXPECT.finditer(text)]
    assert want, "a fixture names its findings"
    assert findings(path) == want


@pytest.mark.parametrize("code", CODES)
def test_the_linters_messages_are_in_both_languages(code: str) -> None:
    entry = CATALOGUE[code]
    assert entry.zh and entry.en and entry.hint_zh and entry.hint_en
    assert not re.search(r"[\u3000-\u9fff\uff00-\uffef]", entry.en + entry.hint_en)
    assert any(code in p.read_text(encoding="utf-8") for p in BROKEN)


def test_a_finding_reads_in_english_with_every_placeholder_filled() -> None:
    doc = load_path(str(PLANS / "allocation-sum.yaml"), "allocation-sum.yaml",
                    limits=PLAN_LIMITS)
    (finding,) = validate_plan_document(doc)[1]
    assert finding.message("en") == "the shares of 'N1' add up to 10.2, not to its value 10.3"
    assert finding.message("zh") == "“N1”的分配数合计 10.2，不等于目标值 10.3"
