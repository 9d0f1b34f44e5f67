"""The schema layer: the generated pre-check agrees with jsonschema, and errors become the right problems."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft7Validator, ValidationError, validators

from builder import validate_definition
from builder.definition_schema import definition_schema, ecma_pattern
from builder.validation.schema_layer import schema_problems
from builder.validation.schema_precheck import shared_precheck
from tests.support.definitions import invalid_cases, valid_document, valid_names
from tests.support.json_mutations import JSON_VALUES, mutated


def _ecma_pattern(validator, pattern, instance, schema):
    if validator.is_type(instance, "string") and not ecma_pattern(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


# The oracle: plain jsonschema (with ECMA-262 '$'), no shortcuts.
Oracle = validators.extend(Draft7Validator, {"pattern": _ecma_pattern})
ORACLE = Oracle(definition_schema())
ROOT_CHECK = shared_precheck().check(definition_schema())
DOCUMENTS = [valid_document(name) for name in valid_names()] + [case.document for case in invalid_cases()]


def test_schema_file_is_a_valid_draft_07_schema():
    Draft7Validator.check_schema(definition_schema())
    assert definition_schema()["$schema"] == "http://json-schema.org/draft-07/schema#"


@pytest.mark.parametrize("index", range(len(DOCUMENTS)))
def test_precheck_agrees_with_jsonschema_on_the_corpus(index):
    document = DOCUMENTS[index]
    assert ROOT_CHECK(document) == ORACLE.is_valid(document)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_precheck_agrees_with_jsonschema_on_mutated_documents(data):
    base = valid_document(data.draw(st.sampled_from(valid_names())))
    document = data.draw(mutated(base))
    assert ROOT_CHECK(document) == ORACLE.is_valid(document)


@settings(max_examples=400, deadline=None)
@given(name=st.sampled_from(sorted(definition_schema()["definitions"])), value=JSON_VALUES)
def test_precheck_agrees_with_jsonschema_on_every_definition(name, value):
    schema = definition_schema()["definitions"][name]
    assert shared_precheck().check(schema)(value) == ORACLE.evolve(schema=schema).is_valid(value)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_fast_layer_reports_the_same_places_as_full_jsonschema(data):
    base = valid_document(data.draw(st.sampled_from(valid_names())))
    document = data.draw(mutated(base))
    fast = {problem.path for problem in schema_problems(document)}
    full_error_places = {"/" + "/".join(map(str, error.absolute_path)) for error in ORACLE.iter_errors(document)}
    full_error_places = {"" if place == "/" else place for place in full_error_places}
    # Every place jsonschema complains about is at or under a reported problem, and vice versa.
    assert bool(fast) == bool(full_error_places)
    for place in full_error_places:
        assert any(place == path or path.startswith(place + "/") or place.startswith(path + "/") for path in fast)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_validator_never_fails_on_mutated_documents(data):
    base = valid_document(data.draw(st.sampled_from(valid_names())))
    report = validate_definition(data.draw(mutated(base)))
    for problem in report.problems:
        assert problem.message_en and problem.message_zh
        assert problem.path == "" or problem.path.startswith("/")
    places = [(problem.path, problem.code, problem.message_en) for problem in report.problems]
    assert len(places) == len(set(places)), "a problem is reported twice"


def test_required_and_unknown_properties_point_at_the_property():
    document = {"format_version": 1, "label": "x", "entities": [], "colour": "red"}
    codes = {(problem.code, problem.path) for problem in validate_definition(document).problems}
    assert ("schema.required", "/id") in codes
    assert ("schema.unknown_property", "/colour") in codes
    assert ("schema.min_items", "/entities") in codes


@pytest.mark.parametrize("value", [None, [], "definition", 42])
def test_a_document_that_is_not_an_object_is_one_clear_problem(value):
    problems = validate_definition(value).problems
    assert [(problem.code, problem.path) for problem in problems] == [("document.not_object", "")]
