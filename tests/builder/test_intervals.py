"""Intervals: normal form, cutting to bounds and a step, lattice joins and samples all keep the right numbers."""

from __future__ import annotations

from fractions import Fraction
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from builder.conditions.intervals import Interval, IntervalSet

# Every bound is one of these, so membership is constant between consecutive probes and the
# probes below decide set equality exactly.
BOUNDS = [Fraction(n, 2) for n in range(-4, 9)]
PROBES = sorted({*BOUNDS, *((a + b) / 2 for a, b in pairwise(BOUNDS)), BOUNDS[0] - 1, BOUNDS[-1] + 1})
STEPS = [Fraction(1), Fraction(1, 2), Fraction(1, 3), Fraction(2), Fraction(3, 2)]
EXAMPLES = 120


@st.composite
def intervals(draw) -> Interval:
    low = draw(st.none() | st.sampled_from(BOUNDS))
    high = draw(st.none() | st.sampled_from(BOUNDS))
    low_closed = low is not None and draw(st.booleans())
    high_closed = high is not None and draw(st.booleans())
    return Interval(low, high, low_closed, high_closed)


raw_intervals = st.lists(intervals(), max_size=5)
interval_sets = raw_intervals.map(IntervalSet.of)


def contains(interval: Interval, x: Fraction) -> bool:
    """Whether a number lies in an interval (the definition the code is checked against)."""
    above_low = interval.low is None or x > interval.low or (x == interval.low and interval.low_closed)
    below_high = interval.high is None or x < interval.high or (x == interval.high and interval.high_closed)
    return above_low and below_high


def members(values: IntervalSet, points=PROBES) -> list[bool]:
    return [any(contains(interval, point) for interval in values.intervals) for point in points]


def closed(low: Fraction | None, high: Fraction | None) -> IntervalSet:
    return IntervalSet.of([Interval(low, high, low is not None, high is not None)])


def on_lattice(values: IntervalSet, step: Fraction) -> IntervalSet:
    """The multiples of `step` in a set, each interval closed on its first and last one (as cells are)."""
    kept = (interval.within(None, None, step) for interval in values.intervals)
    return IntervalSet.of(interval for interval in kept if interval is not None)


def assert_normal(values: IntervalSet) -> None:
    """Sorted, disjoint, non-touching, no empty interval, infinite bounds open."""
    for interval in values.intervals:
        assert not interval.is_empty
        assert interval.low is not None or not interval.low_closed
        assert interval.high is not None or not interval.high_closed
    for left, right in pairwise(values.intervals):
        assert left.high is not None
        assert right.low is not None
        assert left.high < right.low or (left.high == right.low and not left.high_closed and not right.low_closed)


def lattice_points(step: Fraction) -> list[Fraction]:
    first, last = (PROBES[0] / step).__floor__(), (PROBES[-1] / step).__ceil__()
    return [k * step for k in range(first, last + 1)]


# Normal form and membership


@settings(max_examples=EXAMPLES, deadline=None)
@given(raw=raw_intervals)
def test_of_keeps_membership_and_gives_normal_form(raw):
    values = IntervalSet.of(raw)
    assert_normal(values)
    assert members(values) == [any(contains(interval, point) for interval in raw) for point in PROBES]


@settings(max_examples=EXAMPLES, deadline=None)
@given(raw=raw_intervals)
def test_normal_form_is_independent_of_input_order(raw):
    assert IntervalSet.of(raw) == IntervalSet.of(reversed(raw))
    assert IntervalSet.of(raw) == IntervalSet.of(raw + raw)


@settings(max_examples=EXAMPLES, deadline=None)
@given(interval=intervals())
def test_empty_and_point_agree_with_membership(interval):
    inside = [point for point in PROBES if contains(interval, point)]
    assert interval.is_empty == (not inside)
    assert interval.is_point == (len(inside) == 1 and interval.low == interval.high)


