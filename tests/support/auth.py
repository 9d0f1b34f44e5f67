"""Signed-in test clients: a user made through the org module and a bearer token (no slow password hashing)."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient

from runtime.database import ENGINE_KEY
from runtime.identity import org_admin
from runtime.identity.tokens import create_token

_TOKENS_KEY = "tests.bearer_tokens"


def bearer_token(app: Flask, username: str = "admin", *, is_admin: bool = True) -> str:
    """A token of `username`, creating the user (an admin by default) on first use."""
    tokens = app.extensions.setdefault(_TOKENS_KEY, {})
    if username not in tokens:
        engine = app.extensions[ENGINE_KEY]
        if username not in {user["username"] for user in org_admin.list_users(engine)}:
            org_admin.create_user(engine, username, is_admin=is_admin)
        tokens[username] = create_token(engine, username, "tests")[1]
    return tokens[username]


def signed_in_client(app: Flask, username: str = "admin", *, is_admin: bool = True) -> FlaskClient:
    """A test client whose every request carries the bearer token of `username`."""
    client = app.test_client()
    client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {bearer_token(app, username, is_admin=is_admin)}"
    return client
