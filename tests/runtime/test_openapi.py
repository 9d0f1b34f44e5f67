"""The OpenAPI document of a published app: valid OpenAPI 3.1, and true to every response the records API gives."""

from __future__ import annotations

import copy
import json
import re
from typing import Any
from urllib.parse import quote

import pytest
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from builder.model import FieldType
from runtime.database import ENGINE_KEY
from runtime.identity import org_admin
from runtime.openapi import to_2020_12
from runtime.records.list_limits import MAX_PAGE_SIZE
from tests.support.apps import definition, publish_new, republish
from tests.support.auth import signed_in_client

DOCUMENT_URI = "urn:dabble:test:openapi"
RECORD_OPERATIONS = ("list", "create", "get", "update", "delete", "restore", "history")


class Documented:
    """The OpenAPI document of one published app, and checks of real responses against it."""

    def __init__(self, client, app_id: str) -> None:
        response = client.get(f"/api/apps/{app_id}/openapi.json")
        assert response.status_code == 200, response.get_json()
        assert response.mimetype == "application/json"
        self.client = client
        self.app_id = app_id
        self.document: dict[str, Any] = response.get_json()
        resource = Resource.from_contents(self.document, default_specification=DRAFT202012)
        self.registry = Registry().with_resource(DOCUMENT_URI, resource)
        self.seen: set[tuple[str, str, str]] = set()

    def paths(self, entity: str) -> dict[str, str]:
        """The path templates of an entity's operations."""
        base = f"/api/apps/{self.app_id}/{entity}"
        one = f"{base}/{{record_id}}"
        return {"records": base, "record": one, "restore": f"{one}/restore", "history": f"{one}/history"}

    def validator(self, *pointer: str) -> Draft202012Validator:
        """A validator for the schema at a place of the document (its $refs resolved in the document)."""
        escaped = "/".join(quote(part.replace("~", "~0").replace("/", "~1"), safe="~") for part in pointer)
        return Draft202012Validator({"$ref": f"{DOCUMENT_URI}#/{escaped}"}, registry=self.registry)

    def component(self, name: str) -> Draft202012Validator:
        return self.validator("components", "schemas", name)

    def accepts_body(self, template: str, method: str, body: Any) -> bool:
        """Whether the documented request body schema accepts a body."""
        return self.validator(
            "paths", template, method, "requestBody", "content", "application/json", "schema"
        ).is_valid(body)

    def call(
        self, method: str, template: str, record_id: int | None = None, *, path: dict[str, str] | None = None, **options
    ):
        """Send a request to a documented path and check the response against the document."""
        url = template.replace("{record_id}", str(record_id)) if record_id is not None else template
        for name, value in (path or {}).items():
            url = url.replace(f"{{{name}}}", value)
        response = self.client.open(url, method=method.upper(), **options)
        operation = self.document["paths"][template][method]
        status = str(response.status_code)
        assert status in operation["responses"], f"{method} {url} gave undocumented {status}: {response.data[:500]!r}"
        self.seen.add((template, method, status))
        documented = operation["responses"][status]
        for header, spec in documented.get("headers", {}).items():
            if spec.get("required"):
                assert header in response.headers, f"{method} {url} {status} lacks the header {header}"
        if "content" not in documented:
            assert response.data == b"", f"{method} {url} {status} has a body the document does not describe"
            return response
        assert response.mimetype == "application/json"
        body = json.loads(response.data)
        validator = self.validator(
            "paths", template, method, "responses", status, "content", "application/json", "schema"
        )
        problems = [
            f"{'/'.join(map(str, error.absolute_path))}: {error.message}" for error in validator.iter_errors(body)
        ]
        assert not problems, f"{method} {url} {status} does not match the document: {problems}\n{body}"
        return response


def _publish(client, name: str) -> Documented:
    document = definition(name)
    publish_new(client, document)
    return Documented(client, document["id"])


def _code(response) -> str:
    return response.get_json()["error"]["code"]


