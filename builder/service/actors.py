"""Who is acting: the runtime's identity layer puts their rights on `flask.g.rights` (name, admin, reviewer, apps)."""

from __future__ import annotations

from dataclasses import dataclass

from flask import g
from sqlmodel import Session

from builder.service import store
from builder.service.errors import ApiError
from builder.service.platform_tables import AppRow


@dataclass(frozen=True, slots=True)
class Rights:
    """What the designer API needs to know of the requester."""

    name: str
    is_admin: bool = False
    is_reviewer: bool = False
    apps_with_roles: frozenset[str] = frozenset()  # apps in which the user holds a role (to use them)

    def may_build(self, created_by: str) -> bool:
        """Whether they may change an app's draft and publish it: its creator, or an administrator."""
        return self.is_admin or self.name == created_by

    def may_review(self, created_by: str) -> bool:
        """Whether they may read an app's draft and versions: builders and IT reviewers."""
        return self.may_build(created_by) or self.is_reviewer

    def may_see(self, app_id: str, created_by: str) -> bool:
        """Whether the app is theirs to know of: they review it, or use it."""
        return self.may_review(created_by) or app_id in self.apps_with_roles

    def allows(self, action: str, app_id: str, created_by: str) -> bool:
        """Whether they may see, review, change or publish an app."""
        if action == "see":
            return self.may_see(app_id, created_by)
        return self.may_review(created_by) if action == "review" else self.may_build(created_by)


def current_actor() -> str:
    """The user name of the person making the request."""
    return current_rights().name


def current_rights() -> Rights:
    """The rights of the person making the request; 401 when nobody is signed in."""
    rights = g.get("rights")
    if rights is None:
        raise ApiError(401, "auth.required", "Sign in first. / 请先登录。")
    return rights


def checked_app(session: Session, app_id: str, action: str) -> AppRow:
    """An app the user may act on so: 404 when they may not even know of it, 403 when they may only see it."""
    return check_app(store.get_app(session, app_id), action)


def check_app(row: AppRow, action: str) -> AppRow:
    """The app, when the user may act on it so (see checked_app)."""
    rights = current_rights()
    if rights.allows(action, row.app_id, row.created_by):
        return row
    if not rights.may_see(row.app_id, row.created_by):
        raise store.app_not_found(row.app_id)
    raise forbidden(row.app_id, action)


def forbidden(app_id: str, action: str) -> ApiError:
    """403 for an app the user may not build or review."""
    return ApiError(
        403, "app.forbidden", f"You may not {action} app '{app_id}'. / 你无权{_ZH.get(action, action)}应用“{app_id}”。"
    )


_ZH = {"change": "修改", "publish": "发布", "review": "查看", "see": "查看"}
