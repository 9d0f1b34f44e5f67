"""What the event stream carries: a committed change to a record, a new version of an app, a notification."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any


class EventKind(StrEnum):
    """What changed."""

    RECORD = "record"  # a record was created, updated, deleted or restored
    VERSION = "version"  # an app has a new live version: reload its definition
    NOTIFICATION = "notification"  # a message for one person


@dataclass(frozen=True, slots=True, kw_only=True)
class ChangeEvent:
    """One committed change; field values never travel in it, only what says which record changed and how."""

    kind: EventKind
    app_id: str | None = None
    version: int | None = None
    entity: str | None = None
    record_id: int | None = None
    action: str | None = None
    row_version: int | None = None
    notification_id: int | None = None
    recipient: str | None = None
    # A write that changed who may read the record: the values that decided it before (owner, fields of the
    # permissions' `where`), as JSON, so those who could read it then also learn that it changed.
    before: dict[str, Any] | None = None

    def to_text(self) -> str:
        """The event as compact JSON (a PostgreSQL NOTIFY payload)."""
        fields = {name: value for name, value in asdict(self).items() if value is not None}
        return json.dumps(fields, ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_text(cls, text: str) -> ChangeEvent:
        """An event written by to_text()."""
        fields = json.loads(text)
        return cls(**(fields | {"kind": EventKind(fields["kind"])}))

    def public_json(self) -> dict[str, Any]:
        """What a listener is told (the `before` values that chose the audience stay on the server)."""
        if self.kind is EventKind.RECORD:
            return {
                "app": self.app_id,
                "version": self.version,
                "entity": self.entity,
                "id": self.record_id,
                "action": self.action,
                "row_version": self.row_version,
            }
        if self.kind is EventKind.VERSION:
            return {"app": self.app_id, "version": self.version}
        return {
            "action": self.action,
            "id": self.notification_id,
            "app": self.app_id,
            "entity": self.entity,
            "record_id": self.record_id,
        }
