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
    # one word per idea in every output
    "missing_report": ("未报送", "not reported"),  # an organisation sent no report
    "late_report": ("迟报", "late"),  # a report sent after the due day
    "owed_items": ("未报项", "items not reported"),  # owed items without a figure this month
    "carried": ("沿用", "carried"),  # a figure from an earlier month's report
    "closed": ("已结束", "closed"),  # a target whose window ended before the period
}


def pick(table: Mapping[str, tuple[str, str]], key: str, lang: str) -> str:
    """The ``lang`` text of ``key`` in a renderer's (zh, en) table; the key itself if absent."""
    zh, en = table.get(key, (key, key))
    return en if lang == "en" else zh


def label(key: str, lang: str) -> str:
    """The text of ``key`` in ``lang`` (the key itself when unknown)."""
    return pick(LABELS, key, lang)
