"""`dabble users|departments|groups`: the org-admin commands on the configured database (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
import os

from click.testing import CliRunner

from runtime.cli import main

POSTGRES_URL = os.environ.get("DABBLE_TEST_DATABASE_URL", "")


def _run(*arguments: str, input: str | None = None):
    return CliRunner().invoke(main, list(arguments), input=input)


def _users() -> dict[str, dict]:
    listed = _run("users", "list", "--json")
    assert listed.exit_code == 0, listed.output
    return {user["username"]: user for user in json.loads(listed.output)}


def test_create_users_departments_groups_and_roles(cli_instance):
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


def test_refusals_exit_1_with_the_code(cli_instance):
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
