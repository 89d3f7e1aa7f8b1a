"""Property tests over generated report folders: corrections, ties, undated reports, carried
figures, invalid files and a shared indicator (K2019-1 / W5).

For every generated folder:
- ``mljy check --reports`` (``build_run``) and ``mljy status`` (``build_picture``) give the same
  district rows and the same ``duplicate-report`` errors;
- every district figure is the sum or ratio of its ``units``;
- every red counted in the ranking is a red unit of an open district row;
- every unit's ``figure_period`` is the month of the latest settled report that gives the item,
  worked out here by the plain reading of the rule.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from meilijiayuan.judge.picture import build_picture
from meilijiayuan.judge.records import Level
from meilijiayuan.periods import Month
from meilijiayuan.plan.index import PlanIndex
from meilijiayuan.plan.load import load_plan
from meilijiayuan.run.check import build_run
from meilijiayuan.run.status import collect

ROOT = Path(__file__).resolve().parents[3]
INDEX, _ = load_plan(str(ROOT / "data" / "plan.yaml"))
TOWNS = ("马陆镇", "南翔镇", "外冈镇")
MONTHS = ("2019-01", "2019-02", "2019-03", "2019-04")
DATES = (None, "2019-05-01", "2019-05-02", "2019-05-03")


def _rate() -> st.SearchStrategy[dict[str, int]]:
    return st.integers(1, 40).flatmap(
        lambda den: st.integers(0, den).map(lambda num: {"numerator": num, "denominator": den}))


_REPORT = st.fixed_dictionaries({
    "unit": st.sampled_from(TOWNS),
    "period": st.sampled_from(MONTHS),
    "submitted": st.sampled_from(DATES),
    "J3a": st.none() | _rate(),
    "rate_id": st.sampled_from(("K2019-1", "W5", None)),  # one indicator, either id
    "rate": _rate(),
    "invalid": st.booleans(),
})


@contextmanager
def folder(reports: list[dict[str, Any]]) -> Iterator[tuple[Path, list[str]]]:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        files = []
        for n, r in enumerate(reports):
            lines = [f"unit: {r['unit']}", f"period: {r['period']}"]
            if r["submitted"]:
                lines.append(f"submitted: {r['submitted']}")
            lines.append("items:")
            if r["J3a"] is not None:
                lines += ["  J3a:"] + [f"    {k}: {v}" for k, v in r["J3a"].items()]
            if r["rate_id"] is not None:
                lines += [f"  {r['rate_id']}:"] + [f"    {k}: {v}" for k, v in r["rate"].items()]
            if r["invalid"] and n % 3 == 0:
                lines += ["  J3b:", "    numerator: 60万", "    denominator: 100"]
            if len(lines) == (4 if r["submitted"] else 3):
                lines[-1] = "items: {}"
            path = root / r["period"] / f"{n:02d}.yaml"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text("\n".join(lines) + "\n", encoding="utf-8")
            files.append(str(path))
        yield root, files


def _settled(reports: list[dict[str, Any]], files: list[str], unit: str, month: str
             ) -> dict[str, Any] | str | None:
    """The report of ``unit`` for ``month`` by the plain rule: the only one (copies count once),
    or the one with the strictly latest date when every one is dated; "clash" when they cannot
    be ordered."""
    mine = [(f, r) for f, r in zip(files, reports, strict=True)
            if r["unit"] == unit and r["period"] == month and not _invalid(r, f, files)]
    if not mine:
        return None
    distinct: dict[tuple[Any, ...], tuple[str, dict[str, Any]]] = {}
    for f, r in mine:  # two files with the same content are one report
        content = (r["submitted"], str(r["J3a"]), r["rate_id"],
                   str(r["rate"]) if r["rate_id"] else None)
        distinct.setdefault(content, (f, r))
    mine = list(distinct.values())
    if len(mine) == 1:
        return mine[0][1]
    if any(r["submitted"] is None for _, r in mine):
        return "clash"
    latest = max(r["submitted"] for _, r in mine)
    winners = [r for _, r in mine if r["submitted"] == latest]
    return winners[0] if len(winners) == 1 else "clash"


def _invalid(r: dict[str, Any], f: str, files: list[str]) -> bool:
    return bool(r["invalid"]) and files.index(f) % 3 == 0


def _expected_month(reports: list[dict[str, Any]], files: list[str], unit: str, key: str,
                    period: str) -> str | None:
    """The month the figure for ``key`` (J3a, or the rate indicator) comes from at ``period``."""
    for month in reversed([m for m in MONTHS if m <= period]):
        r = _settled(reports, files, unit, month)
        if r is None or r == "clash":
            continue
        assert isinstance(r, dict)
        if (key == "J3a" and r["J3a"] is not None) or (key == "rate" and r["rate_id"]):
            return month
    return None


def _check(index: PlanIndex, reports: list[dict[str, Any]]) -> None:
    with folder(reports) as (root, files):
        submissions, results = collect([str(root)], index)
        run = build_run(index, files, reports_dir=str(root))
        clashes_run = sorted((f.file, tuple(f.args["other"])) for f in run.findings
                             if f.code == "duplicate-report")
        for period in sorted({r["period"] for r in reports}):
            month = Month.parse(period)
            pic = build_picture(index, submissions, month, files=results)
            clashes = sorted((f.file, tuple(f.args["other"])) for f in pic.findings
                             if f.code == "duplicate-report")
            assert clashes == clashes_run
            rows = {a.id: a for a in pic.district}
            # check --reports and status: the same district rows
            for checked in run.reports:
                if checked.evaluation is not None and checked.evaluation.as_of == month:
                    for a in checked.district:
                        assert a == rows[a.id], (period, a.id)
            # every district figure is the sum or ratio of its units
            for tid in ("J3a", "K2019-1", "W5"):
                a = rows[tid]
                counted = [u for u in a.units if u.counted]
                if not counted:
                    assert a.actual is None
                    continue
                num = sum((u.numerator or Decimal(0) for u in counted), Decimal(0))
                den = sum((u.denominator or Decimal(0) for u in counted), Decimal(0))
                assert (a.numerator, a.denominator, a.reporters) == (num, den, len(counted))
                assert abs(a.actual - num * 100 / den) < Decimal("1e-10")  # type: ignore[operator]
            # one indicator, one figure
            assert rows["K2019-1"].units == rows["W5"].units
            # every red in the ranking is a red unit of an open row
            reds = [u.unit for a in pic.district if not a.closed for u in a.units
                    if u.status.level is Level.red]
            for r in pic.ranking:
                assert reds.count(r.unit) == r.red, (period, r.unit)
            # no figure is shown with the wrong month
            for tid, key in (("J3a", "J3a"), ("K2019-1", "rate"), ("W5", "rate")):
                for u in rows[tid].units:
                    if u.unit in TOWNS:
                        assert u.figure_period == _expected_month(
                            reports, files, u.unit, key, period), (period, tid, u.unit)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_REPORT, min_size=1, max_size=8))
def test_generated_folders(reports: list[dict[str, Any]]) -> None:
    assert INDEX is not None
    _check(INDEX, reports)
