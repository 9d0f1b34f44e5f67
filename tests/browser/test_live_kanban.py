"""The contract board in a real browser: a dragged card changes its stage; a card in approval is refused, put back."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import screenshot
from tests.browser.live_support import CONTRACT_APP, call_api, create_contract, signed_in_page, unique, wait_until_live

BOARD = f"/apps/{CONTRACT_APP}/views/contract_board"


def lane_head(page, value: str):
    """Where a card is dropped: the lane's heading, at the top of the board (a long lane's middle may be off screen)."""
    return page.get_by_test_id(f"lane-{value}").locator(".lane-head")


def is_patch_of(record_id: int):
    return lambda response: response.request.method == "PATCH" and response.url.endswith(f"/contract/{record_id}")


def test_dragging_a_card_to_another_lane_changes_the_records_stage(new_page):
    rep = signed_in_page(new_page, "chen.jie", next_path=BOARD)
    wait_until_live(rep)
    contract = create_contract(rep, unique("Board move"), 12_000, stage="drafting")
    card = rep.get_by_test_id(f"card-{contract['id']}")
    expect(rep.get_by_test_id("lane-drafting").get_by_test_id(f"card-{contract['id']}")).to_be_visible()  # arrived live

    with rep.expect_response(is_patch_of(contract["id"])) as answer:
        card.drag_to(lane_head(rep, "negotiating"))
    assert answer.value.status == 200, answer.value.text()
    expect(rep.get_by_test_id("lane-negotiating").get_by_test_id(f"card-{contract['id']}")).to_be_visible()
    stored = call_api(rep, "GET", f"/api/apps/{CONTRACT_APP}/contract/{contract['id']}")
    assert (stored["stage"], stored["row_version"]) == ("negotiating", contract["row_version"] + 1)
    screenshot(rep, "live_kanban")

    rep.reload()
    expect(rep.get_by_test_id("lane-negotiating").get_by_test_id(f"card-{contract['id']}")).to_be_visible()


def test_a_card_in_approval_is_refused_and_put_back_in_its_lane(new_page):
    rep = signed_in_page(new_page, "chen.jie", next_path=BOARD)
    wait_until_live(rep)
    contract = create_contract(rep, unique("Locked card"), 64_000, stage="negotiating")
    instance = call_api(rep, "POST", f"/api/apps/{CONTRACT_APP}/contract/{contract['id']}/approval", {})
    in_approval = rep.get_by_test_id("lane-in_approval")
    expect(in_approval.get_by_test_id(f"card-{contract['id']}")).to_be_visible()

    with rep.expect_response(is_patch_of(contract["id"])) as answer:
        rep.get_by_test_id(f"card-{contract['id']}").drag_to(lane_head(rep, "signed"))
    assert answer.value.status == 409
    refusal = rep.get_by_test_id("kanban-refusal")
    expect(refusal).to_have_attribute("data-code", "record.locked")
    expect(refusal).to_contain_text("in approval, so it cannot be changed")
    expect(in_approval.get_by_test_id(f"card-{contract['id']}")).to_be_visible()
    expect(rep.get_by_test_id("lane-signed").get_by_test_id(f"card-{contract['id']}")).to_have_count(0)
    stored = call_api(rep, "GET", f"/api/apps/{CONTRACT_APP}/contract/{contract['id']}")
    assert stored["stage"] == "in_approval"
    screenshot(rep, "live_kanban_refused")
    call_api(rep, "POST", f"/api/apps/{CONTRACT_APP}/workflows/{instance['id']}/withdraw", {})


def test_a_card_moved_with_its_lane_list_on_a_phone(new_page):
    rep = signed_in_page(new_page, "chen.jie", next_path=BOARD, width=375, height=740)
    wait_until_live(rep)
    contract = create_contract(rep, unique("Phone move"), 9_000, stage="drafting")
    with rep.expect_response(is_patch_of(contract["id"])):
        rep.get_by_test_id(f"move-{contract['id']}").select_option("negotiating")
    expect(rep.get_by_test_id("lane-negotiating").get_by_test_id(f"card-{contract['id']}")).to_be_visible()
    overflow = rep.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the board is {overflow}px wider than a 375px screen"
    screenshot(rep, "live_kanban_phone")
