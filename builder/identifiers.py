"""The identifier rule for every id in an app definition (DESIGN.md decision 2)."""

from __future__ import annotations

import re

IDENTIFIER_MAX_LENGTH = 40
IDENTIFIER_PATTERN = re.compile(r"[a-z][a-z0-9_]*\Z")

# Reserved words of the two engines we run on (SQLite's keyword list and PostgreSQL's
# reserved words), plus names that collide with hidden system columns of either engine.
_RESERVED_TEXT = """
abort action add after all alter always analyse analyze and any array as asc asymmetric
attach authorization autoincrement before begin between binary both by cascade case cast
check collate collation column commit concurrently conflict constraint create cross current
current_catalog current_date current_role current_schema current_time current_timestamp
current_user database default deferrable deferred delete desc detach distinct do drop each
else end escape except exclude exclusive exists explain fail false fetch filter first
following for foreign freeze from full generated glob grant group groups having if ignore
ilike immediate in index indexed initially inner insert instead intersect into is isnull
join key last lateral leading left like limit localtime localtimestamp match materialized
natural no not nothing notnull null nulls of offset on only or order others outer over
overlaps partition placing plan pragma preceding primary query raise range recursive
references regexp reindex release rename replace restrict returning right rollback row rows
savepoint select session_user set similar some symmetric system_user table tablesample temp
temporary then ties to trailing transaction trigger true unbounded union unique update user
using vacuum values variadic verbose view virtual when where window with without rowid oid
tableoid xmin xmax cmin cmax ctid
"""
RESERVED_WORDS = frozenset(_RESERVED_TEXT.split())

# Columns every entity table carries, in table order; field ids may not take these names.
SYSTEM_COLUMNS = (
    "id",
    "owner",
    "created_at",
    "created_by",
    "updated_at",
    "updated_by",
    "row_version",
    "workflow_state",
    "deleted_at",
)
SYSTEM_FIELD_IDS = frozenset(SYSTEM_COLUMNS)

# Entity ids share the URL /api/apps/<app>/<entity> with these routes of an app.
RESERVED_ENTITY_IDS = frozenset(
    {
        "draft",
        "versions",
        "publish",
        "events",
        "archives",
        "views",
        "dashboards",
        "inbox",
        "review",
        "reviews",
        "diff",
        "export",
        "openapi",
        "records",
        "workflows",
        "rules",
        "notifications",
        "forms",
    }
)


# Field ids may not be the list parameters of the records API (?page=…&sort=…&q=…&filter=…).
RESERVED_FIELD_IDS = frozenset({"page", "page_size", "sort", "q", "filter"})


def identifier_format_problem(value: object) -> str | None:
    """Return the problem code for a malformed identifier, or None when its form is right."""
    if not isinstance(value, str):
        return "schema.type"
    if value == "":
        return "id.empty"
    if len(value) > IDENTIFIER_MAX_LENGTH:
        return "id.too_long"
    if not ("a" <= value[0] <= "z"):
        return "id.invalid_start"
    if not IDENTIFIER_PATTERN.match(value):
        return "id.invalid_characters"
    return None


def is_reserved_word(value: str) -> bool:
    """Tell whether an identifier is a reserved SQL word or hidden system column."""
    return value in RESERVED_WORDS
