"""Table views: exactly the records API's page under the view's filter and sort, in the view's columns only."""

from __future__ import annotations

import json

import pytest

from builder.diff.values import plain
from builder.model.views import TableView
from templates_library import library
from tests.support.auth import signed_in_client
from tests.templates.api_rows import all_records

TEMPLATES = library().templates
TABLES = [(template, view) for template in TEMPLATES for view in template.model.views if isinstance(view, TableView)]


def _sort(view: TableView) -> str:
    return ",".join(("-" if key.descending else "") + key.field for key in view.sort)


def _conditions(*conditions) -> str:
    present = [plain(condition) for condition in conditions if condition is not None]
    return json.dumps({"combinator": "and", "rules": present}, ensure_ascii=False)


@pytest.mark.parametrize(("template", "view"), TABLES, ids=lambda item: getattr(item, "id", ""))
def test_a_table_shows_the_records_api_page_in_its_columns(demo_instance, template, view):
    for username in ("admin", *sorted(template.demo_roles.get(next(iter(template.demo_roles)), ()))[:2]):
        client = signed_in_client(demo_instance.app, username, is_admin=username == "admin")
        shown = client.get(f"/api/apps/{template.id}/views/{view.id}", query_string={"page_size": 7, "page": 2})
        if shown.status_code == 403:  # this user's roles do not read the entity: the records API refuses too
            assert client.get(f"/api/apps/{template.id}/{view.entity}").status_code == 403
            continue
        body = shown.get_json()
        query = {"page_size": 7, "page": 2, "filter": _conditions(view.filter)} | (
            {"sort": _sort(view)} if view.sort else {}
        )
        listed = client.get(f"/api/apps/{template.id}/{view.entity}", query_string=query).get_json()
        keep = {"id", "row_version", *view.columns}
        assert body["items"] == [{k: v for k, v in item.items() if k in keep} for item in listed["items"]]
        assert (body["total"], body["page"], body["page_size"]) == (listed["total"], 2, 7)
        assert [column["id"] for column in body["view"]["columns"]] == list(view.columns)


@pytest.mark.parametrize(("template", "view"), [item for item in TABLES if item[1].saved_filters], ids=str)
def test_a_saved_filter_narrows_the_table(demo_instance, template, view):
    admin = signed_in_client(demo_instance.app)
    for saved in view.saved_filters:
        body = admin.get(f"/api/apps/{template.id}/views/{view.id}", query_string={"saved": saved.id}).get_json()
        expected = all_records(admin, template.id, view.entity, filter=_conditions(view.filter, saved.condition))
        assert body["total"] == len(expected) > 0, saved.id


def test_a_table_keeps_its_page_size_and_sort_unless_asked(demo_instance):
    admin = signed_in_client(demo_instance.app)
    body = admin.get("/api/apps/contract_approval/views/contracts").get_json()
    view = library().get("contract_approval").model.view("contracts")
    assert body["page_size"] == view.page_size == body["view"]["page_size"]
    assert body["view"]["sort"] == _sort(view)
    ascending = admin.get("/api/apps/contract_approval/views/contracts", query_string={"sort": "amount"}).get_json()
    amounts = [item["amount"] for item in ascending["items"] if item.get("amount") is not None]
    assert amounts == sorted(amounts)


def test_parameters_a_table_does_not_take_are_refused_each_by_name(demo_instance):
    admin = signed_in_client(demo_instance.app)
    response = admin.get(
        "/api/apps/contract_approval/views/contracts", query_string={"lane_size": 3, "amount": 5, "saved": "nope"}
    )
    assert response.status_code == 400
    problems = response.get_json()["error"]["problems"]
    assert sorted(problem["path"] for problem in problems) == ["/amount", "/lane_size"]
    response = admin.get("/api/apps/contract_approval/views/contracts", query_string={"saved": "nope"})
    assert response.get_json()["error"]["problems"][0]["code"] == "query.saved_filter"
    response = admin.get("/api/apps/contract_approval/views/contracts", query_string={"filter": "{not json"})
    assert response.get_json()["error"]["problems"][0]["path"] == "/filter"
