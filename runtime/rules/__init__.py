"""The rules engine (decision assist): rules of published apps fired on record writes and by timed sweeps, their
alerts sent as notifications, their suggestions attached to records. Idempotent by a unique key per occasion."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from flask import Flask


def init_app(app: Flask) -> None:
    """Listen to record writes and serve the suggestion and firing routes (sweeps are started by serve or worker)."""
    from runtime.records.write_events import add_write_listener
    from runtime.rules import api
    from runtime.rules.engine import RULES_KEY, RulesEngine
    from runtime.rules.on_write import WriteRules

    engine = app.extensions[RULES_KEY] = RulesEngine(app)
    add_write_listener(app, WriteRules(engine))
    app.register_blueprint(api.blueprint)
