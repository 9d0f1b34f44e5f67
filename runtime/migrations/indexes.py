"""Indexes of an app's tables: dropped before tables or columns move, then made to match the new version."""

from __future__ import annotations

from alembic.operations import Operations
from sqlalchemy import Connection, Index, Table, inspect


def drop_indexes(operations: Operations, connection: Connection, table_name: str) -> None:
    """Drop every index of a table."""
    for index in inspect(connection).get_indexes(table_name):
        operations.drop_index(index["name"], table_name=table_name)


def match_indexes(operations: Operations, connection: Connection, table: Table) -> None:
    """Drop the indexes the table's new version does not build (or builds otherwise), then create the missing ones."""
    wanted = {index.name: _shape(index) for index in table.indexes}
    kept = set()
    for found in inspect(connection).get_indexes(table.name):
        if wanted.get(found["name"]) == (tuple(found["column_names"]), bool(found["unique"])):
            kept.add(found["name"])
        else:
            operations.drop_index(found["name"], table_name=table.name)
    for index in table.indexes:
        if index.name not in kept:
            index.create(connection)


def _shape(index: Index) -> tuple[tuple[str, ...], bool]:
    return tuple(column.name for column in index.columns), bool(index.unique)
