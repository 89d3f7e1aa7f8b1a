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
    # one word per idea (every output): a report that came after its due day, a report
    # that never came, and owed items that were not reported
    "late_report": ("迟报", "Late reports"),
    "missing_report": ("未报送", "Reports not received"),
    "missing_items": ("未报项", "Items not reported"),
    "missing_item": ("未报项", "not reported"),
    # the HTML dashboard (mljy report --html)
    "invalid_banner": ("{n} 份报表未通过校验，其数字未计入本页：",
                       "Reports that failed validation, left out of this page: {n}"),
    "error_count": ("{n} 个错误", "errors: {n}"),
    "see_findings": ("见“校验问题”", "see Validation problems"),
    "open_targets": ("全区目标（进行中）", "District targets (open)"),
    "closed_targets": ("已结束的目标", "Closed targets"),
    "closed_note": ("期限在 {period} 之前结束的目标，保留最终状态。",
                    "Targets whose window ended before {period}; each keeps its final status."),
    "closed_in_summary": ("其中 {n} 项已结束", "of which {n} closed"),
    "closed_trends": ("已结束目标的月度趋势（{n} 项，点击展开）",
                      "Trends of the closed targets ({n}, click to open)"),
    "who": ("涉及单位", "Who"),
    "figure_month": ("数据月份", "Figure of"),
    "orgs": ("各单位事项", "Items by organisation"),
    "orgs_note": ("每个单位在本期的各项状态、实际值及其数据月份；"
                  "排名和热力图中的单位名称链接到这里。",
                  "Each organisation's items this period: status, figure and the month of the "
                  "figure; the names in the ranking and the heatmap link here."),
    "no_report_for": ("{period} 未报送", "no report for {period}"),
    "none_items": ("本期没有需要评价的事项", "nothing to assess this period"),
    "matrix_hover": ("悬停可看序时进度和差距。", "Hover for the expected figure and the gap."),
    "carried_note": ("括号中的月份表示该数字来自较早月份的报表。",
                     "A month in brackets: the figure comes from that earlier month's report."),
}


def pick(table: Mapping[str, tuple[str, str]], key: str, lang: str) -> str:
    """The ``lang`` text of ``key`` in a renderer's (zh, en) table; the key itself if absent."""
    zh, en = table.get(key, (key, key))
    return en if lang == "en" else zh


def label(key: str, lang: str) -> str:
    """The text of ``key`` in ``lang`` (the key itself when unknown)."""
    return pick(LABELS, key, lang)
