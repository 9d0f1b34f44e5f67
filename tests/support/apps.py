"""Create and publish apps through the HTTP API in tests."""

from __future__ import annotations

from typing import Any

from tests.support.definitions import definition

__all__ = ["definition", "publish", "publish_new", "republish"]  # definition: the tests that publish take it from here


def publish_new(client, document: dict[str, Any], **options: Any) -> dict[str, Any]:
    """Create an app from `document` and publish it; fail the test unless both succeed."""
    created = client.post("/api/apps", json=document)
    assert created.status_code == 201, created.get_json()
    return publish(client, document["id"], **options)


def republish(client, document: dict[str, Any], **options: Any) -> Any:
    """Replace the draft with `document` and publish; return the publish response (any status)."""
    saved = client.put(f"/api/apps/{document['id']}/draft", json={"definition": document})
    assert saved.status_code == 200, saved.get_json()
    return client.post(f"/api/apps/{document['id']}/publish", json=options)


def publish(client, app_id: str, **options: Any) -> dict[str, Any]:
    """Publish the current draft; fail the test unless it succeeds."""
    response = client.post(f"/api/apps/{app_id}/publish", json=options)
    assert response.status_code == 201, response.get_json()
    return response.get_json()
