"""Labels and option names holding HTML or script are shown as text everywhere in the designer; no script runs."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import screenshot, sign_in

IMG = '<img src=x onerror="window.__xss=true">'
SCRIPT = "<script>window.__xss=true</script>"
SVG = '<svg onload="window.__xss=true"></svg>'


def hostile_definition(page, app_id: str) -> dict:
    """The lead_response template with markup in the app, entity, field, option, section and node labels."""
    definition = page.evaluate("fetch('/api/templates/lead_response').then((r) => r.json())")["definition"]
    definition["id"] = app_id
    definition["label"] = {"zh": SCRIPT, "en": SCRIPT}
    lead = definition["entities"][0]
    lead["label"] = {"zh": IMG, "en": IMG}
    lead["fields"][0]["label"] = {"zh": SVG, "en": SVG}
    source = next(field for field in lead["fields"] if field["type"] == "choice")
    source["options"][0]["label"] = {"zh": IMG, "en": IMG}
    definition["forms"][0]["sections"][0]["label"] = {"zh": SCRIPT, "en": SCRIPT}
    definition["workflows"][0]["nodes"][1]["label"] = {"zh": IMG, "en": IMG}
    return definition


def test_markup_in_labels_is_text_and_never_runs(page):
    page.context.add_init_script("window.__xss = false")  # set again on every page load; markup would make it true
    sign_in(page, "li.na")
    definition = hostile_definition(page, "hostile_labels")
    status = page.evaluate(
        """async (definition) => {
            const me = await (await fetch('/api/me')).json();
            const response = await fetch('/api/apps', {method: 'POST', body: JSON.stringify(definition),
                headers: {'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf_token}});
            return response.status;
        }""",
        definition,
    )
    assert status == 201

    page.goto("/")
    expect(page.get_by_test_id("app-hostile_labels")).to_contain_text(SCRIPT)

    page.goto("/designer/hostile_labels/entities")
    expect(page.get_by_test_id("designer-title")).to_have_text(SCRIPT)
    expect(page.get_by_test_id("entity-lead")).to_contain_text(IMG)
    expect(page.get_by_test_id("field-list")).to_contain_text(SVG)
    preview = page.get_by_test_id("form-preview")
    expect(preview).to_contain_text(SCRIPT)  # the section title
    expect(preview.locator("option", has_text=IMG)).to_have_count(1)
    expect(preview.get_by_label(SVG)).to_be_visible()

    page.get_by_test_id("tab-flows").click()
    expect(page.get_by_test_id("flow-canvas")).to_contain_text(IMG)
    page.get_by_test_id("tab-permissions").click()
    expect(page.get_by_test_id("permission-matrix")).to_contain_text(IMG)
    screenshot(page, "designer_markup_as_text")

    assert page.evaluate("window.__xss") is False
    injected = page.evaluate("document.querySelectorAll('#root img[src=x], #root svg[onload], #root script').length")
    assert injected == 0
