"""`dabble diff`: the semantic diff of two published versions of an app, or of two definition files."""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping
from typing import Any

import click

from builder import DefinitionInvalid, DefinitionUnreadable, load_definition_file, parse_definition
from builder.diff import AppDiff, Renames, diff_definitions, render_text
from builder.model import AppDefinition
from runtime.cli_support import LANGUAGE, default_language, rename_options

EXIT_SAME, EXIT_DIFFERENT, EXIT_UNUSABLE = 0, 1, 2


class Unusable(Exception):
    """A version or file that cannot be diffed: its message (and problems) are printed, exit 2."""


@click.command()
@click.argument("sources", nargs=-1, required=True, metavar="APP V1 V2 | --files OLD.json NEW.json")
@click.option("--files", "from_files", is_flag=True, help="Diff two definition files instead of published versions.")
@click.option("--json", "as_json", is_flag=True, help="Print the diff as JSON.")
@click.option("--lang", type=LANGUAGE, default=default_language, help="Language of the text.")
@rename_options
def diff(
    sources: tuple[str, ...],
    *,
    from_files: bool,
    as_json: bool,
    lang: str,
    renames: Mapping[str, str],
    entity_renames: Mapping[str, str],
) -> None:
    """Show what changed between two versions: exit 0 when they are the same, 1 when they differ, 2 if unusable."""
    expected = 2 if from_files else 3
    if len(sources) != expected:
        raise click.UsageError("give OLD.json NEW.json with --files" if from_files else "give APP V1 V2")
    try:
        old, new = _files(*sources, lang=lang) if from_files else _versions(*sources, lang=lang)
    except Unusable as error:
        click.echo(str(error), err=True)
        sys.exit(EXIT_UNUSABLE)
    result = diff_definitions(old, new, Renames.from_pairs(entity_renames, renames))
    _print(result, as_json, lang)
    sys.exit(EXIT_SAME if result.is_empty else EXIT_DIFFERENT)


def _print(result: AppDiff, as_json: bool, lang: str) -> None:
    if as_json:
        click.echo(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
    else:
        click.echo(render_text(result, lang))


def _files(old_file: str, new_file: str, *, lang: str) -> tuple[AppDefinition, AppDefinition]:
    """The two definition files, parsed; Unusable when one is unreadable or invalid."""
    definitions = []
    for file in (old_file, new_file):
        try:
            document = load_definition_file(file)
        except DefinitionUnreadable as error:
            raise Unusable(f"{file}: {error}") from None
        definitions.append(_parsed(document, file, lang))
    return definitions[0], definitions[1]


def _parsed(document: Any, name: str, lang: str) -> AppDefinition:
    try:
        return parse_definition(document)
    except DefinitionInvalid as invalid:
        lines = [f"{name}: invalid ({len(invalid.report.errors)} error(s))"]
        for problem in invalid.report.errors:
            lines.append(f"  {problem.path or '/'}  {problem.code}  {problem.message(lang)}")
        raise Unusable("\n".join(lines)) from None


def _versions(app_id: str, first: str, second: str, *, lang: str) -> tuple[AppDefinition, AppDefinition]:
    """Two published versions of an app, from the configured database."""
    from sqlmodel import Session

    from builder.service import store
    from builder.service.errors import ApiError
    from runtime.app import create_app
    from runtime.database import ENGINE_KEY

    numbers = []
    for text in (first, second):
        if not text.isdigit():
            raise Unusable(f"{text!r} is not a version number")
        numbers.append(int(text))
    engine = create_app().extensions[ENGINE_KEY]
    try:
        with Session(engine) as session:
            app = store.get_app(session, app_id)
            documents = [store.version(session, app, number).definition for number in numbers]
    except ApiError as error:
        raise Unusable(f"{error.code}: {error.message}") from None
    finally:
        engine.dispose()
    old, new = (
        _parsed(document, f"{app_id} v{number}", lang) for document, number in zip(documents, numbers, strict=True)
    )
    return old, new
