"""The OpenAPI document of a published app is true to every response the records API gives."""

from __future__ import annotations

import json
import re

import pytest

from runtime.database import ENGINE_KEY
from runtime.identity import org_admin
from tests.support.apps import definition
from tests.support.auth import signed_in_client
from tests.support.documented_api import Documented, error_code, publish_documented


def test_every_operation_answers_as_documented(client, app):
    doc = publish_documented(client, "minimal.json")
    paths = doc.paths("deal")
    records, one, restore, history = paths["records"], paths["record"], paths["restore"], paths["history"]

    # create: 201 with Location, 422, 400, 413
    body = {"name": "Big one", "amount": 123456.78, "stage": "open", "quantity": 4, "revenue": 10}
    assert doc.accepts_body(records, "post", body)
    created = doc.call("post", records, json=body)
    assert created.status_code == 201
    record = created.get_json()
    assert created.headers["Location"] == f"{records}/{record['id']}"
    assert record["average"] == 2.5 and record["row_version"] == 1
    second = doc.call("post", records, json={"name": "Small", "amount": 5, "stage": "won"}).get_json()

    invalid = {"name": "", "amount": "x", "stage": "closed", "owner": "me", "extra": 1}
    assert not doc.accepts_body(records, "post", invalid)
    response = doc.call("post", records, json=invalid)
    assert response.status_code == 422 and error_code(response) == "record.invalid"
    assert {problem["path"] for problem in response.get_json()["error"]["problems"]} >= {"/name", "/amount", "/stage"}
    assert doc.call("post", records, json=[1, 2]).status_code == 422
    assert doc.call("post", records, json={}).status_code == 422
    for data in (b"", b"{", b'{"name": "a", "name": "b"}', b'{"amount": NaN}'):
        response = doc.call("post", records, data=data, content_type="application/json")
        assert response.status_code == 400, data
    too_big = b" " * (app.config["MAX_CONTENT_LENGTH"] + 1)
    response = doc.call("post", records, data=too_big, content_type="application/json")
    assert response.status_code == 413

    # get: 200, 404
    assert doc.call("get", one, record["id"]).get_json() == record
    response = doc.call("get", one, 999_999)
    assert response.status_code == 404 and error_code(response) == "record.not_found"

    # list: 200 with each kind of parameter, 400 for each kind of mistake
    listed = doc.call("get", records, query_string={"sort": "-amount,name", "page_size": 1}).get_json()
    assert (
        listed["total"] == 2 and listed["page_size"] == 1 and [item["id"] for item in listed["items"]] == [record["id"]]
    )
    condition = {"combinator": "and", "rules": [{"field": "amount", "operator": ">", "value": 100}]}
    assert doc.call("get", records, query_string={"filter": json.dumps(condition)}).get_json()["total"] == 1
    assert doc.call("get", records, query_string=[("stage", "open"), ("stage", "won")]).get_json()["total"] == 2
    assert doc.call("get", records, query_string={"q": "big", "page": 2}).get_json()["items"] == []
    assert doc.call("get", records, query_string={"page": 10**9}).status_code == 200
    for query in (
        {"page": 0},
        {"page": 10**9 + 1},
        {"page_size": 501},
        {"page_size": "ten"},
        {"sort": "bogus"},
        {"sort": "-"},
        {"filter": "{not json"},
        {"filter": json.dumps({"rules": [{"field": "nope", "operator": "=", "value": 1}]})},
        {"nope": "1"},
        {"row_version": "1"},
        {"quantity": "1.5"},
        {"stage": "closed"},
        {"q": "x" * 201},
    ):
        response = doc.call("get", records, query_string=query)
        assert response.status_code == 400 and error_code(response) == "query.invalid", query

    # patch: 200, 409 stale, 422, 400, 404, 413
    change = {"row_version": 1, "amount": 5, "name": "Renamed"}
    assert doc.accepts_body(one, "patch", change)
    changed = doc.call("patch", one, record["id"], json=change).get_json()
    assert changed["row_version"] == 2 and changed["amount"] == 5
    response = doc.call("patch", one, record["id"], json={"row_version": 1, "amount": 6})
    assert response.status_code == 409 and error_code(response) == "record.stale"
    for invalid in ({"amount": 6}, {"row_version": 2, "name": None}, {"row_version": 2, "stage": "closed"}):
        assert not doc.accepts_body(one, "patch", invalid)
        response = doc.call("patch", one, record["id"], json=invalid)
        assert response.status_code == 422 and error_code(response) == "record.invalid", invalid
    assert doc.call("patch", one, record["id"], data=b"", content_type="application/json").status_code == 400
    assert doc.call("patch", one, 999_999, json={"row_version": 1}).status_code == 404
    assert doc.call("patch", one, record["id"], data=too_big, content_type="application/json").status_code == 413

    # delete: 400, 409, 204, then the record is gone but has a history
    assert doc.call("delete", one, record["id"], query_string={"row_version": "two"}).status_code == 400
    response = doc.call("delete", one, record["id"], query_string={"row_version": 1})
    assert response.status_code == 409 and error_code(response) == "record.stale"
    assert doc.call("delete", one, record["id"], query_string={"row_version": 2}).status_code == 204
    assert doc.call("delete", one, record["id"]).status_code == 404
    assert doc.call("get", one, record["id"]).status_code == 404
    assert doc.call("delete", one, second["id"]).status_code == 204

    # history (deleted records included), restore
    actions = [item["action"] for item in doc.call("get", history, record["id"]).get_json()["items"]]
    assert actions == ["create", "update", "delete"]
    assert doc.call("get", history, 999_999).status_code == 404
    restored = doc.call("post", restore, record["id"]).get_json()
    assert restored["id"] == record["id"] and restored["row_version"] == 4
    assert doc.call("post", restore, record["id"]).get_json() == restored  # not deleted: returned as it is
    assert doc.call("post", restore, 999_999).status_code == 404
    assert doc.call("get", records).get_json()["total"] == 1

    expected = {
        (records, "post", "201"),
        (records, "post", "400"),
        (records, "post", "413"),
        (records, "post", "422"),
        (records, "get", "200"),
        (records, "get", "400"),
        (one, "get", "200"),
        (one, "get", "404"),
        (one, "patch", "200"),
        (one, "patch", "400"),
        (one, "patch", "404"),
        (one, "patch", "409"),
        (one, "patch", "413"),
        (one, "patch", "422"),
        (one, "delete", "204"),
        (one, "delete", "400"),
        (one, "delete", "404"),
        (one, "delete", "409"),
        (restore, "post", "200"),
        (restore, "post", "404"),
        (history, "get", "200"),
        (history, "get", "404"),
    }
    assert expected <= doc.seen, expected - doc.seen


