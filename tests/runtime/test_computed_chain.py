"""A computed field may read another computed field: both are stored, whatever order the fields are listed in."""

from __future__ import annotations

from tests.support.apps import definition, publish_new


def test_a_computed_field_reading_another_is_stored(client):
    document = definition()
    fields = document["entities"][0]["fields"]
    fields.insert(0, {"id": "margin", "type": "computed", "label": "Margin", "formula": "average - 1"})  # listed first
    publish_new(client, document)
    created = client.post(
        "/api/apps/deals/deal", json={"name": "A", "amount": 5, "stage": "open", "revenue": 30, "quantity": 3}
    )
    assert created.status_code == 201, created.get_json()
    assert (created.get_json()["average"], created.get_json()["margin"]) == (10, 9)
    record = created.get_json()
    changed = client.patch(
        f"/api/apps/deals/deal/{record['id']}", json={"row_version": record["row_version"], "quantity": 5}
    )
    assert (changed.get_json()["average"], changed.get_json()["margin"]) == (6, 5)
