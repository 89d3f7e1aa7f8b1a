"""``mljy validate --fix`` / ``--diff``: spelling only, every other byte kept, idempotent,
never a figure changed (examples from the authoring corpus and a property over generated
reports)."""

from __future__ import annotations

import os
import unicodedata
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from meilijiayuan.cli import app
from meilijiayuan.findings import Fix
from meilijiayuan.plan.index import PlanIndex
from meilijiayuan.plan.load import load_plan
from meilijiayuan.read.loader import load_bytes
from meilijiayuan.report.validate import validate_file
from meilijiayuan.run.fix import apply_fixes, plan_fix

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "authoring"
FILES = sorted(p for p in CORPUS.glob("*.yaml") if not p.name.endswith(".expected.yaml"))
FIGURES = ("value", "this_month", "numerator", "denominator", "rate")
runner = CliRunner()


@pytest.fixture(scope="module")
def index() -> PlanIndex:
    found, _ = load_plan()
    assert found is not None
    return found


def figures(raw: bytes) -> list[tuple[str, ...]]:
    """(item, field, figure as read, full width folded) of every figure a report holds,
    read from what the loader could read (a refused file: its recovered part)."""
    doc = load_bytes(raw, "r.yaml")
    doc = doc.recovered or doc
    return sorted(
        (
            unicodedata.normalize("NFKC", str(path[1])).upper(),
            str(path[-1]),
            unicodedata.normalize("NFKC", text),
        )
        for path, text in doc.raw.items()
        if len(path) == 3 and path[0] == "items" and path[-1] in FIGURES
    )


def fix_file(path: Path, *extra: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["validate", "--fix", *extra, str(path)])
    return result.exit_code, result.stdout, result.stderr


def safe_fixes(path: Path, index: PlanIndex) -> list[Fix]:
    from meilijiayuan.run.fix import fixes_for

    return fixes_for(validate_file(str(path), index), index)


@pytest.mark.parametrize("source", FILES, ids=[p.stem for p in FILES])
def test_fix_changes_only_the_fixed_characters(
    source: Path, tmp_path: Path, index: PlanIndex
) -> None:
    path = tmp_path / source.name
    before = source.read_bytes()
    path.write_bytes(before)
    fixes = safe_fixes(path, index)
    _code, out, err = fix_file(path)
    after = path.read_bytes()
    if not fixes:
        assert after == before and "+++" not in out
        return
    assert "未修正" not in err  # every safe fix of the corpus can be made
    # what changed is exactly the fixed characters: splice the fixes in by hand
    lines = before.decode().splitlines(keepends=True)
    for fix in sorted(fixes, key=lambda f: (f.line, f.column), reverse=True):
        line = lines[fix.line - 1]
        at = fix.column - 1
        assert line[at : at + len(fix.old)] == fix.old
        lines[fix.line - 1] = line[:at] + fix.new + line[at + len(fix.old) :]
    assert after.decode() == "".join(lines)
    touched = {fix.line for fix in fixes}
    for number, (old, new) in enumerate(
        zip(before.splitlines(keepends=True), after.splitlines(keepends=True), strict=True), 1
    ):
        if number not in touched:
            assert old == new
    assert figures(after) == figures(before)
    assert f"--- {path}" in out and f"+++ {path}" in out
    # idempotent: a second run changes nothing and shows no diff
    _code, out, _ = fix_file(path)
    assert path.read_bytes() == after
    assert "+++" not in out


def test_fix_mends_the_spelling_and_says_what_is_left(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_bytes((CORPUS / "10-xuxing-chinese-month.yaml").read_bytes())
    code, out, err = fix_file(path)
    text = path.read_text(encoding="utf-8")
    assert "period: 2020-11\n" in text and "submitted: 2020-12-03\n" in text
    assert "state: in_progress  #" in text and "\n  J3b:\n" in text
    assert "\n-period: 2020年11月\n" in out and "\n+period: 2020-11\n" in out
    assert "已自动修正 1 个文件" in err
    assert code == 0  # nothing else was wrong


def test_fix_keeps_bom_crlf_and_comments(tmp_path: Path) -> None:
    text = (CORPUS / "12-xinchenglu-short-name.yaml").read_text(encoding="utf-8")
    raw = b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode()
    path = tmp_path / "r.yaml"
    path.write_bytes(raw)
    code, _, _ = fix_file(path)
    after = path.read_bytes()
    assert after.startswith(b"\xef\xbb\xbf")
    assert after.count(b"\r\n") == raw.count(b"\r\n") and b"\n" not in after.replace(b"\r\n", b"")
    assert "    numerator: 110  # 分子：达标数，必填\r\n".encode() in after
    assert code == 2  # 新成路 is no organisation: not a spelling slip, left to the clerk
    assert b"unit: \xe6\x96\xb0\xe6\x88\x90\xe8\xb7\xaf\r\n" in after


def test_diff_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    before = (CORPUS / "23-chengguan-trailing-space.yaml").read_bytes()
    path.write_bytes(before)
    result = runner.invoke(app, ["validate", "--diff", str(path)])
    assert path.read_bytes() == before
    for line in (
        "-submitted: 2019-4-3",
        "+submitted: 2019-04-03",
        "-unit: 区城管执法局\u3000",
        "+unit: 区城管执法局",
    ):
        assert f"\n{line}\n" in result.stdout
    assert "1 个文件可自动修正" in result.stderr
    assert result.exit_code == 2


def test_fix_and_diff_together_is_a_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["validate", "--fix", "--diff", str(FILES[0])])
    assert result.exit_code == 2
    assert "--fix 与 --diff 不能同时使用" in result.stderr


