"""Hostile identifiers and labels through the validator, the designer API and the records API.

Each is rejected with a clear error (the one error shape, a JSON-pointer path, a message in zh and
en) or stored and returned exactly as text; never a 5xx, never a part of an SQL statement.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import event

from builder import validate_definition
from builder.identifiers import SYSTEM_FIELD_IDS
from runtime.database import ENGINE_KEY
from tests.robustness.hostile_corpus import SQL, hostile_identifiers, hostile_labels, is_valid_identifier
from tests.robustness.xss_payloads import xss_payloads
from tests.support.apps import publish_new
from tests.support.auth import signed_in_client
from tests.support.definitions import definition

IDENTIFIERS = hostile_identifiers()
LABELS = hostile_labels()
INVALID_IDENTIFIERS = [text for text in IDENTIFIERS if not is_valid_identifier(text)]
NEW_FIELD = 6  # the index a field appended to the corpus' minimal definition gets
RECORDS = "/api/apps/deals/deal"
MAX_NAME = 200
OPTIONS_PER_FIELD = 400  # a choice field has at most 500 options  # the `name` field's max_length in the records app


def test_the_corpora_are_as_large_as_promised():
    assert len(INVALID_IDENTIFIERS) >= 500
    assert len(LABELS) >= 500
    assert len(xss_payloads()) >= 100
    assert any("\x00" in text for text in IDENTIFIERS) and any("\u202e" in text for text in IDENTIFIERS)
    assert max(map(len, LABELS)) >= 100_000


def _assert_clear(problem: dict[str, Any]) -> None:
    """A problem a designer can show: a pointer path, a stable code, a message in both languages."""
    assert problem["path"] == "" or problem["path"].startswith("/"), problem
    assert isinstance(problem["code"], str) and problem["code"], problem
    assert problem["message"]["zh"].strip() and problem["message"]["en"].strip(), problem


def _with_field(field_id: str, label: Any = "Hostile") -> dict[str, Any]:
    document = definition()
    document["entities"][0]["fields"].append({"id": field_id, "type": "text", "label": label})
    return document


def test_the_validator_rejects_every_invalid_identifier_at_its_path():
    for text in IDENTIFIERS:
        problems = [problem.to_json() for problem in validate_definition(_with_field(text)).errors]
        at_the_id = [problem for problem in problems if problem["path"] == f"/entities/0/fields/{NEW_FIELD}/id"]
        taken = {field["id"] for field in definition()["entities"][0]["fields"]} | SYSTEM_FIELD_IDS
        if is_valid_identifier(text) and text not in taken:
            assert problems == [], (text, problems)
        else:
            assert at_the_id, (text, problems)
        for problem in problems:
            _assert_clear(problem)


def test_the_validator_rejects_invalid_app_and_entity_ids_at_their_paths():
    for text in INVALID_IDENTIFIERS[::3]:
        document = definition()
        document["id"] = text
        document["entities"].append(copy.deepcopy(document["entities"][0]) | {"id": text})
        problems = [problem.to_json() for problem in validate_definition(document).errors]
        paths = {problem["path"] for problem in problems}
        assert {"/id", "/entities/1/id"} <= paths, (text, problems)
        for problem in problems:
            _assert_clear(problem)


def test_the_validator_takes_hostile_labels_as_text_or_says_why():
    for text in LABELS:
        for label in (text, {"zh": text, "en": text}):
            problems = [problem.to_json() for problem in validate_definition(_with_field("hostile", label)).errors]
            for problem in problems:
                _assert_clear(problem)
                assert problem["path"].startswith(f"/entities/0/fields/{NEW_FIELD}/label"), (text, problem)


def _post(client, path: str, body: Any):
    """POST a JSON body as ASCII JSON text: lone surrogates travel as escapes, as any JSON client may send them."""
    return client.post(path, data=json.dumps(body), content_type="application/json")


def _put(client, path: str, body: Any):
    return client.put(path, data=json.dumps(body), content_type="application/json")


def _encodable(text: str) -> bool:
    """Whether the text can travel in a URL at all (a lone surrogate has no UTF-8 form)."""
    try:
        text.encode()
    except UnicodeEncodeError:
        return False
    return True


def _has_lone_surrogate(text: str) -> bool:
    return not _encodable(text)


def _assert_error_shape(response, status_range: range = range(400, 500)) -> dict[str, Any]:
    assert response.status_code in status_range, (response.status_code, response.data[:500])
    assert response.mimetype == "application/json"
    body = response.get_json()
    assert set(body) == {"error"} and {"code", "message", "problems"} <= set(body["error"]), body
    for problem in body["error"]["problems"]:
        _assert_clear(problem)
    return body["error"]


@contextmanager
def sql_statements(app) -> Iterator[list[str]]:
    """Every SQL statement the app's engine sends while the block runs."""
    statements: list[str] = []
    engine = app.extensions[ENGINE_KEY]

    def remember(_connection, _cursor, statement, *_args) -> None:
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", remember)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", remember)


