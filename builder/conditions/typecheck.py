"""Type-check a condition against the fields it references and the named definitions."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, tzinfo

from builder.conditions import literals as lit
from builder.conditions.ast import (
    VALUELESS_OPERATORS,
    ConditionGroup,
    ConditionRule,
    DefinitionReference,
    Operator,
    iter_rules,
)
from builder.conditions.fold import DefinitionLookup
from builder.conditions.operators import ALLOWED_OPERATORS
from builder.messages import expectation
from builder.model.entities import Entity
from builder.pointers import child
from builder.problems import Problem, make_problem

BrokenCheck = Callable[..., bool]

_SCALAR_OPERATORS = frozenset({Operator.EQ, Operator.NE, Operator.LT, Operator.LE, Operator.GT, Operator.GE})
_LIST_OPERATORS = frozenset({Operator.IN, Operator.NOT_IN})
_DURATION_OPERATORS = frozenset({Operator.WITHIN_LAST, Operator.OLDER_THAN})
_TEXT_MATCH_OPERATORS = frozenset({Operator.CONTAINS, Operator.BEGINS_WITH})


def check_condition(
    condition: ConditionGroup,
    entity: Entity,
    definitions: DefinitionLookup,
    timezone: tzinfo = UTC,
    is_broken: BrokenCheck = lambda *name: False,
) -> list[Problem]:
    """Every problem of a condition evaluated on records of `entity`."""
    problems: list[Problem] = []
    for item in iter_rules(condition):
        if isinstance(item, DefinitionReference):
            problems.extend(_check_reference(item, entity, definitions, is_broken))
        elif (problem := _rule_problem(item, entity, timezone, is_broken)) is not None:
            problems.append(problem)
    return problems


def _check_reference(reference: DefinitionReference, entity, definitions, is_broken) -> Iterator[Problem]:
    definition = definitions(reference.definition)
    path = child(reference.path, "definition")
    if definition is None:
        if not is_broken("definition", reference.definition):
            yield make_problem("ref.unknown_definition", path, definition=reference.definition)
    elif definition.entity != entity.id:
        yield make_problem(
            "condition.definition_entity",
            path,
            definition=reference.definition,
            definition_entity=definition.entity,
            entity=entity.id,
        )


def _rule_problem(rule: ConditionRule, entity: Entity, timezone: tzinfo, is_broken: BrokenCheck) -> Problem | None:
    """The problem of one comparison, if it has one."""
    field = entity.field(rule.field)
    if field is None:
        if is_broken("field", entity.id, rule.field):
            return None
        return make_problem("ref.unknown_field", child(rule.path, "field"), field=rule.field, entity=entity.id)
    if rule.operator not in ALLOWED_OPERATORS[lit.value_kind(field)]:  # operator_allowed, inlined: called per rule
        return make_problem(
            "condition.operator_type",
            child(rule.path, "operator"),
            operator=str(rule.operator),
            field=field.id,
            type=str(field.type),
        )
    try:
        convert_value(rule, field, timezone)
    except lit.LiteralError as error:
        params = {"field": field.id, "type": str(field.type), **error.params}
        if "expected" in params:
            params["expected"], params["expected_zh"] = expectation(params["expected"])
        return make_problem(error.code, child(rule.path, "value"), **params)
    return None


def convert_value(rule: ConditionRule, field, timezone: tzinfo = UTC):
    """Convert the literal of a rule for its field; raise LiteralError when it does not fit."""
    operator = rule.operator
    if operator in _SCALAR_OPERATORS:  # the common case first
        return lit.scalar_literal(field, rule.value, timezone)
    if operator in VALUELESS_OPERATORS:
        return None
    if operator in _LIST_OPERATORS:
        return lit.list_literal(field, rule.value, timezone)
    if operator is Operator.BETWEEN:
        return lit.range_literal(field, rule.value, timezone)
    if operator in _DURATION_OPERATORS:
        return lit.duration_literal(field, rule.value)
    if operator in _TEXT_MATCH_OPERATORS and not field.option_ids and rule.value == "":
        raise lit.LiteralError("condition.value_type", expected="nonempty_text")
    return lit.scalar_literal(field, rule.value, timezone)
