"""Units of measure (计量单位) and the conversions between them.

Only units of one dimension convert: ``万平方米`` ↔ ``平方米``; a count of ``个`` never
becomes ``台``. Pure, no dependencies.
"""

from __future__ import annotations

# unit → (dimension, factor to the dimension's base unit)
_UNITS: dict[str, tuple[str, float]] = {
    "平方米": ("area", 1.0),
    "m2": ("area", 1.0),
    "㎡": ("area", 1.0),
    "万平方米": ("area", 10_000.0),
    "公顷": ("area", 10_000.0),
    "元": ("money", 1.0),
    "万元": ("money", 10_000.0),
    "亿元": ("money", 100_000_000.0),
    "米": ("length", 1.0),
    "公里": ("length", 1000.0),
    "千米": ("length", 1000.0),
    "%": ("percent", 1.0),
}


def convert(value: float, from_unit: str, to_unit: str) -> float | None:
    """``value`` in ``from_unit`` expressed in ``to_unit``; ``None`` if they do not convert."""
    if from_unit == to_unit:
        return value
    a = _UNITS.get(from_unit)
    b = _UNITS.get(to_unit)
    if a is None or b is None or a[0] != b[0]:
        return None
    return value * a[1] / b[1]


def compatible_units(unit: str) -> list[str]:
    """Every unit that converts to ``unit`` (itself first)."""
    dim = _UNITS.get(unit)
    if dim is None:
        return [unit]
    return [unit] + [u for u, (d, _) in _UNITS.items() if d == dim[0] and u != unit]
