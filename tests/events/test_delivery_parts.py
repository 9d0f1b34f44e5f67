"""The parts under the stream: after-commit callbacks and savepoints, slow listeners, the event's wire form."""

from __future__ import annotations

from sqlalchemy import text

from runtime.database import ENGINE_KEY, after_commit, transaction
from runtime.events.model import ChangeEvent, EventKind
from runtime.events.subscribers import MAX_WAITING, Signal, Subscriber


def test_callbacks_run_after_commit_only_and_forget_rolled_back_savepoints(app):
    engine, done = app.extensions[ENGINE_KEY], []
    with transaction(engine, write=True) as connection:
        after_commit(connection, lambda: done.append("kept"))
        try:
            with connection.begin_nested():
                after_commit(connection, lambda: done.append("rolled back"))
                raise ValueError
        except ValueError:
            pass
        with connection.begin_nested():
            after_commit(connection, lambda: done.append("released"))
        connection.execute(text("SELECT 1"))
        assert done == []  # nothing before the commit
    assert done == ["kept", "released"]
    try:
        with transaction(engine, write=True) as connection:
            after_commit(connection, lambda: done.append("never"))
            raise RuntimeError
    except RuntimeError:
        pass
    assert done == ["kept", "released"]


def test_a_listener_too_slow_to_keep_up_is_told_to_reload():
    subscriber = Subscriber(username="chen.jie", app_id="deals")
    event = ChangeEvent(kind=EventKind.RECORD, app_id="deals", entity="deal", record_id=1, action="update")
    for _ in range(MAX_WAITING + 5):
        subscriber.put(event)
    waiting = subscriber.take(timeout=0.1)
    assert Signal.RESET in waiting and len(waiting) < MAX_WAITING
    assert subscriber.take(timeout=0.01) == []


def test_events_travel_as_compact_json_and_tell_listeners_no_values():
    event = ChangeEvent(
        kind=EventKind.RECORD,
        app_id="deals",
        version=2,
        entity="deal",
        record_id=7,
        action="update",
        row_version=3,
        before={"owner": "chen.jie", "stage": "won"},
    )
    assert ChangeEvent.from_text(event.to_text()) == event
    assert event.public_json() == {
        "app": "deals",
        "version": 2,
        "entity": "deal",
        "id": 7,
        "action": "update",
        "row_version": 3,
    }
