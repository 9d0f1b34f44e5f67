"""The contract flow end to end over HTTP with the demo org: routing by amount, lock, reject and resubmit."""

from __future__ import annotations

from typing import Any

import pytest

from runtime.database import ENGINE_KEY
from tests.workflows.flows import contract_app, seed_demo_people


@pytest.fixture
def people(launch):
    return launch(contract_app())


def _contract(people, amount: Any, owner: str = "chen.jie") -> int:
    created = people[owner].post("/api/apps/contracts/contract", json={"title": f"Deal {amount}", "amount": amount})
    assert created.status_code == 201, created.get_json()
    return created.get_json()["id"]


def _submit(people, record_id: int, owner: str = "chen.jie") -> dict[str, Any]:
    response = people[owner].post(f"/api/apps/contracts/contract/{record_id}/approval", json={"comment": "please"})
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def _act(people, user: str, instance: dict[str, Any], action: str, **body: Any):
    return people[user].post(f"/api/apps/contracts/workflows/{instance['id']}/{action}", json=body)


def _ok(response) -> dict[str, Any]:
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def _record(people, record_id: int, user: str = "chen.jie") -> dict[str, Any]:
    return people[user].get(f"/api/apps/contracts/contract/{record_id}").get_json()


def _outcomes(people, user: str) -> list[tuple[str, str]]:
    """The notifications telling a submitter how their approval went: (severity, English text), oldest first."""
    items = people[user].get("/api/notifications").get_json()["items"]
    return [(item["severity"], item["message"]["en"]) for item in reversed(items) if item["kind"] == "workflow_outcome"]


def _inbox(people, user: str) -> list[tuple[int, str]]:
    return [(item["instance"], item["node"]) for item in people[user].get("/api/inbox").get_json()["items"]]


def test_below_fifty_thousand_the_group_signs_itself(people):
    record_id = _contract(people, 49999)
    instance = _submit(people, record_id)
    assert instance["state"] == "approved" and instance["tasks"] == []
    actions = [line["action"] for line in instance["timeline"]]
    assert actions == ["submit", "route", "auto_approve", "set_field", "notify", "end"]
    told = people["chen.jie"].get("/api/notifications").get_json()["items"]
    assert [(item["kind"], item["message"]["en"]) for item in told] == [
        ("workflow_notice", "Contract Deal 49999 was approved")
    ]
    record = _record(people, record_id)
    assert (record["stage"], record["workflow_state"]) == ("signed", "approved")


def test_the_direct_manager_approves_a_medium_contract(people):
    record_id = _contract(people, 50000)
    instance = _submit(people, record_id)
    assert (instance["state"], instance["node"]) == ("in_approval", "manager_review")
    assert [task["approver"] for task in instance["tasks"]] == ["li.na"]
    assert _inbox(people, "li.na") == [(instance["id"], "manager_review")]
    pending = people["li.na"].get("/api/notifications").get_json()["items"]
    assert [(item["kind"], item["record_id"]) for item in pending] == [("approval_pending", record_id)]
    assert _inbox(people, "wang.fang") == []
    stranger = _act(people, "wang.fang", instance, "approve")
    assert stranger.status_code == 404  # not her team's record: she cannot even see it
    own = _act(people, "chen.jie", instance, "approve")
    assert own.status_code == 403 and own.get_json()["error"]["code"] == "workflow.not_your_turn"
    done = _ok(_act(people, "li.na", instance, "approve", comment="fine"))
    assert done["state"] == "approved"
    assert _record(people, record_id)["stage"] == "signed"
    assert _inbox(people, "li.na") == []
    approve_line = next(line for line in done["timeline"] if line["action"] == "approve")
    assert (approve_line["actor"], approve_line["node"], approve_line["comment"]) == ("li.na", "manager_review", "fine")


def test_a_large_contract_needs_the_manager_then_the_director(people):
    record_id = _contract(people, 500001)
    instance = _submit(people, record_id)
    assert instance["node"] == "manager_first"
    assert _act(people, "zhang.wei", instance, "approve").status_code == 403  # not yet his turn
    after_manager = _ok(_act(people, "li.na", instance, "approve"))
    assert (after_manager["node"], [task["approver"] for task in after_manager["tasks"]]) == (
        "director_review",
        ["zhang.wei"],
    )
    assert _ok(_act(people, "zhang.wei", instance, "approve"))["state"] == "approved"
    assert _record(people, record_id, "zhang.wei")["stage"] == "signed"


