"""Write the ILLUSTRATIVE sample reports under data/reports/<YYYY-MM>/<unit>.yaml.

The figures are invented to show what ``mljy check`` and ``mljy status`` print; they are
not the district's real figures, and every file says so in its first lines and in its
``note``. The output is deterministic (a seeded ``random.Random``, no clock): running the
script twice writes the same bytes.

The set is chosen to show every status at least once in the units' own rows:
achieved, on_track, behind, at_risk, overdue, missing, not_due and ongoing; some units
do not report in some months and a couple of reports are late (for ``mljy status``).

    python scripts/make_samples.py [--out data/reports]
"""

from __future__ import annotations

import argparse
import json
import random
from dataclasses import dataclass
from pathlib import Path

SEED = 20180502  # the plan's issue date
MONTHS = ("2018-06", "2018-12", "2019-06", "2019-12", "2020-06", "2020-12")
MARKER = "# 示例数据"
HEADER = (
    "# 示例数据（ILLUSTRATIVE SAMPLE）：本文件的数字为演示 mljy 而虚构，不是嘉定区的真实数据。\n"
    "# The figures in this file are invented for illustration; they are not the district's "
    "real figures.\n"
    "# 由 scripts/make_samples.py 生成；请修改脚本而不是本文件。\n"
)
NOTE = "示例数据（虚构），仅用于演示 mljy，不代表真实进度"

# pace: progress relative to the schedule (1.0 = exactly on schedule)
TOWNS: dict[str, float] = {
    "新成路街道": 1.15, "真新街道": 1.0, "嘉定镇街道": 1.05, "南翔镇": 0.95,
    "安亭镇": 1.1, "马陆镇": 1.0, "徐行镇": 0.85, "华亭镇": 0.6,
    "外冈镇": 0.7, "江桥镇": 1.2, "菊园新区管委会": 0.9, "嘉定工业区": 0.8,
}
WEAK = frozenset(t for t, pace in TOWNS.items() if pace < 0.8)
# units that send no report for a month (so `mljy status` has someone to chase)
ABSENT = {"2019-06": {"外冈镇"}, "2019-12": {"区社建办"}, "2020-06": {"华亭镇", "区消防支队"}}
# reports sent after the due day (the 5th of the next month)
LATE = {("2018-12", "华亭镇"): "2019-01-09", ("2020-06", "嘉定工业区"): "2020-07-08"}
# towns that report 三类旧住房改造 in 平方米 rather than 万平方米
IN_SQUARE_METRES = frozenset({"南翔镇", "江桥镇"})


def months_from(start: str, month: str) -> int:
    """Months from ``start`` through ``month``, both counted."""
    (y0, m0), (y1, m1) = (map(int, start.split("-")), map(int, month.split("-")))
    return (y1 - y0) * 12 + (m1 - m0) + 1


def share(start: str, end: str, month: str) -> float:
    """The schedule share f of a window at ``month``, in [0, 1]."""
    total = months_from(start, end)
    return max(0.0, min(1.0, months_from(start, month) / total))


def fmt(x: float) -> str:
    """A YAML number: an integer when whole, else at most two decimals."""
    if float(x).is_integer():
        return str(int(x))
    return f"{x:.2f}".rstrip("0").rstrip(".")


def text(s: str) -> str:
    """A YAML scalar for free text: plain when safe, else double-quoted (JSON escapes are YAML)."""
    risky = any(c in s for c in ":#{}[],&*!|>'\"%@`") or s[:1] in "-?" or s != s.strip()
    return json.dumps(s, ensure_ascii=False) if risky else s


@dataclass
class Entry:
    """One item of a report, in the order its fields are written."""

    value: float | None = None
    unit: str | None = None
    numerator: int | None = None
    denominator: int | None = None
    state: str | None = None
    note: str | None = None
    evidence: str | None = None

    def lines(self) -> list[str]:
        out = []
        for key in ("value", "unit", "numerator", "denominator", "state", "note", "evidence"):
            v = getattr(self, key)
            if v is None:
                continue
            out.append(f"    {key}: {fmt(v) if isinstance(v, int | float) else text(v)}")
        return out


def render(unit: str, period: str, submitted: str, items: dict[str, Entry]) -> str:
    lines = [HEADER.rstrip("\n"), f"unit: {unit}", f"period: {period}", f"submitted: {submitted}",
             f"note: {text(NOTE)}", "items:"]
    for item_id, entry in items.items():
        lines.append(f"  {item_id}:")
        lines.extend(entry.lines())
    return "\n".join(lines) + "\n"


