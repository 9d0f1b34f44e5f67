"""What a publish request may carry: the draft revision it previewed, and a definition to preview or publish."""

from __future__ import annotations

from tests.support.apps import definition, publish_new


def _with_region() -> dict:
    document = definition()
    document["entities"][0]["fields"].append({"id": "region", "type": "text", "label": "Region"})
    return document


def test_a_publish_of_a_previewed_revision_is_refused_once_the_draft_changed(client):
    publish_new(client, definition())
    preview = client.post("/api/apps/deals/publish", json={"dry_run": True}).get_json()
    assert preview["revision"] == 1
    assert client.put("/api/apps/deals/draft", json={"definition": _with_region()}).status_code == 200
    stale = client.post("/api/apps/deals/publish", json={"revision": preview["revision"]})
    assert stale.status_code == 409 and stale.get_json()["error"]["code"] == "draft.stale"
    assert client.get("/api/apps/deals").get_json()["current_version"] == 1
    current = client.post("/api/apps/deals/publish", json={"revision": 2})
    assert current.status_code == 201 and current.get_json()["revision"] == 2


def test_a_dry_run_of_a_definition_stores_nothing(client):
    publish_new(client, definition())
    preview = client.post("/api/apps/deals/publish", json={"dry_run": True, "definition": _with_region()})
    assert preview.status_code == 200, preview.get_json()
    body = preview.get_json()
    assert [step["kind"] for step in body["plan"]] == ["add_column"] and body["published"] is False
    draft = client.get("/api/apps/deals/draft").get_json()
    assert draft["revision"] == 1 and draft["definition"] == definition()


def test_a_publish_of_a_definition_stores_it_as_the_draft_first(client):
    publish_new(client, definition())
    published = client.post("/api/apps/deals/publish", json={"definition": _with_region(), "revision": 1})
    assert published.status_code == 201, published.get_json()
    assert published.get_json()["revision"] == 2
    draft = client.get("/api/apps/deals/draft").get_json()
    assert draft["revision"] == 2 and draft["definition"] == _with_region()
    assert client.get("/api/apps/deals/versions/2").get_json()["definition"] == _with_region()


def test_a_new_app_can_be_previewed_before_it_exists(client):
    preview = client.post("/api/apps/deals/publish", json={"dry_run": True, "definition": definition()})
    assert preview.status_code == 200, preview.get_json()
    body = preview.get_json()
    assert body["revision"] is None and body["version"] == 1
    assert [(step["kind"], step["rows"]) for step in body["plan"]] == [("create_table", 0)]
    assert client.get("/api/apps/deals").status_code == 404
    for request in ({"definition": definition()}, {"dry_run": True}, {"dry_run": True, "revision": 1}):
        assert client.post("/api/apps/deals/publish", json=request).status_code == 404, request


def test_a_definition_must_be_valid_and_keep_the_app_id(client):
    publish_new(client, definition())
    other = definition()
    other["id"] = "other"
    moved = client.post("/api/apps/deals/publish", json={"dry_run": True, "definition": other})
    assert moved.status_code == 422 and moved.get_json()["error"]["code"] == "draft.app_id_changed"
    broken = definition()
    broken["workflows"][0]["edges"][2]["condition"]["rules"][0]["operator"] = ">"
    invalid = client.post("/api/apps/deals/publish", json={"definition": broken})
    assert invalid.status_code == 422 and invalid.get_json()["error"]["code"] == "publish.invalid_definition"
    for revision in ("1", True, 1.5):
        response = client.post("/api/apps/deals/publish", json={"revision": revision})
        assert response.status_code == 400 and response.get_json()["error"]["code"] == "publish.invalid_request"