# -- the document -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["minimal.json", "contract_approval.json"])
def test_the_document_is_valid_openapi_3_1(client, name):
    source = definition(name)
    documented = _publish(client, name)
    document = documented.document
    validate(document)

    assert document["openapi"] == "3.1.0"
    assert document["info"]["version"] == "1"
    assert document["info"]["title"] in (source["label"]["zh"], source["label"]["en"])
    assert source["label"]["en"] in document["info"]["description"]
    assert document["servers"] == [{"url": "/"}]
    entities = [entity["id"] for entity in source["entities"]]
    assert [tag["name"] for tag in document["tags"]] == entities
    for tag, entity in zip(document["tags"], source["entities"], strict=True):
        assert entity["label"]["zh"] in tag["description"] and entity["label"]["en"] in tag["description"]

    schemas = document["components"]["schemas"]
    for name_ in ("RecordPage", "History", "Error", "Problem", "Condition"):
        assert name_ in schemas
    for schema in schemas.values():
        Draft202012Validator.check_schema(schema)
        assert "$schema" not in json.dumps(schema)
    operation_ids = []
    for entity in source["entities"]:
        assert {f"{entity['id']}.{kind}" for kind in ("Record", "Create", "Patch")} <= set(schemas)
        paths = documented.paths(entity["id"])
        assert set(document["paths"][paths["records"]]) == {"get", "post"}
        assert set(document["paths"][paths["record"]]) == {"parameters", "get", "patch", "delete"}
        for template in paths.values():
            for method, operation in document["paths"][template].items():
                if method == "parameters":
                    continue
                operation_ids.append(operation["operationId"])
                assert operation["tags"] == [entity["id"]]
                for status, response in operation["responses"].items():
                    if status.startswith(("4", "5")):
                        assert response["content"]["application/json"]["schema"] == {
                            "$ref": "#/components/schemas/Error"
                        }
    assert len(operation_ids) == len(set(operation_ids)) == len(RECORD_OPERATIONS) * len(entities)


