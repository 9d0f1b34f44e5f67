"""Authentication stays cheap (one query per request once the org chart is cached), tokens are stored hashed,
and docs/api.md lists every sign-in error code."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from sqlalchemy import event, select

from runtime.database import ENGINE_KEY, transaction
from runtime.identity import org_admin
from runtime.identity.tables import API_TOKENS
from tests.support.apps import definition, publish_new
from tests.support.auth import bearer_token, signed_in_client

ROOT = Path(__file__).resolve().parents[2]


def _statements(app, call) -> list[str]:
    """Every statement the app's engine ran during call()."""
    seen: list[str] = []

    def record(_connection, _cursor, statement, *_rest) -> None:
        seen.append(statement)

    engine = app.extensions[ENGINE_KEY]
    event.listen(engine, "before_cursor_execute", record)
    try:
        call()
    finally:
        event.remove(engine, "before_cursor_execute", record)
    return seen


def _queries(app, call) -> list[str]:
    """The statements of call() but transaction control."""
    return [s for s in _statements(app, call) if s.split()[0].upper() not in ("BEGIN", "COMMIT", "ROLLBACK")]


def test_a_bearer_request_costs_one_query_until_the_org_changes(app):
    client = signed_in_client(app)
    assert client.get("/api/me").status_code == 200  # loads the chart, notes the token's use
    assert len(_queries(app, lambda: client.get("/api/me"))) == 1
    org_admin.create_user(app.extensions[ENGINE_KEY], "newcomer")
    reloaded = _queries(app, lambda: client.get("/api/me"))
    assert len(reloaded) > 1  # the revision moved: the chart was read again
    assert len(_queries(app, lambda: client.get("/api/me"))) == 1


def test_only_the_sha256_of_a_token_is_stored(app):
    token = bearer_token(app)
    with transaction(app.extensions[ENGINE_KEY]) as connection:
        rows = connection.execute(select(API_TOKENS)).mappings().all()
    assert [row["token_hash"] for row in rows] == [hashlib.sha256(token.encode()).hexdigest()]
    assert all(token not in str(value) for row in rows for value in row.values())


def test_the_api_doc_lists_every_sign_in_error_code():
    raised = set()
    for source in (ROOT / "runtime" / "identity").glob("*.py"):
        raised |= set(re.findall(r'"(auth\.[a-z_]+)"', source.read_text(encoding="utf-8")))
    documented = set(
        re.findall(r"^- `(auth\.[a-z_]+)` \(\d{3}\)", (ROOT / "docs" / "api.md").read_text(encoding="utf-8"), re.M)
    )
    assert raised == documented and "auth.csrf" in raised


def test_a_records_request_checks_its_token_in_its_own_transaction(sqlite_app):
    client = signed_in_client(sqlite_app)
    publish_new(client, definition())
    assert client.get("/api/apps/deals/deal").status_code == 200  # notes the token's use
    statements = _statements(sqlite_app, lambda: client.get("/api/apps/deals/deal"))
    assert [s for s in statements if s.split()[0].upper() == "BEGIN"] == ["BEGIN"]
    made_up = {"Authorization": "Bearer dbl_made-up"}
    for path in ("/api/apps/deals/deal", "/api/apps/no_such_app/deal", "/api/apps/deals/deal/1"):
        response = sqlite_app.test_client().get(path, headers=made_up)
        assert (response.status_code, response.get_json()["error"]["code"]) == (401, "auth.invalid_token"), path
