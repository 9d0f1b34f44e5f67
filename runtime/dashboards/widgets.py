"""A dashboard's widgets computed in SQL through the access layer: each user sees the numbers of their records."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select

from builder.model.views import DashboardView, Widget, WidgetKind
from builder.service.errors import ApiError
from runtime.dashboards.charts import chart_json
from runtime.dashboards.kpi import kpi_json
from runtime.dashboards.source import WidgetSource, widget_source
from runtime.identity.org_chart import OrgChart
from runtime.records.session import AppSession
from runtime.views.columns import column_json, columns_json
from runtime.views.table import ROW_KEYS, pick, view_header

DEFAULT_TABLE_ROWS = 10


def dashboard_json(session: AppSession, view: DashboardView, chart: OrgChart) -> dict[str, Any]:
    """Every widget of the dashboard, each computed for the session's user at the same moment."""
    now = datetime.now(UTC)
    return {"view": view_header(view), "widgets": [widget_json(session, widget, chart, now) for widget in view.widgets]}


def widget_json(session: AppSession, widget: Widget, chart: OrgChart, now: datetime) -> dict[str, Any]:
    """One widget: its description and data, or the error that kept the user from it (an entity they cannot read)."""
    header = {"id": widget.id, "kind": str(widget.kind), "label": widget.label.to_json(), "entity": widget.entity}
    try:
        source = widget_source(session, widget, now, chart)
    except ApiError as refusal:
        return header | {"error": refusal.body()["error"]}
    aggregate = widget.aggregate
    if aggregate is not None:  # with the measured field's column, so numbers show in its units (money, percent…)
        measured = None if aggregate.field is None else source.records.entity.storage.entity.field(aggregate.field)
        header["aggregate"] = {"function": str(aggregate.function), "field": aggregate.field} | (
            {} if measured is None else {"column": column_json(measured)}
        )
    if widget.kind is WidgetKind.KPI:
        return header | kpi_json(source)
    if widget.kind is WidgetKind.TABLE:
        return header | _rows(source)
    return header | {"group_by": {"field": widget.group_by.field}} | chart_json(source)


def _rows(source: WidgetSource) -> dict[str, Any]:
    """A table widget: the first rows in its sort order (newest first without one), only its columns."""
    widget = source.widget
    readable = source.records.readable
    order = [
        (readable.c[key.field].desc() if key.descending else readable.c[key.field].asc()).nulls_last()
        for key in widget.sort
    ] or [readable.c.id.desc()]
    statement = select(readable).where(*source.where(readable)).order_by(*order, readable.c.id.asc())
    rows = source.execute(statement.limit(widget.limit or DEFAULT_TABLE_ROWS))
    entity = source.records.entity.storage.entity
    return {
        "columns": columns_json(entity, widget.columns),
        "items": [pick(source.records.to_json(row), (*ROW_KEYS, *widget.columns)) for row in rows],
    }
