"""API tokens: a random secret shown once, stored as its SHA-256; looked up, listed and revoked."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, bindparam, insert, select, update

from builder.service.platform_tables import utc_now
from runtime.database import transaction
from runtime.identity.org_chart import REVISION
from runtime.identity.org_errors import OrgError
from runtime.identity.tables import API_TOKENS, USERS, as_utc

TOKEN_PREFIX = "dbl_"  # makes a leaked token easy to recognise in logs and secret scanners
_LAST_USED_PRECISION = timedelta(minutes=5)  # last_used_at is written at most this often per token


@dataclass(frozen=True, slots=True)
class TokenMatch:
    """The token a request presented: whose it is, and the org revision read in the same query."""

    token_id: int
    username: str
    revision: int
    stale: bool = False  # last_used_at is older than its precision: touch_token() it


def token_hash(token: str) -> str:
    """The SHA-256 (hex) stored in place of the token."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_token(engine: Engine, username: str, label: str = "") -> tuple[int, str]:
    """Make a token for a user: its id and the secret (returned this once, never stored)."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction(engine, write=True) as connection:
        if connection.execute(select(USERS.c.username).where(USERS.c.username == username)).first() is None:
            raise OrgError(404, "org.unknown_user", f"There is no user '{username}'. / 用户“{username}”不存在。")
        token_id = connection.execute(
            insert(API_TOKENS)
            .values(username=username, token_hash=token_hash(token), label=label[:200])
            .returning(API_TOKENS.c.id)
        ).scalar_one()
    return token_id, token


_LIVE_TOKEN = select(API_TOKENS.c.id, API_TOKENS.c.username, API_TOKENS.c.last_used_at, REVISION.label("revision"))
_LIVE_TOKEN = _LIVE_TOKEN.where(API_TOKENS.c.token_hash == bindparam("digest"), API_TOKENS.c.revoked_at.is_(None))


def find_token(connection: Connection, token: str) -> TokenMatch | None:
    """The live token with this secret (one query, which also reads the org revision), or None."""
    row = connection.execute(_LIVE_TOKEN, {"digest": token_hash(token)}).first()
    if row is None:
        return None
    stale = row.last_used_at is None or as_utc(row.last_used_at) < utc_now() - _LAST_USED_PRECISION
    return TokenMatch(row.id, row.username, row.revision, stale)


def touch_token(engine: Engine, token_id: int) -> None:
    """Record that a token was used now (in its own transaction, after the request's)."""
    with transaction(engine, write=True) as connection:
        connection.execute(update(API_TOKENS).where(API_TOKENS.c.id == token_id).values(last_used_at=utc_now()))


def list_tokens(engine: Engine, username: str) -> list[dict[str, Any]]:
    """A user's tokens, newest first, without their secrets."""
    columns = (API_TOKENS.c.id, API_TOKENS.c.label, API_TOKENS.c.created_at, API_TOKENS.c.last_used_at)
    query = select(*columns, API_TOKENS.c.revoked_at).where(API_TOKENS.c.username == username)
    with transaction(engine) as connection:
        rows = connection.execute(query.order_by(API_TOKENS.c.id.desc())).mappings().all()
    return [{key: _json_value(value) for key, value in row.items()} for row in rows]


def revoke_token(engine: Engine, username: str, token_id: int) -> bool:
    """Revoke one of the user's tokens; False when they have no such live token."""
    with transaction(engine, write=True) as connection:
        revoked = connection.execute(
            update(API_TOKENS)
            .where(API_TOKENS.c.id == token_id, API_TOKENS.c.username == username, API_TOKENS.c.revoked_at.is_(None))
            .values(revoked_at=utc_now())
        )
        return revoked.rowcount > 0


def _json_value(value: Any) -> Any:
    if isinstance(value, datetime):
        return as_utc(value).isoformat().replace("+00:00", "Z")
    return value
