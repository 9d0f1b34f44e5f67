"""`dabble rollback APP VERSION`: the HTTP rollback flow of the service, run from the command line."""

from __future__ import annotations

import sys
from typing import Any

import click

from runtime.cli_support import default_language


@click.command()
@click.argument("app_id", metavar="APP")
@click.argument("version", type=int)
@click.option("--yes", is_flag=True, help="Apply steps that archive fields or entities without asking.")
@click.option("--message", "-m", default="", help="Why, for the version history.")
@click.option("--dry-run", is_flag=True, help="Show the plan only.")
@click.option("--lang", type=click.Choice(["en", "zh"]), default=default_language, help="Language of messages.")
def rollback(app_id: str, version: int, *, yes: bool, message: str, dry_run: bool, lang: str) -> None:
    """Publish VERSION of APP again as its next version, restoring archived data: exit 0 done, 1 refused."""
    from runtime.app import create_app
    from runtime.database import ENGINE_KEY
    from runtime.identity.authentication import LOCAL_ACTOR_ENVIRON
    from runtime.publish_command import CLI_ACTOR, EXIT_OK, EXIT_REFUSED, PublishCommand

    command = PublishCommand(lang=lang, confirm=_confirm)
    app = create_app()
    command.client = app.test_client()
    command.client.environ_base[LOCAL_ACTOR_ENVIRON] = CLI_ACTOR
    url, body = f"/api/apps/{app_id}/rollback", {"version": version, "message": message}
    try:
        preview = command.post(url, body | {"dry_run": True})
        if preview is None:
            sys.exit(EXIT_REFUSED)
        command.print_plan(preview)
        if dry_run:
            sys.exit(EXIT_OK)
        if preview["destructive"] and not yes and not _confirm(_text(lang, *_ARCHIVES)):
            click.echo(
                _text(lang, "not rolled back: run again with --yes to archive", "未回滚：加 --yes 确认归档"), err=True
            )
            sys.exit(EXIT_REFUSED)
        outcome: dict[str, Any] | None = command.post(url, body | {"confirm": True})
        if outcome is None:
            sys.exit(EXIT_REFUSED)
        english = f"rolled {app_id} back to version {version} as version {outcome['version']}"
        click.echo(_text(lang, english, f"已将 {app_id} 回滚到版本 {version}（新版本 {outcome['version']}）"))
        sys.exit(EXIT_OK)
    finally:
        app.extensions[ENGINE_KEY].dispose()


_ARCHIVES = (
    "Some steps archive data (kept, recoverable). Roll back?",
    "部分步骤会归档数据（数据会保留，可恢复）。确认回滚？",
)


def _confirm(question: str) -> bool:
    return sys.stdin.isatty() and click.confirm(question, default=False)


def _text(lang: str, english: str, chinese: str) -> str:
    return chinese if lang == "zh" else english
