"""The condition language's type checks: operators per field kind, values, ranges, and where problems are reported."""

from __future__ import annotations

from datetime import UTC

import pytest

from builder.conditions.ast import Operator
from builder.conditions.literals import value_kind
from builder.conditions.operators import ALLOWED_OPERATORS
from builder.conditions.parse import MAX_NESTING, ConditionTooDeep, parse_condition
from builder.conditions.typecheck import check_condition
from tests.support.condition_entities import (
    DEAL,
    DEFINITIONS,
    SHANGHAI,
)
from tests.support.condition_strategies import (
    group,
    rule,
)
from tests.support.definitions import nested_condition


def problems_of(condition: dict, entity=DEAL, timezone=UTC) -> list[tuple[str, str]]:
    found = check_condition(parse_condition(condition, "/c"), entity, DEFINITIONS, timezone)
    return [(problem.code, problem.path) for problem in found]


REPRESENTATIVES = ("amount", "name", "vip", "closed_on", "follow_up", "stage", "tags", "rep", "account")


@pytest.mark.parametrize("field_id", REPRESENTATIVES)
def test_every_operator_a_kind_does_not_accept_is_refused(field_id):
    accepted = ALLOWED_OPERATORS[value_kind(DEAL.field(field_id))]
    refused = [operator for operator in Operator if operator not in accepted]
    assert refused
    for operator in refused:
        assert problems_of(group(rule(field_id, str(operator), 1))) == [
            ("condition.operator_type", "/c/rules/0/operator")
        ], operator


@pytest.mark.parametrize(
    ("field_id", "operator", "value"),
    [
        ("amount", "withinLast", {"amount": 1, "unit": "days"}),
        ("name", "between", ["a", "b"]),
        ("tags", "in", ["hot"]),
        ("closed_on", "in", ["2024-03-01"]),
        ("owner", "contains", "a"),
        ("workflow_state", "<", "draft"),
        ("created_at", "contains", "2024"),
    ],
)
def test_operator_refused_even_with_a_fitting_value(field_id, operator, value):
    assert problems_of(group(rule(field_id, operator, value))) == [("condition.operator_type", "/c/rules/0/operator")]


@pytest.mark.parametrize(
    ("field_id", "operator", "value"),
    [
        ("amount", "=", "5"),
        ("amount", "=", True),
        ("amount", "=", None),
        ("amount", ">", float("nan")),
        ("amount", "in", []),
        ("amount", "in", 5),
        ("amount", "in", [1, "2"]),
        ("amount", "between", [1]),
        ("amount", "between", [1, 2, 3]),
        ("amount", "between", 1),
        ("name", "=", 5),
        ("name", "contains", ""),
        ("vip", "=", "true"),
        ("vip", "=", 1),
        ("closed_on", "=", "2024-13-01"),
        ("closed_on", "=", "1 March"),
        ("closed_on", "withinLast", {"amount": 0, "unit": "days"}),
        ("closed_on", "withinLast", {"amount": 1, "unit": "months"}),
        ("closed_on", "withinLast", {"amount": 1.5, "unit": "days"}),
        ("closed_on", "withinLast", {"amount": 1}),
        ("closed_on", "withinLast", 3),
        ("follow_up", "=", "yesterday"),
        ("stage", "=", 1),
        ("tags", "contains", 3),
        ("rep", "=", "not a user!"),
        ("account", "=", 0),
        ("account", "=", "7"),
        ("account", "in", [1, True]),
    ],
)
def test_value_of_the_wrong_type(field_id, operator, value):
    assert problems_of(group(rule(field_id, operator, value))) == [("condition.value_type", "/c/rules/0/value")]


def test_too_long_literals():
    assert problems_of(group(rule("name", "=", "x" * 1001))) == [("condition.value_too_long", "/c/rules/0/value")]
    assert problems_of(group(rule("amount", "in", list(range(1001))))) == [
        ("condition.value_too_long", "/c/rules/0/value")
    ]
    assert problems_of(group(rule("name", "=", "x" * 1000), rule("amount", "in", list(range(1000))))) == []


