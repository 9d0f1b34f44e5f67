"""Errors found by the robustness suites: a 404 (not 405) past the largest record id, a 400 for lone surrogates."""

from __future__ import annotations

from builder.compile.records import MAX_RECORD_ID
from tests.support.apps import publish_new
from tests.support.definitions import definition


def _published(client) -> str:
    document = definition()
    publish_new(client, document)
    entity = document["entities"][0]["id"]
    return f"/api/apps/{document['id']}/{entity}"


def test_a_record_id_above_the_largest_is_404_for_every_method(client):
    base = _published(client)
    too_large = f"{base}/{MAX_RECORD_ID + 1}"
    for method, path in (
        ("GET", too_large),
        ("PATCH", too_large),
        ("DELETE", too_large),
        ("POST", f"{too_large}/restore"),
        ("POST", f"{too_large}/shares"),
        ("PUT", f"{too_large}/visibility"),
    ):
        response = client.open(path, method=method, json={"row_version": 1})
        assert response.status_code == 404, (method, path, response.get_json())
        assert response.get_json()["error"]["code"] == "http.not_found"
        assert "Allow" not in response.headers


def test_a_method_not_served_at_a_real_record_url_stays_405(client):
    base = _published(client)
    response = client.put(f"{base}/1", json={})
    assert response.status_code == 405
    assert response.get_json()["error"]["code"] == "http.method_not_allowed"
    assert {"GET", "PATCH", "DELETE"} <= set(response.headers["Allow"].split(", "))


def test_a_lone_surrogate_in_a_record_body_is_a_400_not_a_500(client):
    base = _published(client)
    for body in ('{"name": "a\\ud800b", "amount": 1, "stage": "open"}', '{"\\udc00": 1}'):
        response = client.post(base, data=body, content_type="application/json")
        assert response.status_code == 400, response.get_json()
        assert response.get_json()["error"]["code"] == "request.unreadable"
    assert client.get(base).get_json()["total"] == 0
