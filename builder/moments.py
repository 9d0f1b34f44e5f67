"""Stored moments in UTC: databases may give naive UTC datetimes back; the API shows ISO 8601 with Z."""

from __future__ import annotations

from datetime import UTC, datetime


def as_utc(moment: datetime) -> datetime:
    """A stored moment as an aware UTC datetime (naive values are UTC)."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def utc_text(moment: datetime) -> str:
    """A stored moment as ISO 8601 in UTC with a Z: 2024-05-01T01:00:00Z."""
    return as_utc(moment).isoformat().replace("+00:00", "Z")
