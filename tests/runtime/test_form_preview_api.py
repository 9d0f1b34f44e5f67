"""POST /api/definitions/forms: the record form of a draft's entity, for the designer's live preview."""

from __future__ import annotations

from tests.support.apps import definition


def test_the_form_of_a_draft_entity_comes_with_its_validation(client):
    document = definition()
    entity = document["entities"][0]["id"]
    response = client.post("/api/definitions/forms", json={"definition": document, "entity": entity, "lang": "en"})
    assert response.status_code == 200
    body = response.get_json()
    assert body["entity"] == entity and body["schema"]["type"] == "object"
    assert body["uiSchema"]["ui:order"][-1] == "*"
    assert body["validation"]["valid"] is True
    assert client.get("/api/apps").get_json()["items"] == []  # nothing stored


def test_a_malformed_request_is_refused_in_the_one_error_shape(client):
    for body in ({"definition": {}}, {"definition": {}, "entity": "x", "lang": "fr"}, {"definition": {}, "entity": 3}):
        response = client.post("/api/definitions/forms", json=body)
        assert response.status_code == 400
        assert response.get_json()["error"]["code"] == "form_preview.invalid_request"


def test_the_preview_needs_a_signed_in_user(app):
    response = app.test_client().post("/api/definitions/forms", json={"definition": {}, "entity": "x"})
    assert response.status_code == 401
