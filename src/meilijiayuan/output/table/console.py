"""The rich console every table is drawn on, writing to one of the writer's streams."""

from __future__ import annotations

from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console

    from meilijiayuan.settings import Settings


def make_console(settings: Settings, file: IO[str] | None = None) -> Console:
    """A rich console on ``file`` (default: the writer's standard output, UTF-8) honouring
    ``--color`` and ``NO_COLOR``."""
    from rich.console import Console

    from meilijiayuan.output.writer import STDOUT
    from meilijiayuan.settings import Color

    color = settings.color
    return Console(
        file=STDOUT if file is None else file,
        force_terminal=True if color == Color.always else None,
        no_color=True if color == Color.never else None,
        color_system="auto" if color != Color.never else None,
        highlight=False,
        width=settings.width,
        soft_wrap=False,
    )
