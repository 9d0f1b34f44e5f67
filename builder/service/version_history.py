"""An app's version history: published and superseded versions, the one in review, and the draft."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, select

from builder.moments import utc_text
from builder.service import store
from builder.service.platform_tables import AppRow
from builder.service.review_tables import ReviewRequestRow, ReviewStatus


def version_history(session: Session, app: AppRow) -> list[dict[str, Any]]:
    """Oldest first: each published version (published or superseded), then in review, then the draft if newer."""
    requests = list(session.exec(select(ReviewRequestRow).where(ReviewRequestRow.app_number == app.number)))
    reviewed = {row.published_version: row for row in requests if row.status == ReviewStatus.APPROVED}
    items = []
    for summary in store.versions(session, app):
        review = reviewed.get(summary.version)
        items.append(
            {
                "version": summary.version,
                "status": summary.status,
                "author": summary.author,
                "message": summary.message,
                "published_at": utc_text(summary.published_at),
                "reviewed_by": review.reviewer if review else None,
                "review": review.id if review else None,
            }
        )
    pending = [row for row in requests if row.status == ReviewStatus.PENDING]
    items += [_in_review(row) for row in pending]
    if _draft_differs(session, app) and all(row.definition != app.draft for row in pending):
        items.append(
            {
                "version": None,
                "status": "draft",
                "author": app.draft_updated_by,
                "revision": app.draft_revision,
                "updated_at": utc_text(app.draft_updated_at),
            }
        )
    return items


def _in_review(row: ReviewRequestRow) -> dict[str, Any]:
    return {
        "version": None,
        "status": "in_review",
        "author": row.author,
        "message": row.message,
        "submitted_at": utc_text(row.submitted_at),
        "review": row.id,
        "revision": row.draft_revision,
    }


def _draft_differs(session: Session, app: AppRow) -> bool:
    """Whether the draft holds changes that are not live (always, before the first publish)."""
    if app.current_version is None:
        return True
    return store.version(session, app, app.current_version).definition != app.draft
