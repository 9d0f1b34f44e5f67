"""Safety of the live app: labels, option names and record values holding HTML or script are shown as text on every
page (table, kanban, dashboard, record, form, inbox), and none of the payloads ever runs (window.__xss and
window.__dabble_xss stay unset). The payloads are the shared corpus of tests/robustness/xss_payloads.py."""

from __future__ import annotations

import re
import uuid

from playwright.sync_api import expect

from tests.browser.conftest import screenshot
from tests.browser.live_support import XSS_MARKS, call_api, signed_in_page, wait_until_live, xss_payloads

OPTIONS = 12  # payloads used as option names (lanes of the board, slices of the chart)

NO_SCRIPT_RAN = f"() => [{', '.join(repr(mark) for mark in XSS_MARKS)}].every((mark) => window[mark] === undefined)"
INJECTED_ELEMENTS = """() => [...document.querySelectorAll('.live-app *, .top-bar *')]
  .filter((element) =>
    [...element.attributes].some((attribute) => attribute.name.startsWith('on')) ||
    (element.tagName === 'A' && /^\\s*javascript:/i.test(element.getAttribute('href') || '')) ||
    ['SCRIPT', 'IFRAME', 'OBJECT', 'EMBED', 'IMG', 'VIDEO', 'AUDIO', 'MARQUEE', 'MATH', 'BODY', 'STYLE']
      .includes(element.tagName.toUpperCase()))
  .map((element) => element.outerHTML.slice(0, 120))"""


def label(text: str) -> dict[str, str]:
    return {"zh": text, "en": text}


def hostile_definition(app_id: str, payloads: list[str]) -> dict:
    """An app whose every label and option name is a payload."""
    fields = ["title", "note", "kind", "amount"]
    return {
        "format_version": 1,
        "id": app_id,
        "label": label(payloads[0]),
        "description": label(payloads[1]),
        "timezone": "UTC",
        "entities": [
            {
                "id": "item",
                "label": label(payloads[2]),
                "title_field": "title",
                "fields": [
                    {"id": "title", "type": "text", "label": label(payloads[3]), "required": True},
                    {"id": "note", "type": "longtext", "label": label(payloads[4])},
                    {
                        "id": "kind",
                        "type": "choice",
                        "label": label(payloads[5]),
                        "options": [
                            {"id": f"o{index}", "label": label(text)} for index, text in enumerate(payloads[:OPTIONS])
                        ],
                    },
                    {"id": "amount", "type": "money", "currency": "CNY", "label": label(payloads[6])},
                ],
            }
        ],
        "forms": [
            {
                "id": "item_form",
                "entity": "item",
                "label": label(payloads[7]),
                "sections": [{"id": "main", "label": label(payloads[8]), "columns": 2, "fields": fields}],
            }
        ],
        "views": [
            {
                "id": "items",
                "kind": "table",
                "entity": "item",
                "label": label(payloads[9]),
                "columns": fields,
                "page_size": 500,
            },
            {
                "id": "board",
                "kind": "kanban",
                "entity": "item",
                "label": label(payloads[10]),
                "group_by": "kind",
                "card_fields": ["note"],
            },
            {"id": "item_detail", "kind": "detail", "entity": "item", "label": label(payloads[11]), "fields": fields},
            {
                "id": "dash",
                "kind": "dashboard",
                "label": label(payloads[12]),
                "widgets": [
                    {
                        "id": "total",
                        "kind": "kpi",
                        "entity": "item",
                        "label": label(payloads[13]),
                        "aggregate": {"function": "count"},
                    },
                    {
                        "id": "kinds",
                        "kind": "pie",
                        "entity": "item",
                        "label": label(payloads[14]),
                        "group_by": {"field": "kind"},
                        "aggregate": {"function": "count"},
                        "limit": OPTIONS,
                    },
                    {
                        "id": "kind_bars",
                        "kind": "bar",
                        "entity": "item",
                        "label": label(payloads[15]),
                        "group_by": {"field": "kind"},
                        "aggregate": {"function": "sum", "field": "amount"},
                    },
                    {
                        "id": "latest",
                        "kind": "table",
                        "entity": "item",
                        "label": label(payloads[16]),
                        "columns": ["title", "note", "kind"],
                        "limit": 20,
                    },
                ],
            },
        ],
        "workflows": [
            {
                "id": "review_flow",
                "entity": "item",
                "label": label(payloads[17]),
                "nodes": [
                    {"id": "start", "kind": "start"},
                    {
                        "id": "review",
                        "kind": "approval",
                        "label": label(payloads[18]),
                        "approvers": [{"kind": "user", "user": "admin"}],
                    },
                    {"id": "done", "kind": "end", "outcome": "approved"},
                    {"id": "refused", "kind": "end", "outcome": "rejected"},
                ],
                "edges": [
                    {"id": "submitted", "from": "start", "to": "review"},
                    {"id": "accepted", "from": "review", "to": "done", "outcome": "approve"},
                    {"id": "declined", "from": "review", "to": "refused", "outcome": "reject"},
                ],
            }
        ],
    }


