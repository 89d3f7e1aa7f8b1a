"""Hostile and broken input: never a traceback, never a lost figure (docs/bad-input.md).

The corpus in ``tests/fixtures/hostile/`` is written by its ``make_corpus.py``, which also
holds what ``mljy validate`` must say about each file (:data:`CASES`). Every case is run
through the CLI (``CliRunner``) with ``--format json`` for ``validate`` and ``check``; a
handful also through a real ``python -m meilijiayuan`` process. The large inputs (5 MB,
20,000 levels, alias bombs) are built into ``tmp_path`` here, not committed.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from meilijiayuan.cli import app
from tests.conftest import FIXTURES, PLAN_PATH, ROOT

HOSTILE = FIXTURES / "hostile"


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_corpus", HOSTILE / "make_corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


corpus = _generator()
CASES: list[Any] = corpus.CASES
BY_NAME = {c.name: c for c in CASES}
Located = tuple[str, int | None, int | None]

# A guard against a hang or a blow-up (an input that makes mljy expand, recurse or parse for
# minutes), not a speed measurement: speed is measured by benchmarks/, side by side with its
# peers, never asserted here. The real figures on a 2-core machine are given next to each
# test; the bound is far above them so that a loaded machine never fails a correct run.
QUICK = 30.0


def _params(cases: Sequence[Any]) -> list[Any]:
    return [
        pytest.param(c, id=c.name,
                     marks=[pytest.mark.xfail(reason=c.xfail, strict=True)] if c.xfail else [])
        for c in cases
    ]


# --- running mljy -----------------------------------------------------------------------------


def mljy(*args: str) -> Result:
    """``mljy ARGS --plan data/plan.yaml`` in-process; asserts the contract's universal part."""
    result = CliRunner().invoke(app, [*args, "--plan", str(PLAN_PATH)])
    assert_no_crash(result.exit_code, result.stdout, result.stderr)
    if result.exception is not None:
        assert isinstance(result.exception, SystemExit), repr(result.exception)
    return result


def assert_no_crash(code: int, stdout: str, stderr: str) -> None:
    """Exit 0, 1 or 2; no traceback; no 'internal error' (a caught bug is still a bug)."""
    assert code in (0, 1, 2), (code, stdout[-2000:], stderr[-2000:])
    for text in (stdout, stderr):
        assert "Traceback" not in text, text[-3000:]
        assert "internal-error" not in text and "内部错误" not in text, text[-3000:]


def as_json(result: Result) -> dict[str, Any]:
    doc = json.loads(result.stdout)
    assert isinstance(doc, dict)
    return doc


def located(doc: dict[str, Any], *, warnings: bool = True) -> set[Located]:
    found = doc["errors"] + (doc["warnings"] if warnings else [])
    return {(f["code"], f["line"], f["column"]) for f in found}


@dataclass
class Run:
    """One real ``python -m meilijiayuan`` process."""

    code: int
    stdout: str
    stderr: str
    seconds: float
    max_rss_mib: float


_LAUNCHER = """
import os, subprocess, sys
out, err, rss = sys.argv[1:4]
with open(out, "wb") as o, open(err, "wb") as e:
    proc = subprocess.Popen(sys.argv[4:], stdout=o, stderr=e)
    _, status, usage = os.wait4(proc.pid, 0)
with open(rss, "w") as r:
    r.write(str(usage.ru_maxrss))
sys.exit(os.waitstatus_to_exitcode(status))
"""
"""Starts the measured process from a small, fresh one: a child's peak memory counts the memory
of the process it was forked from, and the test process grows to hundreds of MiB over a run."""


