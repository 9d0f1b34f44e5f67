"""The rules engine of one Flask app: its rule books, and the scope rules fire in (borrowing the app's org chart,
live apps and write listeners)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from flask import Flask
from sqlalchemy import Connection, select

from runtime.identity.authentication import ORG_CACHE_KEY
from runtime.identity.org_chart import REVISION
from runtime.live_apps import LiveApp, LiveApps
from runtime.records.api import LIVE_APPS_KEY
from runtime.records.write_events import write_listeners
from runtime.rules.rulebook import RuleBooks
from runtime.rules.scope import FiringScope

RULES_KEY = "dabble.rules"


@dataclass
class RulesEngine:
    """What rules need of the app, in one place."""

    app: Flask
    books: RuleBooks = field(default_factory=RuleBooks)

    @property
    def live_apps(self) -> LiveApps:
        """The app's registry of live versions."""
        return self.app.extensions[LIVE_APPS_KEY]

    def scope(self, connection: Connection, live: LiveApp, now: datetime) -> FiringScope:
        """A scope to fire rules of a live version in, in the connection's transaction."""
        revision = connection.execute(select(REVISION)).scalar_one()
        return FiringScope(
            connection=connection,
            live=live,
            book=self.books.of(live),
            chart=self.app.extensions[ORG_CACHE_KEY].chart(revision),
            now=now,
            listeners=write_listeners(self.app),
        )


def rules_engine(app: Flask) -> RulesEngine:
    """The rules engine of an app (init_app made it)."""
    return app.extensions[RULES_KEY]
