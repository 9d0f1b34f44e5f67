"""`dabble export` and `dabble import`: an app as one JSON file, and back."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click

from runtime.cli_support import LANGUAGE, default_language, echo_problems, write_output

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from builder.service.errors import ApiError

EXIT_OK, EXIT_REFUSED, EXIT_INVALID_FILE = 0, 1, 2


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


@click.command("export")
@click.argument("app_id", metavar="APP")
@click.option("-o", "--output", default="-", metavar="FILE", help="Write to FILE (default: standard output).")
@click.option("--data", is_flag=True, help="Include every record (deleted ones too) with its system columns.")
@click.option("--history", is_flag=True, help="Include the published versions.")
@click.option("--lang", type=LANGUAGE, default=default_language, help="Language of messages.")
def export_command(app_id: str, output: str, data: bool, history: bool, lang: str) -> None:
    """Write an app (its draft, optionally records and history) as one JSON file: exit 0 written, 1 refused."""
    from builder.service.errors import ApiError
    from runtime.portability.export import draft_is_live, export_app
    from runtime.portability.file_format import dump_export

    with _engine() as engine:
        try:
            export = export_app(engine, app_id, data=data, history=history)
            draft_differs = data and export.live_version is not None and not draft_is_live(engine, app_id)
        except ApiError as error:
            _echo_error(error, lang)
            sys.exit(EXIT_REFUSED)
    if draft_differs:
        click.echo(
            _text(
                lang,
                f"warning: the draft has unpublished changes; the records follow live version {export.live_version}",
                f"警告：草稿有未发布的修改；记录对应的是线上版本 {export.live_version}",
            ),
            err=True,
        )
    if write_output(dump_export(export), output, failure_exit=EXIT_REFUSED):
        click.echo(_text(lang, f"exported {app_id} to {output}", f"已将 {app_id} 导出到 {output}"), err=True)


@click.command("import")
@click.argument("file")
@click.option("--app", "app_id", default=None, metavar="NEW_ID", help="Import under this app id (default: the file's).")
@click.option("--lang", type=LANGUAGE, default=default_language, help="Language of messages.")
def import_command(file: str, app_id: str | None, lang: str) -> None:
    """Create and publish an app from an export file, with its records: exit 0 imported, 1 refused, 2 invalid file."""
    from builder.service.errors import ApiError
    from runtime.portability.file_format import read_export
    from runtime.portability.import_app import import_app
    from runtime.portability.messages import ExportFileInvalid

    try:
        text = sys.stdin.buffer.read() if file == "-" else Path(file).read_bytes()
    except OSError as error:
        click.echo(f"{file}: {error}", err=True)
        sys.exit(EXIT_INVALID_FILE)
    try:
        export = read_export(text)
        with _engine() as engine:
            outcome = import_app(engine, export, app_id=app_id)
    except ApiError as error:
        _echo_error(error, lang, file=file)
        sys.exit(EXIT_INVALID_FILE if isinstance(error, ExportFileInvalid) else EXIT_REFUSED)
    _echo_problems(outcome.warnings, lang)
    click.echo(
        _text(
            lang,
            f"imported {outcome.app_id} version {outcome.version}: "
            f"{outcome.records} record(s), {outcome.history} earlier version(s)",
            f"已导入 {outcome.app_id} 版本 {outcome.version}：{outcome.records} 条记录，{outcome.history} 个历史版本",
        )
    )


_SHOWN = 50  # problems printed; a broken file of many records would otherwise flood the terminal


def _echo_error(error: ApiError, lang: str, *, file: str | None = None) -> None:
    """The error's code and message, then its problems, on standard error."""
    click.echo(f"{file + ': ' if file else ''}{error.code}: {error.message}", err=True)
    _echo_problems(error.problems, lang, err=True)


def _echo_problems(problems: list[dict], lang: str, *, err: bool = False) -> None:
    from builder.problems import Problem, Severity

    shown = [
        Problem(data["path"], data["code"], Severity(data["severity"]), data["message"]["en"], data["message"]["zh"])
        for data in problems[:_SHOWN]
    ]
    echo_problems(shown, lang, err=err)
    if len(problems) > _SHOWN:
        click.echo(
            _text(lang, f"... and {len(problems) - _SHOWN} more", f"……另有 {len(problems) - _SHOWN} 个问题"), err=err
        )


def _text(lang: str, english: str, chinese: str) -> str:
    return chinese if lang == "zh" else english


def register(main: click.Group) -> None:
    """Add the commands to the `dabble` group."""
    main.add_command(export_command)
    main.add_command(import_command)
