"""A deal entity with a field of every kind, and named definitions, for the condition-language tests."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from tests.support.condition_strategies import group, lookup, make_definition, make_entity, make_field, rule

SHANGHAI = ZoneInfo("Asia/Shanghai")
LOS_ANGELES = ZoneInfo("America/Los_Angeles")
# 20:00 UTC on 10 March is already 04:00 on 11 March in Shanghai.
NOW = datetime(2024, 3, 10, 20, 0, tzinfo=UTC)

NUMERIC_FIELDS = ("quantity", "revenue", "amount", "share", "score", "average")
TEXT_FIELDS = ("name", "notes", "email", "phone", "site")

DEAL = make_entity(
    "deal",
    make_field("name", "text"),
    make_field("notes", "longtext"),
    make_field("email", "email"),
    make_field("phone", "phone"),
    make_field("site", "url"),
    make_field("quantity", "integer"),
    make_field("revenue", "number"),
    make_field("amount", "money", min=0),
    make_field("share", "percent"),
    make_field("score", "rating"),
    make_field("average", "computed", formula="revenue / quantity"),
    make_field("vip", "boolean"),
    make_field("closed_on", "date"),
    make_field("follow_up", "datetime"),
    make_field("stage", "choice", options=("open", "won", "lost")),
    make_field("tags", "multichoice", options=("hot", "cold", "key")),
    make_field("rep", "user"),
    make_field("account", "ref", target_entity="account"),
)
ACCOUNT = make_entity("account", make_field("tier", "integer"))
DEFINITIONS = lookup(
    make_definition("big", "deal", group(rule("amount", ">=", 50000))),
    make_definition("open_deal", "deal", group(rule("stage", "=", "open"))),
    make_definition("big_open", "deal", group({"definition": "big"}, {"definition": "open_deal"})),
    make_definition("loop_a", "deal", group({"definition": "loop_b"})),
    make_definition("loop_b", "deal", group(rule("vip", "=", True), {"definition": "loop_a"})),
    make_definition("top_tier", "account", group(rule("tier", "=", 1))),
)
