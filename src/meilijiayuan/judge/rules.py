"""The 序时进度 rules (docs/reference.md §6): one figure against one target at one month.

Pure: nothing here opens a file, prints, or reads the clock; the as-of month is an argument.

For a target with window [s, e], baseline B and value T, at the as-of month t:

- schedule share f = months s..t / months s..e, clamped to [0, 1]
- completion c = (A − B) / (T − B) (a ``decrease`` target has T < B, so the same
  formula flips the sign)
- lag L = 100·(f − c) percentage points, expected E = B + (T − B)·f, gap = E − A
  (A − E for ``decrease``, so a positive gap always means behind)

Statuses, the first that applies: not_due (t < s) → achieved (met, compared exactly) →
overdue (t ≥ e) → on_track (L ≤ amber_lag) → behind (L ≤ red_lag) → at_risk. ``missing``
(no figure) is decided by the caller, between overdue and the lag statuses.

**Exact arithmetic.** Figures are :class:`~decimal.Decimal` as the report wrote them; f, c,
L, E and the gap are computed as :class:`~fractions.Fraction` and every comparison (met, the
lag thresholds) is made on the exact fractions, with no tolerance: L = 10 is on_track and
29.99999997 of 30 is not met. Only the figures handed on to the outputs are decimals:
exact when the fraction terminates within :data:`PLACES` decimal places, otherwise rounded
half-even to :data:`PLACES` places (:func:`to_decimal`). Displays round further (a table
shows 2 places, half-even); JSON writes the decimal itself.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from functools import lru_cache
from typing import NamedTuple

from meilijiayuan.judge.records import Status
from meilijiayuan.periods import Month, months_inclusive
from meilijiayuan.plan.model import Target, Thresholds, Window

__all__ = [
    "PLACES", "Judgement", "closed", "exact", "judge_milestone", "judge_value", "not_due",
    "percent", "schedule_share", "to_decimal", "unreported",
]

PLACES = 10
"""Decimal places kept in a derived figure that does not terminate (2/3 → 0.6666666667)."""

_SCALE = 10**PLACES


class Judgement(NamedTuple):
    """The outcome of the status rules for one figure: status and the schedule figures."""

    status: Status
    expected: Decimal | None = None
    gap: Decimal | None = None
    lag_pp: Decimal | None = None


def exact(x: Decimal | int | float | Fraction) -> Fraction:
    """``x`` as an exact fraction; a float (a plan figure) is read as the decimal it wrote."""
    if isinstance(x, Fraction):
        return x
    if isinstance(x, float):
        return _float_fraction(x)
    return Fraction(x)


@lru_cache(maxsize=1024)
def _float_fraction(x: float) -> Fraction:
    """A plan's float as the decimal it wrote (the plan has a few dozen: read once each)."""
    return Fraction(Decimal(repr(x)))


def to_decimal(x: Fraction | Decimal | int | float) -> Decimal:
    """A figure for the outputs: the exact decimal when ``x`` terminates within
    :data:`PLACES` places, else rounded half-even to :data:`PLACES` places; no trailing zeros,
    no exponent (``Decimal("5")``, ``Decimal("0.99")``, ``Decimal("66.6666666667")``)."""
    if isinstance(x, int):
        return Decimal(x)
    if isinstance(x, float) and x.is_integer() and abs(x) < 2**53:
        return Decimal(int(x))
    if isinstance(x, Decimal) and x.is_finite():
        exponent = x.as_tuple().exponent
        if isinstance(exponent, int) and -PLACES <= exponent <= 0:
            # already within the places: only drop trailing zeros
            return x.quantize(Decimal(1)) + 0 if x == x.to_integral_value() else x.normalize()
    fx = exact(x)
    return _quotient(fx.numerator, fx.denominator)


def percent(numerator: Decimal | int, denominator: Decimal | int) -> Decimal:
    """100·numerator/denominator as :func:`to_decimal` gives the exact quotient (a rate's
    figure; the denominator is not 0)."""
    n1, d1 = _integer_ratio(numerator)
    n2, d2 = _integer_ratio(denominator)
    return _quotient(100 * n1 * d2, d1 * n2)


def _integer_ratio(x: Decimal | int) -> tuple[int, int]:
    return (x, 1) if isinstance(x, int) else x.as_integer_ratio()