def run_process(args: Sequence[str], cwd: Path) -> Run:
    """Run ``python -m meilijiayuan ARGS`` in ``cwd``, measuring its time and peak memory."""
    out, err, rss = cwd / ".stdout", cwd / ".stderr", cwd / ".rss"
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "MLJY_PLAN": str(PLAN_PATH)}
    env.pop("GITHUB_ACTIONS", None)
    command = [sys.executable, "-m", "meilijiayuan", *args]
    start = time.perf_counter()
    if hasattr(os, "wait4"):
        code = subprocess.run([sys.executable, "-c", _LAUNCHER, str(out), str(err), str(rss),
                               *command], cwd=cwd, env=env, check=False).returncode
        max_rss = int(rss.read_text()) / 1024  # KiB on Linux
        rss.unlink()
    else:  # pragma: no cover - Windows
        with out.open("wb") as o, err.open("wb") as e:
            code = subprocess.run(command, cwd=cwd, stdout=o, stderr=e, env=env,
                                  check=False).returncode
        max_rss = 0.0
    seconds = time.perf_counter() - start
    run = Run(code, out.read_text("utf-8"), err.read_text("utf-8"), seconds, max_rss)
    out.unlink()
    err.unlink()
    assert_no_crash(run.code, run.stdout, run.stderr)
    return run


# --- the corpus -------------------------------------------------------------------------------


def test_corpus_is_what_the_generator_writes() -> None:
    assert len(CASES) >= 40
    assert len(BY_NAME) == len(CASES), "case names must be unique"
    committed = {p.name for p in HOSTILE.glob("*.yaml")}
    assert committed == {c.file for c in CASES}, "run tests/fixtures/hostile/make_corpus.py"
    for case in CASES:
        assert (HOSTILE / case.file).read_bytes() == case.content, case.name
    # small enough to commit: the large inputs are built at test time
    assert sum(len(c.content) for c in CASES) < 200_000


def test_corpus_covers_every_kind_of_hostile_input() -> None:
    codes = {code for c in CASES for code, _, _ in c.findings}
    assert {"encoding", "control-character", "empty-file", "not-a-mapping", "multiple-documents",
            "yaml-syntax", "anchor-alias", "merge-key", "tag", "too-deep", "duplicate-key",
            "tab-indent", "lookalike", "unknown-organisation", "quoted-number",
            "full-width-digit", "not-a-number", "not-finite", "bool-as-number", "negative",
            "period-outside-plan", "period-format", "date-format", "not-text"} <= codes
    assert sum(1 for c in CASES if c.exit == 0) >= 5  # the odd but valid ones


@pytest.mark.parametrize("case", _params(CASES))
def test_validate_says_exactly_this(case: Any) -> None:
    result = mljy("validate", str(HOSTILE / case.file), "--format", "json")
    doc = as_json(result)
    assert result.exit_code == case.exit
    assert located(doc) == set(case.findings)
    assert doc["valid"] is (case.exit == 0)
    for finding in doc["errors"] + doc["warnings"]:
        assert finding["file"].endswith(case.file)
        assert finding["message"] and "{" not in finding["message"] + finding["hint"]


@pytest.mark.parametrize("case", _params(CASES))
def test_check_agrees_with_validate(case: Any) -> None:
    result = mljy("check", str(HOSTILE / case.file), "--format", "json")
    doc = as_json(result)
    errors = {f for f in case.findings if f[0] not in ("bare-rate", "no-items", "not-reporter")}
    if case.exit == 2:
        assert result.exit_code == 2
        assert located(doc, warnings=False) == errors
    else:
        assert result.exit_code in (0, 1)
        assert doc["errors"] == []


def _formats() -> list[tuple[str, str]]:
    from meilijiayuan.output.registry import formats

    return [(command, f) for command in ("validate", "check") for f in formats(command)]


@pytest.mark.parametrize(("command", "fmt"), _formats())
def test_every_format_survives_the_whole_corpus(command: str, fmt: str) -> None:
    result = mljy(command, str(HOSTILE), "--format", fmt)
    assert result.exit_code == 2
    if fmt == "json":
        as_json(result)
    if fmt == "junit":
        import xml.etree.ElementTree as ET

        ET.fromstring(result.stdout)  # well-formed, control characters and all


@pytest.mark.parametrize("name", ["enc-gbk", "binary-garbage", "binary-xlsx", "tag-python-object",
                                  "control-escape", "alias-bomb-small", "duplicate-field",
                                  "ok-bom-crlf"])
