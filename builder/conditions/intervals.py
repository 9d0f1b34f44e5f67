"""Intervals of numbers with exact (Fraction) bounds, and their unions in normal form."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction


@dataclass(frozen=True, slots=True)
class Interval:
    """An interval; a None bound is infinite (and then open)."""

    low: Fraction | None
    high: Fraction | None
    low_closed: bool = False
    high_closed: bool = False

    @property
    def is_empty(self) -> bool:
        """Whether no number lies in the interval."""
        if self.low is None or self.high is None:
            return False
        return self.low > self.high or (self.low == self.high and not (self.low_closed and self.high_closed))

    @property
    def is_point(self) -> bool:
        """Whether the interval holds exactly one number."""
        return self.low is not None and self.low == self.high and self.low_closed and self.high_closed

    def within(self, low_bound: Fraction | None, high_bound: Fraction | None, step: Fraction | None) -> Interval | None:
        """This interval cut to [low_bound, high_bound] and, with a step, to its multiples; None if empty."""
        low, low_closed, high, high_closed = self.low, self.low_closed, self.high, self.high_closed
        if low_bound is not None and (low is None or low_bound > low):
            low, low_closed = low_bound, True
        if high_bound is not None and (high is None or high_bound < high):
            high, high_closed = high_bound, True
        if step is not None and step.numerator > 0:  # a fraction's denominator is positive
            return _on_lattice(low, low_closed, high, high_closed, step)
        if step is not None:
            if low is not None:
                low, low_closed = _first_multiple(low, step, low_closed), True
            if high is not None:
                high, high_closed = _last_multiple(high, step, high_closed), True
        kept = Interval(low, high, low_closed, high_closed)
        return None if kept.is_empty else kept

    def sample(self, step: Fraction | None = None) -> Fraction:
        """A number in the (non-empty) interval, close to a finite bound."""
        low, high = self.low, self.high
        unit = step or Fraction(1)
        if low is not None and self.low_closed:
            return low
        if high is not None and self.high_closed and low is None:
            return high
        if low is None and high is None:
            return Fraction(0)
        if low is None:
            return high - unit
        if high is None:
            return low + unit
        if self.high_closed:
            return high
        return low + unit if step is not None and low + unit < high else (low + high) / 2


@dataclass(frozen=True, slots=True)
class IntervalSet:
    """A union of disjoint, non-touching intervals in increasing order."""

    intervals: tuple[Interval, ...] = ()

    @classmethod
    def of(cls, intervals: Iterable[Interval]) -> IntervalSet:
        """Normalise any intervals into a set (sorted, merged, empties dropped)."""
        items = sorted((i for i in intervals if not i.is_empty), key=_low_key)
        merged: list[Interval] = []
        for item in items:
            if merged and _touches(merged[-1], item):
                merged[-1] = _hull(merged[-1], item)
            else:
                merged.append(item)
        return cls(tuple(merged))

    def joined_on_lattice(self, step: Fraction) -> IntervalSet:
        """Merge closed intervals one step apart: [1, 4] ∪ [5, 5] → [1, 5] for integers."""
        merged: list[Interval] = []
        for interval in self.intervals:
            last = merged[-1] if merged else None
            adjacent = (
                last is not None
                and last.high is not None
                and interval.low is not None
                and last.high_closed
                and interval.low_closed
                and interval.low - last.high == step
            )
            if adjacent:
                merged[-1] = Interval(last.low, interval.high, last.low_closed, interval.high_closed)
            else:
                merged.append(interval)
        return IntervalSet(tuple(merged))


def _low_key(interval: Interval) -> tuple:
    if interval.low is None:
        return (0, Fraction(0), 0)
    return (1, interval.low, 0 if interval.low_closed else 1)


def _touches(left: Interval, right: Interval) -> bool:
    """Whether `right` (starting no earlier) overlaps or adjoins `left`."""
    if left.high is None or right.low is None:
        return True
    if right.low < left.high:
        return True
    return right.low == left.high and (left.high_closed or right.low_closed)


def _hull(left: Interval, right: Interval) -> Interval:
    if left.high is None or right.high is None:
        return Interval(left.low, None, left.low_closed, False)
    if right.high > left.high or (right.high == left.high and right.high_closed):
        return Interval(left.low, right.high, left.low_closed, right.high_closed)
    return left


def _on_lattice(
    low: Fraction | None, low_closed: bool, high: Fraction | None, high_closed: bool, step: Fraction
) -> Interval | None:
    """The multiples of a positive `step` in an interval, as a closed interval; None when there are none."""
    # Counting steps in integers decides emptiness without comparing fractions.
    first = None if low is None else _first_count(low, step, low_closed)
    last = None if high is None else _last_count(high, step, high_closed)
    if first is not None and last is not None and first > last:
        return None
    if first is not None:
        low, low_closed = Fraction(first * step.numerator, step.denominator), True
    if last is not None:
        high, high_closed = Fraction(last * step.numerator, step.denominator), True
    return Interval(low, high, low_closed, high_closed)


def _first_count(bound: Fraction, step: Fraction, closed: bool) -> int:
    """How many steps make the least multiple of `step` at or above `bound` (above it when open)."""
    count, remainder = divmod(bound.numerator * step.denominator, bound.denominator * step.numerator)
    return count + 1 if remainder or not closed else count


def _last_count(bound: Fraction, step: Fraction, closed: bool) -> int:
    """How many steps make the greatest multiple of `step` at or below `bound` (below it when open)."""
    count, remainder = divmod(bound.numerator * step.denominator, bound.denominator * step.numerator)
    return count - 1 if not remainder and not closed else count


def _first_multiple(bound: Fraction, step: Fraction, closed: bool) -> Fraction:
    """The least multiple of `step` at or above `bound` (above it when open); integer arithmetic for speed."""
    return Fraction(_first_count(bound, step, closed) * step.numerator, step.denominator)


def _last_multiple(bound: Fraction, step: Fraction, closed: bool) -> Fraction:
    """The greatest multiple of `step` at or below `bound` (below it when open)."""
    return Fraction(_last_count(bound, step, closed) * step.numerator, step.denominator)
