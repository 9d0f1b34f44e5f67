"""The records a widget measures: the viewer's readable records of its entity that match its filter, in parts."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, FromClause

from builder.model.views import Widget
from runtime.identity.org_chart import OrgChart
from runtime.records.service import Records
from runtime.records.session import AppSession
from runtime.storage.codecs import Codec
from runtime.storage.sql_conditions import condition_clause


@dataclass(frozen=True, slots=True)
class WidgetSource:
    """A widget's live records as one user may read them (hidden values NULL), as disjoint parts to aggregate."""

    session: AppSession
    widget: Widget
    records: Records
    parts: tuple[FromClause, ...]  # the readable records, no record in two parts (RecordAccess.source_parts)
    now: datetime
    chart: OrgChart  # for the names of people a chart groups by

    def codec(self, field_id: str | None) -> Codec | None:
        """The codec of a field of the widget's entity (None for none)."""
        return None if field_id is None else self.records.codecs.get(field_id)

    def where(self, part: FromClause) -> list[ColumnElement[bool]]:
        """The conditions a part's rows meet to count: live, and matching the widget's filter."""
        clauses = [part.c.deleted_at.is_(None)]
        if self.widget.filter is not None:
            masked = replace(self.records.entity.storage, table=part)  # the filter reads what the user sees
            live = self.session.live
            clauses.append(
                condition_clause(
                    self.widget.filter,
                    masked,
                    live.model.definition,
                    dialect=self.session.connection.dialect.name,
                    now=self.now,
                    timezone=live.timezone,
                )
            )
        return clauses

    def execute(self, statement) -> Any:
        """Run a statement in the request's transaction."""
        return self.session.connection.execute(statement)


def widget_source(session: AppSession, widget: Widget, now: datetime, chart: OrgChart) -> WidgetSource:
    """The widget's records for the session's user; 403 when no role of theirs reads the entity."""
    records = session.records(widget.entity)
    records.require("read")
    parts = tuple(session.access.source_parts(records.entity.storage))
    return WidgetSource(session=session, widget=widget, records=records, parts=parts, now=now, chart=chart)
