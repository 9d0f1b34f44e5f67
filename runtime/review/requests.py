"""Finding review requests of an app and their comments."""

from __future__ import annotations

from sqlmodel import Session, select

from builder.service.errors import ApiError
from builder.service.platform_tables import AppRow
from builder.service.review_tables import ReviewCommentRow, ReviewRequestRow, ReviewStatus

STATUSES = tuple(status.value for status in ReviewStatus)


def review_requests(session: Session, app: AppRow, status: str | None = None) -> list[ReviewRequestRow]:
    """An app's review requests, newest first, optionally of one status."""
    query = select(ReviewRequestRow).where(ReviewRequestRow.app_number == app.number)
    if status is not None:
        if status not in STATUSES:
            listed = ", ".join(STATUSES)
            raise ApiError(400, "query.parameter", f"status is one of {listed}. / status 取值：{listed}。")
        query = query.where(ReviewRequestRow.status == status)
    return list(session.exec(query.order_by(ReviewRequestRow.id.desc())))


def review_request(session: Session, app: AppRow, request_id: int, *, for_update: bool = False) -> ReviewRequestRow:
    """One review request of an app; 404 when it has none of that id."""
    query = select(ReviewRequestRow).where(ReviewRequestRow.id == request_id, ReviewRequestRow.app_number == app.number)
    row = session.exec(query.with_for_update() if for_update else query).first()
    if row is None:
        raise ApiError(
            404,
            "review.not_found",
            f"App '{app.app_id}' has no review request {request_id}. / 应用没有审核请求 {request_id}。",
        )
    return row


def comments_of(session: Session, request_ids: list[int]) -> dict[int, list[ReviewCommentRow]]:
    """The comments of some requests, oldest first, by request id."""
    found: dict[int, list[ReviewCommentRow]] = {request_id: [] for request_id in request_ids}
    if request_ids:
        query = select(ReviewCommentRow).where(ReviewCommentRow.request_id.in_(request_ids))
        for row in session.exec(query.order_by(ReviewCommentRow.id)):
            found[row.request_id].append(row)
    return found


def pending_requests(session: Session, app: AppRow) -> list[ReviewRequestRow]:
    """The app's pending request, if any (the database allows one)."""
    return review_requests(session, app, ReviewStatus.PENDING)
