"""The plan file as pydantic models: metadata, thresholds, organisations, items, targets.

The models check what the file says on its own (types, ranges, shapes); checks across the
plan (does every named organisation exist?) are in :mod:`meilijiayuan.plan.checks`.
The same models generate the JSON Schema that ``mljy schema plan`` exports.
"""

from typing import Literal

from pydantic import (
    Field,
    model_validator,
)
from pydantic_core import PydanticCustomError

from meilijiayuan.plan.fields import DateField, MonthField, Strict, Text

# --- the plan ---------------------------------------------------------------------------


class Window(Strict):
    """First and last month of a time window (时间节点), both included."""

    start: MonthField
    end: MonthField

    @model_validator(mode="after")
    def _ordered(self) -> "Window":
        if self.end < self.start:
            raise PydanticCustomError(
                "plan-inconsistent",
                "window ends before it starts",
                {"detail": f"window {self.start} … {self.end} ends before it starts"},
            )
        return self

    def __str__(self) -> str:
        return f"{self.start}…{self.end}"


class PlanMeta(Strict):
    id: Text
    title: Text
    document_number: Text
    issuer: Text = ""
    issued: DateField
    window: Window
    report_due_day: int = Field(default=5, ge=1, le=28)
    district: Text
    """The label of the plan's own rows and totals (the whole district), as the plan says it."""
    note: Text | None = None


class Thresholds(Strict):
    """Lag thresholds in percentage points (序时进度滞后): amber above the first, red above."""

    amber_lag: float = Field(default=10, ge=0)
    red_lag: float = Field(default=30, ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> "Thresholds":
        if self.red_lag < self.amber_lag:
            raise PydanticCustomError(
                "plan-inconsistent",
                "red_lag below amber_lag",
                {"detail": "thresholds.red_lag must not be below thresholds.amber_lag"},
            )
        return self


class Plausibility(Strict):
    """Thresholds of the plausibility warnings (docs/reference.md §7)."""

    exceeds_target: float = Field(
        default=1, gt=0, description="an organisation's figure above this × the district target"
    )
    denominator_change: float = Field(
        default=20, ge=0, description="a rate's denominator moving more than this % between reports"
    )
    rate_jump: float = Field(
        default=30, ge=0, description="a rate moving more than this many pp in one month"
    )


OrganisationKind = Literal[
    "department", "street", "town", "zone", "village", "enterprise", "association", "other"
]


class Ranking(Strict):
    """Who is ranked in the district picture: the organisation kinds, and the plan's word for
    them in headings (the label followed by 排名).

    Without ``kinds`` every kind but ``department`` is ranked; without ``label`` the headings
    use the catalogue's generic word (单位排名).
    """

    kinds: list[OrganisationKind] | None = None
    label: Text | None = Field(
        default=None, description="the plan's word for the ranked organisations, in headings"
    )


class Organisation(Strict):
    name: Text
    kind: OrganisationKind
    aliases: list[Text] = []
    note: Text | None = None


class Group(Strict):
    """A name that stands for several organisations (all the streets and towns, say)."""

    name: Text
    aliases: list[Text] = []
    members: list[Text]
    note: Text | None = None


class Task(Strict):
    id: Text
    area: Text = ""
    title: Text
    text: Text
    source: Text
    note: Text | None = None


class KeyWork(Strict):
    id: Text
    year: int
    source: Text
    text: Text
    window: Window
    tasks: list[Text] = []
    duties: list[Text] = []
    note: Text | None = None


class Duty(Strict):
    id: Text
    table: Text
    seq: int
    source: Text
    text: Text
    timeframe: Text
    window: Window
    lead: list[Text]
    cooperating: list[Text] = []
    implementing: list[Text] = []
    remarks: Text = ""
    tasks: list[Text] = []
    key_works: list[Text] = []
    note: Text | None = None


Measure = Literal["quantity", "rate", "milestone"]
Direction = Literal["increase", "decrease"]
Basis = Literal["cumulative", "level"]
Aggregate = Literal["sum", "ratio", "lead"]


class Target(Strict):
    id: Text
    item: Text
    title: Text
    source: Text
    measure: Measure
    unit: Text | None = None
    direction: Direction
    value: float | None = None
    baseline: float = 0
    window: Window
    basis: Basis
    reporters: list[Text]
    aggregate: Aggregate
    per_unit: bool = False
    allocation: dict[Text, float] | None = None
    parts: list[Text] = []
    indicator: Text | None = Field(
        default=None,
        description="a name shared by targets that measure the same thing: reported once, "
        "every target of the indicator judged from that one figure",
    )
    note: Text | None = None

    @model_validator(mode="after")
    def _shape(self) -> "Target":
        problems = []
        if self.measure == "milestone":
            if self.value is not None:
                problems.append(f"target {self.id}: a milestone has no value")
        else:
            if self.value is None:
                problems.append(f"target {self.id}: a {self.measure} target needs a value")
            if not self.unit:
                problems.append(f"target {self.id}: a {self.measure} target needs a unit")
            if self.value is not None and self.value == self.baseline:
                problems.append(f"target {self.id}: value equals baseline")
        if self.measure == "rate" and self.unit != "%":
            problems.append(f"target {self.id}: a rate's unit is %")
        if not self.reporters:
            problems.append(f"target {self.id}: no reporters")
        if problems:
            raise PydanticCustomError(
                "plan-inconsistent", "inconsistent target", {"detail": "; ".join(problems)}
            )
        return self


class Plan(Strict):
    """The whole plan file (data/plan.yaml)."""

    plan: PlanMeta
    thresholds: Thresholds = Thresholds()
    ranking: Ranking = Ranking()
    plausibility: Plausibility = Plausibility()
    organisations: list[Organisation]
    groups: list[Group] = []
    tasks: list[Task] = []
    key_works: list[KeyWork] = []
    duties: list[Duty] = []
    targets: list[Target] = []


