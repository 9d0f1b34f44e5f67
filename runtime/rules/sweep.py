"""A sweep: every timed rule (time_elapsed, schedule, aggregate) of every live app fired for what is due now.

Due occasions are found in one read per app; each is then fired in its own short write transaction, re-checked
under its (rule, record) lock, so a crash loses nothing and two workers never fire an occasion twice."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from flask import Flask
from sqlalchemy import select

from builder.service.errors import ApiError
from builder.service.platform_tables import AppRow
from runtime.database import ENGINE_KEY, transaction
from runtime.rules.due import due_occasions, fire_due
from runtime.rules.engine import RulesEngine, rules_engine

log = logging.getLogger(__name__)
_LIVE_APP_IDS = select(AppRow.app_id).where(AppRow.current_version.is_not(None)).order_by(AppRow.app_id)


def sweep(app: Flask, now: datetime | None = None) -> int:
    """Fire every timed rule's due occasions once; how many firings there were."""
    moment = (now or datetime.now(UTC)).astimezone(UTC)
    engine = rules_engine(app)
    with app.app_context():  # actions may use what the app offers (the workflow engine does)
        with transaction(app.extensions[ENGINE_KEY]) as connection:
            app_ids = list(connection.execute(_LIVE_APP_IDS).scalars())
        return sum(_sweep_app(engine, app_id, moment) for app_id in app_ids)


def _sweep_app(engine: RulesEngine, app_id: str, now: datetime) -> int:
    candidates: dict[tuple[str, int], None] = {}
    with transaction(engine.app.extensions[ENGINE_KEY]) as connection:
        try:
            live = engine.live_apps.current(connection, app_id)
        except ApiError as error:  # unpublished or removed since it was listed
            log.info("app %s: %s", app_id, error.message)
            return 0
        for rule in engine.books.of(live).timed:
            try:
                occasions = due_occasions(connection, live, rule, now)
            except Exception:  # one broken rule must not stop the others
                log.exception("rule %s of app %s: finding due records failed", rule.id, app_id)
                continue
            candidates.update(dict.fromkeys((rule.id, occasion.record_id) for occasion in occasions))
    return sum(_fire_candidate(engine, app_id, rule_id, record_id, now) for rule_id, record_id in candidates)


def _fire_candidate(engine: RulesEngine, app_id: str, rule_id: str, record_id: int, now: datetime) -> int:
    """Fire one record's due occasions of one rule in a transaction of its own; how many fired."""
    try:
        with transaction(engine.app.extensions[ENGINE_KEY], write=True) as connection:
            live = engine.live_apps.current(connection, app_id)
            scope = engine.scope(connection, live, now)
            rule = scope.book.rule(rule_id)
            return 0 if rule is None else len(fire_due(scope, rule, record_id))  # None: a new version dropped it
    except ApiError as error:  # the app was unpublished or removed meanwhile
        log.info("app %s: %s", app_id, error.message)
    except Exception:  # one record's failure must not stop the sweep
        log.exception("rule %s of app %s failed for record %s", rule_id, app_id, record_id)
    return 0
