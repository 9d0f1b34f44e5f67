"""API fuzzing with schemathesis: every operation of an app's OpenAPI document, valid and invalid requests.

For each operation, schemathesis generates requests that fit the document (positive) and requests
that do not (negative), sends them with an administrator's bearer token, and checks each answer:
no 5xx, a documented status, content type, headers and body schema, and invalid input rejected
with 4xx. The transport is either the Flask app in-process (tests) or a real server (benchmark).
"""

from __future__ import annotations

import json
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlsplit

import requests
import schemathesis
from hypothesis import HealthCheck, Phase, given, seed, settings
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi import checks as openapi_checks

CHECKS = (
    not_a_server_error,
    openapi_checks.status_code_conformance,
    openapi_checks.content_type_conformance,
    openapi_checks.response_headers_conformance,
    openapi_checks.response_schema_conformance,
    openapi_checks.negative_data_rejection,
)
MODES = (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
FAILURES_KEPT = 20
# Known issues outside this package, reported to their owners: counted apart until they are fixed.
NARROWED = "valid-for-the-real-document"  # broke only generation_document's narrower limits: accepted rightly
REQUEST_LINE = "request-line-too-long"
KNOWN_ISSUES = {
    REQUEST_LINE: "gunicorn answers 414 with an HTML page to URLs longer than --limit-request-line (16384 bytes, as "
    "the README's gunicorn command sets it), which the OpenAPI document's limits still allow at their extremes",
}


@dataclass(frozen=True)
class Failure:
    """A request whose answer failed a check, with what it takes to reproduce it."""

    operation: str
    mode: str
    status: int
    checks: str
    request: str
    response: str


@dataclass
class FuzzReport:
    """What fuzzing one app sent and found."""

    app: str
    operations: int = 0
    requests: Counter = field(default_factory=Counter)  # by mode
    statuses: Counter = field(default_factory=Counter)
    failures: list[Failure] = field(default_factory=list)
    failure_count: int = 0
    known: Counter = field(default_factory=Counter)  # by KNOWN_ISSUES key, and NARROWED
    seconds: float = 0.0

    @property
    def total(self) -> int:
        """Every request sent."""
        return sum(self.requests.values())

    @property
    def server_errors(self) -> int:
        """Answers with a 5xx status."""
        return sum(count for status, count in self.statuses.items() if status >= 500)


class Target:
    """Where requests go: a Flask app in-process, or a server at a base URL (over one keep-alive session)."""

    def __init__(self, token: str, *, app: Any = None, base_url: str | None = None) -> None:
        self.headers = {"Authorization": f"Bearer {token}"}
        self.app = app
        self.base_url = base_url
        self.session = requests.Session() if base_url else None

    def document(self, app_id: str) -> dict[str, Any]:
        """The app's OpenAPI document, as the API serves it."""
        path = f"/api/apps/{app_id}/openapi.json"
        if self.app is not None:
            response = self.app.test_client().get(path, headers=self.headers)
            assert response.status_code == 200, response.data[:500]
            return response.get_json()
        response = self.session.get(self.base_url + path, headers=self.headers, timeout=120)
        response.raise_for_status()
        return response.json()

    def call(self, case) -> Any:
        """Send a generated case."""
        if self.app is not None:
            return case.call(app=self.app, headers=self.headers)
        return case.call(base_url=self.base_url, session=self.session, headers=self.headers, timeout=120)

    def close(self) -> None:
        """Close the HTTP session, if any."""
        if self.session is not None:
            self.session.close()


def fuzz_app(target: Target, app_id: str, *, examples: int, random_seed: int = 0) -> FuzzReport:
    """Fuzz every operation of an app with `examples` positive and `examples` negative requests."""
    started = time.perf_counter()
    document = target.document(app_id)
    schema = schemathesis.openapi.from_dict(generation_document(document))
    condition = _condition_validator(document)
    report = FuzzReport(app_id)
    for result in schema.get_all_operations():
        operation = result.ok()
        report.operations += 1
        for mode in MODES:
            _fuzz_operation(target, operation, mode, report, examples=examples, seed_=random_seed, condition=condition)
    report.seconds = time.perf_counter() - started
    return report


def _fuzz_operation(target, operation, mode, report: FuzzReport, *, examples: int, seed_: int, condition) -> None:
    @seed(seed_)
    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=mode))
    def send(case) -> None:
        response = target.call(case)
        report.requests[mode.value] += 1
        report.statuses[response.status_code] += 1
        try:
            case.validate_response(response, checks=list(CHECKS), headers=target.headers)
        except FailureGroup as group:
            known = REQUEST_LINE if response.status_code == 414 else _known_issue(case, response, group, condition)
            if known:
                report.known[known] += 1
                return
            report.failure_count += 1
            if len(report.failures) < FAILURES_KEPT:
                report.failures.append(_failure(case, mode, response, group, target))

    send()


