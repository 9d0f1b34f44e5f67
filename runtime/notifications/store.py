"""Sending notifications: the one public way for rules, workflows and others to tell people something."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection

from runtime.database import insert_unless_present
from runtime.events.announce import announce
from runtime.events.model import ChangeEvent, EventKind
from runtime.notifications.tables import NOTIFICATIONS

SEVERITIES = ("info", "warning", "critical")
MAX_DEDUP_KEY = 200


@dataclass(frozen=True, slots=True)
class Message:
    """A text in Chinese and English, already rendered for its reader."""

    zh: str
    en: str

    @classmethod
    def same(cls, text: str) -> Message:
        """One text for both languages."""
        return cls(zh=text, en=text)

    def to_json(self) -> dict[str, str]:
        """The message as stored and served: {"zh", "en"}."""
        return {"zh": self.zh, "en": self.en}


@dataclass(frozen=True, slots=True, kw_only=True)
class NotificationDraft:
    """One notification to one user; a dedup key makes sending it again a no-op (per recipient)."""

    recipient: str
    message: Message
    kind: str  # what sent it: "rule_alert", "approval_pending", "workflow_notice", …
    severity: str = "info"
    title: Message | None = None
    app_id: str | None = None
    entity: str | None = None
    record_id: int | None = None
    dedup_key: str | None = None

    def __post_init__(self) -> None:
        if self.severity not in SEVERITIES:
            raise ValueError(f"severity must be one of {SEVERITIES}, not {self.severity!r}")
        if not self.kind or len(self.kind) > 40:
            raise ValueError("kind must be 1-40 characters")
        if self.dedup_key is not None and not 0 < len(self.dedup_key) <= MAX_DEDUP_KEY:
            raise ValueError(f"a dedup key has 1-{MAX_DEDUP_KEY} characters")


def send(connection: Connection, drafts: Iterable[NotificationDraft], *, now: datetime | None = None) -> list[int]:
    """Store the notifications in the caller's transaction; the ids stored (a draft sent before is skipped)."""
    moment = now or datetime.now(UTC)
    stored = []
    for draft in drafts:
        notification_id = insert_unless_present(
            connection, NOTIFICATIONS, _row(draft, moment), unique_columns=("recipient", "dedup_key")
        )
        if notification_id is not None:
            stored.append(notification_id)
            announce(connection, _event(notification_id, draft))
    return stored


def _event(notification_id: int, draft: NotificationDraft) -> ChangeEvent:
    """The event telling the recipient's open streams of the notification."""
    return ChangeEvent(
        kind=EventKind.NOTIFICATION,
        action="create",
        notification_id=notification_id,
        recipient=draft.recipient,
        app_id=draft.app_id,
        entity=draft.entity,
        record_id=draft.record_id,
    )


def _row(draft: NotificationDraft, moment: datetime) -> dict[str, Any]:
    return {
        "recipient": draft.recipient,
        "kind": draft.kind,
        "severity": draft.severity,
        "title": None if draft.title is None else draft.title.to_json(),
        "message": draft.message.to_json(),
        "app_id": draft.app_id,
        "entity": draft.entity,
        "record_id": draft.record_id,
        "dedup_key": draft.dedup_key,
        "created_at": moment,
    }
