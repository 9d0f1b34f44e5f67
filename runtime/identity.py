"""Who is making a request (flask.g.actor): until identity lands, every request is the local administrator."""

from __future__ import annotations

from flask import Flask, g

LOCAL_ACTOR = "admin"


def init_app(app: Flask) -> None:
    """Set the actor of every request."""

    @app.before_request
    def _actor() -> None:
        g.actor = LOCAL_ACTOR
