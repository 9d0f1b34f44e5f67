"""The records API of a published app: CRUD, validation, references, uniqueness, lists, audit."""

from __future__ import annotations

import json

import pytest

from tests.support.apps import definition, publish_new

DEAL = "/api/apps/deals/deal"


@pytest.fixture
def deals(client):
    document = definition()
    fields = document["entities"][0]["fields"]
    fields[3]["min"] = 1
    fields.append({"id": "code", "type": "text", "label": "Code", "unique": True, "max_length": 10})
    fields.append({"id": "closes_on", "type": "date", "label": "Closes on"})
    fields.append(
        {
            "id": "tags",
            "type": "multichoice",
            "label": "Tags",
            "options": [{"id": "hot", "label": "Hot"}, {"id": "key", "label": "Key"}],
        }
    )
    document["entities"].append(
        {
            "id": "note",
            "label": "Note",
            "fields": [
                {"id": "text", "type": "text", "label": "Text", "required": True},
                {"id": "deal", "type": "ref", "entity": "deal", "label": "Deal"},
            ],
        }
    )
    publish_new(client, document)
    return client


def _create(client, **values):
    response = client.post(DEAL, json={"name": "Deal", "amount": 10, "stage": "open"} | values)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def _codes(response) -> set[tuple[str, str]]:
    return {(problem["code"], problem["path"]) for problem in response.get_json()["error"]["problems"]}


def test_create_returns_the_stored_record_with_system_fields(deals):
    response = deals.post(
        DEAL,
        json={
            "name": "Big",
            "amount": 123456.78,
            "stage": "open",
            "quantity": 4,
            "revenue": 10,
            "closes_on": "2026-12-31",
            "tags": ["hot"],
        },
    )
    assert response.status_code == 201
    record = response.get_json()
    assert response.headers["Location"].endswith(f"/api/apps/deals/deal/{record['id']}")
    assert record["amount"] == 123456.78 and record["closes_on"] == "2026-12-31" and record["tags"] == ["hot"]
    assert record["average"] == 2.5  # computed on the server: revenue / quantity
    assert record["owner"] == record["created_by"] == "admin" and record["row_version"] == 1
    assert record["workflow_state"] == "draft" and record["created_at"].endswith("Z")
    assert deals.get(f"{DEAL}/{record['id']}").get_json() == record


def test_every_problem_of_a_record_is_reported_at_once(deals):
    response = deals.post(
        DEAL,
        json={
            "name": "",
            "amount": "ten",
            "stage": "closed",
            "quantity": 0,
            "closes_on": "2026-02-30",
            "owner": "eve",
            "colour": "red",
            "average": 1,
        },
    )
    assert response.status_code == 422
    assert _codes(response) == {
        ("record.required", "/name"),
        ("record.type", "/amount"),
        ("record.option", "/stage"),
        ("record.minimum", "/quantity"),
        ("record.format", "/closes_on"),
        ("record.not_writable", "/owner"),
        ("record.unknown_field", "/colour"),
        ("record.not_writable", "/average"),
    }
    problem = response.get_json()["error"]["problems"][0]
    assert problem["message"]["zh"] and problem["message"]["en"]


def test_problems_name_fields_by_their_label_in_each_language(client):
    document = definition()
    document["entities"][0]["fields"].append(
        {"id": "budget", "type": "money", "currency": "CNY", "label": {"zh": "预算", "en": "Budget"}, "min": 0}
    )
    publish_new(client, document)
    response = client.post(DEAL, json={"name": "Deal", "amount": 10, "stage": "open", "budget": -1})
    assert response.status_code == 422
    [problem] = response.get_json()["error"]["problems"]
    assert (problem["path"], problem["details"]["field"]) == ("/budget", "budget")
    assert problem["message"] == {"zh": "“预算”不能小于 0。", "en": "'Budget' must be at least 0."}


def _named(field_id: str, label: str, label_zh: str | None = None) -> dict[str, str]:
    """A problem's details naming a field by its label in English and Chinese (the same text when one is given)."""
    return {"field": field_id, "field_name": label, "field_name_zh": label_zh or label}


