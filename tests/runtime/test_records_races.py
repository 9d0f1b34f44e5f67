"""Races: a publish and record transactions never interleave; racing writers get the right 409."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from flask import Flask
from sqlalchemy import Engine, select, text
from sqlalchemy.exc import IntegrityError

from runtime.database import ENGINE_KEY, transaction, violated_unique_index
from runtime.identity.actor import Actor
from runtime.records.access import RecordAccess
from runtime.records.api import LIVE_APPS_KEY
from runtime.records.service import Records
from tests.support.apps import definition, publish_new
from tests.support.auth import signed_in_client

DEAL = "/api/apps/deals/deal"
REQUIRED = {"name": "Deal", "amount": 10, "stage": "open"}
RENAMES = {"fields": {"deal.region": "area"}}


def _admin_records(connection, live) -> Records:
    """The deals of a live version as a platform administrator reads and writes them."""
    access = RecordAccess(Actor("admin", is_admin=True), live, connection.dialect.name)
    return Records(connection, live, live.entity("deal"), access)


def _published_with_draft(app: Flask):
    """The app at version 1 with one record; its draft renames region to area and keeps amounts to 3 decimals."""
    client = signed_in_client(app)
    first = definition()
    first["entities"][0]["fields"].append({"id": "region", "type": "text", "label": "Region"})
    publish_new(client, first)
    record = client.post(DEAL, json={"name": "Early", "amount": 10.5, "stage": "open", "region": "north"})
    assert record.status_code == 201
    second = definition()
    second["entities"][0]["fields"][1]["scale"] = 3  # stored amounts become ten times larger
    second["entities"][0]["fields"].append({"id": "area", "type": "text", "label": "Area"})
    assert client.put("/api/apps/deals/draft", json={"definition": second}).status_code == 200
    return client, record.get_json()["id"]


def _in_thread(work: Callable[[], object]) -> tuple[threading.Thread, list]:
    answers: list = []
    thread = threading.Thread(target=lambda: answers.append(work()))
    thread.start()
    return thread, answers


def _publish(app: Flask):
    client = signed_in_client(app)
    return lambda: client.post("/api/apps/deals/publish", json={"renames": RENAMES, "confirm": True})


def _waiting_on(engine: Engine, pid: int) -> list[int]:
    """The backends waiting for a lock that backend `pid` holds."""
    with engine.connect() as probe:
        query = text("select pid from pg_stat_activity where :pid = any(pg_blocking_pids(pid))")
        return list(probe.execute(query, {"pid": pid}).scalars())


def _wait_for_waiter(engine: Engine, pid: int, thread: threading.Thread) -> int | None:
    """The backend that comes to wait on `pid`, or None when the thread ends first (bounded, to fail, not hang)."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        waiting = _waiting_on(engine, pid)
        if waiting:
            return waiting[0]
        if not thread.is_alive():
            return None
        time.sleep(0.01)
    return None


def _backend(connection) -> int:
    return connection.execute(text("select pg_backend_pid()")).scalar_one()


@pytest.mark.postgres
@pytest.mark.parametrize("write", [True, False], ids=["write", "read"])
def test_a_publish_waits_for_the_record_transactions_on_the_version_it_replaces(postgres_app, write):
    client, record_id = _published_with_draft(postgres_app)
    engine = postgres_app.extensions[ENGINE_KEY]
    with transaction(engine, write=write) as connection:
        live = postgres_app.extensions[LIVE_APPS_KEY].current(connection, "deals")
        publishing, published = _in_thread(_publish(postgres_app))
        assert _wait_for_waiter(engine, _backend(connection), publishing), "the publish did not wait"
        records = _admin_records(connection, live)
        if write:
            late = records.create({"name": "Late", "amount": 12.34, "stage": "open", "region": "south"})
            assert late["amount"] == 12.34
        else:
            assert records.get(record_id)["region"] == "north"
    publishing.join(30)
    assert published and published[0].status_code == 201, published and published[0].get_json()
    items = client.get(DEAL, query_string={"sort": "id"}).get_json()["items"]
    expected = [("Early", 10.5, "north")] + ([("Late", 12.34, "south")] if write else [])
    assert [(item["name"], item["amount"], item["area"]) for item in items] == expected


