"""The UI shell in a real browser: sign in, the app list and template gallery, languages, a phone-sized screen."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import screenshot, sign_in


def test_a_page_behind_sign_in_leads_to_the_login_and_back(page):
    page.goto("/designer/contract_approval")
    expect(page).to_have_url(re.compile(r"/login\?next="))
    sign_in(page, "admin", next_path="/designer/contract_approval")
    expect(page).to_have_url(re.compile(r"/designer/contract_approval"))


def test_a_wrong_password_is_refused_in_the_page(page):
    page.goto("/login")
    page.get_by_label("User name").fill("li.na")
    page.get_by_label("Password").fill("not the password")
    page.locator("form button[type=submit]").click()
    expect(page.get_by_role("alert")).to_contain_text("Wrong user name or password")


def test_a_demo_user_sees_their_apps_and_the_template_gallery(page):
    sign_in(page, "li.na")
    apps = page.get_by_test_id("app-list")
    expect(apps.get_by_test_id("app-contract_approval")).to_contain_text("Contract approval by amount")
    gallery = page.get_by_test_id("template-gallery")
    expect(gallery.locator("li")).to_have_count(10)
    screenshot(page, "home_en")


def test_the_language_switch_changes_texts_and_labels(page):
    sign_in(page, "li.na")
    expect(page.get_by_role("heading", name="My apps")).to_be_visible()
    page.get_by_role("button", name="中文").click()
    expect(page.get_by_role("heading", name="我的应用")).to_be_visible()
    expect(page.get_by_test_id("app-contract_approval")).to_contain_text("合同分级审批")
    expect(page.locator("html")).to_have_attribute("lang", "zh-CN")
    screenshot(page, "home_zh")
    page.reload()
    expect(page.get_by_role("heading", name="我的应用")).to_be_visible()


def test_the_start_page_fits_a_phone_screen(new_page):
    page = new_page(width=375, height=740)
    sign_in(page, "chen.jie")
    expect(page.get_by_test_id("template-gallery")).to_be_visible()
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the page is {overflow}px wider than a 375px screen"
    screenshot(page, "home_phone")


def test_signing_out_returns_to_the_login(page):
    sign_in(page, "chen.jie")
    page.get_by_test_id("user-menu").click()
    page.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(re.compile(r"/login"))
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/login"))
