"""`dabble templates` lists the template library; `dabble new --template ID` installs one as a live app."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import click

from runtime.cli_support import LANGUAGE, default_language

if TYPE_CHECKING:
    from sqlalchemy import Engine

EXIT_REFUSED = 1


@click.command("templates")
@click.option("--json", "as_json", is_flag=True, help="Print the list as JSON.")
@click.option("--lang", type=LANGUAGE, default=default_language, help="Language of names and descriptions.")
def templates_command(as_json: bool, lang: str) -> None:
    """List the templates apps can start from."""
    from templates_library import library

    templates = library().templates
    if as_json:
        click.echo(json.dumps([template.summary() for template in templates], ensure_ascii=False, indent=2))
        return
    for template in templates:
        counts = template.counts()
        click.echo(f"{template.id:<20} {template.name.in_language(lang)}")
        click.echo(f"{'':<20} {template.description.in_language(lang)}")
        parts = _text(
            lang,
            f"{counts['entities']} entities, {counts['views']} views, {counts['workflows']} workflow(s), "
            f"{counts['rules']} rule(s)",
            f"{counts['entities']} 个实体，{counts['views']} 个视图，"
            f"{counts['workflows']} 个流程，{counts['rules']} 条规则",
        )
        click.echo(f"{'':<20} {parts} · {', '.join(template.tags)}")


@click.command("new")
@click.option("--template", "template_id", required=True, metavar="ID", help="The template to start from.")
@click.option("--app", "app_id", default=None, metavar="ID", help="The new app's id (default: the template's).")
@click.option("--sample-data", is_flag=True, help="Fill the app with the template's sample records (demo org).")
@click.option("--lang", type=LANGUAGE, default=default_language, help="Language of messages.")
def new_command(template_id: str, app_id: str | None, sample_data: bool, lang: str) -> None:
    """Create and publish an app from a template: exit 0 created, 1 refused."""
    from builder.service.errors import ApiError
    from runtime.template_install import TemplateInstaller

    with _engine() as engine:
        try:
            outcome = TemplateInstaller(engine).install(template_id, app_id=app_id, sample_data=sample_data)
        except ApiError as error:
            click.echo(f"{error.code}: {error.message}", err=True)
            sys.exit(EXIT_REFUSED)
    click.echo(
        _text(
            lang,
            f"created {outcome.app_id} from template {outcome.template_id}: version {outcome.version}, "
            f"{outcome.record_count} sample record(s)",
            f"已由模板 {outcome.template_id} 创建 {outcome.app_id}：版本 {outcome.version}，"
            f"示例记录 {outcome.record_count} 条",
        )
    )
    if outcome.grants:
        grants = ", ".join(f"{user}={role}" for user, role in outcome.grants)
        click.echo(_text(lang, f"roles granted: {grants}", f"已授予角色：{grants}"))
    else:
        click.echo(
            _text(
                lang,
                f"grant roles to users with: dabble users add-role USER {outcome.app_id} ROLE",
                f"用 dabble users add-role 用户 {outcome.app_id} 角色 为用户授予角色",
            )
        )


@contextmanager
def _engine() -> Iterator[Engine]:
    """The engine of the instance the DABBLE_ settings name (as `dabble serve` would open it)."""
    from runtime.app import create_app
    from runtime.database import ENGINE_KEY

    engine = create_app().extensions[ENGINE_KEY]
    try:
        yield engine
    finally:
        engine.dispose()


def _text(lang: str, english: str, chinese: str) -> str:
    return chinese if lang == "zh" else english


def register(main: click.Group) -> None:
    """Add the commands to the `dabble` group."""
    main.add_command(templates_command)
    main.add_command(new_command)
