"""Threshold ranges ('5万到50万', 'up to 10 percent') and their repair into a partition of the number line."""

from __future__ import annotations

import re
from decimal import Decimal

from voice_intake.drafting.draft_parts import Bound, Tier
from voice_intake.drafting.quantities import DURATIONS, Quantity
from voice_intake.drafting.texts import Text

EXPLICIT, SPAN_END, CONVENTIONAL = 2, 1, 0
# (pattern before the number, which end it sets, closed, strength)
_ZH_BEFORE = (
    (r"(?:不超过|不高于|最多|至多|小于等于|低于等于|≤|<=)\s*$", "high", True, EXPLICIT),
    (r"(?:低于|小于|少于|不到|不足|<)\s*$", "high", False, EXPLICIT),
    (r"(?:不低于|不少于|至少|大于等于|≥|>=)\s*$", "low", True, EXPLICIT),
    (r"(?:超过|高于|大于|多于|超出|>)\s*$", "low", False, EXPLICIT),
)
_ZH_AFTER = (
    (r"^\s*(?:及以上|或以上|（含）以上|\(含\)以上|以上（含）|以上\(含\)|起)", "low", True, EXPLICIT),
    (r"^\s*以上", "low", True, CONVENTIONAL),
    (r"^\s*(?:及以下|或以下|以内|之内|内)", "high", True, EXPLICIT),
    (r"^\s*以下", "high", True, CONVENTIONAL),
)
_EN_BEFORE = (
    (r"\b(?:up to|at most|no more than|not more than|not exceeding|within|maximum of|max\.?)\s*$", "high", True,
     EXPLICIT),
    (r"\b(?:under|below|less than|lower than|smaller than|fewer than)\s*$", "high", False, EXPLICIT),
    (r"\b(?:at least|minimum of|starting at|starting from|from)\s*$", "low", True, EXPLICIT),
    (r"\b(?:over|above|more than|greater than|exceeding|exceeds?|higher than|beyond|larger than)\s*$", "low", False,
     EXPLICIT),
)  # fmt: skip
_EN_AFTER = (
    (r"^\s*(?:or more|and above|and up|or higher|or above|\+|and over)\b", "low", True, EXPLICIT),
    (r"^\s*(?:or less|and below|or lower|or under|and under)\b", "high", True, EXPLICIT),
)
_ZH_SPAN = re.compile(r"^\s*(?:到|至|-|~|～|—|与|和)\s*$")
_EN_SPAN = re.compile(r"^\s*(?:to|and|-|–|—|through)\s*$", re.IGNORECASE)
_CONTEXT = 8  # characters (zh) / words' worth of text looked at around a number


def clause_range(clause: str, quantities: list[Quantity], language: str) -> tuple[Bound | None, Bound | None] | None:
    """The range a clause states with its numbers; None when it states none."""
    numbers = [quantity for quantity in quantities if quantity.measure not in DURATIONS]
    if len(numbers) >= 2:
        first, second = numbers[0], numbers[1]
        between = clause[first.end : second.start]
        if (_ZH_SPAN if language == "zh" else _EN_SPAN).match(between) and first.value <= second.value:
            return Bound(first.value, True, SPAN_END), Bound(second.value, True, SPAN_END)
    for quantity in numbers:
        bound = _one_sided(clause, quantity, language)
        if bound is not None:
            return bound
    return None


def _one_sided(clause: str, quantity: Quantity, language: str) -> tuple[Bound | None, Bound | None] | None:
    width = _CONTEXT if language == "zh" else 4 * _CONTEXT
    before = clause[max(0, quantity.start - width) : quantity.start]
    after = clause[quantity.end : quantity.end + width]
    flags = 0 if language == "zh" else re.IGNORECASE
    tables = (
        ((_ZH_BEFORE, before), (_ZH_AFTER, after)) if language == "zh" else ((_EN_BEFORE, before), (_EN_AFTER, after))
    )
    for table, context in tables:
        for pattern, end, closed, strength in table:
            if re.search(pattern, context, flags):
                bound = Bound(quantity.value, closed, strength)
                return (bound, None) if end == "low" else (None, bound)
    return None


