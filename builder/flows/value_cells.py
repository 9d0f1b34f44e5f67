"""The values one field takes in a branch, cut into cells on which every comparison is constant."""

# A numeric field compared with the points p0 < p1 < … < pn-1 has the cells
# (-∞, p0), [p0], (p0, p1), [p1], …, [pn-1], (pn-1, ∞), at positions 0, 1, …, 2n, then "empty"
# when the field is optional. Some cells hold no value once the field's min/max and step (1 for
# integers, 0.01 for money) apply: (9, 10) holds no integer. Masks are computed on all positions
# and a cell's exact range is worked out only when needed (a report, the approval-level order).
# Choice, boolean, text, user and ref fields have one cell per value named plus "another value".

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Context, Decimal
from fractions import Fraction
from functools import cached_property
from typing import Any

from builder.conditions import literals as lit
from builder.conditions.ast import ORDER_OPERATORS, ConditionRule, Operator
from builder.conditions.intervals import Interval
from builder.exact_numbers import exact
from builder.model.fields import Field

_HOLDS_FOR_NULL = frozenset({Operator.NE, Operator.NOT_IN, Operator.NULL})
_POINT_OPERATORS = frozenset({Operator.IN, Operator.NOT_IN, Operator.EQ, Operator.NE})
_LIST_OPERATORS = frozenset({Operator.IN, Operator.NOT_IN})
_POSITIVE_OPERATORS = frozenset({Operator.IN, Operator.EQ})
_BELOW_INCLUSIVE = frozenset({Operator.LE, Operator.GT})  # "x <= v" and "x > v" split after v's point
_UPPER_BOUNDED = frozenset({Operator.LT, Operator.LE})
_EXACT = Context(prec=80)  # enough digits for every sum, midpoint and quotient of JSON numbers here


class NotAnalysable(Exception):
    """The conditions are not well-formed (reported by the type checks), so nothing is analysed."""


@dataclass(frozen=True, slots=True)
class Cell:
    """One cell: a value standing for it, its range (numeric cells) and how to show it."""

    value: Any
    segment: Interval | None = None
    text: str = ""


class Dimension:
    """A field the branch conditions compare, with its cells."""

    field: Field
    size: int
    null_index: int | None
    numeric: bool = False

    def cell(self, position: int) -> Cell | None:
        """The cell at a position, or None when it holds no value."""
        raise NotImplementedError

    def rule_mask(self, rule: ConditionRule) -> int:
        """The positions where a comparison on this field holds, as a bit mask."""
        raise NotImplementedError

    def holds_value(self, position: int) -> bool:
        """Whether the cell at a position holds a value."""
        return self.cell(position) is not None

    def value_extent(self, mask: int) -> tuple[int, int] | None:
        """The lowest and highest positions of `mask` whose cells hold a value; None if none does."""
        positions = list(_positions(mask))
        low = next((p for p in positions if self.holds_value(p)), None)
        if low is None:
            return None
        return low, next(p for p in reversed(positions) if self.holds_value(p))

    def _null_bit(self) -> int:
        return 0 if self.null_index is None else 1 << self.null_index


