"""What only a record's owner decides: who collaborates on it (shares) and how far its narrowable fields are seen."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import ColumnElement, Table, delete, select

from builder.conditions.literals import USER_PATTERN
from builder.moments import utc_text
from builder.problems import Problem
from builder.service.errors import ApiError
from runtime.api_messages import api_problem
from runtime.records.narrowing import LEVEL_ORDER, NARROWING, narrowings_of
from runtime.records.service import Records
from runtime.records.shares import SHARES, shares_of

USER_NAME = re.compile(USER_PATTERN)


class OwnerControls:
    """Sharing and field narrowing on the records of one entity, as one user asks for them."""

    def __init__(self, records: Records) -> None:
        self.records = records
        self.connection = records.connection
        self.actor = records.access.actor
        self.key = {"app_number": records.live.number, "entity": records.entity.id}  # the rows of this entity

    def shares(self, record_id: int) -> dict[str, Any]:
        """Who the owner shared a record with."""
        self.records.row(record_id)
        rows = self.connection.execute(shares_of(self.key["app_number"], self.key["entity"], record_id))
        return {"items": [{"username": r.username, "shared_by": r.shared_by, "at": utc_text(r.at)} for r in rows]}

    def share(self, record_id: int, username: Any) -> dict[str, Any]:
        """Let a user collaborate on a record: read it and its collaborator fields (the owner's decision)."""
        self._check_owner(record_id)
        if not isinstance(username, str) or not USER_NAME.fullmatch(username) or username == self.actor:
            problem = api_problem(
                "record.format", "/username", field="username", expected="a user name", expected_zh="用户名"
            )
            message = "Name a user to share with. / 请指定要共享的用户。"
            raise ApiError(422, "record.invalid", message, [problem.to_json()])
        if self.connection.execute(self._rows(SHARES, record_id, username=username)).first() is None:
            entry = self.key | {"record_id": record_id, "username": username, "shared_by": self.actor}
            self.connection.execute(SHARES.insert().values(**entry))
        return self.shares(record_id)

    def unshare(self, record_id: int, username: str) -> None:
        """Stop sharing a record with a user."""
        self._check_owner(record_id)
        self.connection.execute(delete(SHARES).where(*self._matching(SHARES, record_id, username=username)))

    def visibility(self, record_id: int) -> dict[str, Any]:
        """Each field's visibility level on a record: the definition's, or the narrower one its owner set."""
        self.records.row(record_id)
        statement = narrowings_of(self.key["app_number"], self.key["entity"], record_id)
        narrowed = dict(self.connection.execute(statement).all())
        return {
            field.id: {"level": narrowed.get(field.id, field.visibility.value), "may_narrow": field.owner_may_narrow}
            for field in self.records.entity.storage.entity.fields
        }

    def narrow(self, record_id: int, body: Any) -> dict[str, Any]:
        """Set the visibility of a field on the owner's own record: {"field", "level"} (the field's level resets)."""
        self._check_owner(record_id)
        field_id, level = (body.get("field"), body.get("level")) if isinstance(body, dict) else (None, None)
        field = self.records.entity.storage.entity.own_field(field_id) if isinstance(field_id, str) else None
        if field is None or not field.owner_may_narrow:
            raise _invalid_narrowing(api_problem("visibility.field", "/field", field=str(field_id)))
        allowed = [item.value for item in LEVEL_ORDER[LEVEL_ORDER.index(field.visibility) :]]
        if level not in allowed:
            levels = ", ".join(allowed)
            problem = api_problem("visibility.level", "/level", field=field.id, label=field.label, levels=levels)
            raise _invalid_narrowing(problem)
        self.connection.execute(delete(NARROWING).where(*self._matching(NARROWING, record_id, field=field.id)))
        if level != field.visibility.value:
            entry = self.key | {"record_id": record_id, "field": field.id, "level": level}
            self.connection.execute(NARROWING.insert().values(**entry))
        return self.visibility(record_id)

    def _matching(self, table: Table, record_id: int, **more: str) -> list[ColumnElement[bool]]:
        """The conditions selecting a record's rows of a shares or narrowing table."""
        values = self.key | {"record_id": record_id} | more
        return [table.c[name] == value for name, value in values.items()]

    def _rows(self, table: Table, record_id: int, **more: str):
        return select(table.c.id).where(*self._matching(table, record_id, **more))

    def _check_owner(self, record_id: int) -> None:
        """403 unless the user owns the record (or administers the platform): sharing and narrowing are theirs."""
        row = self.records.row(record_id)
        if row.owner != self.actor and not self.records.access.unrestricted:
            message = "Only the record's owner may do this. / 只有记录负责人可以执行此操作。"
            raise ApiError(403, "access.denied", message)


def _invalid_narrowing(problem: Problem) -> ApiError:
    message = "The visibility cannot be set so. / 无法这样设置可见范围。"
    return ApiError(422, "visibility.invalid", message, [problem.to_json()])
