"""HTTP routes of the records of published apps: /api/apps/<app>/<entity>[/<id>[/<what>]]."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

from flask import Blueprint, jsonify, request, url_for

from builder.compile.records import MAX_RECORD_ID
from builder.service.errors import ApiError
from builder.service.request_bodies import strict_json_body
from runtime.live_apps import LiveApps
from runtime.records.owner_controls import OwnerControls
from runtime.records.queries import parse_list_query
from runtime.records.service import Records
from runtime.records.session import LIVE_APPS_KEY, app_session

blueprint = Blueprint("records", __name__)
RECORD_ID = f"<int(max={MAX_RECORD_ID}):record_id>"  # larger ids cannot exist: 404, not a database error


@contextmanager
def _records(app_id: str, entity_id: str, *, write: bool = False) -> Iterator[Records]:
    """The records of an entity of an app's live version, inside one transaction."""
    with app_session(app_id, write=write) as session:
        yield session.records(entity_id)


@blueprint.get("/api/apps/<app_id>/<entity_id>")
def list_records(app_id: str, entity_id: str):
    """A page of records: ?page, page_size, sort, q, filter=<condition JSON>, <field>=<value>."""
    with _records(app_id, entity_id) as records:
        arguments = request.args.to_dict(flat=False)
        dialect = records.connection.dialect.name
        query = parse_list_query(arguments, records.live, records.entity, records.readable, dialect=dialect)
        return jsonify(records.list(query))


@blueprint.post("/api/apps/<app_id>/<entity_id>")
def create_record(app_id: str, entity_id: str):
    """Create a record."""
    with _records(app_id, entity_id, write=True) as records:
        record = records.create(strict_json_body())
    response = jsonify(record)
    response.status_code = 201
    response.headers["Location"] = url_for(
        "records.get_record", app_id=app_id, entity_id=entity_id, record_id=record["id"]
    )
    return response


@blueprint.get(f"/api/apps/<app_id>/<entity_id>/{RECORD_ID}")
def get_record(app_id: str, entity_id: str, record_id: int):
    """One record."""
    with _records(app_id, entity_id) as records:
        return jsonify(records.get(record_id))


@blueprint.patch(f"/api/apps/<app_id>/<entity_id>/{RECORD_ID}")
def update_record(app_id: str, entity_id: str, record_id: int):
    """Change fields of a record: {"row_version": n, "field": value, ...}."""
    with _records(app_id, entity_id, write=True) as records:
        return jsonify(records.update(record_id, strict_json_body()))


@blueprint.delete(f"/api/apps/<app_id>/<entity_id>/{RECORD_ID}")
def delete_record(app_id: str, entity_id: str, record_id: int):
    """Delete a record (recoverable); ?row_version=n makes it fail when the record changed."""
    raw = request.args.get("row_version")
    if raw is not None and not re.fullmatch(r"[0-9]{1,18}", raw):
        raise ApiError(400, "query.parameter", "row_version is a whole number. / row_version 应为整数。")
    with _records(app_id, entity_id, write=True) as records:
        records.delete(record_id, int(raw) if raw is not None else None)
    return "", 204


@blueprint.post(f"/api/apps/<app_id>/<entity_id>/{RECORD_ID}/restore")
def restore_record(app_id: str, entity_id: str, record_id: int):
    """Bring a deleted record back."""
    with _records(app_id, entity_id, write=True) as records:
        return jsonify(records.restore(record_id))


@blueprint.get(f"/api/apps/<app_id>/<entity_id>/{RECORD_ID}/history")
def record_history(app_id: str, entity_id: str, record_id: int):
    """Who changed what and when."""
    with _records(app_id, entity_id) as records:
        return jsonify(records.history(record_id))


@blueprint.get(f"/api/apps/<app_id>/<entity_id>/{RECORD_ID}/shares")
def record_shares(app_id: str, entity_id: str, record_id: int):
    """Who the record's owner shared it with."""
    with _records(app_id, entity_id) as records:
        return jsonify(OwnerControls(records).shares(record_id))


@blueprint.post(f"/api/apps/<app_id>/<entity_id>/{RECORD_ID}/shares")
def share_record(app_id: str, entity_id: str, record_id: int):
    """Share a record with a user: {"username": "..."} (the owner only)."""
    body = strict_json_body()
    with _records(app_id, entity_id, write=True) as records:
        return jsonify(
            OwnerControls(records).share(record_id, body.get("username") if isinstance(body, dict) else None)
        )


@blueprint.delete(f"/api/apps/<app_id>/<entity_id>/{RECORD_ID}/shares/<username>")
def unshare_record(app_id: str, entity_id: str, record_id: int, username: str):
    """Stop sharing a record with a user (the owner only)."""
    with _records(app_id, entity_id, write=True) as records:
        OwnerControls(records).unshare(record_id, username)
    return "", 204


@blueprint.get(f"/api/apps/<app_id>/<entity_id>/{RECORD_ID}/visibility")
def record_visibility(app_id: str, entity_id: str, record_id: int):
    """Each field's visibility level on the record."""
    with _records(app_id, entity_id) as records:
        return jsonify(OwnerControls(records).visibility(record_id))


@blueprint.put(f"/api/apps/<app_id>/<entity_id>/{RECORD_ID}/visibility")
def narrow_field(app_id: str, entity_id: str, record_id: int):
    """Narrow a field on the owner's record: {"field": "margin", "level": "owner"} (the owner only)."""
    with _records(app_id, entity_id, write=True) as records:
        return jsonify(OwnerControls(records).narrow(record_id, strict_json_body()))


def init_app(app) -> None:
    """Register the routes and the live-app registry."""
    app.extensions[LIVE_APPS_KEY] = LiveApps()
    app.register_blueprint(blueprint)
