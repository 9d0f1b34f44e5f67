"""Computed-field formulas: parsing (precedence, unary minus, errors with positions) and exact evaluation."""

from __future__ import annotations

import copy
from decimal import Decimal, localcontext

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from builder import validate_definition
from builder.formulas import (
    MAX_DEPTH,
    BinaryOperation,
    FieldReference,
    FormulaError,
    Negation,
    NumberLiteral,
    parse_formula,
)
from tests.support.definitions import valid_document


def value(source: str, **values) -> Decimal | None:
    return parse_formula(source).evaluate(values)


def error_of(source: str) -> tuple[str, int]:
    with pytest.raises(FormulaError) as raised:
        parse_formula(source)
    return raised.value.message, raised.value.position


# Parsing


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("1 + 2 * 3", "7"),
        ("(1 + 2) * 3", "9"),
        ("2 * 3 + 4 * 5", "26"),
        ("10 - 4 - 3", "3"),  # left associative
        ("10 - (4 - 3)", "9"),
        ("8 / 4 / 2", "1"),  # left associative
        ("8 / (4 / 2)", "4"),
        ("2 + 12 / 4 - 1", "4"),
        ("((((7))))", "7"),
        ("-2 * 3", "-6"),
        ("2 * -3", "-6"),
        ("-(2 + 3) * 4", "-20"),
        ("--2", "2"),
        ("-2 - -3", "1"),
        ("+2 - +3", "-1"),
        ("1 - -(-(1))", "0"),
    ],
)
def test_precedence_associativity_and_unary_signs(source, expected):
    assert value(source) == Decimal(expected)


def test_parse_tree_shape():
    expression = parse_formula("-price * qty + 1").expression
    assert expression == BinaryOperation(
        "+",
        BinaryOperation("*", Negation(FieldReference("price")), FieldReference("qty")),
        NumberLiteral(Decimal("1")),
    )


def test_unary_plus_leaves_no_node_and_whitespace_between_tokens_is_ignored():
    assert parse_formula("+a").expression == FieldReference("a")
    assert parse_formula("  a\t*\n( b+1 )").expression == BinaryOperation(
        "*", FieldReference("a"), BinaryOperation("+", FieldReference("b"), NumberLiteral(Decimal("1")))
    )


@pytest.mark.parametrize(
    ("source", "message", "position"),
    [
        ("", "expected a number, a field or '('", 0),
        ("1 +", "expected a number, a field or '('", 3),
        ("(1 + 2", "missing ')'", 6),
        ("(1 + 2]", "missing ')'", 6),
        ("1 2", "unexpected '2'", 2),
        ("a $ b", "unexpected '$'", 2),
        ("1 + * 2", "unexpected '*'", 4),
        ("price)", "unexpected ')'", 5),
        ("a ** b", "unexpected '*'", 3),
        ("1.5.2", "unexpected '.'", 3),
        (".5", "unexpected '.'", 0),
        ("amount % 2", "unexpected '%'", 7),
        ("a + ()", "unexpected ')'", 5),
    ],
)
def test_syntax_errors_carry_message_and_position(source, message, position):
    assert error_of(source) == (message, position)


def test_nesting_limit_applies_to_parentheses_and_unary_minus():
    def nested(depth: int) -> str:
        return "(" * depth + "1" + ")" * depth

    assert value(nested(MAX_DEPTH)) == 1
    assert error_of(nested(MAX_DEPTH + 1)) == ("nested too deeply", MAX_DEPTH + 1)
    assert value("-" * MAX_DEPTH + "1") == 1
    assert error_of("-" * (MAX_DEPTH + 1) + "1") == ("nested too deeply", MAX_DEPTH + 1)
    # Long flat chains are not nesting.
    assert value(" + ".join(["1"] * 500)) == 500


def test_far_too_deep_formula_is_an_error_not_a_crash():
    assert error_of("(" * 5000 + "1" + ")" * 5000)[0] == "nested too deeply"


@pytest.mark.parametrize("source", ["price * qty ", "price * qty\t", "(a) "])
def test_trailing_whitespace_is_ignored(source):
    assert parse_formula(source).fields == parse_formula(source.strip()).fields


