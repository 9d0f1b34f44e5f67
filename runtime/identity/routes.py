"""Sign-in routes: /api/auth/login, /api/auth/logout, /api/auth/tokens[/<id>] and /api/me."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, g, jsonify, request, session
from sqlalchemy import Select, select

from builder.service.errors import ApiError
from builder.service.request_bodies import strict_json_body
from runtime.database import ENGINE_KEY, transaction
from runtime.identity import login_limits
from runtime.identity.actor import Actor
from runtime.identity.authentication import csrf_token, org_cache, required, sign_in
from runtime.identity.passwords import verify_password
from runtime.identity.tables import USERS
from runtime.identity.tokens import create_token, list_tokens, revoke_token

blueprint = Blueprint("identity", __name__)
WRONG_CREDENTIALS = "Wrong user name or password. / 用户名或密码错误。"


def _engine():
    return current_app.extensions[ENGINE_KEY]


def _text(body: dict[str, Any], key: str, *, limit: int = 200) -> str:
    value = body.get(key, "")
    if not isinstance(value, str) or len(value) > limit:
        raise ApiError(
            422,
            "request.invalid",
            f"'{key}' must be a text of at most {limit} characters. / “{key}”应为不超过 {limit} 个字符的文本。",
        )
    return value


@blueprint.post("/api/auth/login")
def login():
    """Check the user name and password, start a cookie session; the user and the session's CSRF token."""
    body = strict_json_body()
    if not isinstance(body, dict):
        raise ApiError(422, "request.invalid", 'Send {"username", "password"}. / 请发送用户名和密码。')
    username, password = _text(body, "username", limit=100).strip().lower(), _text(body, "password", limit=1000)
    engine, address = _engine(), request.remote_addr or "unknown"
    wait = login_limits.retry_after(engine, username, address)
    if wait is not None:
        error = ApiError(
            429,
            "auth.rate_limited",
            f"Too many failed sign-ins; try again in {wait} s. / 登录失败次数过多，请 {wait} 秒后再试。",
        )
        response = jsonify(error.body())
        response.status_code, response.headers["Retry-After"] = 429, str(wait)
        return response
    with transaction(engine) as connection:
        stored = connection.execute(_hash_query(username)).first()
    chart = org_cache().current()
    actor = chart.actor(username)
    if not verify_password(stored.password_hash if stored else None, password) or actor is None:
        login_limits.record_failure(engine, username, address)
        raise ApiError(401, "auth.invalid_credentials", WRONG_CREDENTIALS)
    login_limits.clear_failures(engine, username)
    token = sign_in(actor)
    return jsonify({"user": _me(actor), "csrf_token": token})


def _hash_query(username: str) -> Select:
    return select(USERS.c.password_hash).where(USERS.c.username == username)


@blueprint.post("/api/auth/logout")
def logout():
    """End the cookie session (a bearer token stays valid: revoke it to end it)."""
    session.clear()
    return jsonify({"signed_out": True})


@blueprint.get("/api/me")
def me():
    """The signed-in user: department, supervisor, powers, roles per app, groups; and the CSRF token."""
    return jsonify({**_me(_user()), "csrf_token": csrf_token()})


@blueprint.post("/api/auth/tokens")
def new_token():
    """Make an API token for the signed-in user; the secret is in this response only."""
    body = strict_json_body(required=False) or {}
    if not isinstance(body, dict):
        raise ApiError(422, "request.invalid", 'Send {"label": ...}. / 请发送 {"label": ...}。')
    token_id, token = create_token(_engine(), _user().username, _text(body, "label"))
    response = jsonify({"id": token_id, "label": body.get("label", ""), "token": token})
    response.status_code = 201
    return response


@blueprint.get("/api/auth/tokens")
def tokens():
    """The signed-in user's tokens, without their secrets."""
    return jsonify({"items": list_tokens(_engine(), _user().username)})


@blueprint.delete("/api/auth/tokens/<int:token_id>")
def delete_token(token_id: int):
    """Revoke one of the signed-in user's tokens."""
    if not revoke_token(_engine(), _user().username, token_id):
        raise ApiError(404, "auth.token_not_found", "You have no such live token. / 没有这个有效的令牌。")
    return jsonify({"id": token_id, "revoked": True})


def _user() -> Actor:
    user = g.get("user")
    if user is None:
        raise required()
    return user


def _me(actor: Actor) -> dict[str, Any]:
    chart = org_cache().chart(0)
    user = chart.users[actor.username]
    department = actor.department
    return {
        "username": actor.username,
        "display_name": user.display_name,
        "department": None if department is None else {"key": department, "label": chart.departments.get(department)},
        "supervisor": actor.supervisor,
        "is_admin": actor.is_admin,
        "is_reviewer": actor.is_reviewer,
        "roles": {app: sorted(roles) for app, roles in sorted(actor.app_roles.items())},
        "groups": chart.groups_of(actor.username),
        "direct_reports": sorted(actor.direct_reports),
    }