class Towns:
    """Figures of the 12 streets and towns: fixed per-town sizes and paces, jittered."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        weights = {t: rng.uniform(0.6, 1.4) for t in TOWNS}
        total = sum(weights.values())
        self.weight = {t: w / total for t, w in weights.items()}
        self.estates = {t: rng.randint(40, 160) for t in TOWNS}  # 住宅小区 needing 业委会
        self.villages = {t: rng.randint(12, 40) for t in TOWNS}  # 居村
        self.start = {t: (rng.uniform(60, 80), rng.uniform(35, 55), rng.uniform(15, 45))
                      for t in TOWNS}

    def quantity(self, town: str, goal: float, f: float, *, whole: bool) -> float:
        """Cumulative figure: the town's share of ``goal`` at its pace, jittered by ±8 %."""
        value = goal * self.weight[town] * min(1.25, f * TOWNS[town]) * self.rng.uniform(0.92, 1.08)
        return round(value) if whole else round(value, 2)

    def level(self, town: str, which: int, month: str, goal: float) -> float:
        """A rate (%) rising from the town's 2018-01 level toward ``goal`` × pace by 2020-12."""
        start = self.start[town][which]
        pace = TOWNS[town]
        factor = 1.04 if pace >= 1 else 1.01 if pace >= 0.9 else pace - 0.1
        end = min(100.0, goal * factor)
        f = share("2018-01", "2020-12", month)
        return start + (end - start) * f

    def rate_entry(self, town: str, which: int, month: str, goal: float,
                   den: int | None = None) -> Entry:
        den = den or self.estates[town]
        pct = self.level(town, which, month, goal)
        num = min(den, max(0, round(den * pct / 100)))
        return Entry(numerator=num, denominator=den)


