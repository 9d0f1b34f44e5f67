"""Login rate limiting kept in the database (so it holds across workers): failures per user name and address."""

from __future__ import annotations

import math
from datetime import timedelta

from sqlalchemy import Engine, delete, insert, select

from builder.service.platform_tables import utc_now
from runtime.database import transaction
from runtime.identity.tables import LOGIN_FAILURES, as_utc

MAX_FAILURES = 5
WINDOW = timedelta(minutes=5)


def retry_after(engine: Engine, username: str, address: str) -> int | None:
    """Seconds to wait when the user name or the address had MAX_FAILURES failures in the window, else None."""
    since = utc_now() - WINDOW
    waits = []
    with transaction(engine) as connection:
        for column, value in ((LOGIN_FAILURES.c.username, username), (LOGIN_FAILURES.c.address, address)):
            recent = (
                select(LOGIN_FAILURES.c.at)
                .where(column == value, LOGIN_FAILURES.c.at > since)
                .order_by(LOGIN_FAILURES.c.at.desc())
                .limit(MAX_FAILURES)
            )
            moments = connection.execute(recent).scalars().all()
            if len(moments) >= MAX_FAILURES:  # free again once the oldest of the last MAX_FAILURES leaves the window
                waits.append((as_utc(moments[-1]) + WINDOW - utc_now()).total_seconds())
    return max(1, math.ceil(max(waits))) if waits else None


def record_failure(engine: Engine, username: str, address: str) -> None:
    """Count a failed sign-in (and forget failures older than the window)."""
    now = utc_now()
    with transaction(engine, write=True) as connection:
        connection.execute(delete(LOGIN_FAILURES).where(LOGIN_FAILURES.c.at <= now - WINDOW))
        connection.execute(insert(LOGIN_FAILURES).values(username=username[:100], address=address[:100], at=now))


def clear_failures(engine: Engine, username: str) -> None:
    """A successful sign-in forgets the user name's failures (the address keeps its own)."""
    with transaction(engine, write=True) as connection:
        connection.execute(delete(LOGIN_FAILURES).where(LOGIN_FAILURES.c.username == username))
