"""Run settings shared by every command: plan path, language, format, colour, limits.

Dependency-free so the CLI can build it before importing anything heavy.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from meilijiayuan.read.limits import Limits


class Lang(StrEnum):
    zh = "zh"
    en = "en"


def language(args: Sequence[str], environ: Mapping[str, str] = os.environ) -> str:
    """The language a command line asks for, wherever ``--lang`` stands on it.

    ``--lang en`` or ``--lang=en`` (the last one wins, none after ``--``), else
    ``MLJY_LANG``; anything but ``en`` is Chinese. Used before click has read the options:
    for a help page (``--help`` may come before ``--lang``) and for a wrong command line.
    """
    lang = environ.get("MLJY_LANG")
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(args):
            lang = args[i + 1]
        elif arg.startswith("--lang="):
            lang = arg.removeprefix("--lang=")
    return Lang.en.value if lang == Lang.en else Lang.zh.value


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
