"""Resource limits for reading one file (dependency-free, so the CLI can build them cheaply)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final


@dataclass(frozen=True, slots=True)
class Limits:
    """Refuse a file early when it would need more than this (docs/bad-input.md, "Limits")."""

    max_bytes: int = 1_048_576  # 1 MiB: a monthly report is a few KB
    max_depth: int = 32  # nesting levels of mappings and sequences
    max_nodes: int = 100_000  # scalars and collections together


DEFAULT_LIMITS: Final = Limits()
