"""Read an installed template app's records through the records API, as the admin or as a demo user."""

from __future__ import annotations

import json
from typing import Any

from flask.testing import FlaskClient

PAGE_SIZE = 500


def all_records(client: FlaskClient, app_id: str, entity_id: str, **query: Any) -> list[dict[str, Any]]:
    """Every record of an entity the client's user may read (all pages), optionally filtered."""
    records: list[dict[str, Any]] = []
    page = 1
    while True:
        response = client.get(
            f"/api/apps/{app_id}/{entity_id}", query_string={"page": page, "page_size": PAGE_SIZE, **query}
        )
        assert response.status_code == 200, response.get_json()
        body = response.get_json()
        records += body["items"]
        if len(records) >= body["total"]:
            return records
        page += 1


def filtered_total(client: FlaskClient, app_id: str, entity_id: str, condition: dict[str, Any] | None) -> int:
    """How many records the records API finds for a condition (compiled to SQL by the runtime)."""
    query = {"page_size": 1} | ({"filter": json.dumps(condition, ensure_ascii=False)} if condition else {})
    response = client.get(f"/api/apps/{app_id}/{entity_id}", query_string=query)
    assert response.status_code == 200, response.get_json()
    return response.get_json()["total"]
