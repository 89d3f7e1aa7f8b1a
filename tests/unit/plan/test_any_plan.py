"""Any plan runs with no code change: the five findings of issue #18, each pinned.

Each test here failed on the code before the mend (the finding's number in its name):
1. allocations were not validated; 2. ``mljy template`` ignored them; 3. traditional
folding was a table of the bundled plan's names and width folding ran one way only;
4. words of the bundled plan (duty sources, the district label, the ranked kinds) were
made up by the code; 5. the bundled plan's note on J12 misread the document.
The plans used are the invented example (examples/plans/…) and small variants of it.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from meilijiayuan.cli import app
from meilijiayuan.plan.index import PlanIndex, lookalike_kinds
from meilijiayuan.plan.load import load_plan
from tests.conftest import PLAN_PATH, ROOT

EXAMPLE = ROOT / "examples" / "plans" / "chengchuan-2021-2023"
PLAN = EXAMPLE / "plan.yaml"
ALLOCATION = "allocation: {枫桥街道: 30, 罗溪镇: 40, 白鹭镇: 20, 湖东园区: 30}"


def mljy(*argv: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(argv), env={"COLUMNS": "200", "NO_COLOR": "1",
                                                      "MLJY_LANG": "zh"})
    return result.exit_code, result.output


def example() -> PlanIndex:
    index, findings = load_plan(str(PLAN), compiled=False)
    assert index is not None and findings == []
    return index


def variant(tmp_path: Path, old: str, new: str) -> Path:
    text = PLAN.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path = tmp_path / "plan.yaml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def line_of(path: Path, text: str) -> int:
    return path.read_text(encoding="utf-8").split(text)[0].count("\n") + 1


# --- 1. allocations are validated ----------------------------------------------------------


def test_1_a_misspelt_allocation_key_is_refused_at_the_key(tmp_path: Path) -> None:
    plan = variant(tmp_path, ALLOCATION, ALLOCATION.replace("罗溪镇", "罗西镇"))
    code, out = mljy("validate", "--format", "json", str(plan))
    assert code == 2
    (error,) = json.loads(out)["errors"]
    line = line_of(plan, "    allocation:")
    column = 1 + len("    allocation: {枫桥街道: 30, ")
    assert (error["code"], error["line"], error["column"]) == ("plan-reference", line, column)
    assert "罗西镇" in error["message"]
    # before, the plan loaded and 罗溪镇 was judged as an unallocated contributor
    report = EXAMPLE / "reports" / "2021-06" / "罗溪镇.yaml"
    assert mljy("check", "--plan", str(plan), str(report))[0] == 2


def test_1_shares_must_add_up_to_the_value(tmp_path: Path) -> None:
    plan = variant(tmp_path, ALLOCATION, ALLOCATION.replace("白鹭镇: 20", "白鹭镇: 10"))
    code, out = mljy("validate", "--format", "json", "--lang", "en", str(plan))
    assert code == 2
    (error,) = json.loads(out)["errors"]
    assert error["code"] == "plan-allocation-sum"
    assert (error["line"], error["column"]) == (line_of(plan, "    allocation:"), 17)
    assert error["message"] == "the shares of 'ND21-1' add up to 110, not to its value 120"


def test_1_a_share_for_an_organisation_that_does_not_report_it(tmp_path: Path) -> None:
    more = ALLOCATION.replace("白鹭镇: 20", "白鹭镇: 20, 区住建委: 0")
    plan = variant(tmp_path, ALLOCATION, more)
    code, out = mljy("validate", "--format", "json", str(plan))
    assert code == 2
    (error,) = json.loads(out)["errors"]
    assert error["code"] == "plan-allocation-not-reporter"
    assert "区住建委" in error["message"]


def test_1_the_example_plans_parts_add_up_and_a_wrong_part_is_found(tmp_path: Path) -> None:
    old = "    title: 完成外墙修缮30万平方米\n"
    text = PLAN.read_text(encoding="utf-8")
    start = text.index(old)
    body = text[start:text.index("  - id:", start)]
    path = tmp_path / "plan.yaml"
    path.write_text(text.replace(body, body.replace("value: 30", "value: 31")),
                    encoding="utf-8")
    code, out = mljy("validate", "--format", "json", str(path))
    assert code == 2
    (error,) = json.loads(out)["errors"]
    assert error["code"] == "plan-parts-sum"
    assert error["line"] == line_of(path, "    parts: [ND21-2a, ND21-2b]")
    assert "51" in error["message"] and "50" in error["message"]


# --- 2. the template shows a unit its share ------------------------------------------------


@pytest.mark.parametrize("unit, share", [
    ("枫桥街道", 30), ("罗溪镇", 40), ("白鹭镇", 20), ("湖东园区（管委会）", 30)])
def test_2_template_shows_each_unit_its_allocated_share(unit: str, share: int) -> None:
    code, out = mljy("template", "--plan", str(PLAN), "--unit", unit, "--period", "2021-06")
    assert code == 0
    (goal,) = [line for line in out.splitlines() if line.startswith("  #   目标：≥")
               and "个" in line]
    assert goal.startswith(f"  #   目标：≥ {share} 个，2021-01 至 2021-12；"
                           "本单位的分配数（澄川区共 120 个）")
    assert example().allocated(example().targets["ND21-1"], unit) == share


def test_2_template_in_english_names_the_share() -> None:
    code, out = mljy("template", "--plan", str(PLAN), "--unit", "湖东园区", "--period",
                     "2021-06", "--lang", "en")
    assert code == 0
    assert "  #   target: ≥ 30 个, 2021-01 to 2021-12; this unit's share (district total 120 个)" \
        in out


# --- 3. names fold by a general mechanism ---------------------------------------------------


@pytest.mark.parametrize("typed, right", [
    ("羅溪鎮", "罗溪镇"),                          # traditional, a name no table knew
    ("白鷺鎮", "白鹭镇"),
    ("湖东园区(管委会)", "湖东园区（管委会）"),      # half-width typed, full-width canonical
    ("湖东园区（管委会）\u200b", "湖东园区（管委会）"),
    ("各街镇(园区)", "各街镇（园区）"),
    ("湖東園區(管委會)", "湖东园区（管委会）"),      # both at once
])
def test_3_lookalikes_of_the_example_plan_fold(typed: str, right: str) -> None:
    assert example().lookalike(typed) == right


def test_3_full_width_typed_for_a_half_width_canonical_name(index: PlanIndex) -> None:
    assert index.lookalike("各街镇党（工）委") == "各街镇党(工)委"
    assert index.lookalike("馬陸鎮") == "马陆镇"
    assert index.lookalike("马陆镇") is None  # the name itself is no look-alike
    assert index.lookalike("区房官局") is None


def test_3_the_finding_says_what_was_folded() -> None:
    assert lookalike_kinds("湖东园区(管委会)", "湖东园区（管委会）") == "半角字符 half-width"
    assert lookalike_kinds("羅溪鎮", "罗溪镇") == "繁体字 traditional"
    assert lookalike_kinds("ＫＫ２０１８－１") == "全角字符 full-width"


def test_3_list_accepts_a_group_with_half_width_brackets() -> None:
    code, out = mljy("list", "--plan", str(PLAN), "--dept", "各街镇(园区)", "--format", "json")
    assert code == 0
    (group,) = json.loads(out)["organisations"]
    assert (group["name"], group["kind"]) == ("各街镇（园区）", "group")


def test_3_a_traditional_unit_in_a_report_gets_the_right_spelling(tmp_path: Path) -> None:
    report = tmp_path / "r.yaml"
    report.write_text("unit: 白鷺鎮\nperiod: 2021-06\nitems:\n  ND21-1:\n    value: 1\n",
                      encoding="utf-8")
    code, out = mljy("validate", "--plan", str(PLAN), "--format", "json", str(report))
    assert code == 2
    (error,) = json.loads(out)["errors"]
    assert (error["code"], error["line"], error["column"]) == ("lookalike", 1, 7)
    assert error["hint"] == "改为：白鹭镇"


def _modules(*argv: str) -> set[str]:
    probe = ("import sys\nsys.argv = ['mljy', *sys.argv[1:]]\n"
             "try:\n    from meilijiayuan.cli import main\n    main()\n"
             "except SystemExit:\n    pass\n"
             "print('--- modules ---'); print('\\n'.join(sorted(sys.modules)))\n")
    proc = subprocess.run([sys.executable, "-c", probe, *argv], capture_output=True, text=True,
                          encoding="utf-8", timeout=120)
    assert "--- modules ---" in proc.stdout, proc.stderr
    return set(proc.stdout.split("--- modules ---", 1)[1].split())


def test_3_opencc_is_imported_only_for_a_name_not_found_otherwise(tmp_path: Path) -> None:
    exact = EXAMPLE / "reports" / "2021-06" / "罗溪镇.yaml"
    assert "opencc" not in _modules("validate", "--plan", str(PLAN), str(exact))
    half = tmp_path / "half.yaml"
    half.write_text("unit: 湖东园区(管委会)\nperiod: 2021-06\nitems: {}\n", encoding="utf-8")
    assert "opencc" not in _modules("validate", "--plan", str(PLAN), str(half))  # NFKC finds it
    traditional = tmp_path / "trad.yaml"
    traditional.write_text("unit: 羅溪鎮\nperiod: 2021-06\nitems: {}\n", encoding="utf-8")
    assert "opencc" in _modules("validate", "--plan", str(PLAN), str(traditional))


# --- 4. the plan's words, not the code's --------------------------------------------------


def test_4_a_duty_shows_the_source_its_plan_gives(index: PlanIndex) -> None:
    assert example().items["ZR03"].source == "附表二 第3项"
    assert index.items["W1"].source == "附件2 委办局 序号 1"
    assert index.items["J20"].source == "附件2 街镇 序号 20"


def test_4_the_district_label_and_due_day_come_from_the_plan(index: PlanIndex) -> None:
    assert (example().district, example().due_day) == ("澄川区", 10)
    assert (index.district, index.due_day) == ("全区", 5)
    code, out = mljy("template", "--plan", str(PLAN), "--unit", "罗溪镇", "--period", "2021-06")
    assert code == 0
    assert "澄川区比率 = Σ分子 / Σ分母" in out and "全区比率" not in out


def test_4_a_plan_without_a_district_label_is_refused(tmp_path: Path) -> None:
    plan = variant(tmp_path, "  district: 澄川区\n", "")
    code, out = mljy("validate", "--format", "json", str(plan))
    assert code == 2
    (error,) = json.loads(out)["errors"]
    assert (error["code"], error["line"]) == ("missing-field", line_of(plan, "  id: "))


def test_4_the_ranked_kinds_are_a_plan_setting(index: PlanIndex, tmp_path: Path) -> None:
    assert index.ranked_kinds == {"street", "town", "zone"}
    assert example().ranked_kinds == {"street", "town", "zone"}
    assert (index.ranking_label, example().ranking_label) == ("街镇", "街镇（园区）")
    plan = variant(tmp_path, "ranking: {kinds: [street, town, zone], label: 街镇（园区）}\n", "")
    loose, _ = load_plan(str(plan), compiled=False)
    assert loose is not None  # without the setting: every kind but department
    assert loose.ranked_kinds == {"street", "town", "zone", "enterprise", "association"}
    assert loose.ranking_label is None


# --- 5. J12's cooperating cell is one line of the document --------------------------------


def _note(duty: str) -> str:
    text = PLAN_PATH.read_text(encoding="utf-8")
    block = text[text.index(f"  - id: {duty}\n"):]
    block = block[:block.index("\n\n")]
    (note,) = re.findall(r"^    note: (.*)$", block, re.M)
    return note


def test_5_the_j12_note_no_longer_says_its_cell_spans_two_lines() -> None:
    assert "跨两行" not in _note("J12") and "不跨行" in _note("J12")
    assert "跨两行" in _note("J14") and "跨两行" in _note("J19")
    reading = (ROOT / "docs" / "plan-reading.md").read_text(encoding="utf-8")
    assert "J12、J14、J19 配合各为跨两段的一格" not in reading
    assert "J14、J19 配合各为跨两段的一格。J12 的配合" in reading
