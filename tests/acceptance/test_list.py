"""``mljy list``: who owns what, pinned against the plan text (附件2), not against the code.

The expected sets below were read from the seed text (嘉府办发〔2018〕24号, 附件2), row by
row, with the cell rules of docs/plan-reading.md (a row with two unit cells is lead +
implementing; a cell ending in 、 continues on the next line). Key works (附件1) carry no
units in the text; an organisation holds a key work through the 附件2 rows that carry it
out, read from their content:

    K2018-1, K2019-5, K2020-5 → W22         K2018-2, K2019-1 → W5
    K2018-3 → W18, W20; K2019-2, K2020-1 → W18
    K2018-4, K2019-7, K2020-7 → J9          K2018-5, K2019-8, K2020-8 → W15
    K2018-6, K2019-3, K2020-2 → W14         K2018-7, K2019-9, K2020-9 → W23, J14
    K2018-8 → W11                           K2019-4, K2020-4 → W29, W32
    K2019-6, K2020-6 → W16, J11             K2020-3 → J7
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from meilijiayuan.cli import app

ALL_K = {f"K2018-{n}" for n in range(1, 9)} | {
    f"K{y}-{n}" for y in (2019, 2020) for n in range(1, 10)}
ALL_W = {f"W{n}" for n in range(1, 36)}
ALL_J = {f"J{n}" for n in range(1, 21)}


def mljy(*args: str, width: int = 100) -> Any:
    """Run the real app in-process (as the console script would) with a fixed terminal width."""
    return CliRunner(env={"COLUMNS": str(width), "NO_COLOR": "1"}).invoke(app, list(args))


def roles_of(dept: str, *extra: str) -> dict[str, set[str]]:
    """``mljy list --dept`` (JSON) → {role: ids}; ``reports`` collects reporter-only items."""
    result = mljy("list", "--dept", dept, "--format", "json", *extra)
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    (holder,) = doc["organisations"]
    out: dict[str, set[str]] = {"lead": set(), "cooperating": set(), "implementing": set()}
    for item in holder["items"]:
        for role in item["roles"]:
            out[role].add(item["id"])
    return out


def ids_of(dept: str, *extra: str) -> set[str]:
    result = mljy("list", "--dept", dept, "--format", "json", *extra)
    assert result.exit_code == 0, result.output
    return {i["id"] for h in json.loads(result.stdout)["organisations"] for i in h["items"]}


# --- a bureau written under two names -------------------------------------------------------

# 区绿化市容局 leads W18, W19, W20 (one-cell rows); cooperates on W9 (second cell, continued
# over two lines: 区绿化市容局、/区房管局) and, written 区绿容局, on J12 and J19.
LVRONG = {
    "lead": {"W18", "W19", "W20", "K2018-3", "K2019-2", "K2020-1"},
    "cooperating": {"W9", "J12", "J19"},
    "implementing": set(),
}


@pytest.mark.parametrize("name", ["区绿化市容局", "区绿容局"])
def test_bureau_under_either_name(name: str) -> None:
    assert roles_of(name) == LVRONG


def test_header_shows_canonical_name_and_alias() -> None:
    result = mljy("list", "--dept", "区绿容局")
    assert result.exit_code == 0
    first = result.stdout.splitlines()[0]
    assert first.startswith("区绿化市容局")
    assert "别名：区绿容局" in first and "查询：区绿容局" in first


# --- a town, a street -----------------------------------------------------------------------

# Every 委办局 row but W4 has 各街镇 as its implementing cell (W4: 区联席办 implements).
# Every 街镇 row but J2 names 各街镇 (or 各街镇党(工)委[、政府]) as lead; J10 is implemented by
# 相关街镇 (all 12 units unless named); J2 is written for 各街道 / 各街道联席办 only.
TOWN_LEAD_J = ALL_J - {"J2"}
TOWN_K_LEAD = {"K2018-4", "K2019-7", "K2020-7",  # J9
               "K2018-7", "K2019-9", "K2020-9",  # J14
               "K2019-6", "K2020-6",  # J11
               "K2020-3"}  # J7
MALU = {
    "lead": TOWN_LEAD_J | TOWN_K_LEAD,
    "cooperating": set(),
    "implementing": (ALL_W - {"W4"}) | TOWN_LEAD_J | ALL_K,
}


def test_town_inherits_every_gejiezhen_duty_but_not_gejiedao() -> None:
    assert roles_of("马陆镇") == MALU


def test_street_also_inherits_gejiedao_duty_j2() -> None:
    expected = {role: set(ids) for role, ids in MALU.items()}
    expected["lead"].add("J2")
    expected["implementing"].add("J2")
    assert roles_of("新成路街道") == expected


# --- a department that leads and cooperates -------------------------------------------------

FANGGUAN = {
    # W3, W22, W30, W34: two-cell rows (lead + implementing); W11: 区消防支队、区房管局 lead.
    "lead": {"W3", "W11", "W22", "W23", "W25", "W26", "W27", "W28", "W29", "W30", "W31", "W32",
             "W33", "W34", "W35",
             "K2018-8",  # W11
             "K2018-1", "K2019-5", "K2020-5",  # W22
             "K2018-7", "K2019-9", "K2020-9",  # W23
             "K2019-4", "K2020-4"},  # W29, W32
    # W7: 区机管局、区国资委、/区卫计委、区教育局、/区经委、区房管局等 — one cell over three lines.
    "cooperating": {"W2", "W5", "W7", "W9", "W10", "W12", "W14", "W15", "W16", "W18", "W19",
                    "W20", "W24",
                    "J3", "J4", "J6", "J8", "J9", "J10", "J11", "J12", "J14", "J15", "J16",
                    "J17", "J18", "J19", "J20",
                    "K2018-2", "K2019-1",  # W5
                    "K2018-6", "K2019-3", "K2020-2",  # W14
                    "K2018-5", "K2019-8", "K2020-8",  # W15
                    "K2019-6", "K2020-6",  # W16, J11
                    "K2018-3", "K2019-2", "K2020-1",  # W18, W20
                    "K2018-4", "K2019-7", "K2020-7",  # J9
                    "K2018-7", "K2019-9", "K2020-9"},  # J14 (it also leads them through W23)
    "implementing": set(),
}


def test_department_that_leads_and_cooperates() -> None:
    assert roles_of("区房管局") == FANGGUAN


# --- an enterprise --------------------------------------------------------------------------

def test_enterprise() -> None:
    # W24 lead; W25 cooperating; W33 区财政局、区住房公司 cooperating; J16 区房管局、区住房公司.
    assert roles_of("区住房公司") == {
        "lead": {"W24"}, "cooperating": {"W25", "W33", "J16"}, "implementing": set(),
    }


# --- groups asked for by name ---------------------------------------------------------------

def test_group_lists_its_own_rows_and_members() -> None:
    result = mljy("list", "--dept", "各街道", "--format", "json")
    assert result.exit_code == 0
    (holder,) = json.loads(result.stdout)["organisations"]
    assert holder["kind"] == "group"
    assert holder["members"] == ["新成路街道", "真新街道", "嘉定镇街道"]
    assert [(i["id"], i["roles"]) for i in holder["items"]] == [("J2", ["lead", "implementing"])]


def test_gejiezhen_group_does_not_hold_gejiedao_row() -> None:
    ids = ids_of("各街镇")
    assert "J2" not in ids and "W4" not in ids
    assert ALL_J - {"J2"} <= ids and ALL_W - {"W4"} <= ids


# --- filters --------------------------------------------------------------------------------

def test_role_filter() -> None:
    assert ids_of("区绿化市容局", "--role", "lead") == LVRONG["lead"]
    assert ids_of("区绿化市容局", "--role", "cooperating") == LVRONG["cooperating"]
    assert ids_of("区绿化市容局", "--role", "implementing") == set()


def test_year_filter_keeps_windows_touching_the_year() -> None:
    # W19, W20 and K2018-3 are 2018 only; K2020-1 is 2020; W9, W18, J12, J19 run 2018–2020.
    assert ids_of("区绿容局", "--year", "2019") == {"K2019-2", "W9", "W18", "J12", "J19"}
    # W5 (2018–2019) touches 2019 but not 2020
    assert "W5" in ids_of("区房管局", "--year", "2019")
    assert "W5" not in ids_of("区房管局", "--year", "2020")


def test_measurable_filter_keeps_items_with_targets() -> None:
    assert ids_of("区绿化市容局", "--measurable") == {"K2018-3", "K2019-2", "K2020-1", "W19", "W20"}
    assert ids_of("区绿化市容局", "--measurable", "--year", "2018", "--role", "lead") == {
        "K2018-3", "W19", "W20"}


def test_year_outside_the_plan_is_a_usage_error() -> None:
    result = mljy("list", "--dept", "马陆镇", "--year", "2021")
    assert result.exit_code == 2
    assert "2018–2020" in result.stderr


# --- unknown names --------------------------------------------------------------------------

def test_misspelt_name_suggests_the_nearest() -> None:
    result = mljy("list", "--dept", "区房官局")
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0] == "mljy: 计划中没有名为“区房官局”的单位"
    assert lines[1].startswith("  是不是：区房管局")


def test_misspelt_name_in_english() -> None:
    result = mljy("list", "--dept", "区房官局", "--lang", "en")
    assert result.exit_code == 2
    first, second = result.stderr.splitlines()
    assert first == "mljy: no organisation named '区房官局' in the plan"
    assert second.startswith("  Did you mean: 区房管局")


def test_lookalike_spelling_is_folded() -> None:
    assert roles_of("区住房公司\u200b") == roles_of("区住房公司")


# --- output formats -------------------------------------------------------------------------

def test_json_shape() -> None:
    result = mljy("list", "--dept", "马陆镇", "--format", "json", "--year", "2018", "--measurable")
    doc = json.loads(result.stdout)
    assert set(doc) == {"tool", "version", "command", "query", "filters", "organisations"}
    assert doc["command"] == "list" and doc["query"] == "马陆镇"
    assert doc["filters"] == {"role": None, "year": 2018, "measurable": True}
    (holder,) = doc["organisations"]
    assert set(holder) == {"name", "kind", "aliases", "groups", "members", "items"}
    assert holder["kind"] == "town" and holder["groups"] == ["各街镇", "相关街镇"]
    item = next(i for i in holder["items"] if i["id"] == "J3")
    assert set(item) == {"id", "kind", "title", "text", "source", "roles", "window", "tasks",
                         "related", "targets"}
    assert item["window"] == {"start": "2018-01", "end": "2020-12"}
    assert item["tasks"] == ["T8"]
    j3a = next(t for t in item["targets"] if t["id"] == "J3a")
    assert set(j3a) == {"id", "title", "source", "measure", "value", "unit_of_measure",
                        "direction", "window", "basis", "aggregate", "per_unit", "reporters",
                        "reports"}
    assert (j3a["measure"], j3a["value"], j3a["unit_of_measure"], j3a["reports"]) == (
        "rate", 95, "%", True)
    k1 = next(i for i in holder["items"] if i["id"] == "K2018-1")
    assert [t["id"] for t in k1["targets"]] == ["K2018-1", "K2018-1a", "K2018-1b"]
    assert k1["related"] == ["W22"]


def test_without_dept_lists_every_organisation_in_plan_order() -> None:
    result = mljy("list", "--format", "json")
    names = [h["name"] for h in json.loads(result.stdout)["organisations"]]
    assert names[:3] == ["区联席办", "区社建办", "区房管局"]
    assert names[-1] == "嘉定工业区"
    assert "区绿化市容局" in names and "各街镇" not in names
    assert len(names) == len(set(names))


@pytest.mark.parametrize("width", [50, 80, 120, 200])
def test_table_never_breaks_an_id(width: int) -> None:
    result = mljy("list", "--dept", "区房管局", width=width)
    assert result.exit_code == 0
    words = set(result.stdout.replace("│", " ").split())
    missing = {i for ids in FANGGUAN.values() for i in ids} - words
    assert not missing
    assert all(cell_len(line) <= width for line in result.stdout.splitlines())


def test_markdown() -> None:
    result = mljy("list", "--dept", "区住房公司", "--format", "markdown")
    lines = result.stdout.splitlines()
    assert lines[0] == "## 区住房公司"
    assert "| 编号 | 事项 | 角色 | 时间 | 关联 | 目标 |" in lines
    assert any(line.startswith("| W24 | 加快推进区属房管集团") and "| 牵头 | 2018 | T5 T7 |" in line
               for line in lines)


def test_console_script() -> None:
    """The installed entry point, in a real process: exit code and message."""
    script = Path(sys.executable).with_name("mljy")
    if not script.exists():
        pytest.skip("console script not installed")
    env = {**os.environ, "MLJY_LANG": "zh"}
    done = subprocess.run([str(script), "list", "--dept", "区房官局"], capture_output=True,
                          text=True, encoding="utf-8", env=env, check=False)
    assert done.returncode == 2
    assert "是不是：区房管局" in done.stderr
    assert "Traceback" not in done.stderr
