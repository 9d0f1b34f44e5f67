"""The deal entity as a developer would write it by hand: Flask + SQLModel, one session per request.

Same table columns as Dabble's (system columns included, money in cents), same validation rules
(pydantic), same URLs and the same JSON in and out, on an SQLite file in WAL mode. It follows the
SQLModel tutorial's pattern: a table model, an input model that validates, `session.add`,
`commit`, `refresh`. Run: `gunicorn 'bench.records_api.handwritten_sqlmodel:create_app()'` with
BENCH_RECORDS_DIR set to a folder for the database.
"""

from __future__ import annotations

import hashlib
import os
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

from flask import Flask, g, jsonify, request
from pydantic import ConfigDict, StrictInt, StrictStr, ValidationError, field_validator
from sqlalchemy import BigInteger, Column, Date, DateTime, Engine, String, event, func
from sqlmodel import Field, Session, SQLModel, create_engine, select

BASE = "/api/apps/bench_deals/deal"
ACTOR = "admin"
MAX_PAGE_SIZE = 500
SORTABLE = ("id", "name", "amount", "stage", "quantity", "closes_on", "created_at", "updated_at")


class Deal(SQLModel, table=True):
    """The stored deal: system columns, then the fields (amount in cents)."""

    __tablename__ = "deal"

    id: int | None = Field(default=None, primary_key=True)
    owner: str = Field(max_length=100, index=True)
    created_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    created_by: str = Field(max_length=100)
    updated_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    updated_by: str = Field(max_length=100)
    row_version: int = 1
    workflow_state: str = Field(default="draft", max_length=20)
    deleted_at: datetime | None = Field(default=None, sa_column=Column(DateTime(timezone=True), nullable=True))
    name: str = Field(sa_column=Column(String(200), nullable=False))
    amount: int = Field(sa_column=Column(BigInteger, nullable=False))
    stage: str = Field(sa_column=Column(String(40), nullable=False))
    quantity: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    closes_on: date | None = Field(default=None, sa_column=Column(Date, nullable=True))


class ApiToken(SQLModel, table=True):
    """A bearer token, stored as its SHA-256 (what any hand-written token auth keeps)."""

    __tablename__ = "api_token"

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(max_length=64, unique=True, index=True)
    username: str = Field(max_length=100)
    revoked_at: datetime | None = Field(default=None, sa_column=Column(DateTime(timezone=True), nullable=True))


class DealCreate(SQLModel):
    """What a client may send to create a deal."""

    model_config = ConfigDict(extra="forbid")

    name: StrictStr = Field(min_length=1, max_length=200)
    amount: Decimal = Field(ge=0, decimal_places=2)
    stage: Literal["open", "won", "lost"]
    quantity: StrictInt | None = Field(default=None, ge=1)
    closes_on: date | None = None

    @field_validator("amount", mode="before")
    @classmethod
    def _json_number(cls, value: Any) -> Any:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError("must be a number")
        return value

    @field_validator("closes_on", mode="before")
    @classmethod
    def _date_text(cls, value: Any) -> Any:
        if value is not None and not isinstance(value, str):
            raise ValueError("must be a date written YYYY-MM-DD")
        return value


def public(deal: Deal) -> dict[str, Any]:
    """A deal as the API returns it."""
    data = deal.model_dump(exclude={"deleted_at"})
    data["amount"] = _number(Decimal(deal.amount).scaleb(-2))
    data["created_at"] = _iso(deal.created_at)
    data["updated_at"] = _iso(deal.updated_at)
    data["closes_on"] = None if deal.closes_on is None else deal.closes_on.isoformat()
    return data


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def _iso(moment: datetime) -> str:
    moment = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    return moment.isoformat().replace("+00:00", "Z")


def _error(status: int, code: str, message: str, problems: list[dict[str, Any]] | None = None):
    return jsonify({"error": {"code": code, "message": message, "problems": problems or []}}), status


def make_engine(path: Path) -> Engine:
    """An engine on an SQLite file in WAL mode (same pragmas as Dabble's)."""
    engine = create_engine(f"sqlite:///{path}", connect_args={"check_same_thread": False, "timeout": 30})

    @event.listens_for(engine, "connect")
    def _pragmas(connection, _record) -> None:
        cursor = connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    SQLModel.metadata.create_all(engine, tables=[Deal.__table__, ApiToken.__table__])
    return engine


