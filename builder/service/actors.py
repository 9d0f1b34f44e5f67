"""Who is acting: the identity layer of the runtime puts the user name on `flask.g.actor`."""

from __future__ import annotations

from flask import g

from builder.service.errors import ApiError


def current_actor() -> str:
    """The user name of the person making the request."""
    actor = g.get("actor")
    if not actor:
        raise ApiError(401, "auth.required", "Sign in first. / 请先登录。")
    return actor
