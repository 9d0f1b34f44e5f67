"""The record form of an entity for react-jsonschema-form: uiSchema from the form's sections, preview of a draft."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import jsonschema

from builder import parse_definition
from builder.compile.form_preview import form_preview
from builder.compile.forms import form_ui_schema
from builder.compile.records import record_input_schema

EXAMPLE = Path(__file__).resolve().parents[1] / "cases" / "definitions" / "valid" / "contract_approval.json"


def _example() -> dict:
    return json.loads(EXAMPLE.read_text(encoding="utf-8"))


def test_sections_give_the_order_columns_and_titles_in_the_language():
    model = parse_definition(_example())
    contract = next(entity for entity in model.entities if entity.id == "contract")
    ui = form_ui_schema(contract, model.forms[0], "zh")
    sections = ui["ui:options"]["sections"]
    assert [(section["id"], section["title"], section["columns"]) for section in sections] == [
        ("basics", "基本信息", 2),
        ("pricing", "价格", 3),
        ("private", "内部信息", 1),
    ]
    assert sections[1]["fields"] == ["quantity", "unit_price", "discount"]  # the computed net price is not an input
    assert ui["ui:order"][:3] == ["title", "customer", "amount"] and ui["ui:order"][-1] == "*"
    assert ui["amount"]["ui:title"] == "合同金额"
    assert ui["amount"]["ui:options"]["dabble"] == {"type": "money", "currency": "CNY"}
    assert ui["customer"]["ui:options"]["dabble"] == {"type": "ref", "entity": "customer"}
    assert ui["stage"]["ui:widget"] == "select"
    assert ui["stage"]["ui:enumNames"]["negotiating"] == "谈判"
    assert ui["margin_note"]["ui:widget"] == "textarea"
    assert form_ui_schema(contract, model.forms[0], "en")["stage"]["ui:enumNames"]["negotiating"] == "Negotiating"


def test_an_entity_without_a_form_shows_every_writable_field_in_one_section():
    model = parse_definition(_example())
    follow_up = next(entity for entity in model.entities if entity.id == "follow_up")
    ui = form_ui_schema(follow_up, None, "en")
    assert ui["ui:options"]["sections"] == [
        {"id": "main", "title": None, "columns": 1, "fields": ["subject", "contract", "due", "done"]}
    ]
    assert ui["done"]["ui:widget"] == "checkbox" and ui["due"]["ui:widget"] == "date"


def test_fields_left_off_the_form_are_hidden_and_multichoice_options_are_named():
    document = _example()
    document["forms"][1]["sections"][0]["fields"].remove("notes")
    model = parse_definition(document)
    customer = next(entity for entity in model.entities if entity.id == "customer")
    ui = form_ui_schema(customer, model.forms[1], "en")
    assert ui["notes"]["ui:widget"] == "hidden"
    assert "notes" not in ui["ui:order"]
    assert ui["tags"]["items"]["ui:enumNames"] == {"key_account": "Key account", "new_logo": "New logo"}
    assert ui["contact_phone"]["ui:options"]["inputType"] == "tel"


def test_a_preview_of_a_valid_draft_is_the_record_schema_with_defaults():
    document = _example()
    preview = form_preview(document, "contract", "en")
    contract = next(entity for entity in parse_definition(document).entities if entity.id == "contract")
    expected = record_input_schema(contract)
    assert preview["validation"]["valid"] is True and preview["form"] == "contract_form"
    assert preview["schema"]["required"] == expected["required"]
    assert preview["schema"]["properties"]["stage"]["default"] == "drafting"
    jsonschema.Draft7Validator.check_schema(preview["schema"])
    record = {"title": "Acme", "customer": 1, "amount": 120000, "stage": "negotiating"}
    assert list(jsonschema.Draft7Validator(preview["schema"]).iter_errors(record)) == []


def test_a_preview_of_an_invalid_draft_answers_what_compiles_with_the_problems():
    document = _example()
    contract = document["entities"][1]
    contract["fields"].append({"id": "region", "type": "choice", "label": "Region"})  # no options: a schema error
    contract["fields"].append({"id": "priority", "type": "rating", "label": {"zh": "优先级", "en": "Priority"}})
    document["forms"][0]["sections"][0]["fields"].append("priority")
    before = copy.deepcopy(document)
    preview = form_preview(document, "contract", "zh")
    assert document == before
    assert preview["validation"]["valid"] is False
    assert "/entities/1/fields/11/options" in {problem["path"] for problem in preview["validation"]["problems"]}
    assert "region" not in preview["schema"]["properties"]
    assert preview["uiSchema"]["priority"]["ui:title"] == "优先级"
    assert "priority" in preview["uiSchema"]["ui:options"]["sections"][0]["fields"]


def test_a_preview_names_no_schema_for_an_unknown_entity_or_a_document_that_is_no_object():
    assert form_preview(_example(), "nothing", "en")["schema"] is None
    answer = form_preview([1, 2], "contract", "en")
    assert answer["schema"] is None and answer["validation"]["problems"][0]["code"] == "document.not_object"
