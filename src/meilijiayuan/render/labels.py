"""User-facing words of the renderers (headers, status names) in Chinese and English."""

from __future__ import annotations

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
}


def label(key: str, lang: str) -> str:
    """The text of ``key`` in ``lang`` (the key itself when unknown)."""
    zh, en = LABELS.get(key, (key, key))
    return en if lang == "en" else zh
