"""The review gate: an app that needs IT review publishes through a request a reviewer approves or rejects."""

from __future__ import annotations

import json
import threading
from typing import Any

import pytest

from runtime.database import ENGINE_KEY
from runtime.identity import org_admin
from tests.support.apps import definition
from tests.support.auth import signed_in_client


@pytest.fixture
def team(app):
    """A maker (builds the app, no special rights), two IT reviewers, and an administrator who keeps records."""
    engine = app.extensions[ENGINE_KEY]
    org_admin.create_user(engine, "it.one", is_reviewer=True)
    org_admin.create_user(engine, "it.two", is_reviewer=True)
    return {
        "maker": signed_in_client(app, "maker", is_admin=False),
        "it": signed_in_client(app, "it.one"),
        "it2": signed_in_client(app, "it.two"),
        "admin": signed_in_client(app),
    }


@pytest.fixture
def gated(team):
    """The maker's deals app, published once with three deals, then put under review by IT."""
    maker, it = team["maker"], team["it"]
    assert maker.post("/api/apps", json=definition()).status_code == 201
    assert maker.post("/api/apps/deals/publish", json={}).status_code == 201
    for index in range(3):
        deal = {"name": f"Deal {index}", "amount": 1000 * index, "stage": "open"}
        assert team["admin"].post("/api/apps/deals/deal", json=deal).status_code == 201
    refused = maker.put("/api/apps/deals/review-policy", json={"required": True})
    assert refused.status_code == 403
    assert refused.get_json()["error"]["code"] == "review.not_reviewer"
    policy = it.put("/api/apps/deals/review-policy", json={"required": True})
    assert policy.status_code == 200, policy.get_json()
    assert policy.get_json() | {"set_at": None} == {"required": True, "set_by": "it.one", "set_at": None}
    return team


def _with_region(document: dict[str, Any]) -> dict[str, Any]:
    document["entities"][0]["fields"].append({"id": "region", "type": "text", "label": "Region"})
    return document


def _submit(client, document: dict[str, Any], **options: Any) -> dict[str, Any]:
    """Save the draft and publish it: under review this submits a request (202)."""
    saved = client.put("/api/apps/deals/draft", json={"definition": document})
    assert saved.status_code == 200, saved.get_json()
    response = client.post("/api/apps/deals/publish", json={"message": "add region"} | options)
    assert response.status_code == 202, response.get_json()
    body = response.get_json()
    assert body["published"] is False
    return body["review"]


def _statuses(client) -> list[tuple[Any, str]]:
    items = client.get("/api/apps/deals/versions").get_json()["items"]
    return [(item["version"], item["status"]) for item in items]


def test_a_submitted_change_waits_for_review_and_the_reviewer_sees_everything(gated):
    maker, it = gated["maker"], gated["it"]
    review = _submit(maker, _with_region(definition()))
    assert review["status"] == "pending" and review["author"] == "maker" and review["base_version"] == 1
    assert maker.get("/api/apps/deals").get_json()["current_version"] == 1
    assert "region" not in gated["admin"].get("/api/apps/deals/deal/1").get_json()  # still version 1 live
    assert _statuses(maker) == [(1, "published"), (None, "in_review")]

    seen = it.get(f"/api/apps/deals/reviews/{review['id']}").get_json()
    assert seen["validation"]["valid"] is True
    kinds = [change["kind"] for change in seen["diff"]["changes"]["changes"]]
    assert kinds == ["field.added"]
    assert "region" in seen["diff"]["text"]["en"] and "region" in seen["diff"]["text"]["zh"]
    assert [(step["kind"], step["field"], step["rows"]) for step in seen["plan"]["plan"]] == [
        ("add_column", "region", 3)
    ]
    matrix = seen["permission_matrix"]
    assert [role["id"] for role in matrix["roles"]] == ["rep", "manager"]
    assert {field["field"] for field in matrix["entities"][0]["fields"]} >= {"name", "region"}


def test_approval_publishes_the_submitted_definition_with_the_reviewer_recorded(gated):
    maker, it = gated["maker"], gated["it"]
    review = _submit(maker, _with_region(definition()))
    own = maker.post(f"/api/apps/deals/reviews/{review['id']}/approve", json={})
    assert own.status_code == 403  # the maker is no reviewer
    approved = it.post(f"/api/apps/deals/reviews/{review['id']}/approve", json={"comment": "looks right"})
    assert approved.status_code == 201, approved.get_json()
    body = approved.get_json()
    assert body["published"] is True and body["version"] == 2
    assert body["review"]["status"] == "approved" and body["review"]["reviewer"] == "it.one"
    assert body["review"]["comments"][0] | {"at": None} == {
        "author": "it.one",
        "at": None,
        "text": "looks right",
        "decision": "approved",
    }
    assert gated["admin"].get("/api/apps/deals/deal/1").get_json()["region"] is None  # version 2 is live
    items = maker.get("/api/apps/deals/versions").get_json()["items"]
    assert [(item["version"], item["status"]) for item in items] == [(1, "superseded"), (2, "published")]
    assert (items[1]["author"], items[1]["message"], items[1]["reviewed_by"]) == ("maker", "add region", "it.one")
    again = gated["it2"].post(f"/api/apps/deals/reviews/{review['id']}/approve", json={})
    assert again.status_code == 409 and again.get_json()["error"]["code"] == "review.decided"


