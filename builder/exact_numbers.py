"""Exact numbers for comparisons and their plain display."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

Number = int | float | Decimal | Fraction
_DISPLAY_PLACES = Decimal("0.000001")


def exact(value: Number) -> Fraction:
    """An exact Fraction for a number (floats by their shortest decimal form)."""
    if isinstance(value, Fraction):
        return value
    if isinstance(value, float):
        return Fraction(Decimal(repr(value)))
    if isinstance(value, Decimal) and value.is_finite():
        return Fraction(*value.as_integer_ratio())  # the same fraction, without Fraction's generic path
    return Fraction(value)


def format_number(value: Number) -> str:
    """Format a number without exponent or trailing zeros: 50000, 0.25, 1/3 → 0.333333."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Fraction):
        if value.denominator == 1:
            return str(value.numerator)
        value = (Decimal(value.numerator) / Decimal(value.denominator)).quantize(_DISPLAY_PLACES)
    decimal = Decimal(repr(value)) if isinstance(value, float) else value
    if not decimal.is_finite():
        return str(decimal)
    text = format(decimal.normalize(), "f")
    return "0" if text in ("-0", "") else text
