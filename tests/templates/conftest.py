"""An instance with the demo org and every template installed with sample data, once per module and database."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from flask import Flask

from runtime.app import close_app, create_app
from runtime.database import ENGINE_KEY
from runtime.identity.demo_org import seed_demo_org
from runtime.template_install import InstallOutcome, TemplateInstaller
from tests.support.postgres import fresh_postgres_schema

POSTGRES_URL = os.environ.get("DABBLE_TEST_DATABASE_URL", "")


@dataclass(frozen=True)
class DemoInstance:
    """A running app whose instance holds the demo org and the installed templates."""

    app: Flask
    outcomes: tuple[InstallOutcome, ...]


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def demo_instance(request, tmp_path_factory) -> Iterator[DemoInstance]:
    """The demo org with all ten templates installed (make run's first start), on each database."""
    folder = tmp_path_factory.mktemp("demo")
    settings = {"DABBLE_INSTANCE_PATH": str(folder / "instance"), "DABBLE_SECRET_KEY": "templates-test"}
    if request.param == "sqlite":
        yield from _installed(settings | {"DABBLE_DATABASE_URL": ""})
        return
    if not POSTGRES_URL:
        pytest.skip("DABBLE_TEST_DATABASE_URL is not set (.ci/run sets it)")
    with fresh_postgres_schema(POSTGRES_URL, str(folder)) as url:
        yield from _installed(settings | {"DABBLE_DATABASE_URL": url})


def _installed(settings: dict[str, str]) -> Iterator[DemoInstance]:
    app = create_app(settings)
    app.config["TESTING"] = True
    engine = app.extensions[ENGINE_KEY]
    try:
        seed_demo_org(engine)
        yield DemoInstance(app, tuple(TemplateInstaller(engine).install_missing()))
    finally:
        close_app(app)
