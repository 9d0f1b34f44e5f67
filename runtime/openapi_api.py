"""GET /api/apps/<app>/openapi.json: the OpenAPI 3.1 document of a published app's records API."""

from __future__ import annotations

from flask import Blueprint, Flask, current_app

from runtime.database import ENGINE_KEY, transaction
from runtime.records.api import LIVE_APPS_KEY

blueprint = Blueprint("openapi", __name__)


@blueprint.get("/api/apps/<app_id>/openapi.json")
def app_openapi(app_id: str):
    """The document of the app's live version; 404 app.not_found / app.not_published in the one error shape."""
    with transaction(current_app.extensions[ENGINE_KEY]) as connection:
        live = current_app.extensions[LIVE_APPS_KEY].current(connection, app_id)
    return current_app.response_class(live.openapi_json, mimetype="application/json")


def init_app(app: Flask) -> None:
    """Register the route (after the records API, whose live-app registry it reads)."""
    app.register_blueprint(blueprint)
