"""Which figures are in effect: the ONE rule for corrections, duplicates and carried figures.

``mljy status``, ``mljy report`` and ``mljy check --reports`` all take an organisation's
figures from here, so they cannot disagree (docs/reference.md §7). Pure: the submissions
come in already read and validated.

- **One report per organisation and month.** Of an organisation's reports for one month, the
  one with the strictly latest ``submitted`` date replaces the others whole (a correction).
  When the latest date is shared, or a report of the month has no ``submitted`` date, the
  reports cannot be ordered: each gets a ``duplicate-report`` error naming the others, and
  none of that month's reports is used (never merged); the organisation's other months
  still count. Two files with the same content are one report (a copy), not a clash.
- **Carried figures.** For period P an organisation's figure for an item comes from its
  latest report at or before P that gives the item; each figure keeps the month it came
  from (``figure_period``), so an old figure is never shown as current.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import NamedTuple

from meilijiayuan.findings import Finding
from meilijiayuan.periods import Month
from meilijiayuan.plan.index import PlanIndex
from meilijiayuan.report.model import ItemReport, Report

__all__ = [
    "Position", "Standing", "Submission", "in_effect", "settle", "single", "standing_map",
    "standings_of", "sweep",
]

Position = tuple[int, int]


class Submission(NamedTuple):
    """One valid report as received: who, for which month, when, and whether it was late."""

    file: str
    unit: str  # canonical organisation
    period: Month
    submitted: dt.date | None
    report: Report
    late: bool = False
    period_at: Position | None = None  # where ``period:`` is written (line, column)
    submitted_at: Position | None = None  # where ``submitted:`` is written
    locate: Callable[[tuple[str | int, ...]], Position | None] | None = None  # path → position
    sheet: str | None = None  # a workbook's sheet: the positions are then row and column

    @property
    def at(self) -> Position | None:
        """Where a finding about this submission goes: its ``submitted`` date, else ``period``."""
        return self.submitted_at or self.period_at


class Standing(NamedTuple):
    """An organisation's figures in effect at a month."""

    unit: str  # canonical organisation
    report: Report  # every item in effect (``period``: the latest report's month)
    periods: Mapping[str, Month]  # item id → the month of the report its figure comes from
    files: Mapping[str, str]  # item id → the file its figure comes from

    @property
    def latest(self) -> Month:
        """The month of the organisation's latest report in effect."""
        return self.report.period


def settle(submissions: Iterable[Submission]) -> tuple[list[Submission], list[Finding]]:
    """One submission per organisation and month (a correction replaces the earlier ones),
    sorted by month then file; plus a ``duplicate-report`` error on each report whose month
    cannot be settled, naming the others."""
    groups: dict[tuple[str, Month], list[Submission]] = {}
    for s in submissions:
        groups.setdefault((s.unit, s.period), []).append(s)
    kept: list[Submission] = []
    findings: list[Finding] = []
    for group in groups.values():
        group = _distinct(group)
        if len(group) == 1:
            kept.append(group[0])
            continue
        latest = max((s.submitted for s in group if s.submitted is not None), default=None)
        winners = [s for s in group if s.submitted == latest]
        undated = [s for s in group if s.submitted is None]
        if latest is not None and len(winners) == 1 and not undated:
            kept.append(winners[0])
            continue
        # each of these could be the month's report: the ones sharing the latest date and
        # the undated ones (all of them when none is dated); the rest were corrected
        clash = sorted((s for s in group if s.submitted is None or s.submitted == latest),
                       key=lambda s: s.file)
        for s in clash:
            at = s.at
            findings.append(Finding(
                "duplicate-report", s.file, at[0] if at else None, at[1] if at else None,
                {"unit": s.unit, "period": str(s.period),
                 "other": [o.file for o in clash if o is not s]},
                sheet=s.sheet if at else None))
    kept.sort(key=lambda s: (s.period, s.file))
    return kept, findings


def _distinct(group: list[Submission]) -> list[Submission]:
    """The group without copies: a report identical to another (same content, same date) is
    the same report, kept once (the first file by name)."""
    out: list[Submission] = []
    for s in sorted(group, key=lambda s: s.file):
        if not any(o.report == s.report for o in out):
            out.append(s)
    return out


def sweep(effective: Sequence[Submission], months: Iterable[Month]
          ) -> Iterator[tuple[Month, dict[str, Standing]]]:
    """For each month (ascending), every organisation's standing at that month.

    ``effective`` comes from :func:`settle` (sorted by month, one per organisation and
    month). One pass: each submission is merged once.
    """
    items: dict[str, dict[str, ItemReport]] = {}
    periods: dict[str, dict[str, Month]] = {}
    files: dict[str, dict[str, str]] = {}
    current: dict[str, Standing] = {}
    i = 0
    for month in months:
        while i < len(effective) and effective[i].period <= month:
            s = effective[i]
            own_items = items.setdefault(s.unit, {})
            own_periods = periods.setdefault(s.unit, {})
            own_files = files.setdefault(s.unit, {})
            for item_id, entry in s.report.items.items():
                own_items[item_id] = entry
                own_periods[item_id] = s.period
                own_files[item_id] = s.file
            report = s.report.model_copy(update={"unit": s.unit, "items": dict(own_items)})
            current[s.unit] = Standing(s.unit, report, dict(own_periods), dict(own_files))
            i += 1
        yield month, dict(current)


def in_effect(submissions: Iterable[Submission], period: Month
              ) -> tuple[dict[str, Standing], list[Finding]]:
    """Every organisation's standing at ``period``, and the duplicate-report errors."""
    effective, findings = settle(submissions)
    [(_, standing)] = list(sweep(effective, [period]))
    return standing, findings


def single(unit: str, report: Report, file: str = "") -> Standing:
    """One report on its own as a standing (``mljy check`` without a folder)."""
    return Standing(unit, report, dict.fromkeys(report.items, report.period),
                    dict.fromkeys(report.items, file))


def standing_map(standings: Mapping[str, Standing]) -> dict[str, Report]:
    """Organisation → the report of its figures in effect."""
    return {org: s.report for org, s in standings.items()}


def standings_of(index: PlanIndex, reports: Iterable[Report], period: Month
                 ) -> tuple[dict[str, Standing], list[Finding]]:
    """:func:`in_effect` over reports without files (a program or a test holding models):
    each is named ``<n>`` by its place in ``reports``."""
    subs = [Submission(f"<{n}>", index.canonical(r.unit) or r.unit, r.period, r.submitted, r)
            for n, r in enumerate(reports)]
    return in_effect(subs, period)
