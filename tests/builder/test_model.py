"""Parsing a valid definition once into immutable typed objects."""

from __future__ import annotations

import dataclasses
from fractions import Fraction

import pytest

from builder import DefinitionInvalid, OrgDirectory, parse_definition, validate_definition
from builder.conditions.ast import ConditionGroup, ConditionRule, DefinitionReference, Operator
from builder.model import AppDefinition, FieldType, Label, Scope, Visibility
from builder.model import rules as r
from builder.model import views as v
from builder.model import workflows as w
from tests.support.definitions import definition, valid_document


@pytest.fixture(scope="module")
def app() -> AppDefinition:
    return parse_definition(valid_document("contract_approval.json"))


def test_app_level_properties(app):
    assert app.id == "contract_approval"
    assert app.label == Label(zh="合同审批", en="Contract approval")
    assert app.label.text("zh") == "合同审批" and app.label.text("en") == "Contract approval"
    assert app.timezone == "Asia/Shanghai"
    assert app.role_ids == {"rep", "manager", "director", "legal"}


def test_fields_are_typed(app):
    contract = app.entity("contract")
    amount = contract.field("amount")
    assert amount.type is FieldType.MONEY and amount.currency == "CNY" and amount.required
    assert amount.scale is None and amount.step == Fraction(1, 100)  # money defaults to cents
    assert contract.field("discount").step == Fraction(1, 10)  # an explicit scale wins
    assert contract.field("stage").option_ids == ("drafting", "negotiating", "signed", "lost")
    assert contract.field("customer").target_entity == "customer"
    assert contract.field("margin_note").visibility is Visibility.SUPERVISOR
    assert contract.field("margin_note").owner_may_narrow
    assert contract.field("created_at").system  # system fields resolve too
    assert contract.own_field("created_at") is None


def test_views_workflows_and_rules_are_typed(app):
    kinds = {view.id: type(view) for view in app.views}
    assert kinds == {
        "contracts": v.TableView,
        "pipeline": v.KanbanView,
        "signing_calendar": v.CalendarView,
        "contract_detail": v.DetailView,
        "sales_dashboard": v.DashboardView,
    }
    flow = app.workflow("contract_signoff")
    assert isinstance(flow.node("route"), w.BranchNode)
    director = flow.node("director_review")
    assert isinstance(director, w.ApprovalNode) and director.policy is w.ApprovalPolicy.ANY
    assert director.approvers[0].kind is w.PartyKind.SUPERVISOR_CHAIN and director.approvers[0].levels == 2
    medium = next(edge for edge in flow.edges if edge.id == "medium")
    assert isinstance(medium.condition, ConditionGroup)
    assert medium.condition.rules[0] == ConditionRule(field="amount", operator=Operator.GE, value=50000)
    large = next(edge for edge in flow.edges if edge.id == "large")
    assert large.condition.rules[0] == DefinitionReference(definition="large_contract")
    triggers = {rule.id: type(rule.trigger) for rule in app.rules}
    assert triggers["stale_negotiation"] is r.TimeElapsed
    assert triggers["weekly_digest"] is r.Schedule
    assert triggers["longer_cycle"] is r.AggregateTrigger
    stale = next(rule for rule in app.rules if rule.id == "stale_negotiation")
    assert stale.trigger.after.as_timedelta().total_seconds() == 72 * 3600
    create = stale.actions[1]
    assert isinstance(create, r.CreateRecordAction)
    assert dict(create.values)["contract"] == r.CopiedField(field="id")


def test_permissions_default_to_no_access(app):
    legal = next(grant for grant in app.permissions if grant.role == "legal")
    assert legal.read is Scope.ALL and legal.update is Scope.NONE and legal.where is not None


def test_model_objects_are_immutable(app):
    with pytest.raises(dataclasses.FrozenInstanceError):
        app.id = "other"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        app.entity("contract").fields[0].required = False  # type: ignore[misc]
    assert isinstance(app.entities, tuple) and isinstance(app.entity("contract").fields, tuple)


def test_parsing_keeps_the_document_order_and_equality_ignores_positions(app):
    reordered = definition("contract_approval.json")
    reordered["views"].reverse()
    other = parse_definition(reordered)
    assert other.views != app.views  # the order of the document is kept
    assert other.views == tuple(reversed(app.views))  # each view equals itself at its new place...
    assert other.views[0].path == "/views/0" and app.views[-1].path == "/views/4"  # ...though its pointer moved


def test_parse_refuses_a_definition_with_errors():
    document = definition()
    document["entities"][0]["fields"].append({"id": "select", "type": "text", "label": "Select"})
    with pytest.raises(DefinitionInvalid) as raised:
        parse_definition(document)
    assert [problem.code for problem in raised.value.report.errors] == ["id.reserved_word"]


def test_the_org_chart_checks_names_when_given():
    document = definition()
    document["workflows"][0]["nodes"][3]["approvers"] = [
        {"kind": "user", "user": "zhang.wei"},
        {"kind": "group_leader", "group": "east-squad"},
        {"kind": "supervisor"},
    ]
    assert validate_definition(document).is_valid  # without an org chart, names are not checked
    directory = OrgDirectory(
        users=frozenset({"li.na"}), groups=frozenset({"west-squad"}), users_without_supervisor=frozenset({"boss"})
    )
    report = validate_definition(document, directory)
    codes = {(problem.code, problem.path) for problem in report.problems}
    assert ("ref.unknown_user", "/workflows/0/nodes/3/approvers/0/user") in codes
    assert ("ref.unknown_group", "/workflows/0/nodes/3/approvers/1/group") in codes
    assert ("org.no_supervisor", "/workflows/0/nodes/3") in codes
    known = OrgDirectory(users=frozenset({"zhang.wei"}), groups=frozenset({"east-squad"}))
    assert validate_definition(document, known).is_valid
