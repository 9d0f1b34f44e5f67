"""A real table with one field of each comparable kind on SQLite or PostgreSQL (rows in, model records out),
and hypothesis strategies for its rows and for conditions whose literals often meet the stored values."""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from hypothesis import strategies as st
from sqlalchemy import JSON, ColumnElement, Engine, MetaData, delete, insert, null, select

from builder import AppDefinition, parse_definition
from builder.conditions import literals as lit
from builder.conditions.evaluate import compile_predicate
from builder.conditions.literals import scalar_literal, value_kind
from builder.conditions.operators import ALLOWED_OPERATORS
from builder.conditions.parse import parse_condition
from builder.model import FieldType
from builder.model.fields import WORKFLOW_STATES
from runtime.database import database_url, make_engine
from runtime.storage.sql_conditions import condition_clause
from runtime.storage.tables import EntityStorage, entity_storage
from tests.support.condition_strategies import group, rule
from tests.support.postgres import fresh_postgres_schema

SHANGHAI = ZoneInfo("Asia/Shanghai")
# 20:00 UTC on 10 March 2024 is 04:00 on 11 March in Shanghai: "today" differs between UTC and the app.
NOW = datetime(2024, 3, 10, 20, 0, tzinfo=UTC)
OPTIONS = ("hot", "cold", "key")
STAGES = ("open", "won", "lost")
MICRO = timedelta(microseconds=1)


class Stored:
    """How an empty multichoice may sit in the database: SQL NULL, JSON null or an empty array."""

    SQL_NULL = "sql-null"
    JSON_NULL = "json-null"
    EMPTY_ARRAY = "empty-array"


def _field(field_id: str, field_type: str, **extra: Any) -> dict[str, Any]:
    return {"id": field_id, "type": field_type, "label": field_id, **extra}


def _options(*ids: str) -> list[dict[str, str]]:
    return [{"id": option, "label": option} for option in ids]


APP_DOCUMENT: dict[str, Any] = {
    "format_version": 1,
    "id": "sql_conditions",
    "label": "SQL conditions",
    "timezone": "Asia/Shanghai",
    "roles": [{"id": "rep", "label": "Rep"}],
    "entities": [
        {
            "id": "deal",
            "label": "Deal",
            "title_field": "name",
            "fields": [
                _field("name", "text", required=True, max_length=40),
                _field("notes", "longtext"),
                _field("email", "email"),
                _field("quantity", "integer"),
                _field("score", "rating"),
                _field("amount", "money", required=True, min=0, currency="CNY"),
                _field("revenue", "number"),
                _field("share", "percent", scale=1),
                _field("vip", "boolean"),
                _field("closed_on", "date"),
                _field("follow_up", "datetime"),
                _field("stage", "choice", options=_options(*STAGES)),
                _field("tags", "multichoice", options=_options(*OPTIONS)),
                _field("rep", "user"),
                _field("account", "ref", entity="account"),
            ],
        },
        {"id": "account", "label": "Account", "title_field": "title", "fields": [_field("title", "text")]},
    ],
    "views": [],
    "definitions": [
        {
            "id": "big",
            "label": "Big",
            "entity": "deal",
            "condition": group(rule("amount", ">=", 49999.995)),
        },
        {
            "id": "quiet",
            "label": "Neither big nor hot",
            "entity": "deal",
            "condition": group(
                {"definition": "big"},
                rule("tags", "contains", "hot"),
                combinator="or",
                negated=True,
            ),
        },
        {
            "id": "named_x",
            "label": "Account x",
            "entity": "account",
            "condition": group(rule("title", "=", "x")),
        },
    ],
}
DEFINITION_IDS = ("big", "quiet")


@cache
def deal_app() -> AppDefinition:
    """The typed model of APP_DOCUMENT."""
    return parse_definition(APP_DOCUMENT)


DEAL = deal_app().entity("deal")


@contextmanager
def sqlite_engine(directory: Path) -> Iterator[Engine]:
    """An engine on a fresh SQLite file in `directory`."""
    engine = make_engine(database_url("", str(directory)))
    try:
        yield engine
    finally:
        engine.dispose()


@contextmanager
def postgres_engine(configured_url: str, directory: Path) -> Iterator[Engine]:
    """An engine on a fresh schema of the PostgreSQL database at `configured_url`, dropped afterwards."""
    with fresh_postgres_schema(configured_url, str(directory)) as url:
        engine = make_engine(url)
        try:
            yield engine
        finally:
            engine.dispose()


