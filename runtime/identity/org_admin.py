"""Changes to the org chart (users, departments, groups, role grants), each recorded as an org change."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, Engine, delete, func, insert, select, text, update

from runtime.database import transaction
from runtime.identity.org_errors import OrgError
from runtime.identity.passwords import MIN_LENGTH, hash_password
from runtime.identity.tables import (
    DEPARTMENTS,
    GROUP_MEMBERS,
    GROUPS,
    KEY_PATTERN,
    ORG_CHANGES,
    ROLE_GRANTS,
    USERNAME_PATTERN,
    USERS,
)

_ORG_LOCK = 7_244_616  # PostgreSQL: org writers take turns, so change ids rise in commit order


@contextmanager
def org_change(engine: Engine, description: str, *, actor: str = "cli") -> Iterator[Connection]:
    """A write transaction that records one org change (bumping the org revision every worker checks)."""
    with transaction(engine, write=True) as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _ORG_LOCK})
        yield connection
        connection.execute(insert(ORG_CHANGES).values(actor=actor, change=description[:500]))


def create_user(
    engine: Engine,
    username: str,
    *,
    display_name: str = "",
    password: str | None = None,
    department: str | None = None,
    supervisor: str | None = None,
    is_admin: bool = False,
    is_reviewer: bool = False,
    actor: str = "cli",
) -> None:
    """Add a user; without a password they cannot sign in (a token can still be made for them)."""
    _check_username(username)
    password_hash = None if password is None else hash_password(_checked_password(password))
    with org_change(engine, f"create user {username}", actor=actor) as connection:
        if _exists(connection, USERS.c.username, username):
            raise OrgError(409, "org.user_exists", f"User '{username}' already exists. / 用户“{username}”已存在。")
        _check_department(connection, department)
        if supervisor is not None:
            _check_user(connection, supervisor)
        connection.execute(
            insert(USERS).values(
                username=username,
                display_name=display_name or username,
                password_hash=password_hash,
                department=department,
                supervisor=supervisor,
                is_admin=is_admin,
                is_reviewer=is_reviewer,
            )
        )


def set_password(engine: Engine, username: str, password: str, *, actor: str = "cli") -> None:
    """Replace a user's password."""
    password_hash = hash_password(_checked_password(password))
    with org_change(engine, f"set password of {username}", actor=actor) as connection:
        _check_user(connection, username)
        connection.execute(update(USERS).where(USERS.c.username == username).values(password_hash=password_hash))


def set_active(engine: Engine, username: str, active: bool, *, actor: str = "cli") -> None:
    """Let a user sign in again, or stop them (their sessions and tokens stop working at once)."""
    with org_change(engine, f"set {username} {'active' if active else 'inactive'}", actor=actor) as connection:
        _check_user(connection, username)
        connection.execute(update(USERS).where(USERS.c.username == username).values(active=active))


def set_supervisor(engine: Engine, username: str, supervisor: str | None, *, actor: str = "cli") -> None:
    """Set a user's direct supervisor (None: nobody); refused when it would close a loop in the chain."""
    with org_change(engine, f"set supervisor of {username} to {supervisor}", actor=actor) as connection:
        _check_user(connection, username)
        if supervisor is not None:
            _check_user(connection, supervisor)
            _check_no_cycle(connection, username, supervisor)
        connection.execute(update(USERS).where(USERS.c.username == username).values(supervisor=supervisor))


def set_department(engine: Engine, username: str, department: str | None, *, actor: str = "cli") -> None:
    """Move a user to a department (None: none)."""
    with org_change(engine, f"set department of {username} to {department}", actor=actor) as connection:
        _check_user(connection, username)
        _check_department(connection, department)
        connection.execute(update(USERS).where(USERS.c.username == username).values(department=department))


def grant_role(engine: Engine, username: str, app_id: str, role: str, *, actor: str = "cli") -> bool:
    """Grant a role in an app; False when the user already had it."""
    _check_key(app_id, "app")
    _check_key(role, "role")
    with org_change(engine, f"grant {app_id}.{role} to {username}", actor=actor) as connection:
        _check_user(connection, username)
        held = select(ROLE_GRANTS.c.role).where(
            ROLE_GRANTS.c.app_id == app_id, ROLE_GRANTS.c.username == username, ROLE_GRANTS.c.role == role
        )
        if connection.execute(held).first() is not None:
            return False
        connection.execute(insert(ROLE_GRANTS).values(app_id=app_id, username=username, role=role))
        return True


def revoke_role(engine: Engine, username: str, app_id: str, role: str, *, actor: str = "cli") -> bool:
    """Take a role in an app away; False when the user did not have it."""
    with org_change(engine, f"revoke {app_id}.{role} from {username}", actor=actor) as connection:
        removed = connection.execute(
            delete(ROLE_GRANTS).where(
                ROLE_GRANTS.c.app_id == app_id, ROLE_GRANTS.c.username == username, ROLE_GRANTS.c.role == role
            )
        )
        return removed.rowcount > 0


