"""`dabble publish`: validate, show the plan, publish; archiving needs --yes; a preview never touches the draft."""

from __future__ import annotations

import json
import os

import pytest
from click.testing import CliRunner

from runtime.app import create_app
from runtime.cli import main
from runtime.database import ENGINE_KEY
from runtime.publish_command import PublishCommand, PublishOptions
from tests.support.apps import definition
from tests.support.auth import signed_in_client

POSTGRES_URL = os.environ.get("DABBLE_TEST_DATABASE_URL", "")


@pytest.fixture
def service(cli_instance):
    """A client of the service the CLI publishes to."""
    app = create_app()
    yield signed_in_client(app)
    app.extensions[ENGINE_KEY].dispose()


def _run(*arguments: str):
    return CliRunner().invoke(main, ["publish", *arguments, "--lang", "en"])


def _write(tmp_path, document, name="app.json"):
    path = tmp_path / name
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return str(path)


def _with_notes() -> dict:
    """The corpus app with a second entity that nothing else refers to (free to rename or retype)."""
    document = definition()
    fields = [{"id": "text", "type": "text", "label": "Text"}, {"id": "code", "type": "text", "label": "Code"}]
    document["entities"].append({"id": "note", "label": "Note", "fields": fields})
    return document


def _draft(service) -> dict:
    return service.get("/api/apps/deals/draft").get_json()


def test_publishing_a_valid_file_creates_a_live_api(cli_instance, service):
    result = _run(_write(cli_instance, definition()), "-m", "first")
    assert result.exit_code == 0, result.output
    assert "create_table      deal" in result.output and "published deals version 1" in result.output
    created = service.post("/api/apps/deals/deal", json={"name": "x", "amount": 1, "stage": "open"})
    assert created.status_code == 201
    assert service.get("/api/apps/deals/versions").get_json()["items"][0]["message"] == "first"
    assert _draft(service)["revision"] == 1


def test_renames_and_archiving_need_words_and_yes(cli_instance, service):
    assert _run(_write(cli_instance, definition())).exit_code == 0
    document = definition()
    document["entities"][0]["fields"][3]["id"] = "qty"
    document["entities"][0]["fields"][5]["formula"] = "revenue / qty"
    path = _write(cli_instance, document)
    without = _run(path)  # quantity disappears without a rename: archiving needs --yes
    assert without.exit_code == 1 and "archive_column" in without.output and "--yes" in without.output
    assert _draft(service)["revision"] == 1  # declining left the draft alone
    renamed = _run(path, "--rename", "deal.quantity=qty")
    assert renamed.exit_code == 0, renamed.output
    assert "rename_column     deal.qty (from quantity)" in renamed.output


def test_yes_archives_without_asking(cli_instance, service):
    assert _run(_write(cli_instance, _with_notes())).exit_code == 0
    result = _run(_write(cli_instance, definition()), "--yes")
    assert result.exit_code == 0, result.output
    assert "archive_table     note" in result.output and "[archives data]" in result.output
    assert service.get("/api/apps/deals/note").status_code == 404
    assert service.get("/api/apps/deals/versions/2").get_json()["migration"][0]["kind"] == "archive_table"


def test_rename_entity_moves_the_table(cli_instance, service):
    assert _run(_write(cli_instance, _with_notes())).exit_code == 0
    assert service.post("/api/apps/deals/note", json={"text": "kept"}).status_code == 201
    document = _with_notes()
    document["entities"][1]["id"] = "memo"
    result = _run(_write(cli_instance, document), "--rename-entity", "note=memo")
    assert result.exit_code == 0, result.output
    assert "rename_table      memo (from note)" in result.output
    assert service.get("/api/apps/deals/memo").get_json()["items"][0]["text"] == "kept"


