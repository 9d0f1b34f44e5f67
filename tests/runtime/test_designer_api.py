"""The designer API: apps, drafts with revisions, validation, publishing and versions."""

from __future__ import annotations

import threading

from sqlalchemy import inspect, text

from runtime.database import ENGINE_KEY
from runtime.platform import create_platform_tables
from tests.support.apps import definition, publish_new
from tests.support.auth import signed_in_client


def test_validate_returns_every_problem_without_storing(client):
    document = definition()
    document["entities"][0]["fields"][0]["id"] = "select"
    response = client.post("/api/definitions/validate", json=document)
    assert response.status_code == 200
    body = response.get_json()
    assert body["valid"] is False and body["error_count"] >= 1
    assert {problem["code"] for problem in body["problems"]} >= {"id.reserved_word"}
    assert client.get("/api/apps").get_json()["items"] == []


def test_validate_refuses_unreadable_bodies(client):
    response = client.post("/api/definitions/validate", data=b'{"id": 1, "id": 2}')
    assert response.status_code == 400 and response.get_json()["error"]["code"] == "request.unreadable"
    empty = client.post("/api/apps", data=b"")
    assert empty.status_code == 400 and empty.get_json()["error"]["code"] == "request.empty"


def test_an_app_is_created_from_a_draft_that_may_still_have_errors(client):
    document = definition()
    document["workflows"][0]["edges"][2]["condition"]["rules"][0]["operator"] = ">"
    response = client.post("/api/apps", json=document)
    assert response.status_code == 201
    assert response.headers["Location"].endswith("/api/apps/deals")
    assert response.get_json()["validation"]["valid"] is False
    assert client.post("/api/apps", json=document).status_code == 409
    refused = client.post("/api/apps/deals/publish", json={})
    assert refused.status_code == 422
    assert refused.get_json()["error"]["problems"][0]["code"] == "flow.branch_gap"
    assert client.get("/api/apps/deals").get_json()["current_version"] is None


def test_an_app_needs_a_usable_id(client):
    for bad in ({"id": "Order Tracker"}, {"id": "select"}, [], {"label": "x"}):
        response = client.post("/api/apps", json=bad)
        assert response.status_code == 422, bad
        assert response.get_json()["error"]["code"] == "definition.invalid_app_id"


def test_drafts_have_revisions(client):
    client.post("/api/apps", json=definition())
    draft = client.get("/api/apps/deals/draft")
    assert draft.get_json()["revision"] == 1 and draft.headers["ETag"] == '"1"'
    changed = definition()
    changed["label"] = "Deals v2"
    saved = client.put("/api/apps/deals/draft", json={"definition": changed, "revision": 1})
    assert saved.status_code == 200 and saved.get_json()["revision"] == 2
    stale = client.put("/api/apps/deals/draft", json={"definition": changed, "revision": 1})
    assert stale.status_code == 409 and stale.get_json()["error"]["code"] == "draft.stale"
    renamed = definition()
    renamed["id"] = "other"
    assert client.put("/api/apps/deals/draft", json={"definition": renamed}).status_code == 422
    assert client.put("/api/apps/deals/draft", json={"revision": 2}).status_code == 400
    assert client.get("/api/apps/nothing/draft").status_code == 404


def test_publishing_records_immutable_versions(client):
    first = publish_new(client, definition(), message="first")
    assert first["version"] == 1 and first["published"] is True
    preview = client.post("/api/apps/deals/publish", json={"dry_run": True})
    assert preview.status_code == 200 and preview.get_json()["published"] is False
    assert preview.get_json()["plan"] == []
    second = client.post("/api/apps/deals/publish", json={"message": "again"})
    assert second.status_code == 201
    versions = client.get("/api/apps/deals/versions").get_json()["items"]
    assert [(v["version"], v["status"], v["message"]) for v in versions] == [
        (1, "superseded", "first"),
        (2, "published", "again"),
    ]
    detail = client.get("/api/apps/deals/versions/1").get_json()
    assert detail["definition"]["id"] == "deals" and detail["migration"][0]["kind"] == "create_table"
    assert client.get("/api/apps/deals/versions/9").status_code == 404


def test_publish_requests_are_checked(client):
    publish_new(client, definition())
    for body in (
        {"confirm": "yes"},
        {"unknown": 1},
        {"on_failure": {"deal.amount": "drop"}},
        [1],
        {"renames": {"fields": {"amount": "total"}}},
    ):
        response = client.post("/api/apps/deals/publish", json=body)
        assert response.status_code in (400, 422), body
        assert response.get_json()["error"]["code"] in ("publish.invalid_request", "publish.invalid_renames")


def test_a_database_from_before_derived_statuses_loses_the_stored_status(app, client):
    engine = app.extensions[ENGINE_KEY]
    with engine.begin() as connection:
        connection.execute(text("ALTER TABLE dabble_app_versions ADD COLUMN status VARCHAR(20) DEFAULT 'published'"))
    create_platform_tables(engine)
    assert "status" not in {column["name"] for column in inspect(engine).get_columns("dabble_app_versions")}
    publish_new(client, definition())
    assert client.get("/api/apps/deals/versions").get_json()["items"][0]["status"] == "published"


def _concurrently(app, work, threads: int = 8) -> list[int]:
    """Run work(client) in several threads at once, each with its own client; the status codes it returns."""
    statuses: list[int] = []
    start = threading.Barrier(threads)

    def run() -> None:
        client = signed_in_client(app)
        start.wait()
        statuses.extend(work(client))

    workers = [threading.Thread(target=run) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return statuses


def test_concurrent_draft_writes_and_creates_never_fail(app):
    app.config["PROPAGATE_EXCEPTIONS"] = False
    assert signed_in_client(app).post("/api/apps", json=definition()).status_code == 201
    saves = _concurrently(app, lambda client: [_save(client) for _ in range(10)])
    assert saves == [200] * 80
    assert signed_in_client(app).get("/api/apps/deals/draft").get_json()["revision"] == 81
    other = definition()
    other["id"] = "other"
    creates = _concurrently(app, lambda client: [client.post("/api/apps", json=other).status_code])
    assert sorted(creates) == [201] + [409] * 7


def _save(client) -> int:
    return client.put("/api/apps/deals/draft", json={"definition": definition()}).status_code
