"""Amounts, percentages and durations in a request, read off its digits (numerals are normalised first)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum


class Measure(StrEnum):
    """What a number counts."""

    NUMBER = "number"
    PERCENT = "percent"
    HOURS = "hours"
    DAYS = "days"
    WEEKS = "weeks"


DURATIONS = frozenset({Measure.HOURS, Measure.DAYS, Measure.WEEKS})


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number found in a text, with what it measures, its currency if any, and where it is."""

    value: Decimal
    measure: Measure
    currency: str | None
    start: int
    end: int

    @property
    def is_money(self) -> bool:
        """Whether the text says it is an amount of money."""
        return self.currency is not None


_SCALES = {
    "万": 10_000, "w": 10_000, "千": 1_000, "k": 1_000, "thousand": 1_000, "亿": 100_000_000,
    "m": 1_000_000, "mn": 1_000_000, "million": 1_000_000, "bn": 1_000_000_000, "billion": 1_000_000_000,
}  # fmt: skip
_UNITS: dict[str, tuple[Measure, str | None, int]] = {
    "%": (Measure.PERCENT, None, 1), "％": (Measure.PERCENT, None, 1), "个点": (Measure.PERCENT, None, 1),
    "个百分点": (Measure.PERCENT, None, 1), "percent": (Measure.PERCENT, None, 1),
    "per cent": (Measure.PERCENT, None, 1), "pct": (Measure.PERCENT, None, 1),
    "小时": (Measure.HOURS, None, 1), "个小时": (Measure.HOURS, None, 1), "个钟头": (Measure.HOURS, None, 1),
    "hour": (Measure.HOURS, None, 1), "hours": (Measure.HOURS, None, 1), "hrs": (Measure.HOURS, None, 1),
    "天": (Measure.DAYS, None, 1), "个工作日": (Measure.DAYS, None, 1), "day": (Measure.DAYS, None, 1),
    "days": (Measure.DAYS, None, 1), "business days": (Measure.DAYS, None, 1),
    "周": (Measure.WEEKS, None, 1), "个星期": (Measure.WEEKS, None, 1), "星期": (Measure.WEEKS, None, 1),
    "week": (Measure.WEEKS, None, 1), "weeks": (Measure.WEEKS, None, 1),
    "个月": (Measure.DAYS, None, 30), "month": (Measure.DAYS, None, 30), "months": (Measure.DAYS, None, 30),
    "元": (Measure.NUMBER, "CNY", 1), "块": (Measure.NUMBER, "CNY", 1), "块钱": (Measure.NUMBER, "CNY", 1),
    "人民币": (Measure.NUMBER, "CNY", 1), "yuan": (Measure.NUMBER, "CNY", 1), "rmb": (Measure.NUMBER, "CNY", 1),
    "cny": (Measure.NUMBER, "CNY", 1), "美元": (Measure.NUMBER, "USD", 1), "dollars": (Measure.NUMBER, "USD", 1),
    "dollar": (Measure.NUMBER, "USD", 1), "usd": (Measure.NUMBER, "USD", 1), "euros": (Measure.NUMBER, "EUR", 1),
    "euro": (Measure.NUMBER, "EUR", 1), "eur": (Measure.NUMBER, "EUR", 1),
}  # fmt: skip
_PREFIX_CURRENCIES = {"$": "USD", "¥": "CNY", "￥": "CNY", "€": "EUR", "usd": "USD", "rmb": "CNY", "cny": "CNY"}


def _alternatives(words: list[str]) -> str:
    escaped = sorted((re.escape(word) for word in words), key=len, reverse=True)
    return "|".join(escaped)


_QUANTITY = re.compile(
    rf"(?P<prefix>[$¥￥€]|\b(?:usd|rmb|cny)\s?)?"
    r"(?<![\d:.,])(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\d:])"
    rf"(?:\s*(?P<scale>万|千|亿|(?:k|w|mn|m|bn|thousand|million|billion)\b))?"
    rf"(?:\s*(?P<unit>{_alternatives(list(_UNITS))})(?![a-z]))?"
    r"(?!\s*(?:点|:\d|am\b|pm\b|o'clock|号))",
    re.IGNORECASE,
)
_ORDINAL_OR_WEEKDAY = re.compile(r"(?:第|周|星期|礼拜|每月)\s*$")


def find_quantities(text: str) -> list[Quantity]:
    """Every quantity in a normalised text (digits only), in order; clock times, dates and ordinals are skipped."""
    found = []
    for match in _QUANTITY.finditer(text):
        if _ORDINAL_OR_WEEKDAY.search(text[: match.start()]):
            continue
        value = Decimal(match.group("number").replace(",", ""))
        scale = match.group("scale")
        if scale:
            value *= _SCALES[scale.lower()]
        measure, currency, factor = _UNITS.get((match.group("unit") or "").lower(), (Measure.NUMBER, None, 1))
        prefix = (match.group("prefix") or "").strip().lower()
        currency = currency or _PREFIX_CURRENCIES.get(prefix)
        if scale in ("万", "亿") and currency is None and measure is Measure.NUMBER:
            currency = "CNY"  # 5万 said of a threshold is money unless a unit says otherwise
        value *= factor
        if value == value.to_integral_value():
            value = Decimal(int(value))  # 1.5 million is 1500000, not 1500000.0
        found.append(Quantity(value, measure, currency, match.start(), match.end()))
    return found


def duration_of(quantity: Quantity) -> tuple[int, str] | None:
    """(amount, unit) for a duration as the definition writes it ({"amount": 72, "unit": "hours"})."""
    if quantity.measure not in DURATIONS or quantity.value != quantity.value.to_integral_value():
        return None
    return int(quantity.value), quantity.measure.value
