"""The demo org `make run` seeds: the documented people, logins that work, seeded once only."""

from __future__ import annotations

import re
from pathlib import Path

from runtime.database import ENGINE_KEY
from runtime.identity import org_admin
from runtime.identity.authentication import ORG_CACHE_KEY
from runtime.identity.demo_org import DEMO_PASSWORD, DEMO_USERS, announce_demo_org, seed_demo_org

README = Path(__file__).resolve().parents[2] / "README.md"


def test_the_demo_org_is_the_documented_one_and_seeded_once(app):
    engine = app.extensions[ENGINE_KEY]
    assert seed_demo_org(engine) is True
    assert seed_demo_org(engine) is False
    users = {user["username"]: user for user in org_admin.list_users(engine)}
    assert len(users) == 9
    chart = app.extensions[ORG_CACHE_KEY].current()
    director = chart.actor("zhang.wei")
    managers = sorted(director.direct_reports)
    assert managers == ["li.na", "wang.fang"]
    assert {users[manager]["department"] for manager in managers} == {"east", "south"}
    for manager in managers:
        reps = chart.actor(manager).direct_reports
        assert len(reps) == 2 and all(users[rep]["department"] == users[manager]["department"] for rep in reps)
    assert len(director.team) == 7  # the director, two managers, four reps
    assert [name for name, user in users.items() if user["is_reviewer"]] == ["zhou.min"]
    assert [name for name, user in users.items() if user["is_admin"]] == ["admin"]


def test_every_demo_login_works_and_the_readme_lists_it(app):
    seed_demo_org(app.extensions[ENGINE_KEY])
    readme = README.read_text(encoding="utf-8")
    assert f"`{DEMO_PASSWORD}`" in readme
    for user in DEMO_USERS:
        assert re.search(rf"^\| `{re.escape(user.username)}` \|", readme, re.MULTILINE), user.username
    for user in (DEMO_USERS[0], DEMO_USERS[3], DEMO_USERS[-1]):  # argon2 is slow on purpose: a few suffice
        client = app.test_client()
        response = client.post("/api/auth/login", json={"username": user.username, "password": DEMO_PASSWORD})
        assert response.status_code == 200, response.get_json()
        assert client.get("/api/me").get_json()["is_admin"] == user.is_admin


def test_serve_prints_the_logins_or_says_how_to_add_a_user(app):
    engine = app.extensions[ENGINE_KEY]
    lines: list[str] = []
    announce_demo_org(engine, seed=False, echo=lines.append)
    assert "dabble users create" in lines[0] and org_admin.user_count(engine) == 0
    lines.clear()
    announce_demo_org(engine, seed=True, echo=lines.append)
    assert DEMO_PASSWORD in lines[0] and any("zhang.wei" in line for line in lines)
    lines.clear()
    announce_demo_org(engine, seed=True, echo=lines.append)  # a restart: still the logins, nothing seeded twice
    assert any("admin" in line for line in lines) and org_admin.user_count(engine) == 9