def test_records_with_refs_and_unique_values_answer_as_documented(client):
    doc = publish_documented(client, "contract_approval.json")
    customers, customer = doc.paths("customer")["records"], doc.paths("customer")["record"]
    contracts, contract = doc.paths("contract")["records"], doc.paths("contract")["record"]
    follow_ups = doc.paths("follow_up")["records"]

    acme_body = {
        "name": "Acme",
        "industry": "retail",
        "tags": ["key_account", "new_logo"],
        "contact_email": "buyer@acme.example",
        "contact_phone": "+86 21 5555 0100",
        "website": "https://acme.example",
        "satisfaction": 4,
        "is_strategic": True,
        "account_manager": "li.wei",
        "notes": "Pays on time.",
    }
    assert doc.accepts_body(customers, "post", acme_body)
    acme = doc.call("post", customers, json=acme_body).get_json()
    globex = doc.call("post", customers, json={"name": "Globex", "tags": []}).get_json()
    assert globex["tags"] is None and globex["is_strategic"] is False

    response = doc.call("post", customers, json={"name": "Acme"})
    assert response.status_code == 409 and error_code(response) == "record.unique"
    response = doc.call("patch", customer, globex["id"], json={"row_version": 1, "name": "Acme"})
    assert response.status_code == 409 and error_code(response) == "record.unique"
    response = doc.call(
        "post", customers, json={"name": "Bad", "satisfaction": 9, "contact_email": "nope", "tags": ["x"]}
    )
    assert response.status_code == 422

    deal = {
        "title": "Big order",
        "customer": acme["id"],
        "amount": 600000,
        "discount": 12.5,
        "unit_price": 99.99,
        "sign_date": "2024-02-29",
        "last_follow_up": "2024-03-01T08:30:00+08:00",
        "margin_note": "thin",
    }
    assert doc.accepts_body(contracts, "post", deal)
    signed = doc.call("post", contracts, json=deal).get_json()
    assert signed["stage"] == "drafting" and signed["quantity"] == 1 and signed["net_unit_price"] == 87.49
    assert signed["last_follow_up"] == "2024-03-01T00:30:00Z"
    response = doc.call("post", contracts, json=deal | {"customer": 999_999})
    assert response.status_code == 422
    assert response.get_json()["error"]["problems"][0]["code"] == "record.ref_missing"
    response = doc.call("post", contracts, json=deal | {"sign_date": "2024-02-30", "discount": 1.25})
    assert {problem["code"] for problem in response.get_json()["error"]["problems"]} == {
        "record.format",
        "record.decimal_places",
    }
    task = doc.call("post", follow_ups, json={"subject": "Call", "contract": signed["id"], "due": "2024-03-04"})
    assert task.status_code == 201

    for query in (
        {"customer": acme["id"]},
        {"tags": "key_account"},
        {"is_strategic": "true"},
        {"sign_date": "2024-02-29"},
        {"last_follow_up": "2024-03-01T00:30:00Z"},
        {"filter": json.dumps({"rules": [{"definition": "large_contract"}]})},
        {"sort": "-net_unit_price,customer"},
    ):
        template = customers if set(query) & {"tags", "is_strategic"} else contracts
        response = doc.call("get", template, query_string=query)
        assert response.get_json()["total"] == 1, query

    # a unique value taken while its record was deleted: restoring it is refused
    assert doc.call("delete", customer, globex["id"]).status_code == 204
    doc.call("post", customers, json={"name": "Globex"})
    response = doc.call("post", doc.paths("customer")["restore"], globex["id"])
    assert response.status_code == 409 and error_code(response) == "record.unique"
    changes = doc.call("get", doc.paths("customer")["history"], acme["id"]).get_json()["items"][0]["changes"]
    assert changes["tags"] == [None, ["key_account", "new_logo"]]
    assert doc.call("get", contract, signed["id"]).get_json() == signed


