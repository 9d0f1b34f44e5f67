"""Rolling back publishes an earlier version again and brings its archived data back, on SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import inspect, text

from runtime.database import ENGINE_KEY
from tests.runtime.test_migrations import _columns, _fingerprint, _values
from tests.support.apps import definition, publish_new, republish
from tests.support.auth import signed_in_client

SEED = [
    {"name": f"Deal {i}", "amount": 100 * i, "stage": "open", "quantity": i if i % 3 else None, "revenue": i * 1.25}
    for i in range(1, 11)
]
KEPT = ["id", "owner", "created_at", "created_by", "name", "amount", "stage", "workflow_state", "deleted_at"]


def _v2(document: dict[str, Any]) -> dict[str, Any]:
    """v1 without quantity (and the average that reads it), revenue as money, and a new region."""
    fields = document["entities"][0]["fields"]
    fields[:] = [item for item in fields if item["id"] not in ("quantity", "average")]
    fields[3] = {"id": "revenue", "type": "money", "currency": "CNY", "label": "Revenue"}
    fields.append({"id": "region", "type": "text", "label": "Region"})
    return document


@pytest.fixture
def rolled(app, client):
    """v1 with ten deals, v2 (a drop, a retype, an addition) with three more: the state before the rollback."""
    publish_new(client, definition())
    for values in SEED:
        assert client.post("/api/apps/deals/deal", json=values).status_code == 201
    engine = app.extensions[ENGINE_KEY]
    before = {
        "quantity": _values(engine, "app1_deal", "quantity"),
        "revenue": _values(engine, "app1_deal", "revenue"),
        "average": _values(engine, "app1_deal", "average"),
    }
    response = republish(client, _v2(definition()), confirm=True)
    assert response.status_code == 201, response.get_json()
    for index in range(3):
        new = {"name": f"New {index}", "amount": 5, "stage": "won", "revenue": 2.5 + index, "region": f"r{index}"}
        assert client.post("/api/apps/deals/deal", json=new).status_code == 201
    return engine, before


def _archives(engine) -> set[tuple[str, str | None, str]]:
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT kind, field, stored_name FROM dabble_archives"))
        return {tuple(row) for row in rows}


def test_a_dry_run_shows_the_restores_and_changes_nothing(rolled, client):
    engine, _before = rolled
    fingerprint, archives = _fingerprint(engine, "app1_deal"), _archives(engine)
    response = client.post("/api/apps/deals/rollback", json={"version": 1, "dry_run": True})
    assert response.status_code == 200, response.get_json()
    plan = {(step["kind"], step["field"] or step.get("from_field")): step for step in response.get_json()["plan"]}
    assert plan[("restore_column", "quantity")]["from_archive"] == "archived_v2_quantity"
    assert plan[("restore_column", "revenue")]["from_archive"] == "archived_v2_revenue"
    assert plan[("restore_column", "revenue")]["rows"] == 13
    assert plan[("archive_column", "region")]["destructive"]
    assert response.get_json()["version"] == 3 and response.get_json()["destructive"]
    assert _fingerprint(engine, "app1_deal") == fingerprint and _archives(engine) == archives
    assert client.get("/api/apps/deals").get_json()["current_version"] == 2


def test_a_rollback_needs_confirmation_then_restores_every_value(rolled, client):
    engine, before = rolled
    fingerprint = _fingerprint(engine, "app1_deal", KEPT)
    regions = _values(engine, "app1_deal", "region")
    refused = client.post("/api/apps/deals/rollback", json={"version": 1})
    assert refused.status_code == 409
    assert refused.get_json()["error"]["code"] == "publish.confirmation_required"
    assert _fingerprint(engine, "app1_deal", KEPT) == fingerprint
    done = client.post("/api/apps/deals/rollback", json={"version": 1, "confirm": True})
    assert done.status_code == 201, done.get_json()
    assert _fingerprint(engine, "app1_deal", KEPT) == fingerprint  # same rows, untouched columns identical
    assert _values(engine, "app1_deal", "quantity") == before["quantity"] + [None] * 3
    assert _values(engine, "app1_deal", "revenue") == before["revenue"] + [2.5, 3.5, 4.5]
    assert _values(engine, "app1_deal", "average")[:10] == before["average"]
    assert _values(engine, "app1_deal", "archived_v3_region") == regions
    assert "region" not in _columns(engine, "app1_deal")
    archives = _archives(engine)
    assert ("column", "region", "archived_v3_region") in archives
    assert ("column", "revenue", "archived_v3_revenue") in archives  # the money values, kept aside in turn
    assert not {row for row in archives if row[2] in ("archived_v2_quantity", "archived_v2_revenue")}
    record = client.get("/api/apps/deals/deal/2").get_json()
    assert (record["quantity"], record["revenue"]) == (2, 2.5) and "region" not in record
    assert client.get("/api/apps/deals/deal?page_size=100").get_json()["total"] == 13
    assert client.get("/api/apps/deals").get_json()["current_version"] == 3
    assert client.get("/api/apps/deals/draft").get_json()["definition"] == definition()


def test_rolling_forward_again_restores_the_later_version(rolled, client):
    engine, _before = rolled
    regions = _values(engine, "app1_deal", "region")
    assert client.post("/api/apps/deals/rollback", json={"version": 1, "confirm": True}).status_code == 201
    again = client.post("/api/apps/deals/rollback", json={"version": 2, "confirm": True})
    assert again.status_code == 201, again.get_json()
    assert _values(engine, "app1_deal", "region") == regions


def test_an_archived_entity_comes_back_with_its_records(app, client):
    document = definition()
    document["entities"].append(
        {"id": "note", "label": "Note", "fields": [{"id": "text", "type": "text", "label": "T"}]}
    )
    publish_new(client, document)
    for index in range(4):
        assert client.post("/api/apps/deals/note", json={"text": f"n{index}"}).status_code == 201
    engine = app.extensions[ENGINE_KEY]
    notes = _fingerprint(engine, "app1_note")
    assert republish(client, definition(), confirm=True).status_code == 201
    done = client.post("/api/apps/deals/rollback", json={"version": 1})
    assert done.status_code == 201, done.get_json()
    assert [step["kind"] for step in done.get_json()["plan"]] == ["restore_table"]
    assert _fingerprint(engine, "app1_note") == notes
    assert not inspect(engine).has_table("app1_note_archived_v2")
    assert client.get("/api/apps/deals/note").get_json()["total"] == 4
    assert client.post("/api/apps/deals/note", json={"text": "more"}).status_code == 201


def test_a_rollback_to_a_missing_version_or_by_a_non_builder_is_refused(app, client):
    publish_new(client, definition())
    missing = client.post("/api/apps/deals/rollback", json={"version": 7})
    assert (missing.status_code, missing.get_json()["error"]["code"]) == (404, "version.not_found")
    assert client.post("/api/apps/deals/rollback", json={"version": "1"}).status_code == 400
    stranger = signed_in_client(app, "rep1", is_admin=False)
    assert stranger.post("/api/apps/deals/rollback", json={"version": 1}).status_code == 404
    assert client.post("/api/apps/nothing/rollback", json={"version": 1}).status_code == 404


def test_an_archive_of_another_type_stays_archived_and_the_note_says_so(app, client):
    publish_new(client, definition())
    assert client.post("/api/apps/deals/deal", json=SEED[0]).status_code == 201
    document = definition()
    del document["entities"][0]["fields"][5]  # the average reads quantity
    document["entities"][0]["fields"][3] = {"id": "quantity", "type": "text", "label": "Quantity"}
    assert republish(client, document, confirm=True).status_code == 201  # archived_v2_quantity: the integers
    del document["entities"][0]["fields"][3]
    assert republish(client, document, confirm=True).status_code == 201  # archived_v3_quantity: the texts
    done = client.post("/api/apps/deals/rollback", json={"version": 1})
    assert done.status_code == 201, done.get_json()
    step = next(step for step in done.get_json()["plan"] if step["field"] == "quantity")
    assert step["kind"] == "add_column" and "archived_v3_quantity" in step["note"]
    engine = app.extensions[ENGINE_KEY]
    assert _values(engine, "app1_deal", "quantity") == [None]
    assert _values(engine, "app1_deal", "archived_v3_quantity") == ["1"]
