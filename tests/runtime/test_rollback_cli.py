"""`dabble rollback APP VERSION`: shows the plan, needs --yes to archive, then rolls back; --dry-run changes nothing."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from runtime.app import create_app
from runtime.cli import main
from runtime.database import ENGINE_KEY
from tests.support.apps import definition, publish_new, republish
from tests.support.auth import signed_in_client


@pytest.fixture
def service(cli_instance):
    """A client of the service the CLI rolls back, with v1 (ten deals with quantities) and v2 (without quantity)."""
    app = create_app()
    client = signed_in_client(app)
    publish_new(client, definition())
    for index in range(1, 4):
        deal = {"name": f"D{index}", "amount": index, "stage": "open", "quantity": index}
        assert client.post("/api/apps/deals/deal", json=deal).status_code == 201
    document = definition()
    document["entities"][0]["fields"] = document["entities"][0]["fields"][:3]
    document["entities"][0]["fields"].append({"id": "region", "type": "text", "label": "Region"})
    assert republish(client, document, confirm=True).status_code == 201
    yield client
    app.extensions[ENGINE_KEY].dispose()


def _run(*arguments: str):
    return CliRunner().invoke(main, ["rollback", *arguments, "--lang", "en"])


def test_a_dry_run_shows_the_plan_only(service):
    result = _run("deals", "1", "--dry-run")
    assert result.exit_code == 0, result.output
    assert "restore_column    deal.quantity" in result.output and "[archives data]" in result.output
    assert service.get("/api/apps/deals").get_json()["current_version"] == 2


def test_archiving_needs_yes_then_the_values_come_back(service):
    refused = _run("deals", "1")
    assert refused.exit_code == 1 and "--yes" in refused.output
    done = _run("deals", "1", "--yes", "-m", "back")
    assert done.exit_code == 0, done.output
    assert "rolled deals back to version 1 as version 3" in done.output
    assert service.get("/api/apps/deals/deal/2").get_json()["quantity"] == 2
    assert service.get("/api/apps/deals/versions").get_json()["items"][-1]["message"] == "back"


def test_a_missing_version_is_refused(service):
    result = _run("deals", "9")
    assert result.exit_code == 1 and "version.not_found" in result.output
