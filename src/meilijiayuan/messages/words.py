"""One lookup for every word mljy writes that is not a finding: ``text(key, lang, **args)``.

A key is ``table.name``: the table (``help``, ``usage``, ``label``, a renderer's) and the
entry in it, each a ``(zh, en)`` pair; ``{fields}`` are filled from ``args``. The tables
live in the modules of this package and are imported on first use, so a run imports only
the words it writes. The finding messages have their own shape (:mod:`.catalogue`).
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from typing import Any

from meilijiayuan.messages.plan_words import fill

Pair = tuple[str, str]

HOMES: dict[str, tuple[str, str]] = {
    "help": ("help", "HELP"),
    "usage": ("usage", "USAGE"),
    "label": ("labels", "LABELS"),
    "run": ("run", "RUN"),
    "term": ("catalogue", "TERMS"),
    "status-label": ("renderers", "STATUS_LABELS"),
    "check": ("renderers", "CHECK"),
    "role": ("renderers", "ROLES"),
    "state": ("renderers", "STATES"),
    "status": ("renderers", "STATUS"),
    "heading": ("renderers", "HEADINGS"),
    "kind": ("renderers", "STATUS_KINDS"),
    "markdown-check": ("renderers", "MARKDOWN_CHECK"),
    "markdown-status": ("renderers", "MARKDOWN_STATUS"),
    "listing": ("renderers", "LISTING"),
    "template": ("renderers", "TEMPLATE"),
    "github": ("renderers", "GITHUB"),
    "advice": ("renderers", "ADVICE"),
    "html": ("renderers", "HTML"),
    "template-xlsx": ("renderers", "TEMPLATE_XLSX"),
    "template-xlsx-guide": ("renderers", "TEMPLATE_XLSX_GUIDE"),
}
"""Each table: the module of this package that holds it, and its name there."""


def table(name: str) -> Mapping[str, Pair]:
    """The ``(zh, en)`` table called ``name`` (see :data:`HOMES`)."""
    module, attr = HOMES[name]
    found: Mapping[str, Pair] = getattr(
        importlib.import_module(f"meilijiayuan.messages.{module}"), attr)
    return found


def pick(pair: Pair, lang: str) -> str:
    """The ``lang`` half of a ``(zh, en)`` pair: English for ``en``, else Chinese; the plan's
    words filled in (:mod:`.plan_words`)."""
    return fill(pair[1] if lang == "en" else pair[0])


def text(key: str, lang: str, **args: Any) -> str:
    """The words of ``key`` (``"usage.no-option"``) in ``lang``, ``{fields}`` filled in.

    An unknown key is a programming error (KeyError): every key is tested in both languages.
    """
    name, _, entry = key.partition(".")
    words = pick(table(name)[entry], lang)
    return words.format(**args) if args else words


def both(key: str, **args: Any) -> Pair:
    """The words of ``key`` in Chinese and English."""
    return text(key, "zh", **args), text(key, "en", **args)
