"""The register of archived tables and columns: data a migration moved aside instead of dropping."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime
from sqlmodel import Field, SQLModel

from builder.service.platform_tables import utc_now


class ArchiveRow(SQLModel, table=True):
    """A table or column kept under another name when its entity or field left the definition."""

    __tablename__ = "dabble_archives"

    id: int | None = Field(default=None, primary_key=True)
    app_number: int = Field(index=True)
    version: int = Field(description="The version whose publish archived it")
    kind: str = Field(max_length=10, description="table or column")
    entity: str = Field(max_length=40)
    field: str | None = Field(default=None, max_length=40)
    table_name: str = Field(max_length=63)
    stored_name: str = Field(max_length=63, description="The archived table or column name")
    archived_at: datetime = Field(default_factory=utc_now, sa_type=DateTime(timezone=True))
