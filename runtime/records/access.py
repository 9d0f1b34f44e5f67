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
from sqlalchemy.sql.elements import False_

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
        """A condition on the records the user may touch by an operation; None when every record (administrators)."""
        if self.unrestricted:
            return None
        if self._every_record(storage, operation):
            return true()
        return or_(false(), *self._arms(storage, operation))

    def source(self, storage: EntityStorage) -> FromClause:
        """The records the user may read, with each value they may not see on a record replaced by NULL."""
        if self.unrestricted:
            return storage.table
        masked = self._masked(storage)
        every_record = self._every_record(storage, "read")
        if every_record and masked is None:
            return storage.table
        readable = masked if masked is not None else select(storage.table)
        # No WHERE when every record is readable: a constant one keeps SQLite from using partial indexes
        return (readable if every_record else readable.where(self.row_filter(storage))).subquery("readable")

    def source_parts(self, storage: EntityStorage) -> list[FromClause]:
        """The readable records (as source() gives them) cut into parts no record is in twice, for aggregates.

        Each part is one way the user reads records (a role's scope, being a collaborator) minus the ways
        before it: a plain condition an index serves, where the whole (an OR of them) makes databases
        visit the table row by row. Counts and sums over the parts add up to those over source().
        """
        if self.unrestricted or self._every_record(storage, "read"):
            return [self.source(storage)]
        arms = [arm for arm in self._arms(storage, "read") if not isinstance(arm, False_)]
        readable = self._masked(storage)
        readable = readable if readable is not None else select(storage.table)
        return [
            readable.where(arm, *(not_(earlier) for earlier in arms[:index])).subquery(f"readable_{index}")
            for index, arm in enumerate(arms)
        ]

    def _arms(self, storage: EntityStorage, operation: str) -> list[ColumnElement[bool]]:
        """Each way the user may touch records by the operation: a role's scope, and collaborating (reading)."""
        clauses = [self._grant_clause(storage, grant, operation) for grant in self._grants(storage.entity.id)]
        return [*clauses, self._collaborating(storage)] if operation == "read" else clauses

    def _masked(self, storage: EntityStorage):
        """The table's columns with values the user may not see on a record NULL, and the visibility flags; None
        when no field may be hidden from anyone."""
        visible = self._visible_clauses(storage)
        if not visible:
            return None
        table = storage.table
        columns = [case((visible[c.name], c), else_=null()).label(c.name) if c.name in visible else c for c in table.c]
        return select(*columns, *(clause.label(SEES + name) for name, clause in visible.items()))

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
        if not any(
            field.owner_may_narrow or field.visibility is not Visibility.EVERYONE for field in storage.entity.fields
        ):
            return {}  # every field is everyone's: nothing to build
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

    def reads_every_record(self, storage: EntityStorage) -> bool:
        """Whether the user may read every record of the entity (as an administrator or through a role)."""
        return self.unrestricted or self._every_record(storage, "read")

    def _every_record(self, storage: EntityStorage, operation: str) -> bool:
        """Whether some role of the user grants the operation on every record of the entity, without a `where`."""
        return any(
            getattr(grant, operation) is Scope.ALL and grant.where is None for grant in self._grants(storage.entity.id)
        )

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
