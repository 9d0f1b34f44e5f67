"""Dabble's WSGI app for the records API benchmark: `gunicorn 'bench.records_api.dabble_app:create_app()'`.

Its SQLite file (WAL) lives in $BENCH_RECORDS_DIR; the benchmark creates and publishes the app
through the HTTP API once the server is up.
"""

from __future__ import annotations

import os

from flask import Flask

from runtime.app import create_app as create_dabble_app


def create_app(folder: str | None = None) -> Flask:
    """Dabble on an embedded SQLite database in `folder` (default: $BENCH_RECORDS_DIR)."""
    return create_dabble_app(
        {
            "DABBLE_INSTANCE_PATH": folder or os.environ["BENCH_RECORDS_DIR"],
            "DABBLE_DATABASE_URL": "",
            "DABBLE_SECRET_KEY": "bench",
        }
    )
