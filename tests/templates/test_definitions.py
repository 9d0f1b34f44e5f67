"""Every template definition publishes cleanly: no validator problem at all, bilingual texts, the issue's rules."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest

from builder import OrgDirectory, validate_definition
from builder.model.views import DashboardView
from runtime.identity.demo_org import DEMO_GROUP, DEMO_USERS
from templates_library import library
from tests.templates.coverage_flows import FlowWalk
from tests.templates.sample_rows import Conditions, with_computed

TEMPLATES = library().templates
TEXT_KEYS = {"label", "description", "message", "title", "help"}
DEMO_DIRECTORY = OrgDirectory(
    users=frozenset(user.username for user in DEMO_USERS),
    groups=frozenset({DEMO_GROUP[0]}),
    users_without_supervisor=frozenset(user.username for user in DEMO_USERS if user.supervisor is None),
)


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda template: template.id)
def test_the_definition_has_no_problem_at_all(template):
    report = validate_definition(template.definition)
    assert [problem.to_json() for problem in report.problems] == []


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda template: template.id)
def test_users_and_groups_it_names_exist_in_the_demo_org(template):
    report = validate_definition(template.definition, DEMO_DIRECTORY)
    assert report.errors == ()
    # Supervisor approvals warn that the director, IT and admin have no supervisor: they never submit here.
    assert {problem.code for problem in report.warnings} <= {"org.no_supervisor"}


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda template: template.id)
def test_the_app_is_complete(template):
    model = template.model
    assert model.workflows and model.rules and model.permissions
    assert any(isinstance(view, DashboardView) for view in model.views)
    assert {form.entity for form in model.forms} == {entity.id for entity in model.entities}
    assert model.timezone == "Asia/Shanghai"


def _texts(node: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key in TEXT_KEYS and not isinstance(value, list):
                yield f"{path}/{key}", value
            if key != "values":  # the field values a create_record action writes: data, not labels
                yield from _texts(value, f"{path}/{key}")
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from _texts(item, f"{path}/{index}")


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda template: template.id)
def test_every_label_and_message_is_in_chinese_and_english(template):
    for path, text in _texts(template.definition):
        if isinstance(text, str):
            assert len(text) <= 5, f"{path}: only short codes may be written once for both languages ({text!r})"
        else:
            assert set(text) == {"zh", "en"}, path


def _route(template_id: str, workflow_id: str, values: dict[str, Any]) -> set[str]:
    """The nodes a record with these values can reach in a workflow (every approval both ways)."""
    model = library().get(template_id).model
    walk = FlowWalk(model.workflow(workflow_id), Conditions(model), datetime.now(UTC))
    walk.record({"id": 1, **values})
    return walk.nodes


@pytest.mark.parametrize(
    ("amount", "first_approver", "skipped"),
    [
        (49999.99, "group_sign", {"manager_review", "manager_first", "director_review"}),
        (50000, "manager_review", {"group_sign", "manager_first", "director_review"}),
        (500000, "manager_review", {"group_sign", "manager_first", "director_review"}),
        (500000.01, "manager_first", {"group_sign", "manager_review"}),
    ],
)
def test_contracts_are_routed_by_the_issues_amounts(amount, first_approver, skipped):
    reached = _route("contract_approval", "contract_signoff", {"amount": amount})
    assert first_approver in reached and not reached & skipped
    assert "approved" in reached
    assert ("revise" in reached) is (first_approver != "group_sign")  # a rejection goes back to the rep
    assert ("director_review" in reached) is (first_approver == "manager_first")


@pytest.mark.parametrize(
    ("template_id", "definition", "entity", "holds", "fails"),
    [
        (
            "inventory_health",
            "stockout_risk",
            "stock_level",
            {"on_hand": 199, "weekly_sell_out": 100},
            {"on_hand": 200, "weekly_sell_out": 100},
        ),
        (
            "cs_circuit_breaker",
            "breaker_condition",
            "account",
            {"baseline_nps": 50, "nps_last_quarter": 35, "nps_this_quarter": 30},
            {"baseline_nps": 50, "nps_last_quarter": 36, "nps_this_quarter": 30},
        ),
        (
            "quote_strategy",
            "slower_same_line",
            "quote",
            {"previous_cycle_days": 100, "last_cycle_days": 115, "same_product_line": True},
            {"previous_cycle_days": 100, "last_cycle_days": 115, "same_product_line": False},
        ),
        ("lead_response", "hot_lead", "lead", {"intent_score": 80}, {"intent_score": 79}),
    ],
)
def test_the_issues_thresholds(template_id, definition, entity, holds, fails):
    template = library().get(template_id)
    condition = {"combinator": "and", "rules": [{"definition": definition}]}
    predicate = Conditions(template.model).raw(condition, entity)
    fields = template.model.entity(entity)
    now = datetime.now(UTC)
    assert predicate(with_computed(fields, holds), now)
    assert not predicate(with_computed(fields, fails), now)
