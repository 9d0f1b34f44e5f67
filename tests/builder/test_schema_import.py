"""JSON Schema import: ids from property names, $ref resolution, value mapping and refusals."""

from __future__ import annotations

import pytest

from builder import validate_definition
from builder.schema_import import SchemaImportError, form_to_entity


def _form(**properties) -> dict:
    return {"type": "object", "properties": properties}


def _ids(result) -> list[str]:
    return [field["id"] for field in result.entity["fields"]]


def test_reserved_words_get_a_suffix():
    text = {"type": "string"}
    result = form_to_entity(_form(order=text, id=text, page=text, group=text, created_at=text), entity_id="thing")
    assert _ids(result) == ["order_field", "id_field", "page_field", "group_field", "created_at_field"]
    assert result.field_paths["/order"] == "order_field"


def test_collisions_get_numbered_suffixes():
    text = {"type": "string"}
    result = form_to_entity(_form(**{"First Name": text, "first_name": text, "firstName": text}), entity_id="person")
    assert _ids(result) == ["first_name", "first_name_2", "first_name_3"]


def test_non_ascii_names_fall_back_to_numbered_ids_and_keep_the_name_as_label():
    text = {"type": "string"}
    result = form_to_entity(_form(客户名称=text, 电话=text, email=text), entity_id="lead")
    assert _ids(result) == ["field_1", "field_2", "email"]
    assert [field["label"] for field in result.entity["fields"]] == ["客户名称", "电话", "email"]
    assert result.field_paths == {"/客户名称": "field_1", "/电话": "field_2", "/email": "email"}


def test_ids_start_with_a_letter_and_fit_forty_characters():
    text = {"type": "string"}
    long_name = "a_very_long_property_name_that_goes_on_and_on_forever"
    result = form_to_entity(_form(**{"2fa": text, long_name: text, "_x": text}), entity_id="thing")
    ids = _ids(result)
    assert ids[0] == "f_2fa" and ids[2] == "x"
    assert len(ids[1]) == 40 and long_name.startswith(ids[1])
    assert validate_definition(result.app_definition()).errors == ()


def test_entity_id_from_the_title_avoids_reserved_words():
    assert form_to_entity({**_form(name={"type": "string"}), "title": "Order"}).entity_id == "order_record"
    assert form_to_entity({**_form(name={"type": "string"}), "title": "客户"}).entity_id == "record_1"


def test_a_ref_cycle_is_refused_clearly():
    schema = {
        "type": "object",
        "$defs": {"node": {"type": "object", "properties": {"child": {"$ref": "#/$defs/node"}}}},
        "properties": {"root": {"$ref": "#/$defs/node"}},
    }
    with pytest.raises(SchemaImportError, match="refers to itself"):
        form_to_entity(schema)


def test_a_dangling_ref_is_refused_and_an_external_ref_is_listed():
    with pytest.raises(SchemaImportError, match="names nothing"):
        form_to_entity(_form(a={"$ref": "#/$defs/missing"}))
    result = form_to_entity(_form(a={"$ref": "https://example.com/a.json"}, b={"type": "string"}))
    assert [(note.keyword, note.pointer) for note in result.unsupported] == [("$ref", "/properties/a/$ref")]


@pytest.mark.parametrize("schema", [[], {"type": "string"}, {"type": "object", "properties": {}}])
def test_schemas_that_are_not_object_forms_are_refused(schema):
    with pytest.raises(SchemaImportError):
        form_to_entity(schema)


def test_option_values_map_submitted_data_to_option_ids():
    result = form_to_entity(
        _form(
            tier={"enum": ["Gold", "gold", "银"], "default": "银"},
            tags={"type": "array", "uniqueItems": True, "items": {"enum": ["a-1", "b"]}, "default": ["b"]},
        ),
        entity_id="account",
    )
    assert result.option_values == {
        "tier": {"Gold": "gold", "gold": "gold_2", "银": "option_1"},
        "tags": {"a-1": "a_1", "b": "b"},
    }
    fields = {field["id"]: field for field in result.entity["fields"]}
    assert fields["tier"]["default"] == "option_1" and fields["tags"]["default"] == ["b"]


def test_textarea_and_long_max_length_make_longtext():
    result = form_to_entity(
        _form(a={"type": "string", "maxLength": 201}, b={"type": "string"}, c={"type": "string", "maxLength": 200}),
        {"b": {"ui:widget": "textarea"}},
        entity_id="notes",
    )
    assert [field["type"] for field in result.entity["fields"]] == ["longtext", "longtext", "text"]


def test_exclusive_integer_bounds_convert_exactly_and_draft04_booleans_too():
    result = form_to_entity(
        _form(n={"type": "integer", "minimum": 5, "exclusiveMinimum": True, "maximum": 9.5}), entity_id="thing"
    )
    field = result.entity["fields"][0]
    assert (field["min"], field["max"]) == (6, 9) and result.unsupported == ()


def test_an_invalid_default_is_dropped_and_listed():
    result = form_to_entity(_form(day={"type": "string", "format": "date", "default": "tomorrow"}), entity_id="thing")
    assert "default" not in result.entity["fields"][0]
    assert [(note.keyword, note.pointer) for note in result.unsupported] == [("default", "/properties/day/default")]


def test_a_required_read_only_field_without_default_stays_editable():
    schema = {**_form(code={"type": "string", "readOnly": True}), "required": ["code"]}
    result = form_to_entity(schema, entity_id="thing")
    assert "read_only" not in result.entity["fields"][0]
    assert [note.keyword for note in result.unsupported] == ["readOnly"]
    assert validate_definition(result.app_definition()).errors == ()


def test_nested_objects_flatten_with_prefixes_and_sections_per_object():
    schema = _form(
        name={"type": "string"},
        地址={
            "type": "object",
            "title": "地址",
            "properties": {"city": {"type": "string"}, "geo": _form(lat={"type": "number"})},
        },
    )
    result = form_to_entity(schema, entity_id="site")
    assert result.field_paths == {"/name": "name", "/地址/city": "field_1_city", "/地址/geo/lat": "field_1_geo_lat"}
    assert [(section["id"], section.get("label")) for section in result.form["sections"]] == [
        ("main", None),
        ("field_1", "地址"),
        ("field_1_geo", "geo"),
    ]
