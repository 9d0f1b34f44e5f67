"""The records code asks the access layer everywhere: a RecordAccess hiding a field and some rows is obeyed."""

from __future__ import annotations

import json
from dataclasses import dataclass

import pytest
from sqlalchemy import ColumnElement

from builder import parse_definition
from builder.service.errors import ApiError
from runtime.database import ENGINE_KEY, transaction
from runtime.live_apps import build_live_app
from runtime.records.access import RecordAccess
from runtime.records.api import LIVE_APPS_KEY
from runtime.records.queries import parse_list_query
from runtime.records.service import Records
from runtime.storage.tables import EntityStorage
from tests.support.apps import definition, publish_new


@dataclass(frozen=True, slots=True)
class HidingAccess(RecordAccess):
    """What a permission plan may give: deals' stage unreadable, and deals named 'Secret' out of sight."""

    def row_filter(self, storage: EntityStorage) -> ColumnElement[bool] | None:
        return storage.table.c.name != "Secret" if storage.entity.id == "deal" else None

    def readable(self, storage: EntityStorage, field_id: str) -> bool:
        return not (storage.entity.id == "deal" and field_id == "stage")


def _notes_app() -> dict:
    document = definition()
    document["entities"].append(
        {
            "id": "note",
            "label": "Note",
            "fields": [
                {"id": "text", "type": "text", "label": "Text", "required": True},
                {"id": "deal", "type": "ref", "entity": "deal", "label": "Deal"},
            ],
        }
    )
    return document


@pytest.mark.parametrize(
    "condition",
    [
        {"combinator": "and", "rules": [{"field": "stage", "operator": "=", "value": "open"}]},
        {"combinator": "and", "rules": [{"definition": "open_deal"}]},  # open_deal compares the stage
        {"combinator": "or", "rules": [{"combinator": "and", "rules": [{"definition": "open_deal"}]}]},
    ],
    ids=["field", "saved definition", "nested saved definition"],
)
def test_a_hidden_field_cannot_be_filtered_even_through_a_saved_definition(condition):
    live = build_live_app("deals", 1, 1, parse_definition(_notes_app()))
    arguments = {"filter": [json.dumps(condition)]}
    with pytest.raises(ApiError) as raised:
        parse_list_query(arguments, live, live.entity("deal"), HidingAccess("admin"), dialect="sqlite")
    problems = [(problem["code"], problem["details"]) for problem in raised.value.problems]
    assert raised.value.status == 400 and problems == [("query.unknown_parameter", {"parameter": "stage"})]


def test_a_hidden_field_is_not_shown_and_a_hidden_record_cannot_be_referenced(app, client):
    publish_new(client, _notes_app())
    ids = {}
    for name in ("Secret", "Public"):
        response = client.post("/api/apps/deals/deal", json={"name": name, "amount": 1, "stage": "open"})
        ids[name] = response.get_json()["id"]
    with transaction(app.extensions[ENGINE_KEY], write=True) as connection:
        live = app.extensions[LIVE_APPS_KEY].current(connection, "deals")
        deals = Records(connection, live, live.entity("deal"), HidingAccess("admin"))
        assert "stage" not in deals.get(ids["Public"]) and "name" in deals.get(ids["Public"])
        notes = Records(connection, live, live.entity("note"), HidingAccess("admin"))
        assert notes.create({"text": "seen", "deal": ids["Public"]})["deal"] == ids["Public"]
        with pytest.raises(ApiError) as raised:
            notes.create({"text": "unseen", "deal": ids["Secret"]})
    assert [problem["code"] for problem in raised.value.problems] == ["record.ref_missing"]
