"""The semantic diff between two versions of an app (or a version and the draft), with the renames they applied."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session

from builder import DefinitionInvalid, parse_definition
from builder.diff import diff_definitions, render_text
from builder.model import AppDefinition
from builder.renames import Renames
from builder.service import store
from builder.service.errors import ApiError
from builder.service.platform_tables import AppRow

DRAFT = "draft"


def version_diff(session: Session, app: AppRow, first: str | None, second: str) -> dict[str, Any]:
    """?from=N (default: the live version) &to=M|draft: the changes as JSON and as zh/en text."""
    start = _version_number(first, "from") if first is not None else app.current_version
    end = DRAFT if second == DRAFT else _version_number(second, "to")
    old = _model(session, app, start) if start is not None else None
    new = _model(session, app, end)
    renames = _applied_renames(session, app, start, end) if start is not None and end != DRAFT else Renames()
    changes = diff_definitions(old or AppDefinition(id=new.id, label=new.label, entities=()), new, renames)
    return {
        "app": app.app_id,
        "from": start,
        "to": end,
        "changes": changes.to_json(),
        "text": {"zh": render_text(changes, "zh"), "en": render_text(changes, "en")},
    }


def _version_number(text: str, name: str) -> int:
    if not text.isdigit() or len(text) > 9:
        raise ApiError(400, "query.parameter", f"{name} is a version number. / {name} 应为版本号。")
    return int(text)


def _model(session: Session, app: AppRow, which: int | str) -> AppDefinition:
    """A version's (or the draft's) model; 422 for a draft that is not valid yet."""
    document = app.draft if which == DRAFT else store.version(session, app, int(which)).definition
    try:
        return parse_definition(document)
    except DefinitionInvalid as invalid:
        raise ApiError(
            422,
            "diff.invalid_definition",
            "The draft has errors; fix them to see its diff. / 草稿存在错误，修正后才能比较。",
            [problem.to_json() for problem in invalid.report.errors],
        ) from None


def _applied_renames(session: Session, app: AppRow, start: int, end: int) -> Renames:
    """The id renames the migrations of versions start+1..end applied, composed (none when going backwards)."""
    entities: dict[str, str] = {}  # original id → current id
    fields: dict[tuple[str, str], tuple[str, str]] = {}  # current (entity, field) → original (entity, field)
    for number in range(start + 1, end + 1):
        for step in store.version(session, app, number).migration:
            if step["kind"] == "rename_table":
                _rename_entity(entities, fields, step["from_entity"], step["entity"])
            elif step["kind"] == "rename_column":
                original = fields.pop((step["entity"], step["from_field"]), None)
                source = original or (_original_entity(entities, step["entity"]), step["from_field"])
                fields[(step["entity"], step["field"])] = source
    return Renames(
        entities={old: new for old, new in entities.items() if old != new},
        fields={original: current[1] for current, original in fields.items() if original[1] != current[1]},
    )


def _rename_entity(
    entities: dict[str, str], fields: dict[tuple[str, str], tuple[str, str]], old: str, new: str
) -> None:
    original = _original_entity(entities, old)
    entities[original] = new
    for current in [key for key in fields if key[0] == old]:
        fields[(new, current[1])] = fields.pop(current)


def _original_entity(entities: dict[str, str], current: str) -> str:
    return next((original for original, now in entities.items() if now == current), current)
