"""The drafts and versions store: apps with a draft definition, and their immutable published versions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from builder.identifiers import identifier_format_problem, is_reserved_word
from builder.problems import make_problem
from builder.service.errors import ApiError
from builder.service.platform_tables import AppRow, AppVersionRow, utc_now


def create_app(session: Session, document: Any, actor: str) -> AppRow:
    """Store a new app whose draft is `document`; its id comes from the document (409 when taken)."""
    app_id = _app_id(document)
    row = AppRow(app_id=app_id, created_by=actor, draft=document, draft_updated_by=actor)
    session.add(row)
    try:
        session.flush()  # the INSERT comes first, so the unique app id decides races between creators
    except IntegrityError:
        message = f"An app with id '{app_id}' already exists. / 应用“{app_id}”已存在。"
        raise ApiError(409, "app.exists", message) from None
    return row


def get_app(session: Session, app_id: str, *, for_update: bool = False) -> AppRow:
    """An app by id; 404 when there is none."""
    row = find_app(session, app_id, for_update=for_update)
    if row is None:
        raise app_not_found(app_id)
    return row


def find_app(session: Session, app_id: str, *, for_update: bool = False) -> AppRow | None:
    """An app by id, or None."""
    query = select(AppRow).where(AppRow.app_id == app_id)
    return session.exec(query.with_for_update() if for_update else query).first()


def app_not_found(app_id: str) -> ApiError:
    """The 404 of an app that does not exist."""
    return ApiError(404, "app.not_found", f"There is no app '{app_id}'. / 应用“{app_id}”不存在。")


def list_apps(session: Session) -> list[AppRow]:
    """Every app, by id."""
    return list(session.exec(select(AppRow).order_by(AppRow.app_id)))


def update_draft(session: Session, app_id: str, document: Any, actor: str, revision: int | None) -> AppRow:
    """Replace an app's draft; `revision`, when given, must be the current one (else 409)."""
    check_draft_id(document, app_id)
    match = [AppRow.app_id == app_id] + ([AppRow.draft_revision == revision] if revision is not None else [])
    # The UPDATE comes first: on SQLite a write that follows a read in the same transaction can fail
    # (SQLITE_BUSY_SNAPSHOT) when another writer committed in between; a first write waits its turn.
    changed = session.execute(
        update(AppRow)
        .where(*match)
        .values(
            draft=document,
            draft_revision=AppRow.draft_revision + 1,
            draft_updated_at=utc_now(),
            draft_updated_by=actor,
        )
        .execution_options(synchronize_session=False)
    )
    row = session.exec(select(AppRow).where(AppRow.app_id == app_id).execution_options(populate_existing=True)).first()
    if row is None:
        raise app_not_found(app_id)
    if changed.rowcount == 0:
        check_revision(row, revision)
    return row


def check_revision(app: AppRow, revision: int | None) -> None:
    """409 unless `revision` (when given) is the draft's current revision."""
    if revision is not None and revision != app.draft_revision:
        raise ApiError(
            409,
            "draft.stale",
            f"The draft changed since revision {revision} (now {app.draft_revision}); reload it. "
            f"/ 草稿已被修改（当前版本 {app.draft_revision}），请重新加载。",
        )


def check_draft_id(document: Any, app_id: str) -> None:
    """422 unless the document's id is the app's id (a draft cannot move to another app)."""
    if _app_id(document) != app_id:
        raise ApiError(
            422,
            "draft.app_id_changed",
            "The draft's id must stay the app's id. / 草稿的标识必须与应用标识一致。",
            [make_problem("schema.const", "/id", value=document.get("id"), expected=app_id).to_json()],
        )


@dataclass(frozen=True, slots=True)
class VersionSummary:
    """A published version as a listing shows it: without its definition and migration."""

    version: int
    status: str  # "published" for the live version, "superseded" for the others
    author: str
    message: str
    published_at: datetime

    @classmethod
    def of(cls, row: Any, app: AppRow) -> VersionSummary:
        """The summary of a version row (or of a row of its listed columns)."""
        status = "published" if row.version == app.current_version else "superseded"
        return cls(row.version, status, row.author, row.message, row.published_at)


_LISTED = (AppVersionRow.version, AppVersionRow.author, AppVersionRow.message, AppVersionRow.published_at)


def versions(session: Session, app: AppRow) -> list[VersionSummary]:
    """The published versions of an app, oldest first."""
    query = select(*_LISTED).where(AppVersionRow.app_number == app.number).order_by(AppVersionRow.version)
    return [VersionSummary.of(row, app) for row in session.exec(query)]


def version(session: Session, app: AppRow, number: int) -> AppVersionRow:
    """One published version; 404 when there is none."""
    query = select(AppVersionRow).where(AppVersionRow.app_number == app.number, AppVersionRow.version == number)
    row = session.exec(query).first()
    if row is None:
        raise ApiError(
            404, "version.not_found", f"App '{app.app_id}' has no version {number}. / 应用没有版本 {number}。"
        )
    return row


def next_version_number(session: Session, app: AppRow) -> int:
    """The number the next published version of an app gets."""
    latest = session.exec(select(func.max(AppVersionRow.version)).where(AppVersionRow.app_number == app.number)).one()
    return (latest or 0) + 1


def add_version(
    session: Session,
    app: AppRow,
    number: int,
    definition: dict[str, Any],
    *,
    author: str,
    message: str,
    migration: list[dict[str, Any]],
) -> AppVersionRow:
    """Record version `number` as published and make it the live one."""
    row = AppVersionRow(
        app_number=app.number,
        version=number,
        definition=definition,
        message=message,
        author=author,
        migration=migration,
    )
    app.current_version = number
    session.add_all([row, app])
    session.flush()
    return row


def _app_id(document: Any) -> str:
    """The app id of a definition document; 422 unless it is a usable identifier."""
    app_id = document.get("id") if isinstance(document, dict) else None
    code = identifier_format_problem(app_id)
    if code is None and is_reserved_word(app_id):
        code = "id.reserved_word"
    if code is not None:
        problem = make_problem(code, "/id", id=app_id if isinstance(app_id, str) else "", limit=40, expected="string")
        raise ApiError(
            422,
            "definition.invalid_app_id",
            "A definition needs a valid app id to be stored. / 应用定义需要有效的应用标识才能保存。",
            [problem.to_json()],
        )
    return app_id
