"""The records a widget measures: the viewer's readable records of its entity that match its filter."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, FromClause, and_

from builder.model.views import Widget
from runtime.identity.org_chart import OrgChart
from runtime.records.service import Records
from runtime.records.session import AppSession
from runtime.storage.codecs import Codec
from runtime.storage.sql_conditions import condition_clause


@dataclass(frozen=True, slots=True)
class WidgetSource:
    """A widget's live records as one user may read them (hidden values NULL), and the condition they meet."""

    session: AppSession
    widget: Widget
    records: Records
    where: ColumnElement[bool]
    now: datetime
    chart: OrgChart  # for the names of people a chart groups by

    @property
    def readable(self) -> FromClause:
        """The user's readable records of the widget's entity."""
        return self.records.readable

    def codec(self, field_id: str | None) -> Codec | None:
        """The codec of a field of the widget's entity (None for none)."""
        return None if field_id is None else self.records.codecs.get(field_id)

    def execute(self, statement) -> Any:
        """Run a statement in the request's transaction."""
        return self.session.connection.execute(statement)


def widget_source(session: AppSession, widget: Widget, now: datetime, chart: OrgChart) -> WidgetSource:
    """The widget's records for the session's user; 403 when no role of theirs reads the entity."""
    records = session.records(widget.entity)
    records.require("read")
    readable = records.readable
    clauses = [readable.c.deleted_at.is_(None)]
    if widget.filter is not None:
        masked = replace(records.entity.storage, table=readable)  # the filter reads what the user sees, never more
        live = session.live
        clauses.append(
            condition_clause(
                widget.filter,
                masked,
                live.model.definition,
                dialect=session.connection.dialect.name,
                now=now,
                timezone=live.timezone,
            )
        )
    return WidgetSource(session=session, widget=widget, records=records, where=and_(*clauses), now=now, chart=chart)
