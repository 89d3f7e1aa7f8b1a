"""Who stands behind a red or amber district row, and each organisation's problem items.

Texts shared by every format of ``mljy status`` (no format imports another). A
district row carries ``units`` (each reporter's ``unit``, ``status``, figure and
``figure_period``) when the judge gives them; otherwise the organisations' own rows of the
picture's matrix are used, and for a target no organisation row covers, the organisations
the plan asks to report it. Renderers never judge: every status shown here is one the judge
gave.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from meilijiayuan.findings import Severity
from meilijiayuan.judge.records import Assessment, Level, Status
from meilijiayuan.messages.labels import label
from meilijiayuan.messages.renderers import STATES
from meilijiayuan.output.figures import figure_month, number, with_unit

if TYPE_CHECKING:
    from meilijiayuan.findings import Finding
    from meilijiayuan.judge.picture import DistrictPicture
    from meilijiayuan.plan.index import PlanIndex
    from meilijiayuan.report.validate import FileResult

__all__ = ["Behind", "Problem", "count", "files_with_findings", "flagged", "is_closed",
           "owed_counts", "problem_items", "problem_lines", "problem_text", "split_closed",
           "summary_line", "who", "who_parts", "who_text"]

_FLAGGED = (Level.red, Level.amber)


class Behind(NamedTuple):
    """One organisation behind a district row: its status (``None`` when the picture has no
    row of its own) and its figure as shown (``5 个``, ``60% (3/5) @2018-12``)."""

    unit: str
    status: Status | None
    figure: str
    state: str | None = None  # a milestone's or duty's state, shown in the reader's words


def _state_word(state: str | None, lang: str) -> str:
    """``blocked`` → 受阻 / blocked (a state the catalogue does not know is shown as given)."""
    if not state:
        return ""
    zh, en = STATES.get(state, (state, state))
    return en if lang == "en" else zh


def _state_text(state: str | None, lang: str) -> str:
    """A stored ``state`` or ``state@YYYY-MM`` (carried) in the reader's words."""
    if not state:
        return ""
    word, _, month = state.partition("@")
    return f"{_state_word(word, lang)} @{month}" if month else _state_word(word, lang)


def _get(entry: Any, name: str) -> Any:
    return entry.get(name) if isinstance(entry, Mapping) else getattr(entry, name, None)


def _status(value: Any) -> Status | None:
    if value is None:
        return None
    try:
        return Status(getattr(value, "value", value))
    except ValueError:
        return None


def _from_units(a: Assessment, units: Sequence[Any]) -> list[Behind]:
    uom = a.unit_of_measure
    out: list[Behind] = []
    for entry in units:
        numerator, denominator = _get(entry, "numerator"), _get(entry, "denominator")
        actual, state = _get(entry, "actual"), _get(entry, "state")
        figure = with_unit(actual, uom) if actual is not None else ""
        if numerator is not None and denominator is not None:
            figure = f"{figure} ({number(numerator)}/{number(denominator)})".strip()
        month = _get(entry, "figure_period")
        carried = bool(month) and str(month) != str(a.as_of)
        if figure and carried:
            figure += f" @{month}"
        shown_state = None
        if state and actual is None:
            shown_state = f"{state}@{month}" if carried else str(state)
        out.append(Behind(str(_get(entry, "unit")), _status(_get(entry, "status")), figure,
                          shown_state))
    return out


def _from_row(row: Assessment) -> Behind:
    figure = with_unit(row.actual, row.unit_of_measure)
    if row.numerator is not None and row.denominator is not None:
        figure = f"{figure} ({number(row.numerator)}/{number(row.denominator)})".strip()
    month = figure_month(row)
    if figure and month:
        figure += f" @{month}"
    state = None
    if row.state and not figure:  # a milestone's or duty's state, with its month if carried
        state = f"{row.state}@{month}" if month else row.state
    return Behind(row.unit, row.status, figure, state)


def who(a: Assessment, picture: DistrictPicture | None, index: PlanIndex | None
        ) -> list[Behind]:
    """The organisations behind district row ``a``: those whose own status is red or amber,
    else all of them (a district total short of its target: every contributor). Without a
    picture and a plan (``mljy check``) only the row's ``units`` are known."""
    units = getattr(a, "units", None)
    if units:
        everyone = _from_units(a, units)
    elif picture is not None and a.id in picture.matrix:
        everyone = [_from_row(row) for row in picture.matrix[a.id].values()]
    elif index is None:
        everyone = []
    else:
        owed = set(index.reporters.get(a.id, ()))
        everyone = [Behind(org, None, "") for org in index.organisations if org in owed]
    flagged = [b for b in everyone if b.status is not None and b.status.level in _FLAGGED]
    return flagged or everyone


def who_parts(a: Assessment, picture: DistrictPicture | None, index: PlanIndex | None,
              lang: str) -> tuple[str, list[str]]:
    """(``K2018-4 ✖ 逾期``, [``马陆镇 ✖ 5 个``, ``南翔镇 ? 未报送``, …])."""
    parts = []
    shares = a.measure in ("quantity", "rate")  # an ongoing figure here is a share of a total
    for b in who(a, picture, index):
        mark = "" if b.status is None else f" {b.status.symbol}"
        if shares and b.status is Status.ongoing:
            mark = f" {label('office.contribution', lang)}"  # as the 通报, 台账 and page say
        shown = b.figure or _state_text(b.state, lang) or (
            "" if b.status is None else b.status.label(lang))
        parts.append(f"{b.unit}{mark} {shown}".rstrip())
    return f"{a.id} {a.status.symbol} {a.status.label(lang)}", parts


