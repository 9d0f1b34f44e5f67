"""Kanban lanes, calendar ranges and record details, each read through the access layer and each user's scope."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from templates_library import library
from tests.support.auth import signed_in_client
from tests.templates.api_rows import all_records

APP = "contract_approval"
MODEL = library().get(APP).model


def _contract(client, **values) -> dict:
    body = {"title": "Board test", "customer": 1, "amount": 1000, "contract_type": "renewal", "stage": "drafting"}
    response = client.post(f"/api/apps/{APP}/contract", json=body | values)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def test_kanban_lanes_follow_the_options_and_count_what_each_user_reads(demo_instance):
    view = MODEL.view("contract_board")
    stage = MODEL.entity("contract").field("stage")
    for username in ("admin", "chen.jie", "li.na", "zhao.lei"):
        client = signed_in_client(demo_instance.app, username, is_admin=username == "admin")
        board = client.get(f"/api/apps/{APP}/views/contract_board", query_string={"lane_size": 2}).get_json()
        assert [lane["value"] for lane in board["lanes"]] == list(stage.option_ids)
        readable = [row for row in all_records(client, APP, "contract") if row["stage"] != "lost"]  # the view's filter
        for lane in board["lanes"]:
            in_lane = [row for row in readable if row["stage"] == lane["value"]]
            assert lane["total"] == len(in_lane), (username, lane["value"])
            assert len(lane["cards"]) == min(2, len(in_lane))
            assert {card["id"] for card in lane["cards"]} <= {row["id"] for row in in_lane}
            for card in lane["cards"]:
                assert set(card) <= {"id", "row_version", "stage", "title", *view.card_fields}
        assert sum(lane["total"] for lane in board["lanes"]) == len(readable)


def test_moving_a_card_is_an_update_checked_like_any_other(demo_instance):
    chen = signed_in_client(demo_instance.app, "chen.jie", is_admin=False)
    zhao = signed_in_client(demo_instance.app, "zhao.lei", is_admin=False)
    card = _contract(chen, amount=80000)  # from 50,000 a manager approves: the record waits, locked
    moved = chen.patch(f"/api/apps/{APP}/contract/{card['id']}", json={"row_version": 1, "stage": "negotiating"})
    assert moved.status_code == 200, moved.get_json()
    lanes = {lane["value"]: lane for lane in chen.get(f"/api/apps/{APP}/views/contract_board").get_json()["lanes"]}
    assert card["id"] in {item["id"] for item in lanes["negotiating"]["cards"]}
    assert card["id"] not in {item["id"] for item in lanes["drafting"]["cards"]}
    refused = zhao.patch(f"/api/apps/{APP}/contract/{card['id']}", json={"row_version": 2, "stage": "signed"})
    assert refused.status_code == 404  # another rep's contract is not theirs to read, let alone move
    stale = chen.patch(f"/api/apps/{APP}/contract/{card['id']}", json={"row_version": 1, "stage": "signed"})
    assert stale.get_json()["error"]["code"] == "record.stale"
    submitted = chen.post(f"/api/apps/{APP}/contract/{card['id']}/approval", json={})
    assert submitted.status_code == 201, submitted.get_json()
    version = chen.get(f"/api/apps/{APP}/contract/{card['id']}").get_json()["row_version"]
    locked = chen.patch(f"/api/apps/{APP}/contract/{card['id']}", json={"row_version": version, "stage": "lost"})
    assert (locked.status_code, locked.get_json()["error"]["code"]) == (409, "record.locked")


def test_a_calendar_shows_the_range_asked_for_in_start_order(demo_instance):
    admin = signed_in_client(demo_instance.app)
    rows = [row for row in all_records(admin, APP, "contract") if row["sign_date"]]
    first = min(date.fromisoformat(row["sign_date"]) for row in rows)
    last = first + timedelta(days=40)
    body = admin.get(
        f"/api/apps/{APP}/views/signing_calendar", query_string={"from": first.isoformat(), "to": last.isoformat()}
    ).get_json()
    expected = sorted(
        (row for row in rows if first <= date.fromisoformat(row["sign_date"]) <= last),
        key=lambda row: (row["sign_date"], row["id"]),
    )
    assert [event["id"] for event in body["events"]] == [row["id"] for row in expected]
    assert all(event["all_day"] and event["title"] for event in body["events"])
    assert (body["from"], body["to"], body["truncated"]) == (first.isoformat(), last.isoformat(), False)


def test_a_calendar_shows_this_month_by_default_and_refuses_backward_or_long_ranges(demo_instance):
    admin = signed_in_client(demo_instance.app)
    today = datetime.now(UTC).astimezone(ZoneInfo(MODEL.timezone)).date()
    body = admin.get(f"/api/apps/{APP}/views/signing_calendar").get_json()
    assert body["from"] == today.replace(day=1).isoformat() and body["to"][:7] == today.isoformat()[:7]
    for query in ({"from": "2026-03-02", "to": "2026-03-01"}, {"from": "2025-01-01", "to": "2026-01-02"}):
        response = admin.get(f"/api/apps/{APP}/views/signing_calendar", query_string=query)
        assert response.get_json()["error"]["problems"][0]["code"] == "query.date_range"
    response = admin.get(f"/api/apps/{APP}/views/signing_calendar", query_string={"from": "2026-02-30"})
    assert response.get_json()["error"]["problems"][0]["path"] == "/from"


def test_a_detail_shows_fields_related_records_and_the_timeline_as_each_user_may(demo_instance):
    chen = signed_in_client(demo_instance.app, "chen.jie", is_admin=False)
    contract = _contract(chen, margin_note="only the rep and their manager", amount=80000)
    follow_up = chen.post(
        f"/api/apps/{APP}/follow_up", json={"subject": "Call back", "contract": contract["id"], "due": "2026-12-20"}
    )
    assert follow_up.status_code == 201, follow_up.get_json()
    chen.patch(f"/api/apps/{APP}/contract/{contract['id']}", json={"row_version": 1, "margin_note": "revised"})
    assert (
        chen.post(f"/api/apps/{APP}/contract/{contract['id']}/approval", json={"comment": "please"}).status_code == 201
    )
    path = f"/api/apps/{APP}/views/contract_detail/{contract['id']}"
    mine = chen.get(path).get_json()
    assert mine["record"]["margin_note"] == "revised" and mine["record"]["owner"] == "chen.jie"
    (related,) = mine["related"]
    assert related["total"] == 1 and related["items"][0]["subject"] == "Call back"
    kinds = [(item["kind"], item["action"]) for item in mine["timeline"]]
    assert kinds[:2] == [("change", "create"), ("change", "update")] and ("approval", "submit") in kinds
    flow = MODEL.workflow("contract_signoff")
    steps = [item for item in mine["timeline"] if item["kind"] == "approval" and item["node"]]
    for step in steps:
        node = flow.node(step["node"])
        assert step["node_label"] == (node.label.to_json() if node.label is not None else None)
    assert any(step["node"] == "manager_review" and step["node_label"] for step in steps)
    moments = [datetime.fromisoformat(item["at"].replace("Z", "+00:00")) for item in mine["timeline"]]
    assert moments == sorted(moments)
    director = signed_in_client(demo_instance.app, "zhang.wei", is_admin=False).get(path).get_json()
    assert "margin_note" not in director["record"]  # supervisor-level: chen.jie's manager sees it, not the director
    assert all("margin_note" not in item.get("changes", {}) for item in director["timeline"])
    assert "revised" not in json.dumps(director, ensure_ascii=False)
    assert signed_in_client(demo_instance.app, "zhao.lei", is_admin=False).get(path).status_code == 404


def test_a_detail_layout_comes_without_a_record(demo_instance):
    body = signed_in_client(demo_instance.app).get(f"/api/apps/{APP}/views/contract_detail").get_json()
    assert [field["id"] for field in body["view"]["fields"]] == list(MODEL.view("contract_detail").fields)
    assert body["view"]["related"][0]["entity"] == "follow_up" and "record" not in body
