"""Live apps: each app's current version is built once, serves its OpenAPI document, and replaces the one before."""

from __future__ import annotations

import gc
import weakref

from runtime.database import ENGINE_KEY, transaction
from runtime.records.api import LIVE_APPS_KEY
from tests.support.apps import definition, publish_new, republish


def _current(app, app_id: str = "deals"):
    with transaction(app.extensions[ENGINE_KEY]) as connection:
        return app.extensions[LIVE_APPS_KEY].current(connection, app_id)


def test_a_version_is_built_once_and_let_go_when_the_next_is_published(app, client):
    source = definition()
    publish_new(client, source)
    first = _current(app)
    assert _current(app) is first
    assert first.openapi_json is first.openapi_json
    assert client.get("/api/apps/deals/openapi.json").get_data(as_text=True) == first.openapi_json

    source["entities"][0]["fields"].append({"id": "region", "type": "text", "label": "Region"})
    assert republish(client, source).status_code == 201
    second = _current(app)
    assert second.version == 2 and _current(app) is second
    assert '"region"' in client.get("/api/apps/deals/openapi.json").get_data(as_text=True)
    gone = weakref.ref(first)
    del first
    gc.collect()
    assert gone() is None  # nothing keeps the replaced version
