"""Months as values: the unit of time of the plan (窗口) and of reports (报送月份).

Pure and dependency-free so the evaluator can use it without pulling in pydantic.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

_MONTH_RE = re.compile(r"([0-9]{4})-([0-9]{2})")


@dataclass(frozen=True, order=True, slots=True)
class Month:
    """A calendar month, ordered; ``Month(2019, 6)`` is ``2019-06``."""

    year: int
    month: int

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12:
            raise ValueError(f"month out of range: {self.month}")

    def __reduce__(self) -> tuple[type[Month], tuple[int, int]]:
        # pickled as a constructor call: half the cost of the dataclass default (the
        # compiled plan holds a few hundred months, see meilijiayuan.plan.compiled)
        return (Month, (self.year, self.month))

    @classmethod
    def parse(cls, text: str) -> Month:
        """Parse ``YYYY-MM``; raise ``ValueError`` on anything else."""
        m = _MONTH_RE.fullmatch(text)
        if not m:
            raise ValueError(f"not a YYYY-MM month: {text!r}")
        return cls(int(m.group(1)), int(m.group(2)))

    @classmethod
    def of(cls, day: dt.date) -> Month:
        """The month a date falls in."""
        return cls(day.year, day.month)

    @property
    def index(self) -> int:
        """Months since year 0, so that differences are month counts."""
        return self.year * 12 + self.month - 1

    def plus(self, months: int) -> Month:
        """The month ``months`` later (earlier when negative)."""
        i = self.index + months
        return Month(i // 12, i % 12 + 1)

    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month, 1)

    def last_day(self) -> dt.date:
        return dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


def months_inclusive(start: Month, end: Month) -> int:
    """How many months from ``start`` through ``end``, both counted (0 if end < start)."""
    return max(0, end.index - start.index + 1)