def _assert_no_hostile_sql(statements: list[str]) -> None:
    """No statement carries a hostile string: values travel as bound parameters, ids never come from input."""
    markers = [text for text in (*SQL, *xss_payloads()) if len(text) >= 8]
    for statement in statements:
        for marker in markers:
            assert marker not in statement, (marker, statement[:300])


def test_the_designer_api_refuses_hostile_app_ids(app, client):
    seeds = list(dict.fromkeys(text[:300] for text in INVALID_IDENTIFIERS))
    with sql_statements(app) as statements:
        for text in seeds[::4]:
            document = definition()
            document["id"] = text
            response = _post(client, "/api/apps", document)
            assert response.status_code != 201, text
            _assert_error_shape(response)
    _assert_no_hostile_sql(statements)


def test_drafts_with_hostile_field_ids_report_the_path_and_publishing_refuses_them(app, client):
    publish_new(client, definition())
    with sql_statements(app) as statements:
        for index, text in enumerate(INVALID_IDENTIFIERS[::8]):
            response = _put(client, "/api/apps/deals/draft", {"definition": _with_field(text)})
            if response.status_code != 200:
                _assert_error_shape(response)
                continue
            report = response.get_json()["validation"]
            assert not report["valid"]
            assert any(problem["path"] == f"/entities/0/fields/{NEW_FIELD}/id" for problem in report["problems"]), text
            assert response.get_json()["definition"]["entities"][0]["fields"][NEW_FIELD]["id"] == text
            if index % 4 == 0:
                refused = _assert_error_shape(client.post("/api/apps/deals/publish", json={}))
                assert refused["code"] == "publish.invalid_definition"
                assert any(problem["path"] == f"/entities/0/fields/{NEW_FIELD}/id" for problem in refused["problems"])
    _assert_no_hostile_sql(statements)


def _labelled_options(texts: list[str]) -> list[dict[str, Any]]:
    return [{"id": f"option_{index}", "label": {"zh": text, "en": text}} for index, text in enumerate(texts)]


def test_hostile_and_xss_labels_are_published_and_returned_exactly(app, client):
    texts = [text for text in (*LABELS, *xss_payloads()) if len(text) <= 1000]
    document = definition()
    document["label"] = {"zh": texts[0], "en": texts[1]}
    document["entities"][0]["fields"].append(
        {
            "id": "hostile",
            "type": "choice",
            "label": {"zh": texts[2], "en": texts[3]},
            "options": _labelled_options(["x"]),
        }
    )
    report = validate_definition(document)
    assert report.is_valid, [problem.to_json() for problem in report.errors]
    accepted, refused = [], []
    for text in texts:
        if _has_lone_surrogate(text):
            trial = copy.deepcopy(document) | {"label": text}
            refused_body = _assert_error_shape(_post(client, "/api/apps", trial), range(400, 401))
            assert refused_body["code"] == "request.unreadable"
            continue
        trial = copy.deepcopy(document)
        trial["entities"][0]["fields"][NEW_FIELD]["options"] = _labelled_options([text])
        problems = validate_definition(trial).errors
        (refused if problems else accepted).append(text)
        for problem in problems:
            _assert_clear(problem.to_json())
    chunks = [accepted[start : start + OPTIONS_PER_FIELD] for start in range(0, len(accepted), OPTIONS_PER_FIELD)]
    template = document["entities"][0]["fields"].pop()
    for index, chunk in enumerate(chunks):
        document["entities"][0]["fields"].append(
            template | {"id": f"hostile_{index}", "options": _labelled_options(chunk)}
        )
    with sql_statements(app) as statements:
        publish_new(client, document)
        version = client.get("/api/apps/deals/versions/1")
        openapi = client.get("/api/apps/deals/openapi.json")
    assert version.status_code == 200 and openapi.status_code == 200
    stored = version.get_json()["definition"]
    assert stored["label"] == document["label"]
    options = [option for field in stored["entities"][0]["fields"][NEW_FIELD:] for option in field["options"]]
    assert [option["label"]["zh"] for option in options] == accepted
    assert [option["label"]["en"] for option in options] == accepted
    assert len(accepted) >= 500 and set(xss_payloads()) <= set(accepted)
    _assert_no_hostile_sql(statements)