def test_every_operation_documents_its_errors(client):
    document = _publish(client, "minimal.json").document
    paths = document["paths"]
    errors = {
        ("/api/apps/deals/deal", "get"): {"400", "404", "500"},
        ("/api/apps/deals/deal", "post"): {"400", "404", "409", "413", "422", "500"},
        ("/api/apps/deals/deal/{record_id}", "get"): {"404", "500"},
        ("/api/apps/deals/deal/{record_id}", "patch"): {"400", "404", "409", "413", "422", "500"},
        ("/api/apps/deals/deal/{record_id}", "delete"): {"400", "404", "409", "500"},
        ("/api/apps/deals/deal/{record_id}/restore", "post"): {"404", "409", "500"},
        ("/api/apps/deals/deal/{record_id}/history", "get"): {"404", "500"},
    }
    for (template, method), statuses in errors.items():
        assert statuses <= set(paths[template][method]["responses"]), (template, method)
    assert paths["/api/apps/deals/deal"]["post"]["requestBody"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/deal.Create"
    }
    patch = paths["/api/apps/deals/deal/{record_id}"]["patch"]
    assert patch["requestBody"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/deal.Patch"}
    assert document["components"]["schemas"]["deal.Patch"]["required"] == ["row_version"]
    delete = paths["/api/apps/deals/deal/{record_id}"]["delete"]
    assert [parameter["name"] for parameter in delete["parameters"]] == ["row_version"]


def test_list_parameters_are_typed_per_field(client):
    document = _publish(client, "contract_approval.json").document
    operation = document["paths"]["/api/apps/contract_approval/customer"]["get"]
    parameters = {parameter["name"]: parameter for parameter in operation["parameters"]}
    assert list(parameters)[:5] == ["page", "page_size", "sort", "q", "filter"]
    assert parameters["page_size"]["schema"]["maximum"] == MAX_PAGE_SIZE == 500
    assert parameters["filter"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Condition"}

    def items(name: str) -> dict[str, Any]:
        assert parameters[name]["schema"]["type"] == "array"
        return parameters[name]["schema"]["items"]

    assert items("industry") == {"enum": ["manufacturing", "retail", "energy"]}
    assert items("tags") == {"enum": ["key_account", "new_logo"]}
    assert items("satisfaction") == {"type": "integer"}
    assert items("is_strategic") == {"type": "boolean"}
    assert items("name")["type"] == "string"
    assert items("id") == {"type": "integer"}
    assert items("workflow_state") == {"enum": ["draft", "in_review", "approved", "rejected", "cancelled"]}
    assert "notes" not in parameters  # longtext cannot be filtered by value
    assert "row_version" not in parameters
    contract = document["paths"]["/api/apps/contract_approval/contract"]["get"]
    contract_parameters = {parameter["name"]: parameter["schema"] for parameter in contract["parameters"][5:]}
    assert contract_parameters["customer"]["items"] == {"type": "integer", "minimum": 1}
    assert contract_parameters["amount"]["items"] == {"type": "number"}
    assert contract_parameters["net_unit_price"]["items"] == {"type": "number"}
    for kind in ("Record", "Create", "Patch"):
        customer = document["components"]["schemas"][f"contract.{kind}"]["properties"]["customer"]
        assert customer["description"] == "The id of a customer record."


def test_values_in_schemas_are_kept_as_written():
    value = {"$schema": "x", "items": [1], "$ref": "#/definitions/condition"}
    schema = {"$schema": "y", "properties": {"a": {"const": value, "default": value, "enum": [value], "items": [{}]}}}
    converted = to_2020_12(schema, {"condition": "Condition"})
    assert converted == {"properties": {"a": {"const": value, "default": value, "enum": [value], "prefixItems": [{}]}}}
    assert converted["properties"]["a"]["const"] is not value


def test_unknown_and_unpublished_apps_are_404_in_the_error_shape(client):
    error = _publish(client, "minimal.json").component("Error")
    draft = definition("contract_approval.json")
    assert client.post("/api/apps", json=draft).status_code == 201
    for url, code in [
        ("/api/apps/nope/openapi.json", "app.not_found"),
        (f"/api/apps/{draft['id']}/openapi.json", "app.not_published"),
    ]:
        response = client.get(url)
        assert response.status_code == 404
        assert _code(response) == code
        error.validate(response.get_json())


def test_the_document_follows_each_published_version(client):
    source = definition("minimal.json")
    first = _publish(client, "minimal.json").document
    assert "region" not in first["components"]["schemas"]["deal.Record"]["properties"]
    changed = copy.deepcopy(source)
    changed["entities"][0]["fields"].append(
        {
            "id": "region",
            "type": "choice",
            "label": {"zh": "区域", "en": "Region"},
            "options": [{"id": "east", "label": "East"}],
        }
    )
    assert republish(client, changed).status_code == 201
    second = Documented(client, "deals")
    assert second.document["info"]["version"] == "2"
    assert second.document["components"]["schemas"]["deal.Record"]["properties"]["region"]["enum"] == ["east", None]
    created = second.call(
        "post", "/api/apps/deals/deal", json={"name": "A", "amount": 1, "stage": "open", "region": "east"}
    )
    assert created.status_code == 201


# -- every operation over HTTP ------------------------------------------------------------------------------


def test_every_operation_answers_as_documented(client, app):
    doc = _publish(client, "minimal.json")
    paths = doc.paths("deal")
    records, one, restore, history = paths["records"], paths["record"], paths["restore"], paths["history"]

    # create: 201 with Location, 422, 400, 413
    body = {"name": "Big one", "amount": 123456.78, "stage": "open", "quantity": 4, "revenue": 10}
    assert doc.accepts_body(records, "post", body)
    created = doc.call("post", records, json=body)
    assert created.status_code == 201
    record = created.get_json()
    assert created.headers["Location"] == f"{records}/{record['id']}"
    assert record["average"] == 2.5 and record["row_version"] == 1
    second = doc.call("post", records, json={"name": "Small", "amount": 5, "stage": "won"}).get_json()

    invalid = {"name": "", "amount": "x", "stage": "closed", "owner": "me", "extra": 1}
    assert not doc.accepts_body(records, "post", invalid)
    response = doc.call("post", records, json=invalid)
    assert response.status_code == 422 and _code(response) == "record.invalid"
    assert {problem["path"] for problem in response.get_json()["error"]["problems"]} >= {"/name", "/amount", "/stage"}
    assert doc.call("post", records, json=[1, 2]).status_code == 422
    assert doc.call("post", records, json={}).status_code == 422
    for data in (b"", b"{", b'{"name": "a", "name": "b"}', b'{"amount": NaN}'):
        response = doc.call("post", records, data=data, content_type="application/json")
        assert response.status_code == 400, data
    too_big = b" " * (app.config["MAX_CONTENT_LENGTH"] + 1)
    response = doc.call("post", records, data=too_big, content_type="application/json")
    assert response.status_code == 413

    # get: 200, 404
    assert doc.call("get", one, record["id"]).get_json() == record
    response = doc.call("get", one, 999_999)
    assert response.status_code == 404 and _code(response) == "record.not_found"

    # list: 200 with each kind of parameter, 400 for each kind of mistake
    listed = doc.call("get", records, query_string={"sort": "-amount,name", "page_size": 1}).get_json()
    assert (
        listed["total"] == 2 and listed["page_size"] == 1 and [item["id"] for item in listed["items"]] == [record["id"]]
    )
    condition = {"combinator": "and", "rules": [{"field": "amount", "operator": ">", "value": 100}]}
    assert doc.call("get", records, query_string={"filter": json.dumps(condition)}).get_json()["total"] == 1
    assert doc.call("get", records, query_string=[("stage", "open"), ("stage", "won")]).get_json()["total"] == 2
    assert doc.call("get", records, query_string={"q": "big", "page": 2}).get_json()["items"] == []
    assert doc.call("get", records, query_string={"page": 10**9}).status_code == 200
    for query in (
        {"page": 0},
        {"page": 10**9 + 1},
        {"page_size": 501},
        {"page_size": "ten"},
        {"sort": "bogus"},
        {"sort": "-"},
        {"filter": "{not json"},
        {"filter": json.dumps({"rules": [{"field": "nope", "operator": "=", "value": 1}]})},
        {"nope": "1"},
        {"row_version": "1"},
        {"quantity": "1.5"},
        {"stage": "closed"},
        {"q": "x" * 201},
    ):
        response = doc.call("get", records, query_string=query)
        assert response.status_code == 400 and _code(response) == "query.invalid", query

    # patch: 200, 409 stale, 422, 400, 404, 413
    change = {"row_version": 1, "amount": 5, "name": "Renamed"}
    assert doc.accepts_body(one, "patch", change)
    changed = doc.call("patch", one, record["id"], json=change).get_json()
    assert changed["row_version"] == 2 and changed["amount"] == 5
    response = doc.call("patch", one, record["id"], json={"row_version": 1, "amount": 6})
    assert response.status_code == 409 and _code(response) == "record.stale"
    for invalid in ({"amount": 6}, {"row_version": 2, "name": None}, {"row_version": 2, "stage": "closed"}):
        assert not doc.accepts_body(one, "patch", invalid)
        response = doc.call("patch", one, record["id"], json=invalid)
        assert response.status_code == 422 and _code(response) == "record.invalid", invalid
    assert doc.call("patch", one, record["id"], data=b"", content_type="application/json").status_code == 400
    assert doc.call("patch", one, 999_999, json={"row_version": 1}).status_code == 404
    assert doc.call("patch", one, record["id"], data=too_big, content_type="application/json").status_code == 413

    # delete: 400, 409, 204, then the record is gone but has a history
    assert doc.call("delete", one, record["id"], query_string={"row_version": "two"}).status_code == 400
    response = doc.call("delete", one, record["id"], query_string={"row_version": 1})
    assert response.status_code == 409 and _code(response) == "record.stale"
    assert doc.call("delete", one, record["id"], query_string={"row_version": 2}).status_code == 204
    assert doc.call("delete", one, record["id"]).status_code == 404
    assert doc.call("get", one, record["id"]).status_code == 404
    assert doc.call("delete", one, second["id"]).status_code == 204

    # history (deleted records included), restore
    actions = [item["action"] for item in doc.call("get", history, record["id"]).get_json()["items"]]
    assert actions == ["create", "update", "delete"]
    assert doc.call("get", history, 999_999).status_code == 404
    restored = doc.call("post", restore, record["id"]).get_json()
    assert restored["id"] == record["id"] and restored["row_version"] == 4
    assert doc.call("post", restore, record["id"]).get_json() == restored  # not deleted: returned as it is
    assert doc.call("post", restore, 999_999).status_code == 404
    assert doc.call("get", records).get_json()["total"] == 1

    expected = {
        (records, "post", "201"),
        (records, "post", "400"),
        (records, "post", "413"),
        (records, "post", "422"),
        (records, "get", "200"),
        (records, "get", "400"),
        (one, "get", "200"),
        (one, "get", "404"),
        (one, "patch", "200"),
        (one, "patch", "400"),
        (one, "patch", "404"),
        (one, "patch", "409"),
        (one, "patch", "413"),
        (one, "patch", "422"),
        (one, "delete", "204"),
        (one, "delete", "400"),
        (one, "delete", "404"),
        (one, "delete", "409"),
        (restore, "post", "200"),
        (restore, "post", "404"),
        (history, "get", "200"),
        (history, "get", "404"),
    }
    assert expected <= doc.seen, expected - doc.seen


def test_records_with_refs_and_unique_values_answer_as_documented(client):
    doc = _publish(client, "contract_approval.json")
    customers, customer = doc.paths("customer")["records"], doc.paths("customer")["record"]
    contracts, contract = doc.paths("contract")["records"], doc.paths("contract")["record"]
    follow_ups = doc.paths("follow_up")["records"]

    acme_body = {
        "name": "Acme",
        "industry": "retail",
        "tags": ["key_account", "new_logo"],
        "contact_email": "buyer@acme.example",
        "contact_phone": "+86 21 5555 0100",
        "website": "https://acme.example",
        "satisfaction": 4,
        "is_strategic": True,
        "account_manager": "li.wei",
        "notes": "Pays on time.",
    }
    assert doc.accepts_body(customers, "post", acme_body)
    acme = doc.call("post", customers, json=acme_body).get_json()
    globex = doc.call("post", customers, json={"name": "Globex", "tags": []}).get_json()
    assert globex["tags"] is None and globex["is_strategic"] is False

    response = doc.call("post", customers, json={"name": "Acme"})
    assert response.status_code == 409 and _code(response) == "record.unique"
    response = doc.call("patch", customer, globex["id"], json={"row_version": 1, "name": "Acme"})
    assert response.status_code == 409 and _code(response) == "record.unique"
    response = doc.call(
        "post", customers, json={"name": "Bad", "satisfaction": 9, "contact_email": "nope", "tags": ["x"]}
    )
    assert response.status_code == 422

    deal = {
        "title": "Big order",
        "customer": acme["id"],
        "amount": 600000,
        "discount": 12.5,
        "unit_price": 99.99,
        "sign_date": "2024-02-29",
        "last_follow_up": "2024-03-01T08:30:00+08:00",
        "margin_note": "thin",
    }
    assert doc.accepts_body(contracts, "post", deal)
    signed = doc.call("post", contracts, json=deal).get_json()
    assert signed["stage"] == "drafting" and signed["quantity"] == 1 and signed["net_unit_price"] == 87.49
    assert signed["last_follow_up"] == "2024-03-01T00:30:00Z"
    response = doc.call("post", contracts, json=deal | {"customer": 999_999})
    assert response.status_code == 422
    assert response.get_json()["error"]["problems"][0]["code"] == "record.ref_missing"
    response = doc.call("post", contracts, json=deal | {"sign_date": "2024-02-30", "discount": 1.25})
    assert {problem["code"] for problem in response.get_json()["error"]["problems"]} == {
        "record.format",
        "record.decimal_places",
    }
    task = doc.call("post", follow_ups, json={"subject": "Call", "contract": signed["id"], "due": "2024-03-04"})
    assert task.status_code == 201

    for query in (
        {"customer": acme["id"]},
        {"tags": "key_account"},
        {"is_strategic": "true"},
        {"sign_date": "2024-02-29"},
        {"last_follow_up": "2024-03-01T00:30:00Z"},
        {"filter": json.dumps({"rules": [{"definition": "large_contract"}]})},
        {"sort": "-net_unit_price,customer"},
    ):
        template = customers if set(query) & {"tags", "is_strategic"} else contracts
        response = doc.call("get", template, query_string=query)
        assert response.get_json()["total"] == 1, query

    # a unique value taken while its record was deleted: restoring it is refused
    assert doc.call("delete", customer, globex["id"]).status_code == 204
    doc.call("post", customers, json={"name": "Globex"})
    response = doc.call("post", doc.paths("customer")["restore"], globex["id"])
    assert response.status_code == 409 and _code(response) == "record.unique"
    changes = doc.call("get", doc.paths("customer")["history"], acme["id"]).get_json()["items"][0]["changes"]
    assert changes["tags"] == [None, ["key_account", "new_logo"]]
    assert doc.call("get", contract, signed["id"]).get_json() == signed


@pytest.mark.parametrize("name", ["minimal.json", "contract_approval.json"])
def test_every_documented_list_parameter_is_accepted_and_no_other(client, name):
    doc = _publish(client, name)
    for entity in definition(name)["entities"]:
        template = doc.paths(entity["id"])["records"]
        operation = doc.document["paths"][template]["get"]
        parameters = {parameter["name"]: parameter for parameter in operation["parameters"]}
        examples = [(name_, value) for name_, parameter in parameters.items() for value in parameter.get("example", [])]
        for parameter_name, value in examples:
            shown = json.dumps(value) if isinstance(value, bool) else str(value)
            response = doc.call("get", template, query_string={parameter_name: shown})
            assert response.status_code == 200, (parameter_name, response.get_json())
        response = doc.call(
            "get",
            template,
            query_string=[
                (key, json.dumps(value) if isinstance(value, bool) else str(value)) for key, value in examples
            ],
        )
        assert response.status_code == 200, response.get_json()

        # a field can be named as a parameter and sorted by exactly when the document says so
        sort = re.compile(parameters["sort"]["schema"]["pattern"])
        for field_id in doc.document["components"]["schemas"][f"{entity['id']}.Record"]["properties"]:
            for direction in ("", "-"):
                accepted = doc.call("get", template, query_string={"sort": direction + field_id}).status_code == 200
                assert accepted == bool(sort.match(direction + field_id)), field_id
            if field_id not in parameters:
                response = doc.call("get", template, query_string={field_id: "1"})
                assert response.status_code == 400 and _code(response) == "query.invalid", field_id
        assert doc.call("get", template, query_string={"sort": ",-id,,"}).status_code == 200


def test_records_of_every_field_type_match_the_record_schema(client):
    doc = _publish(client, "contract_approval.json")
    schemas = doc.document["components"]["schemas"]
    kinds = {field["type"] for entity in definition("contract_approval.json")["entities"] for field in entity["fields"]}
    assert kinds == {kind.value for kind in FieldType}
    record = doc.component("customer.Record")
    empty = doc.call("post", doc.paths("customer")["records"], json={"name": "Empty"}).get_json()
    record.validate(empty)
    assert set(schemas["customer.Record"]["required"]) == set(empty) - {"contact_phone", "notes"}


def test_an_empty_text_is_documented_as_no_value_for_optional_text_fields(client):
    doc = _publish(client, "contract_approval.json")
    records = doc.paths("customer")["records"]
    body = {"name": "Quiet", "notes": "", "contact_phone": ""}
    assert doc.accepts_body(records, "post", body)
    assert not doc.accepts_body(records, "post", body | {"name": ""})  # a required text cannot be empty
    created = doc.call("post", records, json=body).get_json()
    assert (created["notes"], created["contact_phone"]) == (None, None)
    assert doc.call("post", records, json=body | {"name": ""}).status_code == 422


def test_requests_at_the_edges_still_get_documented_answers(client):
    """Whatever the API answers to odd requests, the status is documented and the body has the documented shape."""
    doc = _publish(client, "minimal.json")
    records, one = doc.paths("deal")["records"], doc.paths("deal")["record"]
    created = doc.call("post", records, json={"name": "A", "amount": 1, "stage": "open"}).get_json()
    doc.call("get", records, query_string={"page": "²"})
    doc.call("get", records, query_string={"page_size": "²"})
    doc.call("get", records, query_string={"quantity": "9" * 30})
    doc.call("get", records, query_string={"amount": "1e999"})
    doc.call("get", one, 10**20)
    doc.call("delete", one, created["id"], query_string={"row_version": "²"})
    doc.call("post", records, json={"name": "B", "amount": 1, "stage": "open", "quantity": 2**70})
    doc.call("post", records, json={"name": "C", "amount": 1e300, "stage": "open"})
    doc.call("patch", one, created["id"], json={"row_version": 1.0, "name": "Z"})
    assert doc.call("get", one, created["id"]).status_code == 200


def test_fields_cannot_be_named_like_list_parameters(client):
    """page, page_size, sort, q and filter are list parameters, so no field may take those ids."""
    source = definition("minimal.json")
    source["entities"][0]["fields"] += [
        {"id": name, "type": "text", "label": name} for name in ("page", "page_size", "sort", "q", "filter")
    ]
    client.post("/api/apps", json=source)
    refused = client.post("/api/apps/deals/publish", json={})
    assert refused.status_code == 422
    codes = [problem["code"] for problem in refused.get_json()["error"]["problems"]]
    assert codes.count("id.reserved_parameter") == 5  # filter is an SQL word too: id.reserved_word


def test_sharing_narrowing_and_refusals_answer_as_documented(app, client):
    doc = _publish(client, "contract_approval.json")
    customer = doc.call("post", doc.paths("customer")["records"], json={"name": "ACME"}).get_json()["id"]
    contract = {"title": "T", "customer": customer, "amount": 10, "margin_note": "m"}
    record_id = doc.call("post", doc.paths("contract")["records"], json=contract).get_json()["id"]
    base = "/api/apps/contract_approval/contract/{record_id}"
    assert doc.call("post", f"{base}/shares", record_id, json={"username": "sam"}).status_code == 200
    assert doc.call("get", f"{base}/shares", record_id).get_json()["items"][0]["username"] == "sam"
    assert doc.call("post", f"{base}/shares", record_id, json={"username": "no spaces"}).status_code == 422
    unshare = f"{base}/shares/{{username}}"
    assert doc.call("delete", unshare, record_id, path={"username": "sam"}).status_code == 204
    narrowed = doc.call("put", f"{base}/visibility", record_id, json={"field": "margin_note", "level": "owner"})
    assert narrowed.get_json()["margin_note"] == {"level": "owner", "may_narrow": True}
    assert doc.call("get", f"{base}/visibility", record_id).status_code == 200
    wrong = {"field": "margin_note", "level": "x"}
    assert doc.call("put", f"{base}/visibility", record_id, json=wrong).status_code == 422
    org_admin.create_user(app.extensions[ENGINE_KEY], "ivy")
    outsider = Documented(signed_in_client(app, "ivy", is_admin=False), "contract_approval")
    refused = outsider.call("get", outsider.paths("contract")["records"])
    assert (refused.status_code, _code(refused)) == (403, "access.denied")
