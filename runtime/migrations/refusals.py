"""When a publish is refused after its dry run: stored values that do not fit, or archiving not confirmed."""

from __future__ import annotations

from typing import Any

from builder.pointers import escape_token
from builder.service.errors import ApiError
from runtime.api_messages import api_problem
from runtime.migrations.reports import StepReport


def refuse_unless_allowed(reports: list[StepReport], *, confirmed: bool) -> None:
    """Raise 409 when a step is blocked by stored values, or archives data without confirmation."""
    blocked = [report for report in reports if report.blocked]
    if blocked:
        raise ApiError(
            409,
            "publish.migration_blocked",
            "Some stored values do not fit the new version. / 部分已存数据不符合新版本。",
            [_blocked_problem(report) for report in blocked],
        )
    archiving = [report for report in reports if report.step.destructive]
    if archiving and not confirmed:
        raise ApiError(
            409,
            "publish.confirmation_required",
            "This publish archives fields or entities; confirm to go ahead. / 本次发布会归档字段或实体，请确认后继续。",
            [_archive_problem(report) for report in archiving],
        )


def _blocked_problem(report: StepReport) -> dict[str, Any]:
    """Stored values of one field that the new version cannot hold, with examples."""
    step = report.step
    path = f"/entities/{escape_token(step.entity)}/fields/{escape_token(step.field)}"
    found = {"entity": step.entity, "field": step.field, "examples": report.examples}
    if step.kind == "add_unique":
        return api_problem("migration.duplicate_values", path, duplicates=report.failures, **found).to_json()
    if step.kind == "require_values":
        return api_problem("migration.missing_values", path, missing=report.failures, **found).to_json()
    problem = api_problem(
        "migration.conversion_failed", path, source_field=step.source_field, failures=report.failures, **found
    )
    return problem.to_json()


def _archive_problem(report: StepReport) -> dict[str, Any]:
    """What an archiving step would keep aside, for the user to confirm."""
    step = report.step
    path = f"/entities/{escape_token(step.entity)}"
    if step.source_field:
        path += f"/fields/{escape_token(step.source_field)}"
    archived = {"entity": step.entity, "rows": report.rows} | (
        {"field": step.source_field} if step.source_field else {}
    )
    return api_problem(f"migration.{step.kind}", path, **archived).to_json()
