"""Browser tests: a real Dabble server (demo org, templates installed) driven by Playwright through Chromium."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from runtime.app import create_app
from runtime.database import ENGINE_KEY
from runtime.identity.demo_org import DEMO_PASSWORD, seed_demo_org
from runtime.template_install import TemplateInstaller
from runtime.ui import ui_built

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"
HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test of this folder that opens a browser gets the `browser` marker."""
    for item in items:
        if HERE in Path(str(item.path)).parents and "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)


@dataclass(frozen=True)
class DabbleServer:
    """A Dabble server listening on a free local port."""

    url: str


@pytest.fixture(scope="session")
def dabble_server(tmp_path_factory) -> Iterator[DabbleServer]:
    """The real app on a fresh SQLite instance with the demo org and the ten templates, served in a thread."""
    folder = tmp_path_factory.mktemp("browser")
    app = create_app(
        {"DABBLE_INSTANCE_PATH": str(folder / "instance"), "DABBLE_DATABASE_URL": "", "DABBLE_SECRET_KEY": "browser"}
    )
    if not ui_built(app.config["VITE_FOLDER_PATH"]):
        pytest.fail("the UI is not built: make test builds it first (npm run build)")
    engine = app.extensions[ENGINE_KEY]
    seed_demo_org(engine)
    TemplateInstaller(engine).install_missing()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="dabble-browser-server", daemon=True)
    thread.start()
    try:
        yield DabbleServer(f"http://127.0.0.1:{server.server_port}")
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
        engine.dispose()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium through Playwright (never a downloaded browser); skipped only when it is not installed."""
    if not CHROMIUM.exists() or shutil.which(str(CHROMIUM)) is None:
        pytest.skip("Debian's Chromium is not installed at /usr/bin/chromium (apt-get install chromium; .ci/run does)")
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=15_000)  # assertions wait as long as actions do: CI machines are busy
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call):
    """Keep a screenshot of every open page of a failed browser test (build/screenshots/failed-<test>-<n>.png)."""
    report = yield
    if report.when == "call" and report.failed and "new_page" in getattr(item, "funcargs", {}):
        browser = item.funcargs.get("browser")
        for number, context in enumerate(browser.contexts if browser else []):
            for page in context.pages:
                screenshot(page, f"failed-{item.name}-{number}")
    return report


@pytest.fixture
def page_errors() -> list[str]:
    """Uncaught script errors of the test's pages (a test fails when one happens)."""
    return []


@pytest.fixture
def new_page(browser, dabble_server, page_errors):
    """Open pages in a fresh browser context (its own cookies) at a viewport size: new_page(width=1280, height=860)."""
    contexts = []

    def open_page(width: int = 1280, height: int = 860, language: str = "en"):
        context = browser.new_context(viewport={"width": width, "height": height}, base_url=dabble_server.url)
        script = f"localStorage.getItem('dabble.language') || localStorage.setItem('dabble.language', '{language}')"
        context.add_init_script(script)  # the first page's language; the switch's choice is kept after it
        context.set_default_timeout(15_000)
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda error: page_errors.append(str(error)))
        return page

    yield open_page
    for context in contexts:
        context.close()
    assert page_errors == [], f"script errors in the page: {page_errors}"


@pytest.fixture
def page(new_page):
    """A desktop-sized page."""
    return new_page()


def sign_in(page, username: str, password: str = DEMO_PASSWORD, *, next_path: str = "/") -> None:
    """Sign in through the login form as a demo user and wait for the page the login leads to."""
    page.goto(f"/login?next={next_path}")
    page.get_by_label("User name").or_(page.get_by_label("用户名")).fill(username)
    page.get_by_label("Password").or_(page.get_by_label("密码")).fill(password)
    page.locator("form button[type=submit]").click()
    page.get_by_test_id("user-menu").wait_for()


def screenshot(page, name: str) -> Path:
    """Keep a screenshot of the page as a test artifact in build/screenshots/."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
