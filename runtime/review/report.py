"""What an IT reviewer sees of a request: the diff, the validation report, the plan with dry-run counts, the matrix."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlmodel import Session

from builder import validate_definition
from builder.diff import diff_definitions, render_text
from builder.model import AppDefinition
from builder.permission_matrix import permission_matrix
from builder.service.errors import ApiError
from builder.service.platform_tables import AppRow
from builder.service.publishing import PublishRequest
from builder.service.review_tables import ReviewRequestRow, ReviewStatus
from runtime.migrations.plan import renames_from_json
from runtime.publisher import live_model

if TYPE_CHECKING:
    from runtime.publisher import RuntimePublisher


def review_report(session: Session, publisher: RuntimePublisher, app: AppRow, row: ReviewRequestRow) -> dict[str, Any]:
    """The request's definition against the live version: diff (JSON and zh/en text), validation, plan, matrix."""
    report = validate_definition(row.definition)
    result: dict[str, Any] = {"validation": report.to_json(), "definition": row.definition}
    if not report.is_valid:  # cannot happen for a stored request unless the language changed since: say so
        return result | {"diff": None, "plan": None, "permission_matrix": None}
    new = report.model
    old = live_model(session, app)
    renames = renames_from_json(row.options.get("renames"))
    changes = diff_definitions(old or _empty_like(new), new, renames)
    result["diff"] = {
        "base_version": app.current_version,
        "changes": changes.to_json(),
        "text": {"zh": render_text(changes, "zh"), "en": render_text(changes, "en")},
    }
    result["permission_matrix"] = permission_matrix(new)
    result["plan"] = _plan(publisher, app.app_id, row) if row.status == ReviewStatus.PENDING else None
    return result


def _plan(publisher: RuntimePublisher, app_id: str, row: ReviewRequestRow) -> dict[str, Any]:
    """The migration plan as it would run now, dry-run against the live data (counts, failures, examples)."""
    options = row.options
    dry_run = PublishRequest(
        app_id=app_id,
        actor=row.author,
        renames=options.get("renames") or {},
        on_failure=options.get("on_failure") or {},
        dry_run=True,
        definition=row.definition,
    )
    try:
        return publisher.publish(dry_run)
    except ApiError as error:  # the plan is refused now (the data changed since): show why instead of the counts
        return {"refused": error.body()["error"]}


def _empty_like(model: AppDefinition) -> AppDefinition:
    """An app with the same id and nothing in it: what a first version is compared with."""
    return AppDefinition(id=model.id, label=model.label, entities=())
