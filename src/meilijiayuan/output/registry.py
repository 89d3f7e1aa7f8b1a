"""The output registry: (command, format) → the function that writes that output.

Every command hands its result record to :func:`render`, which looks the renderer up here
and gives it the one writer's stream (:mod:`meilijiayuan.output.writer`: always UTF-8).
A command's ``--format`` choices are :func:`formats` of it, so a command never offers a
format it cannot write. Adding an output format is one module and one line per command
below. The renderers are named as ``module:function`` and imported only when used, so
``mljy --help`` and a JSON run never import rich.

A renderer is called as ``renderer(result, settings, stream)``:

========== ================================================================== ==============
command    result                                                             formats
========== ================================================================== ==============
check      :class:`meilijiayuan.judge.rules.CheckRun`                         table json
                                                                              markdown github
                                                                              junit
status     :class:`StatusResult` (picture, plan index, files read)            table json
                                                                              markdown github
                                                                              junit
report     :class:`StatusResult`                                              html
validate   a list of :class:`meilijiayuan.report.validate.FileResult`         table json
                                                                              github junit
list       :class:`meilijiayuan.plan.listing.Listing`                         table json
                                                                              markdown
========== ================================================================== ==============
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from typing import IO, TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from meilijiayuan.judge.picture import DistrictPicture
    from meilijiayuan.plan.index import PlanIndex
    from meilijiayuan.report.validate import FileResult
    from meilijiayuan.settings import Settings

__all__ = [
    "FILE_RENDERERS", "RENDERERS", "Renderer", "StatusResult", "formats", "render",
    "render_file", "renderer", "writes_file",
]

Renderer = Callable[[Any, "Settings", IO[str]], None]
"""Writes one command's result in one format to a text stream."""


class StatusResult(NamedTuple):
    """What ``mljy status`` and ``mljy report`` draw: the picture, the plan and every file
    read (with its findings)."""

    picture: DistrictPicture
    plan: PlanIndex
    files: Sequence[FileResult]


_OUT = "meilijiayuan.output"

RENDERERS: dict[tuple[str, str], str] = {
    ("check", "table"): f"{_OUT}.table.check:write_check",
    ("check", "json"): f"{_OUT}.json.check:write_check",
    ("check", "markdown"): f"{_OUT}.markdown.check:write_check",
    ("check", "github"): f"{_OUT}.github:write_check",
    ("check", "junit"): f"{_OUT}.junit:write_check",
    ("status", "table"): f"{_OUT}.table.status:write_status",
    ("status", "json"): f"{_OUT}.json.status:write_status",
    ("status", "markdown"): f"{_OUT}.markdown.status:write_status",
    ("status", "github"): f"{_OUT}.github:write_status",
    ("status", "junit"): f"{_OUT}.junit:write_status",
    ("report", "html"): f"{_OUT}.page:write_report",
    ("validate", "table"): f"{_OUT}.table.findings:write_validate",
    ("validate", "json"): f"{_OUT}.json.check:write_validate",
    ("validate", "github"): f"{_OUT}.github:write_validate",
    ("validate", "junit"): f"{_OUT}.junit:write_validate",
    ("list", "table"): f"{_OUT}.table.listing:write_list",
    ("list", "json"): f"{_OUT}.json.listing:write_list",
    ("list", "markdown"): f"{_OUT}.markdown.listing:write_list",
}
"""Every (command, format) mljy writes to a text stream, in the order ``--help`` offers them."""

FILE_RENDERERS: dict[tuple[str, str], str] = {
    ("status", "xlsx"): f"{_OUT}.xlsx:status_workbook",
    ("status", "docx"): f"{_OUT}.docx:status_notice",
}
"""The (command, format) pairs written to a file (``--out``) as bytes: the office formats.
A file renderer is called as ``renderer(result, settings)`` and returns the file's bytes."""


def formats(command: str) -> tuple[str, ...]:
    """The formats ``command`` can write, in registry order (the first is its default)."""
    return tuple(fmt for cmd, fmt in (*RENDERERS, *FILE_RENDERERS) if cmd == command)


def writes_file(command: str, fmt: str) -> bool:
    """Whether ``command`` in ``fmt`` writes a file (``--out``) rather than standard output."""
    return (command, fmt) in FILE_RENDERERS


def render_file(command: str, fmt: str, result: Any, settings: Settings) -> bytes:
    """The bytes of ``result`` of ``command`` in the file format ``fmt``."""
    module, _, name = FILE_RENDERERS[command, fmt].partition(":")
    data: bytes = getattr(importlib.import_module(module), name)(result, settings)
    return data


def renderer(command: str, fmt: str) -> Renderer:
    """The renderer of ``command`` in ``fmt`` (a :class:`KeyError` when there is none)."""
    module, _, name = RENDERERS[command, fmt].partition(":")
    found: Renderer = getattr(importlib.import_module(module), name)
    return found


def render(command: str, fmt: str, result: Any, settings: Settings,
           stream: IO[str] | None = None) -> None:
    """Write ``result`` of ``command`` in ``fmt`` (default: standard output, UTF-8)."""
    if stream is None:
        from meilijiayuan.output.writer import STDOUT

        stream = STDOUT
    renderer(command, fmt)(result, settings, stream)
    stream.flush()
