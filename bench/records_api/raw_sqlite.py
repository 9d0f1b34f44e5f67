"""The deal entity on Flask and Python's sqlite3 module directly: the floor for the records API benchmark.

Same table as Dabble's (system columns included, money in cents), same validation rules written
by hand, same URLs and the same JSON in and out, on an SQLite file in WAL mode with one
connection per server thread. Run: `gunicorn 'bench.records_api.raw_sqlite:create_app()'` with
BENCH_RECORDS_DIR set to a folder for the database.
"""

from __future__ import annotations

import hashlib
import math
import os
import re
import sqlite3
import threading
from collections.abc import Callable
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from flask import Flask, g, jsonify, request

BASE = "/api/apps/bench_deals/deal"
ACTOR = "admin"
STAGES = frozenset({"open", "won", "lost"})
MAX_PAGE_SIZE = 500
SORTABLE = frozenset({"id", "name", "amount", "stage", "quantity", "closes_on", "created_at", "updated_at"})
FIELDS = ("name", "amount", "stage", "quantity", "closes_on")
COLUMNS = (
    "id, owner, created_at, created_by, updated_at, updated_by, row_version, workflow_state, "
    "name, amount, stage, quantity, closes_on"
)
DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
SCHEMA = """
CREATE TABLE IF NOT EXISTS deal (
    id INTEGER NOT NULL PRIMARY KEY,
    owner VARCHAR(100) NOT NULL,
    created_at DATETIME NOT NULL,
    created_by VARCHAR(100) NOT NULL,
    updated_at DATETIME NOT NULL,
    updated_by VARCHAR(100) NOT NULL,
    row_version INTEGER NOT NULL DEFAULT 1,
    workflow_state VARCHAR(20) NOT NULL DEFAULT 'draft',
    deleted_at DATETIME,
    name VARCHAR(200) NOT NULL,
    amount BIGINT NOT NULL,
    stage VARCHAR(40) NOT NULL,
    quantity BIGINT,
    closes_on DATE
);
CREATE INDEX IF NOT EXISTS ix_deal_owner ON deal (owner);
CREATE TABLE IF NOT EXISTS api_token (
    id INTEGER NOT NULL PRIMARY KEY,
    token_hash VARCHAR(64) NOT NULL UNIQUE,
    username VARCHAR(100) NOT NULL,
    revoked_at DATETIME
);
"""


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _name(value: Any) -> tuple[str | None, Any]:
    if value is None or value == "":
        return "record.required", None
    if not isinstance(value, str):
        return "record.type", None
    return ("record.too_long", None) if len(value) > 200 else (None, value)


def _amount(value: Any) -> tuple[str | None, Any]:
    """Money: a number ≥ 0 with at most 2 decimals, stored in cents."""
    if value is None:
        return "record.required", None
    if not _is_number(value) or not math.isfinite(value):
        return "record.type", None
    if value < 0:
        return "record.minimum", None
    exact = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if exact != exact.quantize(Decimal("0.01")):
        return "record.decimal_places", None
    return None, int(exact.scaleb(2))


def _stage(value: Any) -> tuple[str | None, Any]:
    if value is None:
        return "record.required", None
    return (None, value) if isinstance(value, str) and value in STAGES else ("record.option", None)


def _quantity(value: Any) -> tuple[str | None, Any]:
    if value is None:
        return None, None
    if not isinstance(value, int) or isinstance(value, bool):
        return "record.type", None
    return ("record.minimum", None) if value < 1 else (None, value)


def _closes_on(value: Any) -> tuple[str | None, Any]:
    if value is None:
        return None, None
    try:
        if not isinstance(value, str) or not DATE.fullmatch(value):
            raise ValueError(value)
        date.fromisoformat(value)
    except ValueError:
        return "record.format", None
    return None, value


CHECKS = {"name": _name, "amount": _amount, "stage": _stage, "quantity": _quantity, "closes_on": _closes_on}


def validate(body: Any) -> tuple[dict[str, Any], list[dict[str, str]]]:
    """The deal's values (as stored) from a request body, and every problem found."""
    if not isinstance(body, dict):
        return {}, [{"path": "", "code": "record.not_object", "message": "Send the record as a JSON object."}]
    problems = [
        {"path": f"/{key}", "code": "record.unknown_field", "message": f"'{key}' is not a writable field."}
        for key in body
        if key not in CHECKS
    ]
    values = {}
    for name, check in CHECKS.items():
        code, values[name] = check(body.get(name))
        if code is not None:
            problems.append({"path": f"/{name}", "code": code, "message": f"'{name}' is not valid ({code})."})
    return values, problems


def order_by(sort: str) -> str | None:
    """The ORDER BY list for ?sort=-amount,name (None when it names an unknown column); id breaks ties."""
    order = []
    for part in filter(None, sort.split(",")):
        name = part.removeprefix("-")
        if name not in SORTABLE:  # only known column names ever reach the SQL text
            return None
        order.append(f"{name} {'DESC' if part.startswith('-') else 'ASC'} NULLS LAST")
    if not any(part.removeprefix("-") == "id" for part in sort.split(",")):
        order.append("id ASC")
    return ", ".join(order)


