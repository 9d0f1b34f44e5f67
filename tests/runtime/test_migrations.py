"""Republishing migrates the tables step by step and loses nothing, on SQLite and PostgreSQL."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import MetaData, Table, inspect, text

from builder.service import store
from runtime.database import ENGINE_KEY
from runtime.migrations import dry_run
from runtime.migrations.conversions import convert_stored
from tests.support.apps import definition, publish_new, republish

SEED = [
    {
        "name": f"Deal {index}",
        "amount": 1000 * index + 0.5,
        "stage": "won" if index % 3 == 0 else "open",
        "quantity": index if index % 4 else None,
        "revenue": index * 2.25,
    }
    for index in range(1, 31)
]


def _app(client) -> dict[str, Any]:
    document = definition()
    document["entities"].append(
        {
            "id": "note",
            "label": "Note",
            "fields": [
                {"id": "text", "type": "text", "label": "Text"},
                {"id": "code", "type": "text", "label": "Code"},
                {"id": "deal", "type": "ref", "entity": "deal", "label": "Deal"},
            ],
        }
    )
    publish_new(client, document)
    for values in SEED:
        assert client.post("/api/apps/deals/deal", json=values).status_code == 201
    for index in range(1, 11):
        note = {"text": f"note {index}", "code": str(index * 7) if index != 5 else "N/A", "deal": index}
        assert client.post("/api/apps/deals/note", json=note).status_code == 201
    return document


def _columns(engine, table: str) -> list[str]:
    return [column["name"] for column in inspect(engine).get_columns(table)]


def _fingerprint(engine, table: str, columns: list[str] | None = None) -> dict[str, Any]:
    """Row count and a checksum per column (ids and values, in id order)."""
    with engine.connect() as connection:
        names = columns or _columns(engine, table)
        rows = connection.execute(text(f'SELECT * FROM "{table}" ORDER BY id')).mappings().all()
    sums = {name: hashlib.sha256(repr([(row["id"], row[name]) for row in rows]).encode()).hexdigest() for name in names}
    return {"rows": len(rows), "columns": sums}


def _values(engine, table: str, column: str) -> list[Any]:
    with engine.connect() as connection:
        return [row[0] for row in connection.execute(text(f'SELECT "{column}" FROM "{table}" ORDER BY id'))]


def _untouched(engine, table: str, before: dict[str, Any], *changed: str) -> None:
    """Same row count, and every column not named as changed holds exactly the same values."""
    kept = [name for name in before["columns"] if name not in changed]
    after = _fingerprint(engine, table, kept)
    assert after["rows"] == before["rows"]
    assert after["columns"] == {name: before["columns"][name] for name in kept}


@pytest.fixture
def migrated(app, client):
    document = _app(client)
    return app.extensions[ENGINE_KEY], document


def test_adding_a_field_and_an_entity_keeps_every_row(migrated, client):
    engine, document = migrated
    before = _fingerprint(engine, "app1_deal")
    document["entities"][0]["fields"].append({"id": "region", "type": "text", "label": "Region", "default": "east"})
    document["entities"].append(
        {"id": "task", "label": "Task", "fields": [{"id": "title", "type": "text", "label": "Title"}]}
    )
    response = republish(client, document, message="add")
    assert response.status_code == 201, response.get_json()
    kinds = [step["kind"] for step in response.get_json()["plan"]]
    assert kinds == ["add_column", "create_table"]
    _untouched(engine, "app1_deal", before)
    assert set(_values(engine, "app1_deal", "region")) == {"east"}
    assert client.post("/api/apps/deals/task", json={"title": "call"}).status_code == 201


def test_renaming_a_field_moves_its_values(migrated, client):
    engine, document = migrated
    before = _fingerprint(engine, "app1_deal")
    quantities = _values(engine, "app1_deal", "quantity")
    document["entities"][0]["fields"][3]["id"] = "qty"
    document["entities"][0]["fields"][5]["formula"] = "revenue / qty"
    response = republish(client, document, renames={"fields": {"deal.quantity": "qty"}})
    assert response.status_code == 201, response.get_json()
    assert "quantity" not in _columns(engine, "app1_deal")
    assert _values(engine, "app1_deal", "qty") == quantities
    _untouched(engine, "app1_deal", before, "quantity", "average")
    record = client.get("/api/apps/deals/deal/3").get_json()
    assert record["qty"] == 3 and "quantity" not in record


def test_renaming_an_entity_renames_its_table(migrated, client):
    engine, document = migrated
    before = _fingerprint(engine, "app1_note")
    document["entities"][1]["id"] = "memo"
    response = republish(client, document, renames={"entities": {"note": "memo"}})
    assert response.status_code == 201, response.get_json()
    assert not inspect(engine).has_table("app1_note")
    _untouched(engine, "app1_memo", before)
    assert client.get("/api/apps/deals/memo?page_size=100").get_json()["total"] == 10


def test_retyping_converts_every_value_and_archives_the_old_column(migrated, client):
    engine, document = migrated
    before = _fingerprint(engine, "app1_deal")
    old = _values(engine, "app1_deal", "revenue")
    document["entities"][0]["fields"][4] = {"id": "revenue", "type": "money", "currency": "CNY", "label": "Revenue"}
    response = republish(client, document)
    assert response.status_code == 201, response.get_json()
    step = next(step for step in response.get_json()["plan"] if step["kind"] == "convert_column")
    assert step["failures"] == 0 and step["rows"] == 30
    assert _values(engine, "app1_deal", "revenue") == [round(value * 100) for value in old]
    assert _values(engine, "app1_deal", "archived_v2_revenue") == old
    _untouched(engine, "app1_deal", before, "revenue", "average")


def test_a_conversion_that_would_fail_is_refused_then_cleared_on_request(migrated, client):
    engine, document = migrated
    before = _fingerprint(engine, "app1_note")
    document["entities"][1]["fields"][1] = {"id": "code", "type": "integer", "label": "Code"}
    refused = republish(client, document)
    assert refused.status_code == 409
    problem = refused.get_json()["error"]["problems"][0]
    assert problem["code"] == "migration.conversion_failed"
    assert problem["details"]["failures"] == 1 and problem["details"]["examples"][0]["id"] == 5
    assert _fingerprint(engine, "app1_note") == before  # nothing changed
    cleared = client.post("/api/apps/deals/publish", json={"on_failure": {"note.code": "clear"}})
    assert cleared.status_code == 201, cleared.get_json()
    assert _values(engine, "app1_note", "code") == [7 * index if index != 5 else None for index in range(1, 11)]
    assert _values(engine, "app1_note", "archived_v2_code")[4] == "N/A"  # the old value is kept


def test_dropping_needs_confirmation_and_keeps_the_data(migrated, client):
    engine, document = migrated
    revenue = _values(engine, "app1_deal", "revenue")
    notes = _fingerprint(engine, "app1_note")
    del document["entities"][0]["fields"][5]  # the computed average reads revenue
    del document["entities"][0]["fields"][4]
    del document["entities"][1]
    refused = republish(client, document)
    assert refused.status_code == 409
    assert refused.get_json()["error"]["code"] == "publish.confirmation_required"
    assert {p["code"] for p in refused.get_json()["error"]["problems"]} == {
        "migration.archive_column",
        "migration.archive_table",
    }
    confirmed = client.post("/api/apps/deals/publish", json={"confirm": True})
    assert confirmed.status_code == 201, confirmed.get_json()
    assert _values(engine, "app1_deal", "archived_v2_revenue") == revenue
    archived = _fingerprint(engine, "app1_note_archived_v2")
    assert archived["rows"] == notes["rows"] and archived["columns"] == notes["columns"]
    assert client.get("/api/apps/deals/note").status_code == 404


def test_removing_an_option_checks_stored_values(migrated, client):
    _engine, document = migrated
    del document["entities"][0]["fields"][2]["options"][1]  # "won" is stored by 10 deals
    refused = republish(client, document)
    assert refused.status_code == 409
    assert refused.get_json()["error"]["problems"][0]["details"]["failures"] == 10


def test_changing_a_formula_recomputes_it(migrated, client):
    engine, document = migrated
    document["entities"][0]["fields"][5]["formula"] = "revenue * 2"
    response = republish(client, document)
    assert response.status_code == 201, response.get_json()
    assert _values(engine, "app1_deal", "average") == [value * 2 for value in _values(engine, "app1_deal", "revenue")]


def test_a_failed_publish_changes_nothing(migrated, client, app, monkeypatch):
    engine, document = migrated
    before = {table: _fingerprint(engine, table) for table in ("app1_deal", "app1_note")}
    columns = _columns(engine, "app1_deal")
    document["entities"][0]["fields"][3]["id"] = "qty"
    document["entities"][0]["fields"][5]["formula"] = "revenue / qty"
    document["entities"][0]["fields"].append({"id": "region", "type": "text", "label": "Region"})

    def fail(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(store, "add_version", fail)
    app.config["PROPAGATE_EXCEPTIONS"] = False
    response = republish(client, document, renames={"fields": {"deal.quantity": "qty"}})
    assert response.status_code == 500
    assert _columns(engine, "app1_deal") == columns
    assert {table: _fingerprint(engine, table) for table in before} == before
    assert client.get("/api/apps/deals").get_json()["current_version"] == 1


def test_a_publish_converts_each_stored_value_once(migrated, client, monkeypatch):
    _engine, document = migrated
    converted = []

    def counted(value, *args):
        converted.append(value)
        return convert_stored(value, *args)

    monkeypatch.setattr(dry_run, "convert_stored", counted)
    document["entities"][0]["fields"][4] = {"id": "revenue", "type": "money", "currency": "CNY", "label": "Revenue"}
    response = republish(client, document)
    assert response.status_code == 201, response.get_json()
    assert len(converted) == len(SEED)  # the dry run's values are the ones written


def test_narrowing_min_and_max_checks_stored_values(migrated, client):
    _engine, document = migrated
    amount = document["entities"][0]["fields"][1]
    amount |= {"min": 5000, "max": 10000}  # 4 amounts lie below, 21 above
    refused = republish(client, document)
    assert refused.status_code == 409
    problem = refused.get_json()["error"]["problems"][0]
    assert (problem["code"], problem["details"]["failures"]) == ("migration.conversion_failed", 25)
    assert problem["details"]["examples"][0] == {"id": 1, "value": 1000.5}
    amount |= {"min": -1}
    del amount["max"]
    widened = republish(client, document)
    assert widened.status_code == 201 and widened.get_json()["plan"] == []


def test_a_retype_of_thousands_of_rows_converts_every_one(migrated, client):
    engine, document = migrated
    notes = Table("app1_note", MetaData(), autoload_with=engine)
    now = datetime.now(UTC)
    system = {"owner": "admin", "created_by": "admin", "updated_by": "admin", "created_at": now, "updated_at": now}
    system |= {"row_version": 1, "workflow_state": "draft"}
    with engine.begin() as connection:
        connection.execute(notes.insert(), [system | {"code": str(number)} for number in range(2500)])
    document["entities"][1]["fields"][1] = {"id": "code", "type": "integer", "label": "Code"}
    response = republish(client, document, on_failure={"note.code": "clear"})
    assert response.status_code == 201, response.get_json()
    step = response.get_json()["plan"][0]
    assert (step["kind"], step["rows"], step["failures"]) == ("convert_column", 2510, 1)
    codes = _values(engine, "app1_note", "code")
    assert codes[10:] == list(range(2500)) and codes[4] is None
