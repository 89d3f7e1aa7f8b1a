"""``mljy report``: the dashboard page (:mod:`meilijiayuan.output.html`) from the status
JSON document, so the page, the paper copy and ``mljy status --format json`` agree."""

from __future__ import annotations

from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    from meilijiayuan.output.registry import StatusResult
    from meilijiayuan.settings import Settings


def write_report(result: StatusResult, settings: Settings, stream: IO[str]) -> None:
    """The whole page."""
    from meilijiayuan.output.documents.status import status_document
    from meilijiayuan.output.html import render_html

    doc = status_document(result.picture, result.plan, settings.lang)
    stream.write(render_html(doc, settings.lang))
