"""The template gallery: GET /api/templates and GET /api/templates/<id> (any signed-in user)."""

from __future__ import annotations

from flask import Blueprint, jsonify

from builder.service.actors import current_rights
from runtime.template_install import template_not_found
from templates_library import TemplateNotFound, library

blueprint = Blueprint("templates", __name__)


@blueprint.get("/api/templates")
def list_templates():
    """Every template: id, names, descriptions, tags and how many entities, views, workflows and rules it has."""
    current_rights()  # 401 for nobody signed in
    return jsonify({"items": [template.summary() for template in library().templates]})


@blueprint.get("/api/templates/<template_id>")
def get_template(template_id: str):
    """One template with its definition and the roles the demo users get when it is installed."""
    current_rights()
    try:
        template = library().get(template_id)
    except TemplateNotFound:
        raise template_not_found(template_id) from None
    return jsonify(
        template.summary()
        | {
            "definition": template.definition,
            "demo_roles": {role: list(users) for role, users in template.demo_roles.items()},
        }
    )
