""" "View as": an administrator or IT reviewer reads an app exactly as one user, or one role, would (read-only)."""

from __future__ import annotations

from dataclasses import replace

from builder.service.errors import ApiError
from runtime.identity.actor import Actor
from runtime.identity.org_chart import OrgChart
from runtime.live_apps import LiveApp

VIEW_AS_HEADER = "X-View-As"  # "user:<name>" or "role:<role id>"


def viewed_as(viewer: Actor, target: str, live: LiveApp, chart: OrgChart, *, write: bool) -> Actor:
    """The Actor whose view `viewer` asked for; 403 for others than admins and reviewers, or for a write."""
    if not (viewer.is_admin or viewer.is_reviewer):
        raise ApiError(
            403,
            "access.view_as",
            "Only administrators and IT reviewers may view as others. / 仅管理员和 IT 审核人可以切换视角。",
        )
    if write:
        raise ApiError(403, "access.view_as", "Viewing as someone else is read-only. / 切换视角时只能查看，不能修改。")
    kind, _, name = target.partition(":")
    if kind == "user":
        actor = chart.actor(name)
        if actor is not None:
            return actor
        raise ApiError(404, "user.not_found", f"There is no active user '{name}'. / 没有启用的用户“{name}”。")
    if kind == "role" and name in {role.id for role in live.model.roles}:
        return replace(viewer, is_admin=False, is_reviewer=False, app_roles={live.app_id: frozenset({name})})
    if kind == "role":
        raise ApiError(404, "role.not_found", f"App '{live.app_id}' has no role '{name}'. / 应用中没有角色“{name}”。")
    raise ApiError(
        400,
        "access.view_as",
        f"{VIEW_AS_HEADER} is user:<name> or role:<role>. / {VIEW_AS_HEADER} 应为 user:<用户名> 或 role:<角色>。",
    )
