"""Validation of reports and plan files: every code at its exact position."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import meilijiayuan.read.files as files_module
import meilijiayuan.report.validate as validate_module
from meilijiayuan.plan.index import PlanIndex
from meilijiayuan.plan.load import default_plan_path, load_plan, validate_plan_document
from meilijiayuan.read.loader import load_bytes
from meilijiayuan.report.model import ItemReport
from meilijiayuan.report.validate import validate_file
from meilijiayuan.run.files import validate_paths
from tests.conftest import FIXTURES, PLAN_PATH, ROOT

EXPECT = re.compile(r"^# expect: (?P<code>[a-z-]+) (?P<line>\d+):(?P<col>\d+)$", re.M)
INVALID = sorted((FIXTURES / "invalid").glob("*.yaml"))


def expectations(path: Path) -> set[tuple[str, int, int]]:
    text = path.read_text(encoding="utf-8")
    return {(m["code"], int(m["line"]), int(m["col"])) for m in EXPECT.finditer(text)}


@pytest.mark.parametrize("path", INVALID, ids=[p.stem for p in INVALID])
def test_invalid_fixture_gives_exactly_its_findings(path: Path, index: PlanIndex) -> None:
    result = validate_file(str(path), index)
    got = {(f.code, f.line, f.column) for f in result.findings}
    assert got == expectations(path)
    assert not result.ok


@pytest.mark.parametrize("path", INVALID, ids=[p.stem for p in INVALID])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_messages_fill_every_placeholder(path: Path, index: PlanIndex, lang: str) -> None:
    for f in validate_file(str(path), index).findings:
        message, hint = f.message(lang), f.hint(lang)
        assert message
        assert "{" not in message + hint, (message, hint)


def test_valid_full_report(index: PlanIndex) -> None:
    result = validate_file(str(FIXTURES / "valid" / "full.yaml"), index)
    assert result.findings == []
    assert result.unit == "马陆镇"
    assert result.report is not None
    # a phone number typed bare stays the text as written, never a number
    assert result.report.contact == "13800000000"


def test_warnings_do_not_invalidate(index: PlanIndex) -> None:
    result = validate_file(str(FIXTURES / "valid" / "warnings.yaml"), index)
    assert result.ok
    got = {(f.code, f.line, f.column) for f in result.findings}
    assert got == {("bare-rate", 12, 11), ("parts-mismatch", 6, 12), ("figure-not-counted", 13, 3)}
    mismatch = next(f for f in result.findings if f.code == "parts-mismatch")
    assert "10" in mismatch.message("zh") and "9" in mismatch.message("zh")


def test_empty_items_is_a_warning(index: PlanIndex) -> None:
    result = validate_file(str(FIXTURES / "valid" / "empty-items.yaml"), index)
    assert result.ok
    assert [(f.code, f.line) for f in result.findings] == [("no-items", 4)]


def test_not_reporter_is_a_warning(index: PlanIndex, tmp_path: Path) -> None:
    p = tmp_path / "r.yaml"
    p.write_text(
        "unit: 区房管局\nperiod: 2019-06\nitems:\n  J3a:\n    numerator: 1\n    denominator: 2\n",
        encoding="utf-8",
    )
    result = validate_file(str(p), index)
    assert result.ok
    assert [(f.code, f.line, f.column) for f in result.findings] == [("not-reporter", 4, 3)]


def test_a_figure_for_a_target_someone_else_reports_is_not_counted(index: PlanIndex,
                                                                    tmp_path: Path) -> None:
    """马陆镇 works on key work K2019-6, but only 区市场监管局 reports its figure: a value from
    马陆镇 is a warning (it was accepted silently and left out of the district figure)."""
    p = tmp_path / "r.yaml"
    p.write_text("unit: 马陆镇\nperiod: 2019-06\nitems:\n  K2019-6:\n    value: 25\n"
                 "  J4:\n    state: in_progress\n", encoding="utf-8")
    result = validate_file(str(p), index)
    assert result.ok
    assert [(f.code, f.line, f.column) for f in result.findings] == [
        ("figure-not-counted", 4, 3)]
    assert result.findings[0].message("zh") == (
        "马陆镇不是目标“K2019-6”的报送单位，这个数字不计入全区数（由 区市场监管局 报送）")


def test_alias_is_accepted_and_resolved(index: PlanIndex, tmp_path: Path) -> None:
    p = tmp_path / "r.yaml"
    p.write_text(
        "unit: 区绿容局\nperiod: 2018-06\nitems:\n  K2018-3:\n    state: in_progress\n",
        encoding="utf-8",
    )
    result = validate_file(str(p), index)
    assert result.findings == []
    assert result.unit == "区绿化市容局"


def test_unknown_organisation_suggests_the_nearest(index: PlanIndex) -> None:
    result = validate_file(str(FIXTURES / "invalid" / "unknown-organisation.yaml"), index)
    assert "马陆镇" in result.findings[0].hint("zh")


def test_unknown_item_suggests_the_nearest(index: PlanIndex) -> None:
    result = validate_file(str(FIXTURES / "invalid" / "unknown-item.yaml"), index)
    assert "K2018-4" in result.findings[0].hint("zh")


def test_number_with_unit_hint_gives_the_bare_number(index: PlanIndex) -> None:
    result = validate_file(str(FIXTURES / "invalid" / "number-with-unit.yaml"), index)
    assert "value: 60" in result.findings[0].hint("zh")


def test_all_files_are_checked_and_never_stop_early(index: PlanIndex) -> None:
    results = validate_paths([str(FIXTURES / "invalid"), str(FIXTURES / "valid")], index)
    assert len(results) == len(INVALID) + len(list((FIXTURES / "valid").glob("*.yaml")))


def test_missing_path_and_empty_folder(index: PlanIndex, tmp_path: Path) -> None:
    results = validate_paths([str(tmp_path / "nope.yaml"), str(tmp_path)], index)
    assert [r.findings[0].code for r in results] == ["path-not-found", "no-input"]


def test_ownership_is_the_plans_responsibilities(index: PlanIndex) -> None:
    """validate works out whether an organisation owns an item for that item alone: the same
    answer as PlanIndex.responsibilities, which lists everything the organisation owns."""
    ids = [*index.items, *index.targets, "K2099-1"]
    for org in index.organisations:
        owned = {r.item.id for r in index.responsibilities(org)}
        for item_id in ids:
            target = index.targets.get(item_id)
            expected = (
                (target is not None and index.is_reporter(org, target.id))
                or (item_id in index.items and index.items[item_id].kind == "task")
                or item_id in owned
            )
            assert validate_module._owns(index, org, item_id, target) == expected, (org, item_id)


def test_figure_fields_are_those_the_model_lists() -> None:
    every = ItemReport(value=1, numerator=1, denominator=2, rate=50, state="done")
    assert every.given_fields() == list(validate_module._FIGURES)


def test_texts_as_written_copies_only_what_it_changes(index: PlanIndex) -> None:
    doc = load_bytes(
        b"unit: x\ncontact: 13800000000\nitems:\n  A:\n    note: 12\n  B:\n    note: b\n", "r"
    )
    data = validate_module._texts_as_written(doc.data, doc)
    assert data == {
        "unit": "x",
        "contact": "13800000000",
        "items": {"A": {"note": "12"}, "B": {"note": "b"}},
    }
    assert doc.data["contact"] == 13800000000 and doc.data["items"]["A"] == {"note": 12}
    assert data["items"]["B"] is doc.data["items"]["B"]
    plain = load_bytes(b"unit: x\nitems:\n  A:\n    note: a\n", "r")
    assert validate_module._texts_as_written(plain.data, plain) is plain.data


@pytest.mark.parametrize(
    "path", ["a", "a/b.yaml", "/a/b", ".", "..", "../a", "a/..", ".a", "a.", "//a", "a//b",
             "./a", "a/./b", "a/.", "a/", "/", "", "a/...", ".../a"],
)  # fmt: skip
def test_plain_paths_are_those_path_leaves_as_they_are(path: str) -> None:
    if files_module.is_plain_path(path):
        assert str(Path(path)) == path


def test_a_file_path_is_found_the_short_way_or_the_long(index: PlanIndex, tmp_path: Path) -> None:
    (tmp_path / "r.yaml").write_text("unit: x\n", encoding="utf-8")
    base = str(tmp_path)
    for given in [f"{base}/r.yaml", f"{base}//r.yaml", f"{base}/./r.yaml", f"{base}/r.yaml/"]:
        found = list(files_module.iter_yaml_files([given]))
        assert found == [(given, None)]  # as Path(given).exists() says, trailing "/" and all
    missing = f"{base}/nope.yaml"
    assert [f.code for _, f in files_module.iter_yaml_files([missing]) if f] == [
        "path-not-found"
    ]


# --- the plan file --------------------------------------------------------------------


def test_bundled_plan_validates_cleanly() -> None:
    plan, findings = load_plan(str(PLAN_PATH))
    assert plan is not None
    assert findings == []


def test_packaged_plan_is_the_repository_plan() -> None:
    from importlib import resources

    packaged = resources.files("meilijiayuan") / "data" / "plan.yaml"
    assert packaged.read_bytes() == PLAN_PATH.read_bytes()


def test_plan_path_resolution(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("MLJY_PLAN", "/somewhere/plan.yaml")
    assert default_plan_path()[0] == "/somewhere/plan.yaml"
    monkeypatch.delenv("MLJY_PLAN")
    monkeypatch.chdir(tmp_path)
    path, display = default_plan_path()
    assert display == "<mljy>/data/plan.yaml"
    assert load_plan(path)[0] is not None
    monkeypatch.chdir(ROOT)
    assert default_plan_path()[0] == "data/plan.yaml"


def _plan_variant(old: str, new: str) -> list[tuple[str, int | None, int | None]]:
    text = PLAN_PATH.read_text(encoding="utf-8")
    assert old in text
    doc = load_bytes(
        text.replace(old, new, 1).encode("utf-8"),
        "plan.yaml",
        limits=__import__("meilijiayuan.plan.load", fromlist=["x"]).PLAN_LIMITS,
    )
    plan, findings = validate_plan_document(doc)
    assert plan is None
    return [(f.code, f.line, f.column) for f in findings]


def _line_of(text: str) -> int:
    return PLAN_PATH.read_text(encoding="utf-8").split(text, 1)[0].count("\n") + 1


def test_plan_reference_to_unknown_organisation() -> None:
    found = _plan_variant("    lead: [区联席办]", "    lead: [区联系办]")
    assert [c for c, *_ in found] == ["plan-reference"]
    assert found[0][1] == _line_of("    lead: [区联席办]")


def test_plan_duplicate_id() -> None:
    found = _plan_variant("  - id: T2\n", "  - id: T1\n")
    assert ("plan-duplicate", _line_of("  - id: T2\n"), 9) in found
    # every reference to the now missing T2 is named too
    assert {c for c, *_ in found} == {"plan-duplicate", "plan-reference"}


def test_plan_inconsistent_target() -> None:
    found = _plan_variant("    value: 60\n", "    value: 0\n")
    assert [c for c, *_ in found] == ["plan-inconsistent"]


# --- the plan's content (formats.md sections 1 and 2) ---------------------------------


def test_every_contract_id_is_in_the_plan(index: PlanIndex) -> None:
    ids = [f"T{i}" for i in range(1, 15)]
    ids += [f"K2018-{i}" for i in range(1, 9)] + [f"K2019-{i}" for i in range(1, 10)]
    ids += [f"K2020-{i}" for i in range(1, 10)]
    ids += [f"W{i}" for i in range(1, 36)] + [f"J{i}" for i in range(1, 21)]
    assert set(ids) <= set(index.items)
    assert len(index.items) == 14 + 26 + 55
    for target in ("K2018-1a", "K2018-1b", "J3a", "J3b"):
        assert target in index.targets
    assert index.targets["K2018-1"].parts == ["K2018-1a", "K2018-1b"]
    values = {
        t: index.targets[t].value
        for t in ("K2018-1", "K2018-1a", "K2018-1b", "K2018-4", "K2019-6", "K2020-6", "J3a", "J3b")
    }
    assert values == {
        "K2018-1": 60,
        "K2018-1a": 12,
        "K2018-1b": 48,
        "K2018-4": 40,
        "K2019-6": 30,
        "K2020-6": 60,
        "J3a": 95,
        "J3b": 75,
    }


def test_every_organisation_a_duty_names_resolves(index: PlanIndex) -> None:
    for duty in index.plan.duties:
        for name in (*duty.lead, *duty.cooperating, *duty.implementing):
            assert index.canonical(name) or index.group(name), (duty.id, name)
    for target in index.plan.targets:
        assert index.expand(target.reporters), target.id


def test_groups_and_aliases(index: PlanIndex) -> None:
    towns = index.expand(["各街镇"])
    assert towns == [
        "新成路街道",
        "真新街道",
        "嘉定镇街道",
        "南翔镇",
        "安亭镇",
        "马陆镇",
        "徐行镇",
        "华亭镇",
        "外冈镇",
        "江桥镇",
        "菊园新区管委会",
        "嘉定工业区",
    ]
    assert index.expand(["各街镇党(工)委、政府"]) == towns
    assert index.expand(["各街道"]) == ["新成路街道", "真新街道", "嘉定镇街道"]
    assert index.canonical("区绿容局") == index.canonical("区绿化市容局") == "区绿化市容局"