@pytest.mark.parametrize("name", ["minimal.json", "contract_approval.json"])
def test_every_documented_list_parameter_is_accepted_and_no_other(client, name):
    doc = publish_documented(client, name)
    for entity in definition(name)["entities"]:
        template = doc.paths(entity["id"])["records"]
        operation = doc.document["paths"][template]["get"]
        parameters = {parameter["name"]: parameter for parameter in operation["parameters"]}
        examples = [(name_, value) for name_, parameter in parameters.items() for value in parameter.get("example", [])]
        for parameter_name, value in examples:
            shown = json.dumps(value) if isinstance(value, bool) else str(value)
            response = doc.call("get", template, query_string={parameter_name: shown})
            assert response.status_code == 200, (parameter_name, response.get_json())
        response = doc.call(
            "get",
            template,
            query_string=[
                (key, json.dumps(value) if isinstance(value, bool) else str(value)) for key, value in examples
            ],
        )
        assert response.status_code == 200, response.get_json()

        # a field can be named as a parameter and sorted by exactly when the document says so
        sort = re.compile(parameters["sort"]["schema"]["pattern"])
        for field_id in doc.document["components"]["schemas"][f"{entity['id']}.Record"]["properties"]:
            for direction in ("", "-"):
                accepted = doc.call("get", template, query_string={"sort": direction + field_id}).status_code == 200
                assert accepted == bool(sort.match(direction + field_id)), field_id
            if field_id not in parameters:
                response = doc.call("get", template, query_string={field_id: "1"})
                assert response.status_code == 400 and error_code(response) == "query.invalid", field_id
        assert doc.call("get", template, query_string={"sort": ",-id,,"}).status_code == 200


