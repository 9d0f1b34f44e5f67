"""The Flask app factory: the single composition root (DESIGN.md)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask

from builder.service import api as designer_api
from builder.service.publishing import PUBLISHER_KEY
from runtime import (
    database,
    errors,
    health,
    identity,
    notifications,
    openapi_api,
    rollback_api,
    rules,
    templates_api,
    ui,
    voice_api,
)
from runtime.events import api as events_api
from runtime.instance_secret import secret_key
from runtime.platform import create_platform_tables
from runtime.publisher import RuntimePublisher
from runtime.records import api as records_api
from runtime.review import api as review_api
from runtime.settings import read_settings
from runtime.views import api as views_api
from runtime.workflows import api as workflows_api


def create_app(overrides: Mapping[str, Any] | None = None) -> Flask:
    """Build the app from DABBLE_ settings, with optional overrides (tests pass their database here)."""
    config: dict[str, Any] = dict(read_settings())
    config.update(overrides or {})
    instance_path = Path(config["DABBLE_INSTANCE_PATH"]).resolve()
    app = Flask(__name__, instance_path=str(instance_path))
    app.config.update(config)
    app.config["MAX_CONTENT_LENGTH"] = int(config["DABBLE_MAX_REQUEST_MB"]) * 1024 * 1024
    app.config["SECRET_KEY"] = config["DABBLE_SECRET_KEY"] or secret_key(instance_path)
    app.json.ensure_ascii = False
    database.init_app(app)
    engine = app.extensions[database.ENGINE_KEY]
    create_platform_tables(engine)
    errors.init_app(app)
    identity.init_app(app)
    app.extensions[PUBLISHER_KEY] = RuntimePublisher(engine)
    app.register_blueprint(health.blueprint)
    app.register_blueprint(designer_api.blueprint)
    app.register_blueprint(rollback_api.blueprint)
    app.register_blueprint(review_api.blueprint)
    app.register_blueprint(templates_api.blueprint)
    app.register_blueprint(voice_api.blueprint)
    records_api.init_app(app)
    views_api.init_app(app)
    workflows_api.init_app(app)  # first of the write listeners: a locked record refuses the write
    openapi_api.init_app(app)  # reads the live-app registry records_api registers
    notifications.init_app(app)
    rules.init_app(app)  # listens to record writes; `dabble serve` / `dabble worker` run its sweeps
    events_api.init_app(app)  # the last write listener: announces what the others let through
    ui.init_app(app)
    return app


def close_app(app: Flask) -> None:
    """Stop what the app runs beside requests (the event hub's threads) and close its database connections."""
    app.extensions[events_api.EVENTS_KEY].close()
    app.extensions[database.ENGINE_KEY].dispose()
