"""The `dabble` command line."""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from builder import (
    DefinitionUnreadable,
    ValidationReport,
    load_definition_file,
    load_definition_text,
    validate_definition,
)
from runtime import templates_command
from runtime.cli_support import LANGUAGE, default_language, echo_problems, rename_options
from runtime.diff_command import diff
from runtime.draft_command import draft
from runtime.identity import users_cli
from runtime.portability import commands as portability_cli
from runtime.rollback_command import rollback
from runtime.schema_import_command import import_schema
from runtime.worker_command import worker

EXIT_OK, EXIT_PROBLEMS, EXIT_UNREADABLE = 0, 1, 2


@click.group()
def main() -> None:
    """Dabble: low-code micro-apps for sales teams."""


@main.command()
@click.argument("file")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option("--lang", type=LANGUAGE, default=default_language, help="Language of messages.")
def validate(file: str, as_json: bool, lang: str) -> None:
    """Validate a definition (FILE, or - for standard input): exit 0 clean, 1 with errors, 2 if unreadable."""
    try:
        document = load_definition_text(sys.stdin.buffer.read()) if file == "-" else load_definition_file(file)
    except DefinitionUnreadable as error:
        if as_json:
            click.echo(json.dumps({"file": file, "readable": False, "message": str(error)}, ensure_ascii=False))
        else:
            click.echo(f"{file}: {error}", err=True)
        sys.exit(EXIT_UNREADABLE)
    report = validate_definition(document)
    if as_json:
        click.echo(json.dumps({"file": file, "readable": True, **report.to_json()}, ensure_ascii=False, indent=2))
    else:
        _print_report(file, report, lang)
    sys.exit(EXIT_OK if report.is_valid else EXIT_PROBLEMS)


def _print_report(file: str, report: ValidationReport, lang: str) -> None:
    errors, warnings = len(report.errors), len(report.warnings)
    if lang == "zh":
        summary = f"{file}：{'通过' if report.is_valid else '未通过'}（{errors} 个错误，{warnings} 个警告）"
    else:
        summary = f"{file}: {'valid' if report.is_valid else 'invalid'} ({errors} error(s), {warnings} warning(s))"
    echo_problems(report.problems, lang)
    click.echo(summary)


@main.command()
@click.argument("file")
@click.option("--app", "app_id", default=None, help="Publish under this app id (default: the file's id).")
@click.option("--yes", is_flag=True, help="Apply steps that archive fields or entities without asking.")
@click.option("--message", "-m", default="", help="What changed, for the version history.")
@click.option(
    "--clear",
    "clears",
    multiple=True,
    metavar="ENTITY.FIELD",
    help="Clear values that cannot be converted to a retyped field (old values stay archived).",
)
@click.option("--dry-run", is_flag=True, help="Show the plan only.")
@click.option("--lang", type=LANGUAGE, default=default_language, help="Language of messages.")
@rename_options
def publish(file: str, lang: str, **options: Any) -> None:
    """Validate a definition, show its migration plan and publish it: exit 0 published, 1 refused, 2 unreadable."""
    from runtime.publish_command import PublishCommand, PublishOptions

    try:
        document = load_definition_file(file)
    except DefinitionUnreadable as error:
        click.echo(f"{file}: {error}", err=True)
        sys.exit(EXIT_UNREADABLE)
    command = PublishCommand(lang=lang, confirm=_confirm)
    sys.exit(command.run(document, PublishOptions(**options)))


def _confirm(question: str) -> bool:
    return sys.stdin.isatty() and click.confirm(question, default=False)


@main.command()
@click.option("--host", default=None, help="Address to listen on (default: DABBLE_HOST).")
@click.option("--port", default=None, type=int, help="Port (default: DABBLE_PORT).")
@click.option("--debug", is_flag=True, help="Reload on code changes.")
@click.option(
    "--demo",
    is_flag=True,
    help="Seed the demo org into an instance without users, print its logins, install the template apps.",
)
def serve(host: str | None, port: int | None, debug: bool, demo: bool) -> None:
    """Serve Dabble with the development server (use gunicorn for several workers)."""
    from runtime.app import create_app
    from runtime.database import ENGINE_KEY
    from runtime.identity.demo_org import announce_demo_org
    from runtime.rules.scheduler import sweeper_for_serve
    from runtime.template_install import install_demo_templates

    app = create_app()
    announce_demo_org(app.extensions[ENGINE_KEY], seed=demo, echo=click.echo)
    if demo:
        install_demo_templates(app.extensions[ENGINE_KEY], echo=click.echo)
    host = host or app.config["DABBLE_HOST"]
    port = port or int(app.config["DABBLE_PORT"])
    sweeper = sweeper_for_serve(app, debug=debug)
    click.echo(f"Dabble: http://{host}:{port}/")
    click.echo("Rules: swept in this process." if sweeper else "Rules: timed rules are swept by `dabble worker`.")
    if sweeper is not None:
        sweeper.start()
    try:
        app.run(host=host, port=port, debug=debug, use_reloader=debug)
    finally:
        if sweeper is not None:
            sweeper.stop()


users_cli.register(main)
main.add_command(diff)
main.add_command(rollback)
portability_cli.register(main)
templates_command.register(main)
main.add_command(draft)
main.add_command(import_schema)
main.add_command(worker)
