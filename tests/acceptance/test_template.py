"""``mljy template``: the skeleton validates once filled, and an unfilled one says where."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from meilijiayuan.cli import app
from meilijiayuan.messages.catalogue import render_message
from meilijiayuan.output.template import template_text
from meilijiayuan.periods import Month
from meilijiayuan.plan.index import PlanIndex
from meilijiayuan.plan.owed import required_targets

BLANK = re.compile(r"^(?P<indent>\s+)(?P<key>value|numerator|denominator|state):(?P<rest>\s+#.*)$")
ENTRY = re.compile(r"^  (?P<id>[A-Z][\w-]*):$")
# K2018-1 is the sum of its parts (a warning otherwise); every other figure is arbitrary
VALUES = {"K2018-1": 12, "K2018-1a": 3, "K2018-1b": 9}
CASES = [("马陆镇", "2018-06"), ("新成路街道", "2019-12"), ("区房管局", "2018-12"),
         ("区绿容局", "2018-03"), ("区市场监管局", "2020-06"), ("区水务局", "2020-12")]


def mljy(*args: str) -> Any:
    return CliRunner(env={"COLUMNS": "120", "NO_COLOR": "1"}).invoke(app, list(args))


def template(unit: str, period: str, *extra: str) -> str:
    result = mljy("template", "--unit", unit, "--period", period, *extra)
    assert result.exit_code == 0, result.output
    return str(result.stdout)


def fill(text: str) -> str:
    """Fill every blank of a template with a valid answer, by editing the text."""
    out: list[str] = []
    current = ""
    for line in text.splitlines():
        entry = ENTRY.match(line)
        if entry:
            current = entry["id"]
        m = BLANK.match(line)
        if m:
            answer = {"value": VALUES.get(current, 5), "numerator": 90, "denominator": 100,
                      "state": "in_progress"}[m["key"]]
            line = f"{m['indent']}{m['key']}: {answer}{m['rest']}"
        elif line.startswith("submitted:"):
            line = "submitted: 2021-01-04"
        elif line.startswith("contact:"):
            line = "contact: 王敏 021-0000000"
        out.append(line)
    return "\n".join(out) + "\n"


def validate(path: Path) -> tuple[int, dict[str, Any]]:
    result = mljy("validate", str(path), "--format", "json")
    return result.exit_code, json.loads(result.stdout)


def blanks(text: str) -> dict[str, list[int]]:
    """Each required entry's id → the lines of its keys left blank (the figure; a rate's
    numerator and denominator both)."""
    lines = text.splitlines()
    found: dict[str, list[int]] = {}
    for n, line in enumerate(lines, start=1):
        entry = ENTRY.match(line)
        if entry:
            assert BLANK.match(lines[n]), lines[n]
            at = n
            while at < len(lines) and BLANK.match(lines[at]):
                found.setdefault(entry["id"], []).append(at + 1)
                at += 1
    return found


@pytest.mark.parametrize(("unit", "period"), CASES)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_filled_template_validates(tmp_path: Path, unit: str, period: str, lang: str) -> None:
    text = template(unit, period, "--lang", lang)
    assert any(BLANK.match(line) for line in text.splitlines())
    path = tmp_path / "report.yaml"
    path.write_text(fill(text), encoding="utf-8")
    code, doc = validate(path)
    assert code == 0, doc
    assert doc["errors"] == [] and doc["warnings"] == []


def test_header(index: PlanIndex) -> None:
    text = template("区绿容局", "2019-06")
    lines = text.splitlines()
    assert "unit: 区绿化市容局" in lines  # the canonical name, whatever was typed
    assert "period: 2019-06" in lines
    assert any(line.startswith("submitted: ") and "#" in line for line in lines)
    assert any(line.startswith("contact: ") and "#" in line for line in lines)
    assert not lines[0].startswith("# yaml-language-server")
    assert "报送截止：2019-07-05" in lines[1]


def test_required_entries_are_the_open_targets_the_unit_reports(index: PlanIndex) -> None:
    # 马陆镇 in 2019-06: K2019-1 (2019), W5 (2018–2019), J3a, J3b, J7 (2018–2020); the 2018
    # targets (K2018-*, J5, J13, J15, J17) have closed, the 2020 ones not opened.
    # W5 measures K2019-1's indicator (无违建创建完成率): asked once, under K2019-1, which says so
    text = template("马陆镇", "2019-06")
    assert list(blanks(text)) == ["K2019-1", "J3a", "J3b", "J7"]
    assert [t.id for t in required_targets(index, "马陆镇", Month(2019, 6))] == [
        "K2019-1", "W5", "J3a", "J3b", "J7"]
    assert ("  # K2019-1  全区“无违建创建先进居村”创建完成率达到90%以上  "
            "（同一指标，也用于 W5，只报一次）\n") in text


def test_comment_gives_title_target_unit_and_what_to_fill() -> None:
    text = template("马陆镇", "2018-06")
    block = text[text.index("  # K2018-4 "):text.index("  K2018-4:")]
    assert "新建40个既有住宅小区电动自行车充电设施" in block
    assert "≥ 40 个" in block and "2018-01 至 2018-12" in block
    assert "value = 目标时间窗内的累计完成量，截至 2018-06 月底" in block
    j3a = text[text.index("  # J3a "):text.index("  J3a:")]
    assert "≥ 95%" in j3a and "本单位须各自达到" in j3a and "numerator / denominator" in j3a


def test_optional_entries_are_commented_out_and_work_when_uncommented(tmp_path: Path) -> None:
    text = fill(template("马陆镇", "2019-06"))
    # K2019-5 (推进各类旧住房改造…) has no target: an optional entry, commented out
    assert "  # K2019-5:\n  #   state:" in text
    assert "\n  K2019-5:" not in text
    uncommented = text.replace("  # K2019-5:\n  #   state: ", "  K2019-5:\n    state: in_progress")
    path = tmp_path / "r.yaml"
    path.write_text(uncommented, encoding="utf-8")
    code, doc = validate(path)
    assert code == 0, doc
    assert doc["warnings"] == []


def test_nothing_required_writes_an_empty_mapping(tmp_path: Path) -> None:
    text = template("区住房公司", "2019-06")
    assert "\nitems: {}\n" in text
    assert "  # W25:" in text  # its ongoing work, optional
    path = tmp_path / "r.yaml"
    path.write_text(fill(text), encoding="utf-8")
    code, doc = validate(path)
    assert code == 0
    assert [w["code"] for w in doc["warnings"]] == ["no-items"]


@pytest.mark.parametrize(("unit", "period"), CASES)
def test_unfilled_template_errors_at_each_blank(tmp_path: Path, unit: str, period: str) -> None:
    text = template(unit, period)
    path = tmp_path / "report.yaml"
    path.write_text(text, encoding="utf-8")
    code, doc = validate(path)
    expected = blanks(text)
    assert expected, "every case has required entries"
    assert code == 2
    # every blank in one round: a rate's numerator and its denominator both
    got = sorted((e["item"], e["code"], e["line"], e["column"]) for e in doc["errors"])
    assert got == sorted((i, "blank-field", line, 5)
                         for i, lines in expected.items() for line in lines)
    assert doc["warnings"] == []


def test_unfilled_blank_messages_name_the_missing_field(tmp_path: Path) -> None:
    text = template("马陆镇", "2018-06")
    path = tmp_path / "report.yaml"
    path.write_text(text, encoding="utf-8")
    _, doc = validate(path)
    by_item: dict[str, list[str]] = {}
    for e in doc["errors"]:
        by_item.setdefault(e["item"], []).append(e["message"])
    assert by_item["K2018-4"] == ["“K2018-4”的 value 还没有填写"]
    assert by_item["J3a"] == ["“J3a”的 numerator 还没有填写", "“J3a”的 denominator 还没有填写"]
    assert by_item["J5"] == ["“J5”的 state 还没有填写"]


def test_schema_url_comment() -> None:
    text = template("马陆镇", "2019-06", "--schema-url", "../../schema/report.json")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../../schema/report.json"


def test_template_text_is_deterministic(index: PlanIndex) -> None:
    a = template_text(index, "区房管局", Month(2018, 12))
    assert a == template_text(index, "区房管局", Month(2018, 12))
    assert a.endswith("\n") and "\r" not in a


# --- --out ----------------------------------------------------------------------------------

def test_out_writes_utf8_file(tmp_path: Path) -> None:
    out = tmp_path / "马陆镇.yaml"
    result = mljy("template", "-u", "马陆镇", "-p", "2019-06", "--out", str(out))
    assert result.exit_code == 0 and result.stdout == ""
    assert out.read_bytes().decode("utf-8") == template("马陆镇", "2019-06")
    assert not out.read_bytes().startswith(b"\xef\xbb\xbf")
    assert os.listdir(tmp_path) == ["马陆镇.yaml"]


def test_out_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    out = tmp_path / "r.yaml"
    out.write_text("unit: 马陆镇  # 已填写的报表\n", encoding="utf-8")
    result = mljy("template", "-u", "马陆镇", "-p", "2019-06", "--out", str(out))
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"mljy: {out} 已存在，未覆盖", "  加 --force 覆盖它，或用 --out 指定另一个文件名。"]
    assert result.stderr.splitlines()[0] == "mljy: " + render_message(
        "output-exists", "message", "zh", {"path": str(out)})
    assert out.read_text(encoding="utf-8") == "unit: 马陆镇  # 已填写的报表\n"
    assert os.listdir(tmp_path) == ["r.yaml"]


def test_out_with_force_replaces_and_leaves_no_temp_file(tmp_path: Path) -> None:
    out = tmp_path / "r.yaml"
    out.write_text("old\n", encoding="utf-8")
    out.chmod(0o640)
    result = mljy("template", "-u", "马陆镇", "-p", "2019-06", "--out", str(out), "--force")
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8") == template("马陆镇", "2019-06")
    assert os.listdir(tmp_path) == ["r.yaml"]
    assert out.stat().st_mode & 0o777 == 0o640


def test_out_into_a_missing_folder_makes_it(tmp_path: Path) -> None:
    out = tmp_path / "no" / "r.yaml"
    result = mljy("template", "-u", "马陆镇", "-p", "2019-06", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8") == template("马陆镇", "2019-06")


def test_out_that_cannot_be_written_says_why_in_chinese(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    result = mljy("template", "-u", "马陆镇", "-p", "2019-06", "--out", str(blocker / "r.yaml"))
    assert result.exit_code == 2
    assert result.stderr == f"mljy: 无法写入 {blocker / 'r.yaml'}：路径中有一段是文件而不是文件夹\n"


# --- bad options ----------------------------------------------------------------------------

@pytest.mark.parametrize(("unit", "period", "first_line"), [
    ("区房官局", "2019-06", "mljy: 计划中没有名为“区房官局”的单位"),
    ("各街镇", "2019-06", "mljy: “各街镇”是一组单位，不能作为报送单位"),
    ("马陆镇", "2019-6", "mljy: 报送月份 period 应为“年-月”格式，这里是“2019-6”"),
    ("马陆镇", "2021-01", "mljy: 报送月份 2021-01 不在计划期内（2018-01 至 2020-12）"),
])
def test_bad_unit_or_period(unit: str, period: str, first_line: str) -> None:
    result = mljy("template", "--unit", unit, "--period", period)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines()[0] == first_line
