"""`dabble import-schema`: a new app file, or an entity added to an app's draft; exit 0 ok, 1 errors, 2 unreadable."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from sqlmodel import Session

from builder import validate_definition
from builder.service import store
from runtime.cli import main
from tests.support.definitions import definition

CORPUS = Path(__file__).resolve().parents[1] / "cases" / "json_schema_forms"


def _run(*arguments: str):
    return CliRunner().invoke(main, ["import-schema", *arguments])


def test_writes_a_new_app_definition_and_lists_the_unsupported(tmp_path):
    output = tmp_path / "deals.json"
    case = CORPUS / "customer_onboarding"
    result = _run(str(case / "schema.json"), "--ui", str(case / "ui.json"), "--entity", "client", "-o", str(output))
    assert result.exit_code == 0, result.output
    document = json.loads(output.read_text(encoding="utf-8"))
    assert document["id"] == "client" and document["entities"][0]["id"] == "client"
    assert document["forms"][0]["id"] == "client_form"
    assert validate_definition(document).errors == ()
    assert "unsupported /properties/company/minLength  minLength" in result.stderr


def test_prints_the_definition_without_output_file():
    result = _run(str(CORPUS / "deal_registration" / "schema.json"))
    assert result.exit_code == 0
    assert json.loads(result.stdout)["entities"][0]["id"] == "deal_registration"


def test_an_invalid_entity_id_exits_1(tmp_path):
    result = _run(
        str(CORPUS / "deal_registration" / "schema.json"), "--entity", "Bad Id", "-o", str(tmp_path / "x.json")
    )
    assert result.exit_code == 1
    assert "id.invalid_start" in result.stderr


def test_unreadable_input_exits_2(tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    assert _run(str(broken)).exit_code == 2
    assert _run(str(tmp_path / "missing.json")).exit_code == 2
    not_a_form = tmp_path / "string.json"
    not_a_form.write_text('{"type": "string"}', encoding="utf-8")
    assert _run(str(not_a_form)).exit_code == 2


def test_adds_the_entity_and_form_to_an_apps_draft(cli_instance):
    from runtime.app import create_app
    from runtime.database import ENGINE_KEY

    engine = create_app().extensions[ENGINE_KEY]
    with Session(engine) as session:
        store.create_app(session, definition("minimal.json"), "admin")
        session.commit()
    schema = str(CORPUS / "lead_capture_zh" / "schema.json")
    result = _run(schema, "--entity", "lead", "--app", "deals")
    assert result.exit_code == 0, result.output
    with Session(engine) as session:
        draft = store.get_app(session, "deals").draft
    engine.dispose()
    assert [entity["id"] for entity in draft["entities"]] == ["deal", "lead"]
    assert [form["id"] for form in draft["forms"]] == ["lead_form"]
    again = _run(schema, "--entity", "lead", "--app", "deals")
    assert again.exit_code == 1 and "already has an entity 'lead'" in again.stderr
    assert _run(schema, "--app", "nope").exit_code == 1
