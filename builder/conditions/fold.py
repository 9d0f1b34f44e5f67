"""Fold a condition into a value of any boolean algebra: bit masks of branch cells, SQL expressions…

>>> from builder.conditions.parse import parse_condition
>>> condition = parse_condition({"combinator": "or", "rules": [
...     {"field": "a", "operator": "=", "value": 1}, {"field": "b", "operator": "=", "value": 2}]}, "")
>>> SETS = Algebra(everything=frozenset("ab"), nothing=frozenset(), meet=frozenset.__and__,
...                join=frozenset.__or__, complement=lambda part: frozenset("ab") - part)
>>> sorted(fold_condition(condition, lambda rule: frozenset(rule.field), SETS, lambda _: None))
['a', 'b']
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Generic, TypeVar

from builder.conditions.ast import (
    Combinator,
    Condition,
    ConditionGroup,
    ConditionRule,
    DefinitionReference,
)
from builder.model.app import SemanticDefinition

T = TypeVar("T")
DefinitionLookup = Callable[[str], SemanticDefinition | None]


class UnresolvedDefinition(LookupError):
    """A definition reference that names nothing, has no condition, or leads back to itself."""


@dataclass(frozen=True, slots=True)
class Algebra(Generic[T]):
    """What 'and', 'or' and 'not' mean for the values a condition folds into."""

    everything: T
    nothing: T
    meet: Callable[[T, T], T]
    join: Callable[[T, T], T]
    complement: Callable[[T], T]


def fold_condition(
    condition: Condition, leaf: Callable[[ConditionRule], T], algebra: Algebra[T], definitions: DefinitionLookup
) -> T:
    """Combine `leaf(rule)` of every comparison as the groups say, definitions inlined."""
    return _fold(condition, leaf, algebra, definitions, ())


def _fold(condition, leaf, algebra: Algebra[T], definitions: DefinitionLookup, using: tuple[str, ...]) -> T:
    if isinstance(condition, ConditionRule):  # most items are comparisons
        return leaf(condition)
    if isinstance(condition, DefinitionReference):
        definition = _resolve(condition, definitions, using)
        return _fold(definition.condition, leaf, algebra, definitions, (*using, condition.definition))
    if isinstance(condition, ConditionGroup):
        if condition.combinator is Combinator.AND:
            value, combine = algebra.everything, algebra.meet
        else:
            value, combine = algebra.nothing, algebra.join
        for item in condition.rules:  # a comparison goes straight to `leaf`, sparing a call
            item_value = leaf(item) if type(item) is ConditionRule else _fold(item, leaf, algebra, definitions, using)
            value = combine(value, item_value)
        return algebra.complement(value) if condition.negated else value
    return leaf(condition)


def expanded_rules(condition: Condition, definitions: DefinitionLookup) -> Iterator[ConditionRule]:
    """Every comparison of a condition, those of the definitions it uses included."""
    return _expanded(condition, definitions, ())


def _expanded(condition: Condition, definitions: DefinitionLookup, using: tuple[str, ...]):
    if isinstance(condition, DefinitionReference):
        definition = _resolve(condition, definitions, using)
        yield from _expanded(definition.condition, definitions, (*using, condition.definition))
    elif isinstance(condition, ConditionGroup):
        for item in condition.rules:
            if type(item) is ConditionRule:  # yielded here, sparing a generator each
                yield item
            else:
                yield from _expanded(item, definitions, using)
    else:
        yield condition


def _resolve(reference: DefinitionReference, definitions: DefinitionLookup, using: tuple[str, ...]):
    definition = definitions(reference.definition)
    if definition is None or definition.condition is None or reference.definition in using:
        raise UnresolvedDefinition(reference.definition)
    return definition
