"""Rollback: publish an earlier version's definition as the next version, bringing archived data back."""

# A rollback is a publish of the target's definition (same planner, dry run, refusals and one
# transaction), whose plan restores archived columns and tables instead of starting them empty.

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, Engine
from sqlmodel import Session

from builder import parse_definition
from builder.model import AppDefinition
from builder.service import store
from builder.service.errors import ApiError
from builder.service.publishing import ON_FAILURE, is_revision
from runtime.database import lock_app, transaction
from runtime.identity.org_directory import org_directory
from runtime.migrations.plan import plan_migration
from runtime.migrations.restore_run import RollbackRun
from runtime.migrations.restores import plan_restores
from runtime.publisher import PlannedVersion, live_model, valid_model


@dataclass(frozen=True, slots=True)
class RollbackRequest:
    """Publish version `version` of an app again as its next version (with dry_run only plan it)."""

    app_id: str
    actor: str
    version: int
    message: str = ""
    confirm: bool = False
    dry_run: bool = False
    on_failure: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_json(cls, app_id: str, actor: str, body: Any) -> RollbackRequest:
        """Read the JSON body of POST /api/apps/<app>/rollback."""
        if not isinstance(body, dict):
            raise _invalid("The request body must be a JSON object. / 请求体必须是 JSON 对象。")
        unknown = set(body) - {"version", "message", "confirm", "dry_run", "on_failure"}
        if unknown:
            raise _invalid(f"Unknown option(s): {', '.join(sorted(unknown))}. / 未知选项。")
        if not is_revision(body.get("version")) or body["version"] < 1:
            raise _invalid("version is the number of a published version. / version 应为已发布版本号。")
        message, on_failure = body.get("message", ""), body.get("on_failure", {})
        if not isinstance(message, str) or len(message) > 1000:
            raise _invalid("message is a text of at most 1000 characters. / 说明过长。")
        if not isinstance(on_failure, dict) or any(value not in ON_FAILURE for value in on_failure.values()):
            raise _invalid('on_failure maps "entity.field" to "fail" or "clear". / on_failure 取值为 fail 或 clear。')
        for flag in ("confirm", "dry_run"):
            if not isinstance(body.get(flag, False), bool):
                raise _invalid(f"{flag} is true or false. / {flag} 应为布尔值。")
        return cls(
            app_id=app_id,
            actor=actor,
            version=body["version"],
            message=message or f"Rollback to version {body['version']}",
            confirm=body.get("confirm", False),
            dry_run=body.get("dry_run", False),
            on_failure=dict(on_failure),
        )


def roll_back(engine: Engine, request: RollbackRequest) -> dict[str, Any]:
    """Roll back in a transaction of its own; raise ApiError when refused (nothing changes then)."""
    with transaction(engine, write=not request.dry_run) as connection:
        return roll_back_in(connection, request)


def roll_back_in(connection: Connection, request: RollbackRequest) -> dict[str, Any]:
    """Plan, dry-run and (unless dry_run) apply the rollback within the caller's transaction."""
    if not request.dry_run:
        lock_app(connection, request.app_id, exclusive=True)
    session = Session(bind=connection)
    app = store.get_app(session, request.app_id, for_update=not request.dry_run)
    document = store.version(session, app, request.version).definition
    new, warnings = valid_model(document, org_directory(connection, request.app_id))
    old = live_model(session, app)

    @cache
    def definitions(number: int) -> AppDefinition:
        return parse_definition(store.version(session, app, number).definition)

    plan = plan_restores(connection, app.number, definitions, new, plan_migration(old, new))
    number = store.next_version_number(session, app)
    run = RollbackRun(
        connection, app.number, old, new, version=number, timezone=ZoneInfo(new.timezone), handlings=request.on_failure
    )
    reports = run.dry_run(plan)
    version = PlannedVersion(app, number, document, plan, reports, warnings)
    preview = version.preview(request.app_id) | {"rolled_back_to": request.version}
    if request.dry_run:
        return preview
    return version.apply(session, run, preview, request, as_draft=True, expected_revision=None)


def _invalid(message: str) -> ApiError:
    return ApiError(400, "rollback.invalid_request", message)
