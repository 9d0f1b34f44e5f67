"""`dabble templates` lists the library; `dabble new --template ID [--app ID] [--sample-data]` installs one."""

from __future__ import annotations

import json
from contextlib import contextmanager

from click.testing import CliRunner

from runtime.app import create_app
from runtime.cli import main
from runtime.database import ENGINE_KEY
from runtime.identity.demo_org import seed_demo_org
from templates_library import library
from tests.support.auth import signed_in_client
from tests.templates.api_rows import filtered_total


def _cli(*arguments: str, lang: str = "en"):
    return CliRunner().invoke(main, [*arguments, "--lang", lang])


@contextmanager
def _service():
    """The app on the instance the CLI works on, and a client signed in as an administrator."""
    app = create_app()
    try:
        yield app, signed_in_client(app)
    finally:
        app.extensions[ENGINE_KEY].dispose()


def _seed_demo_org() -> None:
    app = create_app()
    try:
        assert seed_demo_org(app.extensions[ENGINE_KEY])
    finally:
        app.extensions[ENGINE_KEY].dispose()


def test_templates_lists_the_library_in_either_language():
    english = _cli("templates")
    assert english.exit_code == 0, english.output
    for template in library().templates:
        assert f"{template.id:<20} {template.name.en}" in english.output
    assert "4 entities, 5 views, 1 workflow(s), 3 rule(s)" in english.output  # customer_value
    chinese = _cli("templates", lang="zh")
    assert "门店销售管理" in chinese.output and "个实体" in chinese.output
    listed = json.loads(_cli("templates", "--json").output)
    assert [item["id"] for item in listed] == list(library().ids)
    assert listed[0]["counts"] == library().templates[0].counts() and listed[0]["name"]["zh"]


def test_new_publishes_an_app_under_its_own_id_without_the_demo_org(cli_instance):
    result = _cli("new", "--template", "personal_follow_up", "--app", "my_customers")
    assert result.exit_code == 0, result.output
    assert "created my_customers from template personal_follow_up: version 1, 0 sample record(s)" in result.output
    assert "dabble users add-role USER my_customers ROLE" in result.output
    with _service() as (_app, admin):
        created = admin.post("/api/apps/my_customers/customer", json={"name": "王先生", "stage": "new"})
        assert created.status_code == 201, created.get_json()
        assert admin.get("/api/apps/my_customers").get_json()["current_version"] == 1


def test_sample_data_needs_the_demo_org(cli_instance):
    result = _cli("new", "--template", "store_sales", "--sample-data")
    assert result.exit_code == 1
    assert "template.demo_org_missing" in result.output
    with _service() as (_app, admin):
        assert admin.get("/api/apps/store_sales").status_code == 404  # nothing was created


def test_new_with_sample_data_fills_the_app_once(cli_instance):
    _seed_demo_org()
    result = _cli("new", "--template", "store_sales", "--app", "stores", "--sample-data", lang="zh")
    assert result.exit_code == 0, result.output
    assert "已由模板 store_sales 创建 stores" in result.output and "chen.jie=store_manager" in result.output
    with _service() as (app, admin):
        assert filtered_total(admin, "stores", "daily_report", None) == 275
        manager = signed_in_client(app, "chen.jie", is_admin=False)
        assert filtered_total(manager, "stores", "store", None) == 2  # a store manager sees their stores
    again = _cli("new", "--template", "store_sales", "--app", "stores", "--sample-data")
    assert again.exit_code == 1 and "app.exists" in again.output
    with _service() as (_app, admin):
        assert filtered_total(admin, "stores", "daily_report", None) == 275


def test_an_unknown_template_is_refused(cli_instance):
    result = _cli("new", "--template", "crm_9000")
    assert result.exit_code == 1 and "template.not_found" in result.output
