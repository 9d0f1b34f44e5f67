"""Record forms (react-jsonschema-form) in a real browser: the server's problems on their fields, checks in Chinese,
edits with row_version and a stale edit refused."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import screenshot
from tests.browser.live_support import CONTRACT_APP, call_api, create_contract, signed_in_page, unique


def test_a_refusal_of_the_server_is_shown_on_the_field_it_names(new_page):
    rep = signed_in_page(new_page, "chen.jie", next_path=f"/apps/{CONTRACT_APP}/records/customer/new")
    taken = call_api(rep, "GET", f"/api/apps/{CONTRACT_APP}/customer?page_size=1")["items"][0]["name"]
    rep.get_by_label("Name").fill(taken)
    with rep.expect_response(lambda response: response.request.method == "POST") as answer:
        rep.get_by_test_id("save-record").click()
    assert answer.value.status == 409  # only the server knows the name is taken
    expect(rep.locator("#root_name__error")).to_contain_text("Another record already has this 'Name'.")
    expect(rep.get_by_test_id("form-error")).to_contain_text("A unique value is already taken.")
    screenshot(rep, "live_form_server_error")

    rep.get_by_role("button", name="中文").click()
    rep.get_by_test_id("save-record").click()
    expect(rep.locator("#root_name__error")).to_contain_text("已有其他记录使用了相同的“客户名称”。")


def test_the_form_checks_required_fields_in_chinese(new_page):
    rep = signed_in_page(new_page, "chen.jie", next_path=f"/apps/{CONTRACT_APP}/records/contract/new", language="zh")
    expect(rep.get_by_role("heading", name="新建合同")).to_be_visible()
    expect(rep.get_by_role("group", name="基本信息")).to_be_visible()  # the form's sections, titled per language
    rep.get_by_test_id("save-record").click()
    expect(rep.locator("#root_title__error")).to_contain_text("必填。")
    expect(rep.locator("#root_amount__error")).to_contain_text("必填。")


def test_an_edit_sends_the_changed_fields_and_a_stale_edit_is_refused(new_page):
    rep = signed_in_page(new_page, "chen.jie", next_path=f"/apps/{CONTRACT_APP}")
    contract = create_contract(rep, unique("Edited"), 10_000)
    record_page = f"/apps/{CONTRACT_APP}/records/contract/{contract['id']}"
    rep.goto(record_page)
    rep.get_by_test_id("edit-record").click()
    amount = rep.get_by_label("Amount")
    expect(amount).to_have_value("10000")
    amount.fill("15000")
    with rep.expect_request(lambda request: request.method == "PATCH") as sent:
        rep.get_by_test_id("save-record").click()
    assert sent.value.post_data_json == {"row_version": contract["row_version"], "amount": 15000}
    expect(rep.get_by_test_id("field-amount")).to_contain_text("CN¥15,000.00")
    expect(rep.get_by_test_id("timeline")).to_contain_text("Amount: CN¥10,000.00 → CN¥15,000.00")

    rep.get_by_test_id("edit-record").click()
    expect(rep.get_by_label("Amount")).to_have_value("15000")
    current = call_api(rep, "GET", f"/api/apps/{CONTRACT_APP}/contract/{contract['id']}")
    call_api(  # someone changes it meanwhile
        rep,
        "PATCH",
        f"/api/apps/{CONTRACT_APP}/contract/{contract['id']}",
        {"row_version": current["row_version"], "payment_terms": "net30"},
    )
    rep.get_by_label("Amount").fill("16000")
    rep.get_by_test_id("save-record").click()
    notice = rep.get_by_test_id("form-error")
    expect(notice).to_have_attribute("data-code", "record.stale")
    expect(notice).to_contain_text("Someone changed this record meanwhile")
    screenshot(rep, "live_form_stale")
