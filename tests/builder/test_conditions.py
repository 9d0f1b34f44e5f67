"""The condition language: what each operator means on each field kind, in Python predicates."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from builder import parse_definition
from builder.conditions.ast import Operator
from builder.conditions.evaluate import ConditionCompileError, compile_predicate
from builder.conditions.literals import value_kind
from builder.conditions.operators import ALLOWED_OPERATORS
from builder.conditions.parse import parse_condition
from tests.support.condition_entities import (
    ACCOUNT,
    DEAL,
    DEFINITIONS,
    LOS_ANGELES,
    NOW,
    NUMERIC_FIELDS,
    SHANGHAI,
    TEXT_FIELDS,
)
from tests.support.condition_strategies import (
    group,
    rule,
)
from tests.support.definitions import valid_document


def predicate(condition: dict, timezone=UTC):
    return compile_predicate(parse_condition(condition, ""), DEAL, DEFINITIONS, timezone)


def holds(condition: dict, record: dict, timezone=UTC, now: datetime = NOW) -> bool:
    return predicate(condition, timezone)(record, now)


def check_operator(field_id: str, operator: str, literal, cases: list[tuple], timezone=UTC) -> None:
    """Each case is (record value, expected); every failing case is listed."""
    test = predicate(group(rule(field_id, operator, literal)), timezone)
    wrong = [(value, expected) for value, expected in cases if test({field_id: value}, NOW) is not expected]
    assert not wrong, f"{field_id} {operator} {literal!r}: wrong for {wrong}"


# Operators on each field kind

NUMERIC_CASES = [
    ("=", 5, [(5, True), (5.0, True), (Decimal("5.00"), True), (4, False), (None, False)]),
    ("=", 0.3, [(0.3, True), (Decimal("0.30"), True), (0.1 + 0.2, False), (None, False)]),
    ("!=", 5, [(5, False), (Decimal("5.0"), False), (4, True), (None, True)]),
    ("<", 5, [(4, True), (Decimal("4.99"), True), (5, False), (6, False), (None, False)]),
    ("<=", 5, [(5, True), (Decimal("5.01"), False), (-5, True), (None, False)]),
    (">", 5, [(6, True), (5, False), (Decimal("5.001"), True), (None, False)]),
    (">=", 5, [(5, True), (4.99, False), (None, False)]),
    (">", 0.1, [(0.1, False), (Decimal("0.1000001"), True), (None, False)]),
    ("in", [1, 2.5], [(1, True), (2.5, True), (Decimal("2.50"), True), (2, False), (None, False)]),
    ("notIn", [1, 2.5], [(1, False), (Decimal("2.5"), False), (2, True), (None, True)]),
    ("between", [1, 3], [(1, True), (2, True), (3, True), (0.99, False), (Decimal("3.01"), False), (None, False)]),
    ("between", [2, 2], [(2, True), (Decimal("2.0"), True), (3, False), (None, False)]),
    ("null", None, [(None, True), (0, False), (5, False)]),
    ("notNull", None, [(None, False), (0, True)]),
]


@pytest.mark.parametrize("field_id", NUMERIC_FIELDS)
@pytest.mark.parametrize(("operator", "literal", "cases"), NUMERIC_CASES)
def test_numeric_operators(field_id, operator, literal, cases):
    check_operator(field_id, operator, literal, cases)


TEXT_CASES = [
    ("=", "Acme", [("Acme", True), ("acme", False), ("Acme ", False), (None, False)]),
    ("!=", "Acme", [("Acme", False), ("acme", True), (None, True)]),
    ("in", ["Acme", "Beta"], [("Beta", True), ("beta", False), (None, False)]),
    ("notIn", ["Acme", "Beta"], [("Beta", False), ("Gamma", True), (None, True)]),
    ("contains", "cm", [("Acme", True), ("ACME", False), ("cm", True), ("c m", False), (None, False)]),
    ("beginsWith", "Ac", [("Acme", True), ("acme", False), ("xAc", False), ("Ac", True), (None, False)]),
    ("null", None, [(None, True), ("x", False)]),
    ("notNull", None, [(None, False), ("x", True)]),
]


@pytest.mark.parametrize("field_id", TEXT_FIELDS)
@pytest.mark.parametrize(("operator", "literal", "cases"), TEXT_CASES)
def test_text_operators_are_case_sensitive(field_id, operator, literal, cases):
    check_operator(field_id, operator, literal, cases)


OTHER_CASES = [
    ("vip", "=", True, [(True, True), (False, False), (None, False)]),
    ("vip", "=", False, [(False, True), (True, False), (None, False)]),
    ("vip", "!=", True, [(True, False), (False, True), (None, True)]),
    ("vip", "null", None, [(None, True), (False, False)]),
    ("vip", "notNull", None, [(None, False), (False, True)]),
    ("stage", "=", "open", [("open", True), ("won", False), (None, False)]),
    ("stage", "!=", "open", [("open", False), ("won", True), (None, True)]),
    ("stage", "in", ["open", "won"], [("won", True), ("lost", False), (None, False)]),
    ("stage", "notIn", ["open", "won"], [("won", False), ("lost", True), (None, True)]),
    ("stage", "null", None, [(None, True), ("open", False)]),
    ("stage", "notNull", None, [(None, False), ("open", True)]),
    ("tags", "contains", "hot", [(["hot", "key"], True), (["key"], False), ([], False), (None, False)]),
    ("tags", "null", None, [(None, True), ([], True), (["hot"], False)]),
    ("tags", "notNull", None, [(None, False), ([], False), (["hot"], True)]),
    ("rep", "=", "alice", [("alice", True), ("Alice", False), (None, False)]),
    ("rep", "!=", "alice", [("alice", False), ("bob", True), (None, True)]),
    ("rep", "in", ["alice", "bob"], [("bob", True), ("carol", False), (None, False)]),
    ("rep", "notIn", ["alice", "bob"], [("bob", False), ("carol", True), (None, True)]),
    ("rep", "null", None, [(None, True), ("alice", False)]),
    ("rep", "notNull", None, [(None, False), ("alice", True)]),
    ("account", "=", 7, [(7, True), (8, False), (None, False)]),
    ("account", "!=", 7, [(7, False), (8, True), (None, True)]),
    ("account", "in", [1, 2], [(2, True), (3, False), (None, False)]),
    ("account", "notIn", [1, 2], [(2, False), (3, True), (None, True)]),
    ("account", "null", None, [(None, True), (1, False)]),
    ("account", "notNull", None, [(None, False), (1, True)]),
    ("owner", "=", "alice", [("alice", True), ("bob", False)]),
    ("workflow_state", "in", ["approved", "rejected"], [("approved", True), ("draft", False)]),
    ("id", ">", 10, [(11, True), (10, False)]),
]


@pytest.mark.parametrize(("field_id", "operator", "literal", "cases"), OTHER_CASES)
def test_boolean_choice_multichoice_user_ref_and_system_operators(field_id, operator, literal, cases):
    check_operator(field_id, operator, literal, cases)


DATE_CASES = [
    ("=", "2024-03-01", [("2024-03-01", True), (date(2024, 3, 1), True), ("2024-03-02", False), (None, False)]),
    ("=", "2024-03-01", [(datetime(2024, 3, 1, 23, 59), True)]),
    ("!=", "2024-03-01", [("2024-03-01", False), ("2024-03-02", True), (None, True)]),
    ("<", "2024-03-01", [("2024-02-29", True), ("2024-03-01", False), (None, False)]),
    ("<=", "2024-03-01", [("2024-03-01", True), ("2024-03-02", False)]),
    (">", "2024-03-01", [("2024-03-02", True), ("2024-03-01", False), (None, False)]),
    (">=", "2024-03-01", [("2024-03-01", True), ("2024-02-29", False)]),
    ("between", ["2024-03-01", "2024-03-31"], [("2024-03-01", True), ("2024-03-31", True), ("2024-04-01", False)]),
    ("null", None, [(None, True), ("2024-03-01", False)]),
    ("notNull", None, [(None, False), ("2024-03-01", True)]),
]


@pytest.mark.parametrize(("operator", "literal", "cases"), DATE_CASES)
def test_date_operators(operator, literal, cases):
    check_operator("closed_on", operator, literal, cases)


INSTANT = datetime(2024, 3, 1, 1, 0, tzinfo=UTC)
SECOND = timedelta(seconds=1)
DATETIME_CASES = [
    (
        "=",
        "2024-03-01T09:00:00+08:00",
        [
            (INSTANT, True),
            ("2024-03-01T01:00:00+00:00", True),
            ("2024-03-01T09:00:00+08:00", True),
            (INSTANT + SECOND, False),
            (None, False),
        ],
    ),
    ("!=", "2024-03-01T01:00:00Z", [(INSTANT, False), (INSTANT + SECOND, True), (None, True)]),
    ("<", "2024-03-01T01:00:00Z", [(INSTANT - timedelta(microseconds=1), True), (INSTANT, False), (None, False)]),
    ("<=", "2024-03-01T01:00:00Z", [(INSTANT, True), (INSTANT + SECOND, False)]),
    (">", "2024-03-01T01:00:00Z", [(INSTANT + SECOND, True), (INSTANT, False), (None, False)]),
    (">=", "2024-03-01T01:00:00Z", [(INSTANT, True), (INSTANT - SECOND, False)]),
    ("between", ["2024-03-01T00:00Z", "2024-03-01T01:00Z"], [(INSTANT, True), (INSTANT + SECOND, False)]),
    ("null", None, [(None, True), (INSTANT, False)]),
    ("notNull", None, [(None, False), (INSTANT, True)]),
]


@pytest.mark.parametrize(("operator", "literal", "cases"), DATETIME_CASES)
def test_datetime_operators_compare_instants(operator, literal, cases):
    check_operator("follow_up", operator, literal, cases)


def test_naive_datetime_literals_are_in_the_app_time_zone():
    # 09:00 in Shanghai is 01:00 UTC.
    instant = datetime(2024, 3, 1, 1, 0, tzinfo=UTC)
    check_operator(
        "follow_up", ">=", "2024-03-01T09:00:00", [(instant, True), (instant - timedelta(seconds=1), False)], SHANGHAI
    )
    check_operator("follow_up", ">=", "2024-03-01T09:00:00", [(instant, False)], UTC)
    # A date literal means midnight in the app time zone.
    check_operator("follow_up", "<", "2024-03-01", [(datetime(2024, 2, 29, 15, 59, tzinfo=UTC), True)], SHANGHAI)
    check_operator("follow_up", "<", "2024-03-01", [(datetime(2024, 2, 29, 16, 0, tzinfo=UTC), False)], SHANGHAI)


# Relative time: withinLast / olderThan


@pytest.mark.parametrize(
    ("timezone", "operator", "duration", "cases"),
    [
        # In Shanghai it is already 11 March: the last day is 10–11 March.
        (SHANGHAI, "withinLast", (1, "days"), [("2024-03-11", True), ("2024-03-10", True), ("2024-03-09", False)]),
        (SHANGHAI, "withinLast", (1, "days"), [("2024-03-12", False), (None, False)]),
        (SHANGHAI, "olderThan", (1, "days"), [("2024-03-09", True), ("2024-03-10", False), (None, False)]),
        # In UTC it is still 10 March.
        (UTC, "withinLast", (1, "days"), [("2024-03-09", True), ("2024-03-10", True), ("2024-03-11", False)]),
        (UTC, "olderThan", (1, "days"), [("2024-03-08", True), ("2024-03-09", False)]),
        # In Los Angeles it is 13:00 on 10 March (daylight saving time began that morning).
        (LOS_ANGELES, "withinLast", (2, "days"), [("2024-03-08", True), ("2024-03-07", False)]),
        (SHANGHAI, "withinLast", (1, "weeks"), [("2024-03-04", True), ("2024-03-03", False), ("2024-03-11", True)]),
        (SHANGHAI, "olderThan", (2, "weeks"), [("2024-02-26", False), ("2024-02-25", True)]),
    ],
)
def test_date_relative_operators_use_today_in_the_app_time_zone(timezone, operator, duration, cases):
    amount, unit = duration
    check_operator("closed_on", operator, {"amount": amount, "unit": unit}, cases, timezone)


@pytest.mark.parametrize("timezone", [UTC, SHANGHAI, LOS_ANGELES])
def test_datetime_relative_operators_count_back_from_now(timezone):
    within = {"amount": 2, "unit": "hours"}
    cases = [
        (NOW, True),
        (NOW - timedelta(hours=2), True),
        (NOW - timedelta(hours=2, seconds=1), False),
        (NOW + timedelta(seconds=1), False),
        ("2024-03-10T19:30:00+00:00", True),
        ("2024-03-11T03:30:00+08:00", True),
        (None, False),
    ]
    check_operator("follow_up", "withinLast", within, cases, timezone)
    older = [(NOW - timedelta(hours=3), True), (NOW - timedelta(hours=1), False), (None, False)]
    check_operator("follow_up", "olderThan", within, older, timezone)
    check_operator("created_at", "withinLast", {"amount": 1, "unit": "days"}, [(NOW - timedelta(hours=23), True)])


def test_predicate_needs_an_aware_now():
    test = predicate(group(rule("follow_up", "withinLast", {"amount": 1, "unit": "days"})))
    with pytest.raises(ValueError, match="timezone-aware"):
        test({"follow_up": NOW}, datetime(2024, 3, 10, 20, 0))
    assert test({"follow_up": datetime.now(UTC) - timedelta(hours=1)}) is True  # default: the current time


def test_every_accepted_operator_of_every_kind_has_semantic_cases():
    tables = [
        *((field_id, operator) for field_id in NUMERIC_FIELDS for operator, _literal, _cases in NUMERIC_CASES),
        *((field_id, operator) for field_id in TEXT_FIELDS for operator, _literal, _cases in TEXT_CASES),
        *((field_id, operator) for field_id, operator, _literal, _cases in OTHER_CASES),
        *(("closed_on", operator) for operator, _literal, _cases in DATE_CASES),
        *(("follow_up", operator) for operator, _literal, _cases in DATETIME_CASES),
        *(("closed_on", operator) for operator in ("withinLast", "olderThan")),
        *(("follow_up", operator) for operator in ("withinLast", "olderThan")),
    ]
    tested = {(value_kind(DEAL.field(field_id)), Operator(operator)) for field_id, operator in tables}
    accepted = {(kind, operator) for kind, operators in ALLOWED_OPERATORS.items() for operator in operators}
    assert accepted - tested == set()
    assert tested <= accepted


# Groups


@pytest.mark.parametrize(
    ("condition", "expected"),
    [
        (group(), True),
        (group(combinator="or"), False),
        (group(negated=True), False),
        (group(combinator="or", negated=True), True),
        (group(group(), group(combinator="or"), combinator="or"), True),
        (group(group(), group(combinator="or")), False),
    ],
)
def test_empty_groups(condition, expected):
    for record in ({}, {"amount": 5}, {"amount": None}):
        assert holds(condition, record) is expected


def test_and_or_not_with_null_values_are_two_valued():
    big = rule("amount", ">", 100)
    vip = rule("vip", "=", True)
    assert holds(group(big, vip), {"amount": 200, "vip": True}) is True
    assert holds(group(big, vip), {"amount": 200, "vip": None}) is False
    assert holds(group(big, vip, combinator="or"), {"amount": None, "vip": True}) is True
    assert holds(group(big, vip, combinator="or"), {"amount": None, "vip": None}) is False
    # not(amount > 100) holds when amount is empty, unlike amount <= 100.
    assert holds(group(big, negated=True), {"amount": None}) is True
    assert holds(group(rule("amount", "<=", 100)), {"amount": None}) is False
    assert holds(group(big, vip, negated=True), {"amount": 200, "vip": None}) is True
    assert holds(group(big, vip, combinator="or", negated=True), {"amount": 50, "vip": False}) is True
    assert holds(group(group(big, negated=True), negated=True), {"amount": 200}) is True


def test_not_is_only_read_from_a_literal_true_and_unknown_combinators_mean_and():
    big, vip = rule("amount", ">", 100), rule("vip", "=", True)
    assert holds({"combinator": "and", "not": "yes", "rules": [big]}, {"amount": 200}) is True
    assert holds({"combinator": "xor", "rules": [big, vip]}, {"amount": 200, "vip": False}) is False
    assert holds({"rules": [big, vip]}, {"amount": 200, "vip": True}) is True


# Semantic definitions


def test_definition_reference_compiles_through_the_definition():
    assert holds(group({"definition": "big"}), {"amount": 50000}) is True
    assert holds(group({"definition": "big"}), {"amount": 49999.99}) is False
    assert holds(group({"definition": "big"}, negated=True), {"amount": None}) is True
    both = group({"definition": "big_open"})
    assert holds(both, {"amount": 60000, "stage": "open"}) is True
    assert holds(both, {"amount": 60000, "stage": "won"}) is False
    assert holds(group({"definition": "big"}, rule("vip", "=", True), combinator="or"), {"vip": True}) is True


@pytest.mark.parametrize("name", ["loop_a", "top_tier", "missing"])
def test_definitions_that_cannot_apply_do_not_compile(name):
    with pytest.raises(ConditionCompileError):
        predicate(group({"definition": name}))


def test_definition_applies_to_its_own_entity():
    test = compile_predicate(parse_condition(group({"definition": "top_tier"}), ""), ACCOUNT, DEFINITIONS)
    assert test({"tier": 1}, NOW) is True
    assert test({"tier": 2}, NOW) is False


def test_definition_compiles_through_a_parsed_app():
    app = parse_definition(valid_document("minimal.json"))
    deal = app.entity("deal")
    condition = parse_condition(group({"definition": "open_deal"}, rule("amount", ">=", 100)), "")
    test = compile_predicate(condition, deal, app.definition, ZoneInfo(app.timezone))
    assert test({"stage": "open", "amount": 100}, NOW) is True
    assert test({"stage": "won", "amount": 100}, NOW) is False
    assert test({"stage": "open", "amount": 99.99}, NOW) is False


def test_ill_typed_conditions_do_not_compile():
    for condition in (
        group(rule("missing", "=", 1)),
        group(rule("amount", "=", "5")),
        group(rule("amount", "between", [5, 1])),
        group(rule("stage", "=", "archived")),
    ):
        with pytest.raises(ConditionCompileError):
            predicate(condition)


# Type checks
