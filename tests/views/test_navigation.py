"""GET /api/apps/<app>/views: the views each demo user may open and what they may do with each entity."""

from __future__ import annotations

import pytest

from builder.model import Scope
from builder.model.app import OPERATIONS
from builder.model.views import DashboardView
from templates_library import library
from tests.support.auth import signed_in_client

TEMPLATES = library().templates


def _granted(template, username: str, entity_id: str, operation: str) -> bool:
    roles = {role for role, users in template.demo_roles.items() if username in users}
    return any(
        getattr(grant, operation) is not Scope.NONE
        for grant in template.model.permissions
        if grant.entity == entity_id and grant.role in roles
    )


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda template: template.id)
def test_each_user_is_offered_the_views_of_entities_they_may_read(demo_instance, template):
    users = sorted({user for holders in template.demo_roles.values() for user in holders})
    for username in users:
        client = signed_in_client(demo_instance.app, username, is_admin=False)
        answer = client.get(f"/api/apps/{template.id}/views").get_json()
        readable = {entity.id for entity in template.model.entities if _granted(template, username, entity.id, "read")}
        expected = [
            view.id
            for view in template.model.views
            if ({widget.entity for widget in view.widgets} if isinstance(view, DashboardView) else {view.entity})
            & readable
        ]
        assert [view["id"] for view in answer["views"]] == expected, username
        for entity in answer["entities"]:
            assert entity["may"] == {op: _granted(template, username, entity["id"], op) for op in OPERATIONS}
            flows = [flow for flow in template.model.workflows if flow.entity == entity["id"]]
            assert entity["workflows"] == [{"id": flow.id, "label": flow.label.to_json()} for flow in flows]
        assert answer["app"]["id"] == template.id and answer["app"]["version"] == 1


def test_the_administrator_is_offered_every_view(demo_instance):
    admin = signed_in_client(demo_instance.app)
    for template in TEMPLATES:
        answer = admin.get(f"/api/apps/{template.id}/views").get_json()
        assert [view["id"] for view in answer["views"]] == [view.id for view in template.model.views]


def test_views_of_an_unknown_app_or_view_are_not_found(demo_instance):
    admin = signed_in_client(demo_instance.app)
    assert admin.get("/api/apps/nothing_here/views").get_json()["error"]["code"] == "app.not_found"
    response = admin.get("/api/apps/contract_approval/views/nothing_here")
    assert (response.status_code, response.get_json()["error"]["code"]) == (404, "view.not_found")
    response = admin.get("/api/apps/contract_approval/views/contracts/12")  # a table view has no record page
    assert (response.status_code, response.get_json()["error"]["code"]) == (404, "view.not_found")


def test_nobody_signed_in_gets_no_view(demo_instance):
    response = demo_instance.app.test_client().get("/api/apps/contract_approval/views")
    assert response.status_code == 401
