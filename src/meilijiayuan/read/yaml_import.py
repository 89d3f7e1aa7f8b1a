"""Importing PyYAML without compiling a regular expression mljy never uses.

``import yaml`` imports all of PyYAML, pure-Python reader included, and the reader's class
body compiles ``Reader.NON_PRINTABLE``: "any character *not* in" a set of ranges that spans
the whole of Unicode. CPython's regex compiler spends about 56 M instructions (≈ 15 ms,
a sixth of a one-report ``mljy check`` beyond the interpreter) turning that complement into
a character table. mljy parses with libyaml (``yaml.CParser``) and never runs that reader.

Importing this module (``from meilijiayuan.read.yaml_import import yaml``) first puts into
``re``'s own cache, under that exact pattern, a pattern
compiled from the same set written the other way round (the few characters that *are* not
printable), which compiles in a fraction of the time and matches exactly the same
characters (``tests/test_loader.py`` checks every code point). Where ``re`` keeps its
cache differently (another Python), nothing is put there and the import is just slower.
"""

from __future__ import annotations

import re

# yaml/reader.py, Reader.NON_PRINTABLE, as PyYAML 5.1 to 6.0.x write it
PYYAML_NON_PRINTABLE = (
    "[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010ffff]"
)
# the same characters: everything below U+10FFFF that is not in the set above
NON_PRINTABLE = "[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uD800-\uDFFF\uFFFE\uFFFF]"


def seed_regex_cache() -> bool:
    """Put :data:`NON_PRINTABLE`, compiled, where ``re.compile(PYYAML_NON_PRINTABLE)``
    looks first; ``False`` when this Python's ``re`` has no such cache."""
    cache = getattr(re, "_cache", None)
    if not isinstance(cache, dict):
        return False
    cache.setdefault((str, PYYAML_NON_PRINTABLE, 0), re.compile(NON_PRINTABLE))
    return True


seed_regex_cache()
import yaml  # noqa: E402  (after the seeding: this is the point of the module)

__all__ = ["NON_PRINTABLE", "PYYAML_NON_PRINTABLE", "seed_regex_cache", "yaml"]