def test_a_record_in_approval_is_locked_until_sent_back_then_resubmitted(people):
    record_id = _contract(people, 80000)
    instance = _submit(people, record_id)
    row_version = _record(people, record_id)["row_version"]
    locked = people["chen.jie"].patch(
        f"/api/apps/contracts/contract/{record_id}", json={"row_version": row_version, "amount": 1}
    )
    assert locked.status_code == 409 and locked.get_json()["error"]["code"] == "record.locked"
    deleted = people["admin"].delete(f"/api/apps/contracts/contract/{record_id}")  # not even an administrator
    assert deleted.status_code == 409
    again = people["chen.jie"].post(f"/api/apps/contracts/contract/{record_id}/approval", json={})
    assert again.status_code == 409 and again.get_json()["error"]["code"] == "workflow.already_running"

    rejected = _ok(_act(people, "li.na", instance, "reject", comment="too expensive"))
    assert (rejected["state"], rejected["node"]) == ("revising", "revise")
    assert _record(people, record_id)["workflow_state"] == "revising"
    assert _outcomes(people, "chen.jie") == [
        (
            "warning",
            f"Contract sign-off: contract #{record_id}, which you submitted, "
            "was sent back to you: revise it and resubmit.",
        )
    ]
    assert _act(people, "liu.yang", instance, "resubmit").status_code == 404  # not hers to see
    edited = people["chen.jie"].patch(
        f"/api/apps/contracts/contract/{record_id}",
        json={"row_version": _record(people, record_id)["row_version"], "amount": 30000},
    )
    assert edited.status_code == 200, edited.get_json()
    resubmitted = _ok(_act(people, "chen.jie", instance, "resubmit", comment="cheaper now"))
    assert (resubmitted["state"], resubmitted["round"]) == ("approved", 2)  # 30,000: the group signs
    assert [line["action"] for line in resubmitted["timeline"]][-6:] == [
        "resubmit",
        "route",
        "auto_approve",
        "set_field",
        "notify",
        "end",
    ]


def test_send_back_to_an_earlier_node_or_to_the_submitter(people):
    record_id = _contract(people, 900000)
    instance = _submit(people, record_id)
    _ok(_act(people, "li.na", instance, "approve"))
    nowhere = _act(people, "zhang.wei", instance, "send_back", to="director_review")
    assert nowhere.status_code == 400  # only a node the instance passed, or the submitter
    back = _ok(_act(people, "zhang.wei", instance, "send_back", to="manager_first", comment="check the margin"))
    assert (back["node"], [task["approver"] for task in back["tasks"]]) == ("manager_first", ["li.na"])
    _ok(_act(people, "li.na", instance, "approve"))
    assert _outcomes(people, "chen.jie") == []  # sent back to a manager: nothing for the rep to do yet
    to_rep = _ok(_act(people, "zhang.wei", instance, "send_back", to="submitter"))
    assert (to_rep["state"], to_rep["node"]) == ("revising", None)
    assert [severity for severity, _text in _outcomes(people, "chen.jie")] == ["warning"]
    rerouted = _ok(_act(people, "chen.jie", instance, "resubmit"))
    assert rerouted["node"] == "manager_first"  # routed again from the start: still a large contract


def test_withdraw_belongs_to_the_submitter_and_comments_to_everyone_involved(people):
    record_id = _contract(people, 60000)
    instance = _submit(people, record_id)
    commented = _ok(_act(people, "li.na", instance, "comment", comment="which customer?"))
    assert commented["timeline"][-1]["action"] == "comment"
    assert _act(people, "li.na", instance, "withdraw").status_code == 403
    withdrawn = _ok(_act(people, "chen.jie", instance, "withdraw"))
    assert withdrawn["state"] == "withdrawn" and _inbox(people, "li.na") == []
    assert _act(people, "li.na", instance, "approve").status_code == 409
    assert _record(people, record_id)["workflow_state"] == "withdrawn"
    second = _submit(people, record_id)  # withdrawn: it may be submitted again
    assert second["id"] != instance["id"]


