"""The inbox over HTTP: each pending approval comes with its record's title, app, entity and submitter, as the
approver may see them."""

from __future__ import annotations

from tests.workflows.flows import contract_app


def _pending_contract(people, title: str, amount: int = 50000) -> int:
    created = people["chen.jie"].post("/api/apps/contracts/contract", json={"title": title, "amount": amount})
    assert created.status_code == 201, created.get_json()
    record_id = created.get_json()["id"]
    submitted = people["chen.jie"].post(f"/api/apps/contracts/contract/{record_id}/approval", json={})
    assert submitted.status_code == 201, submitted.get_json()
    return record_id


def _inbox(people, user: str) -> list[dict]:
    response = people[user].get("/api/inbox")
    assert response.status_code == 200, response.get_json()
    return response.get_json()["items"]


def test_an_item_names_its_record_app_entity_and_submitter(launch):
    people = launch(contract_app() | {"timezone": "Asia/Shanghai"})
    record_id = _pending_contract(people, "Shanghai <b>framework</b> deal")
    [item] = _inbox(people, "li.na")
    assert item["record_id"] == record_id
    assert item["title"] == "Shanghai <b>framework</b> deal"  # the value as stored; pages show it as text
    assert item["app_label"] == {"zh": "合同审批", "en": "Contract approval"}
    assert item["entity_label"] == {"zh": "合同", "en": "Contract"}
    assert item["workflow_label"] == {"zh": "合同审批", "en": "Contract sign-off"}
    assert (item["submitter"], item["submitter_name"]) == ("chen.jie", "陈杰 Chen Jie")
    assert item["timezone"] == "Asia/Shanghai"
    assert _inbox(people, "wang.fang") == []


def test_a_title_the_approver_may_not_see_is_left_out(launch):
    definition = contract_app()
    [contract] = definition["entities"]
    title = next(field for field in contract["fields"] if field["id"] == "title")
    title["visibility"] = "owner"
    people = launch(definition)
    record_id = _pending_contract(people, "Secret deal")
    [item] = _inbox(people, "li.na")
    assert (item["record_id"], item["title"]) == (record_id, None)
    assert item["entity_label"] == {"zh": "合同", "en": "Contract"}
