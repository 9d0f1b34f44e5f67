"""Computed-field formulas: arithmetic over numeric fields of the same record, parsed without eval.

>>> formula = parse_formula("revenue / orders")
>>> sorted(formula.fields)
['orders', 'revenue']
>>> formula.evaluate({"revenue": 1000, "orders": 8})
Decimal('125')
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, DivisionByZero, InvalidOperation, localcontext
from typing import Any

MAX_DEPTH = 50
_TOKEN = re.compile(r"\s*(?:(\d+(?:\.\d+)?)|([A-Za-z_][A-Za-z0-9_]*)|(\S))")


class FormulaError(ValueError):
    """A formula that cannot be parsed; `position` is the 0-based character offset."""

    def __init__(self, message: str, position: int) -> None:
        super().__init__(message)
        self.message = message
        self.position = position


@dataclass(frozen=True, slots=True)
class NumberLiteral:
    """A constant."""

    value: Decimal


@dataclass(frozen=True, slots=True)
class FieldReference:
    """The value of a field of the same record."""

    field: str


@dataclass(frozen=True, slots=True)
class Negation:
    """-operand."""

    operand: Expression


@dataclass(frozen=True, slots=True)
class BinaryOperation:
    """left (+ - * /) right."""

    operator: str
    left: Expression
    right: Expression


Expression = NumberLiteral | FieldReference | Negation | BinaryOperation


@dataclass(frozen=True, slots=True)
class Formula:
    """A parsed formula."""

    source: str
    expression: Expression

    @property
    def fields(self) -> frozenset[str]:
        """The field ids the formula reads."""
        return frozenset(_fields(self.expression))

    @property
    def divides(self) -> bool:
        """Whether the formula divides by something that may be zero (and so may be empty)."""
        return _divides(self.expression)

    def evaluate(self, values: Mapping[str, Any]) -> Decimal | None:
        """The value for a record; None when an input is empty or a divisor is zero."""
        return _value(self.expression, values)


def parse_formula(source: str) -> Formula:
    """Parse a formula; raise FormulaError with the position of the first mistake."""
    return Formula(source=source, expression=_Parser(source).parse())


class _Empty(Exception):
    pass


class _Parser:
    def __init__(self, source: str) -> None:
        self.tokens: list[tuple[str, str, int]] = []
        for match in _TOKEN.finditer(source):
            number, name, symbol = match.groups()
            if number is None and name is None and symbol is None:
                continue
            kind = "number" if number else "name" if name else "symbol"
            self.tokens.append((kind, number or name or symbol, match.start(match.lastindex or 0)))
        self.tokens.append(("end", "", len(source)))
        self.index = 0

    def parse(self) -> Expression:
        expression = self._sum(0)
        kind, text, position = self.tokens[self.index]
        if kind != "end":
            raise FormulaError(f"unexpected {text!r}", position)
        return expression

    def _next(self) -> tuple[str, str, int]:
        token = self.tokens[self.index]
        self.index += 1
        return token

    def _peek(self) -> str:
        return self.tokens[self.index][1]

    def _sum(self, depth: int) -> Expression:
        expression = self._product(depth)
        while self._peek() in ("+", "-"):
            operator = self._next()[1]
            expression = BinaryOperation(operator, expression, self._product(depth))
        return expression

    def _product(self, depth: int) -> Expression:
        expression = self._factor(depth)
        while self._peek() in ("*", "/"):
            operator = self._next()[1]
            expression = BinaryOperation(operator, expression, self._factor(depth))
        return expression

    def _factor(self, depth: int) -> Expression:
        kind, text, position = self._next()
        if depth > MAX_DEPTH:
            raise FormulaError("nested too deeply", position)
        if kind == "number":
            return NumberLiteral(Decimal(text))
        if kind == "name":
            return FieldReference(text)
        if text == "-":
            return Negation(self._factor(depth + 1))
        if text == "+":
            return self._factor(depth + 1)
        if text == "(":
            expression = self._sum(depth + 1)
            _kind, closing, closing_position = self._next()
            if closing != ")":
                raise FormulaError("missing ')'", closing_position)
            return expression
        raise FormulaError("expected a number, a field or '('" if kind == "end" else f"unexpected {text!r}", position)


def _fields(expression: Expression):
    if isinstance(expression, FieldReference):
        yield expression.field
    elif isinstance(expression, Negation):
        yield from _fields(expression.operand)
    elif isinstance(expression, BinaryOperation):
        yield from _fields(expression.left)
        yield from _fields(expression.right)


def _divides(expression: Expression) -> bool:
    if isinstance(expression, BinaryOperation):
        risky = expression.operator == "/" and not _nonzero_constant(expression.right)
        return risky or _divides(expression.left) or _divides(expression.right)
    return isinstance(expression, Negation) and _divides(expression.operand)


def _nonzero_constant(expression: Expression) -> bool:
    """Whether an expression reads no field and evaluates to a number other than zero."""
    value = _value(expression, {})
    return value is not None and value != 0


def _value(expression: Expression, values: Mapping[str, Any]) -> Decimal | None:
    """The value of an expression; None when an input is empty or a divisor is zero."""
    with localcontext() as context:
        context.prec = 34
        context.traps[DivisionByZero] = True
        context.traps[InvalidOperation] = True
        try:
            return _evaluate(expression, values)
        except (DivisionByZero, InvalidOperation, _Empty):
            return None


def _evaluate(expression: Expression, values: Mapping[str, Any]) -> Decimal:
    if isinstance(expression, NumberLiteral):
        return expression.value
    if isinstance(expression, FieldReference):
        value = values.get(expression.field)
        if value is None or isinstance(value, bool):
            raise _Empty
        return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if isinstance(expression, Negation):
        return -_evaluate(expression.operand, values)
    left, right = _evaluate(expression.left, values), _evaluate(expression.right, values)
    if expression.operator == "+":
        return left + right
    if expression.operator == "-":
        return left - right
    if expression.operator == "*":
        return left * right
    return left / right
