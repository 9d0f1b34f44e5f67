"""Who makes each request: a bearer token, else the session cookie, else nobody; CSRF for cookie writes."""

from __future__ import annotations

import hmac
import secrets

from flask import Flask, Response, current_app, g, request, session
from sqlalchemy import Connection

from builder.service.actors import Rights
from builder.service.errors import ApiError
from runtime.database import ENGINE_KEY, transaction
from runtime.identity.actor import Actor
from runtime.identity.org_cache import OrgCache
from runtime.identity.org_chart import OrgChart
from runtime.identity.tokens import find_token, touch_token

ORG_CACHE_KEY = "dabble.org_cache"
PUBLIC_API_PATHS = frozenset({"/api/health", "/api/auth/login"})
# Blueprints whose routes verify a bearer token inside their own database transaction (resolve_pending): a
# records request then opens one transaction, not two. Their routes must call current_user(connection) first.
TOKEN_IN_OWN_TRANSACTION = frozenset({"records", "views", "events"})
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
SESSION_USER, SESSION_CSRF = "user", "csrf"
CSRF_HEADER = "X-CSRF-Token"
# An in-process caller holding the database already (the `dabble publish` command) puts its Actor here; no HTTP
# request can set a WSGI environ key with a dot (headers arrive as HTTP_*).
LOCAL_ACTOR_ENVIRON = "dabble.local_actor"


def required() -> ApiError:
    """The error of a request that needs a signed-in user and has none."""
    return ApiError(401, "auth.required", "Sign in first. / 请先登录。")


def init_app(app: Flask) -> None:
    """Keep an org-chart cache for the app and identify the user of every request."""
    app.extensions[ORG_CACHE_KEY] = OrgCache(app.extensions[ENGINE_KEY])
    app.config["SESSION_COOKIE_SAMESITE"] = "Lax"  # with the CSRF header: no cross-site write rides the cookie
    app.config["SESSION_COOKIE_NAME"] = "dabble_session"
    app.before_request(authenticate)
    app.after_request(_touch_used_token)


def org_cache() -> OrgCache:
    """The org-chart cache of the current app."""
    return current_app.extensions[ORG_CACHE_KEY]


def request_chart() -> OrgChart:
    """The org chart the request's user was found in (a fresh snapshot when none was read yet)."""
    return g.get("org_chart") or org_cache().current()


def authenticate() -> None:
    """Set g.user (an Actor, or None) and g.rights; refuse anonymous API calls and cookie writes without CSRF."""
    g.user, g.rights, g.token_id, g.pending_token, g.org_chart = None, None, None, None, None
    header = request.headers.get("Authorization")
    local = request.environ.get(LOCAL_ACTOR_ENVIRON)
    if isinstance(local, Actor):
        _set_user(local)
    elif header is not None and request.blueprint in TOKEN_IN_OWN_TRANSACTION:
        g.pending_token = header  # verified by resolve_pending() first thing in the request's transaction
    elif header is not None:
        with transaction(current_app.extensions[ENGINE_KEY]) as connection:
            _from_token(header, connection)
    elif SESSION_USER in session:
        _from_session()
    anonymous = g.user is None and g.pending_token is None
    if anonymous and request.path.startswith("/api/") and request.path not in PUBLIC_API_PATHS:
        raise required()


def resolve_pending(connection: Connection) -> None:
    """Verify, in the caller's transaction, the bearer token authenticate() left for it (401 when not valid)."""
    header = g.get("pending_token")
    if header is not None:
        g.pending_token = None
        _from_token(header, connection)


def sign_in(actor: Actor) -> str:
    """Start a cookie session for a user; its CSRF token."""
    session.clear()
    session[SESSION_USER] = actor.username
    session[SESSION_CSRF] = secrets.token_urlsafe(32)
    _set_user(actor)
    return session[SESSION_CSRF]


def csrf_token() -> str | None:
    """The CSRF token of the cookie session, or None for a bearer token."""
    return session.get(SESSION_CSRF) if g.get("token_id") is None else None


def _from_token(header: str, connection: Connection) -> None:
    scheme, _space, token = header.partition(" ")
    match = find_token(connection, token.strip()) if scheme.lower() == "bearer" else None
    chart = None if match is None else org_cache().chart(match.revision)
    actor = None if chart is None else chart.actor(match.username)
    if actor is None:
        raise ApiError(
            401, "auth.invalid_token", "The API token is not valid (revoked?). / API 令牌无效（可能已被撤销）。"
        )
    g.token_id = match.token_id
    g.touch_token = match.stale
    g.org_chart = chart
    _set_user(actor)


def _touch_used_token(response: Response) -> Response:
    """Write a token's last use after the request's own transaction ended (at most every few minutes)."""
    if g.get("touch_token"):
        touch_token(current_app.extensions[ENGINE_KEY], g.token_id)
    return response


def _from_session() -> None:
    chart = g.org_chart = org_cache().current()
    actor = chart.actor(session[SESSION_USER])
    if actor is None:  # deactivated or removed since signing in
        session.clear()
        return
    if request.method not in SAFE_METHODS and request.path not in PUBLIC_API_PATHS:
        sent = request.headers.get(CSRF_HEADER, "")
        if not hmac.compare_digest(sent.encode(), str(session.get(SESSION_CSRF, "")).encode()) or not sent:
            raise ApiError(
                403,
                "auth.csrf",
                f"Send the {CSRF_HEADER} header from sign-in (or GET /api/me). / "
                f"请在请求头 {CSRF_HEADER} 中附上登录时获得的令牌。",
            )
    _set_user(actor)


def _set_user(actor: Actor) -> None:
    g.user = actor
    g.rights = Rights(
        actor.username,
        is_admin=actor.is_admin,
        is_reviewer=actor.is_reviewer,
        apps_with_roles=frozenset(app for app, roles in actor.app_roles.items() if roles),
    )
