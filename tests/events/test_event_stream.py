"""The event stream over real HTTP: who hears of which change, when, and nothing before the change commits."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack
from typing import Any

import pytest

from runtime.app import close_app, create_app
from runtime.database import ENGINE_KEY
from tests.support.apps import definition, publish_new, republish
from tests.support.auth import bearer_token, signed_in_client
from tests.support.live_server import serving
from tests.support.sse import EventListener
from tests.workflows.flows import seed_demo_people

ROLES = {"rep": ("chen.jie", "liu.yang", "zhao.lei"), "manager": ("li.na", "wang.fang"), "auditor": ("zhou.min",)}
QUIET = 0.6  # seconds a listener waits to be sure nothing comes


def _document() -> dict[str, Any]:
    """The corpus deals app, with auditors who read won deals only (a permission with `where`)."""
    document = definition()
    document["roles"].append({"id": "auditor", "label": "Auditor"})
    won = {"combinator": "and", "rules": [{"field": "stage", "operator": "=", "value": "won"}]}
    document["permissions"].append({"role": "auditor", "entity": "deal", "read": "all", "where": won})
    return document


class Deals:
    """The deals app served over HTTP, with its people: listen as anyone, write as anyone."""

    def __init__(self, app, url: str, stack: ExitStack) -> None:
        self.app, self.url, self.stack = app, url, stack

    def listen(self, username: str, path: str = "/api/apps/deals/events", **headers: str) -> EventListener:
        """A stream opened as `username`, past its `ready` event."""
        token = bearer_token(self.app, username, is_admin=username == "admin")
        listener = EventListener(self.url, path, token, headers)
        self.stack.callback(listener.close)
        assert listener.response.status == 200
        assert listener.next().name == "ready"
        return listener

    def as_user(self, username: str):
        return signed_in_client(self.app, username, is_admin=username == "admin")

    def create(self, username: str, **values: Any) -> dict[str, Any]:
        response = self.as_user(username).post(
            "/api/apps/deals/deal", json={"name": "D", "amount": 10, "stage": "open"} | values
        )
        assert response.status_code == 201, response.get_json()
        return response.get_json()


@pytest.fixture
def deals(app, client) -> Iterator[Deals]:
    seed_demo_people(app.extensions[ENGINE_KEY], "deals", ROLES)
    publish_new(client, _document())
    with serving(app) as url, ExitStack() as stack:
        yield Deals(app, url, stack)


def _record_ids(events) -> list[tuple[int, str]]:
    return [(event.data["id"], event.data["action"]) for event in events if event.name == "record"]


def test_each_listener_hears_of_the_records_they_may_read(deals):
    listeners = {name: deals.listen(name) for name in ("chen.jie", "li.na", "admin", "zhao.lei", "wang.fang")}
    deal = deals.create("chen.jie")
    for name in ("chen.jie", "li.na", "admin"):  # the owner, their manager, the administrator
        event = listeners[name].next_named("record")
        assert event.data == {
            "app": "deals",
            "version": 1,
            "entity": "deal",
            "id": deal["id"],
            "action": "create",
            "row_version": 1,
        }
    for name in ("zhao.lei", "wang.fang"):  # another rep, another team's manager
        assert listeners[name].nothing_more(QUIET) == [], name


def test_a_record_leaving_a_users_view_is_announced_to_them_then_no_more(deals):
    auditor = deals.listen("zhou.min")
    deal = deals.create("chen.jie", stage="won")
    assert _record_ids([auditor.next_named("record")]) == [(deal["id"], "create")]
    chen = deals.as_user("chen.jie")
    assert chen.patch(f"/api/apps/deals/deal/{deal['id']}", json={"row_version": 1, "stage": "open"}).status_code == 200
    assert _record_ids([auditor.next_named("record")]) == [(deal["id"], "update")]  # they could read it before
    assert chen.patch(f"/api/apps/deals/deal/{deal['id']}", json={"row_version": 2, "name": "E"}).status_code == 200
    assert auditor.nothing_more(QUIET) == []  # an open deal is not theirs to know of


def test_refused_writes_announce_nothing(deals):
    chen = deals.listen("chen.jie")
    client = deals.as_user("chen.jie")
    assert client.post("/api/apps/deals/deal", json={"name": "D", "amount": -5, "stage": "open"}).status_code == 422
    deal = deals.create("chen.jie")
    assert _record_ids([chen.next_named("record")]) == [(deal["id"], "create")]
    assert client.patch(f"/api/apps/deals/deal/{deal['id']}", json={"row_version": 9, "name": "x"}).status_code == 409
    assert chen.nothing_more(QUIET) == []


def test_deletes_and_restores_reach_those_who_read_the_record(deals):
    manager = deals.listen("li.na")
    deal = deals.create("liu.yang")
    admin = deals.as_user("admin")  # reps may not delete deals
    assert admin.delete(f"/api/apps/deals/deal/{deal['id']}").status_code == 204
    assert admin.post(f"/api/apps/deals/deal/{deal['id']}/restore").status_code == 200
    events = [manager.next_named("record") for _ in range(3)]
    assert _record_ids(events) == [(deal["id"], "create"), (deal["id"], "delete"), (deal["id"], "restore")]
    assert [event.data["row_version"] for event in events] == [1, 2, 3]


def test_a_new_version_is_announced_to_every_follower(deals):
    rep, stranger = deals.listen("zhao.lei"), deals.listen("admin")
    document = _document()
    document["label"] = {"zh": "商机 2", "en": "Deals 2"}
    assert republish(deals.as_user("admin"), document).status_code == 201
    for listener in (rep, stranger):
        assert listener.next_named("version").data == {"app": "deals", "version": 2}


def test_notifications_reach_their_recipient_only(deals):
    manager, rep = deals.listen("li.na", "/api/events"), deals.listen("chen.jie", "/api/events")
    deal = deals.create("chen.jie", amount=250000)  # the corpus rule tells the supervisor of a big deal
    event = manager.next_named("notification")
    assert event.data["action"] == "create" and event.data["app"] == "deals" and event.data["record_id"] == deal["id"]
    unread = deals.as_user("li.na").get("/api/notifications").get_json()["items"]
    assert event.data["id"] in {item["id"] for item in unread}
    assert deals.as_user("li.na").post(f"/api/notifications/{event.data['id']}/read").status_code == 200
    read = manager.next_named("notification")  # her other open pages learn it, to keep their unread count right
    assert (read.data["action"], read.data["id"]) == ("read", event.data["id"])
    assert rep.nothing_more(QUIET) == []


def test_viewing_as_someone_hears_what_they_would(deals):
    as_zhao = deals.listen("admin", "/api/apps/deals/events?view_as=user:zhao.lei")
    as_manager = deals.listen("admin", **{"X-View-As": "user:li.na"})
    deal = deals.create("chen.jie")
    assert _record_ids([as_manager.next_named("record")]) == [(deal["id"], "create")]
    assert as_zhao.nothing_more(QUIET) == []


def test_keep_alive_comments_flow_while_nothing_happens(deals):
    deals.app.config["DABBLE_EVENTS_KEEP_ALIVE_SECONDS"] = "0.1"
    listener = deals.listen("chen.jie")
    assert listener.nothing_more(0.5) == [] and listener.comments >= 2


def test_streams_refuse_strangers_unknown_apps_and_forbidden_views(deals):
    anonymous = EventListener(deals.url, "/api/apps/deals/events", "not-a-token")
    deals.stack.callback(anonymous.close)
    assert anonymous.response.status == 401
    for path, headers, status in (
        ("/api/apps/nothing/events", {}, 404),
        ("/api/apps/deals/events?view_as=user:li.na", {}, 403),  # only administrators and IT reviewers view as
    ):
        listener = EventListener(deals.url, path, bearer_token(deals.app, "chen.jie", is_admin=False), headers)
        deals.stack.callback(listener.close)
        assert listener.response.status == status, path


@pytest.mark.postgres
def test_changes_cross_workers_through_postgres(postgres_app):
    """A second worker (its own app, engine and hub) on the same database hears what the first commits."""
    seed_demo_people(postgres_app.extensions[ENGINE_KEY], "deals", ROLES)
    publish_new(signed_in_client(postgres_app), _document())
    other = create_app({name: value for name, value in postgres_app.config.items() if name.startswith("DABBLE_")})
    try:
        with serving(other) as url, ExitStack() as stack:
            listener = Deals(other, url, stack).listen("li.na")
            deal = Deals(postgres_app, "", stack).create("chen.jie")  # written through the first worker
            assert _record_ids([listener.next_named("record")]) == [(deal["id"], "create")]
    finally:
        close_app(other)