def town_items(towns: Towns, town: str, month: str) -> dict[str, Entry]:
    rng = towns.rng
    weak = town in WEAK
    year = month[:4]
    items: dict[str, Entry] = {}
    if year == "2018":
        f = share("2018-01", "2018-12", month)
        a = towns.quantity(town, 12, f, whole=False)
        b = towns.quantity(town, 48, f, whole=False)
        items["K2018-1"] = Entry(value=round(a + b, 2), note="三类改造与隐患处置合计")
        if town in IN_SQUARE_METRES:
            items["K2018-1a"] = Entry(value=round(a * 10_000), unit="平方米")
        else:
            items["K2018-1a"] = Entry(value=a)
        items["K2018-1b"] = Entry(value=b)
        villages = towns.villages[town]
        items["K2018-2"] = towns.rate_entry(town, 0, month, 85, den=villages)
        items["K2018-4"] = Entry(value=towns.quantity(town, 40, f, whole=True))
        items["K2018-7"] = Entry(value=towns.quantity(town, 80, f, whole=True))
    # K2018-2, K2019-1 and W5 share one indicator (无违建创建完成率): reported once, under
    # the year's key work; W5 is judged from the same figure
    if year == "2019":
        items["K2019-1"] = towns.rate_entry(town, 0, month, 95, den=towns.villages[town])
    items["J3a"] = towns.rate_entry(town, 0, month, 95)
    items["J3b"] = towns.rate_entry(town, 1, month, 75)
    party = max(8, towns.estates[town] // 2)  # 符合条件的业委会
    items["J7"] = towns.rate_entry(town, 2, month, 100, den=party)
    if year == "2020":  # K2020-3 shares J7's indicator: judged from the J7 figure
        done = month == "2020-12" and not weak
        items["K2020-9"] = Entry(state="done" if done else "in_progress")
    if year == "2018":
        milestones = (("J5", "居民区联席会议"), ("J13", "停车矛盾调处"), ("J15", "物业监管评价"),
                      ("J17", "社会组织评价"))
        for mid, label in milestones:
            items[mid] = _town_milestone(rng, weak, month, label)
    # ongoing duties: reported when there is something to say
    if rng.random() < 0.6:
        items["J1"] = Entry(state="in_progress", note="（示例）三年行动计划按季度推进")
    if town == "外冈镇" and month in ("2019-06", "2019-12", "2020-06"):
        items["J12"] = Entry(state="blocked", note="（示例）停车设施选址待规划调整")
    elif rng.random() < 0.3:
        items["J9"] = Entry(state="in_progress", note="（示例）结合实事工程推进充电设施")
    if weak and rng.random() < 0.7:  # a weak town leaves a required figure out
        required = [k for k in items if k not in ("J1", "J9", "J12", "K2018-1")]
        items.pop(rng.choice(required))
    return items


def _town_milestone(rng: random.Random, weak: bool, month: str, label: str) -> Entry:
    if month == "2018-06":
        return Entry(state=rng.choice(["not_started", "blocked"]) if weak else "in_progress")
    if weak and rng.random() < 0.6:
        return Entry(state="in_progress", note=f"（示例）{label}制度草案待审议")
    return Entry(state="done", evidence=f"（示例）{label}工作方案")


def department_items(month: str) -> dict[str, dict[str, Entry]]:
    """What the reporting departments say, month by month (hand-written, no randomness)."""
    y = month[:4]
    end = month.endswith("-12")
    out: dict[str, dict[str, Entry]] = {}
    if y == "2018":
        out["区绿化市容局"] = {
            "K2018-3": Entry(state="done" if end else "in_progress"),
            "W19": Entry(state="done" if end else "in_progress"),
            "W20": Entry(state="done" if end else "blocked",
                         note=None if end else "（示例）装修垃圾临时堆放点选址协调中"),
        }
        out["区水务局"] = {
            "K2018-5": Entry(value=2 if end else 0, note=None if end else "（示例）已完成招标"),
            "W14": Entry(state="in_progress"),
        }
        out["区消防支队"] = {"K2018-8": Entry(state="done" if end else "in_progress")}
        out["区房管局"] = {
            "K2018-8": Entry(state="done" if end else "in_progress"),
            "W22": Entry(state="in_progress"),
            "W27": Entry(state="done"),
            "W28": Entry(state="done" if end else "in_progress"),
            "W29": Entry(state="in_progress", note="（示例）办法征求意见中" if end else None),
            "W30": Entry(state="done" if end else "not_started"),
        }
        out["区市场监管局"] = {"W16": Entry(state="in_progress", note="（示例）评估持续开展")}
        out["区联席办"] = {"W4": Entry(state="done" if end else "in_progress")}
        out["区民政局"] = {"W12": Entry(state="done" if end else "in_progress")}
        out["区社建办"] = {"W12": Entry(state="done" if end else "in_progress")}
    elif y == "2019":
        out["区绿化市容局"] = {"K2019-2": Entry(state="done" if end else "in_progress"),
                          "W18": Entry(state="in_progress")}
        out["区水务局"] = {"W14": Entry(state="in_progress"), "W15": Entry(state="in_progress")}
        out["区消防支队"] = {"W10": Entry(state="in_progress", note="（示例）增设简易喷淋")}
        out["区房管局"] = {
            "K2019-4": Entry(state="done" if end else "blocked",
                             note=None if end else "（示例）培训大纲待市级部门审定"),
            "W22": Entry(state="in_progress"),
        }
        # 12 of 30 at mid-year is L = 10 exactly: still on track
        out["区市场监管局"] = {"K2019-6": Entry(value=31 if end else 12)}
        out["区联席办"] = {"W1": Entry(state="in_progress")}
        out["区民政局"] = {"W17": Entry(state="in_progress")}
        out["区社建办"] = {"W2": Entry(state="in_progress")}
    else:
        out["区绿化市容局"] = {"K2020-1": Entry(state="done" if end else "in_progress")}
        out["区水务局"] = {
            "K2020-2": Entry(state="in_progress", note="（示例）部分小区待移交" if end else None),
            "W14": Entry(state="done" if end else "in_progress"),
        }
        out["区消防支队"] = {"W10": Entry(state="done" if end else "in_progress")}
        out["区房管局"] = {"K2020-4": Entry(state="done" if end else "in_progress"),
                        "W22": Entry(state="done" if end else "in_progress")}
        # 18 of 60 at mid-year: L = 20, behind; 52 at the end: overdue
        out["区市场监管局"] = {"K2020-6": Entry(value=52 if end else 18)}
        out["区联席办"] = {"W1": Entry(state="done" if end else "in_progress")}
        out["区民政局"] = {"W17": Entry(state="in_progress")}
        out["区社建办"] = {"W13": Entry(state="in_progress")}
    return out


def submitted_on(rng: random.Random, month: str, unit: str) -> str:
    late = LATE.get((month, unit))
    if late:
        return late
    year, mon = map(int, month.split("-"))
    year, mon = (year + 1, 1) if mon == 12 else (year, mon + 1)
    return f"{year:04d}-{mon:02d}-{rng.randint(1, 5):02d}"


def generate(out: Path) -> list[Path]:
    """Write every sample report; returns the paths written."""
    rng = random.Random(SEED)
    towns = Towns(rng)
    written: list[Path] = []
    for month in MONTHS:
        folder = out / month
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("*.yaml"):  # only files this script wrote
            if old.read_text(encoding="utf-8").startswith(MARKER):
                old.unlink()
        reports: dict[str, dict[str, Entry]] = {t: town_items(towns, t, month) for t in TOWNS}
        reports.update(department_items(month))
        for unit, items in reports.items():
            submitted = submitted_on(rng, month, unit)
            if unit in ABSENT.get(month, ()):
                continue
            path = folder / f"{unit}.yaml"
            path.write_text(render(unit, month, submitted, items), encoding="utf-8")
            written.append(path)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    default = Path(__file__).resolve().parents[1] / "data" / "reports"
    parser.add_argument("--out", type=Path, default=default)
    args = parser.parse_args()
    paths = generate(args.out)
    print(f"wrote {len(paths)} illustrative sample reports under {args.out}")


if __name__ == "__main__":
    main()
