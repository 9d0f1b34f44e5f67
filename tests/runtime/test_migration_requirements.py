"""Republishing checks stored values against new requirements: fields that become required, refs that change target."""

from __future__ import annotations

from typing import Any

from tests.support.apps import definition, publish_new, republish


def _deals(**account: Any) -> dict[str, Any]:
    """The corpus app with customers and partners, and a deal field `account` with the given settings."""
    document = definition()
    for entity_id in ("customer", "partner"):
        name = {"id": "name", "type": "text", "label": "Name"}
        document["entities"].append({"id": entity_id, "label": entity_id.title(), "fields": [name]})
    settings = {"type": "ref", "entity": "customer"} | account
    document["entities"][0]["fields"].append({"id": "account", "label": "Account", **settings})
    return document


def _field(document: dict[str, Any], field_id: str) -> dict[str, Any]:
    return next(item for item in document["entities"][0]["fields"] if item["id"] == field_id)


def _create(client, entity: str, **values: Any) -> int:
    response = client.post(f"/api/apps/deals/{entity}", json=values)
    assert response.status_code == 201, response.get_json()
    return response.get_json()["id"]


def _deal(client, **values: Any) -> int:
    return _create(client, "deal", name="Deal", amount=100, stage="open", **values)


def _get(client, record_id: int) -> dict[str, Any]:
    response = client.get(f"/api/apps/deals/deal/{record_id}")
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def _delete(client, record_id: int) -> None:
    response = client.delete(f"/api/apps/deals/deal/{record_id}", json={"row_version": 1})
    assert response.status_code in (200, 204), response.get_json()


def _blocked(response) -> list[dict[str, Any]]:
    """The problems of a publish refused because of stored values."""
    assert response.status_code == 409, response.get_json()
    error = response.get_json()["error"]
    assert error["code"] == "publish.migration_blocked"
    return error["problems"]


def _kinds(response) -> list[str]:
    assert response.status_code == 201, response.get_json()
    return [step["kind"] for step in response.get_json()["plan"]]


def test_a_field_becoming_required_is_refused_while_live_records_lack_a_value(client):
    publish_new(client, _deals())
    empty = [_deal(client), _deal(client)]
    _deal(client, quantity=3)
    _delete(client, _deal(client))  # deleted records never block
    document = _deals()
    _field(document, "quantity")["required"] = True
    (problem,) = _blocked(republish(client, document))
    assert (problem["code"], problem["path"]) == ("migration.missing_values", "/entities/deal/fields/quantity")
    assert problem["details"]["missing"] == 2 and problem["details"]["examples"] == [{"id": i} for i in empty]
    assert "2 live record(s) of deal would have no value for quantity" in problem["message"]["en"]
    _delete(client, _deal(client))  # the live version still takes a deal without a quantity
    for record_id in empty:
        response = client.patch(f"/api/apps/deals/deal/{record_id}", json={"row_version": 1, "quantity": 1})
        assert response.status_code == 200, response.get_json()
    assert client.get("/api/apps/deals/deal?quantity=1").get_json()["total"] == 2
    assert _kinds(client.post("/api/apps/deals/publish", json={})) == ["require_values"]


def test_a_field_becoming_required_with_a_default_gives_it_to_records_without_a_value(client):
    publish_new(client, _deals())
    empty = _deal(client, revenue=90)
    kept = _deal(client, quantity=3, revenue=90)
    deleted = _deal(client, revenue=90)
    _delete(client, deleted)
    document = _deals()
    _field(document, "quantity").update(required=True, default=2)
    response = republish(client, document)
    assert _kinds(response) == ["require_values", "recompute_column"]
    step = response.get_json()["plan"][0]
    assert (step["failures"], step["note"]) == (0, "1 record(s) without a value get the default value")
    assert (_get(client, empty)["quantity"], _get(client, empty)["average"]) == (2, 45)
    assert (_get(client, kept)["quantity"], _get(client, kept)["average"]) == (3, 30)
    restored = client.post(f"/api/apps/deals/deal/{deleted}/restore", json={"row_version": 2})
    assert restored.status_code == 200, restored.get_json()
    assert restored.get_json()["quantity"] == 2


