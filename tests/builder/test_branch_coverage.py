"""Branch coverage: masks agree with the predicates, reported gaps and overlaps are real, messages are precise."""

from __future__ import annotations

import copy
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

from builder import validate_definition
from builder.conditions.evaluate import compile_predicate
from builder.conditions.parse import parse_condition
from builder.conditions.typecheck import check_condition
from builder.flows.branch_analysis import analyse_branch
from builder.flows.coverage import coverage_problems
from builder.model.workflows import Edge
from tests.support.condition_strategies import (
    group,
    lookup,
    make_definition,
    make_entity,
    make_field,
    nested_conditions,
    numeric_rules,
    rule,
)
from tests.support.definitions import valid_document

NOW = datetime(2024, 3, 10, 12, 0, tzinfo=UTC)
REGIONS = ("north", "south", "west")
ORDER = make_entity(
    "order",
    make_field("amount", "money", required=True, min=0),
    make_field("quantity", "integer"),
    make_field("region", "choice", required=True, options=REGIONS),
    make_field("urgent", "boolean"),
    make_field("rate", "number"),  # continuous: open cells keep their open bounds
)
DEFINITIONS = lookup(make_definition("big", "order", group(rule("amount", ">=", 100))))
AMOUNT_CONSTANTS = (-5, 0, 0.005, 0.01, 99.99, 100, 100.005, 250.5, 50000)
QUANTITY_CONSTANTS = (-1, 0, 1, 2, 2.5, 3, 10)
RATE_CONSTANTS = (-1, 0, 0.1, 0.5, 12.5)


def _finite_rules(field_id: str, values: tuple, with_lists: bool) -> st.SearchStrategy[dict]:
    operators = ("=", "!=", "in", "notIn", "null", "notNull") if with_lists else ("=", "!=", "null", "notNull")

    def build(operator: str, chosen: list) -> dict:
        return rule(field_id, operator, chosen if operator in ("in", "notIn") else chosen[0])

    return st.builds(build, st.sampled_from(operators), st.lists(st.sampled_from(values), min_size=1, max_size=3))


LEAVES = {
    "amount": numeric_rules("amount", AMOUNT_CONSTANTS) | st.just({"definition": "big"}),
    "quantity": numeric_rules("quantity", QUANTITY_CONSTANTS),
    "rate": numeric_rules("rate", RATE_CONSTANTS),
    "region": _finite_rules("region", REGIONS, with_lists=True),
    "urgent": _finite_rules("urgent", (True, False), with_lists=False),
}


@st.composite
def edge_condition(draw) -> dict:
    """A random condition over one or two of the fields."""
    fields = draw(st.lists(st.sampled_from(sorted(LEAVES)), min_size=1, max_size=2, unique=True))
    return draw(nested_conditions(st.one_of(*(LEAVES[field_id] for field_id in fields)), max_leaves=5))


@st.composite
def branches(draw) -> tuple[str, list[dict]]:
    """Edge conditions: random; random plus a catch-all; or a partition (first match wins, then the rest)."""
    mode = draw(st.sampled_from(("random", "catch_all", "partition")))
    conditions = draw(st.lists(edge_condition(), min_size=1, max_size=4 if mode == "random" else 3))
    if mode == "catch_all":
        conditions.append(group(*conditions, combinator="or", negated=True))
    elif mode == "partition":
        conditions = [
            group(item, *(group(earlier, negated=True) for earlier in conditions[:index]))
            for index, item in enumerate(conditions)
        ]
        conditions.append(group(*conditions, combinator="or", negated=True))
    return mode, conditions


def make_edges(conditions: list[dict]) -> list[Edge]:
    edges = []
    for index, condition in enumerate(conditions):
        path = f"/workflows/0/edges/{index}"
        parsed = parse_condition(condition, f"{path}/condition")
        assert check_condition(parsed, ORDER, DEFINITIONS) == [], condition
        edges.append(Edge(id=f"e{index}", source="route", target=f"t{index}", condition=parsed, path=path))
    return edges


def taken(predicates, record: dict) -> tuple[int, ...]:
    return tuple(number for number, test in enumerate(predicates) if test(record, NOW))


