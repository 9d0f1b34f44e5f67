"""The requirement corpus: each Chinese and English request must yield the listed elements, and a valid draft."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from builder import validate_definition
from tests.voice_intake.definition_digest import (
    field_types,
    permission_texts,
    rule_text,
    view_texts,
    workflow_tiers,
)
from voice_intake.drafting import draft_app

CASES = Path(__file__).parent / "cases"


def _cases() -> list[Any]:
    found = []
    for language in ("zh", "en"):
        for case in yaml.safe_load((CASES / f"{language}.yaml").read_text(encoding="utf-8")):
            found.append(pytest.param(language, case, id=f"{language}-{case['id']}"))
    return found


CORPUS = _cases()


@pytest.fixture(scope="module")
def drafts() -> dict[str, Any]:
    """Each request drafted once (several tests look at the same draft)."""
    return {}


def _draft(drafts: dict[str, Any], language: str, case: dict[str, Any]) -> Any:
    key = f"{language}-{case['id']}"
    if key not in drafts:
        drafts[key] = draft_app(case["text"], language)
    return drafts[key]


def test_the_corpus_has_twenty_cases_in_each_language():
    languages = [param.values[0] for param in CORPUS]
    assert languages.count("zh") >= 20
    assert languages.count("en") >= 20


@pytest.mark.parametrize(("language", "case"), CORPUS)
def test_draft_is_valid(drafts, language, case):
    result = _draft(drafts, language, case)
    report = validate_definition(result.definition)
    assert report.errors == (), [problem.to_json() for problem in report.errors]
    assert result.report.error_count == 0
    assert result.report.language == language


@pytest.mark.parametrize(("language", "case"), CORPUS)
def test_fields_and_types(drafts, language, case):
    fields = field_types(_draft(drafts, language, case).definition)
    for entity_id, expected_fields in (case.get("entities") or {}).items():
        assert entity_id in fields, f"no entity {entity_id}: {sorted(fields)}"
        for field_id, expected in expected_fields.items():
            assert field_id in fields[entity_id], f"no field {entity_id}.{field_id}: {sorted(fields[entity_id])}"
            actual = fields[entity_id][field_id]
            wanted = {"type": expected} if isinstance(expected, str) else expected
            for key, value in wanted.items():
                if key == "options":
                    assert [option["id"] for option in actual["options"]] == value, f"{entity_id}.{field_id}"
                else:
                    assert actual.get(key) == value, f"{entity_id}.{field_id} {key}: {actual}"


@pytest.mark.parametrize(("language", "case"), CORPUS)
def test_approval_flows(drafts, language, case):
    workflows = _draft(drafts, language, case).definition.get("workflows", [])
    assert len(workflows) == len(case.get("workflows") or [])
    for expected in case.get("workflows") or []:
        flow = next((flow for flow in workflows if flow["entity"] == expected["entity"]), None)
        assert flow is not None, f"no approval flow on {expected['entity']}"
        tiers = workflow_tiers(flow)
        assert [[condition, steps] for condition, steps in tiers] == expected["tiers"]
        compared = {
            rule["field"] for edge in flow["edges"] if "condition" in edge for rule in _leaves(edge["condition"])
        }
        assert compared <= {expected["field"]}


def _leaves(condition: dict[str, Any]) -> list[dict[str, Any]]:
    found = []
    for item in condition["rules"]:
        found += _leaves(item) if "rules" in item else [item]
    return found


@pytest.mark.parametrize(("language", "case"), CORPUS)
def test_rules(drafts, language, case):
    rules = [rule_text(rule) for rule in _draft(drafts, language, case).definition.get("rules", [])]
    assert len(rules) == len(case.get("rules") or [])
    for expected in case.get("rules") or []:
        wanted = {"when": sorted(expected.get("when", [])), **expected}
        wanted["when"] = sorted(wanted["when"])
        assert any(all(rule[key] == value for key, value in wanted.items()) for rule in rules), (wanted, rules)


@pytest.mark.parametrize(("language", "case"), CORPUS)
def test_views(drafts, language, case):
    views = view_texts(_draft(drafts, language, case).definition)
    for expected in case.get("views") or []:
        assert expected in views, views
    assert len([view for view in views]) == len(case.get("views") or [])


@pytest.mark.parametrize(("language", "case"), CORPUS)
def test_permissions(drafts, language, case):
    grants = [text.split() for text in permission_texts(_draft(drafts, language, case).definition)]
    for expected in case.get("permissions") or []:
        role, entity, *scopes = expected.split()
        grant = next((grant for grant in grants if grant[:2] == [role, entity]), None)
        assert grant is not None, (expected, grants)
        assert set(scopes) <= set(grant[2:]), (expected, grants)
    assert len(grants) == len({tuple(text.split()[:2]) for text in case.get("permissions") or []})


@pytest.mark.parametrize(("language", "case"), CORPUS)
def test_report_lists_exactly_the_sentences_not_understood(drafts, language, case):
    report = _draft(drafts, language, case).report
    assert [sentence.number for sentence in report.not_understood] == case.get("not_understood", [])