def test_a_real_process_never_shows_a_traceback(name: str, tmp_path: Path) -> None:
    case = BY_NAME[name]
    path = tmp_path / case.file
    path.write_bytes(case.content)
    table = run_process(["validate", str(path)], tmp_path)
    assert table.code == case.exit
    for code, line, column in case.findings:
        assert code in table.stdout
        if line is not None:
            assert f"{case.file}:{line}:{column}" in table.stdout
    as_json_process = run_process(["validate", str(path), "--format", "json"], tmp_path)
    assert located(json.loads(as_json_process.stdout)) == set(case.findings)
    assert sorted(p.name for p in tmp_path.iterdir()) == [case.file]  # nothing ran, nothing written


# --- what the findings say --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "codec"),
    [("enc-gbk", "gbk"), ("enc-gb18030", "gb18030"), ("enc-utf16le-bom", "utf-16"),
     ("enc-utf16be-bom", "utf-16"), ("enc-utf16le-nobom", "utf-16-le"),
     ("enc-utf16be-nobom", "utf-16-be"), ("enc-utf32-bom", "utf-32")],
)
def test_the_encoding_hint_names_a_codec_that_reads_the_file(name: str, codec: str) -> None:
    case = BY_NAME[name]
    doc = as_json(mljy("validate", str(HOSTILE / case.file), "--format", "json"))
    assert f"--encoding {codec}" in doc["errors"][0]["hint"]
    again = mljy("validate", str(HOSTILE / case.file), "--format", "json", "--encoding", codec)
    assert again.exit_code == 0, again.stdout


@pytest.mark.parametrize(
    ("name", "zh", "en"),
    [("binary-xlsx", "Excel 表格", "an Excel workbook"),
     ("binary-docx", "Word 文档", "a Word document"),
     ("binary-xls-ole", "旧版 Office 或 WPS 文件", "an old-style Office or WPS file"),
     ("binary-pdf", "PDF 文件", "a PDF file"), ("binary-png", "PNG 图片", "a PNG image"),
     ("binary-zip", "压缩包", "a zip, rar, 7z or gzip archive"),
     ("binary-garbage", "二进制数据", "binary data")],
)
def test_a_file_that_is_not_text_is_named_for_what_it_looks_like(name: str, zh: str,
                                                                  en: str) -> None:
    """Not "Latin-1, re-save as UTF-8": the Excel file renamed to .yaml is called one."""
    path = str(HOSTILE / f"{name}.yaml")
    [error] = as_json(mljy("validate", path, "--format", "json"))["errors"]
    assert error["message"] == f"文件不是文本格式的报表（看起来是{zh}）"
    assert "mljy template" in error["hint"] and "--encoding" not in error["hint"]
    [error] = as_json(mljy("validate", path, "--format", "json", "--lang", "en"))["errors"]
    assert error["message"] == f"the file is not text (it looks like {en})"


def test_an_excel_file_renamed_to_yaml(tmp_path: Path) -> None:
    """What a civil servant does: save the report from Excel, rename it to .yaml, validate."""
    path = tmp_path / "马陆镇-2019-06.yaml"
    path.write_bytes(BY_NAME["binary-xlsx"].content)
    table = mljy("validate", str(path))
    assert table.exit_code == 2
    assert f"{path}  not-text" in table.stdout
    assert "文件不是文本格式的报表（看起来是Excel 表格）" in table.stdout
    assert "mljy template --unit 单位 --period YYYY-MM" in table.stdout
    assert "Latin-1" not in table.stdout and "--encoding" not in table.stdout
    english = mljy("validate", str(path), "--lang", "en")
    assert english.exit_code == 2
    assert "the file is not text (it looks like an Excel workbook)" in english.stdout
    assert "`mljy template --unit NAME --period YYYY-MM`" in english.stdout
    for command in ("validate", "check"):
        result = mljy(command, str(path), "--format", "json")
        assert result.exit_code == 2
        assert located(as_json(result)) == {("not-text", None, None)}
    # --encoding is honoured for text, but names no codec that could read a workbook
    forced = mljy("validate", str(path), "--format", "json", "--encoding", "gbk")
    assert forced.exit_code == 2
    assert located(as_json(forced)) == {("not-text", None, None)}


def test_a_bom_in_the_middle_is_named() -> None:
    doc = as_json(mljy("validate", str(HOSTILE / "bom-mid-file.yaml"), "--format", "json"))
    [error] = doc["errors"]
    assert (error["code"], error["line"], error["column"]) == ("control-character", 3, 1)
    assert "U+FEFF（字节顺序标记 BOM" in error["message"]