@pytest.mark.parametrize(
    ("values", "problem"),
    [
        ({"code": "A" * 11}, ("record.too_long", "/code", _named("code", "Code") | {"limit": 10})),
        ({"tags": ["hot", "hot"]}, ("record.duplicate_option", "/tags", _named("tags", "Tags"))),
        ({"tags": ["hot", "key", "hot"]}, ("record.duplicate_option", "/tags", _named("tags", "Tags"))),  # too many
        ({"name": ""}, ("record.required", "/name", _named("name", "Name", "名称"))),  # empty text is no value
    ],
)
def test_texts_and_options_are_checked(deals, values, problem):
    response = deals.post(DEAL, json={"name": "Deal", "amount": 10, "stage": "open"} | values)
    assert response.status_code == 422
    problems = response.get_json()["error"]["problems"]
    assert [(found["code"], found["path"], found["details"]) for found in problems] == [problem]


def test_an_empty_optional_text_is_stored_as_no_value(deals):
    assert _create(deals, code="")["code"] is None


def test_money_keeps_cents_exactly_and_refuses_more_decimals(deals):
    assert _create(deals, amount=0.1)["amount"] == 0.1
    assert _create(deals, amount=49999.99)["amount"] == 49999.99
    response = deals.post(DEAL, json={"name": "x", "amount": 1.005, "stage": "open"})
    assert _codes(response) == {("record.decimal_places", "/amount")}


def test_update_needs_the_current_row_version(deals):
    record = _create(deals)
    changed = deals.patch(f"{DEAL}/{record['id']}", json={"row_version": 1, "amount": 20, "quantity": 2, "revenue": 5})
    assert changed.status_code == 200
    assert changed.get_json()["row_version"] == 2 and changed.get_json()["average"] == 2.5
    stale = deals.patch(f"{DEAL}/{record['id']}", json={"row_version": 1, "amount": 30})
    assert stale.status_code == 409 and stale.get_json()["error"]["code"] == "record.stale"
    missing = deals.patch(f"{DEAL}/{record['id']}", json={"amount": 30})
    assert _codes(missing) == {("record.row_version", "/row_version")}
    cleared = deals.patch(f"{DEAL}/{record['id']}", json={"row_version": 2, "name": None})
    assert _codes(cleared) == {("record.required", "/name")}


def test_references_must_point_at_live_records(deals):
    deal = _create(deals)
    assert deals.post("/api/apps/deals/note", json={"text": "hi", "deal": deal["id"]}).status_code == 201
    missing = deals.post("/api/apps/deals/note", json={"text": "hi", "deal": 999})
    assert _codes(missing) == {("record.ref_missing", "/deal")}
    deals.delete(f"{DEAL}/{deal['id']}")
    gone = deals.post("/api/apps/deals/note", json={"text": "hi", "deal": deal["id"]})
    assert _codes(gone) == {("record.ref_missing", "/deal")}


def test_unique_values_conflict_with_409_until_the_holder_is_deleted(deals):
    first = _create(deals, code="A-1")
    duplicate = deals.post(DEAL, json={"name": "x", "amount": 1, "stage": "open", "code": "A-1"})
    assert duplicate.status_code == 409 and _codes(duplicate) == {("record.unique", "/code")}
    other = _create(deals, code="B-1")
    taken = deals.patch(f"{DEAL}/{other['id']}", json={"row_version": 1, "code": "A-1"})
    assert taken.status_code == 409 and _codes(taken) == {("record.unique", "/code")}
    assert deals.delete(f"{DEAL}/{first['id']}").status_code == 204
    second = _create(deals, code="A-1")
    restore = deals.post(f"{DEAL}/{first['id']}/restore")
    assert restore.status_code == 409
    deals.patch(f"{DEAL}/{second['id']}", json={"row_version": 1, "code": "A-2"})
    assert deals.post(f"{DEAL}/{first['id']}/restore").status_code == 200