def public(row: tuple) -> dict[str, Any]:
    """A stored row (in COLUMNS order) as the API returns it."""
    cents = Decimal(row[9]).scaleb(-2)
    return {
        "id": row[0],
        "owner": row[1],
        "created_at": row[2],
        "created_by": row[3],
        "updated_at": row[4],
        "updated_by": row[5],
        "row_version": row[6],
        "workflow_state": row[7],
        "name": row[8],
        "amount": int(cents) if cents == cents.to_integral_value() else float(cents),
        "stage": row[10],
        "quantity": row[11],
        "closes_on": row[12],
    }


def _error(status: int, code: str, message: str, problems: list[dict[str, Any]] | None = None):
    return jsonify({"error": {"code": code, "message": message, "problems": problems or []}}), status


def _now() -> str:
    return datetime.now(UTC).isoformat().replace("+00:00", "Z")


def _authenticator(connection: Callable[[], sqlite3.Connection]):
    """A before_request hook: every request names a live bearer token (one query, like Dabble's)."""

    def authenticate():
        scheme, _, secret = request.headers.get("Authorization", "").partition(" ")
        digest = hashlib.sha256(secret.encode()).hexdigest()
        query = "SELECT username FROM api_token WHERE token_hash = ? AND revoked_at IS NULL"
        found = connection().execute(query, (digest,)).fetchone()
        if scheme.lower() != "bearer" or found is None:
            return _error(401, "auth.invalid_token", "The API token is not valid.")
        g.user = found[0]
        return None

    return authenticate


def create_app(folder: str | None = None, token: str | None = None) -> Flask:
    """The Flask app, its database in `folder` (default: $BENCH_RECORDS_DIR), accepting `token` ($BENCH_TOKEN)."""
    root = Path(folder or os.environ["BENCH_RECORDS_DIR"])
    root.mkdir(parents=True, exist_ok=True)
    path = root / "raw.sqlite3"
    local = threading.local()

    def connection() -> sqlite3.Connection:
        """This thread's connection (opened on first use, kept for the life of the thread)."""
        found = getattr(local, "connection", None)
        if found is None:
            found = local.connection = sqlite3.connect(path, timeout=30)
            found.execute("PRAGMA journal_mode=WAL")
            found.execute("PRAGMA synchronous=NORMAL")
            found.execute("PRAGMA foreign_keys=ON")
        return found

    connection().executescript(SCHEMA)
    digest = hashlib.sha256((token or os.environ["BENCH_TOKEN"]).encode()).hexdigest()
    with connection() as database:
        database.execute("INSERT OR IGNORE INTO api_token (token_hash, username) VALUES (?, ?)", (digest, ACTOR))
    app = Flask(__name__)
    app.json.ensure_ascii = False
    app.before_request(_authenticator(connection))

    @app.post(BASE)
    def create_deal():
        body = request.get_json(silent=True)
        if body is None:
            return _error(400, "request.unreadable", "The body is not readable JSON.")
        values, problems = validate(body)
        if problems:
            return _error(422, "record.invalid", "The record has invalid values.", problems)
        now = _now()
        database = connection()
        with database:  # one transaction, committed at the end of the block
            row = database.execute(
                "INSERT INTO deal (owner, created_at, created_by, updated_at, updated_by, row_version, "
                "workflow_state, name, amount, stage, quantity, closes_on) "
                f"VALUES (?, ?, ?, ?, ?, 1, 'draft', ?, ?, ?, ?, ?) RETURNING {COLUMNS}",
                (ACTOR, now, ACTOR, now, ACTOR, *(values[name] for name in FIELDS)),
            ).fetchone()
        response = jsonify(public(row))
        response.status_code = 201
        response.headers["Location"] = f"{BASE}/{row[0]}"
        return response

    @app.get(f"{BASE}/<int:deal_id>")
    def get_deal(deal_id: int):
        row = (
            connection()
            .execute(f"SELECT {COLUMNS} FROM deal WHERE id = ? AND deleted_at IS NULL", (deal_id,))
            .fetchone()
        )
        if row is None:
            return _error(404, "record.not_found", f"There is no deal {deal_id}.")
        return jsonify(public(row))

    @app.get(BASE)
    def list_deals():
        try:
            page = int(request.args.get("page", 1))
            page_size = int(request.args.get("page_size", 50))
        except ValueError:
            return _error(400, "query.parameter", "page and page_size are whole numbers.")
        if page < 1 or not 1 <= page_size <= MAX_PAGE_SIZE:
            return _error(400, "query.parameter", f"page ≥ 1 and page_size from 1 to {MAX_PAGE_SIZE}.")
        order = order_by(request.args.get("sort", ""))
        if order is None:
            return _error(400, "query.sort", "sort names a column that cannot be sorted by.")
        database = connection()
        rows = database.execute(
            f"SELECT {COLUMNS} FROM deal WHERE deleted_at IS NULL ORDER BY {order} LIMIT ? OFFSET ?",
            (page_size, (page - 1) * page_size),
        ).fetchall()
        (total,) = database.execute("SELECT count(*) FROM deal WHERE deleted_at IS NULL").fetchone()
        return jsonify({"items": [public(row) for row in rows], "total": total, "page": page, "page_size": page_size})

    return app