def _deal(name: str) -> dict[str, Any]:
    return {"name": name, "amount": 1, "stage": "open"}


def test_hostile_and_xss_values_are_stored_and_returned_exactly(app, client):
    publish_new(client, definition())
    stored: dict[int, str] = {}
    with sql_statements(app) as statements:
        for text in (*LABELS, *xss_payloads()):
            response = _post(client, RECORDS, _deal(text))
            if _has_lone_surrogate(text):
                assert _assert_error_shape(response, range(400, 401))["code"] == "request.unreadable"
                continue
            if response.status_code == 201:
                record = response.get_json()
                assert record["name"] == text
                stored[record["id"]] = text
                continue
            error = _assert_error_shape(response, range(422, 423))
            assert [problem["path"] for problem in error["problems"]] == ["/name"], (text, error)
            assert len(text) > MAX_NAME or "\x00" in text or text.strip() == "", (text, error)
        listed = {}
        for page in (1, 2, 3):
            body = client.get(f"{RECORDS}?page_size=500&sort=id&page={page}").get_json()
            listed |= {item["id"]: item["name"] for item in body["items"]}
    assert listed == stored
    assert set(xss_payloads()) <= set(stored.values())
    assert not any("\x00" in text for text in stored.values())  # refused alike on both databases (record.nul)
    _assert_no_hostile_sql(statements)


def test_hostile_values_in_filters_and_search_find_exactly_their_record(app, client):
    publish_new(client, definition())
    texts = [text for text in LABELS if 0 < len(text) <= MAX_NAME and "\x00" not in text and _encodable(text)][::8]
    ids = {}
    for text in texts:
        response = _post(client, RECORDS, _deal(text))
        if response.status_code == 422:  # blank text in a required field
            assert not text.strip(), text
            continue
        assert response.status_code == 201, (text, response.get_json())
        ids[text] = response.get_json()["id"]
    with sql_statements(app) as statements:
        for text, record_id in ids.items():
            condition = {"combinator": "and", "rules": [{"field": "name", "operator": "=", "value": text}]}
            for query in ({"name": text}, {"filter": json.dumps(condition)}):
                response = client.get(RECORDS, query_string=query)
                assert response.status_code == 200, (text, response.get_json())
                assert [item["id"] for item in response.get_json()["items"]] == [record_id], text
            searched = client.get(RECORDS, query_string={"q": text, "page_size": 500})
            assert searched.status_code == 200, (text, searched.get_json())
            assert record_id in [item["id"] for item in searched.get_json()["items"]], text
    _assert_no_hostile_sql(statements)


def _names(client, ids: list[int]) -> list[str]:
    return [client.get(f"{RECORDS}/{record_id}").get_json()["name"] for record_id in ids]


@pytest.mark.parametrize("parameter", ["sort", "filter", "field"])
def test_hostile_field_names_in_queries_are_refused_at_their_path(app, client, parameter):
    publish_new(client, definition())
    with sql_statements(app) as statements:
        for text in INVALID_IDENTIFIERS[::4]:
            if not _encodable(text):
                continue  # no URL can carry it; in a filter's JSON it is the known issue below
            if parameter == "sort":
                query, path = {"sort": text}, "/sort"
            elif parameter == "filter":
                rule = {"field": text, "operator": "=", "value": 1}
                query, path = {"filter": json.dumps({"combinator": "and", "rules": [rule]})}, "/filter"
            else:
                query, path = {text: "1"}, None
            response = client.get(RECORDS, query_string=query)
            if parameter == "sort" and not text.strip(", "):
                assert response.status_code == 200, (text, response.get_json())  # only separators: no sort asked
                continue
            error = _assert_error_shape(response, range(400, 401))
            paths = [problem["path"] for problem in error["problems"]]
            assert paths, (text, error)
            if path is not None:
                assert all(found.startswith(path) for found in paths), (text, paths)
    _assert_no_hostile_sql(statements)


def test_a_lone_surrogate_in_a_filter_field_name_is_a_400(sqlite_app):
    client = signed_in_client(sqlite_app)
    publish_new(client, definition())
    condition = '{"combinator": "and", "rules": [{"field": "\\ud800", "operator": "=", "value": 1}]}'
    response = client.get(RECORDS, query_string={"filter": condition})
    assert response.status_code == 400


def test_a_nul_in_a_text_value_is_refused_on_every_database(app):
    client = signed_in_client(app)
    publish_new(client, definition())
    response = _post(client, RECORDS, _deal("a\x00b"))
    assert response.status_code == 422
    assert [problem["code"] for problem in response.get_json()["error"]["problems"]] == ["record.nul"]
