"""A cell of the ``mljy status`` console tables, measured and drawn without rich's layers."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions
    from rich.measure import Measurement
    from rich.padding import Padding
    from rich.segment import Segment


class Cell:
    """A cell of the status tables, drawn as rich draws ``Padding(Text(text, style=style),
    (0, pad, 0, 0))``: the cell of a table with ``padding=(0, 1, 0, 0)`` and no padding
    at the edges, whose last column has no padding.

    rich measures every cell twice and wraps and justifies it through several layers,
    which made the tables cost more than building the picture. A text of one line that
    fits its column (every cell, unless the console is very narrow) is measured from the
    widths known here and drawn as the segments rich would give; anything else (a text to
    fold, a tab or control character, a column narrower than the text) is handed to that
    Padding itself. tests/acceptance/test_status.py compares the two at every width.
    """

    __slots__ = ("pad", "simple", "style", "text", "widest_word", "width")

    def __init__(self, text: str, style: str = "", *, pad: int = 1) -> None:
        from rich.cells import cell_len

        self.text, self.style, self.pad = text, style, pad
        self.simple = text.isprintable()  # one line: no newline, tab or control code
        self.width = cell_len(text)
        words = text.split()
        self.widest_word = max(map(cell_len, words)) if words else self.width

    def padded(self) -> Padding:
        """What this cell stands for."""
        from rich.padding import Padding
        from rich.text import Text

        return Padding(Text(self.text, style=self.style), (0, self.pad, 0, 0))

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        from rich.measure import Measurement

        if not self.simple:
            return Measurement.get(console, options, self.padded())
        # Padding's measure around Text's (Measurement.get normalises the result)
        most = options.max_width
        if most - self.pad < 1:
            return Measurement(most, most)
        least, widest = min(self.widest_word, most), min(self.width, most)
        if widest < 1:
            least = widest = 0
        return Measurement(least + self.pad, widest + self.pad).with_maximum(most)

    def __rich_console__(self, console: Console, options: ConsoleOptions
                         ) -> Iterator[Segment]:
        from rich.cells import cell_len
        from rich.segment import Segment

        room = options.max_width - self.pad
        justify = options.justify
        if not self.simple or room < max(self.width, 1) or justify not in _JUSTIFY:
            yield from console.render(self.padded(), options)
            return
        if justify == "left":
            line = self.text + " " * (room - self.width)
        else:  # rich drops trailing spaces before it aligns right or centres
            text = self.text.rstrip()
            space = room - cell_len(text)
            before = space if justify == "right" else space // 2
            line = " " * before + text + " " * (space - before)
        # one segment for the text, one for the padding: the escape codes rich writes
        yield Segment(line, console.get_style(self.style) if self.style else None)
        if self.pad:
            yield Segment(" " * self.pad)
        yield Segment.line()


_JUSTIFY = frozenset({"left", "right", "center"})