@pytest.mark.filterwarnings("ignore:invalid escape sequence:DeprecationWarning")  # unicode_escape
@pytest.mark.parametrize("codec", ["idna", "punycode", "undefined", "rot13", "base64", "mbcs",
                                   "utf-7", "unicode_escape", "no-such-codec"])
def test_any_encoding_option_is_a_finding_not_a_crash(codec: str) -> None:
    """--encoding takes any codec name Python knows, including ones that are not for text."""
    for name in ("ok-crlf", "enc-gbk", "binary-garbage"):
        result = mljy("validate", str(HOSTILE / f"{name}.yaml"), "--encoding", codec, "-f", "json")
        assert result.exit_code == 2
        assert as_json(result)["errors"]


def test_a_mixed_file_read_with_the_wrong_codec_is_never_silently_accepted() -> None:
    result = mljy("validate", str(HOSTILE / "enc-utf8-then-gbk.yaml"), "--encoding", "gbk",
                  "--format", "json")
    assert result.exit_code == 2  # the UTF-8 half is not GBK: encoding-invalid at 1:8
    assert located(as_json(result)) == {("encoding-invalid", 1, 8)}


@pytest.mark.parametrize("text", ["1,000", "1_000", "1e3", "5e-1", "1E+2", "0x10", "0o17",
                                  "2019-06-30", "1:30", "1.5.3", "12 000"])
def test_a_number_hint_never_suggests_a_different_figure(text: str, tmp_path: Path) -> None:
    """"1,000" once got "write value: 1, unit: ,000": following the hint lost the figure."""
    path = tmp_path / "r.yaml"
    path.write_bytes(corpus.value_case(text))
    doc = as_json(mljy("validate", str(path), "--format", "json", "--lang", "en"))
    [error] = doc["errors"]
    assert error["code"] == "not-a-number", error
    assert "12" in error["hint"]  # the generic example, never a figure taken from the text


def test_units_typed_after_the_number_still_get_the_bare_number() -> None:
    doc = as_json(mljy("validate", str(HOSTILE / "number-with-wan.yaml"), "--format", "json"))
    assert "value: 60" in doc["errors"][0]["hint"]


def test_a_percentage_in_a_numerator_is_explained_not_patched() -> None:
    # "write numerator: 95, unit: %" led to numerator > denominator and a YAML error
    doc = as_json(mljy("validate", str(HOSTILE / "number-percent.yaml"), "--format", "json"))
    hint = doc["errors"][0]["hint"]
    assert "numerator 填达标的个数，denominator 填总数" in hint
    assert "J3a（业委会组建率达95%）" in hint and "numerator: 114 和 denominator: 120" in hint
    assert "unit:" not in hint and "numerator: 95" not in hint


def test_duplicate_keys_name_both_lines() -> None:
    doc = as_json(mljy("validate", str(HOSTILE / "duplicate-field.yaml"), "--format", "json",
                       "--lang", "en"))
    [error] = doc["errors"]
    assert error["line"] == 6 and "line 5" in error["message"]


def test_traditional_characters_get_the_simplified_name() -> None:
    for name, fixed in [("unit-traditional", "马陆镇"), ("unit-traditional-one-char", "南翔镇")]:
        doc = as_json(mljy("validate", str(HOSTILE / f"{name}.yaml"), "--format", "json"))
        [error] = doc["errors"]
        assert error["hint"].endswith(fixed) and "繁体" in error["message"], error


def test_lookalike_hints_give_the_exact_name() -> None:
    for name, fixed in [("unit-trailing-space-quoted", "马陆镇"), ("unit-zero-width", "马陆镇"),
                        ("unit-ideographic-space", "马陆镇"), ("id-full-width", "K2018-4"),
                        ("id-zero-width", "K2018-4")]:
        doc = as_json(mljy("validate", str(HOSTILE / f"{name}.yaml"), "--format", "json"))
        assert doc["errors"][0]["hint"].endswith(fixed), name


def test_python_tags_never_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for command in ("validate", "check"):
        mljy(command, str(HOSTILE / "tag-python-object.yaml"))
    assert not (tmp_path / "mljy-pwned.txt").exists()


