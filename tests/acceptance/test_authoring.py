"""The authoring corpus: filled templates with the mistakes clerks make (tests/fixtures/authoring).

Every mistake of a file is reported in ONE run of ``mljy validate``, at the line and column of
the character that caused it, in Chinese by default and in English with ``--lang en``; and
every fix a finding proposes, applied, removes that finding and adds none.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from meilijiayuan.cli import app
from meilijiayuan.findings import Finding
from meilijiayuan.plan.load import load_plan
from meilijiayuan.read.loader import load_bytes
from meilijiayuan.report.validate import FileResult, validate_file

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "authoring"
FILES = sorted(p for p in CORPUS.glob("*.yaml") if not p.name.endswith(".expected.yaml"))
CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff01-\uff5e]")
runner = CliRunner()


def expected(path: Path) -> set[tuple[int, int, str]]:
    sidecar = yaml.safe_load(path.with_suffix(".expected.yaml").read_text(encoding="utf-8"))
    return {(f["line"], f["column"], f["code"]) for f in sidecar["findings"]}


def test_the_corpus_is_large_and_every_file_has_several_mistakes() -> None:
    assert len(FILES) >= 30
    several = [p.name for p in FILES if len(expected(p)) >= 2]
    assert len(several) >= 28
    codes = set().union(*({c for _, _, c in expected(p)} for p in FILES))
    assert {
        "full-width-colon", "no-space-after-colon", "full-width-indent", "tab-indent",
        "unclosed-quote", "two-keys-on-line", "misplaced-key", "number-with-unit",
        "unknown-item", "lookalike", "period-format", "date-format", "bad-state",
        "numerator-exceeds-denominator", "negative", "duplicate-key", "full-width-digit",
    } <= codes  # fmt: skip


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_mistake_in_one_run(path: Path, lang: str) -> None:
    result = runner.invoke(app, ["validate", "--format", "json", "--lang", lang, str(path)])
    assert result.exit_code == 2, result.output
    out = json.loads(result.stdout)
    (file,) = out["files"]
    findings = file["errors"] + file["warnings"]
    got = {(f["line"], f["column"], f["code"]) for f in findings}
    assert got == expected(path)
    for f in findings:
        assert f["message"] and "{" not in f["message"] + f["hint"]
    for finding in _validated(path).findings:
        message = finding.message(lang)
        if lang == "en":  # English but for the text quoted from the file
            for value in finding.args.values():
                message = message.replace(str(value), "")
            assert not CJK.search(message), finding.message(lang)
        else:
            assert CJK.search(message), message


def test_unit_percent_works_as_typed() -> None:
    doc = load_bytes("unit: 马陆镇\nitems:\n  J3a:\n    unit: %\n".encode(), "r.yaml")
    assert doc.ok() and doc.data["items"]["J3a"]["unit"] == "%"
    assert doc.value_pos[("items", "J3a", "unit")] == (4, 11)
    assert doc.raw[("items", "J3a", "unit")] == "%"


# --- every proposed fix, applied, removes its finding and adds none -------------------------


def apply_fix(text: str, f: Finding) -> str:
    assert f.fix is not None and f.line is not None
    lines = text.splitlines(keepends=True)
    start = sum(len(line) for line in lines[: f.fix.line - 1]) + f.fix.column - 1
    assert text[start : start + len(f.fix.old)] == f.fix.old, (f, text[start : start + 20])
    return text[:start] + f.fix.new + text[start + len(f.fix.old) :]


def _validated(path: Path) -> FileResult:
    index, _ = load_plan()
    assert index is not None
    return validate_file(str(path), index)


def _key(f: Finding) -> tuple[str, Any]:
    return f.code, f.item


FIXTURE_FILES = FILES + sorted(
    p
    for folder in ("invalid", "hostile", "ci", "loader", "check", "valid")
    for p in (Path(__file__).resolve().parents[1] / "fixtures" / folder).rglob("*.yaml")
)


@pytest.mark.parametrize(
    "path", FIXTURE_FILES, ids=[f"{p.parent.name}/{p.stem}" for p in FIXTURE_FILES]
)
def test_every_proposed_fix_removes_its_finding_and_adds_none(path: Path, tmp_path: Path) -> None:
    before = _validated(path)
    fixable = [f for f in before.findings if f.fix is not None]
    if not fixable:
        return
    raw = path.read_bytes()
    text = raw.decode("utf-8-sig") if raw.startswith(b"\xef\xbb\xbf") else raw.decode("utf-8")
    for f in fixable:
        changed = tmp_path / path.name
        changed.write_text(apply_fix(text, f), encoding="utf-8", newline="")
        after = _validated(changed)
        assert (f.code, f.line, f.column) not in {
            (g.code, g.line, g.column) for g in after.findings
        }
        # nothing new: every finding after the fix was there before (by code and item)
        new = {_key(g) for g in after.findings} - {_key(g) for g in before.findings}
        assert not new, (f, [(g.code, g.line, g.column, dict(g.args)) for g in after.findings])