def test_a_new_required_field_needs_a_default_once_records_exist(client):
    publish_new(client, _deals())
    document = _deals()
    document["entities"][1]["fields"].append({"id": "region", "type": "text", "label": "Region", "required": True})
    assert _kinds(republish(client, document)) == ["add_column", "require_values"]  # no customer yet
    first = _deal(client)
    document["entities"][0]["fields"].append({"id": "region", "type": "text", "label": "Region", "required": True})
    (problem,) = _blocked(republish(client, document))
    assert problem["code"] == "migration.missing_values" and problem["details"]["examples"] == [{"id": first}]
    _field(document, "region")["default"] = "华东"
    assert _kinds(republish(client, document)) == ["add_column", "require_values"]
    assert _get(client, first)["region"] == "华东"


def test_a_ref_pointing_at_another_entity_does_not_keep_old_ids(client):
    publish_new(client, _deals())
    _create(client, "customer", name="First Co")
    customer = _create(client, "customer", name="ACME")  # customer 2; partner 1 is the only partner
    partner = _create(client, "partner", name="Channel Co")
    linked, unlinked = _deal(client, account=customer), _deal(client)
    retargeted = _deals(entity="partner")
    (problem,) = _blocked(republish(client, retargeted))
    assert (problem["code"], problem["details"]["failures"]) == ("migration.conversion_failed", 1)
    assert problem["details"]["examples"] == [{"id": linked, "value": customer}]
    response = client.post("/api/apps/deals/publish", json={"on_failure": {"deal.account": "clear"}})
    assert _kinds(response) == ["convert_column"]
    assert _get(client, linked)["account"] is None and _get(client, unlinked)["account"] is None
    wrong = client.post("/api/apps/deals/deal", json={"name": "D", "amount": 1, "stage": "open", "account": customer})
    assert wrong.status_code == 422 and wrong.get_json()["error"]["problems"][0]["code"] == "record.ref_missing"
    assert _get(client, _deal(client, account=partner))["account"] == partner


def test_a_ref_whose_target_is_renamed_keeps_its_ids(client):
    publish_new(client, _deals())
    customer = _create(client, "customer", name="ACME")
    linked = _deal(client, account=customer)
    document = _deals(entity="client")
    document["entities"][1]["id"] = "client"
    response = republish(client, document, renames={"entities": {"customer": "client"}})
    assert _kinds(response) == ["rename_table"]
    assert _get(client, linked)["account"] == customer
    assert client.get(f"/api/apps/deals/client/{customer}").get_json()["name"] == "ACME"


def test_a_number_retyped_into_a_ref_keeps_the_ids_of_live_target_records(client):
    document = _deals()
    document["entities"][0]["fields"][-1] = {"id": "account", "type": "integer", "label": "Account"}
    publish_new(client, document)
    live = _create(client, "customer", name="ACME")
    gone = _create(client, "customer", name="Gone Ltd")
    assert client.delete(f"/api/apps/deals/customer/{gone}", json={"row_version": 1}).status_code in (200, 204)
    good, deleted_target, unknown = _deal(client, account=live), _deal(client, account=gone), _deal(client, account=999)
    (problem,) = _blocked(republish(client, _deals()))
    assert problem["details"]["failures"] == 2
    assert problem["details"]["examples"] == [{"id": deleted_target, "value": gone}, {"id": unknown, "value": 999}]
    response = client.post("/api/apps/deals/publish", json={"on_failure": {"deal.account": "clear"}})
    assert _kinds(response) == ["convert_column"]
    assert [_get(client, i)["account"] for i in (good, deleted_target, unknown)] == [live, None, None]


def test_clearing_a_required_ref_leaves_records_without_a_value(client):
    publish_new(client, _deals())
    customer = _create(client, "customer", name="ACME")
    linked = _deal(client, account=customer)
    retargeted = _deals(entity="partner", required=True)
    problems = _blocked(republish(client, retargeted, on_failure={"deal.account": "clear"}))
    assert [(p["code"], p["details"]["examples"]) for p in problems] == [("migration.missing_values", [{"id": linked}])]
