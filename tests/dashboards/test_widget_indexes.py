"""The covering indexes a dashboard's widgets get: each widget can seek by what it filters, groups or compares by,
owner first for readers of their own or their team's records, owner last for readers of every record."""

from __future__ import annotations

import copy

from bench.dashboards.definition import DEFINITION, ENTITY_ID
from builder.model.parse import build_model
from runtime.storage.tables import widget_indexes


def _indexes(document) -> list[tuple[str, ...]]:
    model = build_model(document).model
    return widget_indexes(model, model.entity(ENTITY_ID))


def test_each_widget_can_seek_by_what_it_filters_and_groups_by():
    assert _indexes(DEFINITION) == [
        ("owner", "stage", "sign_date", "amount", "deleted_at"),  # won this month, for a team: owner, stage, dates
        ("stage", "sign_date", "amount", "owner", "deleted_at"),  # … for every record; the funnel too
        ("owner", "sign_date", "amount", "deleted_at"),  # monthly amounts by date for a team (not behind `stage`)
        ("sign_date", "amount", "owner", "deleted_at"),  # … for every record
    ]  # amounts by rep are served by either owner-first index; the funnel by the stage-first one


def test_an_index_that_seeks_by_the_same_columns_and_holds_more_serves_a_narrower_one():
    document = copy.deepcopy(DEFINITION)
    widgets = document["views"][0]["widgets"]
    document["views"][0]["widgets"] = [widget for widget in widgets if widget["id"] in ("funnel", "by_rep")]
    assert _indexes(document) == [
        ("owner", "amount", "deleted_at"),
        ("owner", "stage", "deleted_at"),
        ("stage", "owner", "deleted_at"),
    ]
    funnel_of_amounts = {"function": "sum", "field": "amount"}
    next(widget for widget in widgets if widget["id"] == "funnel")["aggregate"] = funnel_of_amounts
    assert _indexes(document) == [  # amounts by rep: read off the owner-first funnel index, which holds them
        ("owner", "stage", "amount", "deleted_at"),
        ("stage", "amount", "owner", "deleted_at"),
    ]
