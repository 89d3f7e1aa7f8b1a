"""The compiled plan (meilijiayuan.plan.compiled): current, equal to reading the plan, and used only
when it is certainly the plan the run would read."""

from __future__ import annotations

import shutil
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest

from meilijiayuan.plan import compiled
from meilijiayuan.plan import load as validate
from meilijiayuan.plan.index import PlanIndex
from meilijiayuan.plan.load import load_plan

ROOT = Path(__file__).resolve().parents[3]
PLAN = ROOT / "data" / "plan.yaml"


def _no_yaml_read(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record (and allow) every plan read the ordinary way."""
    reads: list[str] = []
    real = validate.load_path

    def spy(path: str, *args: object, **kwargs: object) -> object:
        reads.append(path)
        return real(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(validate, "load_path", spy)
    return reads


def test_compiled_plan_is_current() -> None:
    """Fails after data/plan.yaml or the models change: run scripts/compile_plan.py."""
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "compile_plan.py"), "--check"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_compiled_plan_equals_reading_it(index: PlanIndex) -> None:
    fast = compiled.load(str(PLAN))
    assert fast is not None
    assert fast == index.plan  # conftest's index reads the plan with compiled=False
    fast_index = PlanIndex(fast)
    assert fast_index.org_names == index.org_names
    assert fast_index.group_names == index.group_names
    assert [t.id for t in fast_index.plan.targets] == [t.id for t in index.plan.targets]


def test_bundled_plan_is_not_read_again(monkeypatch: pytest.MonkeyPatch) -> None:
    reads = _no_yaml_read(monkeypatch)
    idx, findings = load_plan(str(PLAN))
    assert idx is not None and findings == []
    packaged = resources.files("meilijiayuan") / "data" / "plan.yaml"
    idx2, _ = load_plan(str(packaged))
    assert idx2 is not None
    assert reads == []


def test_a_copy_elsewhere_is_the_same_plan(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    copy = tmp_path / "我的计划.yaml"
    shutil.copyfile(PLAN, copy)
    reads = _no_yaml_read(monkeypatch)
    idx, findings = load_plan(str(copy))
    assert idx is not None and findings == [] and reads == []


def test_one_byte_changed_is_read_the_ordinary_way(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    text = PLAN.read_text(encoding="utf-8")
    changed = tmp_path / "plan.yaml"
    # same length, one figure different: the compiled plan must not be used
    old = "report_due_day: 5"
    assert old in text
    changed.write_text(text.replace(old, "report_due_day: 6", 1), encoding="utf-8")
    reads = _no_yaml_read(monkeypatch)
    idx, findings = load_plan(str(changed))
    assert reads == [str(changed)]
    assert idx is not None and findings == []
    assert idx.meta.report_due_day == 6


def test_an_invalid_plan_still_gets_its_findings(tmp_path: Path) -> None:
    bad = tmp_path / "plan.yaml"
    bad.write_bytes(PLAN.read_bytes().replace(b"report_due_day: 5", b"report_due_day: 0", 1))
    idx, findings = load_plan(str(bad))
    assert idx is None
    assert findings and findings[0].line is not None


def test_an_encoding_asks_for_the_ordinary_way(monkeypatch: pytest.MonkeyPatch) -> None:
    reads = _no_yaml_read(monkeypatch)
    idx, _ = load_plan(str(PLAN), encoding="utf-8")
    assert idx is not None and reads == [str(PLAN)]


@pytest.mark.parametrize("damage", [
    b"",                                        # empty
    b"not a compiled plan at all",              # no header
    b"mljy-compiled-plan 2 00000000 5\nhello",  # another format
])
def test_a_foreign_compiled_file_is_ignored(tmp_path: Path, damage: bytes) -> None:
    target = tmp_path / "plan.compiled"
    target.write_bytes(damage)
    assert compiled.load(str(PLAN), target) is None


def test_a_damaged_pickle_is_ignored(tmp_path: Path) -> None:
    blob = compiled.compiled_path().read_bytes()
    target = tmp_path / "plan.compiled"
    target.write_bytes(blob[:-200])  # cut short: the pickle cannot be read
    assert compiled.load(str(PLAN), target) is None


def test_a_stale_fingerprint_is_ignored(tmp_path: Path) -> None:
    blob = compiled.compiled_path().read_bytes()
    end = blob.index(b"\n")
    fields = blob[:end].split(b" ")
    fields[2] = b"%08x" % ((int(fields[2], 16) + 1) % 2**32)
    target = tmp_path / "plan.compiled"
    target.write_bytes(b" ".join(fields) + blob[end:])
    assert compiled.load(str(PLAN), target) is None
    assert compiled.load(str(PLAN)) is not None  # the shipped one is fine


def test_missing_plan_file_is_left_to_the_ordinary_way(tmp_path: Path) -> None:
    assert compiled.load(str(tmp_path / "nowhere.yaml")) is None
    assert compiled.load(str(tmp_path)) is None  # a folder
    idx, findings = load_plan(str(tmp_path / "nowhere.yaml"))
    assert idx is None and findings[0].code == "plan-not-found"


def test_compiler_refuses_a_plan_with_findings(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import compile_plan
    finally:
        sys.path.pop(0)
    bad = tmp_path / "plan.yaml"
    bad.write_bytes(PLAN.read_bytes().replace(b"report_due_day: 5", b"report_due_day: 0", 1))
    monkeypatch.setattr(compile_plan, "PLAN", bad)
    with pytest.raises(SystemExit, match="not compiled"):
        compile_plan.build()