def _failure(case, mode, response, group: FailureGroup, target: Target) -> Failure:
    titles = "; ".join(sorted({getattr(failure, "title", type(failure).__name__) for failure in group.exceptions}))
    return Failure(
        operation=case.operation.label,
        mode=mode.value,
        status=response.status_code,
        checks=titles,
        request=case.as_curl_command(headers=target.headers)[:3000],
        response=response.text[:1500],
    )


def _known_issue(case, response, group: FailureGroup, condition: Draft202012Validator) -> str | None:
    """What explains every failure of the group, if something does: a known issue, or a narrowed generation.

    Only an accepted invalid request on a list with `filter=` can be explained: when every other
    query parameter is valid for the real document, the filter decides. A filter the real document
    refuses stays a failure; one it accepts only broke generation_document's narrower limits, and
    accepting it is right. Parameters are judged as they went on the wire (an
    object generated for a text parameter goes as an empty value, which is valid).
    """
    accepted = all(isinstance(failure, openapi_checks.AcceptedNegativeData) for failure in group.exceptions)
    query = {name: values if len(values) > 1 else values[0] for name, values in _sent_query(response).items()}
    raw = query.get("filter")
    if not accepted or case.method.upper() != "GET" or not isinstance(raw, str):
        return None
    if not _parameters_valid(case.operation.definition.raw.get("parameters", []), query):
        return None
    try:
        value = json.loads(raw)
    except ValueError:
        return None  # unreadable JSON is refused by the API: not this issue
    return NARROWED if condition.is_valid(value) else None


def _sent_query(response) -> dict[str, list[str]]:
    """The query parameters of the request that got this response, as sent."""
    return parse_qs(urlsplit(response.request.url).query, keep_blank_values=True)


def _parameters_valid(parameters: list[dict[str, Any]], query: dict[str, Any]) -> bool:
    """Whether every query parameter but `filter` is one the document declares, with a value it allows."""
    schemas = {parameter["name"]: parameter.get("schema") for parameter in parameters if parameter["in"] == "query"}
    for name, value in query.items():
        if name == "filter":
            continue
        schema = schemas.get(name)
        if schema is None:
            return False
        values = value if isinstance(value, list) else [value]
        if schema.get("type") == "array":
            item = schema["items"]
            typed = [_typed(text, item) for text in values]
            if not schema.get("minItems", 0) <= len(typed) <= schema.get("maxItems", len(typed)):
                return False
            schema = item
        else:
            if len(values) != 1:
                return False
            typed = [_typed(values[0], schema)]
        validator = Draft202012Validator(schema)
        if any(item is None or not validator.is_valid(item) for item in typed):
            return False
    return True


def _typed(text: Any, schema: dict[str, Any]) -> Any:
    """A query string value read as its schema's type (None when it cannot be)."""
    if not isinstance(text, str):
        return text
    try:
        if schema.get("type") == "integer":
            return int(text)
        if schema.get("type") == "number":
            return float(text)
    except ValueError:
        return None
    return text


SCALAR = {"type": ["string", "number", "boolean", "null"]}
GENERATED_RULES = 5  # rules per condition group in generated filters
REFS = "#/components/schemas/"


def generation_document(document: dict[str, Any]) -> dict[str, Any]:
    """The document schemathesis generates from: `filter=` conditions two levels deep, five rules a group.

    The document allows 200 rules a group, groups nested 20 deep and any JSON as a rule's value;
    drawn as such, hypothesis builds filters of tens of thousands of nodes and spends minutes on
    one request. Generated filters are kept small; a request that only breaks these narrower limits
    is valid for the API, and `classify` does not count its acceptance as a failure.
    """
    copy = json.loads(json.dumps(document))
    schemas = copy.get("components", {}).get("schemas", {})
    if "Condition" not in schemas:
        return copy
    schemas["ConditionRule"]["properties"]["value"] = {
        "anyOf": [SCALAR, {"type": "array", "items": SCALAR, "maxItems": GENERATED_RULES}]
    }
    inner = json.loads(json.dumps(schemas["Condition"]))
    inner["properties"]["rules"]["items"] = {
        "if": {"type": "object", "required": ["definition"]},
        "then": {"$ref": REFS + "DefinitionReference"},
        "else": {"$ref": REFS + "ConditionRule"},
    }
    inner["properties"]["rules"]["maxItems"] = GENERATED_RULES
    schemas["InnerCondition"] = inner
    schemas["ConditionItem"]["then"] = {"$ref": REFS + "InnerCondition"}
    schemas["Condition"]["properties"]["rules"]["maxItems"] = GENERATED_RULES
    return copy


def _condition_validator(document: dict[str, Any]) -> Draft202012Validator:
    uri = "urn:dabble:fuzz:openapi"
    registry = Registry().with_resource(uri, Resource.from_contents(document, default_specification=DRAFT202012))
    return Draft202012Validator({"$ref": f"{uri}#/components/schemas/Condition"}, registry=registry)
