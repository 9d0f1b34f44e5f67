"""Reading and writing the records of one entity: validation, refs, uniqueness, computed fields, audit."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Row, select
from sqlalchemy.exc import IntegrityError

from builder.identifiers import SYSTEM_COLUMNS
from builder.model import SYSTEM_FIELDS, FieldType
from builder.model.common import Label
from builder.moments import utc_text
from builder.service.errors import ApiError
from runtime.api_messages import api_problem
from runtime.database import violated_unique_index
from runtime.live_apps import LiveApp, LiveEntity
from runtime.records.access import RecordAccess
from runtime.records.audit import AUDIT_HISTORY
from runtime.records.queries import ListQuery, list_statements
from runtime.records.write_events import WriteAction, WriteListener
from runtime.records.write_log import announce_write, audit_write
from runtime.storage.computed import computed_values


class Records:
    """The records of one entity of one live app version, as seen by one user."""

    def __init__(
        self,
        connection: Connection,
        live: LiveApp,
        entity: LiveEntity,
        access: RecordAccess,
        listeners: tuple[WriteListener, ...] = (),
    ) -> None:
        self.connection = connection
        self.listeners = listeners
        self.live = live
        self.entity = entity
        self.access = access
        self.codecs = entity.storage.codecs
        self._shown = tuple(
            (field.id, self.codecs[field.id]) for field in (*SYSTEM_FIELDS, *entity.storage.entity.fields)
        )
        self.readable = access.source(entity.storage)  # the rows the user may read, values they may not see masked
        self._flags = access.visibility_flags(self.readable)

    # -- reading -----------------------------------------------------------------------------------

    def get(self, record_id: int) -> dict[str, Any]:
        """One live record; 404 when it does not exist, was deleted or may not be read."""
        return self.to_json(self.row(record_id))

    def list(self, query: ListQuery) -> dict[str, Any]:
        """One page of records with the total count."""
        self.require("read")
        page, total = list_statements(self.readable, query)
        items = [self.to_json(row) for row in self.connection.execute(page)]
        return {
            "items": items,
            "total": self.connection.execute(total).scalar_one(),
            "page": query.page,
            "page_size": query.page_size,
        }

    def hidden_on(self, record_id: int) -> frozenset[str]:
        """The fields of a record (deleted or not) the user may not see on it; 404 when they may not read it."""
        return self._hidden(self.row(record_id, include_deleted=True)._mapping)

    def history(self, record_id: int) -> dict[str, Any]:
        """Every write to a record (deleted ones included), oldest first."""
        hidden = self.hidden_on(record_id)
        rows = self.connection.execute(
            AUDIT_HISTORY, {"app_number": self.live.number, "entity": self.entity.id, "record_id": record_id}
        )
        items = [
            {
                "action": row.action,
                "actor": row.actor,
                "at": utc_text(row.at),
                "version": row.version,
                "changes": {name: change for name, change in row.changes.items() if name not in hidden},
            }
            for row in rows
        ]
        return {"items": items}

    def to_json(self, row: Row) -> dict[str, Any]:
        """A row read through the access layer as the API returns it (fields the user may not see left out)."""
        mapping = row._mapping
        if not self._flags:
            record = {name: codec.to_json(mapping[name]) for name, codec in self._shown}
        else:
            hidden = self._hidden(mapping)
            record = {name: codec.to_json(mapping[name]) for name, codec in self._shown if name not in hidden}
        record["row_version"] = mapping["row_version"]
        return record

    # -- writing -----------------------------------------------------------------------------------

    def create(self, body: Any) -> dict[str, Any]:
        """Validate and store a new record owned by the actor."""
        self.require("create")
        values = self.entity.validator.for_create(body)
        stored = {name: value for name, value in self.entity.defaults.items() if name not in values}
        stored |= self._stored(values)
        self._check_references(stored)
        stored |= self._computed(stored)
        now = datetime.now(UTC)
        actor = self.access.actor
        system = {
            "owner": actor,
            "created_at": now,
            "created_by": actor,
            "updated_at": now,
            "updated_by": actor,
            "row_version": 1,
            "workflow_state": "draft",
        }
        row = self._write(self.entity.statements.insert, system | stored)
        self._check_granted(row.id, "create")
        self._audit(
            row.id,
            "create",
            {name: [None, self.codecs[name].to_json(value)] for name, value in stored.items() if value is not None},
        )
        row = self._announce(WriteAction.CREATE, None, row)
        return self._seen(row)

    def update(self, record_id: int, body: Any) -> dict[str, Any]:
        """Change fields of a record at the given row_version (409 when another change came first)."""
        row_version, values = self.entity.validator.for_update(body)
        seen = self.row(record_id)
        self._check_granted(record_id, "update")
        self._check_visible(seen, values)
        current = self._raw(record_id)
        self._check_version(current, row_version)
        stored = self._stored(values)
        self._check_references(stored)
        merged = {name: current._mapping[name] for name in self.codecs if name not in SYSTEM_COLUMNS} | stored
        stored |= self._computed(merged)
        pairs = {
            name: [self.codecs[name].to_json(current._mapping[name]), self.codecs[name].to_json(value)]
            for name, value in stored.items()
        }
        changes = {name: pair for name, pair in pairs.items() if pair[0] != pair[1]}  # JSON forms: like with like
        parameters = stored | {
            "_record_id": record_id,
            "_row_version": row_version,
            "row_version": row_version + 1,
            "updated_at": datetime.now(UTC),
            "updated_by": self.access.actor,
        }
        row = self._write(self.entity.statements.update_live, parameters, record_id=record_id)
        self._check_granted(record_id, "update")  # the changed record must still be one the user may update
        if changes:
            self._audit(record_id, "update", changes)
        row = self._announce(WriteAction.UPDATE, current, row)
        return self._seen(row)

    def delete(self, record_id: int, row_version: int | None) -> None:
        """Mark a record deleted (it stays stored and can be restored)."""
        current = self.row(record_id)
        self._check_granted(record_id, "delete")
        if row_version is not None:
            self._check_version(current, row_version)
        before = self._stored_row(record_id)
        row = self._set_deleted(record_id, current.row_version, datetime.now(UTC))
        self._audit(record_id, "delete", {})
        self._announce(WriteAction.DELETE, before, row)

    def restore(self, record_id: int) -> dict[str, Any]:
        """Bring a deleted record back (409 when a unique value was taken since: the unique index says so)."""
        current = self.row(record_id, include_deleted=True)
        self._check_granted(record_id, "delete")
        if current.deleted_at is None:
            return self.to_json(current)
        before = self._stored_row(record_id)
        row = self._set_deleted(record_id, current.row_version, None)
        self._audit(record_id, "restore", {})
        row = self._announce(WriteAction.RESTORE, before, row)
        return self._seen(row)

    # -- helpers -----------------------------------------------------------------------------------

    def row(self, record_id: int, *, include_deleted: bool = False) -> Row:
        """A record as the user may read it; 404 when it does not exist or is not theirs to read."""
        readable = self.readable
        if readable is self.entity.storage.table:
            statements = self.entity.statements
            query = statements.select_any if include_deleted else statements.select_live
            row = self.connection.execute(query, {"_record_id": record_id}).first()
        else:
            query = select(readable).where(readable.c.id == record_id)
            if not include_deleted:
                query = query.where(readable.c.deleted_at.is_(None))
            row = self.connection.execute(query).first()
        if row is None:
            raise ApiError(
                404, "record.not_found", f"There is no {self.entity.id} record {record_id}. / 记录 {record_id} 不存在。"
            )
        return row

    def _hidden(self, mapping) -> frozenset[str]:
        """The fields of a row read through the access layer that the user may not see on that record."""
        return self.access.hidden_in(mapping, self._flags)

    def _raw(self, record_id: int) -> Row:
        """The stored values of a live record the user may update (hidden ones too, for computed fields)."""
        row = self.connection.execute(self.entity.statements.select_live, {"_record_id": record_id}).first()
        if row is None:
            raise ApiError(
                404, "record.not_found", f"There is no {self.entity.id} record {record_id}. / 记录 {record_id} 不存在。"
            )
        return row

    def _stored_row(self, record_id: int) -> Row:
        """A record's stored values, deleted or not, hidden fields included (for the write listeners)."""
        return self.connection.execute(self.entity.statements.select_any, {"_record_id": record_id}).one()

    def _seen(self, row: Row) -> dict[str, Any]:
        """A record just written, as the user may see it."""
        if self.readable is self.entity.storage.table:
            return self.to_json(row)
        return self.to_json(self.row(row.id, include_deleted=True))

    def require(self, operation: str) -> None:
        """403 unless some role of the user grants the operation on this entity."""
        if not self.access.may(self.entity.storage, operation):
            raise _denied(self.entity.id, operation)

    def _check_granted(self, record_id: int, operation: str) -> None:
        """403 unless the record is one the user may touch by the operation."""
        scope = self.access.row_filter(self.entity.storage, operation)
        if scope is None:
            return
        table = self.entity.storage.table
        if self.connection.execute(select(table.c.id).where(table.c.id == record_id, scope)).first() is None:
            raise _denied(self.entity.id, operation)

    def _check_visible(self, seen: Row, values: dict[str, Any]) -> None:
        """403 when the change names a field the user may not see on this record (its value is not theirs)."""
        hidden = sorted(self._hidden(seen._mapping) & set(values))
        if hidden:
            problems = [
                api_problem("access.field_hidden", f"/{name}", field=name, label=self._label(name)).to_json()
                for name in hidden
            ]
            raise ApiError(403, "access.denied", "You may not change these fields. / 你无权修改这些字段。", problems)

    def _label(self, field_id: str) -> Label | None:
        """A field's label, to name it in a problem (None for a name that is no field)."""
        field = self.entity.storage.entity.field(field_id)
        return None if field is None else field.label

    def _check_version(self, current: Row, row_version: int) -> None:
        if current.row_version != row_version:
            raise _stale(current.row_version)

    def _stored(self, values: dict[str, Any]) -> dict[str, Any]:
        return {name: self.codecs[name].to_database(value) for name, value in values.items()}

    def _computed(self, stored: dict[str, Any]) -> dict[str, Any]:
        """The computed fields, from the model values of the stored fields they read."""
        return computed_values(self.entity.formulas, self.codecs, stored)

    def _check_references(self, stored: dict[str, Any]) -> None:
        """Every ref field points at a live record of its target entity that the user may read."""
        problems = []
        for name, value in stored.items():  # a record id is stored as it is
            field = self.entity.storage.entity.own_field(name)
            if value is None or field.type is not FieldType.REF:
                continue
            target = self.live.entity(field.target_entity)
            scope = self.access.row_filter(target.storage)
            exists = target.statements.exists_live
            found = self.connection.execute(
                exists if scope is None else exists.where(scope), {"_record_id": value}
            ).first()
            if found is None:
                problems.append(
                    api_problem(
                        "record.ref_missing",
                        f"/{name}",
                        field=name,
                        label=field.label,
                        entity=field.target_entity,
                        value=value,
                    ).to_json()
                )
        if problems:
            raise ApiError(
                422,
                "record.invalid",
                "The record points at records that do not exist. / 记录引用了不存在的记录。",
                problems,
            )

    def _write(self, statement, parameters: dict[str, Any], *, record_id: int | None = None) -> Row:
        try:
            row = self.connection.execute(statement, parameters).first()
        except IntegrityError as error:
            field_id = self.entity.storage.unique_indexes.get(violated_unique_index(error) or "")
            if field_id is None:
                raise
            raise _unique_conflict(field_id, self._label(field_id)) from None
        if row is None:  # an update whose row another transaction changed since it was read (PostgreSQL)
            raise _stale(self.row(record_id, include_deleted=True).row_version)
        return row

    def _set_deleted(self, record_id: int, row_version: int, deleted_at: datetime | None) -> Row:
        parameters = {
            "_record_id": record_id,
            "_row_version": row_version,
            "deleted_at": deleted_at,
            "row_version": row_version + 1,
            "updated_at": datetime.now(UTC),
            "updated_by": self.access.actor,
        }
        return self._write(self.entity.statements.set_deleted, parameters, record_id=record_id)

    def _announce(self, action: WriteAction, before: Row | None, after: Row) -> Row:
        """Tell the listeners (rules, workflows, events) of a write, inside this transaction; the row after them."""
        if not self.listeners:
            return after
        announce_write(
            self.connection, self.listeners, self.live, self.entity.id, (action, before, after), actor=self.access.actor
        )
        return self._stored_row(after.id)  # a rule may have changed the record: answer what is stored now

    def _audit(self, record_id: int, action: str, changes: dict[str, Any]) -> None:
        audit_write(
            self.connection,
            self.live,
            self.entity.id,
            record_id,
            action,
            actor=self.access.actor,
            at=datetime.now(UTC),
            changes=changes,
        )


def _denied(entity_id: str, operation: str) -> ApiError:
    verbs = {"read": "读取", "create": "创建", "update": "修改", "delete": "删除"}
    return ApiError(
        403,
        "access.denied",
        f"You may not {operation} this {entity_id} record. / 你无权{verbs[operation]}该记录。",
    )


def _unique_conflict(field_id: str, label: Label | None) -> ApiError:
    problem = api_problem("record.unique", f"/{field_id}", field=field_id, label=label).to_json()
    return ApiError(409, "record.unique", "A unique value is already taken. / 唯一值已被占用。", [problem])


def _stale(current: int) -> ApiError:
    problem = api_problem("record.stale", "/row_version", current=current).to_json()
    return ApiError(
        409,
        "record.stale",
        f"The record changed (row_version is now {current}); reload it. / 记录已被修改，请刷新后重试。",
        [problem],
    )
