"""A table view: one page of records with the view's columns, its sort, its filter and a saved filter."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from builder.conditions.ast import ConditionGroup
from builder.model.views import TableView
from runtime.api_messages import api_problem
from runtime.records.queries import ListQuery, parse_list_query
from runtime.records.service import Records
from runtime.records.session import AppSession
from runtime.views.arguments import LIST_PARAMETERS, Arguments, checked, invalid_query, list_part
from runtime.views.columns import columns_json

TABLE_PARAMETERS = LIST_PARAMETERS | {"saved"}
ROW_KEYS = ("id", "row_version")  # every row of every view carries these, to open or change the record


def table_json(session: AppSession, view: TableView, arguments: Arguments) -> dict[str, Any]:
    """The view's description and one page of its rows (only its columns; hidden values left out)."""
    records, query = table_query(session, view, checked(arguments, TABLE_PARAMETERS))
    page = records.list(query)
    entity = records.entity.storage.entity
    return {
        "view": view_header(view)
        | {
            "columns": columns_json(entity, view.columns),
            "saved_filters": [{"id": saved.id, "label": saved.label.to_json()} for saved in view.saved_filters],
            "sort": list_part({}, sort=view.sort).get("sort", [""])[0],
            "page_size": view.page_size,
        },
        "items": [pick(item, (*ROW_KEYS, *view.columns)) for item in page["items"]],
        "total": page["total"],
        "page": page["page"],
        "page_size": page["page_size"],
    }


def table_query(session: AppSession, view: TableView, arguments: Arguments) -> tuple[Records, ListQuery]:
    """The records of the view's entity and the parsed query of its rows (403 when the user may not list them)."""
    saved = None
    if "saved" in arguments:
        saved_id = arguments["saved"][-1]
        saved = next((saved for saved in view.saved_filters if saved.id == saved_id), None)
        if saved is None:
            raise invalid_query([api_problem("query.saved_filter", "/saved", view=view.id, saved=saved_id).to_json()])
    listed = list_part(arguments, sort=view.sort, page_size=view.page_size)
    return view_query(session, view, listed, () if saved is None else (saved.condition,))


def view_query(
    session: AppSession, view: Any, arguments: Arguments, also: tuple[ConditionGroup | None, ...] = ()
) -> tuple[Records, ListQuery]:
    """The user's records of a view's entity (403 when they may not list them) and a list query of the
    arguments under the view's filter (and the conditions `also` names)."""
    records = session.records(view.entity)
    records.require("read")
    preset = tuple(condition for condition in (view.filter, *also) if condition is not None)
    query = parse_list_query(
        arguments,
        session.live,
        records.entity,
        records.readable,
        dialect=session.connection.dialect.name,
        preset=preset,
    )
    return records, query


def view_header(view: Any) -> dict[str, Any]:
    """What every view says of itself: id, kind, label, description, entity."""
    header = {"id": view.id, "kind": str(view.kind), "label": view.label.to_json()}
    if view.description is not None:
        header["description"] = view.description.to_json()
    entity = getattr(view, "entity", None)
    return header | ({"entity": entity} if entity is not None else {})


def pick(record: dict[str, Any], keys: Iterable[str]) -> dict[str, Any]:
    """The record's values of the keys it has (a field hidden from the user is absent from it)."""
    return {key: record[key] for key in dict.fromkeys(keys) if key in record}