# Records within the fields' bounds and steps, with values next to the constants compared with.
NEAR_AMOUNTS = "0 0.01 99.98 99.99 100 100.01 250.49 250.5 250.51 49999.99 50000 50000.01 10000000"
AMOUNTS = st.sampled_from([Decimal(text) for text in NEAR_AMOUNTS.split()]) | st.decimals(
    min_value=0, max_value=60000, places=2
)
RECORDS = st.fixed_dictionaries(
    {
        "amount": AMOUNTS,
        "quantity": st.none() | st.integers(min_value=-3, max_value=12),
        "region": st.sampled_from(REGIONS),
        "urgent": st.none() | st.booleans(),
        "rate": st.none()
        | st.sampled_from([Decimal(text) for text in ("-1", "0", "0.1", "0.5", "12.5")])
        | st.decimals(min_value=-2, max_value=20, places=4),
    }
)


@settings(max_examples=150, deadline=None)
@given(branch=branches(), records=st.lists(RECORDS, min_size=10, max_size=10))
def test_masks_agree_with_predicates_and_reports_are_real(branch, records):
    mode, conditions = branch
    edges = make_edges(conditions)
    predicates = [compile_predicate(edge.condition, ORDER, DEFINITIONS) for edge in edges]
    analysis = analyse_branch(edges, ORDER, DEFINITIONS)

    for index in range(analysis.total):
        cells = analysis.cells_at(index)
        if any(cell is None for cell in cells):
            continue
        record = {dimension.field.id: cell.value for dimension, cell in zip(analysis.dimensions, cells, strict=True)}
        assert taken(predicates, record) == analysis.matching(index), f"cell {index}: {record}"

    problems = list(coverage_problems(analysis, "route", "/workflows/0/nodes/1", has_default=False))
    event(f"{mode}, {'some problems' if problems else 'no problem'}")
    for problem in problems:
        example = dict(problem.details["values"])
        if problem.code == "flow.branch_gap":
            assert taken(predicates, example) == (), problem.message_en
        else:
            matched = taken(predicates, example)
            assert len(matched) >= 2, problem.message_en
            assert problem.details["edges"] == ", ".join(f"e{number}" for number in matched)
            assert problem.path == edges[matched[-1]].path
    if mode == "partition":
        assert problems == []
    if mode == "catch_all":
        assert [problem for problem in problems if problem.code == "flow.branch_gap"] == []
    if not problems:
        for record in records:
            assert len(taken(predicates, record)) == 1, record


def test_no_conditional_field_gives_one_cell():
    edges = make_edges([group(), group(combinator="or")])
    analysis = analyse_branch(edges, ORDER, DEFINITIONS)
    assert (analysis.total, analysis.matching(0), analysis.cells_at(0)) == (1, (0,), ())
    assert list(coverage_problems(analysis, "route", "/n", has_default=False)) == []


def test_the_first_numeric_field_varies_fastest():
    edges = make_edges([group(rule("region", "=", "north"), rule("quantity", ">", 1), rule("amount", "<", 5))])
    analysis = analyse_branch(edges, ORDER, DEFINITIONS)
    assert [dimension.field.id for dimension in analysis.dimensions] == ["region", "amount", "quantity"]
    assert analysis.primary.field.id == "quantity"


# Messages and paths, through the validator

BRANCH_NODE = "/workflows/0/nodes/1"


def branch_document(*conditions: dict, targets: tuple[str, ...] = (), default: bool = False) -> dict:
    """minimal.json with the edges leaving node 'route' replaced by b0, b1, … (after the other edges)."""
    # b0 leads to the automatic approval and the others to the manager unless `targets` say otherwise.
    document = copy.deepcopy(valid_document("minimal.json"))
    document["entities"][0]["fields"] += [
        {"id": "urgent", "type": "boolean", "label": "Urgent"},
        {"id": "closing", "type": "date", "label": "Closing"},
    ]
    workflow = document["workflows"][0]
    workflow["edges"] = [edge for edge in workflow["edges"] if edge["from"] != "route"]
    for index, condition in enumerate(conditions):
        target = targets[index] if targets else ("auto" if index == 0 else "manager")
        workflow["edges"].append({"id": f"b{index}", "from": "route", "to": target, "condition": condition})
    if default:
        workflow["edges"].append({"id": "b_default", "from": "route", "to": "manager", "default": True})
    return document


