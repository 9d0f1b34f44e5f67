"""The message catalog: every code has both languages with matching placeholders."""

from __future__ import annotations

import string

import pytest

from builder.messages import CATALOG, EXPECTATIONS, FIELD_TYPE_NAMES_ZH, expectation
from builder.model import FieldType
from builder.problems import make_problem, problem_from
from runtime.api_messages import API_CATALOG

CATALOGS = {"definition": CATALOG, "api": API_CATALOG}
ALL_CODES = [(name, code) for name, catalog in CATALOGS.items() for code in sorted(catalog)]


def _placeholders(template: str) -> set[str]:
    return {name for _text, name, _spec, _conversion in string.Formatter().parse(template) if name}


def test_no_code_is_in_both_catalogs():
    assert not set(CATALOG) & set(API_CATALOG)


@pytest.mark.parametrize(("catalog", "code"), ALL_CODES)
def test_both_languages_use_the_same_values(catalog, code):
    spec = CATALOGS[catalog][code]
    english, chinese = _placeholders(spec.en), _placeholders(spec.zh)
    assert {name.removesuffix("_zh") for name in chinese} == english
    assert spec.severity in ("error", "warning")
    assert any("\u4e00" <= character <= "\u9fff" for character in spec.zh), "the Chinese message has no Chinese"


@pytest.mark.parametrize(("catalog", "code"), ALL_CODES)
def test_every_message_formats(catalog, code):
    spec = CATALOGS[catalog][code]
    params = {name: "x" for name in _placeholders(spec.en)}
    params |= {name: "y" for name in _placeholders(spec.zh) if name.endswith("_zh") and not name.endswith("type_zh")}
    problem = problem_from(CATALOGS[catalog], code, "/p", **params)
    assert not any(f"{{{name}}}" in problem.message_en for name in params)
    assert problem.to_json()["message"] == {"zh": problem.message_zh, "en": problem.message_en}


def test_every_field_type_has_a_chinese_name():
    assert set(FIELD_TYPE_NAMES_ZH) == {str(kind) for kind in FieldType}


def test_field_types_are_named_in_chinese_in_chinese_messages():
    problem = make_problem("condition.operator_type", "/p", operator=">", field="name", type="text")
    assert "text" in problem.message_en and "文本" in problem.message_zh and "text" not in problem.message_zh


@pytest.mark.parametrize("key", sorted(EXPECTATIONS))
def test_expectations_exist_in_both_languages(key):
    english, chinese = expectation(key, options="a, b", limit=5, scale=2, low=1, high=2)
    assert english and chinese
    assert english != chinese or key == "duration"


def test_values_from_the_document_are_shortened_and_escaped():
    problem = make_problem("id.too_long", "/id", id="a" * 1000 + "\x00", limit=40)
    assert len(problem.message_en) < 200
    assert "\x00" not in problem.message_en


def test_composed_texts_are_as_long_in_chinese_as_in_english():
    english, chinese = expectation("one_option", options=", ".join(f"option_{index}" for index in range(20)))
    problem = make_problem("value.invalid", "/p", field="stage", type="choice", expected=english, expected_zh=chinese)
    assert "option_19" in problem.message_en and "option_19" in problem.message_zh


def test_every_field_type_in_a_message_is_named_in_chinese():
    problem = make_problem("value.copy_type", "/p", source="amount", source_type="money", field="due", type="date")
    assert "(money)" in problem.message_en and "金额" in problem.message_zh and "money" not in problem.message_zh
