"""A fresh PostgreSQL schema per test (or module), dropped afterwards, on the server named by the test URL."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from runtime.database import database_url


@contextmanager
def fresh_postgres_schema(configured_url: str, instance_path: str) -> Iterator[str]:
    """A URL of `configured_url` whose search path is a new, empty schema; the schema is dropped on exit."""
    url = database_url(configured_url, instance_path)
    schema = f"test_{uuid.uuid4().hex[:12]}"
    inside = make_url(url).update_query_dict({"options": f"-csearch_path={schema}"})
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        try:
            yield inside.render_as_string(hide_password=False)
        finally:
            with admin.connect() as connection:
                connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    finally:
        admin.dispose()