def test_an_alias_becomes_the_canonical_name(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_bytes((CORPUS / "13-lvrong-alias.yaml").read_bytes())
    fix_file(path)
    assert "unit: 区绿化市容局\n" in path.read_text(encoding="utf-8")


def test_a_file_that_cannot_be_read_as_a_whole_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    before = "unit: 马陆镇\nperiod: 2019.7\nitems:\n  J3a:\n    numerator：80\n  x: [1,\n".encode()
    path.write_bytes(before)
    code, _out, err = fix_file(path)
    assert path.read_bytes() == before
    assert "未修正" in err and code == 2


def test_a_workbook_is_not_rewritten_and_says_so(tmp_path: Path) -> None:
    """--fix on a workbook with an error used to end without a word."""
    from tests.workbooks import grid_book

    path = grid_book(tmp_path / "马陆镇.xlsx", [{"id": "K2018-1", "value": 12}],
                     submitted="2018.7.4")
    before = path.read_bytes()
    code, _out, err = fix_file(path)
    assert path.read_bytes() == before and code == 2
    assert f"未修正 {path}：--fix 只修改 YAML 报表" in err


def test_overlapping_or_stale_fixes_are_refused() -> None:
    text = "a: １２\n"
    assert apply_fixes(text, [Fix(1, 4, "１２", "12"), Fix(1, 5, "２", "2")]) is None
    assert apply_fixes(text, [Fix(1, 4, "12", "12")]) is None
    assert apply_fixes(text, [Fix(1, 4, "１２", "12")]) == "a: 12\n"


def test_atomic_write_keeps_permissions(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_bytes((CORPUS / "10-xuxing-chinese-month.yaml").read_bytes())
    os.chmod(path, 0o640)
    fix_file(path)
    assert os.stat(path).st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["r.yaml"]


# --- a property over generated reports: never a figure changed, idempotent ----------------

_ITEMS = {"K2019-1": "rate", "J3a": "rate", "J3b": "rate", "J7": "rate", "W5": "rate"}
# ids of one indicator in the plan (K2019-1 and W5: 无违建创建完成率): a report gives it once,
# or twice with the same figures (else indicator-conflict, which no spelling fix may surface)
_INDICATOR = {"W5": "K2019-1"}
_WIDE = str.maketrans("0123456789.", "０１２３４５６７８９．")


@st.composite
def reports(draw: st.DrawFn) -> tuple[bytes, list[tuple[str, str, str]]]:
    """A 马陆镇 report for 2019-07 with spelling slips, and its figures as meant."""
    eol = draw(st.sampled_from(["\n", "\r\n"]))
    unit = draw(st.sampled_from(["马陆镇", "馬陸鎮", "马陆镇"]))
    period = draw(st.sampled_from(["2019-07", "2019.7", "2019年7月", "２０１９-０７"]))
    lines = ["# 马陆镇 2019-07（示例，数字为虚构）", f"unit: {unit}", f"period: {period}"]
    if draw(st.booleans()):
        lines.append(
            f"submitted: {draw(st.sampled_from(['2019-08-03', '2019年8月3日', '2019.8.3']))}"
        )
    lines.append("items:")
    meant: list[tuple[str, str, str]] = []
    given: dict[str, list[str]] = {}  # indicator → its figures as meant (given once, so agreed)
    for item in draw(
        st.lists(st.sampled_from(sorted(_ITEMS)), min_size=1, max_size=5, unique=True)
    ):
        typed_id = draw(st.sampled_from([item, item.lower(), item.upper()]))
        lines.append(f"  {typed_id}:  # {draw(st.sampled_from(['', '已核对', 'note: x']))}")
        den = draw(st.integers(1, 500))
        num = draw(st.integers(0, den))
        same = given.get(_INDICATOR.get(item, item))
        texts: list[str] = []
        for i, (key, number) in enumerate((("numerator", num), ("denominator", den))):
            text = str(number)
            if draw(st.booleans()):
                text = str(Decimal(number) + Decimal(draw(st.sampled_from(["0", "0.5"]))))
                if key == "numerator" and Decimal(text) > den:
                    text = str(number)
            if same is not None:  # a second id of one indicator gives the same figures
                text = same[i]
            texts.append(text)
            typed = text.translate(_WIDE) if draw(st.booleans()) else text
            colon = draw(st.sampled_from([": ", "：", ":", "： "]))
            lines.append(f"    {key}{colon}{typed}")
            meant.append((item.upper(), key, text))
        given.setdefault(_INDICATOR.get(item, item), texts)
    body = eol.join(lines) + eol
    return body.encode(), sorted(meant)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(reports())
def test_fix_never_changes_a_figure(
    tmp_path: Path, index: PlanIndex, generated: tuple[bytes, list[tuple[str, str, str]]]
) -> None:
    raw, meant = generated
    path = tmp_path / "r.yaml"
    path.write_bytes(raw)
    result = validate_file(str(path), index)
    plan = plan_fix(str(path), raw, result, index)
    after = plan.after if plan.after is not None else raw
    # every figure reads as meant, before (full width folded) and after the fixes
    assert figures(raw) == meant
    assert plan.refused is None
    has_safe = any(f.fix is not None and f.fix.safe for f in result.findings)
    if has_safe:  # (an alias alone is changed too, with no finding)
        assert plan.changed
    if plan.changed:
        assert figures(after) == meant
        path.write_bytes(after)
        left = validate_file(str(path), index)
        assert not any(f.fix is not None and f.fix.safe for f in left.findings)
        # line ends kept: as many lines, each ending as before
        assert after.count(b"\r\n") == raw.count(b"\r\n")
        assert after.count(b"\n") == raw.count(b"\n")
        # idempotent
        again = plan_fix(str(path), after, validate_file(str(path), index), index)
        assert not again.changed
