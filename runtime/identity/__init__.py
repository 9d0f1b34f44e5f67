"""Who is making a request: flask.g.user (an Actor) and flask.g.actor (their user name, for the builder service)."""

from __future__ import annotations

from flask import Flask, g

from builder.service.errors import ApiError
from runtime.identity.actor import Actor

LOCAL_ADMIN = Actor("admin", is_admin=True)  # every request until sign-in lands


def init_app(app: Flask) -> None:
    """Set the user of every request."""

    @app.before_request
    def _actor() -> None:
        g.user = LOCAL_ADMIN
        g.actor = LOCAL_ADMIN.username


def current_user() -> Actor:
    """The signed-in user of this request; 401 when nobody is signed in."""
    user = g.get("user")
    if user is None:
        raise ApiError(401, "auth.required", "Sign in first. / 请先登录。")
    return user