def partition(ranged: list[Tier], filler: list | None, notes: list[Text]) -> list[Tier]:
    """The tiers in order, overlapping nowhere and covering every value; `notes` says what was assumed.

    Tiers are swept from the lowest: each starts where the one before ends. A value two tiers both claim
    goes to the one that claims it more explicitly (the higher one on a tie); a stretch nobody mentioned
    goes to the tier above it; what lies below or above every tier is an assumed tier of its own.
    """
    tiers = sorted((tier for tier in ranged if not _empty(tier.low, tier.high)), key=_order)
    merged: list[Tier] = []
    for index, tier in enumerate(tiers):
        following = tiers[index + 1] if index + 1 < len(tiers) else None
        start = tier.low if not merged else _start_after(merged[-1], tier, notes)
        end = tier.high
        if end is None and following is not None and following.low is not None:
            end = Bound(following.low.value, not following.low.closed, CONVENTIONAL)  # a higher range follows
        if (merged and merged[-1].high is None) or _empty(start, end):
            notes.append(
                Text.both("有一档范围与其他档重复，已忽略。", "A range repeated another one and was left out.")
            )
            continue
        tier.low, tier.high = start, end
        merged.append(tier)
    said_otherwise = filler is not None  # '其余自动通过', 'otherwise the manager approves'
    if not merged:
        return [Tier(None, None, list(filler or []), assumed=not said_otherwise)]
    first, last = merged[0], merged[-1]
    if first.low is not None:
        below = Bound(first.low.value, not first.low.closed, CONVENTIONAL)
        merged.insert(0, Tier(None, below, list(filler or []), assumed=not said_otherwise))
        if not said_otherwise:
            notes.append(_assumed_note(below, "below", filler))
    if last.high is not None:
        steps = list(filler) if said_otherwise else list(last.steps)
        above = Bound(last.high.value, not last.high.closed, CONVENTIONAL)
        merged.append(Tier(above, None, steps, assumed=not said_otherwise))
        if not said_otherwise:
            notes.append(_assumed_note(above, "above", steps))
    return merged


def _start_after(previous: Tier, tier: Tier, notes: list[Text]) -> Bound | None:
    """Where `tier` starts so that it follows `previous` without overlap or gap (None: `previous` covers all)."""
    covered, low = previous.high, tier.low
    if covered is None:
        return None
    after = Bound(covered.value, not covered.closed, CONVENTIONAL)
    if low is None or low.value < covered.value:
        return after  # the ranges overlap: the lower one keeps what it said
    if low.value > covered.value:
        notes.append(
            Text.both(
                f"{_number(covered.value)} 到 {_number(low.value)} 之间没有说明，按较高一档处理。",
                f"Nothing was said between {_number(covered.value)} and {_number(low.value)}: "
                "the higher range's approval applies.",
            )
        )
        return after
    if low.closed != covered.closed:
        return low  # one takes the shared value, the other leaves it: they meet exactly
    if not low.closed:
        notes.append(
            Text.both(
                f"正好 {_number(low.value)} 的情况没有说明，按较高一档处理。",
                f"Exactly {_number(low.value)} was not covered: the higher range takes it.",
            )
        )
        return Bound(low.value, True, low.strength)
    if low.strength >= covered.strength and not _empty(previous.low, Bound(covered.value, False, covered.strength)):
        previous.high = Bound(covered.value, False, covered.strength)  # both said it: the more explicit one keeps it
        return low
    return after


def _empty(low: Bound | None, high: Bound | None) -> bool:
    if low is None or high is None:
        return False
    return low.value > high.value or (low.value == high.value and not (low.closed and high.closed))


def _order(tier: Tier) -> tuple:
    """Lowest start first (closed before open at one value), then the narrower range."""
    low = (0, Decimal(0), 0) if tier.low is None else (1, tier.low.value, 0 if tier.low.closed else 1)
    high = (1, Decimal(0), 0) if tier.high is None else (0, tier.high.value, 1 if tier.high.closed else 0)
    return low, high


def _assumed_note(bound: Bound, side: str, steps: list | None) -> Text:
    rule = "自动通过" if not steps else "同一档审批"
    rule_en = "approved automatically" if not steps else "given the same approval"
    sign = ("<=" if bound.closed else "<") if side == "below" else (">=" if bound.closed else ">")
    return Text.both(
        f"未说明 {sign} {_number(bound.value)} 的情况，按{rule}处理。",
        f"Values {sign} {_number(bound.value)} were not mentioned: {rule_en}.",
    )


def _number(value: Decimal) -> str:
    return f"{value:,}" if value == value.to_integral_value() else str(value)
