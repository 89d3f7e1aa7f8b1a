"""Scalar field types shared by the plan and report models: months, dates, numbers, text.

Each parses strictly: a number typed as text (``"60万"``), a yes/no word or a leading zero is
an error with a finding code as its pydantic error type, never coerced.
"""

import datetime as dt
import math
import re
import unicodedata
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

from meilijiayuan.periods import Month

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


def exact(value: float | int | Decimal) -> Decimal | int:
    """A number as the exact decimal its text wrote: an int stays an int, a float becomes
    the Decimal of its shortest repr (YAML ``0.1`` is ``Decimal("0.1")``, not 0.1000…055)."""
    if isinstance(value, float):
        return Decimal(repr(value))
    return value


def _parse_number(value: Any) -> Decimal | int:
    """Accept only real, finite, non-negative numbers; explain every other input.

    An int stays an int; a float becomes the exact :class:`~decimal.Decimal` of what was
    written (see :func:`exact`), so figures add up exactly."""
    if isinstance(value, bool):
        raise PydanticCustomError("bool-as-number", "a yes/no word is not a number", {})
    if isinstance(value, int):
        if value < 0:
            raise PydanticCustomError("negative", "must not be negative", {})
        return value
    if isinstance(value, float | Decimal):
        if not math.isfinite(value):
            raise PydanticCustomError("not-finite", "must be a finite number", {})
        if value < 0:
            raise PydanticCustomError("negative", "must not be negative", {})
        return exact(value) if isinstance(value, float) else value
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


def _unit_suffix_error(number: str, suffix: str) -> Decimal:
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
    Decimal | int,
    PlainValidator(_parse_number),
    WithJsonSchema({"type": "number", "minimum": 0}),
]
Text = Annotated[str, Field(strict=True)]


class Strict(BaseModel):
    # defer_build: a model's validator is built when first used, so a run that takes the
    # plan from its compiled form (meilijiayuan.plan.compiled) never builds the plan's models
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, defer_build=True)


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