def _gbk_named_report(folder: Path) -> None:
    """A GBK file name, as unzipping a Windows archive on Linux leaves it."""
    name = os.fsdecode(os.fsencode(folder) + b"/" + "马陆镇.yaml".encode("gbk"))
    Path(name).write_bytes(corpus.REPORT.encode())


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="needs byte file names")
@pytest.mark.parametrize("fmt", ["table", "json", "github", "junit"])
def test_a_file_name_that_is_not_utf8(fmt: str, tmp_path: Path) -> None:
    _gbk_named_report(tmp_path)
    result = mljy("validate", str(tmp_path), "--format", fmt)
    assert result.exit_code == 0
    if fmt == "json":
        [file] = as_json(result)["files"]
        assert file["valid"] and file["file"].endswith(".yaml")


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="needs byte file names")
@pytest.mark.parametrize("command", ["validate", "check"])
def test_a_file_name_that_is_not_utf8_in_a_real_process(command: str, tmp_path: Path) -> None:
    """A real process: check writes through click's stdout, which escapes what UTF-8 cannot
    carry (under CliRunner's strict stream the same text would be an internal error)."""
    folder = tmp_path / "reports"
    folder.mkdir()
    _gbk_named_report(folder)
    for fmt in ("table", "json"):
        run = run_process([command, str(folder), "--format", fmt], tmp_path)
        assert run.code in (0, 1)
        if fmt == "json":
            doc = json.loads(run.stdout)
            assert doc["errors"] == [] and "\\udc" in run.stdout  # escaped, valid UTF-8


def test_file_names_with_spaces_and_chinese(tmp_path: Path) -> None:
    path = tmp_path / "2019年6月 马陆镇 (终稿).yaml"
    path.write_bytes(corpus.REPORT.encode())
    for command in ("validate", "check"):
        doc = as_json(mljy(command, str(tmp_path), "--format", "json"))
        assert doc["errors"] == []


# --- resource limits --------------------------------------------------------------------------


def _timed(*args: str) -> tuple[Result, float]:
    start = time.perf_counter()
    result = mljy(*args)
    return result, time.perf_counter() - start


LARGE = {
    # name: (bytes, code, line, column)
    "five-megabytes": (corpus.large_five_megabytes, "file-too-large", None, None),
    "deep-20000-flow": (corpus.large_deep_flow, "too-deep", 3, 39),
    "deep-20000-block": (corpus.large_deep_block, "too-deep", 4, 63),
    "deep-20000-mappings": (corpus.large_deep_mappings, "too-deep", 3, 132),
    "alias-bomb": (corpus.large_alias_bomb, "anchor-alias", 1, 5),
    "wide-200000": (corpus.large_wide, "too-many-nodes", 5, 199_991),
}


@pytest.mark.parametrize("name", list(LARGE))
@pytest.mark.parametrize("command", ["validate", "check"])
def test_large_inputs_are_refused_quickly(name: str, command: str, tmp_path: Path) -> None:
    make, code, line, column = LARGE[name]
    path = tmp_path / f"{name}.yaml"
    path.write_bytes(make())
    result, seconds = _timed(command, str(path), "--format", "json")
    assert seconds < QUICK  # 0.03-0.05 s, mostly the plan; the 200,000 values 0.5 s
    assert result.exit_code == 2
    errors = as_json(result)["errors"]
    assert (errors[0]["code"], errors[0]["line"], errors[0]["column"]) == (code, line, column)
    assert len(errors) <= 100  # findings are capped, even for an alias bomb


@pytest.mark.skipif(not hasattr(os, "wait4"), reason="peak memory needs os.wait4 (POSIX)")
@pytest.mark.parametrize("name", list(LARGE))
def test_large_inputs_cost_little_memory(name: str, tmp_path: Path) -> None:
    make, code, _, _ = LARGE[name]
    path = tmp_path / f"{name}.yaml"
    path.write_bytes(make())
    run = run_process(["validate", str(path)], tmp_path)
    assert run.code == 2 and code in run.stdout
    assert run.seconds < QUICK  # 1.5-2.5 s on a busy 2-core machine, nearly all imports
    assert run.max_rss_mib < 300  # 56 MiB as for a one-line report; 68 MiB for 200,000 values