class NumericDimension(Dimension):
    """A numeric field: points, the open ranges between them, and "empty" when optional."""

    numeric = True

    def __init__(
        self, field: Field, points: list[Decimal], nullable: bool, literals: dict[Any, Decimal] | None = None
    ) -> None:
        self.field = field
        self.points = points
        self._point_index = {point: index for index, point in enumerate(points)}
        # The literals of the conditions (as written) with their point, so each is converted once.
        known = literals or {}
        self._literal_index = {(type(value), value): self._point_index[known[value]] for value in known}
        self._exact_points: list[Fraction] | None = None
        self.numbers = (1 << (2 * len(points) + 1)) - 1
        self.null_index = 2 * len(points) + 1 if nullable else None
        self.size = 2 * len(points) + 1 + (1 if nullable else 0)
        self._segments: dict[int, Interval | None] = {}

    @cached_property
    def step(self) -> Fraction | None:
        """The spacing of the field's values (worked out only when a cell's range is needed)."""
        return self.field.step

    @cached_property
    def _bounds(self) -> tuple[Fraction | None, Fraction | None]:
        """The field's smallest and largest allowed values (worked out only when needed, like `step`)."""
        return self.field.lower_bound, self.field.upper_bound

    def cell(self, position: int) -> Cell | None:
        if position == self.null_index:
            return Cell(None, text=f"{self.field.id} = null")
        segment = self._segment(position)
        return None if segment is None else Cell(to_decimal(segment.sample(self.step)), segment=segment)

    def holds_value(self, position: int) -> bool:
        return position == self.null_index or self._segment(position) is not None

    def _segment(self, position: int) -> Interval | None:
        """The values of a number cell within the field's bounds and step; None when there are none."""
        if position not in self._segments:
            self._segments[position] = self._make_segment(position)
        return self._segments[position]

    def _make_segment(self, position: int) -> Interval | None:
        if self._exact_points is None:  # worked out only when a cell's range is needed
            self._exact_points = [exact(point) for point in self.points]
        index, is_point = divmod(position, 2)
        if is_point:
            point = self._exact_points[index]
            interval = Interval(point, point, True, True)
        else:
            low = self._exact_points[index - 1] if index > 0 else None
            high = self._exact_points[index] if index < len(self.points) else None
            interval = Interval(low, high)
        return interval.within(*self._bounds, self.step)

    def rule_mask(self, rule: ConditionRule) -> int:
        operator = rule.operator
        try:
            if operator in ORDER_OPERATORS:  # the common case first
                below = self._below(rule.value, inclusive=operator in _BELOW_INCLUSIVE)
                return below if operator in _UPPER_BOUNDED else self.numbers & ~below
            if operator in _POINT_OPERATORS:
                listed = rule.value if operator in _LIST_OPERATORS else [rule.value]
                points = 0
                for value in listed:
                    points |= 1 << (2 * self._index(value) + 1)
                return points if operator in _POSITIVE_OPERATORS else (self.numbers & ~points) | self._null_bit()
        except (lit.LiteralError, TypeError, ValueError):
            raise NotAnalysable(rule.field) from None
        if operator is Operator.NULL:
            return self._null_bit()
        if operator is Operator.NOT_NULL:
            return self.numbers
        if operator is not Operator.BETWEEN:
            raise NotAnalysable(rule.field)
        try:
            low, high = rule.value
            return self._below(high, inclusive=True) & ~self._below(low, inclusive=False)
        except (lit.LiteralError, TypeError, ValueError):
            raise NotAnalysable(rule.field) from None

    def _index(self, value: Any) -> int:
        index = self._literal_index.get((type(value), value))
        if index is None:
            index = self._point_index.get(Decimal(lit.to_number(value)))
        if index is None:
            raise NotAnalysable(self.field.id)
        return index

    def _below(self, value: Any, *, inclusive: bool) -> int:
        """Positions of the values < value (or <= value)."""
        index = self._literal_index.get((type(value), value))  # a literal of the conditions, as a rule: no call
        if index is None:
            index = self._index(value)
        return (1 << (2 * index + (2 if inclusive else 1))) - 1


class FiniteDimension(Dimension):
    """A field with a few values to tell apart: each named value, another value, and empty."""

    def __init__(self, field: Field, cells: list[Cell], nullable: bool) -> None:
        self.field = field
        self.null_index = len(cells) if nullable else None
        self.cells = [*cells, Cell(None, text=f"{field.id} = null")] if nullable else cells
        self.size = len(self.cells)

    def cell(self, position: int) -> Cell | None:
        return self.cells[position]

    def rule_mask(self, rule: ConditionRule) -> int:
        if rule.operator is Operator.NULL:
            return self._null_bit()
        test = _value_test(rule)
        mask = 0
        for position, cell in enumerate(self.cells):
            if cell.value is not None and test(cell.value):
                mask |= 1 << position
        return mask | (self._null_bit() if rule.operator in _HOLDS_FOR_NULL else 0)


def _positions(mask: int):
    """The set bits of a mask, lowest first."""
    while mask:
        lowest = mask & -mask
        yield lowest.bit_length() - 1
        mask ^= lowest


def named_value_cells(field_id: str, constants: set, kind: lit.ValueKind) -> list[Cell]:
    """One cell per value named, plus one for every other value."""
    named = sorted(value for value in constants if not isinstance(value, bool))
    cells = [Cell(value, text=f"{field_id} = {value}") for value in named]
    if kind is lit.RECORD:
        other: Any = max([0, *named]) + 1
    else:
        other = next(f"other{index}" for index in itertools.count() if f"other{index}" not in constants)
    shown = ", ".join(str(value) for value in named)
    cells.append(Cell(other, text=f"{field_id} ∉ {{{shown}}}" if named else f"{field_id} = *"))
    return cells


def _value_test(rule: ConditionRule) -> Callable[[Any], bool]:
    """The comparison of a rule on one non-empty value of a choice, boolean, text, user or ref field."""
    operator, value = rule.operator, rule.value
    if operator in (Operator.IN, Operator.NOT_IN):
        if not isinstance(value, list):
            raise NotAnalysable(rule.field)
        members = list(value)
        return (lambda x: x in members) if operator is Operator.IN else (lambda x: x not in members)
    tests = {
        Operator.EQ: lambda x: x == value and type(x) is type(value),
        Operator.NE: lambda x: not (x == value and type(x) is type(value)),
        Operator.NOT_NULL: lambda x: True,
    }
    if operator not in tests:
        raise NotAnalysable(rule.field)
    return tests[operator]


def to_decimal(value: Fraction) -> Decimal:
    """The exact decimal of a fraction whose denominator has only the factors 2 and 5."""
    return _EXACT.divide(Decimal(value.numerator), Decimal(value.denominator))
