"""Which operators each kind of field accepts."""

from __future__ import annotations

from builder.conditions import literals as lit
from builder.conditions.ast import Operator as Op

_EQUALITY = {Op.EQ, Op.NE, Op.NULL, Op.NOT_NULL}
_MEMBERSHIP = {Op.IN, Op.NOT_IN}
_ORDER = {Op.LT, Op.LE, Op.GT, Op.GE, Op.BETWEEN}

ALLOWED_OPERATORS: dict[lit.ValueKind, frozenset[Op]] = {
    lit.NUMBER: frozenset(_EQUALITY | _MEMBERSHIP | _ORDER),
    lit.TEXT: frozenset(_EQUALITY | _MEMBERSHIP | {Op.CONTAINS, Op.BEGINS_WITH}),
    lit.BOOLEAN: frozenset(_EQUALITY),
    lit.DATE: frozenset(_EQUALITY | _ORDER | {Op.WITHIN_LAST, Op.OLDER_THAN}),
    lit.DATETIME: frozenset(_EQUALITY | _ORDER | {Op.WITHIN_LAST, Op.OLDER_THAN}),
    lit.OPTION: frozenset(_EQUALITY | _MEMBERSHIP),
    lit.OPTIONS: frozenset({Op.CONTAINS, Op.NULL, Op.NOT_NULL}),
    lit.USER: frozenset(_EQUALITY | _MEMBERSHIP),
    lit.RECORD: frozenset(_EQUALITY | _MEMBERSHIP),
}


def operator_allowed(kind: lit.ValueKind, operator: Op) -> bool:
    """Whether a field of this kind accepts the operator."""
    return operator in ALLOWED_OPERATORS[kind]
