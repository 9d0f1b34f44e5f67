"""The export file: one JSON object, stable-sorted and indented so that equal states give equal bytes."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from builder.conditions.literals import LiteralError, parse_datetime
from builder.moments import utc_text
from builder.pointers import escape_token
from builder.problems import Problem
from runtime.portability.messages import ExportFileInvalid, file_problem

FORMAT_KEY = "dabble_export"
FORMAT_VERSION = 1
_KEYS = {FORMAT_KEY, "app", "definition", "revision", "live_version", "data", "history"}
_VERSION_KEYS = {"version", "author", "published_at", "message", "definition", "migration"}


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One published version of the exported app, as its history showed it."""

    version: int
    author: str
    published_at: datetime
    message: str
    definition: dict[str, Any]
    migration: list[Any]

    def to_json(self) -> dict[str, Any]:
        """The entry as the file holds it."""
        return {
            "version": self.version,
            "author": self.author,
            "published_at": utc_text(self.published_at),
            "message": self.message,
            "definition": self.definition,
            "migration": self.migration,
        }


@dataclass(frozen=True, slots=True)
class ExportFile:
    """What an export file holds: the app's draft, and optionally its records (by entity) and version history."""

    app_id: str
    definition: dict[str, Any]
    revision: int
    live_version: int | None
    data: dict[str, list[dict[str, Any]]] | None = None
    history: list[HistoryEntry] | None = None

    def to_json(self) -> dict[str, Any]:
        """The file's JSON object (records by id, versions by number)."""
        document: dict[str, Any] = {
            FORMAT_KEY: FORMAT_VERSION,
            "app": self.app_id,
            "definition": self.definition,
            "revision": self.revision,
            "live_version": self.live_version,
        }
        if self.data is not None:
            document["data"] = {
                entity: sorted(records, key=lambda record: record["id"]) for entity, records in self.data.items()
            }
        if self.history is not None:
            document["history"] = [entry.to_json() for entry in sorted(self.history, key=lambda entry: entry.version)]
        return document


def dump_export(export: ExportFile) -> str:
    """The file's text: sorted keys, two-space indent, UTF-8 characters as they are, a final newline."""
    return json.dumps(export.to_json(), sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def read_export(text: str | bytes) -> ExportFile:
    """The export a file's text holds; raise ExportFileInvalid naming every structural problem found."""
    try:
        document = json.loads(text)
    except (ValueError, UnicodeDecodeError) as error:
        raise ExportFileInvalid([file_problem("export_file.not_json", "", reason=str(error))]) from None
    if not isinstance(document, dict) or FORMAT_KEY not in document:
        raise ExportFileInvalid([file_problem("export_file.not_export", "")])
    if document[FORMAT_KEY] != FORMAT_VERSION:
        version = document[FORMAT_KEY]
        raise ExportFileInvalid([file_problem("export_file.version", f"/{FORMAT_KEY}", value=version, expected=1)])
    problems = [
        file_problem("export_file.unknown_key", "/" + escape_token(key), key=key)
        for key in sorted(set(document) - _KEYS)
    ]
    app_id = _required(document, "app", str, "a text", at="", problems=problems)
    definition = _required(document, "definition", dict, "an object", at="", problems=problems)
    revision = _required(document, "revision", int, "a whole number", at="", problems=problems)
    live_version = document.get("live_version")
    if live_version is not None and not _is_whole(live_version):
        problems.append(file_problem("export_file.type", "/live_version", expected="a whole number or null"))
    if definition is not None and app_id is not None and definition.get("id") != app_id:
        problems.append(
            file_problem("export_file.app_id", "/definition/id", value=definition.get("id"), expected=app_id)
        )
    data = _data(document["data"], problems) if "data" in document else None
    history = _history(document["history"], problems) if "history" in document else None
    if problems:
        raise ExportFileInvalid(problems)
    return ExportFile(app_id, definition, revision, live_version, data, history)


def _data(data: Any, problems: list[Problem]) -> dict[str, list[dict[str, Any]]] | None:
    """Records by entity id: each a list of objects (their values are checked against the definition later)."""
    if not isinstance(data, dict):
        problems.append(file_problem("export_file.type", "/data", expected="an object"))
        return None
    for entity, records in data.items():
        path = "/data/" + escape_token(entity)
        if not isinstance(records, list):
            problems.append(file_problem("export_file.type", path, expected="a list"))
            continue
        for index, record in enumerate(records):
            if not isinstance(record, dict):
                problems.append(file_problem("export_file.type", f"{path}/{index}", expected="an object"))
    return data


def _history(history: Any, problems: list[Problem]) -> list[HistoryEntry] | None:
    """The version history: objects with a number, author, time, message, definition and migration."""
    if not isinstance(history, list):
        problems.append(file_problem("export_file.type", "/history", expected="a list"))
        return None
    entries, seen = [], set()
    for index, raw in enumerate(history):
        path = f"/history/{index}"
        if not isinstance(raw, dict):
            problems.append(file_problem("export_file.type", path, expected="an object"))
            continue
        before = len(problems)
        problems += [
            file_problem("export_file.unknown_key", f"{path}/{escape_token(key)}", key=key)
            for key in sorted(set(raw) - _VERSION_KEYS)
        ]
        version = _required(raw, "version", int, "a whole number", at=path, problems=problems)
        author = _required(raw, "author", str, "a text", at=path, problems=problems)
        published = _required(raw, "published_at", str, "a moment (ISO 8601)", at=path, problems=problems)
        moment = _moment(published, path, problems)
        message = _required(raw, "message", str, "a text", at=path, problems=problems)
        definition = _required(raw, "definition", dict, "an object", at=path, problems=problems)
        migration = _required(raw, "migration", list, "a list", at=path, problems=problems)
        if version is not None and version in seen:
            problems.append(file_problem("export_file.duplicate_version", f"{path}/version", version=version))
        seen.add(version)
        if len(problems) == before:
            entries.append(HistoryEntry(version, author, moment, message, definition, migration))
    return entries


def _required(raw: dict[str, Any], key: str, kind: type, expected: str, *, at: str, problems: list[Problem]) -> Any:
    """raw[key] when it is of the kind; otherwise None, with a problem."""
    if key not in raw:
        problems.append(file_problem("export_file.missing", at, key=key))
        return None
    value = raw[key]
    if not isinstance(value, kind) or (kind is int and not _is_whole(value)):
        problems.append(file_problem("export_file.type", f"{at}/{key}", expected=expected))
        return None
    return value


def _moment(value: str | None, path: str, problems: list[Problem]) -> datetime | None:
    if value is None:
        return None
    try:
        return parse_datetime(value)
    except LiteralError:
        problems.append(file_problem("export_file.type", f"{path}/published_at", expected="a moment (ISO 8601)"))
        return None


def _is_whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)
