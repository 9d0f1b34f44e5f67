"""The OpenAPI document of a published app: valid OpenAPI 3.1, with every operation, parameter and error."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate

from builder.model import FieldType
from builder.model.fields import WORKFLOW_STATES
from runtime.openapi import to_2020_12
from runtime.records.list_limits import MAX_PAGE_SIZE
from tests.support.apps import definition, republish
from tests.support.documented_api import RECORD_OPERATIONS, Documented, error_code, publish_documented


@pytest.mark.parametrize("name", ["minimal.json", "contract_approval.json"])
def test_the_document_is_valid_openapi_3_1(client, name):
    source = definition(name)
    documented = publish_documented(client, name)
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
    document = publish_documented(client, "minimal.json").document
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
    document = publish_documented(client, "contract_approval.json").document
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
    assert items("workflow_state") == {"enum": list(WORKFLOW_STATES)}
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
    error = publish_documented(client, "minimal.json").component("Error")
    draft = definition("contract_approval.json")
    assert client.post("/api/apps", json=draft).status_code == 201
    for url, code in [
        ("/api/apps/nope/openapi.json", "app.not_found"),
        (f"/api/apps/{draft['id']}/openapi.json", "app.not_published"),
    ]:
        response = client.get(url)
        assert response.status_code == 404
        assert error_code(response) == code
        error.validate(response.get_json())


def test_the_document_follows_each_published_version(client):
    source = definition("minimal.json")
    first = publish_documented(client, "minimal.json").document
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


def test_records_of_every_field_type_match_the_record_schema(client):
    doc = publish_documented(client, "contract_approval.json")
    schemas = doc.document["components"]["schemas"]
    kinds = {field["type"] for entity in definition("contract_approval.json")["entities"] for field in entity["fields"]}
    assert kinds == {kind.value for kind in FieldType}
    record = doc.component("customer.Record")
    empty = doc.call("post", doc.paths("customer")["records"], json={"name": "Empty"}).get_json()
    record.validate(empty)
    assert set(schemas["customer.Record"]["required"]) == set(empty) - {"contact_phone", "notes"}


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
