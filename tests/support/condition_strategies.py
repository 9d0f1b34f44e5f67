"""Building blocks for condition tests: small entities, JSON conditions and hypothesis strategies for them."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from hypothesis import strategies as st

from builder.conditions.parse import parse_condition
from builder.model import ChoiceOption, Entity, Field, FieldType, Label, SemanticDefinition

Json = dict[str, Any]


# Model objects


def make_field(field_id: str, field_type: str, **extra: Any) -> Field:
    """A field with a plain label; `options` may be given as option ids."""
    options = tuple(ChoiceOption(id=option, label=Label(option)) for option in extra.pop("options", ()))
    return Field(id=field_id, type=FieldType(field_type), label=Label(field_id), options=options, **extra)


def make_entity(entity_id: str, *fields: Field) -> Entity:
    """An entity with the given fields."""
    return Entity(id=entity_id, label=Label(entity_id), fields=tuple(fields))


def make_definition(definition_id: str, entity_id: str, condition: Json) -> SemanticDefinition:
    """A named semantic definition."""
    return SemanticDefinition(
        id=definition_id, label=Label(definition_id), entity=entity_id, condition=parse_condition(condition, "")
    )


def lookup(*definitions: SemanticDefinition) -> Callable[[str], SemanticDefinition | None]:
    """A definition lookup over the given definitions."""
    by_id = {definition.id: definition for definition in definitions}
    return by_id.get


# JSON conditions


def rule(field_id: str, operator: str, value: Any = None) -> Json:
    """One comparison; the value is left out for null/notNull."""
    raw: Json = {"field": field_id, "operator": operator}
    if operator not in ("null", "notNull"):
        raw["value"] = value
    return raw


def group(*rules: Json, combinator: str = "and", negated: bool = False) -> Json:
    """A group of rules, negated with "not": true when asked."""
    raw: Json = {"combinator": combinator, "rules": list(rules)}
    if negated:
        raw["not"] = True
    return raw


def as_group(condition: Json) -> Json:
    """The condition itself when it is a group, else a one-rule group around it."""
    return condition if "rules" in condition else group(condition)


# Strategies

COMPARISONS = ("=", "!=", "<", "<=", ">", ">=")
NUMERIC_OPERATORS = (*COMPARISONS, "in", "notIn", "between", "null", "notNull")
# JSON numbers a definition may hold: whole numbers and decimals (as floats), including ones like 0.1
# that binary floating point cannot hold exactly.
NUMERIC_CONSTANTS = (-3, -1, 0, 0.1, 0.2, 0.3, 0.5, 1, 1.5, 2, 2.25, 3, 10, 99.99, 100)


def numeric_rules(field_id: str, constants: Sequence[Any] = NUMERIC_CONSTANTS) -> st.SearchStrategy[Json]:
    """Any numeric comparison of `field_id` with the constants (between ranges ordered)."""
    constant = st.sampled_from(constants)

    def build(operator: str, values: list[Any]) -> Json:
        if operator in COMPARISONS:
            return rule(field_id, operator, values[0])
        if operator in ("in", "notIn"):
            return rule(field_id, operator, values)
        if operator == "between":
            return rule(field_id, operator, sorted((values[0], values[-1])))
        return rule(field_id, operator)

    return st.builds(build, st.sampled_from(NUMERIC_OPERATORS), st.lists(constant, min_size=1, max_size=4))


def nested_conditions(leaves: st.SearchStrategy[Json], max_leaves: int = 8) -> st.SearchStrategy[Json]:
    """Random nesting of and/or groups, some negated, around the leaves; always a group at the top."""

    def groups(children: st.SearchStrategy[Json]) -> st.SearchStrategy[Json]:
        return st.builds(
            lambda combinator, items, negated: group(*items, combinator=combinator, negated=negated),
            st.sampled_from(("and", "or")),
            st.lists(children, max_size=4),
            st.booleans(),
        )

    return st.recursive(leaves, groups, max_leaves=max_leaves).map(as_group)
