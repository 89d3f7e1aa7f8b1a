"""Start tags found in XML bytes by pattern, with XML's own attribute grammar: a value in
either quote, holding anything but "<" (a ">" too), spaces around "=". What a workbook's
parts say is read this way rather than parsed (a parser costs many times more); a tag that
starts right but does not follow the grammar is reported, never skipped."""

from __future__ import annotations

import html
import re
from typing import Final

__all__ = ["Damaged", "attributes", "tag_pattern"]

_ATTRIBUTE_LIST: Final = rb"((?:\s+[^\s<>/=]+\s*=\s*(?:\"[^\"<]*\"|'[^'<]*'))*)\s*/?>"
_ATTRIBUTE: Final = re.compile(rb"([^\s<>/=]+)\s*=\s*(?:\"([^\"<]*)\"|'([^'<]*)')")


class Damaged(Exception):
    """A tag out of grammar, or a part that says one thing twice (two sheets of one name,
    an attribute given twice): what reads it might take either."""


def tag_pattern(names: bytes) -> re.Pattern[bytes]:
    """Start tags of the elements ``names`` (a pattern: ``c|row``), any namespace prefix.
    Group 1 is the name; group 2 the attributes, or ``None`` for a tag that does not follow
    the grammar."""
    return re.compile(rb"<(?:[^\s<>/:!?]+:)?(" + names + rb")(?:" + _ATTRIBUTE_LIST
                      + rb"|[\s/>])")


def attributes(text: bytes) -> list[tuple[str, str]]:
    """A tag's attributes in order, without namespace prefixes (``r:id`` is ``id``),
    entities resolved."""
    return [(key.rpartition(b":")[2].decode("utf-8", "replace"),
             html.unescape((double or single).decode("utf-8", "replace")))
            for key, double, single in _ATTRIBUTE.findall(text)]
