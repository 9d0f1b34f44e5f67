"""The designer HTTP API: apps, drafts, validation, publishing and versions."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, jsonify, url_for
from sqlmodel import Session

from builder import validate_definition
from builder.compile.form_preview import LANGUAGES, form_preview
from builder.moments import utc_text
from builder.service import store
from builder.service.actors import check_app, checked_app, current_actor, current_rights
from builder.service.errors import ApiError
from builder.service.platform_tables import AppRow
from builder.service.publishing import PUBLISHER_KEY, PublishRequest, is_revision
from builder.service.request_bodies import strict_json_body
from builder.service.version_history import version_history

blueprint = Blueprint("definitions", __name__)
ENGINE_KEY = "dabble.engine"  # app.extensions key of the SQLAlchemy engine (the runtime puts it there)


def _session() -> Session:
    return Session(current_app.extensions[ENGINE_KEY], expire_on_commit=False)


@blueprint.post("/api/definitions/validate")
def validate():
    """Validate a definition without storing it: every problem at once."""
    return jsonify(validate_definition(strict_json_body()).to_json())


@blueprint.post("/api/definitions/forms")
def preview_form():
    """The record form of a draft's entity: {"definition", "entity", "lang", "form"?} → schema, uiSchema, validation."""
    body = strict_json_body()
    if not isinstance(body, dict) or not {"definition", "entity"} <= set(body) <= {
        "definition",
        "entity",
        "lang",
        "form",
    }:
        raise ApiError(
            400,
            "form_preview.invalid_request",
            'The body is {"definition": {...}, "entity": "id", "lang": "zh"|"en", "form": "id"?}. '
            '/ 请求体格式为 {"definition": ..., "entity": "实体标识", "lang": "zh"|"en", "form": "表单标识"?}。',
        )
    language = body.get("lang", "zh")
    if language not in LANGUAGES or not isinstance(body["entity"], str) or not isinstance(body.get("form", ""), str):
        raise ApiError(
            400,
            "form_preview.invalid_request",
            "entity and form are ids; lang is zh or en. / entity、form 为标识，lang 为 zh 或 en。",
        )
    return jsonify(form_preview(body["definition"], body["entity"], language, body.get("form")))


@blueprint.post("/api/apps")
def create_app():
    """Create an app whose draft is the posted definition."""
    document = strict_json_body()
    actor = current_actor()
    with _session() as session, session.begin():
        row = store.create_app(session, document, actor)
    response = jsonify(_app_json(row) | {"validation": validate_definition(document).to_json()})
    response.status_code = 201
    response.headers["Location"] = url_for("definitions.get_app", app_id=row.app_id)
    return response


@blueprint.get("/api/apps")
def list_apps():
    """The apps the user builds, reviews or uses, with their live version and draft revision."""
    rights = current_rights()
    with _session() as session:
        rows = [row for row in store.list_apps(session) if rights.may_see(row.app_id, row.created_by)]
        return jsonify({"items": [_app_json(row) for row in rows]})


@blueprint.get("/api/apps/<app_id>")
def get_app(app_id: str):
    """One app."""
    with _session() as session:
        return jsonify(_app_json(checked_app(session, app_id, "see")))


@blueprint.get("/api/apps/<app_id>/draft")
def get_draft(app_id: str):
    """An app's draft definition, its revision and its validation report."""
    with _session() as session:
        row = checked_app(session, app_id, "review")
        response = jsonify(_draft_json(row))
        response.headers["ETag"] = f'"{row.draft_revision}"'
        return response


@blueprint.put("/api/apps/<app_id>/draft")
def put_draft(app_id: str):
    """Replace the draft: {"definition": {...}, "revision": n} (revision optional, 409 when stale)."""
    body = strict_json_body()
    if not isinstance(body, dict) or "definition" not in body or not set(body) <= {"definition", "revision"}:
        raise ApiError(
            400,
            "draft.invalid_request",
            'The body is {"definition": {...}, "revision": n}. / 请求体格式为 {"definition": ..., "revision": n}。',
        )
    revision = body.get("revision")
    if revision is not None and not is_revision(revision):
        raise ApiError(400, "draft.invalid_request", "revision is a whole number. / revision 应为整数。")
    actor = current_actor()
    with _session() as session, session.begin():
        row = store.update_draft(session, app_id, body["definition"], actor, revision)  # writes first (SQLite lock)
        check_app(row, "change")  # refused: the transaction rolls the change back
    response = jsonify(_draft_json(row))
    response.headers["ETag"] = f'"{row.draft_revision}"'
    return response


@blueprint.post("/api/apps/<app_id>/publish")
def publish(app_id: str):
    """Publish the draft as the next version (dry_run: show the plan only; an app under review: submit it, 202)."""
    publish_request = PublishRequest.from_json(app_id, current_actor(), strict_json_body(required=False))
    with _session() as session:
        if store.find_app(session, app_id) is not None:  # a dry run may preview an app not created yet
            checked_app(session, app_id, "publish")
    outcome = current_app.extensions[PUBLISHER_KEY].publish(publish_request)
    if publish_request.dry_run:
        return jsonify(outcome), 200
    return jsonify(outcome), (202 if outcome.get("review") else 201)  # 202: submitted for IT review


@blueprint.get("/api/apps/<app_id>/versions")
def list_versions(app_id: str):
    """The app's history, oldest first: published and superseded versions, the one in review, and the draft."""
    with _session() as session:
        app = checked_app(session, app_id, "review")
        return jsonify({"items": version_history(session, app)})


@blueprint.get("/api/apps/<app_id>/versions/<int:number>")
def get_version(app_id: str, number: int):
    """One published version with its definition and the migration it applied."""
    with _session() as session:
        app = checked_app(session, app_id, "review")
        row = store.version(session, app, number)
        summary = store.VersionSummary.of(row, app)
        return jsonify(_version_json(summary) | {"definition": row.definition, "migration": row.migration})


def _app_json(row: AppRow) -> dict[str, Any]:
    draft = row.draft if isinstance(row.draft, dict) else {}
    return {
        "id": row.app_id,
        "label": draft.get("label"),
        "current_version": row.current_version,
        "draft_revision": row.draft_revision,
        "created_at": utc_text(row.created_at),
        "created_by": row.created_by,
    }


def _draft_json(row: AppRow) -> dict[str, Any]:
    return {
        "definition": row.draft,
        "revision": row.draft_revision,
        "updated_at": utc_text(row.draft_updated_at),
        "updated_by": row.draft_updated_by,
        "validation": validate_definition(row.draft).to_json(),
    }


def _version_json(summary: store.VersionSummary) -> dict[str, Any]:
    return {
        "version": summary.version,
        "status": summary.status,
        "author": summary.author,
        "message": summary.message,
        "published_at": utc_text(summary.published_at),
    }
