"""Date-times of an app in a time zone: a time without an offset is the app's local time, stored in UTC."""

from __future__ import annotations

import json

import pytest

from tests.support.apps import definition, publish_new, republish

DEAL = "/api/apps/deals/deal"
REQUIRED = {"name": "Deal", "amount": 10, "stage": "open"}


@pytest.fixture
def shanghai(client):
    document = definition()
    document["timezone"] = "Asia/Shanghai"
    fields = document["entities"][0]["fields"]
    fields.append({"id": "meet", "type": "datetime", "label": "Meet"})
    fields.append({"id": "due", "type": "datetime", "label": "Due", "default": "2024-06-01T18:00"})
    publish_new(client, document)
    return client


def _create(client, **values):
    response = client.post(DEAL, json=REQUIRED | values)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def _total(client, **query) -> int:
    response = client.get(DEAL, query_string=query)
    assert response.status_code == 200, response.get_json()
    return response.get_json()["total"]


def test_a_time_without_an_offset_is_stored_as_the_apps_local_time(shanghai):
    local = _create(shanghai, meet="2024-05-01T09:00")
    assert local["meet"] == "2024-05-01T01:00:00Z"
    assert local["due"] == "2024-06-01T10:00:00Z"  # the default is local time too
    assert _create(shanghai, meet="2024-05-01T01:00:00Z")["meet"] == "2024-05-01T01:00:00Z"
    _create(shanghai, meet="2024-05-01T09:00:00Z")
    condition = {"combinator": "and", "rules": [{"field": "meet", "operator": "=", "value": "2024-05-01T09:00"}]}
    assert _total(shanghai, filter=json.dumps(condition)) == 2
    assert _total(shanghai, meet="2024-05-01T09:00") == 2


@pytest.mark.parametrize("moment", ["0001-01-01T00:00:00+05:00", "9999-12-31T23:00:00-05:00"])
def test_a_moment_with_no_utc_equivalent_is_a_format_problem(shanghai, moment):
    response = shanghai.post(DEAL, json=REQUIRED | {"meet": moment})
    assert response.status_code == 422
    problems = response.get_json()["error"]["problems"]
    assert [(problem["code"], problem["path"]) for problem in problems] == [("record.format", "/meet")]


def test_saving_the_same_moment_again_is_not_a_change(shanghai):
    record = _create(shanghai, meet="2024-05-01T09:00")
    same = shanghai.patch(
        f"{DEAL}/{record['id']}", json={"row_version": 1, "meet": "2024-05-01T01:00:00Z", "amount": 11}
    )
    assert same.status_code == 200, same.get_json()
    history = shanghai.get(f"{DEAL}/{record['id']}/history").get_json()["items"]
    assert history[-1]["changes"] == {"amount": [10, 11]}


def test_a_field_added_with_a_default_fills_existing_records_in_local_time(shanghai):
    record = _create(shanghai)
    document = definition()
    document["timezone"] = "Asia/Shanghai"
    document["entities"][0]["fields"] += [
        {"id": "meet", "type": "datetime", "label": "Meet"},
        {"id": "due", "type": "datetime", "label": "Due", "default": "2024-06-01T18:00"},
        {"id": "call", "type": "datetime", "label": "Call", "default": "2024-07-01T08:30"},
    ]
    assert republish(shanghai, document).status_code == 201
    assert shanghai.get(f"{DEAL}/{record['id']}").get_json()["call"] == "2024-07-01T00:30:00Z"
