"""Whether an app's publishes need review, and who may change that (IT: administrators and reviewers)."""

from __future__ import annotations

from sqlalchemy import Connection, select
from sqlmodel import Session

from builder.service import store
from builder.service.actors import Rights
from builder.service.errors import ApiError
from builder.service.platform_tables import AppRow, utc_now
from builder.service.review_tables import ReviewPolicyRow

_POLICIES = ReviewPolicyRow.__table__
_APPS = AppRow.__table__


def review_required(connection: Connection, app_id: str) -> bool:
    """Whether publishing the app creates a review request instead of going live."""
    query = (
        select(_POLICIES.c.required)
        .select_from(_POLICIES.join(_APPS, _APPS.c.number == _POLICIES.c.app_number))
        .where(_APPS.c.app_id == app_id)
    )
    return bool(connection.execute(query).scalar())


def set_review_required(session: Session, app_id: str, required: bool, rights: Rights) -> ReviewPolicyRow:
    """Turn the gate on or off for an app: only IT (administrators and reviewers) may."""
    if not (rights.is_admin or rights.is_reviewer):
        raise ApiError(
            403,
            "review.not_reviewer",
            "Only IT reviewers and administrators decide which apps need review. "
            "/ 只有 IT 审核人员和管理员可以设置审核要求。",
        )
    app = store.get_app(session, app_id)
    row = session.get(ReviewPolicyRow, app.number) or ReviewPolicyRow(app_number=app.number, set_by=rights.name)
    row.required, row.set_by, row.set_at = required, rights.name, utc_now()
    session.add(row)
    session.flush()
    return row
