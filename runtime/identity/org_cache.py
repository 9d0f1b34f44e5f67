"""The org chart each worker keeps in memory, reloaded when the org revision in the database moves on."""

from __future__ import annotations

import threading

from sqlalchemy import Engine, select

from runtime.database import transaction
from runtime.identity.org_chart import REVISION, OrgChart


class OrgCache:
    """The latest OrgChart snapshot of one engine; callers pass the revision they read with their request."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._chart: OrgChart | None = None
        self._lock = threading.Lock()

    def chart(self, revision: int) -> OrgChart:
        """The snapshot, reloaded when the database's revision is newer than the cached one."""
        chart = self._chart
        if chart is not None and chart.revision >= revision:
            return chart
        with self._lock:
            chart = self._chart
            if chart is None or chart.revision < revision:
                with transaction(self.engine) as connection:
                    chart = self._chart = OrgChart.load(connection)
        return chart

    def current(self) -> OrgChart:
        """The snapshot as of the database's revision now (one query when nothing changed)."""
        with transaction(self.engine) as connection:
            revision = connection.execute(select(REVISION)).scalar_one()
        return self.chart(revision)