def create_department(engine: Engine, key: str, label: Any, *, actor: str = "cli") -> None:
    """Add a department with a label (a string, or {"zh": ..., "en": ...})."""
    _check_key(key, "department")
    with org_change(engine, f"create department {key}", actor=actor) as connection:
        if _exists(connection, DEPARTMENTS.c.key, key):
            raise OrgError(409, "org.department_exists", f"Department '{key}' already exists. / 部门“{key}”已存在。")
        connection.execute(insert(DEPARTMENTS).values(key=key, label=label or key))


def create_group(
    engine: Engine, key: str, label: Any, *, leader: str | None = None, members: Iterable[str] = (), actor: str = "cli"
) -> None:
    """Add a group with a leader and members (the leader is a member too)."""
    _check_key(key, "group")
    everyone = sorted({*members, *([leader] if leader else [])})
    with org_change(engine, f"create group {key}", actor=actor) as connection:
        if _exists(connection, GROUPS.c.key, key):
            raise OrgError(409, "org.group_exists", f"Group '{key}' already exists. / 小组“{key}”已存在。")
        for username in everyone:
            _check_user(connection, username)
        connection.execute(insert(GROUPS).values(key=key, label=label or key, leader=leader))
        if everyone:
            connection.execute(insert(GROUP_MEMBERS), [{"group_key": key, "username": name} for name in everyone])


def user_count(engine: Engine) -> int:
    """How many users exist."""
    with transaction(engine) as connection:
        return connection.execute(select(func.count()).select_from(USERS)).scalar_one()


def list_users(engine: Engine) -> list[dict[str, Any]]:
    """Every user with their department, supervisor, powers and roles per app, by user name."""
    with transaction(engine) as connection:
        users = connection.execute(select(USERS).order_by(USERS.c.username)).mappings().all()
        grants = connection.execute(select(ROLE_GRANTS).order_by(ROLE_GRANTS.c.app_id, ROLE_GRANTS.c.role)).all()
    roles: dict[str, dict[str, list[str]]] = {}
    for grant in grants:
        roles.setdefault(grant.username, {}).setdefault(grant.app_id, []).append(grant.role)
    fields = ("username", "display_name", "department", "supervisor", "is_admin", "is_reviewer", "active")
    return [{**{name: user[name] for name in fields}, "roles": roles.get(user["username"], {})} for user in users]


def _check_username(username: str) -> None:
    if not re.fullmatch(USERNAME_PATTERN, username):
        raise OrgError(
            422,
            "org.username",
            f"'{username}' is not a user name: 2-40 of a-z, 0-9, '.', '_' or '-', starting with a letter. / "
            f"“{username}”不是有效的用户名：2 到 40 个字符（a-z、0-9、.、_、-），以字母开头。",
        )


def _checked_password(password: str) -> str:
    if len(password) < MIN_LENGTH:
        raise OrgError(
            422, "org.password", f"A password has at least {MIN_LENGTH} characters. / 密码至少 {MIN_LENGTH} 个字符。"
        )
    return password


def _check_key(key: str, kind: str) -> None:
    if not re.fullmatch(KEY_PATTERN, key):
        raise OrgError(
            422,
            "org.key",
            f"'{key}' is not a {kind} id: a-z, 0-9 and '_', starting with a letter, at most 40. / "
            f"“{key}”不是有效的标识：a-z、0-9、_，以字母开头，最多 40 个字符。",
        )


def _exists(connection: Connection, column: Any, value: str) -> bool:
    return connection.execute(select(column).where(column == value)).first() is not None


def _check_user(connection: Connection, username: str) -> None:
    if not _exists(connection, USERS.c.username, username):
        raise OrgError(404, "org.unknown_user", f"There is no user '{username}'. / 用户“{username}”不存在。")


def _check_department(connection: Connection, department: str | None) -> None:
    if department is not None and not _exists(connection, DEPARTMENTS.c.key, department):
        raise OrgError(
            404, "org.unknown_department", f"There is no department '{department}'. / 部门“{department}”不存在。"
        )


def _check_no_cycle(connection: Connection, username: str, supervisor: str) -> None:
    """Walk up from the new supervisor: meeting the user means the chain would loop."""
    chain = dict(connection.execute(select(USERS.c.username, USERS.c.supervisor)).all())
    above: str | None = supervisor
    seen: set[str] = set()
    while above is not None and above not in seen:
        if above == username:
            raise OrgError(
                409,
                "org.supervisor_cycle",
                f"'{supervisor}' reports to '{username}' (directly or not), so cannot be their supervisor. / "
                f"“{supervisor}”（直接或间接）向“{username}”汇报，不能成为其上级。",
            )
        seen.add(above)
        above = chain.get(above)
