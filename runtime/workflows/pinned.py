"""The version an instance is pinned to: parsed once per process, with its branch conditions compiled once."""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, select

from builder import parse_definition
from builder.conditions.evaluate import Predicate, compile_predicate
from builder.model import AppDefinition
from builder.model.workflows import Edge, Workflow
from builder.service.platform_tables import AppVersionRow

_VERSIONS = AppVersionRow.__table__
_KEPT = 256  # versions kept parsed; a version never changes, so a cached one is never stale


@dataclass
class PinnedVersion:
    """One published version as the engine runs it: the model, and each branch edge's predicate once compiled."""

    model: AppDefinition
    _predicates: dict[tuple[str, str], Predicate] = field(default_factory=dict)

    def edge_predicate(self, flow: Workflow, edge: Edge) -> Predicate:
        """The compiled condition of a branch edge (in the version's time zone)."""
        key = (flow.id, edge.id)
        predicate = self._predicates.get(key)
        if predicate is None:
            entity = self.model.entity(flow.entity)
            zone = ZoneInfo(self.model.timezone)
            predicate = self._predicates[key] = compile_predicate(edge.condition, entity, self.model.definition, zone)
        return predicate


_CACHE: OrderedDict[tuple[str, int, int], PinnedVersion] = OrderedDict()
_LOCK = threading.Lock()


def pinned_version(connection: Connection, app_number: int, version: int) -> PinnedVersion:
    """One published version of an app (cached per database: app numbers are the database's own)."""
    key = (connection.engine.url.render_as_string(hide_password=True), app_number, version)
    with _LOCK:
        if key in _CACHE:
            _CACHE.move_to_end(key)
            return _CACHE[key]
    document = connection.execute(
        select(_VERSIONS.c.definition).where(_VERSIONS.c.app_number == app_number, _VERSIONS.c.version == version)
    ).scalar_one()
    pinned = PinnedVersion(parse_definition(document))
    with _LOCK:
        pinned = _CACHE.setdefault(key, pinned)
        _CACHE.move_to_end(key)
        while len(_CACHE) > _KEPT:
            _CACHE.popitem(last=False)
    return pinned


def pinned_model(connection: Connection, app_number: int, version: int) -> AppDefinition:
    """The model of one published version of an app."""
    return pinned_version(connection, app_number, version).model