def test_delete_is_recoverable_and_everything_is_audited(deals):
    record = _create(deals, quantity=1)
    deals.patch(f"{DEAL}/{record['id']}", json={"row_version": 1, "amount": 11})
    assert deals.delete(f"{DEAL}/{record['id']}?row_version=1").status_code == 409
    assert deals.delete(f"{DEAL}/{record['id']}?row_version=2").status_code == 204
    assert deals.get(f"{DEAL}/{record['id']}").status_code == 404
    assert deals.get(DEAL).get_json()["total"] == 0
    restored = deals.post(f"{DEAL}/{record['id']}/restore")
    assert restored.status_code == 200 and restored.get_json()["amount"] == 11
    history = deals.get(f"{DEAL}/{record['id']}/history").get_json()["items"]
    assert [entry["action"] for entry in history] == ["create", "update", "delete", "restore"]
    assert history[1]["changes"] == {"amount": [10, 11]} and history[1]["actor"] == "admin"
    assert history[0]["changes"]["name"] == [None, "Deal"]


def test_list_pages_sorts_searches_and_filters(deals):
    for index in range(1, 13):
        _create(
            deals,
            name=f"Deal {index:02d}" + (" VIP" if index % 4 == 0 else ""),
            amount=index * 1000,
            stage="won" if index % 3 == 0 else "open",
            tags=["hot"] if index % 2 else [],
        )
    page = deals.get(f"{DEAL}?page=2&page_size=5&sort=-amount").get_json()
    assert (
        page["total"] == 12
        and page["page"] == 2
        and [r["amount"] for r in page["items"]] == [7000, 6000, 5000, 4000, 3000]
    )
    assert deals.get(f"{DEAL}?q=vip").get_json()["total"] == 3
    assert deals.get(f"{DEAL}?stage=won").get_json()["total"] == 4
    assert deals.get(f"{DEAL}?stage=won&stage=open").get_json()["total"] == 12
    assert deals.get(f"{DEAL}?tags=hot").get_json()["total"] == 6
    condition = {
        "combinator": "and",
        "rules": [{"field": "amount", "operator": ">=", "value": 5000}, {"definition": "open_deal"}],
    }
    assert deals.get(DEAL, query_string={"filter": json.dumps(condition)}).get_json()["total"] == 5


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("page=0", "query.parameter"),
        ("page_size=501", "query.parameter"),
        ("sort=tags", "query.sort"),
        ("colour=red", "query.unknown_parameter"),
        ("amount=lots", "query.parameter"),
        ("filter=not-json", "query.filter"),
        ("stage=closed", "ref.unknown_option"),
    ],
)
def test_bad_list_queries_are_400_with_problems(deals, query, code):
    response = deals.get(f"{DEAL}?{query}")
    assert response.status_code == 400
    assert code in {problem["code"] for problem in response.get_json()["error"]["problems"]}


def test_filters_are_type_checked_like_definitions(deals):
    condition = {"rules": [{"field": "name", "operator": ">", "value": 5}]}
    response = deals.get(DEAL, query_string={"filter": json.dumps(condition)})
    assert response.status_code == 400
    assert response.get_json()["error"]["problems"][0]["code"] == "condition.operator_type"


@pytest.mark.parametrize(
    ("method", "path", "status", "code"),
    [
        ("get", "/api/apps/nothing/deal", 404, "app.not_found"),
        ("get", "/api/apps/deals/nothing", 404, "entity.not_found"),
        ("get", f"{DEAL}/999", 404, "record.not_found"),
        ("put", DEAL, 405, "http.method_not_allowed"),
    ],
)
def test_missing_things_are_errors_in_the_one_shape(deals, method, path, status, code):
    response = getattr(deals, method)(path)
    assert response.status_code == status and response.get_json()["error"]["code"] == code


def test_unreadable_bodies_are_400(deals):
    assert deals.post(DEAL, data=b'{"name": "x", "name": "y"}').status_code == 400
    assert deals.post(DEAL, data=b"[1, 2").status_code == 400
    assert deals.post(DEAL, data=b"").status_code == 400
    assert deals.post(DEAL, json=[1, 2]).get_json()["error"]["code"] == "record.invalid"


def test_an_app_that_was_never_published_has_no_records(client):
    client.post("/api/apps", json=definition())
    response = client.get(DEAL)
    assert response.status_code == 404 and response.get_json()["error"]["code"] == "app.not_published"


def test_every_missing_required_field_is_named(deals):
    response = deals.post(DEAL, json={})
    assert _codes(response) == {
        ("record.required", "/name"),
        ("record.required", "/amount"),
        ("record.required", "/stage"),
    }
