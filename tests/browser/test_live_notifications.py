"""The notifications bell in a real browser: its count rises live when a notification is sent, the list opens the
record and marks it read, and "mark all read" clears the count."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import screenshot
from tests.browser.live_support import CONTRACT_APP, call_api, create_contract, signed_in_page, unique


def test_the_bell_counts_live_and_its_list_opens_the_record(new_page):
    rep = signed_in_page(new_page, "chen.jie", next_path=f"/apps/{CONTRACT_APP}")
    manager = signed_in_page(new_page, "li.na", next_path="/")
    count = rep.get_by_test_id("notifications-count")
    expect(count).to_have_attribute("data-count", re.compile(r"^\d+$"))
    call_api(rep, "POST", "/api/notifications/read-all", {})  # a start from nothing unread (no event says so)
    rep.reload()
    expect(count).to_have_attribute("data-count", "0")

    title = unique("Bell")
    contract = create_contract(rep, title, 70_000)
    instance = call_api(rep, "POST", f"/api/apps/{CONTRACT_APP}/contract/{contract['id']}/approval", {})
    call_api(manager, "POST", f"/api/apps/{CONTRACT_APP}/workflows/{instance['id']}/approve", {"comment": "ok"})
    expect(count).to_have_attribute("data-count", "1")  # sent to the rep's open page by GET /api/events

    rep.get_by_test_id("notifications-bell").click()
    panel = rep.get_by_test_id("notifications-panel")
    newest = panel.locator(".bell-item").first
    expect(newest).to_contain_text(f"Contract {title} was approved")
    expect(newest).to_have_class(re.compile("unread"))
    screenshot(rep, "live_notifications")
    newest.get_by_role("button").click()
    expect(rep).to_have_url(re.compile(rf"/records/contract/{contract['id']}$"))
    expect(rep.get_by_test_id("record-title")).to_have_text(title)
    expect(count).to_have_attribute("data-count", "0")

    # two more, then all read at once
    for amount in (71_000, 72_000):
        other = create_contract(rep, unique("Bell"), amount)
        step = call_api(rep, "POST", f"/api/apps/{CONTRACT_APP}/contract/{other['id']}/approval", {})
        call_api(manager, "POST", f"/api/apps/{CONTRACT_APP}/workflows/{step['id']}/approve", {})
    expect(count).to_have_attribute("data-count", "2")
    rep.get_by_test_id("notifications-bell").click()
    rep.get_by_test_id("notifications-read-all").click()
    expect(count).to_have_attribute("data-count", "0")
    expect(rep.get_by_test_id("notifications-panel").locator(".bell-item.unread")).to_have_count(0)