@pytest.mark.postgres
def test_a_record_request_during_a_publish_waits_and_serves_the_new_version(postgres_app):
    _client, record_id = _published_with_draft(postgres_app)
    engine = postgres_app.extensions[ENGINE_KEY]
    with transaction(engine) as connection:
        table = postgres_app.extensions[LIVE_APPS_KEY].current(connection, "deals").entity("deal").storage.table
    with transaction(engine) as holder:  # a reader of the table alone: the publish stops at its first ALTER
        holder.execute(select(table.c.id).limit(1))
        publishing, published = _in_thread(_publish(postgres_app))
        publisher = _wait_for_waiter(engine, _backend(holder), publishing)
        assert publisher, "the publish did not reach its ALTER"
        reader = signed_in_client(postgres_app)
        reading, read = _in_thread(lambda: reader.get(f"{DEAL}/{record_id}"))
        assert _wait_for_waiter(engine, publisher, reading), "the record request did not wait for the publish"
    publishing.join(30)
    reading.join(30)
    assert published and published[0].status_code == 201, published and published[0].get_json()
    assert read and read[0].status_code == 200, read and read[0].get_json()
    assert read[0].get_json()["area"] == "north" and read[0].get_json()["amount"] == 10.5


def test_a_sqlite_read_keeps_its_snapshot_while_a_publish_commits(sqlite_app):
    client, record_id = _published_with_draft(sqlite_app)
    with transaction(sqlite_app.extensions[ENGINE_KEY]) as connection:
        live = sqlite_app.extensions[LIVE_APPS_KEY].current(connection, "deals")
        published = client.post("/api/apps/deals/publish", json={"renames": RENAMES, "confirm": True})
        assert published.status_code == 201, published.get_json()
        records = _admin_records(connection, live)
        assert live.version == 1 and records.get(record_id)["region"] == "north"
    assert client.get(f"{DEAL}/{record_id}").get_json()["area"] == "north"


def _publish_two_unique(client) -> None:
    """Deals with two unique fields; the first is named like the value the second will hold."""
    document = definition()
    document["entities"][0]["fields"] += [
        {"id": "email", "type": "email", "label": "Email", "unique": True},
        {"id": "code", "type": "text", "label": "Code", "unique": True},
    ]
    publish_new(client, document)


def test_a_unique_violation_names_the_index_of_its_field(app, client):
    _publish_two_unique(client)
    assert client.post(DEAL, json=REQUIRED | {"code": "email"}).status_code == 201
    now = datetime.now(UTC)
    row = {"owner": "a", "created_by": "a", "updated_by": "a", "created_at": now, "updated_at": now, "code": "email"}
    with transaction(app.extensions[ENGINE_KEY], write=True) as connection:
        storage = app.extensions[LIVE_APPS_KEY].current(connection, "deals").entity("deal").storage
        with pytest.raises(IntegrityError) as raised:
            connection.execute(storage.table.insert(), row)
    assert storage.unique_indexes[violated_unique_index(raised.value)] == "code"


@pytest.mark.postgres
def test_two_writers_racing_for_a_unique_value_get_409_on_that_field(postgres_app):
    _publish_two_unique(signed_in_client(postgres_app))
    engine = postgres_app.extensions[ENGINE_KEY]
    with transaction(engine, write=True) as first:
        live = postgres_app.extensions[LIVE_APPS_KEY].current(first, "deals")
        _admin_records(first, live).create(REQUIRED | {"code": "email"})
        second = signed_in_client(postgres_app)
        racing, answers = _in_thread(lambda: second.post(DEAL, json=REQUIRED | {"code": "email"}))
        # its insert waits on the unique index until the first commits
        assert _wait_for_waiter(engine, _backend(first), racing), "the second writer did not wait"
    racing.join(30)
    assert answers and answers[0].status_code == 409
    problems = answers[0].get_json()["error"]["problems"]
    assert [(problem["code"], problem["path"]) for problem in problems] == [("record.unique", "/code")]


@pytest.mark.postgres
def test_a_restore_racing_a_restore_and_delete_is_stale_not_missing(postgres_app):
    client = signed_in_client(postgres_app)
    publish_new(client, definition())
    record = client.post(DEAL, json=REQUIRED).get_json()
    assert client.delete(f"{DEAL}/{record['id']}").status_code == 204
    engine = postgres_app.extensions[ENGINE_KEY]
    with transaction(engine, write=True) as first:
        live = postgres_app.extensions[LIVE_APPS_KEY].current(first, "deals")
        records = _admin_records(first, live)
        records.restore(record["id"])
        records.delete(record["id"], None)
        second = signed_in_client(postgres_app)
        racing, answers = _in_thread(lambda: second.post(f"{DEAL}/{record['id']}/restore"))
        # it reads the deleted record at row_version 2; its update waits for the first transaction
        assert _wait_for_waiter(engine, _backend(first), racing), "the second restore did not wait"
    racing.join(30)
    assert answers and answers[0].status_code == 409, answers and answers[0].get_json()
    assert answers[0].get_json()["error"]["problems"][0]["details"] == {"current": 4}
