"""Views of records: table, kanban, calendar, detail, and dashboards of widgets."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from enum import StrEnum

from builder.conditions.ast import ConditionGroup
from builder.model.common import Label


class ViewKind(StrEnum):
    """The kinds of view."""

    TABLE = "table"
    KANBAN = "kanban"
    CALENDAR = "calendar"
    DETAIL = "detail"
    DASHBOARD = "dashboard"


class WidgetKind(StrEnum):
    """The kinds of dashboard widget."""

    KPI = "kpi"
    BAR = "bar"
    LINE = "line"
    PIE = "pie"
    FUNNEL = "funnel"
    TABLE = "table"


class AggregateFunction(StrEnum):
    """Aggregates over the records of a widget."""

    COUNT = "count"
    SUM = "sum"
    AVG = "avg"
    MIN = "min"
    MAX = "max"


class Period(StrEnum):
    """Time buckets and comparison periods."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"


@dataclass(frozen=True, slots=True, kw_only=True)
class SortKey:
    """Sort by one field."""

    field: str
    descending: bool = False
    path: str = dataclasses.field(default="", compare=False)


@dataclass(frozen=True, slots=True, kw_only=True)
class SavedFilter:
    """A named filter a user can pick in a table view."""

    id: str
    label: Label
    condition: ConditionGroup | None
    path: str = dataclasses.field(default="", compare=False)


@dataclass(frozen=True, slots=True, kw_only=True)
class RelatedList:
    """Records of another entity that point at this one through a ref field."""

    entity: str
    via: str
    label: Label | None = None
    columns: tuple[str, ...] = ()
    path: str = dataclasses.field(default="", compare=False)


@dataclass(frozen=True, slots=True, kw_only=True)
class Aggregate:
    """count, or sum/avg/min/max of a field."""

    function: AggregateFunction
    field: str | None = None
    path: str = dataclasses.field(default="", compare=False)


@dataclass(frozen=True, slots=True, kw_only=True)
class GroupBy:
    """Group by a field, dates by a time bucket."""

    field: str
    bucket: Period | None = None
    path: str = dataclasses.field(default="", compare=False)


@dataclass(frozen=True, slots=True, kw_only=True)
class PeriodComparison:
    """Compare a KPI with the previous period of a date field."""

    date_field: str
    period: Period
    path: str = dataclasses.field(default="", compare=False)


@dataclass(frozen=True, slots=True, kw_only=True)
class Widget:
    """One tile of a dashboard."""

    id: str
    kind: WidgetKind
    label: Label
    entity: str
    filter: ConditionGroup | None = None
    aggregate: Aggregate | None = None
    group_by: GroupBy | None = None
    compare: PeriodComparison | None = None
    target: int | float | None = None
    columns: tuple[str, ...] = ()
    sort: tuple[SortKey, ...] = ()
    limit: int | None = None
    path: str = dataclasses.field(default="", compare=False)


@dataclass(frozen=True, slots=True, kw_only=True)
class View:
    """What every view has."""

    id: str
    label: Label
    description: Label | None = None
    path: str = dataclasses.field(default="", compare=False)


@dataclass(frozen=True, slots=True, kw_only=True)
class TableView(View):
    """Rows and columns, with sort and saved filters."""

    entity: str
    columns: tuple[str, ...]
    filter: ConditionGroup | None = None
    sort: tuple[SortKey, ...] = ()
    saved_filters: tuple[SavedFilter, ...] = ()
    page_size: int = 50
    kind = ViewKind.TABLE


@dataclass(frozen=True, slots=True, kw_only=True)
class KanbanView(View):
    """Cards in lanes, one lane per option of a choice field."""

    entity: str
    group_by: str
    card_fields: tuple[str, ...] = ()
    filter: ConditionGroup | None = None
    sort: tuple[SortKey, ...] = ()
    kind = ViewKind.KANBAN


@dataclass(frozen=True, slots=True, kw_only=True)
class CalendarView(View):
    """Records placed on a calendar by a date field."""

    entity: str
    date_field: str
    end_field: str | None = None
    filter: ConditionGroup | None = None
    kind = ViewKind.CALENDAR


@dataclass(frozen=True, slots=True, kw_only=True)
class DetailView(View):
    """One record with its related records and timeline."""

    entity: str
    fields: tuple[str, ...] = ()
    related: tuple[RelatedList, ...] = ()
    timeline: bool = True
    kind = ViewKind.DETAIL


@dataclass(frozen=True, slots=True, kw_only=True)
class DashboardView(View):
    """A grid of widgets."""

    widgets: tuple[Widget, ...]
    kind = ViewKind.DASHBOARD


AnyView = TableView | KanbanView | CalendarView | DetailView | DashboardView
