"""In-app notifications: a store any subsystem sends to (store.send) and the signed-in user's inbox API."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from flask import Flask


def init_app(app: Flask) -> None:
    """Serve /api/notifications."""
    from runtime.notifications import api

    app.register_blueprint(api.blueprint)
