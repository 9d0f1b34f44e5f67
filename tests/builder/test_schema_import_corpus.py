"""Real-world-style JSON Schema forms import into entities that validate, with every dropped keyword listed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from builder import validate_definition
from builder.schema_import import form_to_entity

CORPUS = Path(__file__).resolve().parents[1] / "cases" / "json_schema_forms"
CASES = sorted(path.name for path in CORPUS.iterdir() if path.is_dir())


def _load(case: str, name: str) -> dict | None:
    path = CORPUS / case / name
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


@pytest.fixture(params=CASES)
def case(request):
    expected = _load(request.param, "expected.json")
    schema, ui = _load(request.param, "schema.json"), _load(request.param, "ui.json")
    return expected, form_to_entity(schema, ui, entity_id=expected.get("entity_option"))


def test_the_corpus_covers_both_drafts():
    drafts = {_load(case, "schema.json")["$schema"] for case in CASES}
    assert any("draft-07" in draft for draft in drafts) and any("2020-12" in draft for draft in drafts)


def test_fields_and_types(case):
    expected, result = case
    assert result.entity_id == expected["entity_id"]
    assert {field["id"]: field["type"] for field in result.entity["fields"]} == expected["fields"]
    assert [field["id"] for field in result.entity["fields"] if field.get("required")] == expected["required"]


def test_unsupported_keywords_are_listed_exactly(case):
    expected, result = case
    assert [[note.keyword, note.pointer] for note in result.unsupported] == expected["unsupported"]
    assert all(note.reason for note in result.unsupported)


def test_form_sections(case):
    expected, result = case
    assert result.form["entity"] == result.entity_id
    assert {section["id"]: section["fields"] for section in result.form["sections"]} == expected["sections"]
    labels = {section["id"]: section.get("label") for section in result.form["sections"]}
    for section_id, label in expected.get("section_labels", {}).items():
        assert labels[section_id] == label


def test_labels_options_defaults_and_bounds(case):
    expected, result = case
    fields = {field["id"]: field for field in result.entity["fields"]}
    for field_id, label in expected.get("labels", {}).items():
        assert fields[field_id]["label"] == label
    for field_id, options in expected.get("options", {}).items():
        assert [option["id"] for option in fields[field_id]["options"]] == options
    for field_id, default in expected.get("defaults", {}).items():
        assert fields[field_id]["default"] == default
    for field_id, (low, high) in expected.get("bounds", {}).items():
        assert (fields[field_id].get("min"), fields[field_id].get("max")) == (low, high)
    assert all("default" not in field for field in fields.values() if field["id"] not in expected.get("defaults", {}))


def test_every_import_validates_with_zero_errors(case):
    _expected, result = case
    report = validate_definition(result.app_definition())
    assert report.errors == (), [problem.to_json() for problem in report.errors]


def test_every_field_is_on_the_form_and_mapped_from_a_property(case):
    _expected, result = case
    on_form = [field_id for section in result.form["sections"] for field_id in section["fields"]]
    assert sorted(on_form) == sorted(field["id"] for field in result.entity["fields"])
    assert sorted(result.field_paths.values()) == sorted(on_form)
