"""A report as YAML text (``mljy convert --to yaml``), exactly: what it writes loads back
to the same report.

Figures are written as their shortest exact decimal text (0.1 → ``0.1``); text is written
plain when the loader reads it back as that same text, else double-quoted with escapes
(newlines, quotes, control characters), so notes keep every character.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from typing import Any, Final

from meilijiayuan.report.model import Report

_PLAIN: Final = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`][^:#\n\r\t]*")
_ESCAPE: Final = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")
_FIELDS: Final = ("value", "unit", "this_month", "numerator", "denominator", "rate", "state",
                  "note", "evidence")


def report_yaml(report: Report, *, header: str = "") -> str:
    """``report`` as a YAML document (UTF-8 text ending in a newline)."""
    lines = [f"# {line}" for line in header.splitlines()]
    lines.append(f"unit: {_text(report.unit)}")
    lines.append(f"period: {report.period}")
    if report.submitted is not None:
        lines.append(f"submitted: {report.submitted.isoformat()}")
    for key in ("contact", "note"):
        value = getattr(report, key)
        if value is not None:
            lines.append(f"{key}: {_text(value)}")
    if not report.items:
        lines.append("items: {}")
    else:
        lines.append("items:")
    for item_id, entry in report.items.items():
        lines.append(f"  {_text(item_id)}:")
        given = [(key, getattr(entry, key)) for key in _FIELDS if getattr(entry, key) is not None]
        if not given:
            lines[-1] += " {}"
        for key, value in given:
            lines.append(f"    {key}: {_scalar(value)}")
    return "\n".join(lines) + "\n"


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float | Decimal):
        from meilijiayuan.read.workbook import figure_text

        return figure_text(value)
    return _text(str(value))


def _text(text: str) -> str:
    """Plain when the loader gives back this very text, else double-quoted."""
    if _PLAIN.fullmatch(text) and text == text.strip() and _reads_as_text(text):
        return text
    quoted = json.dumps(text, ensure_ascii=False)
    return _ESCAPE.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


def _reads_as_text(text: str) -> bool:
    from meilijiayuan.read.document import resolve_plain as _resolve_plain

    if text.lower() in {"yes", "no", "on", "off", "y", "n"}:  # text to us, not to every tool
        return False
    resolved: object = _resolve_plain(text)
    return resolved == text