def problems(document: dict) -> list[tuple[str, str, str]]:
    return [(problem.code, problem.path, problem.message_en) for problem in validate_definition(document).problems]


def branch_edge(index: int) -> str:
    return f"/workflows/0/edges/{5 + index}"  # five edges of minimal.json do not leave 'route'


def test_minimal_definition_has_no_coverage_problem():
    assert problems(valid_document("minimal.json")) == []


def test_gap_between_less_and_greater_is_the_point():
    document = branch_document(group(rule("amount", "<", 50000)), group(rule("amount", ">", 50000)))
    assert problems(document) == [
        (
            "flow.branch_gap",
            branch_edge(1),
            "amount = 50000 matches no branch of node 'route' (for example amount = 50000).",
        )
    ]
    (problem,) = validate_definition(document).problems
    assert problem.details["values"] == {"amount": Decimal(50000)}


def test_gap_below_the_lowest_branch_is_reported_on_the_edge_above_it():
    document = branch_document(group(rule("amount", ">=", 100)), group(rule("amount", ">", 1000)))
    found = problems(document)
    assert found[0] == (
        "flow.branch_gap",
        branch_edge(0),
        "0 <= amount <= 99.99 matches no branch of node 'route' (for example amount = 0).",
    )


def test_gap_above_the_highest_branch_is_reported_on_the_edge_below_it():
    document = branch_document(group(rule("amount", "<", 100)), group(rule("amount", "between", [100, 500])))
    assert problems(document) == [
        (
            "flow.branch_gap",
            branch_edge(1),
            "amount >= 500.01 matches no branch of node 'route' (for example amount = 500.01).",
        )
    ]


def test_overlap_names_the_edges_and_is_reported_on_the_last():
    document = branch_document(
        group(rule("amount", "<=", 50000)), group(rule("amount", ">=", 50000)), group(rule("amount", ">", 60000))
    )
    assert problems(document) == [
        (
            "flow.branch_overlap",
            branch_edge(1),
            "amount = 50000 matches more than one branch of node 'route': b0, b1 (for example amount = 50000).",
        ),
        (
            "flow.branch_overlap",
            branch_edge(2),
            "amount >= 60000.01 matches more than one branch of node 'route': b1, b2 (for example amount = 60000.01).",
        ),
    ]


@pytest.mark.parametrize(
    ("conditions", "expected"),
    [
        # Money moves in cents: nothing lies between 99.99 and 100.
        ((group(rule("amount", "<=", 99.99)), group(rule("amount", ">=", 100))), []),
        ((group(rule("amount", "<", 100)), group(rule("amount", ">=", 100.01))), ["amount = 100"]),
        ((group(rule("amount", "<", 100)), group(rule("amount", ">", 100.005))), ["amount = 100"]),
        ((group(rule("amount", "<", 0.005)), group(rule("amount", ">=", 0.01))), []),
        # Integers move in ones: 9 and 10 are neighbours, 2.5 is no value.
        ((group(rule("quantity", "<=", 9)), group(rule("quantity", ">=", 10))), ["quantity = null"]),
        ((group(rule("quantity", "<", 2.5)), group(rule("quantity", ">", 2.5))), ["quantity = null"]),
        ((group(rule("quantity", "<", 10)), group(rule("quantity", ">", 10))), ["quantity = 10", "quantity = null"]),
        (
            (group(rule("quantity", "<", 0)), group(rule("quantity", ">", 3)), group(rule("quantity", "null"))),
            ["0 <= quantity <= 3"],
        ),
        # Plain numbers are continuous.
        (
            (group(rule("revenue", "<=", 9)), group(rule("revenue", ">=", 10))),
            ["9 < revenue < 10", "revenue = null"],
        ),
    ],
)
def test_gaps_follow_the_step_of_the_field(conditions, expected):
    found = problems(branch_document(*conditions))
    assert [code for code, _path, _message in found] == ["flow.branch_gap"] * len(expected)
    assert [message.split(" matches ")[0] for _code, _path, message in found] == expected