class RecordTable:
    """The deal table on one database: replace its rows, read them back as model records, select by condition."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.dialect = engine.dialect.name
        model = deal_app()
        self.storage: EntityStorage = entity_storage(MetaData(), 1, model, model.entity("deal"))
        self.storage.table.create(engine)

    def replace(self, rows: list[Mapping[str, Any]]) -> dict[int, dict[str, Any]]:
        """Delete every row, insert `rows` (model values by field id) and return the stored records by id."""
        table = self.storage.table
        with self.engine.begin() as connection:
            connection.execute(delete(table))
            if rows:
                connection.execute(insert(table).values([self._stored_row(row) for row in rows]))
            stored = connection.execute(select(table)).mappings().all()
        return {row["id"]: self._model_record(row) for row in stored}

    def select_ids(self, condition: dict[str, Any], zone: tzinfo = SHANGHAI) -> set[int]:
        """The ids of the rows the JSON condition selects in SQL."""
        return self.select_where(self.clause(condition, zone))

    def select_where(self, clause: ColumnElement[bool]) -> set[int]:
        """The ids of the rows a clause selects."""
        with self.engine.connect() as connection:
            return set(connection.execute(select(self.storage.table.c.id).where(clause)).scalars())

    def clause(self, condition: dict[str, Any], zone: tzinfo = SHANGHAI) -> ColumnElement[bool]:
        """The SQL clause of a JSON condition at NOW in the app time zone (Shanghai unless told)."""
        parsed = parse_condition(condition, "")
        model = deal_app()
        return condition_clause(parsed, self.storage, model.definition, dialect=self.dialect, now=NOW, timezone=zone)

    def _stored_row(self, row: Mapping[str, Any]) -> dict[str, Any]:
        system = {
            "owner": "alice",
            "created_at": NOW,
            "created_by": "alice",
            "updated_at": NOW,
            "updated_by": "alice",
            "row_version": 1,
            "workflow_state": "draft",
        }
        values = {**dict.fromkeys(field.id for field in self.storage.entity.fields), **system, **row}
        stored = {name: self._to_database(name, value) for name, value in values.items() if name != "tags"}
        stored["tags"] = _stored_options(values.get("tags"))
        return stored

    def _to_database(self, name: str, value: Any) -> Any:
        codec = self.storage.codecs.get(name)
        return value if codec is None else codec.to_database(value)

    def _model_record(self, row: Mapping[str, Any]) -> dict[str, Any]:
        return {name: codec.to_model(row[name]) for name, codec in self.storage.codecs.items()}


def _stored_options(value: Any) -> Any:
    """A multichoice value as inserted, keeping the three ways of being empty apart."""
    if value is None or value == Stored.SQL_NULL:
        return null()
    if value == Stored.JSON_NULL:
        return JSON.NULL
    if value == Stored.EMPTY_ARRAY:
        return []
    return list(value)


def python_ids(
    condition: dict[str, Any], records: Mapping[int, Mapping[str, Any]], zone: tzinfo = SHANGHAI
) -> set[int]:
    """The ids of the records the compiled Python predicate accepts at NOW in the app time zone."""
    model = deal_app()
    predicate = compile_predicate(parse_condition(condition, ""), model.entity("deal"), model.definition, zone)
    return {record_id for record_id, record in records.items() if predicate(record, NOW)}


# Values: few enough that stored values and constants often meet, with the boundaries that matter.

TEXTS = (
    "",
    " ",
    "alpha",
    "Alpha",
    "ALPHA",
    "alp",
    "a",
    "A",
    "100%",
    "100 percent",
    "a_b",
    "axb",
    "A_B",
    "%",
    "_",
    "Straße",
    "STRASSE",
    "é",
    "É",
    "e\u0301",
    "中文",
    "中",
    "😀",
    "a😀b",
)
TEXT_ALPHABET = "aAbB%_ éÉ中😀ß"
EMAILS = ("ann@example.com", "Ann@Example.com", "ANN@EXAMPLE.COM", "bob_smith@ex.com", "b%b@ex.com", "王@例子.中国")
USERS = ("alice", "Alice", "bob", "bob.smith", "b_b", "carol@ex.com")
INTEGERS = (0, 1, -1, 2, 3, 5, 100, 50000, 2**53, 2**53 + 1, 2**63 - 1, -(2**63))
CENTS = (0, 1, 10, 15, 25, 150, 250, 9999, 10000, 4999998, 4999999, 5000000, 5000001, 2**63 - 1)
TENTHS = (0, 1, 2, 3, 15, 25, 1000, -1, -15, 999999)
FLOATS = (0.0, -0.0, 0.1, 0.2, 0.3, 0.30000000000000004, 0.15, 1.5, 2.5, 99.99, 49999.99, 49999.995, 50000.0, 1e-7)
FLOATS += (5e-324, 2.0**53, 2.0**53 + 2, 1e308, -1e308, -1.0, 1.0)
NEAR_FLOATS = tuple(math.nextafter(number, direction) for number in FLOATS for direction in (-math.inf, math.inf))
NUMBERS = (*INTEGERS, *FLOATS, 0.25, 50000.01, 49999.991, 2**63, -(2**63) - 1, 10**30)
NUMBERS += (Decimal("49999.995000000000000000001"), Decimal("0.1000000000000000000001"), Decimal("-0.05"))
DATES = (*(date(2024, 3, day) for day in range(7, 14)), date(2024, 2, 29), date(2023, 3, 11))
DATES += (date(1, 1, 1), date(9999, 12, 31))
MOMENTS = tuple(
    (NOW + offset).astimezone(UTC)
    for offset in (
        timedelta(0),
        MICRO,
        -MICRO,
        -timedelta(hours=1),
        -timedelta(hours=4),
        -timedelta(hours=4) - MICRO,
        -timedelta(days=1),
        -timedelta(days=1) - MICRO,
        -timedelta(days=1, hours=4),
        -timedelta(weeks=1),
        timedelta(days=1),
        -timedelta(days=400),
    )
)


def _moment_texts(moment: datetime) -> list[str]:
    """Ways a condition may write a moment: UTC, with offsets, naive (in the app's zone), as a date."""
    local = moment.astimezone(SHANGHAI)
    return [
        moment.isoformat().replace("+00:00", "Z"),
        local.isoformat(),
        local.replace(tzinfo=None).isoformat(),
        local.date().isoformat(),
        moment.astimezone(timezone(timedelta(hours=-5))).isoformat(),
    ]


MOMENT_TEXTS = sorted({text for moment in MOMENTS for text in _moment_texts(moment)})
MOMENT_TEXTS += ["0001-01-01T00:00:00+08:00", "9999-12-31T23:59:59-05:00"]
DATE_TEXTS = [day.isoformat() for day in DATES]


def _text(max_size: int) -> st.SearchStrategy[str]:
    return st.one_of(st.sampled_from(TEXTS), st.text(alphabet=TEXT_ALPHABET, max_size=max_size))


def _optional(values: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(st.none(), values)


ROW_VALUES: dict[str, st.SearchStrategy[Any]] = {
    "name": _text(12),
    "notes": _optional(_text(30)),
    "email": _optional(st.sampled_from(EMAILS)),
    "quantity": _optional(st.one_of(st.sampled_from(INTEGERS), st.integers(-10, 10))),
    "score": _optional(st.integers(1, 5)),
    "amount": st.one_of(st.sampled_from(CENTS), st.integers(0, 10**15)).map(lambda cents: Decimal(cents).scaleb(-2)),
    "revenue": _optional(
        st.one_of(st.sampled_from(FLOATS + NEAR_FLOATS), st.floats(allow_nan=False, allow_infinity=False))
    ),
    "share": _optional(st.one_of(st.sampled_from(TENTHS), st.integers(-(10**6), 10**6))).map(
        lambda tenths: None if tenths is None else Decimal(tenths).scaleb(-1)
    ),
    "vip": _optional(st.booleans()),
    "closed_on": _optional(st.sampled_from(DATES)),
    "follow_up": _optional(
        st.one_of(
            st.sampled_from(MOMENTS),
            st.datetimes(datetime(2000, 1, 1), datetime(2050, 1, 1), timezones=st.just(UTC)),
        )
    ),
    "stage": _optional(st.sampled_from(STAGES)),
    "tags": st.one_of(
        st.sampled_from((Stored.SQL_NULL, Stored.JSON_NULL, Stored.EMPTY_ARRAY)),
        st.lists(st.sampled_from(OPTIONS), min_size=1, max_size=3, unique=True),
    ),
    "rep": _optional(st.sampled_from(USERS)),
    "account": _optional(st.integers(1, 5)),
    "owner": st.sampled_from(USERS),
    "created_at": st.sampled_from(MOMENTS),
    "workflow_state": st.sampled_from(WORKFLOW_STATES),
}
ROWS = st.fixed_dictionaries(ROW_VALUES)


# Conditions: every operator each field accepts, constants from the same pools as the stored values.

_NUMBER = st.one_of(st.sampled_from(NUMBERS), st.sampled_from(NEAR_FLOATS), st.integers(-5, 5))
_TEXT_CONSTANT = st.one_of(st.sampled_from(TEXTS), st.text(alphabet=TEXT_ALPHABET, min_size=1, max_size=4))
CONSTANTS: dict[str, st.SearchStrategy[Any]] = {
    "name": _TEXT_CONSTANT,
    "notes": _TEXT_CONSTANT,
    "email": st.sampled_from((*EMAILS, "ann", "Ann", "@", "Example", "%", "_", ".com", "王")),
    "quantity": _NUMBER,
    "score": st.one_of(st.integers(0, 6), st.sampled_from((2.5, 0.1, 4.999))),
    "amount": _NUMBER,
    "revenue": _NUMBER,
    "share": _NUMBER,
    "vip": st.booleans(),
    "closed_on": st.sampled_from(DATE_TEXTS),
    "follow_up": st.sampled_from(MOMENT_TEXTS),
    "stage": st.sampled_from(STAGES),
    "tags": st.sampled_from(OPTIONS),
    "rep": st.sampled_from(USERS),
    "account": st.integers(1, 6),
    "id": st.integers(1, 12),
    "owner": st.sampled_from(USERS),
    "created_at": st.sampled_from(MOMENT_TEXTS),
    "workflow_state": st.sampled_from(WORKFLOW_STATES),
}
DURATIONS = st.fixed_dictionaries(
    {"amount": st.sampled_from((1, 2, 4, 7, 100000)), "unit": st.sampled_from(("hours", "days", "weeks"))}
)


def operators_of(field_id: str) -> list[str]:
    """The operators a field accepts, as they are written in JSON."""
    return sorted(operator.value for operator in ALLOWED_OPERATORS[value_kind(DEAL.field(field_id))])


def _numbers_beside(number: Any) -> list[Any]:
    """A stored number, its neighbours as doubles, and exact decimals or whole numbers just beside it."""
    if isinstance(number, float):
        candidates = (math.nextafter(number, -math.inf), number, math.nextafter(number, math.inf))
        near = [candidate for candidate in candidates if math.isfinite(candidate)]
        whole = [int(number) + step for step in (-1, 0, 1)] if number.is_integer() and abs(number) < 1e30 else []
        return near + whole + [Decimal(repr(number)) + step for step in (Decimal("-1e-20"), Decimal("1e-20"))]
    steps = (Decimal("-0.05"), Decimal("-0.005"), Decimal("0.005"), Decimal("0.05"), Decimal(-1), Decimal(1))
    return [number, float(number), *(Decimal(number) + step for step in steps)]


def _literals_beside(field_id: str, value: Any) -> list[Any]:
    """Literals equal to or just beside a stored model value of the field."""
    kind = value_kind(DEAL.field(field_id))
    if kind is lit.NUMBER:
        return _numbers_beside(value)
    if kind is lit.TEXT:
        return [value, value[:1], value[1:], value[:-1], value[-1:], value.swapcase(), value.upper()]
    if kind is lit.DATE:
        days = (
            (value - timedelta(days=1), value, value + timedelta(days=1)) if date.min < value < date.max else (value,)
        )
        return [day.isoformat() for day in days]
    if kind is lit.DATETIME:
        return [text for moment in (value - MICRO, value, value + MICRO) for text in _moment_texts(moment)]
    if kind is lit.OPTIONS:
        return list(value)
    return [value]


def constants(field_id: str, records: dict[int, dict[str, Any]]) -> st.SearchStrategy[Any]:
    """Literals for a field: the fixed pool, and values equal to or beside those the table holds."""
    beside = [
        literal
        for record in records.values()
        if record[field_id] is not None
        for literal in _literals_beside(field_id, record[field_id])
    ]
    if not beside:
        return CONSTANTS[field_id]
    return st.one_of(CONSTANTS[field_id], st.sampled_from(beside))


@st.composite
def field_rules(draw, field_id: str, constant: st.SearchStrategy[Any]) -> dict[str, Any]:
    """One comparison of the field with an operator it accepts and a fitting literal."""
    field = DEAL.field(field_id)
    operator = draw(st.sampled_from(operators_of(field_id)))
    if operator in ("null", "notNull"):
        return rule(field_id, operator)
    if operator in ("in", "notIn"):
        return rule(field_id, operator, draw(st.lists(constant, min_size=1, max_size=4)))
    if operator == "between":
        ends = draw(st.lists(constant, min_size=2, max_size=2))
        return rule(field_id, operator, sorted(ends, key=lambda end: scalar_literal(field, end, SHANGHAI)))
    if operator in ("withinLast", "olderThan"):
        duration = draw(DURATIONS.filter(lambda d: field.type is not FieldType.DATE or d["unit"] != "hours"))
        return rule(field_id, operator, duration)
    if operator in ("contains", "beginsWith"):
        return rule(field_id, operator, draw(constant.filter(lambda text: isinstance(text, str) and text != "")))
    return rule(field_id, operator, draw(constant))


def leaves(records: dict[int, dict[str, Any]]) -> st.SearchStrategy[dict[str, Any]]:
    """Comparisons of any field (literals often equal to stored values) and definition references."""
    return st.one_of(
        *(field_rules(field_id, constants(field_id, records)) for field_id in CONSTANTS),
        st.sampled_from(DEFINITION_IDS).map(lambda definition: {"definition": definition}),
    )
