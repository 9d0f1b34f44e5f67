"""Prepare an instance before its servers start: the demo org, template apps with sample data, bearer tokens."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Engine

from bench.robustness.databases import Database
from runtime.app import create_app
from runtime.database import ENGINE_KEY
from runtime.identity.demo_org import seed_demo_org
from runtime.identity.tokens import create_token
from runtime.template_install import TemplateInstaller

ADMIN = "admin"
REPS = ("chen.jie", "liu.yang", "zhao.lei", "sun.li")  # demo sales reps: they own the leads they create


@dataclass(frozen=True)
class Instance:
    """A prepared instance: its database, the apps installed and a bearer token per user."""

    database: Database
    apps: tuple[str, ...]
    tokens: dict[str, str]


def prepare(
    database: Database, templates: Iterable[str] | None = None, users: Iterable[str] = (ADMIN, *REPS)
) -> Instance:
    """Seed the demo org, install templates (None: all) with sample data, and mint a token per user."""
    app = create_app(database.settings())
    engine: Engine = app.extensions[ENGINE_KEY]
    try:
        seed_demo_org(engine)
        installer = TemplateInstaller(engine)
        if templates is None:
            outcomes = installer.install_missing()
        else:
            outcomes = [installer.install(name, sample_data=True) for name in templates]
        tokens = {user: create_token(engine, user, "robustness")[1] for user in users}
    finally:
        engine.dispose()
    return Instance(database, tuple(outcome.app_id for outcome in outcomes), tokens)
