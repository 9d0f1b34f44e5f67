"""The one access layer every record read and write asks: row scopes per operation and field visibility per record."""

# A user's rows are those some role of theirs grants (scope, and the permission's `where`), plus
# records shared with them or given them to approve, for reading. Fields above `everyone` are
# masked per row: reads go through a subquery where a value the user may not see is NULL, so
# filters, sorts, searches and counts over it cannot reveal it; the API then leaves such fields
# out of the record.

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import ColumnElement, FromClause, and_, case, exists, false, not_, null, or_, select, true

from builder.model import Permission, Scope, Visibility
from runtime.identity.actor import Actor
from runtime.live_apps import LiveApp
from runtime.records.narrowing import LEVEL_ORDER, NARROWING
from runtime.records.shares import shared_with
from runtime.storage.sql_conditions import condition_clause
from runtime.storage.tables import EntityStorage
from runtime.workflows.tables import approver_of

# A column of source(): whether the user sees the field of that name on the record (field ids never start with '_').
SEES = "_sees_"


@dataclass(frozen=True, slots=True)
class RecordAccess:
    """What one user may do with the records of one live app version."""

    user: Actor
    live: LiveApp
    dialect: str

    @property
    def actor(self) -> str:
        """The user name written as owner and author of changes."""
        return self.user.username

    @property
    def unrestricted(self) -> bool:
        """Whether the user sees every record and field (a platform administrator)."""
        return self.user.is_admin

    def may(self, storage: EntityStorage, operation: str) -> bool:
        """Whether some role of the user grants the operation on some records of the entity."""
        return self.unrestricted or any(
            getattr(grant, operation) is not Scope.NONE for grant in self._grants(storage.entity.id)
        )

    def row_filter(self, storage: EntityStorage, operation: str = "read") -> ColumnElement[bool] | None:
        """A condition on the records the user may touch by an operation; None when every record."""
        if self.unrestricted:
            return None
        clauses = [self._grant_clause(storage, grant, operation) for grant in self._grants(storage.entity.id)]
        if operation == "read":
            clauses.append(self._collaborating(storage))
        return or_(false(), *clauses)

    def source(self, storage: EntityStorage) -> FromClause:
        """The records the user may read, with each value they may not see on a record replaced by NULL."""
        table = storage.table
        scope = self.row_filter(storage)
        if scope is None:
            return table
        visible = self._visible_clauses(storage)
        columns = [case((visible[c.name], c), else_=null()).label(c.name) if c.name in visible else c for c in table.c]
        flags = [clause.label(SEES + name) for name, clause in visible.items()]
        return select(*columns, *flags).where(scope).subquery("readable")

    @staticmethod
    def visibility_flags(readable: FromClause) -> tuple[str, ...]:
        """The columns of source() saying, per record, whether the user sees a field."""
        return tuple(column.name for column in readable.c if column.name.startswith(SEES))

    @staticmethod
    def hidden_in(row: Mapping[str, Any], flags: tuple[str, ...]) -> frozenset[str]:
        """The fields of a row read through source() that the user may not see on that record."""
        return frozenset(name[len(SEES) :] for name in flags if not row[name])

    def _visible_clauses(self, storage: EntityStorage) -> dict[str, ColumnElement[bool]]:
        """For each field that may be hidden, the condition on a record under which the user sees it."""
        table = storage.table
        is_owner = table.c.owner == self.actor
        is_supervisor = or_(is_owner, table.c.owner.in_(sorted(self.user.direct_reports)))
        shared = self._collaborating(storage)
        by_level = {
            Visibility.EVERYONE: true(),
            Visibility.COLLABORATORS: or_(is_supervisor, shared),
            Visibility.SUPERVISOR: is_supervisor,
            Visibility.OWNER: is_owner,
        }
        clauses = {}
        for field in storage.entity.fields:
            if field.owner_may_narrow:
                clauses[field.id] = self._narrowable(storage, field.id, field.visibility, by_level)
            elif field.visibility is not Visibility.EVERYONE:
                clauses[field.id] = by_level[field.visibility]
        return clauses

    def _collaborating(self, storage: EntityStorage) -> ColumnElement[bool]:
        """Records shared with the user, or that the user approves (or approved): they read them as collaborators."""
        table, number, entity_id = storage.table, self.live.number, storage.entity.id
        return or_(
            table.c.id.in_(shared_with(number, entity_id, self.actor)),
            table.c.id.in_(approver_of(number, entity_id, self.actor)),
        )

    def _narrowable(
        self, storage: EntityStorage, field_id: str, level: Visibility, by_level: dict[Visibility, ColumnElement[bool]]
    ) -> ColumnElement[bool]:
        """Visible at the field's level, and at the narrower level its owner set on the record, if any."""
        narrowed = NARROWING.c
        same = and_(
            narrowed.app_number == self.live.number,
            narrowed.entity == storage.entity.id,
            narrowed.record_id == storage.table.c.id,
            narrowed.field == field_id,
        )
        set_at = {
            other: exists().where(same, narrowed.level == other.value)
            for other in LEVEL_ORDER[LEVEL_ORDER.index(level) + 1 :]
        }
        refused = [and_(test, not_(by_level[other])) for other, test in set_at.items()]
        return and_(by_level[level], *(not_(clause) for clause in refused))

    def _grants(self, entity_id: str) -> list[Permission]:
        """The permissions on the entity of the roles the user holds in this app."""
        roles = self.user.roles(self.live.app_id)
        return [grant for grant in self.live.permissions.get(entity_id, ()) if grant.role in roles]

    def _grant_clause(self, storage: EntityStorage, grant: Permission, operation: str) -> ColumnElement[bool]:
        """The records one permission grants for an operation: its scope, and its `where`."""
        owner = storage.table.c.owner
        scope = getattr(grant, operation)
        members = {
            Scope.OWN: {self.actor},
            Scope.TEAM: self.user.team | {self.actor},
            Scope.DEPARTMENT: self.user.department_members | {self.actor},
        }
        if scope is Scope.NONE:
            return false()
        clause = true() if scope is Scope.ALL else owner.in_(sorted(members[scope]))
        if grant.where is None:
            return clause
        model = self.live.model
        where = condition_clause(
            grant.where,
            storage,
            model.definition,
            dialect=self.dialect,
            now=datetime.now(UTC),
            timezone=self.live.timezone,
        )
        return and_(clause, where)