def who_text(a: Assessment, picture: DistrictPicture, index: PlanIndex, lang: str) -> str:
    """``K2018-4 ✖ 逾期：马陆镇 ✖ 5 个、南翔镇 ? 未报送``."""
    head, parts = who_parts(a, picture, index, lang)
    if lang == "en":
        return f"{head}: {', '.join(parts)}"
    return f"{head}：{'、'.join(parts)}"


class Problem(NamedTuple):
    """One red or amber item of one organisation."""

    id: str
    title: str
    status: Status
    figure: str
    state: str | None = None  # as :attr:`Behind.state`


def problem_items(picture: DistrictPicture, index: PlanIndex) -> dict[str, list[Problem]]:
    """Organisation → its red and amber items of the targets open at the period,
    organisations in plan order, worst item first.

    A ranked street or town lists exactly the rows its ranking row counts (``flagged``), so
    the list and the ranking's counts agree; any other organisation lists its red and amber
    matrix cells and entries in the ``units`` of open district rows. A closed target's red
    is traced under the closed targets (its district row says who), not here.
    """
    found: dict[str, dict[str, Problem]] = {}
    ranked = {r.unit for r in picture.ranking}
    for r in picture.ranking:
        for a in r.flagged:
            b = _from_row(a)
            found.setdefault(r.unit, {})[a.id] = Problem(a.id, a.title, a.status, b.figure,
                                                         b.state)
    for row in picture.matrix.values():
        for unit, a in row.items():
            if unit in ranked or is_closed(a):
                continue
            if a.status.level in _FLAGGED and not (a.contribution and a.status is Status.ongoing):
                b = _from_row(a)
                found.setdefault(unit, {})[a.id] = Problem(a.id, a.title, a.status, b.figure,
                                                           b.state)
    for a in picture.district:
        if is_closed(a):
            continue
        for b in _from_units(a, getattr(a, "units", None) or ()):
            if b.unit not in ranked and b.status is not None and b.status.level in _FLAGGED:
                found.setdefault(b.unit, {}).setdefault(
                    a.id, Problem(a.id, a.title, b.status, b.figure, b.state))
    order = {org: i for i, org in enumerate(index.organisations)}
    return {unit: sorted(items.values(), key=lambda p: -p.status.rank)
            for unit, items in sorted(found.items(), key=lambda p: order.get(p[0], len(order)))}


def problem_lines(picture: DistrictPicture, index: PlanIndex, lang: str
                  ) -> list[tuple[str, str]]:
    """(organisation, its items) for the 问题清单 (:func:`problem_items`): a street or town
    has a line exactly when the ranking counts a red or amber row of it, and the line names
    every one of them."""
    sep = "; " if lang == "en" else "；"
    return [(unit, sep.join(problem_text(p, lang) for p in items))
            for unit, items in problem_items(picture, index).items()]


def problem_text(p: Problem, lang: str) -> str:
    """``K2018-4 ✖ 严重滞后 5 个``."""
    shown = p.figure or _state_text(p.state, lang)
    return f"{p.id} {p.status.symbol} {p.status.label(lang)} {shown}".rstrip()


def is_closed(a: Assessment) -> bool:
    """Whether ``a``'s window ended before its month: the judge's ``closed`` when it gives
    it, else read from the window (the same definition)."""
    closed = getattr(a, "closed", None)
    if closed is not None:
        return bool(closed)
    return a.window is not None and a.window[1] < str(a.as_of)[:7]


def split_closed(rows: Sequence[Assessment]) -> tuple[list[Assessment], list[Assessment]]:
    """(open, closed) rows (:func:`is_closed`)."""
    return [a for a in rows if not is_closed(a)], [a for a in rows if is_closed(a)]


def flagged(rows: Sequence[Assessment]) -> list[Assessment]:
    """The red and amber rows."""
    return [a for a in rows if a.status.level in _FLAGGED]


def owed_counts(picture: DistrictPicture) -> dict[str, int]:
    """Organisation → its 未报项 (owed items without a figure this month): every item it
    owes when it sent no report for the period (the missing-reports list), else its rows
    the judge found ``missing``."""
    counts = {r.unit: r.missing for r in picture.ranking}
    counts.update({m.unit: len(m.items) for m in picture.missing_reports})
    return counts


def files_with_findings(picture: DistrictPicture, files: Sequence[FileResult]
                        ) -> list[FileResult]:
    """Every file read, each with the picture's findings about it (duplicates, late)."""
    from meilijiayuan.report.validate import FileResult

    by_file: dict[str, list[Finding]] = {}
    for f in picture.findings:
        by_file.setdefault(f.file, []).append(f)
    out = [FileResult(r.file, r.kind, by_file.pop(r.file, []), r.report, r.unit, r.doc)
           for r in files]
    out += [FileResult(file, "unknown", found) for file, found in by_file.items()]
    return out


def summary_line(results: Sequence[FileResult], lang: str) -> str:
    """``3 个文件：2 个通过，1 个未通过；4 个错误，1 个警告`` (en: ``3 files: 2 valid, …``)."""
    n = len(results)
    bad = sum(not r.ok for r in results)
    errors = sum(f.level is Severity.ERROR for r in results for f in r.findings)
    warnings = sum(f.level is Severity.WARNING for r in results for f in r.findings)
    if lang == "en":
        return (f"{count(n, 'file')}: {n - bad} valid, {bad} invalid; "
                f"{count(errors, 'error')}, {count(warnings, 'warning')}")
    return f"{n} 个文件：{n - bad} 个通过，{bad} 个未通过；{errors} 个错误，{warnings} 个警告"


def count(n: int, noun: str) -> str:
    """``1 file``, ``3 files``."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
