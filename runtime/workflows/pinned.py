"""The definition an instance is pinned to: the app version it started on, parsed once per process."""

from __future__ import annotations

import threading
from collections import OrderedDict

from sqlalchemy import Connection, select

from builder import parse_definition
from builder.model import AppDefinition
from builder.service.platform_tables import AppVersionRow

_VERSIONS = AppVersionRow.__table__
_CACHE: OrderedDict[tuple[str, int, int], AppDefinition] = OrderedDict()
_LOCK = threading.Lock()
_KEPT = 256  # versions kept parsed; a version never changes, so a cached one is never stale


def pinned_model(connection: Connection, app_number: int, version: int) -> AppDefinition:
    """The model of one published version of an app (cached per database: app numbers are the database's own)."""
    key = (connection.engine.url.render_as_string(hide_password=True), app_number, version)
    with _LOCK:
        if key in _CACHE:
            _CACHE.move_to_end(key)
            return _CACHE[key]
    document = connection.execute(
        select(_VERSIONS.c.definition).where(_VERSIONS.c.app_number == app_number, _VERSIONS.c.version == version)
    ).scalar_one()
    model = parse_definition(document)
    with _LOCK:
        _CACHE[key] = model
        while len(_CACHE) > _KEPT:
            _CACHE.popitem(last=False)
    return model
