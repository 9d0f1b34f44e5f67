"""`dabble users|departments|groups`: the org-admin commands on the configured database (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
import os

import pytest
from click.testing import CliRunner

from runtime.cli import main
from tests.support.postgres import fresh_postgres_schema

POSTGRES_URL = os.environ.get("DABBLE_TEST_DATABASE_URL", "")


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def instance(request, tmp_path, monkeypatch):
    """Point the CLI at a fresh instance folder: its SQLite file, or a fresh PostgreSQL schema."""
    monkeypatch.setenv("DABBLE_INSTANCE_PATH", str(tmp_path / "instance"))
    if request.param == "sqlite":
        yield tmp_path
        return
    if not POSTGRES_URL:
        pytest.skip("DABBLE_TEST_DATABASE_URL is not set (.ci/run sets it)")
    with fresh_postgres_schema(POSTGRES_URL, str(tmp_path)) as url:
        monkeypatch.setenv("DABBLE_DATABASE_URL", url)
        yield tmp_path


def _run(*arguments: str, input: str | None = None):
    return CliRunner().invoke(main, list(arguments), input=input)


def _users() -> dict[str, dict]:
    listed = _run("users", "list", "--json")
    assert listed.exit_code == 0, listed.output
    return {user["username"]: user for user in json.loads(listed.output)}


def test_create_users_departments_groups_and_roles(instance):
    assert _run("departments", "create", "east", "--name", "East", "--name-zh", "华东").exit_code == 0
    made = _run("users", "create", "boss", "--name", "The Boss", "--admin", "--password", "boss-password")
    assert made.exit_code == 0, made.output
    prompted = _run("users", "create", "rep", "--department", "east", input="rep-password\nrep-password\n")
    assert prompted.exit_code == 0, prompted.output
    assert _run("users", "set-supervisor", "rep", "boss").exit_code == 0
    assert _run("users", "add-role", "rep", "deals", "sales").output.strip() == "rep now has deals:sales"
    assert _run("groups", "create", "squad", "--name", "Squad", "--leader", "boss", "--member", "rep").exit_code == 0
    users = _users()
    assert users["boss"]["is_admin"] and users["boss"]["display_name"] == "The Boss"
    assert users["rep"]["supervisor"] == "boss" and users["rep"]["department"] == "east"
    assert users["rep"]["roles"] == {"deals": ["sales"]} and not users["rep"]["is_admin"]
    plain = _run("users", "list")
    assert "boss" in plain.output and "deals:sales" in plain.output and "supervisor=boss" in plain.output


def test_refusals_exit_1_with_the_code(instance):
    assert _run("users", "create", "boss", "--password", "boss-password").exit_code == 0
    assert _run("users", "create", "rep", "--password", "rep-password").exit_code == 0
    assert _run("users", "set-supervisor", "boss", "rep").exit_code == 0
    loop = _run("users", "set-supervisor", "rep", "boss")
    assert loop.exit_code == 1 and "org.supervisor_cycle" in loop.output
    twice = _run("users", "create", "boss", "--password", "boss-password")
    assert twice.exit_code == 1 and "org.user_exists" in twice.output
    short = _run("users", "create", "newbie", "--password", "short")
    assert short.exit_code == 1 and "org.password" in short.output
    assert _users()["boss"]["supervisor"] == "rep" and _users()["rep"]["supervisor"] is None