def _register_token(engine: Engine, token: str) -> None:
    """Store the benchmark's token (hashed) for the user the apps act as."""
    digest = hashlib.sha256(token.encode()).hexdigest()
    with Session(engine) as session:
        if session.exec(select(ApiToken).where(ApiToken.token_hash == digest)).first() is None:
            session.add(ApiToken(token_hash=digest, username=ACTOR))
            session.commit()


def _authenticator(engine: Engine):
    """A before_request hook: every request names a live bearer token (one query, like Dabble's)."""

    def authenticate():
        scheme, _, secret = request.headers.get("Authorization", "").partition(" ")
        live = ApiToken.token_hash == hashlib.sha256(secret.encode()).hexdigest()
        with Session(engine) as session:
            found = session.exec(select(ApiToken.username).where(live, ApiToken.revoked_at.is_(None))).first()
        if scheme.lower() != "bearer" or found is None:
            return _error(401, "auth.invalid_token", "The API token is not valid.")
        g.user = found
        return None

    return authenticate


def create_app(folder: str | None = None, token: str | None = None) -> Flask:
    """The Flask app, its database in `folder` (default: $BENCH_RECORDS_DIR), accepting `token` ($BENCH_TOKEN)."""
    root = Path(folder or os.environ["BENCH_RECORDS_DIR"])
    root.mkdir(parents=True, exist_ok=True)
    engine = make_engine(root / "handwritten.sqlite3")
    _register_token(engine, token or os.environ["BENCH_TOKEN"])
    app = Flask(__name__)
    app.json.ensure_ascii = False
    app.before_request(_authenticator(engine))

    @app.post(BASE)
    def create_deal():
        try:
            data = DealCreate.model_validate_json(request.get_data())
        except ValidationError as error:
            problems = [
                {
                    "path": "/" + "/".join(str(part) for part in item["loc"]),
                    "code": item["type"],
                    "message": item["msg"],
                }
                for item in error.errors()
            ]
            return _error(422, "record.invalid", "The record has invalid values.", problems)
        now = datetime.now(UTC)
        deal = Deal(
            owner=ACTOR,
            created_at=now,
            created_by=ACTOR,
            updated_at=now,
            updated_by=ACTOR,
            name=data.name,
            amount=int(data.amount.scaleb(2)),
            stage=data.stage,
            quantity=data.quantity,
            closes_on=data.closes_on,
        )
        with Session(engine) as session:
            session.add(deal)
            session.commit()
            session.refresh(deal)
            response = jsonify(public(deal))
        response.status_code = 201
        response.headers["Location"] = f"{BASE}/{deal.id}"
        return response

    @app.get(f"{BASE}/<int:deal_id>")
    def get_deal(deal_id: int):
        with Session(engine) as session:
            deal = session.get(Deal, deal_id)
            if deal is None or deal.deleted_at is not None:
                return _error(404, "record.not_found", f"There is no deal {deal_id}.")
            return jsonify(public(deal))

    @app.get(BASE)
    def list_deals():
        try:
            page = int(request.args.get("page", 1))
            page_size = int(request.args.get("page_size", 50))
        except ValueError:
            return _error(400, "query.parameter", "page and page_size are whole numbers.")
        if page < 1 or not 1 <= page_size <= MAX_PAGE_SIZE:
            return _error(400, "query.parameter", f"page ≥ 1 and page_size from 1 to {MAX_PAGE_SIZE}.")
        order = []
        for part in filter(None, request.args.get("sort", "").split(",")):
            name = part.removeprefix("-")
            if name not in SORTABLE:
                return _error(400, "query.sort", f"cannot sort by '{name}'")
            column = getattr(Deal, name)
            order.append((column.desc() if part.startswith("-") else column.asc()).nulls_last())
        if not any(part.removeprefix("-") == "id" for part in request.args.get("sort", "").split(",")):
            order.append(Deal.id.asc())
        live = Deal.deleted_at.is_(None)
        with Session(engine) as session:
            deals = session.exec(
                select(Deal).where(live).order_by(*order).offset((page - 1) * page_size).limit(page_size)
            ).all()
            total = session.exec(select(func.count()).select_from(Deal).where(live)).one()
            return jsonify(
                {"items": [public(deal) for deal in deals], "total": total, "page": page, "page_size": page_size}
            )

    return app
