"""Run settings shared by every command: plan path, language, format, colour, limits.

Dependency-free so the CLI can build it before importing anything heavy.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from meilijiayuan.read.limits import Limits


class Lang(StrEnum):
    zh = "zh"
    en = "en"


class Color(StrEnum):
    auto = "auto"
    always = "always"
    never = "never"


class FailOn(StrEnum):
    red = "red"
    amber = "amber"
    never = "never"


class Format(StrEnum):
    table = "table"
    json = "json"
    markdown = "markdown"
    github = "github"
    junit = "junit"


@dataclass(slots=True)
class Settings:
    """What every command needs to know about the run."""

    plan: str | None = None
    lang: str = "zh"
    format: str = "table"
    color: str = "auto"
    debug: bool = False
    encoding: str | None = None
    limits: Limits = field(default_factory=Limits)
    fail_on: str = "never"
    quiet: bool = False
    verbose: bool = False
    summary: bool = False
    width: int | None = None
    jobs: int | None = None  # processes for many files; None: MLJY_JOBS, else one per CPU