def _quotient(n: int, d: int) -> Decimal:
    """n/d exactly when it terminates within :data:`PLACES` places, else rounded half-even
    to them, without trailing zeros (integer arithmetic: no context, no precision limit)."""
    if d < 0:
        n, d = -n, -d
    q, r = divmod(abs(n) * _SCALE, d)  # |n/d|·10^PLACES, rounded half-even below
    if 2 * r > d or (2 * r == d and q % 2):
        q += 1
    places = PLACES
    while places and q % 10 == 0:  # no trailing zeros
        q //= 10
        places -= 1
    sign = "-" if n < 0 and q else ""  # -0 is 0
    return Decimal(f"{sign}{q}e-{places}") if places else Decimal(f"{sign}{q}")


def schedule_share(window: Window, as_of: Month) -> Fraction:
    """f: the share of the window's months from its start through ``as_of``, in [0, 1]."""
    total = months_inclusive(window.start, window.end)
    done = months_inclusive(window.start, as_of)
    return min(Fraction(1), Fraction(done, total))


def not_due(window: Window, as_of: Month) -> bool:
    """t before s: nothing is owed yet, and a figure given now does not count."""
    return as_of < window.start


def closed(window: Window, as_of: Month) -> bool:
    """The window ended before the as-of month (docs/reference.md §7)."""
    return window.end < as_of


def _met(actual: Fraction, goal: Fraction, direction: str) -> bool:
    return actual >= goal if direction == "increase" else actual <= goal


def judge_value(target: Target, actual: Decimal | int | Fraction, as_of: Month,
                thresholds: Thresholds, *,
                value: Decimal | int | float | Fraction | None = None) -> Judgement:
    """Status of a quantity or rate ``actual`` against ``target`` (or ``value``: a unit's
    share, or a per_unit total)."""
    goal_raw = target.value if value is None else value
    if goal_raw is None:
        raise ValueError(f"target {target.id} has no value")
    window = target.window
    if not_due(window, as_of):
        return Judgement(Status.not_due)
    goal, base, a = exact(goal_raw), exact(target.baseline), exact(actual)
    span = goal - base
    f = schedule_share(window, as_of)
    expected = base + span * f
    gap = expected - a if target.direction == "increase" else a - expected
    # L = 100·(f − c), c = (A − B)/(T − B)
    lag = 100 * (f - (a - base) / span) if span else Fraction(0)
    figures = {"expected": to_decimal(expected), "gap": to_decimal(gap),
               "lag_pp": to_decimal(lag)}
    if _met(a, goal, target.direction):
        return Judgement(Status.achieved, **figures)
    if as_of >= window.end:
        return Judgement(Status.overdue, **figures)
    if lag <= exact(thresholds.amber_lag):
        return Judgement(Status.on_track, **figures)
    if lag <= exact(thresholds.red_lag):
        return Judgement(Status.behind, **figures)
    return Judgement(Status.at_risk, **figures)


def expected_by_now(target: Target, as_of: Month, *,
                    value: Decimal | int | float | Fraction | None = None) -> Decimal | None:
    """E = B + (T − B)·f: what is owed by ``as_of`` (shown on a ``missing`` row too)."""
    goal_raw = target.value if value is None else value
    if goal_raw is None or not_due(target.window, as_of):
        return None
    base = exact(target.baseline)
    return to_decimal(base + (exact(goal_raw) - base) * schedule_share(target.window, as_of))


def judge_milestone(window: Window, state: str, as_of: Month) -> Status:
    """Status of a milestone in ``state`` (not_started | in_progress | done | blocked)."""
    if not_due(window, as_of):
        return Status.not_due
    if state == "done":
        return Status.achieved
    if as_of >= window.end:
        return Status.overdue
    months_left = window.end.index - as_of.index
    total = months_inclusive(window.start, window.end)
    done = months_inclusive(window.start, as_of)
    past_half = 2 * done > total
    if state == "blocked" or months_left <= 1 or (state == "not_started" and past_half):
        return Status.behind
    return Status.on_track


def unreported(window: Window, as_of: Month) -> Status:
    """A required figure that is absent: not_due before the window, overdue once the window
    has reached its end (a closed window is never missing), else missing."""
    if not_due(window, as_of):
        return Status.not_due
    if as_of >= window.end:
        return Status.overdue
    return Status.missing
