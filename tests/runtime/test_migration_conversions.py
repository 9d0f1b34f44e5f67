"""Retyping a field converts each stored value to the new type, or refuses it (migration.conversion_failed)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import pytest

from runtime.app import create_app
from runtime.database import ENGINE_KEY
from tests.support.apps import definition, publish_new, republish
from tests.support.auth import signed_in_client
from tests.support.postgres import fresh_postgres_schema

POSTGRES_URL = os.environ.get("DABBLE_TEST_DATABASE_URL", "")
FAILS = object()  # the value has no equivalent in the new type
OPTIONS = [{"id": "open", "label": "Open"}, {"id": "won", "label": "Won"}]
SETTINGS = {
    "choice": {"options": OPTIONS},
    "multichoice": {"options": OPTIONS},
    "ref": {"entity": "deal"},
    "money": {"currency": "CNY"},
}

# (old type, stored value as the API took it, new type, the value as the API returns it afterwards)
CASES = [
    ("text", "yes", "boolean", True),
    ("text", "否", "boolean", False),
    ("text", "maybe", "boolean", FAILS),
    ("integer", 1, "boolean", True),
    ("integer", 2, "boolean", FAILS),
    ("text", "2024-05-01", "date", "2024-05-01"),
    ("text", "next week", "date", FAILS),
    ("datetime", "2024-05-01T20:00:00Z", "date", "2024-05-02"),  # already 2 May in Shanghai
    ("datetime", "2024-05-01T10:00:00Z", "date", "2024-05-01"),
    ("date", "2024-05-01", "datetime", "2024-04-30T16:00:00Z"),  # midnight in Shanghai
    ("text", "2024-05-01 08:30", "datetime", "2024-05-01T00:30:00Z"),
    ("text", "noon", "datetime", FAILS),
    ("text", "won", "choice", "won"),
    ("text", "lost", "choice", FAILS),
    ("multichoice", ["won"], "choice", "won"),
    ("multichoice", ["open", "won"], "choice", FAILS),
    ("choice", "open", "multichoice", ["open"]),
    ("text", "open", "multichoice", ["open"]),
    ("text", "lost", "multichoice", FAILS),
    ("integer", 5, "multichoice", FAILS),
    ("integer", 1, "ref", 1),  # deal 1 exists
    ("integer", 7, "ref", FAILS),  # no deal 7
    ("text", "1", "ref", 1),
    ("text", "one", "ref", FAILS),
    ("number", 1.5, "ref", FAILS),
    ("text", "1,200", "integer", 1200),
    ("money", 12.5, "integer", FAILS),
    ("multichoice", ["open"], "integer", FAILS),
    ("integer", 5, "date", FAILS),
    ("boolean", True, "datetime", FAILS),
    ("number", 12.5, "money", 12.5),
    ("boolean", True, "text", "true"),
    ("multichoice", ["open", "won"], "text", "open, won"),
    ("datetime", "2024-05-01T20:00:00Z", "text", "2024-05-01T20:00:00Z"),
]


def _field(index: int, kind: str) -> dict[str, Any]:
    return {"id": f"f{index}", "type": kind, "label": f"Field {index}", **SETTINGS.get(kind, {})}


def _app(position: int) -> dict[str, Any]:
    """The corpus app in Shanghai time with a sample entity: one field per case, of its old (0) or new (2) type."""
    document = definition()
    document["timezone"] = "Asia/Shanghai"
    fields = [_field(index, case[position]) for index, case in enumerate(CASES)]
    document["entities"].append({"id": "sample", "label": "Sample", "fields": fields})
    return document


@dataclass(frozen=True)
class Retyped:
    """What republishing the sample with every field retyped did."""

    refused: dict[str, list[dict[str, Any]]]  # per field path, the examples of the publish without on_failure
    failures: dict[str, int]  # per field, the values the dry run found not converting
    record: dict[str, Any]  # the sample record afterwards (failing values cleared)


@contextmanager
def _database(kind: str, tmp_path) -> Iterator[str]:
    if kind == "sqlite":
        yield ""
    elif not POSTGRES_URL:
        pytest.skip("DABBLE_TEST_DATABASE_URL is not set (.ci/run sets it)")
    else:
        with fresh_postgres_schema(POSTGRES_URL, str(tmp_path)) as url:
            yield url


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def retyped(request, tmp_path_factory) -> Iterator[Retyped]:
    tmp_path = tmp_path_factory.mktemp("conversions")
    with _database(request.param, tmp_path) as url:
        app = create_app({"DABBLE_INSTANCE_PATH": str(tmp_path), "DABBLE_DATABASE_URL": url, "DABBLE_SECRET_KEY": "x"})
        try:
            client = signed_in_client(app)
            publish_new(client, _app(0))
            deal = client.post("/api/apps/deals/deal", json={"name": "Deal", "amount": 1, "stage": "open"})
            assert deal.get_json()["id"] == 1, deal.get_json()  # the target of the ref cases
            values = {f"f{index}": case[1] for index, case in enumerate(CASES)}
            created = client.post("/api/apps/deals/sample", json=values)
            assert created.status_code == 201, created.get_json()
            refused = republish(client, _app(2))
            assert refused.status_code == 409, refused.get_json()
            clear = {f"sample.f{index}": "clear" for index in range(len(CASES))}
            published = client.post("/api/apps/deals/publish", json={"on_failure": clear})
            assert published.status_code == 201, published.get_json()
            yield Retyped(
                refused={
                    problem["path"]: problem["details"]["examples"]
                    for problem in refused.get_json()["error"]["problems"]
                },
                failures={step["field"]: step["failures"] for step in published.get_json()["plan"]},
                record=client.get(f"/api/apps/deals/sample/{created.get_json()['id']}").get_json(),
            )
        finally:
            app.extensions[ENGINE_KEY].dispose()


@pytest.mark.parametrize("index", range(len(CASES)), ids=[f"{old}-{new}-{value}" for old, value, new, _ in CASES])
def test_a_retyped_value_converts_or_is_refused(retyped, index):
    field_id, (_old, stored, _new, expected) = f"f{index}", CASES[index]
    examples = retyped.refused.get(f"/entities/sample/fields/{field_id}")
    if expected is FAILS:
        assert (examples, retyped.failures[field_id]) == ([{"id": 1, "value": stored}], 1)
        assert retyped.record[field_id] is None  # cleared on request; the old value stays archived
    else:
        assert (examples, retyped.failures[field_id]) == (None, 0)
        assert retyped.record[field_id] == expected
