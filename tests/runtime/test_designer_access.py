"""Who may see, review, change and publish an app: its creator and administrators build, IT reviewers read."""

from __future__ import annotations

from runtime.database import ENGINE_KEY
from runtime.identity import org_admin
from tests.support.apps import definition, publish_new
from tests.support.auth import signed_in_client


def _codes(client, app_id: str = "deals") -> dict[str, int]:
    document = definition() | {"id": app_id}
    return {
        "list": app_id in [item["id"] for item in client.get("/api/apps").get_json()["items"]],
        "app": client.get(f"/api/apps/{app_id}").status_code,
        "draft": client.get(f"/api/apps/{app_id}/draft").status_code,
        "versions": client.get(f"/api/apps/{app_id}/versions").status_code,
        "change": client.put(f"/api/apps/{app_id}/draft", json={"definition": document}).status_code,
        "publish": client.post(f"/api/apps/{app_id}/publish", json={"dry_run": True}).status_code,
    }


def test_builders_reviewers_users_and_strangers_get_what_their_part_allows(app, client):
    publish_new(client, definition())  # the admin's app
    engine = app.extensions[ENGINE_KEY]
    org_admin.create_user(engine, "rita", is_reviewer=True)
    for name in ("ann", "ivy"):
        org_admin.create_user(engine, name)
    org_admin.grant_role(engine, "ann", "deals", "rep")
    seen = {name: _codes(signed_in_client(app, name, is_admin=False)) for name in ("rita", "ann", "ivy")}
    assert seen["rita"] == {"list": True, "app": 200, "draft": 200, "versions": 200, "change": 403, "publish": 403}
    assert seen["ann"] == {"list": True, "app": 200, "draft": 403, "versions": 403, "change": 403, "publish": 403}
    assert seen["ivy"] == {"list": False, "app": 404, "draft": 404, "versions": 404, "change": 404, "publish": 404}
    assert _codes(client) == {"list": True, "app": 200, "draft": 200, "versions": 200, "change": 200, "publish": 200}


def test_the_creator_of_an_app_builds_it_and_nobody_else_but_admins(app):
    engine = app.extensions[ENGINE_KEY]
    for name in ("ann", "bob"):
        org_admin.create_user(engine, name)
    ann, bob = (signed_in_client(app, name, is_admin=False) for name in ("ann", "bob"))
    document = definition()
    document["id"] = "ann_leads"
    assert ann.post("/api/apps", json=document).status_code == 201
    assert ann.post("/api/apps/ann_leads/publish", json={}).status_code == 201
    assert _codes(ann, "ann_leads") == {
        "list": True,
        "app": 200,
        "draft": 200,
        "versions": 200,
        "change": 200,
        "publish": 200,
    }
    assert bob.post("/api/apps/ann_leads/publish", json={}).status_code == 404
    assert bob.put("/api/apps/ann_leads/draft", json={"definition": document}).status_code == 404
