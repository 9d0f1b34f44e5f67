"""The discount flow, a countersign of a whole group, concurrent and repeated approvals, and timeline visibility."""

from __future__ import annotations

import threading
from typing import Any

from tests.workflows.flows import countersign_app, discount_app


def _start(people, app_id: str, entity: str, values: dict[str, Any], owner: str = "chen.jie") -> dict[str, Any]:
    created = people[owner].post(f"/api/apps/{app_id}/{entity}", json=values)
    assert created.status_code == 201, created.get_json()
    response = people[owner].post(f"/api/apps/{app_id}/{entity}/{created.get_json()['id']}/approval", json={})
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def _act(people, user: str, app_id: str, instance: dict[str, Any], action: str, **body: Any):
    """POST an action; `headers` in the body are sent as request headers."""
    headers = body.pop("headers", None)
    return people[user].post(f"/api/apps/{app_id}/workflows/{instance['id']}/{action}", json=body, headers=headers)


def test_discounts_route_by_size_and_come_back_after_a_rejection(launch):
    people = launch(discount_app())
    small = _start(people, "discounts", "quote", {"customer": "Acme", "discount": 10})
    assert small["state"] == "approved"
    medium = _start(people, "discounts", "quote", {"customer": "Acme", "discount": 18})
    assert [task["approver"] for task in medium["tasks"]] == ["li.na"]
    assert _act(people, "li.na", "discounts", medium, "approve").get_json()["state"] == "approved"
    large = _start(people, "discounts", "quote", {"customer": "Globex", "discount": 30})
    assert large["node"] == "manager_first"
    assert _act(people, "li.na", "discounts", large, "approve").get_json()["node"] == "vp"
    rejected = _act(people, "zhang.wei", "discounts", large, "reject", comment="max 25%").get_json()
    assert rejected["state"] == "revising"
    quote = people["chen.jie"].get(f"/api/apps/discounts/quote/{large['record_id']}").get_json()
    patched = people["chen.jie"].patch(
        f"/api/apps/discounts/quote/{large['record_id']}", json={"row_version": quote["row_version"], "discount": 22}
    )
    assert patched.status_code == 200, patched.get_json()
    resubmitted = _act(people, "chen.jie", "discounts", large, "resubmit").get_json()
    assert (resubmitted["node"], resubmitted["round"]) == ("manager", 2)
    assert _act(people, "li.na", "discounts", large, "approve").get_json()["state"] == "approved"


def test_the_timeline_hides_a_field_value_the_viewer_may_not_see(launch):
    people = launch(discount_app())
    instance = _start(people, "discounts", "quote", {"customer": "Acme", "discount": 20})
    _act(people, "li.na", "discounts", instance, "approve")
    url = f"/api/apps/discounts/workflows/{instance['id']}"
    owner_view = next(
        line for line in people["chen.jie"].get(url).get_json()["timeline"] if line["action"] == "set_field"
    )
    manager_view = next(
        line for line in people["li.na"].get(url).get_json()["timeline"] if line["action"] == "set_field"
    )
    assert owner_view["details"] == {"field": "cleared", "value": True}  # `cleared` is visible to its owner only
    assert manager_view["details"] == {"field": "cleared", "hidden": True}


def test_a_countersign_needs_every_member_of_the_group(launch):
    people = launch(countersign_app())
    instance = _start(people, "interventions", "intervention", {"customer": "Initech"}, owner="zhang.wei")
    assert [task["approver"] for task in instance["tasks"]] == ["chen.jie", "li.na", "sun.li"]
    for member in ("chen.jie", "sun.li"):
        assert _act(people, member, "interventions", instance, "approve").get_json()["state"] == "in_approval"
    assert _act(people, "li.na", "interventions", instance, "approve").get_json()["state"] == "approved"
    second = _start(people, "interventions", "intervention", {"customer": "Hooli"}, owner="zhang.wei")
    _act(people, "chen.jie", "interventions", second, "approve")
    assert _act(people, "sun.li", "interventions", second, "reject").get_json()["state"] == "rejected"


def test_repeating_a_request_changes_nothing(launch):
    people = launch(countersign_app())
    instance = _start(people, "interventions", "intervention", {"customer": "Initech"}, owner="zhang.wei")
    key = {"Idempotency-Key": "approve-1"}
    first = _act(people, "chen.jie", "interventions", instance, "approve", headers=key, comment="ok").get_json()
    again = _act(people, "chen.jie", "interventions", instance, "approve", headers=key, comment="ok").get_json()
    plain_again = _act(people, "chen.jie", "interventions", instance, "approve").get_json()
    assert first["timeline"] == again["timeline"] == plain_again["timeline"]
    assert [line["action"] for line in first["timeline"]].count("approve") == 1
    switched = _act(people, "chen.jie", "interventions", instance, "reject")
    assert switched.status_code == 403  # a cast vote is not changed by another request


def test_two_approvers_at_the_same_moment_make_one_transition(launch):
    people = launch(countersign_app())
    for round_number in range(3):
        document_values = {"customer": f"Race {round_number}"}
        instance = _start(people, "interventions", "intervention", document_values, owner="zhang.wei")
        answers: dict[str, int] = {}
        start = threading.Barrier(2)

        def reject(member: str, target=instance, outcome=answers, barrier=start) -> None:
            barrier.wait()
            outcome[member] = _act(people, member, "interventions", target, "reject").status_code

        threads = [threading.Thread(target=reject, args=(member,)) for member in ("chen.jie", "sun.li")]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert sorted(answers.values()) == [200, 409]  # one rejection ends it; the other comes too late
        final = people["zhang.wei"].get(f"/api/apps/interventions/workflows/{instance['id']}").get_json()
        actions = [line["action"] for line in final["timeline"]]
        assert (final["state"], actions.count("reject"), actions.count("end")) == ("rejected", 1, 1)
