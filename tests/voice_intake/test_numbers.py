"""Numbers in requests: Chinese numerals through cn2an, English number words, units, clock times left alone."""

from __future__ import annotations

from decimal import Decimal

import pytest

from voice_intake.drafting.numerals_en import english_numbers_to_digits
from voice_intake.drafting.numerals_zh import chinese_numerals_to_digits
from voice_intake.drafting.quantities import Measure, find_quantities


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("五十万以上", "50万以上"),
        ("超过一百五十万", "超过150万"),
        ("一万五", "15000"),
        ("两周未跟进", "2周未跟进"),
        ("七十二小时", "72小时"),
        ("折扣百分之十以内", "折扣10%以内"),
        ("一个月", "1个月"),
        ("晚上八点", "晚上8点"),
        ("每周一", "每周一"),  # a weekday, not a number
        ("第一季度", "第一季度"),  # an ordinal
        ("唯一的客户", "唯一的客户"),  # words that hold a numeral
        ("一般", "一般"),
        ("万一客户不满意", "万一客户不满意"),
    ],
)
def test_chinese_numerals(text, expected):
    assert chinese_numerals_to_digits(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("fifty thousand", "50000"),
        ("five hundred thousand dollars", "500000 dollars"),
        ("one hundred and fifty thousand", "150000"),
        ("half a million", "500000"),
        ("twenty four hours", "24 hours"),
        ("two weeks", "2 weeks"),
        ("a week", "1 week"),
        ("ten percent", "10 percent"),
        ("each one of them", "each one of them"),
        ("1.5 million", "1.5 million"),
    ],
)
def test_english_number_words(text, expected):
    assert english_numbers_to_digits(text) == expected


@pytest.mark.parametrize(
    ("text", "value", "measure", "currency"),
    [
        ("5万", "50000", Measure.NUMBER, "CNY"),
        ("3.5万元", "35000", Measure.NUMBER, "CNY"),
        ("2000元", "2000", Measure.NUMBER, "CNY"),
        ("$50,000", "50000", Measure.NUMBER, "USD"),
        ("50k", "50000", Measure.NUMBER, None),
        ("1.5 million", "1500000", Measure.NUMBER, None),
        ("10%", "10", Measure.PERCENT, None),
        ("10 percent", "10", Measure.PERCENT, None),
        ("10个点", "10", Measure.PERCENT, None),
        ("72小时", "72", Measure.HOURS, None),
        ("3 days", "3", Measure.DAYS, None),
        ("2周", "2", Measure.WEEKS, None),
        ("1个月", "30", Measure.DAYS, None),
    ],
)
def test_quantities(text, value, measure, currency):
    (quantity,) = find_quantities(text)
    assert quantity.value == Decimal(value)
    assert quantity.measure is measure
    assert quantity.currency == currency


@pytest.mark.parametrize("text", ["早上9点", "at 9 am", "at 10:30", "每月1号", "周1", "第3个"])
def test_clock_times_dates_and_ordinals_are_not_quantities(text):
    assert find_quantities(text) == []
