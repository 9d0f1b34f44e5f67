"""GET /api/templates (the gallery) and GET /api/templates/<id> (one template with its definition)."""

from __future__ import annotations

from templates_library import library
from tests.support.auth import signed_in_client


def test_the_gallery_lists_every_template_with_its_counts(client):
    response = client.get("/api/templates")
    assert response.status_code == 200
    items = response.get_json()["items"]
    assert [item["id"] for item in items] == list(library().ids)
    for item, template in zip(items, library().templates, strict=True):
        assert item == {
            "id": template.id,
            "name": {"zh": template.name.zh, "en": template.name.en},
            "description": {"zh": template.description.zh, "en": template.description.en},
            "tags": list(template.tags),
            "counts": {
                "entities": len(template.definition["entities"]),
                "views": len(template.definition["views"]),
                "workflows": len(template.definition["workflows"]),
                "rules": len(template.definition["rules"]),
            },
        }


def test_one_template_comes_with_its_definition(app):
    reader = signed_in_client(app, "reader", is_admin=False)  # any signed-in user may browse the gallery
    response = reader.get("/api/templates/contract_approval")
    assert response.status_code == 200
    body = response.get_json()
    template = library().get("contract_approval")
    assert body["definition"] == template.definition
    assert body["demo_roles"]["legal"] == ["zhou.min"] and body["counts"]["workflows"] == 1
    created = reader.post("/api/apps", json=body["definition"] | {"id": "my_contracts"})
    assert created.status_code == 201 and created.get_json()["validation"]["problems"] == []


def test_unknown_templates_and_anonymous_callers_get_the_one_error_shape(app, client):
    missing = client.get("/api/templates/nope")
    assert missing.status_code == 404
    assert missing.get_json()["error"]["code"] == "template.not_found"
    anonymous = app.test_client().get("/api/templates")
    assert anonymous.status_code == 401 and anonymous.get_json()["error"]["code"] == "auth.required"