def test_an_empty_text_is_documented_as_no_value_for_optional_text_fields(client):
    doc = publish_documented(client, "contract_approval.json")
    records = doc.paths("customer")["records"]
    body = {"name": "Quiet", "notes": "", "contact_phone": ""}
    assert doc.accepts_body(records, "post", body)
    assert not doc.accepts_body(records, "post", body | {"name": ""})  # a required text cannot be empty
    created = doc.call("post", records, json=body).get_json()
    assert (created["notes"], created["contact_phone"]) == (None, None)
    assert doc.call("post", records, json=body | {"name": ""}).status_code == 422


def test_requests_at_the_edges_still_get_documented_answers(client):
    """Whatever the API answers to odd requests, the status is documented and the body has the documented shape."""
    doc = publish_documented(client, "minimal.json")
    records, one = doc.paths("deal")["records"], doc.paths("deal")["record"]
    created = doc.call("post", records, json={"name": "A", "amount": 1, "stage": "open"}).get_json()
    doc.call("get", records, query_string={"page": "²"})
    doc.call("get", records, query_string={"page_size": "²"})
    doc.call("get", records, query_string={"quantity": "9" * 30})
    doc.call("get", records, query_string={"amount": "1e999"})
    doc.call("get", one, 10**20)
    doc.call("delete", one, created["id"], query_string={"row_version": "²"})
    doc.call("post", records, json={"name": "B", "amount": 1, "stage": "open", "quantity": 2**70})
    doc.call("post", records, json={"name": "C", "amount": 1e300, "stage": "open"})
    doc.call("patch", one, created["id"], json={"row_version": 1.0, "name": "Z"})
    assert doc.call("get", one, created["id"]).status_code == 200


def test_sharing_narrowing_and_refusals_answer_as_documented(app, client):
    doc = publish_documented(client, "contract_approval.json")
    customer = doc.call("post", doc.paths("customer")["records"], json={"name": "ACME"}).get_json()["id"]
    contract = {"title": "T", "customer": customer, "amount": 10, "margin_note": "m"}
    record_id = doc.call("post", doc.paths("contract")["records"], json=contract).get_json()["id"]
    base = "/api/apps/contract_approval/contract/{record_id}"
    assert doc.call("post", f"{base}/shares", record_id, json={"username": "sam"}).status_code == 200
    assert doc.call("get", f"{base}/shares", record_id).get_json()["items"][0]["username"] == "sam"
    assert doc.call("post", f"{base}/shares", record_id, json={"username": "no spaces"}).status_code == 422
    unshare = f"{base}/shares/{{username}}"
    assert doc.call("delete", unshare, record_id, path={"username": "sam"}).status_code == 204
    narrowed = doc.call("put", f"{base}/visibility", record_id, json={"field": "margin_note", "level": "owner"})
    assert narrowed.get_json()["margin_note"] == {"level": "owner", "may_narrow": True}
    assert doc.call("get", f"{base}/visibility", record_id).status_code == 200
    wrong = {"field": "margin_note", "level": "x"}
    assert doc.call("put", f"{base}/visibility", record_id, json=wrong).status_code == 422
    org_admin.create_user(app.extensions[ENGINE_KEY], "ivy")
    outsider = Documented(signed_in_client(app, "ivy", is_admin=False), "contract_approval")
    refused = outsider.call("get", outsider.paths("contract")["records"])
    assert (refused.status_code, error_code(refused)) == (403, "access.denied")
