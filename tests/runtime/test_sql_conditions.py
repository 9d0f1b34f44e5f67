"""SQL conditions (runtime.storage.sql_conditions) select exactly the records the Python predicate accepts,
on SQLite and PostgreSQL: property tests over random rows and conditions (every operator of every field,
then nested groups and definitions), and the tricky cases by name."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import MetaData, select

from builder.conditions.parse import parse_condition
from builder.conditions.typecheck import check_condition
from runtime.storage.sql_conditions import SqlConditionError, condition_clause
from runtime.storage.tables import entity_storage
from tests.support.condition_strategies import group, lookup, make_definition, nested_conditions, rule
from tests.support.sql_records import (
    CONSTANTS,
    DEAL,
    MICRO,
    NOW,
    ROWS,
    SHANGHAI,
    RecordTable,
    Stored,
    constants,
    deal_app,
    field_rules,
    leaves,
    operators_of,
    postgres_engine,
    python_ids,
    sqlite_engine,
)

POSTGRES_URL = os.environ.get("DABBLE_TEST_DATABASE_URL", "")


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def table(request, tmp_path_factory) -> Iterator[RecordTable]:
    """The deal table on each database, shared by the tests of this module (each replaces its rows)."""
    directory = tmp_path_factory.mktemp("sql_conditions")
    if request.param == "sqlite":
        engines = sqlite_engine(directory)
    elif POSTGRES_URL:
        engines = postgres_engine(POSTGRES_URL, directory)
    else:
        pytest.skip("DABBLE_TEST_DATABASE_URL is not set (.ci/run sets it)")
    with engines as engine:
        yield RecordTable(engine)


HEALTH_CHECKS = [HealthCheck.too_slow, HealthCheck.data_too_large]


def _assert_same_ids(table: RecordTable, condition: dict[str, Any], records: dict[int, dict[str, Any]]) -> None:
    assert check_condition(parse_condition(condition, ""), DEAL, deal_app().definition, SHANGHAI) == []
    assert table.select_ids(condition) == python_ids(condition, records), condition


@pytest.mark.parametrize("field_id", sorted(CONSTANTS))
@settings(max_examples=40, deadline=None, suppress_health_check=HEALTH_CHECKS)
@given(rows=st.lists(ROWS, min_size=2, max_size=12), data=st.data())
def test_comparisons_select_what_the_predicate_accepts(table, field_id, rows, data):
    records = table.replace(rows)
    comparisons = st.lists(field_rules(field_id, constants(field_id, records)), min_size=4, max_size=16)
    for comparison in data.draw(comparisons, label="comparisons"):
        _assert_same_ids(table, group(comparison), records)
        _assert_same_ids(table, group(comparison, negated=True), records)


@settings(max_examples=250, deadline=None, suppress_health_check=HEALTH_CHECKS)
@given(rows=st.lists(ROWS, max_size=12), data=st.data())
def test_nested_conditions_select_what_the_predicate_accepts(table, rows, data):
    records = table.replace(rows)
    conditions = nested_conditions(leaves(records), max_leaves=8)
    for condition in data.draw(st.lists(conditions, min_size=1, max_size=5), label="conditions"):
        _assert_same_ids(table, condition, records)


# The tricky cases by name


def _agree(table: RecordTable, condition: dict[str, Any], records: dict[int, dict[str, Any]]) -> set[int]:
    """The ids SQL selects, checked against the Python predicate."""
    selected = table.select_ids(condition)
    assert selected == python_ids(condition, records), condition
    return selected


def _ids_by(records: dict[int, dict[str, Any]], field_id: str) -> dict[Any, int]:
    return {record[field_id]: record_id for record_id, record in records.items()}


EXAMPLE_VALUES = {
    "notes": "a",
    "email": "ann@example.com",
    "quantity": 1,
    "score": 3,
    "revenue": 0.1,
    "share": 0.1,
    "vip": False,
    "closed_on": "2024-03-10",
    "follow_up": "2024-03-10T12:00:00Z",
    "stage": "open",
    "tags": "hot",
    "rep": "alice",
    "account": 1,
}
NULL_HOLDERS = ("!=", "notIn", "null")


def _example_rule(field_id: str, operator: str) -> dict[str, Any]:
    value = EXAMPLE_VALUES[field_id]
    if operator in ("in", "notIn"):
        return rule(field_id, operator, [value])
    if operator == "between":
        return rule(field_id, operator, [value, value])
    if operator in ("withinLast", "olderThan"):
        return rule(field_id, operator, {"amount": 1, "unit": "days"})
    return rule(field_id, operator, value)


def test_a_missing_value_matches_only_not_equal_not_in_and_null(table):
    empty = (Stored.SQL_NULL, Stored.JSON_NULL, Stored.EMPTY_ARRAY)
    records = table.replace([{"name": "n", "amount": Decimal(1), "tags": tags} for tags in empty])
    for field_id in EXAMPLE_VALUES:
        for operator in operators_of(field_id):
            comparison = _example_rule(field_id, operator)
            expected = set(records) if operator in NULL_HOLDERS else set()
            assert _agree(table, group(comparison), records) == expected, comparison
            assert _agree(table, group(comparison, negated=True), records) == set(records) - expected, comparison


def _values(records: dict[int, dict[str, Any]], field_id: str, ids: set[int]) -> set[Any]:
    """The values of a field in the selected records."""
    return {records[record_id][field_id] for record_id in ids}


def _compiled_parameters(table: RecordTable, condition: dict[str, Any]) -> list[Any]:
    statement = select(table.storage.table.c.id).where(table.clause(condition))
    values = statement.compile(dialect=table.engine.dialect).params.values()
    return [item for value in values for item in (value if isinstance(value, list) else [value])]


@pytest.mark.parametrize(
    ("comparison", "expected"),
    [
        (rule("amount", ">", 49999.995), {"50000.00", "50000.01"}),
        (rule("amount", ">=", 49999.995), {"50000.00", "50000.01"}),
        (rule("amount", "<", 49999.995), {"49999.99"}),
        (rule("amount", "<=", 49999.995), {"49999.99"}),
        (rule("amount", "=", 49999.995), set()),
        (rule("amount", "!=", 49999.995), {"49999.99", "50000.00", "50000.01"}),
        (rule("amount", "=", 49999.99), {"49999.99"}),
        (rule("amount", "in", [49999.995, 50000.01]), {"50000.01"}),
        (rule("amount", "notIn", [49999.995, 50000.01]), {"49999.99", "50000.00"}),
        (rule("amount", "between", [49999.991, 49999.999]), set()),
        (rule("amount", "between", [49999.99, 50000]), {"49999.99", "50000.00"}),
        (rule("amount", ">", Decimal("49999.990000000000000000000001")), {"50000.00", "50000.01"}),
        (rule("amount", "<", 10**30), {"49999.99", "50000.00", "50000.01"}),
        (rule("amount", ">", -(10**30)), {"49999.99", "50000.00", "50000.01"}),
        (rule("amount", ">", 10**30), set()),
    ],
)
def test_scaled_constants_become_exact_whole_numbers(table, comparison, expected):
    records = table.replace([{"name": "n", "amount": Decimal(text)} for text in ("49999.99", "50000.00", "50000.01")])
    selected = _agree(table, group(comparison), records)
    assert {f"{value:.2f}" for value in _values(records, "amount", selected)} == expected
    assert all(type(value) is int for value in _compiled_parameters(table, group(comparison)))


def test_numbers_compare_exactly_beyond_double_precision(table):
    rows = [
        {"quantity": 2**53, "revenue": 2.0**53, "share": Decimal("0.1")},
        {"quantity": 2**53 + 1, "revenue": 0.1, "share": Decimal("0.2")},
        {"quantity": 2**63 - 1, "revenue": 0.30000000000000004, "share": Decimal("-0.1")},
    ]
    records = table.replace([{"name": "n", "amount": Decimal(0), **row} for row in rows])
    by_quantity = _ids_by(records, "quantity")
    assert _agree(table, group(rule("quantity", "=", 2**53 + 1)), records) == {by_quantity[2**53 + 1]}
    assert _agree(table, group(rule("quantity", ">", 2**53)), records) == {
        by_quantity[2**53 + 1],
        by_quantity[2**63 - 1],
    }
    assert _agree(table, group(rule("quantity", ">=", 2**63)), records) == set()
    assert _agree(table, group(rule("quantity", "<", 2**63)), records) == set(records)
    assert _agree(table, group(rule("revenue", "=", 2**53 + 1)), records) == set()
    assert _agree(table, group(rule("revenue", "<", 2**53 + 1)), records) == set(records)
    assert _agree(table, group(rule("revenue", "=", 0.1)), records) == {by_quantity[2**53 + 1]}
    assert _agree(table, group(rule("revenue", ">", 0.3)), records) == {by_quantity[2**53], by_quantity[2**63 - 1]}
    assert _agree(table, group(rule("revenue", "<", Decimal("0.1000000000000000000001"))), records) == {
        by_quantity[2**53 + 1]
    }
    assert _agree(table, group(rule("share", "=", 0.1)), records) == {by_quantity[2**53]}
    assert _agree(table, group(rule("share", "between", [-0.05, 0.15])), records) == {by_quantity[2**53]}


NAMES = ("100%", "100 percent", "a_b", "axb", "A_B", "Straße", "STRASSE", "e\u0301", "é")


@pytest.mark.parametrize(
    ("comparison", "expected"),
    [
        (rule("name", "contains", "%"), {"100%"}),
        (rule("name", "contains", "0%"), {"100%"}),
        (rule("name", "contains", "_"), {"a_b", "A_B"}),
        (rule("name", "contains", "a_"), {"a_b"}),
        (rule("name", "contains", "A_"), {"A_B"}),
        (rule("name", "contains", "ß"), {"Straße"}),
        (rule("name", "contains", "SS"), {"STRASSE"}),
        (rule("name", "contains", "é"), {"é"}),
        (rule("name", "contains", "\u0301"), {"e\u0301"}),
        (rule("name", "beginsWith", "a_"), {"a_b"}),
        (rule("name", "beginsWith", "_"), set()),
        (rule("name", "beginsWith", "10%"), set()),
        (rule("name", "beginsWith", "100%"), {"100%"}),
        (rule("name", "beginsWith", "strasse"), set()),
        (rule("name", "=", "a_b"), {"a_b"}),
        (rule("name", "in", ["A_B", "e"]), {"A_B"}),
    ],
)
def test_text_matches_are_case_sensitive_and_literal(table, comparison, expected):
    records = table.replace([{"name": name, "amount": Decimal(0)} for name in NAMES])
    assert _values(records, "name", _agree(table, group(comparison), records)) == expected
    statement = select(table.storage.table.c.id).where(table.clause(group(comparison)))
    assert "LIKE" not in str(statement.compile(dialect=table.engine.dialect)).upper()


@pytest.mark.parametrize(
    "comparison",
    [
        rule("name", "contains", "\x00"),
        rule("name", "beginsWith", "a\x00"),
        rule("name", "=", "a\x00b"),
        rule("name", "in", ["a\x00b", "a"]),
        rule("name", "!=", "a\x00b"),
    ],
)
def test_text_holding_nul(table, comparison):
    # SQLite text may hold NUL; PostgreSQL text cannot, so there a literal holding one equals nothing.
    names = ("a\x00b", "a", "ab") if table.dialect == "sqlite" else ("a", "ab")
    records = table.replace([{"name": name, "amount": Decimal(0)} for name in names])
    _agree(table, group(comparison), records)
    _agree(table, group(comparison, negated=True), records)


def test_multichoice_contains_an_option(table):
    tags = (Stored.SQL_NULL, Stored.JSON_NULL, Stored.EMPTY_ARRAY, ["hot"], ["cold", "key"], ["key", "hot"])
    records = table.replace(
        [{"name": str(index), "amount": Decimal(0), "tags": value} for index, value in enumerate(tags)]
    )
    by_name = {record["name"]: record_id for record_id, record in records.items()}
    with_hot = {by_name["3"], by_name["5"]}
    empty = {by_name["0"], by_name["1"], by_name["2"]}
    assert _agree(table, group(rule("tags", "contains", "hot")), records) == with_hot
    assert _agree(table, group(rule("tags", "contains", "hot"), negated=True), records) == set(records) - with_hot
    assert _agree(table, group(rule("tags", "null")), records) == empty
    assert _agree(table, group(rule("tags", "notNull")), records) == set(records) - empty
    both = group(rule("tags", "contains", "key"), rule("tags", "contains", "cold"))
    assert _agree(table, both, records) == {by_name["4"]}


def test_within_last_counts_days_in_the_app_time_zone_and_moments_from_now(table):
    days = (date(2024, 3, 9), date(2024, 3, 10), date(2024, 3, 11), date(2024, 3, 12))
    offsets = (-timedelta(days=1) - MICRO, -timedelta(days=1), -timedelta(hours=4) - MICRO, -timedelta(hours=4))
    offsets += (timedelta(0), MICRO)
    rows = [{"closed_on": day} for day in days] + [{"follow_up": NOW + offset} for offset in offsets]
    records = table.replace([{"name": "n", "amount": Decimal(0), **row} for row in rows])
    by_day, by_moment = _ids_by(records, "closed_on"), _ids_by(records, "follow_up")

    def moments(*chosen: timedelta) -> set[int]:
        return {by_moment[NOW + offset] for offset in chosen}

    one_day = {"amount": 1, "unit": "days"}
    # Today in Shanghai is 11 March (it is still 10 March in UTC).
    assert _agree(table, group(rule("closed_on", "withinLast", one_day)), records) == {
        by_day[date(2024, 3, 10)],
        by_day[date(2024, 3, 11)],
    }
    assert _agree(table, group(rule("closed_on", "olderThan", one_day)), records) == {by_day[date(2024, 3, 9)]}
    assert _agree(table, group(rule("follow_up", "withinLast", one_day)), records) == moments(*offsets[1:5])
    assert _agree(table, group(rule("follow_up", "olderThan", one_day)), records) == moments(offsets[0])
    assert _agree(table, group(rule("follow_up", "withinLast", {"amount": 4, "unit": "hours"})), records) == moments(
        offsets[3], offsets[4]
    )
    midnight = ("2024-03-11", "2024-03-11T00:00:00", "2024-03-11T00:00:00+08:00", "2024-03-10T16:00:00Z")
    for text in midnight:
        assert _agree(table, group(rule("follow_up", ">=", text)), records) == moments(*offsets[3:]), text
        assert _agree(table, group(rule("follow_up", "<", text)), records) == moments(*offsets[:3]), text
    assert _agree(table, group(rule("closed_on", ">=", "2024-03-11")), records) == {
        by_day[date(2024, 3, 11)],
        by_day[date(2024, 3, 12)],
    }


LOS_ANGELES = ZoneInfo("America/Los_Angeles")
# 01:30 on 3 November 2024 happens twice in Los Angeles; written without an offset it means the first (PDT).
AMBIGUOUS = "2024-11-03T01:30:00"


def test_equality_with_an_ambiguous_local_time(table):
    records = table.replace(
        [{"name": "n", "amount": Decimal(0), "follow_up": datetime(2024, 11, 3, 8, 30, tzinfo=UTC)}]
    )
    condition = group(rule("follow_up", "=", AMBIGUOUS))
    assert table.select_ids(condition, LOS_ANGELES) == python_ids(condition, records, LOS_ANGELES)


def test_an_ambiguous_local_time_is_its_first_instant(table):
    records = table.replace(
        [{"name": "n", "amount": Decimal(0), "follow_up": datetime(2024, 11, 3, 8, 30, tzinfo=UTC)}]
    )
    condition = group(rule("follow_up", "between", [AMBIGUOUS, AMBIGUOUS]))
    assert table.select_ids(condition, LOS_ANGELES) == python_ids(condition, records, LOS_ANGELES) == set(records)


def test_moments_beyond_the_storable_range(table):
    records = table.replace(
        [{"name": "n", "amount": Decimal(0), "follow_up": NOW}, {"name": "m", "amount": Decimal(0)}]
    )
    has_moment = {record_id for record_id, record in records.items() if record["follow_up"] is not None}
    assert _agree(table, group(rule("follow_up", "<", "9999-12-31T23:59:59-05:00")), records) == has_moment
    assert _agree(table, group(rule("follow_up", ">", "0001-01-01T00:00:00+08:00")), records) == has_moment
    assert _agree(table, group(rule("follow_up", "<=", "0001-01-01T00:00:00+08:00")), records) == set()
    assert _agree(table, group(rule("follow_up", "=", "9999-12-31T23:59:59-05:00")), records) == set()


def test_definitions_are_inlined(table):
    records = table.replace(
        [
            {"name": "big", "amount": Decimal("50000.00")},
            {"name": "hot", "amount": Decimal("1.00"), "tags": ["hot"]},
            {"name": "quiet", "amount": Decimal("49999.99")},
        ]
    )
    by_name = {record["name"]: record_id for record_id, record in records.items()}
    assert _agree(table, group({"definition": "big"}), records) == {by_name["big"]}
    assert _agree(table, group({"definition": "quiet"}), records) == {by_name["quiet"]}
    assert _agree(table, group({"definition": "quiet"}, negated=True), records) == {by_name["big"], by_name["hot"]}


STORAGE = entity_storage(MetaData(), 1, deal_app(), DEAL)
CYCLE = lookup(
    make_definition("loop_a", "deal", group({"definition": "loop_b"})),
    make_definition("loop_b", "deal", group(rule("vip", "=", True), {"definition": "loop_a"})),
)


def _compile(condition: dict[str, Any], definitions=None, **options: Any):
    arguments = {"dialect": "sqlite", "now": NOW, "timezone": SHANGHAI, **options}
    return condition_clause(parse_condition(condition, ""), STORAGE, definitions or deal_app().definition, **arguments)


@pytest.mark.parametrize(
    ("condition", "definitions", "why"),
    [
        (group(rule("missing", "=", 1)), None, "unknown field 'missing' of entity 'deal'"),
        (group(rule("row_version", "=", 1)), None, "unknown field 'row_version' of entity 'deal'"),
        (group(rule("amount", "contains", "1")), None, "operator 'contains' does not apply to field 'amount'"),
        (group(rule("amount", ">", "lots")), None, "condition.value_type for field 'amount'"),
        (group({"definition": "nowhere"}), None, "there is no definition 'nowhere'"),
        (group({"definition": "named_x"}), None, "definition 'named_x' is about 'account', not 'deal'"),
        (group({"definition": "loop_a"}), CYCLE, "definition 'loop_a' has no condition or leads back to itself"),
    ],
    ids=["unknown field", "no such field", "operator", "literal", "unknown definition", "other entity", "cycle"],
)
def test_conditions_that_cannot_compile_say_why(condition, definitions, why):
    with pytest.raises(SqlConditionError, match=f"^{re.escape(why)}$"):
        _compile(condition, definitions)


def test_dialect_and_clock_are_checked():
    with pytest.raises(ValueError, match="dialect"):
        _compile(group(), dialect="mysql")
    with pytest.raises(ValueError, match="aware"):
        _compile(group(), now=NOW.replace(tzinfo=None))