def test_an_unresolvable_approver_fails_the_submit_and_stores_nothing(people):
    record_id = _contract(people, 70000, owner="zhang.wei")  # the director has no supervisor
    response = people["zhang.wei"].post(f"/api/apps/contracts/contract/{record_id}/approval", json={})
    assert response.status_code == 422
    error = response.get_json()["error"]
    assert error["code"] == "workflow.approver_unresolved" and "zhang.wei has no supervisor" in error["message"]
    assert _record(people, record_id, "zhang.wei")["workflow_state"] == "draft"
    assert people["zhang.wei"].get(f"/api/apps/contracts/contract/{record_id}/approval").status_code == 404


def test_a_running_instance_stays_on_its_version_after_a_publish(people, client):
    record_id = _contract(people, 200000)
    instance = _submit(people, record_id)
    changed = contract_app()
    route = changed["workflows"][0]["nodes"][3]
    route["approvers"] = [{"kind": "role", "role": "director"}]  # version 2: the director reviews medium deals
    assert client.put("/api/apps/contracts/draft", json={"definition": changed}).status_code == 200
    assert client.post("/api/apps/contracts/publish", json={}).status_code == 201
    assert _act(people, "zhang.wei", instance, "approve").status_code == 403  # version 1's flow: the manager
    assert _ok(_act(people, "li.na", instance, "approve"))["version"] == 1
    newer = _submit(people, _contract(people, 200000))
    assert (newer["version"], [task["approver"] for task in newer["tasks"]]) == (2, ["zhang.wei"])


def test_a_rule_starts_the_workflow_on_a_new_record(launch):
    document = contract_app()
    document["rules"] = [
        {
            "id": "auto_submit",
            "label": "Submit large contracts at once",
            "entity": "contract",
            "trigger": {"kind": "record_created"},
            "condition": {"combinator": "and", "rules": [{"field": "amount", "operator": ">", "value": 500000}]},
            "actions": [{"kind": "start_workflow", "workflow": "signoff"}],
        }
    ]
    people = launch(document)
    large, small = _contract(people, 600000), _contract(people, 1000)
    started = _ok(people["chen.jie"].get(f"/api/apps/contracts/contract/{large}/approval"))
    assert (started["submitter"], started["node"]) == ("chen.jie", "manager_first")
    assert _record(people, large)["workflow_state"] == "in_approval"
    assert people["chen.jie"].get(f"/api/apps/contracts/contract/{small}/approval").status_code == 404


def test_publishing_warns_about_app_users_who_have_no_supervisor(app, client):
    seed_demo_people(app.extensions[ENGINE_KEY], "contracts", {"rep": ("chen.jie",), "director": ("zhang.wei",)})
    assert client.post("/api/apps", json=contract_app()).status_code == 201
    published = client.post("/api/apps/contracts/publish", json={})
    assert published.status_code == 201
    warnings = [(item["code"], item["path"], item["details"]["users"]) for item in published.get_json()["warnings"]]
    assert ("org.no_supervisor", "/workflows/0/nodes/3", "zhang.wei") in warnings


def test_deleting_a_record_sent_back_cancels_its_workflow(people):
    record_id = _contract(people, 90000)
    instance = _submit(people, record_id)
    _ok(_act(people, "li.na", instance, "reject"))
    assert people["admin"].delete(f"/api/apps/contracts/contract/{record_id}").status_code == 204
    cancelled = _ok(people["admin"].get(f"/api/apps/contracts/workflows/{instance['id']}"))
    assert (cancelled["state"], cancelled["timeline"][-1]["action"]) == ("cancelled", "cancel")
    late = _act(people, "chen.jie", instance, "resubmit")
    assert late.status_code == 409 and late.get_json()["error"]["code"] == "workflow.finished"


def test_a_deleted_record_cannot_be_submitted(people):
    record_id = _contract(people, 1000)
    assert people["admin"].delete(f"/api/apps/contracts/contract/{record_id}").status_code == 204
    response = people["admin"].post(f"/api/apps/contracts/contract/{record_id}/approval", json={})
    assert response.status_code == 404 and response.get_json()["error"]["code"] == "record.not_found"