def normalized(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def assert_safe(page, where: str, dialogs: list[str]) -> None:
    assert page.evaluate(NO_SCRIPT_RAN), f"a payload ran on {where}"
    injected = page.evaluate(INJECTED_ELEMENTS)
    assert injected == [], f"markup from payloads became elements on {where}: {injected}"
    assert dialogs == [], f"a payload opened a dialog on {where}: {dialogs}"


def test_labels_options_and_values_with_html_and_script_show_as_text_and_never_run(new_page):
    payloads = xss_payloads()
    assert len(payloads) >= 100
    admin = signed_in_page(new_page, "admin", next_path="/")
    dialogs: list[str] = []
    admin.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    app_id = f"xss_{uuid.uuid4().hex[:8]}"
    call_api(admin, "POST", "/api/apps", hostile_definition(app_id, payloads))
    call_api(admin, "POST", f"/api/apps/{app_id}/publish", {"message": "hostile labels"})
    ids = []
    for index, text in enumerate(payloads):
        values = {"title": text, "note": payloads[-1 - index], "kind": f"o{index % OPTIONS}", "amount": index}
        ids.append(call_api(admin, "POST", f"/api/apps/{app_id}/item", values)["id"])
    call_api(admin, "POST", f"/api/apps/{app_id}/item/{ids[0]}/approval", {"comment": payloads[19]})

    admin.goto(f"/apps/{app_id}/views/items")
    wait_until_live(admin)
    table = admin.get_by_test_id("records-table")
    expect(table.locator("tbody tr")).to_have_count(len(payloads))
    shown = normalized(table.inner_text())
    missing = [text for text in payloads if normalized(text) not in shown]
    assert missing == [], f"payloads not shown literally: {missing[:5]}"
    expect(admin.get_by_role("heading", level=1)).to_have_text(payloads[0])
    assert_safe(admin, "the table", dialogs)
    screenshot(admin, "live_xss_table")

    admin.goto(f"/apps/{app_id}/views/board")
    expect(admin.locator(".kanban-lane")).to_have_count(OPTIONS)
    lanes = normalized(admin.locator(".kanban-lanes").inner_text())
    assert all(normalized(text) in lanes for text in payloads[:OPTIONS])
    assert_safe(admin, "the board", dialogs)

    admin.goto(f"/apps/{app_id}/views/dash")
    expect(admin.get_by_test_id("kpi-total")).to_have_text(str(len(payloads)))
    expect(admin.locator(".echart svg")).to_have_count(2)
    admin.get_by_test_id("chart-data-kinds").locator("xpath=..").locator("summary").click()
    figures = normalized(admin.get_by_test_id("chart-data-kinds").inner_text())
    assert all(normalized(text) in figures for text in payloads[:OPTIONS])
    admin.locator(".echart").first.hover()  # a tooltip with a payload name
    assert_safe(admin, "the dashboard", dialogs)
    screenshot(admin, "live_xss_dashboard")

    admin.goto(f"/apps/{app_id}/records/item/{ids[0]}")
    expect(admin.get_by_test_id("record-title")).to_have_text(payloads[0])
    expect(admin.get_by_test_id("timeline")).to_contain_text(payloads[19])
    assert_safe(admin, "the record page", dialogs)

    admin.goto(f"/apps/{app_id}/records/item/new")
    expect(admin.get_by_role("group", name=payloads[8])).to_be_visible()
    assert_safe(admin, "the form", dialogs)

    admin.goto(f"/apps/{app_id}/inbox")
    expect(admin.get_by_test_id("inbox")).to_contain_text(payloads[0])
    admin.get_by_test_id("notifications-bell").click()
    expect(admin.get_by_test_id("notifications-panel")).to_be_visible()
    assert_safe(admin, "the inbox and the notifications", dialogs)