def test_touching_intervals_merge_and_open_ends_at_the_same_point_do_not():
    assert IntervalSet.of([Interval(0, 1, True, False), Interval(1, 2, True, True)]) == closed(0, 2)
    assert IntervalSet.of([Interval(0, 1, True, True), Interval(1, 2, False, True)]) == closed(0, 2)
    apart = IntervalSet.of([Interval(0, 1, True, False), Interval(1, 2, False, True)])
    assert len(apart.intervals) == 2
    assert members(apart, [1]) == [False]


@settings(max_examples=EXAMPLES, deadline=None)
@given(interval=intervals(), step=st.none() | st.sampled_from(STEPS))
def test_sample_lies_in_the_interval(interval, step):
    if not interval.is_empty:
        assert contains(interval, interval.sample(step))


# Cutting to bounds and a step


@settings(max_examples=EXAMPLES, deadline=None)
@given(
    interval=intervals(),
    low=st.none() | st.sampled_from(BOUNDS),
    high=st.none() | st.sampled_from(BOUNDS),
    step=st.none() | st.sampled_from(STEPS),
)
def test_within_keeps_exactly_the_numbers_inside_the_bounds_on_the_step(interval, low, high, step):
    kept = interval.within(low, high, step)
    for point in lattice_points(step) if step is not None else PROBES:
        expected = contains(interval, point) and (low is None or point >= low) and (high is None or point <= high)
        assert (kept is not None and contains(kept, point)) == expected, point
    if kept is None:
        return
    assert not kept.is_empty
    if step is not None:
        for bound, bound_closed in ((kept.low, kept.low_closed), (kept.high, kept.high_closed)):
            if bound is not None:
                assert bound_closed
                assert (bound / step).denominator == 1
        assert kept.within(None, None, step) == kept


def test_within_examples():
    one, cent = Fraction(1), Fraction(1, 100)
    assert Interval(None, Fraction(10)).within(None, None, one) == Interval(None, 9, False, True)
    assert Interval(Fraction(50000), None).within(None, None, cent) == Interval(Fraction(5000001, 100), None, True)
    assert Interval(Fraction(9), Fraction(10)).within(None, None, one) is None
    assert Interval(Fraction(1, 3), Fraction(7, 3), True, True).within(None, None, one) == Interval(1, 2, True, True)
    assert Interval(None, None).within(Fraction(0), Fraction(5, 2), one) == Interval(0, 2, True, True)
    assert Interval(Fraction(3), None, True).within(None, Fraction(2), None) is None


# Lattices


@settings(max_examples=EXAMPLES, deadline=None)
@given(values=interval_sets, step=st.sampled_from(STEPS))
def test_joined_on_lattice_merges_one_step_neighbours_only(values, step):
    kept = on_lattice(values, step)
    joined = kept.joined_on_lattice(step)
    assert_normal(joined)
    points = lattice_points(step)
    assert members(joined, points) == members(values, points)
    for left, right in pairwise(joined.intervals):
        assert right.low - left.high > step
    # Each joined interval is a run of kept intervals, each next one exactly one step further.
    assert len(joined.intervals) <= len(kept.intervals)
    assert len(kept.intervals) - len(joined.intervals) == sum(
        right.low - left.high == step for left, right in pairwise(kept.intervals)
    )
    assert joined.joined_on_lattice(step) == joined


def test_joined_on_lattice_examples():
    step = Fraction(1)
    pieces = IntervalSet.of([Interval(1, 4, True, True), Interval(5, 5, True, True), Interval(6, 8, True, True)])
    assert pieces.joined_on_lattice(step) == closed(1, 8)
    apart = IntervalSet.of([Interval(1, 4, True, True), Interval(6, 6, True, True)])
    assert apart.joined_on_lattice(step) == apart
    money = Fraction(1, 100)
    below_and_above = IntervalSet.of([Interval(0, Fraction(9999, 100), True, True), Interval(100, None, True)])
    assert below_and_above.joined_on_lattice(money) == closed(0, None)
    # Open ends are not lattice bounds: nothing is merged across them.
    open_ends = IntervalSet.of([Interval(None, 4, False, False), Interval(5, None, True, False)])
    assert open_ends.joined_on_lattice(step) == open_ends
