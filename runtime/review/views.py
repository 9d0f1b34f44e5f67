"""Review requests and their comments as the API returns them."""

from __future__ import annotations

from typing import Any

from builder.moments import utc_text
from builder.service.review_tables import ReviewCommentRow, ReviewRequestRow


def request_json(row: ReviewRequestRow, app_id: str, comments: list[ReviewCommentRow]) -> dict[str, Any]:
    """A review request without its definition: who asked what, when, and where it stands."""
    return {
        "id": row.id,
        "app": app_id,
        "status": str(row.status),
        "author": row.author,
        "message": row.message,
        "submitted_at": utc_text(row.submitted_at),
        "draft_revision": row.draft_revision,
        "base_version": row.base_version,
        "options": row.options,
        "reviewer": row.reviewer,
        "decided_at": utc_text(row.decided_at) if row.decided_at else None,
        "published_version": row.published_version,
        "comments": [comment_json(comment) for comment in comments],
    }


def comment_json(row: ReviewCommentRow) -> dict[str, Any]:
    """One comment."""
    return {"author": row.author, "at": utc_text(row.at), "text": row.text, "decision": row.decision}