def test_empty_optional_field_is_a_gap_reported_on_the_node():
    document = branch_document(group(rule("quantity", "<=", 9)), group(rule("quantity", ">=", 10)))
    assert problems(document) == [
        (
            "flow.branch_gap",
            BRANCH_NODE,
            "quantity = null matches no branch of node 'route' (for example quantity = null).",
        )
    ]
    covered = branch_document(
        group(rule("quantity", "<=", 9)), group(rule("quantity", ">=", 10), rule("quantity", "null"), combinator="or")
    )
    assert problems(covered) == []


def test_not_equal_takes_the_empty_value_and_overlaps_with_null():
    document = branch_document(
        group(rule("quantity", "!=", 1)), group(rule("quantity", "in", [1])), group(rule("quantity", "null"))
    )
    assert [(code, message.split(" matches ")[0]) for code, _path, message in problems(document)] == [
        ("flow.branch_overlap", "quantity = null")
    ]


def test_default_edge_takes_the_gaps_but_not_the_overlaps():
    gap = branch_document(group(rule("amount", "<", 50000)), group(rule("amount", ">", 50000)), default=True)
    assert problems(gap) == []
    overlap = branch_document(group(rule("amount", "<=", 5)), group(rule("amount", ">=", 5)), default=True)
    assert [code for code, _path, _message in problems(overlap)] == ["flow.branch_overlap"]


def test_two_fields_are_reported_together():
    document = branch_document(group(rule("stage", "=", "open")), group(rule("amount", ">=", 50000)))
    assert problems(document) == [
        (
            "flow.branch_overlap",
            branch_edge(1),
            "amount >= 50000, stage = open matches more than one branch of node 'route': b0, b1 "
            "(for example amount = 50000, stage = open).",
        ),
        (
            "flow.branch_gap",
            branch_edge(1),
            "0 <= amount <= 49999.99, stage = won matches no branch of node 'route' "
            "(for example amount = 0, stage = won).",
        ),
    ]


def test_boolean_branches_cover_true_false_and_empty():
    two = branch_document(group(rule("urgent", "=", True)), group(rule("urgent", "=", False)))
    assert problems(two) == [
        ("flow.branch_gap", BRANCH_NODE, "urgent = null matches no branch of node 'route' (for example urgent = null).")
    ]
    assert problems(branch_document(group(rule("urgent", "=", True)), group(rule("urgent", "!=", True)))) == []


def test_semantic_definition_in_a_branch_is_expanded():
    document = branch_document(group({"definition": "open_deal"}), group(rule("stage", "=", "won")))
    assert problems(document) == []
    document["definitions"][0]["condition"] = group(rule("stage", "in", ["open", "won"]))
    assert [code for code, _path, _message in problems(document)] == ["flow.branch_overlap"]


@pytest.mark.parametrize(
    ("condition", "reason"),
    [
        (group(rule("name", "contains", "VIP")), "'name' is compared with contains"),
        (group(rule("name", "beginsWith", "A")), "'name' is compared with beginsWith"),
        (group(rule("closing", "withinLast", {"amount": 7, "unit": "days"})), "'closing' is compared with withinLast"),
        (group(rule("closing", "<", "2024-01-01")), "'closing' is a date field"),
    ],
)
def test_unprovable_coverage_is_a_warning_unless_there_is_a_default(condition, reason):
    document = branch_document(condition, group(rule("amount", ">", 5)))
    assert problems(document) == [
        (
            "flow.coverage_unprovable",
            BRANCH_NODE,
            f"Cannot prove that the branches of node 'route' cover every case ({reason}); add a default edge.",
        )
    ]
    report = validate_definition(document)
    assert report.is_valid
    assert problems(branch_document(condition, group(rule("amount", ">", 5)), default=True)) == []


def test_fewer_levels_for_a_larger_amount_is_a_warning():
    inverted = branch_document(
        group(rule("amount", "<", 50000)), group(rule("amount", ">=", 50000)), targets=("manager", "auto")
    )
    assert problems(inverted) == [
        (
            "flow.fewer_levels",
            branch_edge(1),
            "amount >= 50000 gets 0 approval level(s) but 0 <= amount <= 49999.99 gets 1.",
        )
    ]
    assert validate_definition(inverted).is_valid
    ordered = branch_document(
        group(rule("amount", "<", 50000)), group(rule("amount", ">=", 50000)), targets=("auto", "manager")
    )
    assert problems(ordered) == []


