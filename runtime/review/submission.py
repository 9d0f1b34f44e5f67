"""Submitting a publish for review: planned and dry-run like a publish, then kept as a pending review request."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, update

from builder.service.publishing import PublishRequest
from builder.service.review_tables import ReviewRequestRow, ReviewStatus
from runtime.migrations.refusals import refuse_unless_allowed
from runtime.review.views import request_json

if TYPE_CHECKING:
    from runtime.publisher import RuntimePublisher

_REQUESTS = ReviewRequestRow.__table__


def submit_for_review(connection: Connection, publisher: RuntimePublisher, request: PublishRequest) -> dict[str, Any]:
    """Plan the publish (refused now when it would be refused at approval), then store it as a pending request."""
    planned = publisher.plan_in(connection, request)
    refuse_unless_allowed(planned.version.reports, confirmed=request.confirm)
    app = planned.version.app
    connection.execute(
        update(_REQUESTS)
        .where(_REQUESTS.c.app_number == app.number, _REQUESTS.c.status == ReviewStatus.PENDING)
        .values(status=ReviewStatus.SUPERSEDED)
    )
    row = ReviewRequestRow(
        app_number=app.number,
        definition=planned.version.document,
        draft_revision=app.draft_revision,
        base_version=app.current_version,
        options={
            "renames": dict(request.renames),
            "on_failure": dict(request.on_failure),
            "confirm": request.confirm,
        },
        message=request.message,
        author=request.actor,
    )
    if request.definition is not None:  # a submitted file becomes the draft, as a publish of it would
        row.draft_revision = planned.version.apply_draft(planned.session, request, app.draft_revision).draft_revision
    planned.session.add(row)
    planned.session.flush()
    return planned.preview | {"published": False, "review": request_json(row, request.app_id, [])}
