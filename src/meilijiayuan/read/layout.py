"""The layout of a report workbook, shared by its writer and its reader (dependency-free).

Sheet 进度 (Progress) holds, above the table, label cells with their value to the right
(单位, 月份, 计划, 报送日期, 联系人, 备注), then a header row, then one row per item. The reader
finds the labels and the columns by their text, in Chinese or English, so rows and columns
may be moved, added or hidden; the writer puts them where :data:`META_ROWS` and
:data:`COLUMNS` say. See docs/workbooks.md.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

SHEET: Final = ("进度", "Progress")
"""The names of the sheet with the figures (Chinese template, English template)."""
GUIDE_SHEET: Final = ("说明", "Guide")

# (key, Chinese label, English label); the report field is the key (plan is shown only)
META: Final = (
    ("unit", "单位", "unit"),
    ("period", "月份", "period"),
    ("plan", "计划", "plan"),
    ("submitted", "报送日期", "submitted"),
    ("contact", "联系人", "contact"),
    ("note", "备注", "note"),
)
META_FIELDS: Final = ("unit", "period", "submitted", "contact", "note")
META_REQUIRED: Final = ("unit", "period")

# (key, Chinese header, English header), in the template's order. Only the input columns
# (INPUTS) and the id are read; the others tell the user what to fill in.
COLUMNS: Final = (
    ("id", "编号", "id"),
    ("title", "名称", "title"),
    ("kind", "类别", "kind"),
    ("target", "目标", "target"),
    ("window", "时间节点", "window"),
    ("expected", "序时应达", "expected"),
    ("value", "累计完成", "value"),
    ("unit", "计量单位", "unit"),
    ("this_month", "本月完成", "this_month"),
    ("numerator", "分子", "numerator"),
    ("denominator", "分母", "denominator"),
    ("state", "状态", "state"),
    ("note", "说明", "note"),
    ("evidence", "佐证材料", "evidence"),
    ("rate", "比率", "rate"),
)
INPUTS: Final = ("value", "unit", "this_month", "numerator", "denominator", "state", "note",
                 "evidence", "rate")
NUMBERS: Final = ("value", "this_month", "numerator", "denominator", "rate")
TEXTS: Final = ("unit", "note", "evidence")
REQUIRED_COLUMNS: Final = ("id", "value", "numerator", "denominator", "state")

STATE_WORDS: Final = {"未开始": "not_started", "进行中": "in_progress", "已完成": "done",
                      "受阻": "blocked"}
"""The state dropdown's words → the report's states (the English states are read as well)."""
STATE_LABELS: Final = {state: word for word, state in STATE_WORDS.items()}

DEFINED_NAMES: Final = {key: f"mljy_{key}" for key, _, _ in META}
"""The defined name of each label's value cell, e.g. ``mljy_unit``."""

_PARENTHESISED = re.compile(r"[（(][^）)]*[）)]")


@lru_cache(maxsize=4096)  # the same headers come back in every workbook
@lru_cache(maxsize=4096)  # the same headers (and titles above them) in every workbook
def column_key(text: str) -> str | None:
    """The column a header names (:data:`COLUMNS`), or ``None``."""
    return header_key(text, COLUMNS)


@lru_cache(maxsize=4096)  # the same labels come back in every workbook
def meta_key(text: str) -> str | None:
    """The field a label above the header names (:data:`META`), or ``None``."""
    return header_key(text, META)


def header_key(text: str, table: tuple[tuple[str, str, str], ...]) -> str | None:
    """The key of ``table`` whose Chinese or English label is ``text``, or one of its words
    ("累计完成\\nvalue", "累计完成（个）", "* 状态" all name their column)."""
    cleaned = _PARENTHESISED.sub(" ", text).replace("*", " ").strip().lower()
    if not cleaned:
        return None
    words = {cleaned, *cleaned.split()}
    for key, zh, en in table:
        if zh in words or en in words:
            return key
    return None


def header_text(zh: str, en: str) -> str:
    """A header as written: both languages, so either reads it."""
    return f"{zh}\n{en}"
