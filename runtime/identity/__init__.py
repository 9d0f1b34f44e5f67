"""Who is making a request: flask.g.user (an Actor) and flask.g.rights (what the builder service needs of them)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the package stays light to import: `dabble validate` loads the CLI, which names users_cli
    from flask import Flask
    from sqlalchemy import Connection

    from runtime.identity.actor import Actor


def init_app(app: Flask) -> None:
    """Identify the user of every request and serve the sign-in routes."""
    from runtime.identity import authentication, routes

    authentication.init_app(app)
    app.register_blueprint(routes.blueprint)


def current_user(connection: Connection | None = None) -> Actor:
    """The signed-in user of this request (a bearer token is checked in `connection`'s transaction); 401 if none."""
    from flask import g

    from runtime.identity.authentication import required, resolve_pending

    if g.get("pending_token") is not None:
        if connection is None:
            raise RuntimeError("this route checks its bearer token in its own transaction: pass the connection")
        resolve_pending(connection)
    user = g.get("user")
    if user is None:
        raise required()
    return user
