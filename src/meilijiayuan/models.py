"""Pydantic models: the plan file and the progress report, the contract in code.

The models check what a file says on its own (types, ranges, shapes). Checks that need
the plan (does this organisation or item exist?) live in :mod:`meilijiayuan.validate`.
Custom errors use our finding codes as their pydantic error type, so a
``ValidationError`` maps one-to-one onto findings (see :func:`error_code`).
The same models generate the JSON Schema that ``mljy schema`` exports.
"""

import datetime as dt
import math
import re
import unicodedata
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

from meilijiayuan.periods import Month
from meilijiayuan.units import convert

# --- scalar types ---------------------------------------------------------------------

_DATE_RE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_LEADING_ZERO_RE = re.compile(r"[-+]?0[0-9]+")
_NUMBER_TEXT_RE = re.compile(r"^\s*([-+]?\d+(?:\.\d+)?)\s*(\S.*?)?\s*$")
# What follows the digits of 1,000 / 1_000 / 1e3 / 0x10 / 2019-06-30 / 1:30 / 12 000 is part
# of the figure, not a unit: "write value: 1" would be the wrong figure (not-a-number instead).
_NOT_A_UNIT_RE = re.compile(r"[\d,_.:/\-+]|[eE][-+]?\d|[xXoObB][\da-fA-F]")
_MISSING_WORDS = {
    "n/a",
    "na",
    "none",
    "null",
    "无",
    "暂无",
    "空",
    "-",
    "--",
    "/",
    "—",
    "?",
    "？",
    "不详",
}
_YES_NO_WORDS = {"yes", "no", "on", "off", "y", "n", "true", "false", "是", "否", "对", "错"}


def _parse_month(value: Any) -> Month:
    if isinstance(value, Month):
        return value
    if isinstance(value, str):
        try:
            return Month.parse(value)
        except ValueError:
            pass
    raise PydanticCustomError("period-format", "must be YYYY-MM", {"text": str(value)})


