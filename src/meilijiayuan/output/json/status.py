"""``mljy status --format json``: the status document
(:mod:`meilijiayuan.output.documents.status`) written as JSON."""

from __future__ import annotations

from typing import IO, TYPE_CHECKING

from meilijiayuan.output.documents.status import status_document
from meilijiayuan.output.json.check import dumps

if TYPE_CHECKING:
    from meilijiayuan.output.registry import StatusResult
    from meilijiayuan.settings import Settings


def write_status(result: StatusResult, settings: Settings, stream: IO[str]) -> None:
    """``mljy status --format json``."""
    stream.write(dumps(status_document(result.picture, result.plan, settings.lang)) + "\n")