def test_unknown_field_option_and_definition():
    condition = group(
        rule("missing", "=", 1),
        rule("stage", "=", "archived"),
        rule("stage", "in", ["open", "archived"]),
        rule("tags", "contains", "warm"),
        {"definition": "nowhere"},
        {"definition": "top_tier"},
    )
    assert problems_of(condition) == [
        ("ref.unknown_field", "/c/rules/0/field"),
        ("ref.unknown_option", "/c/rules/1/value"),
        ("ref.unknown_option", "/c/rules/2/value"),
        ("ref.unknown_option", "/c/rules/3/value"),
        ("ref.unknown_definition", "/c/rules/4/definition"),
        ("condition.definition_entity", "/c/rules/5/definition"),
    ]
    problem = check_condition(parse_condition(group(rule("stage", "=", "archived")), ""), DEAL, DEFINITIONS)[0]
    assert problem.details["option"] == "archived"
    assert "'archived' is not an option of field 'stage'" in problem.message_en


@pytest.mark.parametrize(
    ("field_id", "low", "high"),
    [("amount", 5, 1), ("amount", 0.2, 0.1), ("closed_on", "2024-03-31", "2024-03-01")],
)
def test_reversed_ranges(field_id, low, high):
    found = check_condition(parse_condition(group(rule(field_id, "between", [low, high])), ""), DEAL, DEFINITIONS)
    assert [(problem.code, problem.path) for problem in found] == [("condition.invalid_range", "/rules/0/value")]
    assert (found[0].details["low"], found[0].details["high"]) == (low, high)


def test_datetime_range_compares_instants_across_zones():
    # 09:00 in Shanghai is before 02:00 UTC the same day.
    assert problems_of(group(rule("follow_up", "between", ["2024-03-01T09:00+08:00", "2024-03-01T02:00Z"]))) == []
    assert problems_of(
        group(rule("follow_up", "between", ["2024-03-01T09:00", "2024-03-01T02:00Z"])), timezone=UTC
    ) == [("condition.invalid_range", "/c/rules/0/value")]
    # Naive 09:00 in Shanghai is 01:00 UTC: in order.
    assert (
        problems_of(group(rule("follow_up", "between", ["2024-03-01T09:00", "2024-03-01T02:00Z"])), timezone=SHANGHAI)
        == []
    )


def test_hours_are_refused_for_date_fields_only():
    hours = {"amount": 3, "unit": "hours"}
    assert problems_of(group(rule("closed_on", "withinLast", hours))) == [
        ("condition.duration_unit", "/c/rules/0/value")
    ]
    assert problems_of(group(rule("follow_up", "olderThan", hours))) == []


def test_well_typed_conditions_have_no_problems():
    condition = group(
        rule("amount", "between", [0, 0.5]),
        rule("stage", "notIn", ["lost"]),
        rule("tags", "contains", "hot"),
        rule("vip", "null", "ignored"),
        group(rule("closed_on", "olderThan", {"amount": 2, "unit": "weeks"}), {"definition": "big"}, negated=True),
        rule("created_at", "withinLast", {"amount": 6, "unit": "hours"}),
        rule("workflow_state", "=", "approved"),
        combinator="or",
    )
    assert problems_of(condition) == []


def test_every_problem_is_reported_with_its_nested_path():
    condition = group(
        rule("amount", ">", 5),
        group(rule("vip", ">", True), group(rule("stage", "=", "x"), negated=True)),
        rule("nothing", "null"),
    )
    assert problems_of(condition) == [
        ("condition.operator_type", "/c/rules/1/rules/0/operator"),
        ("ref.unknown_option", "/c/rules/1/rules/1/rules/0/value"),
        ("ref.unknown_field", "/c/rules/2/field"),
    ]


def test_parse_skips_malformed_items_and_limits_nesting():
    parsed = parse_condition(group(rule("amount", ">", 1), {"field": "amount"}, {"operator": "="}, "junk", 3), "")
    assert [item.path for item in parsed.rules] == ["/rules/0"]
    assert parse_condition(rule("amount", ">", 1), "") is None
    assert parse_condition(nested_condition(MAX_NESTING), "") is not None
    with pytest.raises(ConditionTooDeep):
        parse_condition(nested_condition(MAX_NESTING + 1), "")
