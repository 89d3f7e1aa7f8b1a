"""User-facing words of the renderers (headers, status names) in Chinese and English."""

from __future__ import annotations

from collections.abc import Mapping

LABELS: dict[str, tuple[str, str]] = {
    "location": ("位置", "Location"),
    "severity": ("级别", "Level"),
    "code": ("代码", "Code"),
    "problem": ("问题", "Problem"),
    "fix": ("如何修改", "How to fix"),
    "error": ("错误", "error"),
    "warning": ("警告", "warning"),
    "file": ("文件", "File"),
    "files": ("个文件", "files"),
    "valid": ("通过", "valid"),
    "invalid": ("未通过", "invalid"),
    "errors": ("个错误", "errors"),
    "warnings": ("个警告", "warnings"),
    "ok": ("通过", "OK"),
    "plan": ("计划文件", "plan"),
    "report": ("报表", "report"),
    # mljy validate --fix / --diff
    "fixed": (
        "已自动修正 {n} 个文件（只改写法，不改数字）",
        "fixed {n} files (spelling only, never a figure)",
    ),
    "would-fix": (
        "{n} 个文件可自动修正：加 --fix 写入", "{n} files can be fixed: pass --fix to write them"
    ),
    "fix-refused": ("未修正 {file}：{reason}", "not fixed: {file}: {reason}"),
    "overlap": ("两处修正重叠", "two fixes overlap"),
    "unreadable": (
        "文件还有无法识别的格式错误，先按提示改正后再用 --fix",
        "the file has a syntax error that cannot be named: mend it first, then use --fix",
    ),
    "undecodable": ("无法按文件的编码读取", "the file cannot be decoded"),
    "unencodable": (
        "修正后的文字无法按原编码保存", "the fixed text cannot be saved in the file's encoding"
    ),
    "figures": (
        "修正会改变数字，或无法确认数字不变",
        "a fix would change a figure, or that cannot be ruled out",
    ),
    "new-findings": ("修正后会出现新的问题", "the fixed file would have a new finding"),
    "fix-and-diff": ("--fix 与 --diff 不能同时使用", "--fix and --diff cannot be used together"),
}


def pick(table: Mapping[str, tuple[str, str]], key: str, lang: str) -> str:
    """The ``lang`` text of ``key`` in a renderer's (zh, en) table; the key itself if absent."""
    zh, en = table.get(key, (key, key))
    return en if lang == "en" else zh


def label(key: str, lang: str) -> str:
    """The text of ``key`` in ``lang`` (the key itself when unknown)."""
    return pick(LABELS, key, lang)
