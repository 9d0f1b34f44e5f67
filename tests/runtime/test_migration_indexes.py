"""Republishing keeps each table's indexes as the new version builds them: unique fields and view indexes."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import inspect

from runtime.database import ENGINE_KEY
from tests.support.apps import definition, publish_new, republish


def _notes(**code: Any) -> dict[str, Any]:
    """The corpus app with a note entity whose code field has the given settings."""
    document = definition()
    fields = [{"id": "text", "type": "text", "label": "Text"}, {"id": "code", "type": "text", "label": "Code", **code}]
    document["entities"].append({"id": "note", "label": "Note", "fields": fields})
    return document


def _indexes(app, table: str) -> dict[str, tuple[list[str], bool]]:
    found = inspect(app.extensions[ENGINE_KEY]).get_indexes(table)
    return {index["name"]: (index["column_names"], bool(index["unique"])) for index in found}


def _note(client, code: str | None) -> int:
    response = client.post("/api/apps/deals/note", json={"code": code})
    assert response.status_code == 201, response.get_json()
    return response.get_json()["id"]


def _blocked(response) -> dict[str, Any]:
    """The one problem of a publish refused because of stored values."""
    assert response.status_code == 409, response.get_json()
    error = response.get_json()["error"]
    assert error["code"] == "publish.migration_blocked"
    (problem,) = error["problems"]
    return problem


def test_turning_unique_off_drops_the_unique_index(app, client):
    publish_new(client, _notes(unique=True))
    _note(client, "A")
    assert "uq_app1_note_code" in _indexes(app, "app1_note")
    response = republish(client, _notes())
    assert response.status_code == 201, response.get_json()
    assert [step["kind"] for step in response.get_json()["plan"]] == ["drop_unique"]
    assert "uq_app1_note_code" not in _indexes(app, "app1_note")
    _note(client, "A")


def test_turning_unique_on_checks_live_duplicates_then_builds_the_index(app, client):
    publish_new(client, _notes())
    first, second, _other = _note(client, "A"), _note(client, "A"), _note(client, "B")
    _note(client, None)
    _note(client, None)  # empty values are never duplicates
    deleted = _note(client, "B")
    assert client.delete(f"/api/apps/deals/note/{deleted}", json={"row_version": 1}).status_code in (200, 204)
    problem = _blocked(republish(client, _notes(unique=True)))
    assert problem["code"] == "migration.duplicate_values" and problem["path"] == "/entities/note/fields/code"
    assert problem["details"]["duplicates"] == 1
    assert problem["details"]["examples"] == [{"value": "A", "ids": [first, second]}]
    assert "uq_app1_note_code" not in _indexes(app, "app1_note")
    assert client.delete(f"/api/apps/deals/note/{second}", json={"row_version": 1}).status_code in (200, 204)
    response = client.post("/api/apps/deals/publish", json={})
    assert response.status_code == 201, response.get_json()
    step = response.get_json()["plan"][0]
    assert (step["kind"], step["failures"], step["examples"]) == ("add_unique", 0, [])
    assert _indexes(app, "app1_note")["uq_app1_note_code"] == (["code"], True)
    duplicate = client.post("/api/apps/deals/note", json={"code": "A"})
    assert duplicate.status_code == 409
    assert duplicate.get_json()["error"]["problems"][0]["details"]["field"] == "code"


def test_values_that_meet_after_a_conversion_are_duplicates(client):
    publish_new(client, _notes(unique=True))
    first, second = _note(client, "1"), _note(client, "01")
    retyped = _notes()
    retyped["entities"][1]["fields"][1] = {"id": "code", "type": "integer", "label": "Code", "unique": True}
    response = republish(client, retyped)
    problem = _blocked(response)
    assert problem["code"] == "migration.duplicate_values"
    assert problem["details"]["examples"] == [{"value": 1, "ids": [first, second]}]


def test_a_new_unique_field_with_a_default_is_refused_before_any_change(app, client):
    publish_new(client, _notes())
    ids = [_note(client, code) for code in ("A", "B")]
    document = _notes()
    document["entities"][1]["fields"].append(
        {"id": "ref_no", "type": "text", "label": "Reference", "unique": True, "default": "R-1"}
    )
    response = republish(client, document)
    assert response.status_code == 422, response.get_json()
    problems = response.get_json()["error"]["problems"]
    assert [(p["code"], p["path"]) for p in problems] == [("field.unique_default", "/entities/1/fields/2/default")]
    assert "ref_no" not in {column["name"] for column in inspect(app.extensions[ENGINE_KEY]).get_columns("app1_note")}
    stored = [client.get(f"/api/apps/deals/note/{record_id}").get_json()["code"] for record_id in ids]
    assert stored == ["A", "B"]


def test_a_new_unique_field_without_a_default_gets_its_index(app, client):
    publish_new(client, _notes())
    _note(client, "A")
    document = _notes()
    document["entities"][1]["fields"].append({"id": "ref_no", "type": "text", "label": "Reference", "unique": True})
    response = republish(client, document)
    assert response.status_code == 201, response.get_json()
    assert [step["kind"] for step in response.get_json()["plan"]] == ["add_column", "add_unique"]
    assert _indexes(app, "app1_note")["uq_app1_note_ref_no"] == (["ref_no"], True)


def test_view_indexes_follow_the_views(app, client):
    document = _notes()
    publish_new(client, document)
    assert "ix_app1_deal_amount" not in _indexes(app, "app1_deal")
    document["views"][0]["sort"] = [{"field": "amount", "direction": "desc"}]
    document["views"].append(
        {"id": "by_stage", "kind": "kanban", "label": "By stage", "entity": "deal", "group_by": "stage"}
    )
    response = republish(client, document)
    assert response.status_code == 201 and response.get_json()["plan"] == []
    indexes = _indexes(app, "app1_deal")
    assert indexes["ix_app1_deal_amount"] == (["amount"], False) and indexes["ix_app1_deal_stage"] == (["stage"], False)
    del document["views"][1]
    assert republish(client, document).status_code == 201
    indexes = _indexes(app, "app1_deal")
    assert "ix_app1_deal_stage" not in indexes and "ix_app1_deal_amount" in indexes


@pytest.mark.parametrize(
    ("old", "new", "kind"),
    [
        ({"max_length": 200}, {"max_length": 500}, "widen_column"),
        ({}, {"type": "longtext"}, "widen_column"),
        ({"type": "email"}, {"max_length": 300}, "widen_column"),
        ({"type": "email"}, {}, None),
        ({"type": "rating"}, {"type": "integer", "min": 0}, None),
        ({"type": "integer", "min": 0, "max": 10}, {"type": "integer", "min": -5}, None),
        ({"max_length": 500}, {"max_length": 200}, "convert_column"),
        ({"type": "integer", "min": 0}, {"type": "integer", "min": 1}, "convert_column"),
        ({}, {"type": "email"}, "convert_column"),
    ],
)
def test_a_change_every_stored_value_satisfies_rewrites_nothing(app, client, old, new, kind):
    publish_new(client, _notes(**old))
    value = "a@b.co" if old.get("type") == "email" else 3 if old.get("type") in ("integer", "rating") else "x" * 150
    _note(client, value)
    response = republish(client, _notes(**new), on_failure={"note.code": "clear"})
    assert response.status_code == 201, response.get_json()
    assert [step["kind"] for step in response.get_json()["plan"]] == ([kind] if kind else [])
    engine = app.extensions[ENGINE_KEY]
    columns = {column["name"]: column["type"] for column in inspect(engine).get_columns("app1_note")}
    assert ("archived_v2_code" in columns) == (kind == "convert_column")
    if kind == "widen_column" and engine.dialect.name == "postgresql":
        assert getattr(columns["code"], "length", None) == new.get("max_length")  # None: TEXT
    kept = new.get("type") != "email"  # "xxx…" is no email: cleared
    assert client.get("/api/apps/deals/note/1").get_json()["code"] == (value if kept else None)
