"""The progress report as pydantic models, and pydantic errors mapped to finding codes.

Custom errors use our finding codes as their pydantic error type, so a ``ValidationError``
maps one-to-one onto findings (see :func:`error_code`).
"""

from decimal import Decimal

from pydantic import (
    Field,
    model_validator,
)
from pydantic_core import PydanticCustomError

from meilijiayuan.measures import convert
from meilijiayuan.plan.fields import DateField, MonthField, Number, State, Strict, Text
from meilijiayuan.plan.model import Target

# --- the report -------------------------------------------------------------------------



class ItemReport(Strict):
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


class Report(Strict):
    """One organisation's progress report for one month (月度进度报表)."""

    unit: Text = Field(description="报送单位 (an organisation of the plan)")
    period: MonthField = Field(description="报送月份 YYYY-MM")
    submitted: DateField | None = Field(default=None, description="报送日期 YYYY-MM-DD")
    contact: Text | None = Field(default=None, description="联系人")
    note: Text | None = None
    items: dict[Text, ItemReport]


def _fmt(x: Decimal | int) -> str:
    return str(x)


def reported_quantity(entry: ItemReport, target: Target) -> Decimal | None:
    """The entry's value in the target's unit, exactly (``None`` when there is none or it
    won't convert)."""
    if entry.value is None:
        return None
    if entry.unit is None or target.unit is None or entry.unit == target.unit:
        return Decimal(entry.value)
    return convert(entry.value, entry.unit, target.unit)
