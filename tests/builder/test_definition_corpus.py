"""The corpus of valid and invalid definitions: every case yields exactly its expected problems."""

from __future__ import annotations

import pytest

from builder import validate_definition
from builder.messages import CATALOG
from tests.support.definitions import invalid_cases, valid_document, valid_names

CASES = invalid_cases()


@pytest.mark.parametrize("name", valid_names())
def test_valid_definitions_have_no_problem(name):
    report = validate_definition(valid_document(name))
    assert [problem.to_json() for problem in report.problems] == []
    assert report.model is not None


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_case_yields_exactly_its_problems(case):
    report = validate_definition(case.document)
    found_errors = sorted((problem.code, problem.path) for problem in report.errors)
    assert found_errors == sorted((expected["code"], expected["path"]) for expected in case.errors), case.description
    expected_warnings = case.warnings or []  # a case without "warnings" expects none
    found_warnings = sorted((problem.code, problem.path) for problem in report.warnings)
    assert found_warnings == sorted((expected["code"], expected["path"]) for expected in expected_warnings)
    for expected in [*case.errors, *expected_warnings]:
        if "message" in expected:
            messages = [
                p.message_en for p in report.problems if (p.code, p.path) == (expected["code"], expected["path"])
            ]
            assert any(expected["message"] in message for message in messages), messages
    assert (report.model is None) == bool(case.errors)


def test_corpus_is_large_enough():
    assert sum(1 for case in CASES if case.errors) >= 40


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_problems_are_complete_catalogued_and_reported_once(case):
    problems = validate_definition(case.document).problems
    for problem in problems:
        spec = CATALOG[problem.code]
        assert str(problem.severity) == spec.severity
        assert problem.message_en and problem.message_zh
        assert problem.path == "" or problem.path.startswith("/")
    places = [(problem.path, problem.code, problem.message_en) for problem in problems]
    assert len(places) == len(set(places))
