"""``mljy schema``: the exported JSON Schema accepts what ``mljy validate`` accepts, and
rejects unknown units and ids, checked with ``jsonschema`` (draft 2020-12)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from typer.testing import CliRunner

from meilijiayuan.cli import app
from meilijiayuan.output.template import template_text
from meilijiayuan.periods import Month
from meilijiayuan.plan.index import PlanIndex
from meilijiayuan.read.loader import load_path
from meilijiayuan.report.validate import validate_file

ROOT = Path(__file__).resolve().parents[2]
REPORTS = ROOT / "data" / "reports"
BASE = {"unit": "马陆镇", "period": "2019-06"}
BLANK = re.compile(r"^(\s+)(value|numerator|denominator|state):(?=\s+#)", re.MULTILINE)
ANSWERS = {"value": "5", "numerator": "90", "denominator": "100", "state": "in_progress"}


def fill(text: str) -> str:
    """A template with every blank figure answered (test_template.py checks the answers closely)."""
    return BLANK.sub(lambda m: f"{m[1]}{m[2]}: {ANSWERS[m[2]]}", text)


def mljy(*args: str) -> Any:
    return CliRunner().invoke(app, list(args))


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    result = mljy("schema", "report", "--plan", str(ROOT / "data" / "plan.yaml"))
    assert result.exit_code == 0, result.output
    doc: dict[str, Any] = json.loads(result.stdout)
    Draft202012Validator.check_schema(doc)
    return doc


@pytest.fixture(scope="module")
def validator(schema: dict[str, Any]) -> Draft202012Validator:
    return Draft202012Validator(schema)


def errors(validator: Draft202012Validator, data: Any) -> list[tuple[list[Any], str]]:
    return [(list(e.absolute_path), e.message) for e in validator.iter_errors(data)]


def report(**items: dict[str, Any]) -> dict[str, Any]:
    return {**BASE, "items": items}


# --- the sample reports ---------------------------------------------------------------------

def sample_files() -> list[Path]:
    return sorted(p for p in REPORTS.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())


def test_sample_reports_are_schema_valid(validator: Draft202012Validator,
                                         index: PlanIndex) -> None:
    files = sample_files()
    if not files:
        pytest.skip(f"no sample reports under {REPORTS} yet (scripts/make_samples.py)")
    checked = 0
    for path in files:
        if not validate_file(str(path), index).ok:
            continue  # a sample that is meant to fail validation may fail the schema too
        doc = load_path(path)
        assert errors(validator, doc.data) == [], path
        checked += 1
    assert checked >= 1, f"{len(files)} sample files, none valid"


# --- reports written from templates ---------------------------------------------------------

@pytest.mark.parametrize(("unit", "period"), [
    ("马陆镇", "2018-06"), ("新成路街道", "2020-12"), ("区房管局", "2018-12"),
    ("区绿化市容局", "2019-01"), ("区市场监管局", "2019-06"), ("区住房公司", "2019-06"),
])
def test_filled_templates_are_valid_both_ways(tmp_path: Path, validator: Draft202012Validator,
                                              index: PlanIndex, unit: str, period: str) -> None:
    path = tmp_path / f"{unit}.yaml"
    path.write_text(fill(template_text(index, unit, Month.parse(period))), encoding="utf-8")
    assert validate_file(str(path), index).ok
    assert errors(validator, load_path(path).data) == []


def test_unfilled_template_is_invalid_at_the_blanks(validator: Draft202012Validator,
                                                    index: PlanIndex, tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text(template_text(index, "马陆镇", Month(2018, 6)), encoding="utf-8")
    paths = {tuple(p[:2]) for p, _ in errors(validator, load_path(path).data)}
    # W5 shares K2018-2's indicator (无违建创建完成率): the template asks for it once, as K2018-2
    assert paths == {("items", i) for i in ("K2018-1", "K2018-1a", "K2018-1b", "K2018-2", "K2018-4",
                                            "K2018-7", "J3a", "J3b", "J5", "J7", "J13", "J15",
                                            "J17")}


# --- what the schema rejects ----------------------------------------------------------------

def test_unknown_item_id_is_invalid(validator: Draft202012Validator) -> None:
    assert errors(validator, report(**{"K2018-4": {"value": 5}})) == []
    found = errors(validator, report(**{"K2018-40": {"value": 5}}))
    assert found and found[0][0] == ["items"]
    assert errors(validator, report(**{"k2018-4": {"value": 5}}))  # ids are case-sensitive


def test_unknown_unit_is_invalid(validator: Draft202012Validator) -> None:
    good = report(**{"J5": {"state": "done"}})
    assert errors(validator, good) == []
    assert errors(validator, {**good, "unit": "区绿容局"}) == []  # an alias
    assert errors(validator, {**good, "unit": "区房官局"})
    assert errors(validator, {**good, "unit": "各街镇"})  # a group cannot report


@pytest.mark.parametrize(("items", "ok"), [
    ({"K2018-4": {"value": 5, "unit": "个", "this_month": 1, "note": "已完成选址"}}, True),
    ({"K2018-4": {"value": 5, "state": "in_progress"}}, True),
    ({"K2018-4": {"numerator": 1, "denominator": 2}}, False),  # quantity needs value
    ({"K2018-4": {"value": None}}, False),  # a blank
    ({"K2018-4": {"value": "5"}}, False),
    ({"K2018-4": {"value": -1}}, False),
    ({"K2018-1": {"value": 12, "unit": "平方米"}}, True),  # converts to 万平方米
    ({"K2018-1": {"value": 12, "unit": "个"}}, False),
    ({"J3a": {"numerator": 120, "denominator": 126}}, True),
    ({"J3a": {"rate": 95}}, True),  # accepted by validate with a warning
    ({"J3a": {"numerator": 120}}, False),
    ({"J3a": {"numerator": 0, "denominator": 0}}, False),
    ({"J3a": {"value": 95}}, False),
    ({"J5": {"state": "done", "evidence": "马府办〔2018〕12号"}}, True),
    ({"J5": {"state": "finished"}}, False),
    ({"J5": {"value": 1}}, False),
    ({"W2": {"state": "in_progress", "note": "12 个小区试点"}}, True),  # ongoing duty
    ({"W2": {}}, False),
    ({"T8": {"state": "in_progress"}}, True),  # a main task
    ({"J5": {"state": "done", "colour": "red"}}, False),
])
def test_entry_fields_per_measure(validator: Draft202012Validator, items: dict[str, Any],
                                  ok: bool) -> None:
    assert (errors(validator, report(**items)) == []) is ok


def test_text_fields_accept_numbers_like_the_validator(validator: Draft202012Validator) -> None:
    assert errors(validator, {**report(**{"J5": {"state": "done", "note": 12}}),
                              "contact": 12345678}) == []


# --- shape and stability --------------------------------------------------------------------

def test_enumerations_come_from_the_plan(schema: dict[str, Any], index: PlanIndex) -> None:
    units = schema["properties"]["unit"]["enum"]
    assert "区绿化市容局" in units and "区绿容局" in units and "马陆镇" in units
    assert not set(units) & set(index.group_names)
    assert set(units) == set(index.org_names)
    ids = schema["properties"]["items"]["propertyNames"]["enum"]
    assert len(ids) == 14 + 26 + 55 + 4  # tasks, key works, duties, the a/b targets
    assert {"T1", "K2020-9", "W35", "J20", "K2018-1a", "K2018-1b", "J3a", "J3b"} <= set(ids)
    k4 = schema["properties"]["items"]["properties"]["K2018-4"]
    assert k4["title"] == "K2018-4 新建40个既有住宅小区电动自行车充电设施"
    assert "≥ 40 个" in k4["description"]
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_output_is_stable_and_out_writes_the_same(tmp_path: Path) -> None:
    first = mljy("schema", "report").stdout
    assert first == mljy("schema", "report").stdout
    assert first.endswith("}\n")
    out = tmp_path / "report.schema.json"
    out.write_text("old", encoding="utf-8")
    result = mljy("schema", "report", "--out", str(out))  # a generated file: always replaced
    assert result.exit_code == 0
    assert out.read_text(encoding="utf-8") == first
    assert [p.name for p in tmp_path.iterdir()] == ["report.schema.json"]


def test_plan_schema_accepts_the_plan_file() -> None:
    result = mljy("schema", "plan")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    Draft202012Validator.check_schema(schema)
    plan = load_path(ROOT / "data" / "plan.yaml").data
    assert list(Draft202012Validator(schema).iter_errors(plan)) == []
    assert list(Draft202012Validator(schema).iter_errors({"plan": {}}))


def test_unknown_kind_is_a_usage_error() -> None:
    assert mljy("schema", "reports").exit_code == 2