# Fields and division


@pytest.mark.parametrize(
    ("source", "fields", "divides"),
    [
        ("1 + 2", set(), False),
        ("price * quantity - discount", {"price", "quantity", "discount"}, False),
        ("revenue / orders", {"revenue", "orders"}, True),
        ("-(a / 2)", {"a"}, False),
        ("a + b * (c / 4)", {"a", "b", "c"}, False),
        ("a / (b - 2)", {"a", "b"}, True),
        ("a / (2 - 2)", {"a"}, True),
        ("a / -(1 / 4)", {"a"}, False),
        ("a / (1 / 0)", {"a"}, True),
        ("a / (0 * b + 1)", {"a", "b"}, True),
        ("a * a + a", {"a"}, False),
        ("_x1 + X_2", {"_x1", "X_2"}, False),
    ],
)
def test_referenced_fields_and_divides(source, fields, divides):
    formula = parse_formula(source)
    assert formula.fields == frozenset(fields)
    assert formula.divides is divides


# Evaluation


def test_decimal_arithmetic_is_exact():
    assert value("0.1 + 0.2") == Decimal("0.3")
    assert value("a + b", a=0.1, b=0.2) == Decimal("0.3")  # floats by their shortest decimal form
    assert value("a * 3", a=Decimal("33.33")) == Decimal("99.99")
    assert value("price * quantity", price=Decimal("19.99"), quantity=3) == Decimal("59.97")
    assert value("a - b", a=Decimal("1.10"), b=Decimal("1.1")) == 0
    assert value("1 / 3 * 3") == Decimal("0.9999999999999999999999999999999999")  # 34 significant digits
    assert value("2 / 3") == Decimal("0." + "6" * 33 + "7")


def test_integer_inputs_stay_exact_beyond_float_precision():
    assert value("a + 1", a=10**20) == Decimal(10**20 + 1)


@pytest.mark.parametrize("source", ["a / 0", "a / (b - b)", "0 / 0", "1 + a / 0"])
def test_division_by_zero_is_empty(source):
    assert value(source, a=5, b=7) is None


@pytest.mark.parametrize(
    "values",
    [{}, {"a": None}, {"a": 1}, {"a": 1, "b": None}, {"a": True, "b": 1}, {"a": 1, "b": False}],
)
def test_missing_or_non_numeric_input_is_empty(values):
    assert parse_formula("a + b").evaluate(values) is None


def test_missing_input_is_empty_even_when_multiplied_by_zero():
    assert value("a * 0") is None


@settings(max_examples=200, deadline=None)
@given(
    a=st.decimals(min_value=-(10**6), max_value=10**6, places=2),
    b=st.decimals(min_value=-(10**6), max_value=10**6, places=2),
    c=st.integers(min_value=-1000, max_value=1000),
)
def test_evaluation_agrees_with_decimal_arithmetic(a, b, c):
    assert value("a + b * c", a=a, b=b, c=c) == a + b * c
    assert value("-(a - b) * c", a=a, b=b, c=c) == -(a - b) * c
    quotient = value("(a + b) / c", a=a, b=b, c=c)
    if c == 0:
        assert quotient is None
    else:
        with localcontext() as context:
            context.prec = 34
            assert quotient == (a + b) / c


# Through the validator


def _with_formula(formula: str) -> dict:
    document = copy.deepcopy(valid_document("minimal.json"))
    computed = next(field for field in document["entities"][0]["fields"] if field["id"] == "average")
    computed["formula"] = formula
    return document


def test_validator_reports_syntax_error_one_based_with_context():
    report = validate_definition(_with_formula("revenue / * quantity"))
    (problem,) = report.errors
    assert problem.code == "formula.syntax"
    assert problem.path == "/entities/0/fields/5/formula"
    assert problem.details["position"] == 11
    assert problem.details["near"] == "* quantity"


def test_validator_reports_unknown_and_non_numeric_fields():
    report = validate_definition(_with_formula("revenue / missing + stage"))
    assert sorted((problem.code, problem.details["field"]) for problem in report.errors) == [
        ("formula.not_numeric", "stage"),
        ("formula.unknown_field", "missing"),
    ]
