"""The OpenAPI document of a published app, and checks of real responses against it (for the OpenAPI tests)."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from tests.support.apps import definition, publish_new

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


def publish_documented(client, name: str) -> Documented:
    """Publish a corpus definition and read its OpenAPI document."""
    document = definition(name)
    publish_new(client, document)
    return Documented(client, document["id"])


def error_code(response) -> str:
    """The error code of an error response."""
    return response.get_json()["error"]["code"]
