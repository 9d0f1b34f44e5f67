"""Publishing: validate the draft, plan and dry-run its migration, apply it and record the version."""

# Everything happens in one database transaction: a failed step leaves the previous version live
# and no half-applied migration behind. A publish holds the app's lock alone (runtime.database.lock_app)
# while record transactions share it, and SQLite has one writer, so the records the dry run read stay
# as they are until the publish commits.

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, Engine
from sqlmodel import Session

from builder import OrgDirectory, parse_definition, validate_definition
from builder.model import AppDefinition
from builder.service import store
from builder.service.errors import ApiError
from builder.service.platform_tables import AppRow
from builder.service.publishing import PublishRequest
from runtime.database import lock_app, refresh_statistics, transaction
from runtime.events.announce import announce
from runtime.events.model import ChangeEvent, EventKind
from runtime.identity.org_directory import org_directory
from runtime.migrations.execute import MigrationRun
from runtime.migrations.plan import MigrationPlan, plan_migration, renames_from_json
from runtime.migrations.refusals import refuse_unless_allowed
from runtime.migrations.reports import StepReport
from runtime.review.policy import review_required
from runtime.review.submission import submit_for_review
from runtime.storage.tables import table_name


class RuntimePublisher:
    """The runtime's publisher (see builder.service.publishing.Publisher)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def publish(self, request: PublishRequest) -> dict[str, Any]:
        """Publish the draft or the request's definition (dry_run: only plan it; an app under review: submit it)."""
        with transaction(self.engine, write=not request.dry_run) as connection:
            if not request.dry_run and review_required(connection, request.app_id):
                return submit_for_review(connection, self, request)
            return self.publish_in(connection, request)

    def publish_in(
        self, connection: Connection, request: PublishRequest, *, as_draft: bool | None = None
    ) -> dict[str, Any]:
        """Publish within the caller's transaction (an import adds the app and its data in the same one).

        A published definition becomes the draft too, unless `as_draft` says otherwise (an approved review).
        """
        planned = self.plan_in(connection, request)
        if request.dry_run:
            return planned.preview
        as_draft = request.definition is not None if as_draft is None else as_draft
        return planned.apply(request, as_draft=as_draft)

    def plan_in(self, connection: Connection, request: PublishRequest) -> PlannedPublish:
        """Validate, plan and dry-run a publish within the caller's transaction, without applying it."""
        renames = renames_from_json(request.renames)
        if not request.dry_run:
            lock_app(connection, request.app_id, exclusive=True)
        session = Session(bind=connection)
        app = _app(session, request)
        document = app.draft if request.definition is None else request.definition
        new, warnings = valid_model(document, org_directory(connection, request.app_id))
        old = live_model(session, app)
        plan = plan_migration(old, new, renames)
        if app is None:  # a preview of an app not created yet: every step creates a table, nothing to read
            number, run, reports = 1, None, [StepReport(step) for step in plan.steps]
        else:
            number = store.next_version_number(session, app)
            run = MigrationRun(
                connection,
                app.number,
                old,
                new,
                version=number,
                timezone=ZoneInfo(new.timezone),
                handlings=request.on_failure,
            )
            reports = run.dry_run(plan)
        version = PlannedVersion(app, number, document, plan, reports, warnings)
        return PlannedPublish(version, session, run, version.preview(request.app_id))


@dataclass(frozen=True)
class PlannedPublish:
    """A publish planned and dry-run in an open transaction: its preview, ready to be applied."""

    version: PlannedVersion
    session: Session
    run: MigrationRun | None
    preview: dict[str, Any]

    def apply(self, request: PublishRequest, *, as_draft: bool) -> dict[str, Any]:
        """Apply it (ApiError when refused), checking the draft revision the app had when it was planned."""
        app = self.version.app
        return self.version.apply(
            self.session, self.run, self.preview, request, as_draft=as_draft, expected_revision=app.draft_revision
        )


@dataclass(frozen=True)
class PlannedVersion:
    """The next version of an app with its migration planned and dry-run: previewed, then applied or refused."""

    app: AppRow | None
    number: int
    document: dict[str, Any]
    plan: MigrationPlan
    reports: list[StepReport]
    warnings: list[dict[str, Any]]

    def preview(self, app_id: str) -> dict[str, Any]:
        """What publishing would do: the version, the plan with its dry-run findings, the warnings."""
        return {
            "app": app_id,
            "version": self.number,
            "revision": self.app.draft_revision if self.app else None,
            "published": False,
            "destructive": self.plan.destructive,
            "plan": [report.to_json() for report in self.reports],
            "warnings": self.warnings,
        }

    def apply_draft(self, session: Session, request: PublishRequest, expected_revision: int | None) -> AppRow:
        """Make the planned definition the app's draft (409 when the draft moved past `expected_revision`)."""
        return store.update_draft(session, self.app.app_id, self.document, request.actor, expected_revision)

    def apply(
        self, session: Session, run, preview: dict[str, Any], request, *, as_draft: bool, expected_revision: int | None
    ) -> dict[str, Any]:
        """Refuse (ApiError) or apply the plan and store the version (and, as_draft, its definition as the draft)."""
        refuse_unless_allowed(self.reports, confirmed=request.confirm)
        app = self.apply_draft(session, request, expected_revision) if as_draft else self.app
        run.apply(self.reports)
        tables = [table_name(app.number, entity["id"]) for entity in self.document["entities"]]
        refresh_statistics(session.connection(), tables)  # new tables and indexes need planner statistics at once
        store.add_version(
            session,
            app,
            self.number,
            self.document,
            author=request.actor,
            message=request.message,
            migration=preview["plan"],
        )
        announce(session.connection(), ChangeEvent(kind=EventKind.VERSION, app_id=app.app_id, version=self.number))
        return preview | {"published": True, "revision": app.draft_revision}


def _app(session: Session, request: PublishRequest) -> AppRow | None:
    """The app, locked for a publish, with the draft revision the caller expects; None only to preview a new app."""
    app = store.find_app(session, request.app_id, for_update=not request.dry_run)
    if app is not None:
        store.check_revision(app, request.revision)
    elif not (request.dry_run and request.definition is not None and request.revision is None):
        raise store.app_not_found(request.app_id)
    if request.definition is not None:
        store.check_draft_id(request.definition, request.app_id)
    return app


def valid_model(document: Any, directory: OrgDirectory | None = None) -> tuple[AppDefinition, list[dict[str, Any]]]:
    """The model of a definition and its warnings (checked against the org chart when given); 422 on errors."""
    report = validate_definition(document, directory)
    if not report.is_valid:
        raise ApiError(
            422,
            "publish.invalid_definition",
            "The definition has errors; fix them before publishing. / 应用定义存在错误，请修正后再发布。",
            [problem.to_json() for problem in report.errors],
        )
    return report.model, [problem.to_json() for problem in report.warnings]


def live_model(session: Session, app: AppRow | None) -> AppDefinition | None:
    """The model of the live version; None before the first publish."""
    if app is None or app.current_version is None:
        return None
    return parse_definition(store.version(session, app, app.current_version).definition)