def test_fewer_levels_counts_the_default_edge():
    document = branch_document(group(rule("amount", "<", 1000)), targets=("manager",), default=False)
    document["workflows"][0]["edges"].append({"id": "b_rest", "from": "route", "to": "auto", "default": True})
    assert problems(document) == [
        (
            "flow.fewer_levels",
            "/workflows/0/edges/6",
            "amount >= 1000 gets 0 approval level(s) but 0 <= amount <= 999.99 gets 1.",
        )
    ]


def test_fewer_levels_is_found_when_the_default_spans_both_sides():
    document = branch_document(
        group(rule("amount", ">=", 1000), rule("amount", "<", 10000)),
        group(rule("amount", ">=", 10000), rule("amount", "<=", 1000000)),
        targets=("manager", "auto"),
    )
    workflow = document["workflows"][0]
    workflow["nodes"].append({"id": "director", "kind": "approval", "approvers": [{"kind": "role", "role": "manager"}]})
    workflow["edges"] += [
        {"id": "e_director", "from": "director", "to": "manager", "outcome": "approve"},
        {"id": "e_director_no", "from": "director", "to": "revise", "outcome": "reject"},
        {"id": "b_rest", "from": "route", "to": "director", "default": True},
    ]
    assert problems(document) == [
        (
            "flow.fewer_levels",
            branch_edge(1),
            "10000 <= amount <= 1000000 gets 0 approval level(s) but 1000 <= amount <= 9999.99 gets 1.",
        )
    ]


def test_text_branches_have_a_cell_for_every_other_value():
    named = branch_document(group(rule("name", "=", "A")), group(rule("name", "=", "B")))
    assert problems(named) == [
        (
            "flow.branch_gap",
            BRANCH_NODE,
            "name ∉ {A, B} matches no branch of node 'route' (for example name ∉ {A, B}).",
        )
    ]
    assert problems(branch_document(group(rule("name", "=", "other0")), group(rule("name", "!=", "other0")))) == []
    assert problems(branch_document(group(rule("owner", "in", ["ann"])), group(rule("owner", "notIn", ["ann"])))) == []


def _computed_document(formula: str, field_id: str = "derived") -> dict:
    document = branch_document(group(rule(field_id, "<", 5)), group(rule(field_id, ">=", 5)))
    document["entities"][0]["fields"].append(
        {"id": field_id, "type": "computed", "label": field_id, "formula": formula}
    )
    return document


@pytest.mark.parametrize(
    ("formula", "gaps"),
    [
        ("amount * 2 - 1", []),  # required inputs: never empty
        ("amount + quantity", ["derived = null"]),  # quantity is optional
        ("amount / quantity", ["derived = null"]),
    ],
)
def test_computed_field_is_empty_only_when_an_input_may_be(formula, gaps):
    found = problems(_computed_document(formula))
    assert [message.split(" matches ")[0] for _code, _path, message in found] == gaps


def test_division_by_a_constant_never_makes_a_computed_field_empty():
    assert problems(_computed_document("amount / 2")) == []


def test_formula_cycle_used_in_a_branch_is_reported_as_a_cycle():
    document = branch_document(group(rule("c1", "<", 5)), group(rule("c1", ">=", 5)))
    document["entities"][0]["fields"] += [
        {"id": "c1", "type": "computed", "label": "c1", "formula": "c2 + 1"},
        {"id": "c2", "type": "computed", "label": "c2", "formula": "c1 + 1"},
    ]
    codes = [code for code, _path, _message in problems(document)]
    assert "formula.cycle" in codes
    assert "document.too_deep" not in codes


def test_two_numeric_fields_are_both_named_in_the_message():
    document = branch_document(
        group(rule("amount", "<", 100), rule("quantity", ">", 1)),
        group(rule("amount", ">=", 100)),
        group(rule("quantity", "<=", 1)),
    )
    found = problems(document)
    assert "flow.branch_overlap" in [code for code, _path, _message in found]
    for _code, _path, message in found:
        where = message.split(" matches ")[0]  # today: "amount >= 100, " for the overlap
        assert where.startswith("amount ") or " amount " in where, message
        assert "quantity" in where, message
        assert not where.endswith(","), message
