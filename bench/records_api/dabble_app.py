"""Dabble's WSGI app for the records API benchmark: `gunicorn 'bench.records_api.dabble_app:create_app()'`.

Its SQLite file (WAL) lives in $BENCH_RECORDS_DIR; the benchmark creates and publishes the app
through the HTTP API once the server is up, authenticated like every request of the benchmark by
the bearer token $BENCH_TOKEN of the administrator `admin`, which this module registers.
"""

from __future__ import annotations

import os

from flask import Flask
from sqlalchemy import Engine, insert, select

from runtime.app import create_app as create_dabble_app
from runtime.database import ENGINE_KEY, transaction
from runtime.identity import org_admin
from runtime.identity.tables import API_TOKENS, USERS
from runtime.identity.tokens import token_hash

USERNAME = "admin"  # the hand-written apps record this owner too


def create_app(folder: str | None = None, token: str | None = None) -> Flask:
    """Dabble on an embedded SQLite database in `folder` (default: $BENCH_RECORDS_DIR), accepting `token`."""
    app = create_dabble_app(
        {
            "DABBLE_INSTANCE_PATH": folder or os.environ["BENCH_RECORDS_DIR"],
            "DABBLE_DATABASE_URL": "",
            "DABBLE_SECRET_KEY": "bench",
        }
    )
    register_token(app.extensions[ENGINE_KEY], token or os.environ["BENCH_TOKEN"])
    return app


def register_token(engine: Engine, token: str) -> None:
    """Make `admin` (once) and accept `token` as theirs: the benchmark's client chose it."""
    with transaction(engine) as connection:
        has_user = connection.execute(select(USERS.c.username).where(USERS.c.username == USERNAME)).first()
    if has_user is None:
        org_admin.create_user(engine, USERNAME, is_admin=True, actor="bench")
    digest = token_hash(token)
    with transaction(engine, write=True) as connection:
        if connection.execute(select(API_TOKENS.c.id).where(API_TOKENS.c.token_hash == digest)).first() is None:
            connection.execute(insert(API_TOKENS).values(username=USERNAME, token_hash=digest, label="benchmark"))
