"""The judge's output record: one :class:`Assessment` per (item, unit).

Figures are :class:`~decimal.Decimal`: as typed in the report, or derived exactly (see
:mod:`meilijiayuan.judge.rules` for the one rounding rule).

Pure data, no dependencies: renderers read it, never recompute it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import NamedTuple

from meilijiayuan.messages.renderers import STATUS_LABELS as _LABEL


class Level(StrEnum):
    """The colour a status is shown in."""

    green = "green"
    amber = "amber"
    red = "red"
    neutral = "neutral"


class Status(StrEnum):
    """序时进度 statuses (docs/reference.md §6)."""

    achieved = "achieved"
    on_track = "on_track"
    behind = "behind"
    at_risk = "at_risk"
    overdue = "overdue"
    missing = "missing"
    not_due = "not_due"
    ongoing = "ongoing"

    @property
    def level(self) -> Level:
        return _LEVEL[self]

    @property
    def symbol(self) -> str:
        """A mark that reads without colour."""
        return _SYMBOL[self]

    def label(self, lang: str = "zh") -> str:
        zh, en = _LABEL[self]
        return en if lang == "en" else zh

    @property
    def rank(self) -> int:
        """Worse statuses rank higher (for sorting and --fail-on)."""
        return _RANK[self]


_LEVEL = {
    Status.achieved: Level.green,
    Status.on_track: Level.green,
    Status.behind: Level.amber,
    Status.at_risk: Level.red,
    Status.overdue: Level.red,
    Status.missing: Level.red,
    Status.not_due: Level.neutral,
    Status.ongoing: Level.neutral,
}
_SYMBOL = {
    Status.achieved: "✔",
    Status.on_track: "●",
    Status.behind: "▲",
    Status.at_risk: "✖",
    Status.overdue: "✖",
    Status.missing: "?",
    Status.not_due: "○",
    Status.ongoing: "…",
}
_RANK = {
    Status.achieved: 0,
    Status.on_track: 1,
    Status.not_due: 0,
    Status.ongoing: 1,
    Status.behind: 2,
    Status.at_risk: 3,
    Status.overdue: 3,
    Status.missing: 3,
}


def count_statuses(assessments: Iterable[Assessment]) -> Counter[str]:
    """Rows per status; neutral contribution rows are counted as ``contribution``."""
    counts: Counter[str] = Counter()
    for a in assessments:
        neutral = a.contribution and a.status is Status.ongoing
        counts["contribution" if neutral else a.status.value] += 1
    return counts


def fails(level: Level, fail_on: str) -> bool:
    """Whether a status of ``level`` reaches the ``--fail-on`` threshold (red | amber | never)."""
    if fail_on == "never":
        return False
    if fail_on == "amber":
        return level in (Level.amber, Level.red)
    return level is Level.red


@dataclass(frozen=True, slots=True)
class Assessment:
    """How one item stands for one unit (an organisation, or the district) at one month.

    ``target``, ``expected``, ``actual`` and ``gap`` are in ``unit_of_measure``
    (a rate in %); ``gap = expected − actual`` (positive: behind schedule; for a
    ``decrease`` target the sign is flipped so positive still means behind).
    ``lag_pp`` is the lag in percentage points of the target, L = 100·(f − c).
    """

    id: str  # target id (K2018-1a …) or item id for an ongoing item
    item: str  # the task / key work / duty it belongs to
    unit: str  # organisation, or the plan's district label (全区)
    measure: str  # quantity | rate | milestone | ongoing
    status: Status
    title: str
    target: Decimal | None
    expected: Decimal | None
    actual: Decimal | None
    gap: Decimal | None
    lag_pp: Decimal | None
    unit_of_measure: str | None
    window: tuple[str, str] | None  # ("2018-01", "2018-12")
    as_of: str  # YYYY-MM
    direction: str = "increase"
    roles: tuple[str, ...] = ()  # lead / cooperating / implementing (organisations only)
    contribution: bool = False  # a unit's share of a district-judged target, not judged itself
    state: str | None = None
    note: str | None = None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    reporters: int | None = None  # district rows: how many units' figures went in
    expected_reporters: int | None = None  # district rows: how many should have reported
    figure_period: str | None = None  # YYYY-MM of the report the figure comes from
    closed: bool = False  # the window ended before the as-of month
    units: tuple[UnitFigure, ...] = ()  # district rows: each required reporter's figure


class UnitFigure(NamedTuple):
    """One required reporter behind a district row: what it gave and how it stands."""

    unit: str
    status: Status
    actual: Decimal | None = None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    state: str | None = None
    figure_period: str | None = None  # YYYY-MM of the report the figure comes from
    missing: bool = False  # no figure from this reporter
    counted: bool = True  # its figure went into the district figure (a bare rate does not)