def test_size_limit_just_over_the_default(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_bytes(corpus.just_over_default_size())
    refused = as_json(mljy("validate", str(path), "--format", "json"))
    assert located(refused) == {("file-too-large", None, None)}
    assert "--max-bytes" in refused["errors"][0]["hint"]
    raised, seconds = _timed("validate", str(path), "--max-bytes", str(2 * corpus.MIB))
    assert raised.exit_code == 0, raised.stdout
    assert seconds < QUICK  # 0.05 s
    exact = mljy("validate", str(path), "--max-bytes", str(corpus.MIB + 1))
    assert exact.exit_code == 0


def test_a_long_line_under_the_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_bytes(corpus.large_long_line())
    result, seconds = _timed("check", str(path), "--format", "json")
    assert result.exit_code in (0, 1) and as_json(result)["errors"] == []
    assert seconds < QUICK  # 0.1 s


def test_the_five_megabytes_read_with_a_raised_limit(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_bytes(corpus.large_five_megabytes())
    result, seconds = _timed("validate", str(path), "--max-bytes", str(6 * corpus.MIB))
    assert result.exit_code == 0
    assert seconds < QUICK  # 0.15 s in the loader, 0.2 s in all


def test_depth_limit_raised_and_lowered(tmp_path: Path) -> None:
    deeper = HOSTILE / "depth-33.yaml"
    assert ("too-deep", 5, 40) in located(as_json(mljy("validate", str(deeper), "-f", "json")))
    raised = as_json(mljy("validate", str(deeper), "-f", "json", "--max-depth", "33"))
    assert located(raised) == {("wrong-type", 5, 11)}  # read, then refused as a note
    report = HOSTILE / "ok-crlf.yaml"  # a report nests three levels: root, items, an item
    assert mljy("validate", str(report), "--max-depth", "3").exit_code == 0
    lowered = as_json(mljy("validate", str(report), "-f", "json", "--max-depth", "2"))
    assert located(lowered) == {("too-deep", 5, 5)}  # K2018-4's mapping, at its first key


def test_node_limit_raised_and_lowered(tmp_path: Path) -> None:
    path = tmp_path / "wide.yaml"
    path.write_bytes(corpus.large_wide())
    raised = as_json(mljy("validate", str(path), "-f", "json", "--max-nodes", "300000"))
    assert located(raised) == {("wrong-type", 5, 12)}
    report = HOSTILE / "ok-crlf.yaml"  # 23 nodes: 5 mappings, 9 keys with values, 9 keys
    assert mljy("validate", str(report), "--max-nodes", "23").exit_code == 0
    lowered = as_json(mljy("validate", str(report), "-f", "json", "--max-nodes", "22"))
    assert located(lowered) == {("too-many-nodes", 11, 18)}  # the 23rd: denominator's 126


def test_limits_must_be_positive() -> None:
    for option in ("--max-bytes", "--max-depth", "--max-nodes"):
        result = mljy("validate", str(HOSTILE / "ok-crlf.yaml"), option, "0")
        assert result.exit_code == 2


def test_repository_reports_stay_well_inside_the_limits() -> None:
    """The defaults leave room: the largest sample report is far below each limit."""
    reports = sorted((ROOT / "data" / "reports").rglob("*.yaml"))
    if not reports:
        pytest.skip("no sample reports in data/reports")
    assert max(p.stat().st_size for p in reports) < corpus.MIB // 20


@pytest.mark.parametrize("args", [
    ["list", "--dept", "区房管局"],  # a rich table: rich handles the broken pipe itself
    ["list", "--dept", "区房管局", "--format", "json"],  # print(): mljy's run() handles it
    ["schema", "report"],
    ["template", "--unit", "马陆镇", "--period", "2019-06"],
])
def test_a_reader_that_left_ends_the_run_with_1_and_no_message(args: list[str]) -> None:
    """``mljy … | head``: the pipe is closed before mljy writes; exit 1, nothing on stderr."""
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before the first byte
    try:
        proc = subprocess.run([sys.executable, "-m", "meilijiayuan", *args], cwd=ROOT,
                              stdout=write_end, stderr=subprocess.PIPE, timeout=120)
    finally:
        os.close(write_end)
    assert proc.returncode == 1
    assert proc.stderr == b""
