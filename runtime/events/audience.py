"""Who may be told of a record event: those who may read the record now, or could before the write moved it away."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import Connection, select

from builder.conditions.evaluate import Predicate, compile_predicate
from builder.conditions.fold import expanded_rules
from builder.model import Permission, Scope
from runtime.identity.actor import Actor
from runtime.live_apps import LiveApp
from runtime.records.access import RecordAccess
from runtime.records.write_events import RecordWrite


def readable_ids(connection: Connection, access: RecordAccess, entity_id: str, ids: Iterable[int]) -> set[int]:
    """The records among `ids` the user may read now (deleted ones too: they learn it went), in one query."""
    readable = access.source(access.live.entity(entity_id).storage)
    return set(connection.execute(select(readable.c.id).where(readable.c.id.in_(sorted(set(ids))))).scalars())


class ScopeRules:
    """Per live version: the fields that decide who reads an entity's records, and the compiled `where`s."""

    def __init__(self) -> None:
        self._fields: dict[tuple[int, int, str], frozenset[str]] = {}
        self._predicates: dict[tuple[int, int, int], Predicate] = {}
        self._lock = threading.Lock()

    def fields(self, live: LiveApp, entity_id: str) -> frozenset[str]:
        """owner, and every field a permission's `where` on the entity reads."""
        key = (live.number, live.version, entity_id)
        found = self._fields.get(key)
        if found is None:
            read = {"owner"}
            for grant in live.permissions.get(entity_id, ()):
                if grant.where is not None:
                    read |= {rule.field for rule in expanded_rules(grant.where, live.model.definition)}
            with self._lock:
                found = self._fields[key] = frozenset(read)
        return found

    def before_values(self, write: RecordWrite) -> dict[str, Any] | None:
        """The deciding values before the write (as JSON) when the write changed any of them; else None."""
        if write.before is None:
            return None
        fields = self.fields(write.live, write.entity)
        if all(write.before.get(name) == write.after.get(name) for name in fields):
            return None
        codecs = write.live.entity(write.entity).storage.codecs
        return {name: codecs[name].to_json(write.before.get(name)) for name in sorted(fields)}

    def could_read(self, actor: Actor, live: LiveApp, entity_id: str, values: Mapping[str, Any]) -> bool:
        """Whether some role of the user granted reading a record with these deciding values (JSON)."""
        if actor.is_admin:
            return True
        roles = actor.roles(live.app_id)
        grants = [grant for grant in live.permissions.get(entity_id, ()) if grant.role in roles]
        owner = values.get("owner")
        members = {
            Scope.OWN: {actor.username},
            Scope.TEAM: actor.team | {actor.username},
            Scope.DEPARTMENT: actor.department_members | {actor.username},
        }
        for grant in grants:
            if grant.read is Scope.NONE or (grant.read is not Scope.ALL and owner not in members[grant.read]):
                continue
            if grant.where is None or self._predicate(live, entity_id, grant)(_model_values(live, entity_id, values)):
                return True
        return False

    def _predicate(self, live: LiveApp, entity_id: str, grant: Permission) -> Predicate:
        key = (live.number, live.version, id(grant))
        found = self._predicates.get(key)
        if found is None:
            entity = live.entity(entity_id).storage.entity
            found = compile_predicate(grant.where, entity, live.model.definition, live.timezone)
            with self._lock:
                self._predicates[key] = found
        return found


def _model_values(live: LiveApp, entity_id: str, values: Mapping[str, Any]) -> dict[str, Any]:
    """JSON values as conditions read them."""
    codecs = live.entity(entity_id).storage.codecs
    return {
        name: None if value is None else codecs[name].to_model(codecs[name].to_database(value))
        for name, value in values.items()
        if name in codecs
    }
