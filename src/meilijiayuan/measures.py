"""Units of measure (计量单位) and the conversions between them.

Only units of one dimension convert: ``万平方米`` ↔ ``平方米``; a count of ``个`` never
becomes ``台``. Pure, no dependencies.
"""

from __future__ import annotations

from decimal import Decimal

# unit → (dimension, factor to the dimension's base unit); factors are powers of ten, so a
# conversion is exact in decimal arithmetic
_UNITS: dict[str, tuple[str, int]] = {
    "平方米": ("area", 1),
    "m2": ("area", 1),
    "㎡": ("area", 1),
    "万平方米": ("area", 10_000),
    "公顷": ("area", 10_000),
    "元": ("money", 1),
    "万元": ("money", 10_000),
    "亿元": ("money", 100_000_000),
    "米": ("length", 1),
    "公里": ("length", 1000),
    "千米": ("length", 1000),
    "%": ("percent", 1),
}


def convert(value: Decimal | int, from_unit: str, to_unit: str) -> Decimal | None:
    """``value`` in ``from_unit`` expressed exactly in ``to_unit``; ``None`` if they do not
    convert."""
    if from_unit == to_unit:
        return Decimal(value)
    a = _UNITS.get(from_unit)
    b = _UNITS.get(to_unit)
    if a is None or b is None or a[0] != b[0]:
        return None
    # the factors are powers of ten: scaling by them is exact (no division rounding)
    if a[1] >= b[1]:
        return Decimal(value) * (a[1] // b[1])
    return Decimal(value).scaleb(-(len(str(b[1] // a[1])) - 1))  # ÷ 10^k by moving the point


def compatible_units(unit: str) -> list[str]:
    """Every unit that converts to ``unit`` (itself first)."""
    dim = _UNITS.get(unit)
    if dim is None:
        return [unit]
    return [unit] + [u for u, (d, _) in _UNITS.items() if d == dim[0] and u != unit]
