"""Starting from a template: the seam picks the most similar candidate; the draft keeps it and adds what was asked."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from builder import validate_definition
from voice_intake.drafting import TemplateCandidate, draft_app, pick_template

CONTRACT = Path(__file__).resolve().parents[1] / "cases" / "definitions" / "valid" / "contract_approval.json"
LEAD_DEFINITION = {
    "format_version": 1,
    "id": "leads",
    "label": {"zh": "线索跟踪", "en": "Lead tracking"},
    "entities": [
        {
            "id": "lead",
            "label": {"zh": "线索", "en": "Lead"},
            "fields": [
                {"id": "company", "type": "text", "label": {"zh": "公司", "en": "Company"}},
                {
                    "id": "status",
                    "type": "choice",
                    "label": {"zh": "状态", "en": "Status"},
                    "options": [
                        {"id": "new", "label": {"zh": "新建", "en": "New"}},
                        {"id": "won", "label": {"zh": "赢单", "en": "Won"}},
                    ],
                },
            ],
        }
    ],
}


@pytest.fixture(scope="module")
def candidates() -> list[TemplateCandidate]:
    contract = json.loads(CONTRACT.read_text(encoding="utf-8"))
    return [
        TemplateCandidate("lead_tracking", LEAD_DEFINITION, ("线索", "lead", "跟进", "follow up", "来源", "source")),
        TemplateCandidate("contract_approval", contract, ("合同", "contract", "审批", "approval", "金额", "amount")),
    ]


@pytest.mark.parametrize(
    ("request_text", "expected"),
    [
        ("做一个合同审批应用，合同金额超过50万需要总监审批", "contract_approval"),
        ("Build an app to approve contracts: every contract amount over 50k needs approval", "contract_approval"),
        ("线索要记录来源，三天未跟进提醒我", "lead_tracking"),
        ("Track leads, their source, and remind me to follow up", "lead_tracking"),
    ],
)
def test_the_most_similar_template_is_picked(candidates, request_text, expected):
    match = pick_template(request_text, candidates)
    assert match is not None
    assert match.template.id == expected
    assert len(match.shared) >= 2
    assert 0 < match.score <= 1


@pytest.mark.parametrize("request_text", ["门店每天的客流量统计", "The weather is nice today", "只提到合同一次"])
def test_nothing_is_picked_when_nothing_is_similar_enough(candidates, request_text):
    assert pick_template(request_text, candidates) is None


def test_a_higher_threshold_asks_for_more_shared_keywords(candidates):
    request = "合同审批"
    assert pick_template(request, candidates) is not None
    assert pick_template(request, candidates, threshold=0.9) is None


def test_candidates_without_keywords_are_never_picked():
    assert pick_template("合同审批", [TemplateCandidate("empty", LEAD_DEFINITION, ("", " "))]) is None


def test_a_draft_starts_from_the_picked_template_and_adds_the_request(candidates):
    result = draft_app(
        "做一个合同审批应用。合同还要记录付款方式和是否开票。谈判阶段超过3天未跟进提醒负责人。", "zh", candidates
    )
    definition = result.definition
    assert result.report.template == "contract_approval"
    assert validate_definition(definition).is_valid
    contract = next(entity for entity in definition["entities"] if entity["id"] == "contract")
    fields = {field["id"]: field["type"] for field in contract["fields"]}
    assert fields["amount"] == "money"  # the template's own fields stay
    assert fields["is_invoiced"] == "boolean"  # and the request's are added
    assert len(definition["workflows"]) == 1  # the template's flow
    new_rule = next(
        rule
        for rule in definition["rules"]
        if rule["id"] not in {"stale_negotiation", "escalate_stale"} and rule["trigger"]["kind"] == "time_elapsed"
    )
    assert new_rule["trigger"]["field"] == "last_follow_up"  # found among the template's fields, not invented
    assert new_rule["condition"]["rules"] == [{"field": "stage", "operator": "=", "value": "negotiating"}]


def test_without_candidates_no_template_is_used():
    assert draft_app("做一个合同审批应用。合同包括合同名称。", "zh").report.template is None


def test_the_seam_documents_itself():
    import doctest

    from voice_intake.drafting import templates

    results = doctest.testmod(templates)
    assert results.attempted > 0
    assert results.failed == 0
