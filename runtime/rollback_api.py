"""POST /api/apps/<app>/rollback: publish an earlier version again, with its archived data restored."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify
from sqlmodel import Session

from builder.service.actors import checked_app, current_actor
from builder.service.request_bodies import strict_json_body
from runtime.database import ENGINE_KEY
from runtime.rollback import RollbackRequest, roll_back

blueprint = Blueprint("rollback", __name__)


@blueprint.post("/api/apps/<app_id>/rollback")
def rollback(app_id: str):
    """{"version": n, "confirm": bool, "dry_run": bool, "message": ...}: 201 rolled back, 200 the plan of a dry run."""
    engine = current_app.extensions[ENGINE_KEY]
    with Session(engine) as session:
        checked_app(session, app_id, "publish")
    rollback_request = RollbackRequest.from_json(app_id, current_actor(), strict_json_body())
    outcome = roll_back(engine, rollback_request)
    return jsonify(outcome), (200 if rollback_request.dry_run else 201)