def _parse_date(value: Any) -> dt.date:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and _DATE_RE.match(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise PydanticCustomError("date-format", "must be YYYY-MM-DD", {"text": str(value)})


def _half_width(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def _parse_number(value: Any) -> float | int:
    """Accept only real, finite, non-negative numbers; explain every other input."""
    if isinstance(value, bool):
        raise PydanticCustomError("bool-as-number", "a yes/no word is not a number", {})
    if isinstance(value, int):
        if value < 0:
            raise PydanticCustomError("negative", "must not be negative", {})
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise PydanticCustomError("not-finite", "must be a finite number", {})
        if value < 0:
            raise PydanticCustomError("negative", "must not be negative", {})
        return value
    if isinstance(value, str):
        text = value.strip()
        if text.lower() in _YES_NO_WORDS:
            raise PydanticCustomError("bool-as-number", "a yes/no word is not a number", {})
        folded = _half_width(text)
        if folded != text:
            whole = _NUMBER_TEXT_RE.fullmatch(folded)
            if whole is not None and not whole.group(2):
                raise PydanticCustomError(
                    "full-width-digit", "full-width characters", {"fixed": folded}
                )
            text = folded  # "１００％": what is wrong besides the width is said instead
        m = _NUMBER_TEXT_RE.match(text)
        if m:
            number, suffix = m.group(1), (m.group(2) or "")
            if not suffix:
                if _LEADING_ZERO_RE.fullmatch(number):
                    # 010: YAML 1.1 would read eight; we read nothing and ask
                    plain = number.lstrip("+-").lstrip("0") or "0"
                    raise PydanticCustomError("leading-zero", "leading zero", {"plain": plain})
                # a quoted number: "12" is text in YAML; ask for the bare number
                raise PydanticCustomError("quoted-number", "quoted number", {"number": number})
            if _NOT_A_UNIT_RE.match(suffix):
                raise PydanticCustomError("not-a-number", "not a number", {})
            return _unit_suffix_error(number, suffix)
        if text.lower() in _MISSING_WORDS or not text:
            raise PydanticCustomError("not-a-number", "not a number", {})
        raise PydanticCustomError("not-a-number", "not a number", {})
    raise PydanticCustomError("wrong-type", "not a number", {"expected": "数字"})


def _unit_suffix_error(number: str, suffix: str) -> float:
    # "60万" → 60, unit 万平方米; "95%" → 95, unit %; "3个" → 3, unit 个
    unit = {"万": "万平方米", "万㎡": "万平方米"}.get(suffix, suffix)
    raise PydanticCustomError(
        "number-with-unit", "number with a unit", {"number": number, "suffix": unit}
    )


def _month_schema(description: str) -> dict[str, Any]:
    return {"type": "string", "pattern": r"^\d{4}-(0[1-9]|1[0-2])$", "description": description}


MonthField = Annotated[
    Month,
    PlainValidator(_parse_month),
    PlainSerializer(str, return_type=str),
    WithJsonSchema(_month_schema("年-月, e.g. 2019-06")),
]
DateField = Annotated[
    dt.date,
    PlainValidator(_parse_date),
    PlainSerializer(lambda d: d.isoformat(), return_type=str),
    WithJsonSchema(
        {"type": "string", "format": "date", "description": "年-月-日, e.g. 2019-07-04"}
    ),
]
Number = Annotated[
    float | int,
    PlainValidator(_parse_number),
    WithJsonSchema({"type": "number", "minimum": 0}),
]
Text = Annotated[str, Field(strict=True)]


class _Strict(BaseModel):
    # defer_build: a model's validator is built when first used, so a run that takes the
    # plan from its compiled form (meilijiayuan.compiled) never builds the plan's models
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, defer_build=True)


# --- the plan ---------------------------------------------------------------------------


class Window(_Strict):
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


class PlanMeta(_Strict):
    id: Text
    title: Text
    document_number: Text
    issuer: Text = ""
    issued: DateField
    window: Window
    report_due_day: int = Field(default=5, ge=1, le=28)
    district: Text = "全区"
    note: Text | None = None


class Thresholds(_Strict):
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


OrganisationKind = Literal[
    "department", "street", "town", "zone", "village", "enterprise", "association", "other"
]


class Organisation(_Strict):
    name: Text
    kind: OrganisationKind
    aliases: list[Text] = []
    note: Text | None = None


class Group(_Strict):
    """A name that stands for several organisations (各街镇, 各街道 …)."""

    name: Text
    aliases: list[Text] = []
    members: list[Text]
    note: Text | None = None


class Task(_Strict):
    id: Text
    area: Text = ""
    title: Text
    text: Text
    source: Text
    note: Text | None = None


class KeyWork(_Strict):
    id: Text
    year: int
    source: Text
    text: Text
    window: Window
    tasks: list[Text] = []
    duties: list[Text] = []
    note: Text | None = None


class Duty(_Strict):
    id: Text
    table: Text
    seq: int
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


class Target(_Strict):
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


class Plan(_Strict):
    """The whole plan file (data/plan.yaml)."""

    plan: PlanMeta
    thresholds: Thresholds = Thresholds()
    organisations: list[Organisation]
    groups: list[Group] = []
    tasks: list[Task] = []
    key_works: list[KeyWork] = []
    duties: list[Duty] = []
    targets: list[Target] = []


# --- the report -------------------------------------------------------------------------

STATES: tuple[str, ...] = ("not_started", "in_progress", "done", "blocked")
# The Chinese words a clerk types for a state, each read as its canonical word
STATE_WORDS: dict[str, str] = {
    "未开始": "not_started",
    "进行中": "in_progress",
    "推进中": "in_progress",
    "已完成": "done",
    "受阻": "blocked",
}


def _state_word(value: Any) -> Any:
    """A Chinese state word as its canonical word; anything else is left to the choice."""
    return STATE_WORDS.get(value, value) if isinstance(value, str) else value


State = Annotated[
    Literal["not_started", "in_progress", "done", "blocked"],
    BeforeValidator(_state_word),
    WithJsonSchema(
        {
            "type": "string",
            "enum": [*STATES, *STATE_WORDS],
            "description": "not_started | in_progress | done | blocked"
            "（或中文：未开始 | 进行中/推进中 | 已完成 | 受阻）",
        }
    ),
]


class ItemReport(_Strict):
    """One item of a report: a figure, a rate as numerator/denominator, or a state."""

    value: Number | None = Field(
        default=None, description="累计完成量 (cumulative, inside the window)"
    )
    unit: Text | None = Field(default=None, description="计量单位, e.g. 万平方米")
    this_month: Number | None = Field(default=None, description="本月完成")
    numerator: Number | None = Field(default=None, description="比率的分子 (达标数)")
    denominator: Number | None = Field(default=None, description="比率的分母 (总数)")
    rate: Number | None = Field(default=None, description="比率 %（不推荐：无法汇总）")
    state: State | None = Field(
        default=None,
        description="not_started | in_progress | done | blocked"
        "（或 未开始 / 进行中 / 已完成 / 受阻）",
    )
    note: Text | None = Field(default=None, description="说明")
    evidence: Text | None = Field(default=None, description="佐证材料, e.g. 文号")

    @model_validator(mode="after")
    def _rate_parts(self) -> "ItemReport":
        num, den = self.numerator, self.denominator
        if (num is None) != (den is None):
            missing = "denominator" if den is None else "numerator"
            raise PydanticCustomError("incomplete-rate", "incomplete rate", {"missing": missing})
        if den is not None and num is not None:
            if den == 0:
                raise PydanticCustomError("zero-denominator", "zero denominator", {})
            if num > den:
                raise PydanticCustomError(
                    "numerator-exceeds-denominator",
                    "numerator > denominator",
                    {"numerator": _fmt(num), "denominator": _fmt(den)},
                )
        return self

    def given_fields(self) -> list[str]:
        """The figure fields present in the file, in declaration order."""
        return [
            name
            for name in ("value", "numerator", "denominator", "rate", "state")
            if getattr(self, name) is not None
        ]


class Report(_Strict):
    """One organisation's progress report for one month (月度进度报表)."""

    unit: Text = Field(description="报送单位 (an organisation of the plan)")
    period: MonthField = Field(description="报送月份 YYYY-MM")
    submitted: DateField | None = Field(default=None, description="报送日期 YYYY-MM-DD")
    contact: Text | None = Field(default=None, description="联系人")
    note: Text | None = None
    items: dict[Text, ItemReport]


def _fmt(x: float | int) -> str:
    return f"{x:g}" if isinstance(x, float) else str(x)


# --- pydantic errors → finding codes ----------------------------------------------------

# pydantic's own error types we translate; everything else becomes wrong-type
_PYDANTIC_CODES = {
    "extra_forbidden": "unknown-field",
    "missing": "missing-field",
    "literal_error": "bad-state",
}


def error_code(error_type: str) -> str:
    """The finding code for a pydantic error type (ours pass through unchanged)."""
    from meilijiayuan.catalogue import CATALOGUE

    if error_type in CATALOGUE:
        return error_type
    return _PYDANTIC_CODES.get(error_type, "wrong-type")


def reported_quantity(entry: ItemReport, target: Target) -> float | None:
    """The entry's value in the target's unit (``None`` when there is none or it won't convert)."""
    if entry.value is None:
        return None
    if entry.unit is None or target.unit is None or entry.unit == target.unit:
        return entry.value  # as typed: an int stays an int, exactly
    return convert(float(entry.value), entry.unit, target.unit)
