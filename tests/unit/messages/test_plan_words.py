"""``{district}`` and ``{ranked}`` in the catalogue's texts: the words of the plan in use."""

from __future__ import annotations

import contextvars
from pathlib import Path

from typer.testing import CliRunner

from meilijiayuan.cli import app
from meilijiayuan.messages.catalogue import render_message
from meilijiayuan.messages.plan_words import GENERIC, PlanWords, current, fill, speak_for
from meilijiayuan.messages.words import text
from meilijiayuan.plan.index import PlanIndex

ROOT = Path(__file__).resolve().parents[3]
EXAMPLE = ROOT / "examples" / "plans" / "chengchuan-2021-2023"


def fresh() -> contextvars.Context:
    """A context no plan has spoken in."""
    return contextvars.Context()


def test_without_a_plan_the_generic_words_stand_in() -> None:
    assert fresh().run(fill, "五、{ranked}排名；{district}目标") == "五、单位排名；本区目标"
    assert fresh().run(current) == GENERIC


def test_the_plans_words_fill_only_their_own_fields(index: PlanIndex) -> None:
    def spoken() -> tuple[str, str, str]:
        speak_for(index)
        return (fill("共 {n} 项{district}目标"), text("heading.ranking", "zh"),
                text("heading.ranking", "en"))

    assert fresh().run(spoken) == ("共 {n} 项全区目标", "五、街镇排名", "5. Ranking")


def test_a_finding_names_the_district_of_the_plan(index: PlanIndex) -> None:
    def message() -> str:
        speak_for(index)
        return render_message("exceeds-target", "message", "zh",
                              {"item": "K2018-4", "value": "9", "limit": "8"})

    assert fresh().run(message) == "K2018-4 本单位报送 9，超过 8（分配额或全区目标）"


def test_a_command_speaks_its_plan_in_a_context_of_its_own(index: PlanIndex) -> None:
    """``mljy status --plan EXAMPLE`` says 澄川区; the caller's words are the bundled plan's
    before and after."""
    def around() -> tuple[PlanWords, str, PlanWords]:
        speak_for(index)
        before = current()
        result = CliRunner().invoke(app, [
            "status", "--plan", str(EXAMPLE / "plan.yaml"), "--period", "2021-06",
            "--format", "markdown", str(EXAMPLE / "reports")], env={"MLJY_LANG": "zh"})
        return before, result.output, current()

    before, out, after = fresh().run(around)
    assert before == after == PlanWords("全区", "街镇")
    assert "## 一、澄川区目标进展" in out and "## 五、街镇（园区）排名" in out
