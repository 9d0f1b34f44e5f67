"""The live app's views in a real browser: table (sort, search, saved filter, export), calendar, record page, both
languages, and a phone-sized screen."""

from __future__ import annotations

import re
from urllib.parse import urlencode

from playwright.sync_api import expect

from tests.browser.conftest import screenshot
from tests.browser.live_support import (
    CONTRACT_APP,
    CONTRACT_ZONE,
    call_api,
    cny,
    create_contract,
    money,
    signed_in_page,
    today_in,
    unique,
    wait_until_live,
)

TABLE = f"/apps/{CONTRACT_APP}/views/contracts"


def column_values(page, column: int) -> list[str]:
    """The texts of one column of the records table (1-based)."""
    return page.get_by_test_id("records-table").locator(f"tbody tr td:nth-child({column})").all_inner_texts()


def view_rows(page, **parameters) -> dict:
    """The table view's answer for the page's user, straight from the API."""
    return call_api(page, "GET", f"/api/apps/{CONTRACT_APP}/views/contracts?{urlencode(parameters)}")


def test_the_table_sorts_by_its_headers_searches_and_applies_saved_filters(new_page):
    manager = signed_in_page(new_page, "li.na", next_path=TABLE)
    table = manager.get_by_test_id("records-table")
    expect(table.locator("tbody tr").first).to_be_visible()
    amount_header = table.get_by_role("columnheader", name=re.compile("Amount"))
    expect(amount_header).to_have_attribute("aria-sort", "descending")  # the view's own sort
    amounts = [money(text) for text in column_values(manager, 3)]
    assert amounts == sorted(amounts, reverse=True)
    screenshot(manager, "live_table")

    smallest = view_rows(manager, sort="amount", page_size=1)["items"][0]["amount"]
    amount_header.get_by_role("button").click()
    expect(amount_header).to_have_attribute("aria-sort", "ascending")
    expect(manager).to_have_url(re.compile(r"sort=amount"))
    expect(table.locator("tbody tr td:nth-child(3)").first).to_have_text(cny(smallest))
    amounts = [money(text) for text in column_values(manager, 3)]
    assert amounts == sorted(amounts)

    large = view_rows(manager, saved="large")["total"]
    manager.get_by_test_id("saved-filter").select_option("large")
    expect(manager).to_have_url(re.compile(r"saved=large"))
    expect(manager.get_by_test_id("table-total")).to_contain_text(f"· {large} records")
    assert large > 0 and all(money(text) > 500_000 for text in column_values(manager, 3))

    manager.get_by_test_id("saved-filter").select_option("")
    title = unique("Searchable")
    create_contract(manager, title, 31_000)
    manager.get_by_role("searchbox").fill(title)
    manager.get_by_role("button", name="Search").click()
    expect(table.locator("tbody tr")).to_have_count(1)
    expect(table.locator("tbody tr")).to_contain_text(title)


def test_the_export_links_download_the_rows_as_shown(new_page):
    rep = signed_in_page(new_page, "chen.jie", next_path=TABLE)
    title = unique("Exported")
    create_contract(rep, title, 42_000)
    rep.get_by_role("searchbox").fill(title)
    rep.get_by_role("button", name="Search").click()
    expect(rep.get_by_test_id("records-table").locator("tbody tr")).to_have_count(1)
    csv_link = rep.get_by_test_id("export-csv")
    expect(csv_link).to_have_attribute("href", re.compile(r"format=csv.*lang=en|lang=en.*format=csv"))
    answer = rep.request.get(csv_link.get_attribute("href"))
    assert answer.ok, answer.text()
    assert "text/csv" in answer.headers["content-type"]
    text = answer.body().decode("utf-8-sig")
    assert title in text and "Amount" in text
    xlsx = rep.request.get(rep.get_by_test_id("export-xlsx").get_attribute("href"))
    assert xlsx.ok and xlsx.body()[:2] == b"PK"  # a zip: an XLSX workbook


def test_the_calendar_shows_a_contract_on_its_signing_day(new_page):
    rep = signed_in_page(new_page, "chen.jie", next_path=f"/apps/{CONTRACT_APP}/views/signing_calendar")
    wait_until_live(rep)
    today = today_in(CONTRACT_ZONE)
    title = unique("Signing today")
    create_contract(rep, title, 18_000, sign_date=today)
    day = rep.get_by_test_id(f"day-{today}")
    expect(day.get_by_role("link", name=title)).to_be_visible()  # arrived through the event stream
    screenshot(rep, "live_calendar")
    day.get_by_role("link", name=title).click()
    expect(rep.get_by_test_id("record-title")).to_have_text(title)


def test_the_record_page_shows_fields_related_lists_and_the_timeline_in_both_languages(new_page):
    rep = signed_in_page(new_page, "chen.jie", next_path=TABLE)
    title = unique("Detail page")
    contract = create_contract(rep, title, 123_456)
    rep.goto(f"/apps/{CONTRACT_APP}/records/contract/{contract['id']}")
    expect(rep.get_by_test_id("record-title")).to_have_text(title)
    expect(rep.get_by_test_id("field-amount")).to_contain_text("CN¥123,456.00")
    expect(rep.get_by_test_id("related-follow_up")).to_contain_text("Follow-ups")
    expect(rep.get_by_test_id("timeline")).to_contain_text("chen.jie created it")
    screenshot(rep, "live_record_en")
    rep.get_by_role("button", name="中文").click()
    expect(rep.get_by_test_id("field-amount")).to_contain_text("合同金额")
    expect(rep.get_by_test_id("field-amount")).to_contain_text("¥123,456.00")
    expect(rep.get_by_test_id("timeline")).to_contain_text("chen.jie 创建了记录")
    expect(rep.get_by_test_id("live-nav")).to_contain_text("审批待办")
    screenshot(rep, "live_record_zh")


def test_the_live_pages_fit_a_phone_screen(new_page):
    rep = signed_in_page(new_page, "chen.jie", next_path=TABLE, width=375, height=740)
    for path, name in [
        (TABLE, "live_table_phone"),
        (f"/apps/{CONTRACT_APP}/views/approval_dashboard", "live_dashboard_phone"),
        (f"/apps/{CONTRACT_APP}/views/signing_calendar", "live_calendar_phone"),
        (f"/apps/{CONTRACT_APP}/records/contract/new", "live_form_phone"),
        (f"/apps/{CONTRACT_APP}/inbox", "live_inbox_phone"),
    ]:
        rep.goto(path)
        wait_until_live(rep)
        expect(rep.locator(".page-status")).to_have_count(0)
        if "dashboard" in path:
            expect(rep.locator(".echart svg")).to_have_count(4)  # bar, line, pie and funnel drawn
        overflow = rep.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path} is {overflow}px wider than a 375px screen"
        screenshot(rep, name)
    rep.goto(TABLE)
    scroller = rep.locator(".table-scroll").first
    expect(scroller).to_be_visible()
    assert scroller.evaluate("element => element.scrollWidth > element.clientWidth"), "the table should scroll sideways"
