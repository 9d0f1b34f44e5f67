"""`dabble users|departments|groups ...`: the org-admin commands, working on the configured database."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from sqlalchemy import Engine


@contextmanager
def _engine() -> Iterator[Engine]:
    """The engine of the instance named by the DABBLE_ settings, its platform tables created."""
    from runtime.database import database_url, make_engine
    from runtime.platform import create_platform_tables
    from runtime.settings import read_settings

    settings = read_settings()
    instance = Path(settings["DABBLE_INSTANCE_PATH"]).resolve()
    instance.mkdir(parents=True, exist_ok=True)
    engine = make_engine(database_url(settings["DABBLE_DATABASE_URL"], str(instance)))
    try:
        create_platform_tables(engine)
        yield engine
    finally:
        engine.dispose()


def _run(change: Callable[[Engine], Any]) -> Any:
    """Apply a change; print a refused one's message and exit 1."""
    from runtime.identity.org_errors import OrgError

    with _engine() as engine:
        try:
            return change(engine)
        except OrgError as error:
            click.echo(f"{error.code}: {error.message}", err=True)
            sys.exit(1)


def _org_admin() -> Any:
    from runtime.identity import org_admin

    return org_admin


def _label(name: str | None, name_zh: str | None, key: str) -> Any:
    if name and name_zh:
        return {"en": name, "zh": name_zh}
    return name or name_zh or key


@click.group()
def users() -> None:
    """Users: create, list, set a supervisor, grant a role in an app."""


@users.command("create")
@click.argument("username")
@click.option("--name", "display_name", default="", help="Display name (default: the user name).")
@click.option("--department", default=None, help="Department key.")
@click.option("--supervisor", default=None, help="User name of the direct supervisor.")
@click.option("--admin", "is_admin", is_flag=True, help="Platform administrator.")
@click.option("--reviewer", "is_reviewer", is_flag=True, help="IT reviewer (may view apps as others).")
@click.option(
    "--password",
    prompt=True,
    hide_input=True,
    confirmation_prompt=True,
    help="Password, at least 8 characters (asked for when not given).",
)
def create_user(username: str, password: str, **options: Any) -> None:
    """Create a user."""
    _run(lambda engine: _org_admin().create_user(engine, username, password=password, **options))
    click.echo(f"created user {username}")


@users.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def list_users(as_json: bool) -> None:
    """List users with their department, supervisor and roles."""
    found = _run(lambda engine: _org_admin().list_users(engine))
    if as_json:
        click.echo(json.dumps(found, ensure_ascii=False, indent=2))
        return
    for user in found:
        powers = [name for name in ("admin", "reviewer") if user[f"is_{name}"]] + (
            [] if user["active"] else ["inactive"]
        )
        roles = " ".join(f"{app}:{role}" for app, held in user["roles"].items() for role in held)
        click.echo(
            f"{user['username']:<20} {user['display_name']:<20} dept={user['department'] or '-'} "
            f"supervisor={user['supervisor'] or '-'} {','.join(powers)} {roles}".rstrip()
        )


@users.command("set-supervisor")
@click.argument("username")
@click.argument("supervisor")
def set_supervisor(username: str, supervisor: str) -> None:
    """Set USERNAME's direct supervisor (- for none)."""
    _run(lambda engine: _org_admin().set_supervisor(engine, username, None if supervisor == "-" else supervisor))
    click.echo(f"{username} reports to {supervisor}")


@users.command("set-department")
@click.argument("username")
@click.argument("department")
def set_department(username: str, department: str) -> None:
    """Move USERNAME to DEPARTMENT (- for none)."""
    _run(lambda engine: _org_admin().set_department(engine, username, None if department == "-" else department))
    click.echo(f"{username} is in {department}")


@users.command("add-role")
@click.argument("username")
@click.argument("app_id")
@click.argument("role")
def add_role(username: str, app_id: str, role: str) -> None:
    """Grant ROLE in the app APP_ID to USERNAME."""
    added = _run(lambda engine: _org_admin().grant_role(engine, username, app_id, role))
    click.echo(f"{username} {'now has' if added else 'already had'} {app_id}:{role}")


@users.command("remove-role")
@click.argument("username")
@click.argument("app_id")
@click.argument("role")
def remove_role(username: str, app_id: str, role: str) -> None:
    """Take ROLE in the app APP_ID away from USERNAME."""
    removed = _run(lambda engine: _org_admin().revoke_role(engine, username, app_id, role))
    click.echo(f"{username} {'no longer has' if removed else 'did not have'} {app_id}:{role}")


@click.group()
def departments() -> None:
    """Departments."""


@departments.command("create")
@click.argument("key")
@click.option("--name", default=None, help="Name (English, or the only name).")
@click.option("--name-zh", default=None, help="Chinese name.")
def create_department(key: str, name: str | None, name_zh: str | None) -> None:
    """Create a department."""
    _run(lambda engine: _org_admin().create_department(engine, key, _label(name, name_zh, key)))
    click.echo(f"created department {key}")


@click.group()
def groups() -> None:
    """Groups across departments (a customer-success squad)."""


@groups.command("create")
@click.argument("key")
@click.option("--name", default=None, help="Name (English, or the only name).")
@click.option("--name-zh", default=None, help="Chinese name.")
@click.option("--leader", default=None, help="User name of the leader.")
@click.option("--member", "members", multiple=True, help="User name of a member (repeatable).")
def create_group(key: str, name: str | None, name_zh: str | None, leader: str | None, members: tuple[str, ...]) -> None:
    """Create a group with a leader and members."""
    label = _label(name, name_zh, key)
    _run(lambda engine: _org_admin().create_group(engine, key, label, leader=leader, members=members))
    click.echo(f"created group {key}")


def register(main: click.Group) -> None:
    """Add the org-admin command groups to the `dabble` command."""
    for group in (users, departments, groups):
        main.add_command(group)
