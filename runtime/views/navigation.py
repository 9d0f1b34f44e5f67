"""What a user finds in a live app: its views they may open and its entities with what they may do with them."""

from __future__ import annotations

from typing import Any

from builder.model.app import OPERATIONS
from builder.model.views import DashboardView
from runtime.records.session import AppSession
from runtime.views.table import view_header


def navigation_json(session: AppSession) -> dict[str, Any]:
    """The app, the views the user may open (in the definition's order) and each entity's operations for them."""
    live, access = session.live, session.access
    model = live.model
    readable = {entity_id for entity_id, entity in live.entities.items() if access.may(entity.storage, "read")}
    views = []
    for view in model.views:
        entities = {widget.entity for widget in view.widgets} if isinstance(view, DashboardView) else {view.entity}
        if entities & readable:
            views.append(view_header(view))
    return {
        "app": {
            "id": live.app_id,
            "label": model.label.to_json(),
            "version": live.version,
            "default_language": model.default_language,
            "timezone": model.timezone,
        },
        "views": views,
        "entities": [
            {
                "id": entity.id,
                "label": entity.label.to_json(),
                "title_field": entity.title_field,
                "may": {operation: access.may(live.entity(entity.id).storage, operation) for operation in OPERATIONS},
                "workflows": [
                    {"id": flow.id, "label": flow.label.to_json()}
                    for flow in model.workflows
                    if flow.entity == entity.id
                ],
            }
            for entity in model.entities
        ],
    }
