"""Helpers of the live-app browser tests: API calls as the page's signed-in user, unique names, the XSS corpus."""

from __future__ import annotations

import re
import uuid
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from playwright.sync_api import expect

from tests.browser.conftest import sign_in

CONTRACT_APP = "contract_approval"
CONTRACT_ZONE = ZoneInfo("Asia/Shanghai")  # the template's time zone


def unique(prefix: str) -> str:
    """A name no other test uses (the browser tests share one server)."""
    return f"{prefix} {uuid.uuid4().hex[:8]}"


def today_in(zone: ZoneInfo) -> str:
    """Today's date (YYYY-MM-DD) in a time zone."""
    return datetime.now(zone).date().isoformat()


def call_api(page, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
    """Call the API as the page's signed-in user (session cookie and CSRF token), failing on an error answer."""
    me = page.request.get("/api/me")
    assert me.ok, me.text()
    headers = {"X-CSRF-Token": me.json()["csrf_token"]}
    response = page.request.fetch(path, method=method, data=body, headers=headers)
    assert response.ok, f"{method} {path}: {response.status} {response.text()}"
    return response.json() if response.text() else None


def signed_in_page(
    new_page, username: str, *, next_path: str, width: int = 1280, height: int = 860, language: str = "en"
):
    """A fresh browser context signed in as a demo user, showing `next_path`."""
    page = new_page(width=width, height=height, language=language)
    sign_in(page, username, next_path=next_path)
    return page


def wait_until_live(page) -> None:
    """Wait until the live app's event stream said `ready` (every change from now on reaches the page)."""
    expect(page.get_by_test_id("live-app")).to_have_attribute("data-stream", "live")


def customer_id(page, name_part: str = "") -> int:
    """The id of a customer of the contract app the page's user may read."""
    answer = call_api(page, "GET", f"/api/apps/{CONTRACT_APP}/customer?page_size=5&sort=id")
    items = [item for item in answer["items"] if name_part in item["name"]]
    return items[0]["id"]


def create_contract(page, title: str, amount: int, *, sign_date: str | None = None, stage: str = "drafting") -> dict:
    """A contract owned by the page's user, created through the API."""
    body = {"title": title, "customer": customer_id(page), "amount": amount, "stage": stage}
    if sign_date:
        body["sign_date"] = sign_date
    return call_api(page, "POST", f"/api/apps/{CONTRACT_APP}/contract", body)


def cny(value: float) -> str:
    """An amount as the English UI writes yuan."""
    return f"CN¥{value:,.2f}"


def money(text: str) -> float:
    """The number in a formatted amount ("CN¥1,234.50", "¥1,234.50", "-CN¥5.00")."""
    number = re.sub(r"[^0-9.\-]", "", text.replace("−", "-"))
    return float(number)


XSS_MARKS = ("__xss", "__dabble_xss")  # what our payloads and the shared corpus's set on window when they run
LOCAL_XSS_TEMPLATES = (
    "<script>window.__xss={n}</script>",
    "<img src=x onerror=window.__xss={n}>",
    '<img src="x" onerror="window.__xss={n}">',
    "<svg onload=window.__xss={n}>",
    "<svg><script>window.__xss={n}</script></svg>",
    "<body onload=window.__xss={n}>",
    "<iframe src=javascript:window.parent.__xss={n}></iframe>",
    '"><script>window.__xss={n}</script>',
    "'><img src=x onerror=window.__xss={n}>",
    "<details open ontoggle=window.__xss={n}>",
    "<math><mtext><img src=x onerror=window.__xss={n}></mtext></math>",
    '<a href="javascript:window.__xss={n}">click {n}</a>',
    "<input autofocus onfocus=window.__xss={n}>",
    "<video><source onerror=window.__xss={n}></video>",
    "<object data=javascript:window.__xss={n}>",
    "{{{{constructor.constructor('window.__xss={n}')()}}}}",
    "${{window.__xss={n}}}",
    "<style>@import 'javascript:window.__xss={n}';</style>",
    "<marquee onstart=window.__xss={n}>m</marquee>",
    "</textarea><script>window.__xss={n}</script>",
)


def storable(text: str) -> bool:
    """A text a label and a one-line text field both accept: 1–200 characters, no control characters."""
    return bool(text.strip()) and len(text) <= 200 and not re.search(r"[\x00-\x1f\x7f]", text)


def xss_payloads() -> list[str]:
    """At least 100 payloads that would set window.__xss if a page ran them: the shared corpus when it exists."""
    try:
        from tests.robustness import xss_payloads as corpus  # written by another helper; used when present
    except ImportError:
        corpus = None
    found: list[str] = []
    if corpus is not None:
        for name in ("xss_payloads", "PAYLOADS", "XSS_PAYLOADS"):
            value = getattr(corpus, name, None)
            value = value() if callable(value) else value
            if isinstance(value, (list, tuple)) and all(isinstance(item, str) for item in value):
                found = [item for item in value if storable(item)]
                break
    if len(found) >= 100:
        return found
    local = [template.format(n=index) for index in range(1, 6) for template in LOCAL_XSS_TEMPLATES]
    return found + local
