"""Figures as every output format writes them: ``60``, ``5.25``, ``−2``, ``60 万平方米``, and
the month a carried figure comes from. Shared by the formats (no format imports another)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from meilijiayuan.judge.records import Assessment

__all__ = ["MINUS", "figure_month", "number", "signed", "with_unit"]

MINUS = "\u2212"  # a real minus sign: "−2" reads better than "-2" next to CJK text


def number(x: Any) -> str:
    """``60``, ``5.25``, ``0.33``: at most two decimals, no trailing zeros."""
    if x is None:
        return ""
    text = f"{x:,.2f}".rstrip("0").rstrip(".")
    text = "0" if text in ("-0", "") else text
    return text.replace("-", MINUS)


def signed(x: Any) -> str:
    """``+3.5``, ``−2``, ``0``: the sign always shown, so a gap reads at a glance."""
    if x is None:
        return ""
    text = number(x)
    return text if text.startswith(MINUS) or text == "0" else "+" + text


def with_unit(x: Any, unit: str | None) -> str:
    """``60 万平方米``, ``95%``."""
    if x is None:
        return ""
    if unit in (None, ""):
        return number(x)
    return f"{number(x)}%" if unit == "%" else f"{number(x)} {unit}"


def figure_month(a: Assessment) -> str | None:
    """The month of the report a figure was carried from, when it is not the row's own."""
    month = getattr(a, "figure_period", None)
    return str(month) if month and str(month) != str(a.as_of) else None
