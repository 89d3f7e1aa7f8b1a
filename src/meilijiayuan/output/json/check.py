"""``--format json`` of ``validate`` and ``check``: their documents
(:mod:`meilijiayuan.output.documents.check`) written as JSON."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import IO, TYPE_CHECKING, Any

from meilijiayuan.output.documents.check import check_document, validation_document

if TYPE_CHECKING:
    from meilijiayuan.report.validate import FileResult
    from meilijiayuan.run.check import CheckRun
    from meilijiayuan.settings import Settings


def dumps(doc: dict[str, Any]) -> str:
    """Pretty, UTF-8 (Chinese kept readable), stable key order; exact figures (Decimal,
    Fraction) as JSON numbers: ``0.99``, ``60``."""
    return json.dumps(doc, ensure_ascii=False, indent=2, default=_jsonable)


def _jsonable(value: Any) -> Any:
    """A figure as the shortest JSON number that reads back as it (``Decimal("0.990")`` →
    ``0.99``, ``Decimal("60.0")`` → ``60``); anything else as its text."""
    from decimal import Decimal
    from fractions import Fraction

    if isinstance(value, Decimal | Fraction):
        if value == int(value):
            return int(value)
        return float(value)
    return str(value)


def write_check(run: CheckRun, settings: Settings, stream: IO[str]) -> None:
    """``mljy check --format json``."""
    stream.write(dumps(check_document(run, settings.lang)) + "\n")


def write_validate(results: Sequence[FileResult], settings: Settings, stream: IO[str]) -> None:
    """``mljy validate --format json``."""
    stream.write(dumps(validation_document(results, settings.lang)) + "\n")
