"""The live app end to end: a rep creates a contract in its form and submits it; the manager approves it from the
inbox; the manager's open dashboard and both notification bells follow through the event streams, with no reload."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import screenshot
from tests.browser.live_support import (
    CONTRACT_APP,
    CONTRACT_ZONE,
    cny,
    money,
    signed_in_page,
    today_in,
    unique,
    wait_until_live,
)

AMOUNT = 80_000  # 50,000–500,000: the rep's direct manager (li.na) approves


def count_of(bell) -> int:
    return int(bell.get_attribute("data-count"))


def test_a_rep_creates_and_submits_a_contract_the_manager_approves_it_and_the_dashboard_follows(new_page):
    manager = signed_in_page(new_page, "li.na", next_path=f"/apps/{CONTRACT_APP}/views/approval_dashboard")
    wait_until_live(manager)
    manager.evaluate("window.__sameDocument = true")
    signed_month = manager.get_by_test_id("kpi-signed_month")
    in_approval = manager.get_by_test_id("kpi-in_approval")
    expect(signed_month).to_contain_text("CN¥")
    signed_before = money(signed_month.inner_text())
    in_approval_before = money(in_approval.inner_text())
    manager_bell = manager.get_by_test_id("notifications-count")
    manager_unread = count_of(manager_bell)

    rep = signed_in_page(new_page, "chen.jie", next_path=f"/apps/{CONTRACT_APP}/records/contract/new")
    title = unique("Pump retrofit")
    rep.get_by_label("Title").fill(title)
    customer = rep.locator("#root_customer")
    expect(customer.locator("option")).not_to_have_count(1)  # the customers the rep may pick have arrived
    customer.select_option(index=1)
    rep.get_by_label("Amount").fill(str(AMOUNT))
    rep.get_by_label("Signing date").fill(today_in(CONTRACT_ZONE))
    screenshot(rep, "live_form_new_contract")
    rep.get_by_test_id("save-record").click()
    expect(rep.get_by_test_id("record-title")).to_have_text(title)
    expect(rep.get_by_test_id("field-amount")).to_contain_text(cny(AMOUNT))
    rep_bell = rep.get_by_test_id("notifications-count")
    rep_unread = count_of(rep_bell)

    rep.get_by_test_id("submit-approval").click()
    expect(rep.get_by_test_id("approval-state")).to_have_attribute("data-state", "in_approval")
    expect(rep.get_by_test_id("record-state")).to_have_text("In approval")
    expect(rep.get_by_test_id("edit-record")).to_have_count(0)  # locked while in approval

    # the manager's dashboard and bell follow without reloading
    expect(in_approval).to_have_text(cny(in_approval_before + AMOUNT))
    expect(manager_bell).to_have_attribute("data-count", str(manager_unread + 1))

    inbox = manager.context.new_page()
    inbox.goto(f"/apps/{CONTRACT_APP}/inbox")
    item = inbox.locator(".inbox-item", has_text=title)
    expect(item).to_contain_text("Manager approval")
    expect(item).to_contain_text("submitted by 陈杰 Chen Jie")  # by name, not user name
    screenshot(inbox, "live_inbox")
    item.get_by_label("Comment").fill("Fine by me")
    item.get_by_test_id("action-approve").click()
    expect(inbox.get_by_test_id("inbox-done")).to_contain_text(f"You approved “{title}”")
    expect(inbox.locator(".inbox-item", has_text=title)).to_have_count(0)

    expect(signed_month).to_have_text(cny(signed_before + AMOUNT))
    expect(in_approval).to_have_text(cny(in_approval_before))
    assert manager.evaluate("window.__sameDocument") is True, "the dashboard page was reloaded"
    screenshot(manager, "live_dashboard")

    # the rep's open record page and bell follow too
    expect(rep.get_by_test_id("approval-state")).to_have_attribute("data-state", "approved")
    expect(rep.get_by_test_id("field-stage")).to_contain_text("Signed")
    expect(rep_bell).to_have_attribute("data-count", str(rep_unread + 1))
    timeline = rep.get_by_test_id("timeline")
    expect(timeline).to_contain_text("li.na approved")
    expect(timeline).to_contain_text("Fine by me")
    screenshot(rep, "live_record_approved")
