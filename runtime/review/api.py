"""HTTP routes of the review gate: the policy, review requests and their decisions, and version diffs."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, jsonify, request
from sqlmodel import Session

from builder.moments import utc_text
from builder.service.actors import checked_app, current_rights
from builder.service.errors import ApiError
from builder.service.publishing import PUBLISHER_KEY
from builder.service.request_bodies import strict_json_body
from builder.service.review_tables import ReviewPolicyRow
from runtime.database import ENGINE_KEY
from runtime.review import decisions
from runtime.review.policy import set_review_required
from runtime.review.report import review_report
from runtime.review.requests import comments_of, review_request, review_requests
from runtime.review.version_diff import version_diff
from runtime.review.views import request_json

blueprint = Blueprint("review", __name__)
REQUEST_ID = "<int(max=2147483647):request_id>"


def _session() -> Session:
    return Session(current_app.extensions[ENGINE_KEY], expire_on_commit=False)


@blueprint.get("/api/apps/<app_id>/review-policy")
def get_policy(app_id: str):
    """Whether publishing the app needs an IT reviewer's approval."""
    with _session() as session:
        app = checked_app(session, app_id, "review")
        return jsonify(_policy_json(session.get(ReviewPolicyRow, app.number)))


@blueprint.put("/api/apps/<app_id>/review-policy")
def put_policy(app_id: str):
    """{"required": true|false}: IT (administrators and reviewers) turns the gate on or off."""
    body = strict_json_body()
    if not isinstance(body, dict) or set(body) != {"required"} or not isinstance(body["required"], bool):
        message = 'The body is {"required": true}. / 请求体格式为 {"required": true}。'
        raise ApiError(400, "review.invalid_request", message)
    with _session() as session, session.begin():
        checked_app(session, app_id, "review")
        return jsonify(_policy_json(set_review_required(session, app_id, body["required"], current_rights())))


@blueprint.get("/api/apps/<app_id>/reviews")
def list_reviews(app_id: str):
    """The app's review requests, newest first (?status=pending|approved|rejected|withdrawn|superseded)."""
    with _session() as session:
        app = checked_app(session, app_id, "review")
        rows = review_requests(session, app, request.args.get("status"))
        comments = comments_of(session, [row.id for row in rows])
        return jsonify({"items": [request_json(row, app_id, comments[row.id]) for row in rows]})


@blueprint.get(f"/api/apps/<app_id>/reviews/{REQUEST_ID}")
def get_review(app_id: str, request_id: int):
    """One request with what the reviewer decides on: diff, validation report, dry-run plan, permission matrix."""
    with _session() as session:
        app = checked_app(session, app_id, "review")
        row = review_request(session, app, request_id)
        summary = request_json(row, app_id, comments_of(session, [row.id])[row.id])
        report = review_report(session, current_app.extensions[PUBLISHER_KEY], app, row)
        return jsonify(summary | report)


@blueprint.post(f"/api/apps/<app_id>/reviews/{REQUEST_ID}/approve")
def approve_review(app_id: str, request_id: int):
    """Approve: the request's definition is published now (201), with its migration applied."""
    decision = _decision(app_id, request_id)
    outcome = decisions.approve(_engine(), current_app.extensions[PUBLISHER_KEY], decision)
    return jsonify(outcome), 201


@blueprint.post(f"/api/apps/<app_id>/reviews/{REQUEST_ID}/reject")
def reject_review(app_id: str, request_id: int):
    """Reject with a comment saying why: nothing is published; the author revises the draft and submits again."""
    return jsonify(decisions.reject(_engine(), _decision(app_id, request_id)))


@blueprint.post(f"/api/apps/<app_id>/reviews/{REQUEST_ID}/withdraw")
def withdraw_review(app_id: str, request_id: int):
    """The author takes a pending request back."""
    return jsonify(decisions.withdraw(_engine(), _decision(app_id, request_id)))


@blueprint.post(f"/api/apps/<app_id>/reviews/{REQUEST_ID}/comments")
def comment_review(app_id: str, request_id: int):
    """Add a comment: {"comment": "..."}."""
    return jsonify(decisions.comment(_engine(), _decision(app_id, request_id))), 201


@blueprint.get("/api/apps/<app_id>/diff")
def diff_versions(app_id: str):
    """The semantic diff of two versions: ?from=N&to=M (to=draft: the draft; from defaults to the live version)."""
    with _session() as session:
        app = checked_app(session, app_id, "review")
        return jsonify(version_diff(session, app, request.args.get("from"), request.args.get("to", "draft")))


def _decision(app_id: str, request_id: int) -> decisions.Decision:
    """The decision the request body describes; the user must at least be allowed to review the app."""
    rights = current_rights()
    with _session() as session:
        checked_app(session, app_id, "review")
    return decisions.Decision.from_json(app_id, request_id, rights, strict_json_body(required=False))


def _engine():
    return current_app.extensions[ENGINE_KEY]


def _policy_json(row: ReviewPolicyRow | None) -> dict[str, Any]:
    if row is None:
        return {"required": False, "set_by": None, "set_at": None}
    return {"required": row.required, "set_by": row.set_by, "set_at": utc_text(row.set_at)}
