"""The semantic diff: every change kind from edits of the corpus app, renames, and identical documents."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from builder import parse_definition, validate_definition
from builder.diff import AppDiff, Change, ChangeKind, Renames, diff_definitions
from tests.support.definitions import definition

Edit = Callable[[dict[str, Any]], None]


def changed(edit: Edit, renames: Renames | None = None) -> AppDiff:
    """The diff of the contract app against a copy changed by `edit` (which must stay valid)."""
    document = definition("contract_approval.json")
    edit(document)
    assert validate_definition(document).is_valid, [problem.code for problem in validate_definition(document).errors]
    return diff_definitions(parse_definition(definition("contract_approval.json")), parse_definition(document), renames)


def only(diff: AppDiff) -> Change:
    assert len(diff.changes) == 1, diff.kinds()
    return diff.changes[0]


def _field(document: dict[str, Any], entity: int, field: int) -> dict[str, Any]:
    return document["entities"][entity]["fields"][field]


def _add_region(document):
    document["entities"][1]["fields"].append({"id": "region", "type": "text", "label": {"zh": "区域", "en": "Region"}})


def _add_role(document):
    document["roles"].append({"id": "finance", "label": "Finance"})


def _add_entity(document):
    document["entities"].append(
        {"id": "note", "label": "Note", "fields": [{"id": "text", "type": "text", "label": "Text"}]}
    )


def _new_widget(document):
    document["views"][4]["widgets"].append(
        {"id": "count", "kind": "kpi", "label": "Count", "entity": "contract", "aggregate": {"function": "count"}}
    )


def _new_node(document):
    flow = document["workflows"][0]
    flow["nodes"].append(
        {"id": "tell_legal", "kind": "notify", "to": [{"kind": "role", "role": "legal"}], "message": "x"}
    )
    flow["edges"][-2]["to"] = "tell_legal"
    flow["edges"].append({"id": "legal_told", "from": "tell_legal", "to": "approved"})


# (edit, kind, subject, path): one edit per change kind, each producing exactly that change.
SINGLE_CHANGES: list[tuple[Edit, ChangeKind, str, str]] = [
    (lambda d: d.update(timezone="UTC"), ChangeKind.APP_CHANGED, "contract_approval", ""),
    (_add_role, ChangeKind.ROLE_ADDED, "finance", "/roles/4"),
    (lambda d: d["roles"][3].update(label="Law"), ChangeKind.ROLE_CHANGED, "legal", "/roles/3"),
    (_add_entity, ChangeKind.ENTITY_ADDED, "note", "/entities/3"),
    (lambda d: d["entities"][2].update(label="Task"), ChangeKind.ENTITY_RELABELLED, "follow_up", "/entities/2"),
    (lambda d: d["entities"][0].update(icon="star"), ChangeKind.ENTITY_CHANGED, "customer", "/entities/0"),
    (_add_region, ChangeKind.FIELD_ADDED, "contract.region", "/entities/1/fields/11"),
    (
        lambda d: _field(d, 0, 5).update(type="text"),
        ChangeKind.FIELD_RETYPED,
        "customer.website",
        "/entities/0/fields/5",
    ),
    (
        lambda d: _field(d, 0, 5).update(label="Site"),
        ChangeKind.FIELD_RELABELLED,
        "customer.website",
        "/entities/0/fields/5",
    ),
    (
        lambda d: _field(d, 2, 0).update(max_length=80),
        ChangeKind.FIELD_CHANGED,
        "follow_up.subject",
        "/entities/2/fields/0",
    ),
    (
        lambda d: _field(d, 0, 1)["options"].append({"id": "finance", "label": "Finance"}),
        ChangeKind.OPTION_ADDED,
        "customer.industry.finance",
        "/entities/0/fields/1/options/3",
    ),
    (
        lambda d: _field(d, 0, 1)["options"].pop(2),
        ChangeKind.OPTION_REMOVED,
        "customer.industry.energy",
        "/entities/0/fields/1/options/2",
    ),
    (
        lambda d: _field(d, 0, 1)["options"][1].update(label={"zh": "零售业", "en": "Retail"}),
        ChangeKind.OPTION_RELABELLED,
        "customer.industry.retail",
        "/entities/0/fields/1/options/1",
    ),
    (
        lambda d: _field(d, 0, 1)["options"][0].update(color="#ff0000"),
        ChangeKind.OPTION_CHANGED,
        "customer.industry.manufacturing",
        "/entities/0/fields/1/options/0",
    ),
    (lambda d: d["forms"].pop(1), ChangeKind.FORM_REMOVED, "customer_form", "/forms/1"),
    (lambda d: d["forms"][0]["sections"][2].update(columns=2), ChangeKind.FORM_CHANGED, "contract_form", "/forms/0"),
    (lambda d: d["views"].pop(2), ChangeKind.VIEW_REMOVED, "signing_calendar", "/views/2"),
    (lambda d: d["views"][1].update(card_fields=["amount"]), ChangeKind.VIEW_CHANGED, "pipeline", "/views/1"),
    (_new_widget, ChangeKind.WIDGET_ADDED, "sales_dashboard.count", "/views/4/widgets/6"),
    (
        lambda d: d["views"][4]["widgets"].pop(5),
        ChangeKind.WIDGET_REMOVED,
        "sales_dashboard.top_contracts",
        "/views/4/widgets/5",
    ),
    (
        lambda d: d["views"][4]["widgets"][0].update(target=3000000),
        ChangeKind.WIDGET_CHANGED,
        "sales_dashboard.signed_total",
        "/views/4/widgets/0",
    ),
    (
        lambda d: d["workflows"][0].update(label="Sign-off"),
        ChangeKind.WORKFLOW_CHANGED,
        "contract_signoff",
        "/workflows/0",
    ),
    (
        lambda d: d["workflows"][0]["nodes"][5].update(policy="all"),
        ChangeKind.NODE_CHANGED,
        "contract_signoff.director_review",
        "/workflows/0/nodes/5",
    ),
    (
        lambda d: d["workflows"][0]["edges"][0].update(label="go"),
        ChangeKind.EDGE_CHANGED,
        "contract_signoff.submitted",
        "/workflows/0/edges/0",
    ),
    (lambda d: d["permissions"].pop(2), ChangeKind.PERMISSION_REMOVED, "rep.follow_up", "/permissions/2"),
    (
        lambda d: d["permissions"].append({"role": "legal", "entity": "customer", "read": "all"}),
        ChangeKind.PERMISSION_ADDED,
        "legal.customer",
        "/permissions/7",
    ),
    (
        lambda d: d["permissions"][0].update(read="team"),
        ChangeKind.PERMISSION_SCOPE_CHANGED,
        "rep.contract",
        "/permissions/0/read",
    ),
    (
        lambda d: d["permissions"][6].pop("where"),
        ChangeKind.PERMISSION_WHERE_CHANGED,
        "legal.contract",
        "/permissions/6/where",
    ),
    (lambda d: d["rules"].pop(4), ChangeKind.RULE_REMOVED, "weekly_digest", "/rules/4"),
    (lambda d: d["rules"][3].update(enabled=False), ChangeKind.RULE_CHANGED, "new_big_contract", "/rules/3"),
    (
        lambda d: d["definitions"][0].update(label="Big"),
        ChangeKind.DEFINITION_CHANGED,
        "large_contract",
        "/definitions/0",
    ),
]


@pytest.mark.parametrize(
    ("edit", "kind", "subject", "path"), SINGLE_CHANGES, ids=[str(item[1]) for item in SINGLE_CHANGES]
)
def test_each_change_kind_is_reported_once_with_its_path(edit, kind, subject, path):
    change = only(changed(edit))
    assert (change.kind, change.subject, change.path) == (kind, subject, path)


def test_identical_documents_have_an_empty_diff():
    for name in ("minimal.json", "contract_approval.json"):
        same = parse_definition(definition(name))
        result = diff_definitions(same, parse_definition(definition(name)))
        assert result.is_empty and result.to_json()["changes"] == []


def test_a_field_change_lists_every_property_that_changed():
    change = only(changed(lambda d: _field(d, 0, 0).update(required=False, visibility="collaborators", max_length=99)))
    assert [(item.name, item.old, item.new) for item in change.properties] == [
        ("required", True, False),
        ("visibility", "everyone", "collaborators"),
        ("max_length", 120, 99),
    ]
    money = only(changed(lambda d: _field(d, 1, 2).update(min=10, currency="USD")))
    assert [(item.name, item.old, item.new) for item in money.properties] == [
        ("min", 0, 10),
        ("currency", "CNY", "USD"),
    ]


def test_a_removed_field_points_into_the_old_document():
    def edit(document):
        document["entities"][2]["fields"].pop(2)
        document["views"][3]["related"][0]["columns"].remove("due")

    result = changed(edit)
    assert result.kinds() == ["field.removed", "view.changed"]
    assert (result.changes[0].subject, result.changes[0].path) == ("follow_up.due", "/entities/2/fields/2")
    assert result.changes[0].old == {"type": "date", "label": {"zh": "截止日期", "en": "Due date"}}


def test_a_formula_change_is_a_property():
    change = only(changed(lambda d: _field(d, 1, 6).update(formula="unit_price", scale=3)))
    properties = {item.name: (item.old, item.new) for item in change.properties}
    assert properties == {"formula": ("unit_price * (100 - discount) / 100", "unit_price"), "scale": (2, 3)}


def test_an_edge_condition_change_shows_the_old_and_new_thresholds():
    def edit(document):
        document["workflows"][0]["edges"][1]["condition"]["rules"][0]["value"] = 100000
        document["workflows"][0]["edges"][2]["condition"]["rules"][0]["value"] = 100000

    result = changed(edit)
    assert result.kinds() == ["workflow.condition_changed"] * 2
    medium = result.changes[1]
    assert medium.path == "/workflows/0/edges/2/condition" and medium.note == "route→manager_review"
    assert medium.old["rules"][0] == {"field": "amount", "operator": ">=", "value": 50000}
    assert medium.new["rules"][0] == {"field": "amount", "operator": ">=", "value": 100000}


def test_nodes_and_edges_added_and_removed():
    result = changed(_new_node)
    assert result.kinds() == ["workflow.node_added", "workflow.edge_added", "workflow.edge_changed"]
    assert result.changes[2].properties[0].name == "target"
    assert (result.changes[2].properties[0].old, result.changes[2].properties[0].new) == ("approved", "tell_legal")
    back = diff_definitions(*(parse_definition(document) for document in _pair(_new_node)[::-1]))
    assert back.kinds() == ["workflow.node_removed", "workflow.edge_removed", "workflow.edge_changed"]
    assert back.changes[0].path == "/workflows/0/nodes/10"  # removals point into the old document


def _pair(edit: Edit) -> tuple[dict[str, Any], dict[str, Any]]:
    document = definition("contract_approval.json")
    edit(document)
    return definition("contract_approval.json"), document


def test_workflows_rules_views_definitions_added_and_removed():
    old, new = (parse_definition(document) for document in _pair(lambda d: None))
    bare = parse_definition(definition("minimal.json"))
    added = diff_definitions(bare, old).kinds()
    for kind in (
        "entity.added",
        "workflow.added",
        "rule.added",
        "view.added",
        "definition.added",
        "form.added",
        "permission.added",
        "role.added",
    ):
        assert kind in added
    removed = diff_definitions(new, bare).kinds()
    for kind in (
        "entity.removed",
        "workflow.removed",
        "rule.removed",
        "view.removed",
        "definition.removed",
        "role.removed",
    ):
        assert kind in removed


def _rename_quantity(document):
    _field(document, 1, 4)["id"] = "qty"
    document["forms"][0]["sections"][1]["fields"][0] = "qty"


def test_a_field_rename_is_a_rename_only_when_given():
    renamed = changed(_rename_quantity, Renames.from_pairs({}, {"contract.quantity": "qty"}))
    assert renamed.kinds() == ["field.renamed", "form.changed"]
    assert (renamed.changes[0].subject, renamed.changes[0].old, renamed.changes[0].new) == (
        "contract.qty",
        "quantity",
        "qty",
    )
    assert changed(_rename_quantity).kinds() == ["field.added", "field.removed", "form.changed"]


def _rename_follow_up(document):
    document["entities"][2]["id"] = "task"
    document["entities"][2]["fields"][3]["id"] = "finished"
    document["rules"][0]["actions"][1]["entity"] = "task"
    document["rules"][0]["actions"][1]["values"]["finished"] = document["rules"][0]["actions"][1]["values"].pop("done")
    document["views"][3]["related"][0].update(entity="task", columns=["subject", "due", "finished"])
    document["permissions"][2]["entity"] = "task"


def test_an_entity_rename_carries_its_fields_and_permissions():
    renames = Renames.from_pairs({"follow_up": "task"}, {"follow_up.done": "finished"})
    result = changed(_rename_follow_up, renames)
    assert result.kinds() == ["entity.renamed", "field.renamed", "view.changed", "rule.changed"]  # no permission change
    assert result.changes[1].subject == "task.finished"
    plain = changed(_rename_follow_up)
    assert {"entity.added", "entity.removed", "permission.added", "permission.removed"} <= set(plain.kinds())


def test_rule_changes_name_the_leaf_that_changed():
    change = only(changed(lambda d: d["rules"][0]["trigger"]["after"].update(amount=48)))
    assert [(item.name, item.old, item.new) for item in change.properties] == [
        ("trigger.after", {"amount": 72, "unit": "hours"}, {"amount": 48, "unit": "hours"})
    ]


def test_json_is_in_kind_order_then_path_order():
    def edit(document):
        document["permissions"][0]["read"] = "team"
        for index in (9, 2):
            _field(document, 1, index)["required"] = True
        _add_region(document)

    data = changed(edit).to_json()
    assert [(item["kind"], item["path"]) for item in data["changes"]] == [
        ("field.added", "/entities/1/fields/11"),
        ("field.changed", "/entities/1/fields/9"),
        ("permission.scope_changed", "/permissions/0/read"),
    ]
    assert data["changes"][0]["new"] == {"type": "text", "label": {"zh": "区域", "en": "Region"}}
    assert data["changes"][1]["properties"] == [{"name": "required", "old": False, "new": True}]
