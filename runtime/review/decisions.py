"""Deciding a review request: approve (publish it), reject, withdraw, or comment on it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine
from sqlmodel import Session

from builder.service import store
from builder.service.actors import Rights, forbidden
from builder.service.errors import ApiError
from builder.service.platform_tables import utc_now
from builder.service.publishing import PublishRequest
from builder.service.review_tables import ReviewCommentRow, ReviewRequestRow, ReviewStatus
from runtime.database import lock_app, transaction
from runtime.review.requests import comments_of, review_request
from runtime.review.views import request_json

if TYPE_CHECKING:
    from runtime.publisher import RuntimePublisher

MAX_COMMENT = 4000


@dataclass(frozen=True, slots=True)
class Decision:
    """What a reviewer (or the author) does to a request, with an optional comment."""

    app_id: str
    request_id: int
    rights: Rights
    comment: str = ""

    @classmethod
    def from_json(cls, app_id: str, request_id: int, rights: Rights, body: Any) -> Decision:
        """Read {"comment": "..."} (the body may be empty)."""
        body = {} if body is None else body
        if not isinstance(body, dict) or not set(body) <= {"comment"}:
            raise _invalid('The body is {"comment": "..."}. / 请求体格式为 {"comment": "..."}。')
        comment = body.get("comment", "")
        if not isinstance(comment, str) or len(comment) > MAX_COMMENT:
            raise _invalid(f"comment is a text of at most {MAX_COMMENT} characters. / 评论最多 {MAX_COMMENT} 个字符。")
        return cls(app_id, request_id, rights, comment.strip())


def approve(engine: Engine, publisher: RuntimePublisher, decision: Decision) -> dict[str, Any]:
    """Publish the request's definition with the options it was submitted with, and mark it approved."""
    with transaction(engine, write=True) as connection:
        lock_app(connection, decision.app_id, exclusive=True)  # first: two approvals publish one after the other
        session = Session(bind=connection)
        row = _pending(session, decision, reviewing=True)
        outcome = publisher.publish_in(connection, _publish_request(decision.app_id, row), as_draft=False)
        row.published_version = outcome["version"]
        return outcome | {"review": _decide(session, row, decision, ReviewStatus.APPROVED)}


def reject(engine: Engine, decision: Decision) -> dict[str, Any]:
    """Send the request back to its author with a comment saying why (the comment is required)."""
    if not decision.comment:
        raise _invalid("Say why the request is rejected (comment). / 驳回时请填写原因（comment）。")
    with transaction(engine, write=True) as connection:
        session = Session(bind=connection)
        row = _pending(session, decision, reviewing=True)
        return _decide(session, row, decision, ReviewStatus.REJECTED)


def withdraw(engine: Engine, decision: Decision) -> dict[str, Any]:
    """The author (or an administrator) takes a pending request back."""
    with transaction(engine, write=True) as connection:
        session = Session(bind=connection)
        row = _pending(session, decision, reviewing=False)
        if row.author != decision.rights.name and not decision.rights.is_admin:
            raise ApiError(
                403, "review.not_author", "Only the author may withdraw a request. / 只有提交人可以撤回审核请求。"
            )
        return _decide(session, row, decision, ReviewStatus.WITHDRAWN, record_reviewer=False)


def comment(engine: Engine, decision: Decision) -> dict[str, Any]:
    """Add a comment to a request, whatever its status."""
    if not decision.comment:
        raise _invalid("The comment is empty. / 评论内容为空。")
    with transaction(engine, write=True) as connection:
        session = Session(bind=connection)
        app = store.get_app(session, decision.app_id)
        row = review_request(session, app, decision.request_id)
        session.add(ReviewCommentRow(request_id=row.id, author=decision.rights.name, text=decision.comment))
        session.flush()
        return request_json(row, decision.app_id, comments_of(session, [row.id])[row.id])


def _pending(session: Session, decision: Decision, *, reviewing: bool) -> ReviewRequestRow:
    """The request, locked, still pending; 409 once decided; 403 for a reviewer deciding their own request."""
    app = store.get_app(session, decision.app_id)
    row = review_request(session, app, decision.request_id, for_update=True)
    if row.status != ReviewStatus.PENDING:
        raise ApiError(
            409,
            "review.decided",
            f"Review request {row.id} is already {row.status}. / 审核请求 {row.id} 已处理（{row.status}）。",
        )
    rights = decision.rights
    if reviewing and not (rights.is_reviewer or rights.is_admin):
        raise forbidden(decision.app_id, "review")
    if reviewing and row.author == rights.name:
        raise ApiError(
            403,
            "review.own_request",
            "Someone other than its author must review a request. / 审核请求须由提交人以外的人审核。",
        )
    return row


def _decide(
    session: Session, row: ReviewRequestRow, decision: Decision, status: ReviewStatus, *, record_reviewer: bool = True
) -> dict[str, Any]:
    row.status = status
    row.decided_at = utc_now()
    if record_reviewer:
        row.reviewer = decision.rights.name
    session.add(row)
    if decision.comment:
        session.add(
            ReviewCommentRow(request_id=row.id, author=decision.rights.name, text=decision.comment, decision=status)
        )
    session.flush()
    return request_json(row, decision.app_id, comments_of(session, [row.id])[row.id])


def _publish_request(app_id: str, row: ReviewRequestRow) -> PublishRequest:
    """The publish the request asked for: its definition, by its author, with its options."""
    options = row.options
    return PublishRequest(
        app_id=app_id,
        actor=row.author,
        message=row.message,
        renames=options.get("renames") or {},
        on_failure=options.get("on_failure") or {},
        confirm=bool(options.get("confirm")),
        definition=row.definition,
    )


def _invalid(message: str) -> ApiError:
    return ApiError(400, "review.invalid_request", message)
