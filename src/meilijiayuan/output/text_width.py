"""How wide a text is in a spreadsheet's columns: a Chinese character takes two."""

from __future__ import annotations

import unicodedata

__all__ = ["display_width"]


def display_width(text: str) -> int:
    """Columns a text needs: a Chinese (wide or full-width) character is two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
