"""Threshold ranges: read from words, then repaired into tiers that take every value exactly once."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from voice_intake.drafting.draft_parts import ApprovalStep, Bound, Tier
from voice_intake.drafting.numerals_zh import chinese_numerals_to_digits
from voice_intake.drafting.quantities import find_quantities
from voice_intake.drafting.thresholds import EXPLICIT, clause_range, partition


def _range(text: str, language: str) -> tuple[str, str]:
    if language == "zh":
        text = chinese_numerals_to_digits(text)
    low, high = clause_range(text, find_quantities(text), language)
    shown_low = "" if low is None else (">=" if low.closed else ">") + str(low.value)
    shown_high = "" if high is None else ("<=" if high.closed else "<") + str(high.value)
    return shown_low, shown_high


def test_ranges_in_chinese():
    assert _range("5万以下自动签署", "zh") == ("", "<=50000")  # 以下: the shared end is settled later
    assert _range("5万到50万直属经理审批", "zh") == (">=50000", "<=500000")
    assert _range("超过一百万需要总监审批", "zh") == (">1000000", "")
    assert _range("折扣率10%以内自动通过", "zh") == ("", "<=10")
    assert _range("低于2000元", "zh") == ("", "<2000")
    assert _range("5000元及以上需要会签", "zh") == (">=5000", "")


def test_ranges_in_english():
    assert _range("discounts up to 10 percent", "en") == ("", "<=10")
    assert _range("between 10 and 20 percent", "en") == (">=10", "<=20")
    assert _range("under $50,000", "en") == ("", "<50000")
    assert _range("over 500000", "en") == (">500000", "")
    assert _range("5000 or more", "en") == (">=5000", "")


def test_a_clause_without_a_threshold_has_no_range():
    assert clause_range("经理审批后总监审批", [], "zh") is None


def _holds(tier: Tier, value: Decimal) -> bool:
    low_ok = tier.low is None or value > tier.low.value or (tier.low.closed and value == tier.low.value)
    high_ok = tier.high is None or value < tier.high.value or (tier.high.closed and value == tier.high.value)
    return low_ok and high_ok


def test_the_contract_example_is_split_as_the_validator_expects():
    tiers = partition(
        [
            Tier(None, Bound(Decimal(50000), True, 0), []),
            Tier(Bound(Decimal(50000), True, 1), Bound(Decimal(500000), True, 1), ["manager"]),
            Tier(Bound(Decimal(500000), True, 0), None, ["manager", "director"]),
        ],
        None,
        [],
    )
    assert [(t.low and (t.low.value, t.low.closed), t.high and (t.high.value, t.high.closed)) for t in tiers] == [
        (None, (50000, False)),
        ((50000, True), (500000, True)),
        ((500000, False), None),
    ]


def test_what_was_not_said_is_assumed_and_noted():
    notes: list = []
    tiers = partition([Tier(Bound(Decimal(100), False, EXPLICIT), None, [ApprovalStep(())])], None, notes)
    assert len(tiers) == 2
    assert tiers[0].assumed and tiers[0].steps == []  # below the only threshold: approved automatically
    assert notes


_bounds = st.builds(
    Bound,
    st.integers(min_value=0, max_value=20).map(Decimal),
    st.booleans(),
    st.integers(min_value=0, max_value=2),
)


@st.composite
def _tiers(draw):
    count = draw(st.integers(min_value=1, max_value=4))
    tiers = []
    for _ in range(count):
        low, high = draw(st.one_of(st.none(), _bounds)), draw(st.one_of(st.none(), _bounds))
        if low is not None and high is not None and low.value > high.value:
            low, high = high, low
        if low is None and high is None:
            high = draw(_bounds)
        tiers.append(Tier(low, high, []))
    return tiers


@given(_tiers())
def test_every_value_falls_in_exactly_one_tier(tiers):
    repaired = partition(tiers, None, [])
    for tenth in range(-10, 230):
        value = Decimal(tenth) / 10
        assert sum(_holds(tier, value) for tier in repaired) == 1, (value, repaired)