def test_a_refused_conversion_is_shown_then_cleared_with_clear(cli_instance, service):
    assert _run(_write(cli_instance, _with_notes())).exit_code == 0
    for code in ("12", "N/A"):
        assert service.post("/api/apps/deals/note", json={"code": code}).status_code == 201
    document = _with_notes()
    document["entities"][1]["fields"][1] = {"id": "code", "type": "integer", "label": "Code"}
    path = _write(cli_instance, document)
    refused = _run(path)
    assert refused.exit_code == 1
    assert "publish.migration_blocked: Some stored values do not fit the new version" in refused.output
    assert "error   /entities/note/fields/code  migration.conversion_failed  1 value(s) of note.code" in refused.output
    assert '{"id": 2, "value": "N/A"}' in refused.output
    assert _draft(service)["revision"] == 1
    cleared = _run(path, "--clear", "note.code")
    assert cleared.exit_code == 0, cleared.output
    assert [item["code"] for item in service.get("/api/apps/deals/note?sort=id").get_json()["items"]] == [12, None]


@pytest.mark.parametrize(
    ("option", "value"), [("--rename", "quantity=qty"), ("--rename", "deal.quantity"), ("--rename-entity", "note")]
)
def test_a_malformed_rename_is_a_usage_error(cli_instance, option, value):
    result = _run(_write(cli_instance, definition()), option, value)
    assert result.exit_code == 2
    assert f"Invalid value for '{option}'" in result.output and repr(value) in result.output


def test_dry_run_publishes_nothing_and_keeps_the_draft(cli_instance, service):
    result = _run(_write(cli_instance, definition()), "--dry-run")
    assert result.exit_code == 0 and "plan for deals version 1" in result.output
    assert service.get("/api/apps/deals").status_code == 404  # not even created
    assert _run(_write(cli_instance, definition())).exit_code == 0
    document = definition()
    document["entities"][0]["fields"].append({"id": "region", "type": "text", "label": "Region"})
    preview = _run(_write(cli_instance, document), "--dry-run")
    assert preview.exit_code == 0 and "add_column        deal.region" in preview.output
    draft = _draft(service)
    assert draft["revision"] == 1 and draft["definition"] == definition()


def test_a_draft_changed_while_confirming_is_not_published(cli_instance, service):
    assert _run(_write(cli_instance, _with_notes())).exit_code == 0
    changed = _with_notes()
    changed["label"] = "Changed meanwhile"

    def someone_edits_the_draft(_question: str) -> bool:
        assert service.put("/api/apps/deals/draft", json={"definition": changed}).status_code == 200
        return True

    command = PublishCommand(lang="en", confirm=someone_edits_the_draft)
    assert command.run(definition(), PublishOptions()) == 1  # archiving note asks; the draft changes meanwhile
    assert _draft(service)["definition"]["label"] == "Changed meanwhile"
    assert service.get("/api/apps/deals").get_json()["current_version"] == 1


def test_an_invalid_file_is_refused_with_its_problems(cli_instance):
    document = definition()
    document["workflows"][0]["edges"][2]["condition"]["rules"][0]["operator"] = ">"
    result = _run(_write(cli_instance, document))
    assert result.exit_code == 1
    assert "flow.branch_gap" in result.output and "nothing was published" in result.output


def test_an_unreadable_file_exits_2(cli_instance):
    path = cli_instance / "broken.json"
    path.write_text("{")
    assert _run(str(path)).exit_code == 2


def test_app_option_publishes_under_another_id(cli_instance, service):
    result = _run(_write(cli_instance, definition()), "--app", "deals_eu")
    assert result.exit_code == 0, result.output
    assert service.get("/api/apps/deals_eu").status_code == 200


def test_an_app_under_review_is_submitted_not_published(cli_instance, service):
    assert _run(_write(cli_instance, definition())).exit_code == 0
    assert service.put("/api/apps/deals/review-policy", json={"required": True}).status_code == 200
    result = _run(_write(cli_instance, _with_notes()), "-m", "add notes")
    assert result.exit_code == 0, result.output
    assert "deals needs IT review: submitted as review request 1; nothing is live yet" in result.output
    assert service.get("/api/apps/deals").get_json()["current_version"] == 1
    pending = service.get("/api/apps/deals/reviews?status=pending").get_json()["items"]
    assert [(item["author"], item["message"]) for item in pending] == [("cli", "add notes")]
