"""A kanban view: one lane per option of its choice field, each with its card count and its first cards."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from builder.model.fields import Field
from builder.model.views import KanbanView
from runtime.records.session import AppSession
from runtime.views.arguments import Arguments, checked, list_part, whole_number
from runtime.views.columns import columns_json
from runtime.views.table import ROW_KEYS, pick, view_header, view_query

KANBAN_PARAMETERS = frozenset({"q", "filter", "sort", "lane_size"})
DEFAULT_LANE_SIZE, MAX_LANE_SIZE = 50, 200
EMPTY_LANE_LABEL = {"zh": "未设置", "en": "Not set"}


def kanban_json(session: AppSession, view: KanbanView, arguments: Arguments) -> dict[str, Any]:
    """Lanes in the options' order (then values no option names, then empty), with totals and the first cards."""
    arguments = checked(arguments, KANBAN_PARAMETERS)
    lane_size = whole_number(arguments, "lane_size", DEFAULT_LANE_SIZE, (1, MAX_LANE_SIZE))
    records, query = view_query(session, view, list_part(arguments, sort=view.sort))
    readable = records.readable
    lane = readable.c[view.group_by]
    totals = dict(session.connection.execute(select(lane, func.count()).where(query.where).group_by(lane)).all())
    rank = func.row_number().over(partition_by=lane, order_by=query.order_by).label("_lane_rank")
    ranked = select(readable, rank).where(query.where).subquery("ranked")
    cards: dict[Any, list[dict[str, Any]]] = {}
    entity = records.entity.storage.entity
    title = entity.title_field
    keys = (*ROW_KEYS, view.group_by, *((title,) if title else ()), *view.card_fields)
    for row in session.connection.execute(
        select(ranked).where(ranked.c._lane_rank <= lane_size).order_by(ranked.c._lane_rank)
    ):
        cards.setdefault(row._mapping[view.group_by], []).append(pick(records.to_json(row), keys))
    field = entity.field(view.group_by)
    return {
        "view": view_header(view)
        | {
            "group_by": view.group_by,
            "title_field": title,
            "card_fields": columns_json(entity, view.card_fields),
            "lane_size": lane_size,
        },
        "lanes": [
            {**lane_label, "total": totals.get(value, 0), "cards": cards.get(value, [])}
            for value, lane_label in _lanes(field, totals)
        ],
    }


def _lanes(field: Field, totals: dict[Any, int]) -> list[tuple[Any, dict[str, Any]]]:
    """Each lane's stored value and how it is shown: the options, values no option names, then the empty lane."""
    lanes: list[tuple[Any, dict[str, Any]]] = [
        (
            option.id,
            {"value": option.id, "label": option.label.to_json()} | ({"color": option.color} if option.color else {}),
        )
        for option in field.options
    ]
    named = set(field.option_ids)
    lanes += [
        (value, {"value": value, "label": value})
        for value in sorted(v for v in totals if v is not None and v not in named)
    ]
    if totals.get(None):
        lanes.append((None, {"value": None, "label": EMPTY_LANE_LABEL}))
    return lanes
