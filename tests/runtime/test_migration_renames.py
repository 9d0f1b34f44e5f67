"""Renames in a migration: ids may swap, and a rename that names what does not exist is refused."""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.apps import definition, publish_new, republish


def _app(*entities: str) -> dict[str, Any]:
    """The corpus app with free entities (nothing else refers to them), each with a text and a code field."""
    document = definition()
    for entity_id in entities:
        fields = [{"id": "text", "type": "text", "label": "Text"}, {"id": "code", "type": "text", "label": "Code"}]
        document["entities"].append({"id": entity_id, "label": entity_id.title(), "fields": fields})
    return document


def _texts(client, entity_id: str) -> list[tuple[str, str]]:
    items = client.get(f"/api/apps/deals/{entity_id}?sort=id").get_json()["items"]
    return [(item["text"], item["code"]) for item in items]


def test_two_fields_may_swap_ids(client):
    publish_new(client, _app("note"))
    for index in range(3):
        client.post("/api/apps/deals/note", json={"text": f"t{index}", "code": f"c{index}"})
    response = republish(client, _app("note"), renames={"fields": {"note.text": "code", "note.code": "text"}})
    assert response.status_code == 201, response.get_json()
    assert {(step["kind"], step["field"], step["from_field"]) for step in response.get_json()["plan"]} == {
        ("rename_column", "code", "text"),
        ("rename_column", "text", "code"),
    }
    assert _texts(client, "note") == [(f"c{index}", f"t{index}") for index in range(3)]


def test_two_entities_may_swap_ids(client):
    publish_new(client, _app("note", "memo"))
    client.post("/api/apps/deals/note", json={"text": "a note"})
    client.post("/api/apps/deals/memo", json={"text": "a memo"})
    response = republish(client, _app("note", "memo"), renames={"entities": {"note": "memo", "memo": "note"}})
    assert response.status_code == 201, response.get_json()
    assert _texts(client, "memo") == [("a note", None)] and _texts(client, "note") == [("a memo", None)]


@pytest.mark.parametrize(
    ("renames", "reason"),
    [
        ({"entities": {"ghost": "note"}}, "entity 'ghost' is not in the published version"),
        ({"entities": {"note": "ghost"}}, "entity 'ghost' is not in the new version"),
        ({"entities": {"note": "memo"}}, "entity 'memo' already exists in the published version"),
        ({"entities": {"note": "task", "memo": "task"}}, "two entities are renamed to the same id"),
        ({"fields": {"note.ghost": "text"}}, "field 'note.ghost' is not in the published version"),
        ({"fields": {"note.text": "ghost"}}, "field 'ghost' is not in the new version of 'note'"),
        ({"fields": {"text": "code"}}, "field renames are written 'entity.old_field': 'new_field'"),
        ({"entities": {"note": 1}}, "renames map ids to ids"),
        ({"tables": {}}, 'renames must be {"entities": {...}, "fields": {...}}'),
    ],
)
def test_a_rename_of_what_does_not_exist_is_refused(client, renames, reason):
    publish_new(client, _app("note", "memo"))
    response = republish(client, _app("note", "memo", "task"), renames=renames)
    assert response.status_code == 422
    error = response.get_json()["error"]
    assert error["code"] == "publish.invalid_renames" and reason in error["message"]
    assert client.get("/api/apps/deals").get_json()["current_version"] == 1