def test_a_rejection_keeps_the_live_version_and_the_maker_resubmits(gated):
    maker, it = gated["maker"], gated["it"]
    review = _submit(maker, _with_region(definition()))
    silent = it.post(f"/api/apps/deals/reviews/{review['id']}/reject", json={})
    assert silent.status_code == 400 and silent.get_json()["error"]["code"] == "review.invalid_request"
    rejected = it.post(f"/api/apps/deals/reviews/{review['id']}/reject", json={"comment": "region must be a choice"})
    assert rejected.status_code == 200, rejected.get_json()
    assert rejected.get_json()["status"] == "rejected"
    assert maker.get("/api/apps/deals").get_json()["current_version"] == 1
    assert _statuses(maker) == [(1, "published"), (None, "draft")]
    revised = _with_region(definition())
    revised["entities"][0]["fields"][-1] = {
        "id": "region",
        "type": "choice",
        "label": "Region",
        "options": [{"id": "east", "label": "East"}, {"id": "south", "label": "South"}],
    }
    second = _submit(maker, revised)
    listed = it.get("/api/apps/deals/reviews").get_json()["items"]
    assert [(item["id"], item["status"]) for item in listed] == [(second["id"], "pending"), (review["id"], "rejected")]
    assert listed[1]["comments"][0]["text"] == "region must be a choice"
    assert it.post(f"/api/apps/deals/reviews/{second['id']}/approve", json={}).status_code == 201
    assert gated["admin"].get("/api/apps/deals/deal/1").get_json()["region"] is None


def test_a_new_submission_supersedes_the_pending_one_and_the_author_may_withdraw(gated):
    maker, it = gated["maker"], gated["it"]
    first = _submit(maker, _with_region(definition()))
    second = _submit(maker, _with_region(definition()), message="add region, take two")
    assert [item["status"] for item in it.get("/api/apps/deals/reviews").get_json()["items"]] == [
        "pending",
        "superseded",
    ]
    stale = it.post(f"/api/apps/deals/reviews/{first['id']}/approve", json={})
    assert stale.status_code == 409
    assert it.post(f"/api/apps/deals/reviews/{second['id']}/withdraw", json={}).status_code == 403
    withdrawn = maker.post(f"/api/apps/deals/reviews/{second['id']}/withdraw", json={"comment": "not yet"})
    assert withdrawn.status_code == 200 and withdrawn.get_json()["status"] == "withdrawn"
    assert it.get("/api/apps/deals/reviews?status=pending").get_json()["items"] == []
    assert it.get("/api/apps/deals/reviews?status=maybe").status_code == 400


def test_nobody_approves_their_own_request_not_even_an_administrator(gated):
    admin = gated["admin"]
    review = _submit(admin, _with_region(definition()))  # an administrator may build any app, and review
    own = admin.post(f"/api/apps/deals/reviews/{review['id']}/approve", json={})
    assert own.status_code == 403 and own.get_json()["error"]["code"] == "review.own_request"
    assert gated["it"].post(f"/api/apps/deals/reviews/{review['id']}/approve", json={}).status_code == 201


def test_a_change_the_data_cannot_take_is_refused_at_submission(gated):
    maker = gated["maker"]
    document = definition()
    document["entities"][0]["fields"][3]["required"] = True  # quantity: every stored deal lacks it, no default
    maker.put("/api/apps/deals/draft", json={"definition": document})
    response = maker.post("/api/apps/deals/publish", json={})
    assert response.status_code == 409
    assert response.get_json()["error"]["code"] == "publish.migration_blocked"
    assert gated["it"].get("/api/apps/deals/reviews").get_json()["items"] == []


def test_two_reviewers_approving_at_once_publish_once(gated):
    maker = gated["maker"]
    review = _submit(maker, _with_region(definition()))
    answers: list[int] = []
    start = threading.Barrier(2)

    def approve(client) -> None:
        start.wait()
        answers.append(client.post(f"/api/apps/deals/reviews/{review['id']}/approve", json={}).status_code)

    threads = [threading.Thread(target=approve, args=(gated[name],)) for name in ("it", "it2")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(answers) == [201, 409]
    assert _statuses(maker) == [(1, "superseded"), (2, "published")]


def test_the_diff_route_follows_the_renames_a_version_applied(gated):
    maker, it = gated["maker"], gated["it"]
    document = json.loads(json.dumps(definition()).replace("revenue", "income"))  # the field and its formula
    review = _submit(maker, document, renames={"fields": {"deal.revenue": "income"}})
    assert it.post(f"/api/apps/deals/reviews/{review['id']}/approve", json={}).status_code == 201
    diff = it.get("/api/apps/deals/diff?from=1&to=2").get_json()
    changes = [(change["kind"], change["subject"]) for change in diff["changes"]["changes"]]
    assert ("field.renamed", "deal.income") in changes
    assert not any(kind in ("field.added", "field.removed") for kind, _ in changes)
    assert it.get("/api/apps/deals/diff?to=draft").get_json()["changes"]["changes"] == []
    assert it.get("/api/apps/deals/diff?from=x").status_code == 400
