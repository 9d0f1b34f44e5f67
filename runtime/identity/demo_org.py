"""The demo org `make run` seeds into an empty instance: a sales director, two managers, four reps, IT, an admin."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine

from runtime.identity import org_admin

DEMO_PASSWORD = "dabble-demo"  # every demo user's password: printed at start, listed in the README


@dataclass(frozen=True, slots=True)
class DemoUser:
    """One person of the demo org."""

    username: str
    display_name: str
    role: str  # what they are, for the printed list
    department: str
    supervisor: str | None = None
    is_admin: bool = False
    is_reviewer: bool = False


DEMO_DEPARTMENTS = {
    "sales": {"zh": "销售总部", "en": "Sales HQ"},
    "east": {"zh": "华东区", "en": "East"},
    "south": {"zh": "华南区", "en": "South"},
    "it": {"zh": "信息技术部", "en": "IT"},
}
DEMO_USERS = (
    DemoUser("zhang.wei", "张伟 Zhang Wei", "sales director / 销售总监", "sales"),
    DemoUser("li.na", "李娜 Li Na", "manager, East / 华东区经理", "east", "zhang.wei"),
    DemoUser("wang.fang", "王芳 Wang Fang", "manager, South / 华南区经理", "south", "zhang.wei"),
    DemoUser("chen.jie", "陈杰 Chen Jie", "sales rep, East / 华东区销售", "east", "li.na"),
    DemoUser("liu.yang", "刘洋 Liu Yang", "sales rep, East / 华东区销售", "east", "li.na"),
    DemoUser("zhao.lei", "赵磊 Zhao Lei", "sales rep, South / 华南区销售", "south", "wang.fang"),
    DemoUser("sun.li", "孙丽 Sun Li", "sales rep, South / 华南区销售", "south", "wang.fang"),
    DemoUser("zhou.min", "周敏 Zhou Min", "IT reviewer / IT 审核", "it", is_reviewer=True),
    DemoUser("admin", "管理员 Admin", "administrator / 管理员", "it", is_admin=True),
)
DEMO_GROUP = (
    "customer_success",
    {"zh": "客户成功小组", "en": "Customer success squad"},
    "li.na",
    ("chen.jie", "sun.li"),
)


def seed_demo_org(engine: Engine) -> bool:
    """Create the demo org when the instance has no user yet; whether it did."""
    if org_admin.user_count(engine) > 0:
        return False
    for key, label in DEMO_DEPARTMENTS.items():
        org_admin.create_department(engine, key, label, actor="demo")
    for user in DEMO_USERS:
        org_admin.create_user(
            engine,
            user.username,
            display_name=user.display_name,
            password=DEMO_PASSWORD,
            department=user.department,
            supervisor=user.supervisor,
            is_admin=user.is_admin,
            is_reviewer=user.is_reviewer,
            actor="demo",
        )
    key, label, leader, members = DEMO_GROUP
    org_admin.create_group(engine, key, label, leader=leader, members=members, actor="demo")
    return True


def demo_org_present(engine: Engine) -> bool:
    """Whether the demo users exist (so the printed logins mean something)."""
    existing = {user["username"] for user in org_admin.list_users(engine)}
    return all(user.username in existing for user in DEMO_USERS)


def demo_logins() -> list[str]:
    """The lines `dabble serve --demo` prints: each demo user, what they are, and the shared password."""
    lines = [f"Demo logins (password for all: {DEMO_PASSWORD}) / 演示账号（密码均为 {DEMO_PASSWORD}）:"]
    lines += [f"  {user.username:<10} {user.display_name:<16} {user.role}" for user in DEMO_USERS]
    return lines


def announce_demo_org(engine: Engine, *, seed: bool, echo: Callable[..., Any]) -> None:
    """At start: seed the demo org if asked and there is no user, print its logins, or say how to add users."""
    if seed:
        seeded = seed_demo_org(engine)
        if seeded or demo_org_present(engine):
            for line in demo_logins():
                echo(line)
            return
        echo("The instance already has users: no demo org seeded. / 已有用户，未创建演示组织。")
    elif org_admin.user_count(engine) == 0:
        echo("No users yet: dabble users create admin --admin / 尚无用户：请先用 dabble users create 创建管理员。")
