"""The diff as text: one line per change, in English and Chinese."""

from __future__ import annotations

from builder import parse_definition
from builder.diff import Renames, diff_definitions, render_text
from tests.support.definitions import definition


def _text(edit, lang: str, renames: Renames | None = None) -> list[str]:
    document = definition("contract_approval.json")
    edit(document)
    old = parse_definition(definition("contract_approval.json"))
    return render_text(diff_definitions(old, parse_definition(document), renames), lang).splitlines()


def _edit(document):
    document["entities"][1]["fields"].append({"id": "region", "type": "text", "label": {"zh": "区域", "en": "Region"}})
    document["workflows"][0]["edges"][1]["condition"]["rules"][0]["value"] = 100000
    document["workflows"][0]["edges"][2]["condition"]["rules"][0]["value"] = 100000
    document["permissions"][0]["read"] = "team"
    document["entities"][0]["fields"][0]["required"] = False
    document["entities"][0]["fields"][1]["options"][1]["label"] = {"zh": "零售业", "en": "Retail trade"}


def test_english_lines():
    assert _text(_edit, "en") == [
        "+ field contract.region (text)",
        "~ field customer.name: required yes → no",
        '~ option customer.industry.retail label "Retail" → "Retail trade"',
        "~ workflow contract_signoff: edge route→group_sign condition amount < 50000 → amount < 100000",
        "~ workflow contract_signoff: edge route→manager_review condition"
        " amount >= 50000 and amount <= 500000 → amount >= 100000 and amount <= 500000",
        "~ permission rep on contract: read own → team",
    ]


def test_chinese_lines():
    assert _text(_edit, "zh") == [
        "+ 新增字段 contract.region（文本）",
        "~ 字段 customer.name：必填 是 → 否",
        "~ 选项 customer.industry.retail 名称 “零售” → “零售业”",
        "~ 流程 contract_signoff：连线 route→group_sign 条件 amount < 50000 → amount < 100000",
        "~ 流程 contract_signoff：连线 route→manager_review 条件"
        " amount >= 50000 且 amount <= 500000 → amount >= 100000 且 amount <= 500000",
        "~ 权限 rep 对 contract：读取 本人 → 团队",
    ]


def test_renames_retypes_and_removals_read_well():
    def edit(document):
        document["entities"][1]["fields"][4]["id"] = "qty"
        document["forms"][0]["sections"][1]["fields"][0] = "qty"
        document["entities"][0]["fields"][5]["type"] = "text"
        document["permissions"].pop(2)
        document["rules"][0]["trigger"]["after"]["amount"] = 48

    renames = Renames.from_pairs({}, {"contract.quantity": "qty"})
    english = _text(edit, "en", renames)
    assert "~ field contract.quantity renamed to contract.qty" in english
    assert "~ field customer.website type url → text" in english
    assert "- permission rep on follow_up (read own, create own, update own, delete own)" in english
    assert "~ rule stale_negotiation: trigger.after 72 hours → 48 hours" in english
    chinese = _text(edit, "zh", renames)
    assert "~ 字段 contract.quantity 改名为 contract.qty" in chinese
    assert "~ 字段 customer.website 类型 网址 → 文本" in chinese
    assert "- 删除权限 rep 对 follow_up（读取 本人，新建 本人，修改 本人，删除 本人）" in chinese
    assert "~ 规则 stale_negotiation：触发条件.after 72小时 → 48小时" in chinese


def test_an_empty_diff_says_so():
    same = parse_definition(definition())
    assert render_text(diff_definitions(same, same), "en") == "no changes"
    assert render_text(diff_definitions(same, same), "zh") == "没有变化"
