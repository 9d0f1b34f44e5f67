"""The designer in a real browser: start from a template, add a field and see it in the form preview, open a
threshold gap in an approval flow and see it on the flow edge, fix it, publish with the migration plan shown."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import screenshot, sign_in


def start_from_template(page, template: str, app_id: str) -> None:
    """Create an app from a template in the gallery and wait for its designer."""
    page.get_by_test_id(f"template-{template}").get_by_role("button").click()
    form = page.get_by_test_id("new-app-form")
    form.locator("input[name=app_id]").fill(app_id)
    form.locator("button[type=submit]").click()
    expect(page).to_have_url(re.compile(rf"/designer/{app_id}/entities"))
    expect(page.get_by_test_id("draft-status")).to_contain_text("Saved")


def test_start_from_a_template_add_a_field_break_and_fix_a_branch_then_publish(page):
    sign_in(page, "li.na")
    start_from_template(page, "contract_approval", "designer_walk")
    expect(page.get_by_test_id("error-count")).to_have_text("No errors")

    # A new field appears in the live preview of the record form.
    page.get_by_test_id("entity-contract").click()
    preview = page.get_by_test_id("form-preview")
    expect(preview).to_contain_text("Margin note")
    page.get_by_test_id("add-field").click()
    page.get_by_test_id("field-label-en").fill("Delivery region")
    page.get_by_test_id("field-label-zh").fill("交付区域")
    expect(preview.get_by_label("Delivery region")).to_be_visible()
    page.get_by_test_id("field-type").select_option("choice")
    page.get_by_test_id("option-label-0-en").fill("North")
    expect(preview.get_by_label("Delivery region")).to_contain_text("North")
    expect(page.get_by_test_id("draft-status")).to_contain_text("Unsaved changes")
    screenshot(page, "designer_fields")

    # A threshold gap between two branches is shown on the flow edge, as the uncovered range.
    page.get_by_test_id("tab-flows").click()
    page.get_by_test_id("flow-edge-medium").click()
    editor = page.get_by_test_id("edge-editor")
    value = editor.get_by_test_id("edge-condition").locator(".rule-value").first
    expect(value).to_have_value("50000")
    value.fill("60000")
    gap = page.get_by_test_id("flow-canvas").get_by_test_id("coverage-finding")
    expect(gap).to_have_count(1)
    expect(gap).to_contain_text("Not covered")
    expect(gap).to_contain_text("50000")
    expect(gap).to_contain_text("59999.99")  # money steps by 0.01
    expect(page.get_by_test_id("error-count")).to_have_text(re.compile(r"\d+ error"))
    screenshot(page, "designer_flow_gap")

    # The problems panel lists it; a click jumps to the edge, which shows the range in words.
    page.get_by_test_id("tab-entities").click()
    page.get_by_test_id("problems-panel").locator("[data-problem-code='flow.branch_gap']").click()
    expect(page).to_have_url(re.compile(r"/flows\?focus=%2Fworkflows%2F0%2Fedges%2F"))
    expect(page.get_by_test_id("edge-findings")).to_contain_text("Not covered")

    # Fixed: the gap is gone.
    page.get_by_test_id("flow-edge-medium").click()
    page.get_by_test_id("edge-editor").get_by_test_id("edge-condition").locator(".rule-value").first.fill("50000")
    expect(page.get_by_test_id("flow-canvas").get_by_test_id("coverage-finding")).to_have_count(0)
    expect(page.get_by_test_id("error-count")).to_have_text("No errors")

    # Publish: the migration plan first, then the version goes live.
    page.get_by_test_id("publish").click()
    dialog = page.get_by_test_id("publish-dialog")
    plan = dialog.get_by_test_id("migration-plan")
    expect(plan.locator("[data-step-kind=create_table]")).to_have_count(3)
    screenshot(page, "designer_publish_plan")
    dialog.get_by_test_id("publish-message").fill("first version, with delivery regions")
    dialog.get_by_test_id("publish-confirm-button").click()
    expect(dialog.get_by_test_id("publish-outcome")).to_have_text("Version 1 is live.")
    dialog.get_by_role("button", name="Close").click()
    expect(page.get_by_test_id("draft-status")).to_contain_text("Saved")

    # The next publish plans only the change: a field added to the live table.
    page.get_by_test_id("tab-entities").click()
    page.get_by_test_id("entity-contract").click()
    page.get_by_test_id("add-field").click()
    page.get_by_test_id("publish").click()
    plan = page.get_by_test_id("publish-dialog").get_by_test_id("migration-plan")
    expect(plan.locator("[data-step-kind=add_column]")).to_have_count(1)
    expect(plan).to_contain_text("contract.field_2")


def test_fields_are_reordered_by_dragging(page):
    sign_in(page, "li.na")
    start_from_template(page, "contract_approval", "designer_drag")
    page.get_by_test_id("entity-customer").click()
    rows = page.get_by_test_id("field-list").locator("li")
    expect(rows.first).to_contain_text("Name")
    page.get_by_test_id("field-row-contact_email").drag_to(page.get_by_test_id("field-row-name"))
    expect(rows.first).to_contain_text("Contact email")
    expect(page.get_by_test_id("draft-status")).to_contain_text("Unsaved changes")


def test_saving_the_draft_keeps_it_across_a_reload(page):
    sign_in(page, "li.na")
    start_from_template(page, "lead_response", "designer_save")
    page.get_by_test_id("tab-app").click()
    page.get_by_test_id("app-label-en").fill("Hot leads, East")
    expect(page.get_by_test_id("designer-title")).to_have_text("Hot leads, East")
    page.get_by_test_id("save-draft").click()
    expect(page.get_by_test_id("draft-status")).to_contain_text("Saved")
    page.reload()
    expect(page.get_by_test_id("designer-title")).to_have_text("Hot leads, East")


def test_the_designer_switches_language_and_fits_a_phone(new_page):
    page = new_page(width=375, height=800)
    sign_in(page, "li.na")
    start_from_template(page, "store_sales", "designer_phone")
    page.get_by_role("button", name="中文").click()
    expect(page.get_by_test_id("tab-entities")).to_have_text(re.compile("记录与字段"))
    expect(page.get_by_test_id("draft-status")).to_contain_text("已保存")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the designer is {overflow}px wider than a 375px screen"
    screenshot(page, "designer_phone_zh")
    page.get_by_test_id("tab-flows").click()
    expect(page.get_by_test_id("flow-canvas")).to_be_visible()
    screenshot(page, "designer_flow_phone_zh")


def test_view_as_a_user_shows_only_what_they_see(page):
    sign_in(page, "admin")
    total = page.evaluate("fetch('/api/apps/contract_approval/contract?page_size=1').then((r) => r.json())")["total"]
    page.goto("/designer/contract_approval/view-as")
    page.get_by_test_id("view-as-kind").select_option("user")
    page.get_by_test_id("view-as-user").fill("chen.jie")
    page.get_by_test_id("view-as-preview").click()
    contracts = page.get_by_test_id("view-as-contract")
    expect(contracts).to_contain_text("record(s)")
    seen = int(contracts.locator("p").first.inner_text().split()[0])
    assert 0 < seen < total, f"chen.jie sees {seen} of {total} contracts"
    screenshot(page, "designer_view_as")
    page.get_by_role("button", name="Open the live app as them").click()
    expect(page.get_by_test_id("view-as-banner")).to_contain_text("user:chen.jie")
    page.get_by_test_id("view-as-banner").get_by_role("button").click()
    expect(page.get_by_test_id("view-as-banner")).to_have_count(0)


def test_a_draft_saved_meanwhile_elsewhere_is_not_overwritten(new_page):
    first, second = new_page(), new_page()
    sign_in(first, "li.na")
    start_from_template(first, "personal_follow_up", "designer_stale")
    sign_in(second, "li.na", next_path="/designer/designer_stale/app")
    for page, name in ((first, "From the first tab"), (second, "From the second tab")):
        page.get_by_test_id("tab-app").click()
        page.get_by_test_id("app-label-en").fill(name)
    first.get_by_test_id("save-draft").click()
    expect(first.get_by_test_id("draft-status")).to_contain_text("Saved")
    second.get_by_test_id("save-draft").click()
    expect(second.get_by_role("alert")).to_contain_text("changed")
    second.get_by_test_id("reload-draft").click()
    expect(second.get_by_test_id("designer-title")).to_have_text("From the first tab")
    expect(second.get_by_test_id("draft-status")).to_contain_text("Saved")


def publish_from_dialog(page) -> None:
    dialog = page.get_by_test_id("publish-dialog")
    dialog.get_by_test_id("publish-confirm-button").click()
    expect(dialog.get_by_test_id("publish-outcome")).to_contain_text("is live")
    dialog.get_by_role("button", name="Close").click()


def test_a_changed_field_id_is_published_as_a_rename_when_the_publisher_says_so(page):
    sign_in(page, "li.na")
    start_from_template(page, "contract_approval", "designer_rename")
    page.get_by_test_id("publish").click()
    publish_from_dialog(page)

    page.get_by_test_id("entity-contract").click()
    page.get_by_test_id("field-row-margin_note").get_by_role("button", name="Margin note").click()
    page.get_by_test_id("field-id").fill("margin_comment")
    expect(page.get_by_test_id("error-count")).to_have_text("No errors")  # the form follows the new id

    page.get_by_test_id("publish").click()
    dialog = page.get_by_test_id("publish-dialog")
    plan = dialog.get_by_test_id("migration-plan")
    expect(plan.locator("[data-step-kind=archive_column]")).to_have_count(1)
    expect(dialog.get_by_test_id("publish-confirm-button")).to_be_disabled()  # archiving needs a confirmation
    dialog.get_by_test_id("rename-contract.margin_note").select_option("margin_comment")
    expect(plan.locator("[data-step-kind=rename_column]")).to_have_count(1)
    expect(plan.locator("[data-step-kind=archive_column]")).to_have_count(0)
    screenshot(page, "designer_publish_rename")
    dialog.get_by_test_id("publish-confirm-button").click()
    expect(dialog.get_by_test_id("publish-outcome")).to_have_text("Version 2 is live.")


def test_every_section_of_the_designer_edits_the_draft(page):
    sign_in(page, "li.na")
    start_from_template(page, "sales_pipeline", "designer_tour")
    no_errors = page.get_by_test_id("error-count")

    page.get_by_test_id("tab-forms").click()
    page.locator(".section-editor").first.get_by_label("Columns").fill("3")
    expect(page.get_by_test_id("form-preview").locator(".form-grid").first).to_have_attribute("style", "--columns: 3;")
    screenshot(page, "designer_forms")

    page.get_by_test_id("tab-views").click()
    page.get_by_label("View kind").select_option("kanban")
    page.get_by_role("button", name="Add", exact=True).click()
    expect(page.locator(".editor-column h2")).to_have_text("New view")
    expect(page.get_by_label("Lanes by")).not_to_have_value("")
    screenshot(page, "designer_views")

    page.get_by_test_id("tab-rules").click()
    page.get_by_role("button", name="Add a rule").click()
    expect(page.locator(".editor-column h2")).to_have_text("New rule")
    page.get_by_role("button", name="Add a business condition").click()
    screenshot(page, "designer_rules")

    page.get_by_test_id("tab-permissions").click()
    matrix = page.get_by_test_id("permission-matrix")
    cell = matrix.locator("select").first
    cell.select_option("all")
    expect(cell).to_have_value("all")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the permissions page is {overflow}px too wide"
    screenshot(page, "designer_permissions")

    expect(no_errors).to_have_text("No errors")
    page.get_by_test_id("save-draft").click()
    expect(page.get_by_test_id("draft-status")).to_contain_text("Saved")


def test_an_it_reviewer_reads_the_designer_without_changing_the_app(page):
    sign_in(page, "zhou.min")
    page.goto("/designer/contract_approval/permissions")
    expect(page.get_by_test_id("read-only")).to_be_visible()
    expect(page.get_by_test_id("permission-matrix")).to_contain_text("Sales rep")
    expect(page.get_by_test_id("publish")).to_be_disabled()
    page.get_by_test_id("permission-matrix").locator("select").first.select_option("all")
    expect(page.get_by_test_id("save-draft")).to_be_disabled()


def test_after_a_jump_to_a_problem_other_elements_can_still_be_picked(page):
    sign_in(page, "li.na")
    start_from_template(page, "customer_value", "designer_jump")
    page.get_by_test_id("field-list").locator("li").nth(1).get_by_role("button").first.click()
    page.get_by_test_id("field-id").fill("Bad Id")
    page.get_by_test_id("tab-views").click()
    problems = page.get_by_test_id("problems-panel").locator("[data-problem-code='id.invalid_start']")
    expect(problems).to_have_count(3)  # the field, and the form and view that name it (they follow its id)
    problems.first.click()
    expect(page.get_by_test_id("field-id")).to_have_value("Bad Id")
    page.get_by_test_id("field-list").locator("li").first.get_by_role("button").first.click()
    expect(page.get_by_test_id("field-id")).not_to_have_value("Bad Id")
    page.get_by_test_id("field-list").locator("li").nth(1).get_by_role("button").first.click()
    page.get_by_test_id("field-id").fill("fixed_id")
    expect(page.get_by_test_id("error-count")).to_have_text("No errors")


def test_leaving_with_unsaved_changes_asks_first(page):
    sign_in(page, "li.na")
    start_from_template(page, "quote_strategy", "designer_leave")
    page.get_by_test_id("tab-app").click()
    page.get_by_test_id("app-label-en").fill("Quotes, changed")
    questions = []

    def answer(dialog, accept: bool) -> None:
        questions.append(dialog.message)
        dialog.accept() if accept else dialog.dismiss()

    page.once("dialog", lambda dialog: answer(dialog, accept=False))
    page.get_by_role("link", name="Dabble").click()
    expect(page.get_by_test_id("designer-title")).to_have_text("Quotes, changed")  # stayed
    page.get_by_test_id("tab-entities").click()  # moving inside the designer asks nothing
    expect(page).to_have_url(re.compile(r"/designer/designer_leave/entities"))
    page.once("dialog", lambda dialog: answer(dialog, accept=True))
    page.get_by_role("link", name="Dabble").click()
    expect(page.get_by_test_id("template-gallery")).to_be_visible()
    assert questions == ["The draft has unsaved changes. Leave the designer and lose them?"] * 2
