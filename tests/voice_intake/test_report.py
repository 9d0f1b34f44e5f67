"""The understanding report: every element points into the definition, notes are kept, text is rendered per language."""

from __future__ import annotations

import pytest

from voice_intake.drafting import draft_app, render_report

REQUEST = (
    "做一个商机管理应用。商机包括商机名称、预计金额和阶段。金额超过100万需要总监审批。谈判阶段超过一周未跟进提醒我。"
    "按阶段看板展示商机。销售只能看自己的商机。成本说明仅本人可见。下周我们一起吃饭吧。"
)


@pytest.fixture(scope="module")
def result():
    return draft_app(REQUEST)


def _resolve(document, pointer: str):
    node = document
    for part in pointer.split("/")[1:]:
        node = node[int(part)] if isinstance(node, list) else node[part]
    return node


def test_every_element_path_resolves_in_the_definition(result):
    elements = [element for sentence in result.report.sentences for element in sentence.elements] + list(
        result.report.added
    )
    assert len(elements) > 10
    for element in elements:
        assert element.path is not None, element
        _resolve(result.definition, element.path)


def test_each_sentence_maps_to_what_it_produced(result):
    kinds = {sentence.number: {e.kind.value for e in sentence.elements} for sentence in result.report.sentences}
    assert kinds[1] == {"app"}
    assert {"entity", "field"} <= kinds[2]
    assert kinds[3] == {"workflow"}
    assert "rule" in kinds[4]
    assert kinds[5] == {"view"}
    assert kinds[6] == {"permission"}
    assert "visibility" in kinds[7]
    assert [sentence.number for sentence in result.report.not_understood] == [8]


def test_assumptions_are_noted_for_the_reviewer(result):
    stage_notes = [note.get("en") for note in result.report.sentences[1].notes]
    assert any("common ones were used" in note for note in stage_notes)  # 阶段 without listed values
    flow_notes = [note.get("zh") for note in result.report.sentences[2].notes]
    assert any("自动通过" in note for note in flow_notes)  # under one million: not said, approved automatically


def test_the_report_as_json(result):
    report = result.report.to_json()
    assert report["language"] == "zh"
    assert report["template"] is None
    assert report["not_understood"] == [{"number": 8, "text": "下周我们一起吃饭吧。"}]
    assert report["validation"] == {"valid": True, "error_count": 0, "warning_count": 0}
    element = report["sentences"][2]["elements"][0]
    assert set(element) == {"kind", "id", "path", "summary"}
    assert set(element["summary"]) == {"zh", "en"}


@pytest.mark.parametrize(
    ("language", "words"), [("zh", ["理解报告", "未理解的句子"]), ("en", ["Understanding report", "Not understood"])]
)
def test_the_report_as_text(result, language, words):
    text = render_report(result.report, language)
    for word in words:
        assert word in text
    assert "/workflows/0" in text


def test_a_part_of_a_sentence_left_unread_is_shown():
    result = draft_app("合同包括合同名称和金额，另外我们下个月要搬家。")
    assert "搬家" in result.report.sentences[0].unread
