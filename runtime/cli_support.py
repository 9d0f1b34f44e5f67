"""What every `dabble` command shares: the language of messages, problem lines, OLD=NEW rename options."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from pathlib import Path

import click

from builder.problems import Problem

LANGUAGE = click.Choice(["en", "zh"])


def default_language() -> str:
    """zh when the shell's LANG is Chinese, else en."""
    return "zh" if os.environ.get("LANG", "").lower().startswith("zh") else "en"


def echo_problems(problems: Iterable[Problem], lang: str, *, err: bool = False) -> None:
    """One line per problem: severity, JSON pointer, code and message."""
    for problem in problems:
        click.echo(f"{problem.severity:<7} {problem.path or '/'}  {problem.code}  {problem.message(lang)}", err=err)


def rename_pairs(_context: click.Context, parameter: click.Parameter, items: tuple[str, ...]) -> dict[str, str]:
    """OLD=NEW items as a mapping (field renames name their entity: ENTITY.OLD=NEW)."""
    pairs = {}
    for item in items:
        old, equals, new = item.partition("=")
        entity, dot, field_id = old.partition(".")
        if not equals or not old or not new or (parameter.name == "renames" and not (dot and entity and field_id)):
            raise click.BadParameter(f"{item!r} is not {parameter.metavar}")
        pairs[old] = new
    return pairs


def write_output(text: str, output: str | None, *, failure_exit: int) -> bool:
    """Write text to a file, or to stdout for None or '-'; exit with failure_exit when the file cannot be written."""
    if output is None or output == "-":
        click.echo(text, nl=False)
        return False
    try:
        Path(output).write_text(text, encoding="utf-8")
    except OSError as error:
        click.echo(f"{output}: {error}", err=True)
        sys.exit(failure_exit)
    return True


def rename_options(command):
    """The --rename ENTITY.OLD=NEW and --rename-entity OLD=NEW options (publish, diff, ...)."""
    command = click.option(
        "--rename-entity",
        "entity_renames",
        multiple=True,
        metavar="OLD=NEW",
        callback=rename_pairs,
        help="An entity whose id changed (repeatable).",
    )(command)
    return click.option(
        "--rename",
        "renames",
        multiple=True,
        metavar="ENTITY.OLD=NEW",
        callback=rename_pairs,
        help="A field whose id changed (repeatable).",
    )(command)
