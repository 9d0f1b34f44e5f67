"""`dabble import-schema`: a JSON Schema form (with an optional uiSchema) as a new entity with its form."""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from builder import DefinitionUnreadable, ValidationReport, load_definition_file, validate_definition
from builder.schema_import import SchemaImport, SchemaImportError, form_to_entity
from runtime.cli_support import LANGUAGE, default_language, echo_problems, write_output

EXIT_OK, EXIT_INVALID, EXIT_UNREADABLE = 0, 1, 2


class Refused(Exception):
    """The import cannot go into the app's draft (no such app, ids taken); the message says why."""


@click.command("import-schema")
@click.argument("schema_file", metavar="SCHEMA.json")
@click.option("--ui", "ui_file", default=None, metavar="UISCHEMA.json", help="A react-jsonschema-form uiSchema.")
@click.option("--entity", "entity_id", default=None, metavar="ID", help="Entity id (default: from the schema title).")
@click.option("--app", "app_id", default=None, metavar="APP_ID", help="Add the entity and form to this app's draft.")
@click.option("-o", "--output", default=None, metavar="DEFINITION.json", help="Write the new app definition here.")
@click.option("--lang", type=LANGUAGE, default=default_language, help="Language of messages.")
def import_schema(
    schema_file: str, *, ui_file: str | None, entity_id: str | None, app_id: str | None, output: str | None, lang: str
) -> None:
    """Import a JSON Schema form as an entity: exit 0 done, 1 when the result has errors, 2 for unreadable input."""
    try:
        schema = load_definition_file(schema_file)
        ui = load_definition_file(ui_file) if ui_file else None
        result = form_to_entity(schema, ui, entity_id=entity_id)
    except (DefinitionUnreadable, SchemaImportError) as error:
        click.echo(f"{schema_file}: {error}", err=True)
        sys.exit(EXIT_UNREADABLE)
    for note in result.unsupported:
        click.echo(f"unsupported {note.pointer or '/'}  {note.keyword}  {note.reason}", err=True)
    if app_id is None:
        document = result.app_definition(entity_id)
        report = validate_definition(document)
        _write(document, output)
    else:
        try:
            report = _add_to_draft(app_id, result)
        except Refused as refused:
            click.echo(str(refused), err=True)
            sys.exit(EXIT_INVALID)
    echo_problems(report.problems, lang, err=True)
    sys.exit(EXIT_OK if report.is_valid else EXIT_INVALID)


def _write(document: dict[str, Any], output: str | None) -> None:
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    if write_output(text, output, failure_exit=EXIT_UNREADABLE):
        click.echo(f"wrote {output}", err=True)


def merged_draft(draft: dict[str, Any], result: SchemaImport) -> dict[str, Any]:
    """The draft with the imported entity and form added; Refused when their ids are taken."""
    entities, forms = list(draft.get("entities") or []), list(draft.get("forms") or [])
    if any(isinstance(entity, dict) and entity.get("id") == result.entity_id for entity in entities):
        raise Refused(f"the app already has an entity '{result.entity_id}': choose another with --entity")
    if any(isinstance(form, dict) and form.get("id") == result.form["id"] for form in forms):
        raise Refused(f"the app already has a form '{result.form['id']}': choose another entity id with --entity")
    return {**draft, "entities": [*entities, result.entity], "forms": [*forms, result.form]}


def _add_to_draft(app_id: str, result: SchemaImport) -> ValidationReport:
    """Add the entity and form to the app's draft through the designer store (saved even with errors, as drafts are)."""
    from sqlmodel import Session

    from builder.service import store
    from builder.service.errors import ApiError
    from runtime.app import create_app
    from runtime.database import ENGINE_KEY

    engine = create_app().extensions[ENGINE_KEY]
    try:
        with Session(engine) as session:
            app = store.get_app(session, app_id)
            document = merged_draft(app.draft, result)
            store.update_draft(session, app_id, document, "cli", app.draft_revision)
            session.commit()
    except ApiError as error:
        raise Refused(f"{error.code}: {error.message}") from None
    finally:
        engine.dispose()
    click.echo(f"added entity {result.entity_id} and form {result.form['id']} to the draft of {app_id}", err=True)
    return validate_definition(document)
