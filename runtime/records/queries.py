"""List queries: filters (the condition language or field=value), sort, free-text search, pages."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import ColumnElement, FromClause, and_, func, or_, select

from builder.conditions.ast import Combinator, ConditionGroup, ConditionRule, Operator
from builder.conditions.json_check import condition_shape_errors
from builder.conditions.parse import ConditionTooDeep, parse_condition
from builder.conditions.typecheck import check_condition
from builder.identifiers import RESERVED_FIELD_IDS
from builder.loading import DefinitionUnreadable, load_definition_text
from builder.messages import expectation
from builder.model import FieldType
from builder.model.fields import UNSORTABLE_TYPES
from builder.pointers import escape_token
from builder.service.errors import ApiError
from runtime.api_messages import api_problem
from runtime.live_apps import LiveApp, LiveEntity
from runtime.records.list_limits import DEFAULT_PAGE_SIZE, MAX_PAGE, MAX_PAGE_SIZE, MAX_SEARCH
from runtime.storage.sql_conditions import condition_clause
from runtime.storage.tables import EntityStorage

_DIGITS = re.compile(r"[0-9]{1,18}\Z")


@dataclass(frozen=True, slots=True)
class ListQuery:
    """A parsed list request."""

    where: ColumnElement[bool]
    order_by: tuple[Any, ...]
    page: int
    page_size: int


def parse_list_query(
    arguments: Mapping[str, list[str]],
    live: LiveApp,
    entity: LiveEntity,
    readable: FromClause,
    *,
    dialect: str,
    preset: tuple[ConditionGroup, ...] = (),
) -> ListQuery:
    """Read page, page_size, sort, q, filter and field=value parameters over the user's readable records.

    `preset` conditions (a view's filter, a saved filter) hold too, whatever the parameters say.
    """
    storage = replace(entity.storage, table=readable)  # every clause reads the masked values, never the stored ones
    table = storage.table
    problems: list[dict[str, Any]] = []
    page = whole_number_parameter(arguments, "page", 1, (1, MAX_PAGE), problems)
    page_size = whole_number_parameter(arguments, "page_size", DEFAULT_PAGE_SIZE, (1, MAX_PAGE_SIZE), problems)
    clauses = [table.c.deleted_at.is_(None)]
    conditions = [
        _field_equals(name, values, storage, problems)
        for name, values in arguments.items()
        if name not in RESERVED_FIELD_IDS
    ]
    if "filter" in arguments:
        conditions.append(_filter(arguments["filter"][-1], live, storage, problems))
    if "q" in arguments:
        clauses.append(_search(arguments["q"][-1], storage, entity.search_columns, problems))
    order_by = _sort(arguments.get("sort", [""])[-1], storage, problems)
    if problems:
        raise ApiError(400, "query.invalid", "The list query is not valid. / 查询参数无效。", problems)
    groups = [*preset, *(condition for condition in conditions if condition is not None)]
    if groups:
        condition = ConditionGroup(combinator=Combinator.AND, rules=tuple(groups))
        clauses.append(
            condition_clause(
                condition,
                storage,
                live.model.definition,
                dialect=dialect,
                now=datetime.now(UTC),
                timezone=live.timezone,
            )
        )
    return ListQuery(where=and_(*clauses), order_by=order_by, page=page, page_size=page_size)


def list_statements(table: FromClause, query: ListQuery):
    """The statements for one page of the readable records and for their total count."""
    page = (
        select(table)
        .where(query.where)
        .order_by(*query.order_by)
        .limit(query.page_size)
        .offset((query.page - 1) * query.page_size)
    )
    total = select(func.count()).select_from(table).where(query.where)
    return page, total


def whole_number_parameter(arguments, name: str, default: int, bounds: tuple[int, int], problems) -> int:
    """A whole-number parameter within bounds (a problem added, and the default used, when it is not)."""
    low, high = bounds
    if name not in arguments:
        return default
    raw = arguments[name][-1]
    if not _DIGITS.match(raw) or not low <= int(raw) <= high:
        problems.append(parameter_problem(name, expectation("whole_number_range", low=low, high=high)))
        return default
    return int(raw)


def _field_equals(name: str, values: list[str], storage: EntityStorage, problems) -> Any:
    """field=value (several values: any of them) as a condition rule."""
    field = storage.entity.field(name)
    if field is None or field.type is FieldType.LONGTEXT:
        problems.append(api_problem("query.unknown_parameter", f"/{escape_token(name)}", parameter=name).to_json())
        return None
    try:
        converted = [_parameter_value(field.type, value) for value in values]
    except ValueError:
        problems.append(parameter_problem(name, expectation(_TYPE_EXPECTATIONS.get(field.type, "valid"))))
        return None
    if field.type is FieldType.MULTICHOICE:
        return ConditionGroup(
            combinator=Combinator.OR,
            rules=tuple(ConditionRule(field=name, operator=Operator.CONTAINS, value=value) for value in converted),
        )
    operator = Operator.EQ if len(converted) == 1 else Operator.IN
    rule = ConditionRule(field=name, operator=operator, value=converted[0] if len(converted) == 1 else converted)
    typed = check_condition(ConditionGroup(combinator=Combinator.AND, rules=(rule,)), storage.entity, lambda _: None)
    if typed:
        problems.extend(problem.to_json() | {"path": f"/{name}"} for problem in typed)
        return None
    return rule


_TYPE_EXPECTATIONS = {
    FieldType.INTEGER: "whole_number",
    FieldType.RATING: "whole_number",
    FieldType.REF: "record",
    FieldType.NUMBER: "number",
    FieldType.MONEY: "number",
    FieldType.PERCENT: "number",
    FieldType.COMPUTED: "number",
    FieldType.BOOLEAN: "boolean",
}


def _parameter_value(kind: FieldType, value: str) -> Any:
    if kind in (FieldType.INTEGER, FieldType.RATING, FieldType.REF):
        return int(value)
    if kind in (FieldType.NUMBER, FieldType.MONEY, FieldType.PERCENT, FieldType.COMPUTED):
        try:
            number = Decimal(value)
        except InvalidOperation:
            raise ValueError(value) from None
        if not number.is_finite():
            raise ValueError(value)
        return int(number) if number == number.to_integral_value() else float(number)
    if kind is FieldType.BOOLEAN:
        if value not in ("true", "false"):
            raise ValueError(value)
        return value == "true"
    return value


def _filter(raw: str, live: LiveApp, storage: EntityStorage, problems) -> Any:
    """filter=<condition JSON>: read like a definition (no lone surrogates, no duplicate keys), shaped exactly
    like a condition (a malformed rule is refused, never skipped), then type-checked like any condition."""
    try:
        document = load_definition_text(raw)
        condition = None if condition_shape_errors(document) else parse_condition(document, "/filter")
    except (DefinitionUnreadable, ConditionTooDeep):
        condition = None
    if condition is None:
        problems.append(api_problem("query.filter", "/filter").to_json())
        return None
    typed = check_condition(condition, storage.entity, live.model.definition, live.timezone)
    if typed:
        problems.extend(problem.to_json() for problem in typed)
        return None
    return condition


def _search(text: str, storage: EntityStorage, columns: tuple[str, ...], problems) -> ColumnElement[bool]:
    """q: each text field containing the text, case-insensitively."""
    table = storage.table
    if len(text) > MAX_SEARCH:
        problems.append(parameter_problem("q", expectation("max_length", limit=MAX_SEARCH)))
    pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    if not columns:
        return table.c.id.is_(None)
    return or_(*(table.c[name].ilike(pattern, escape="\\") for name in columns))


def _sort(raw: str, storage: EntityStorage, problems) -> tuple[Any, ...]:
    """sort=-amount,name: fields, descending with '-'; the record id breaks ties."""
    table = storage.table
    order = []
    for part in filter(None, raw.split(",")):
        name = part.removeprefix("-")
        field = storage.entity.field(name)
        if field is None or field.type in UNSORTABLE_TYPES:
            problems.append(api_problem("query.sort", "/sort", field=name).to_json())
            continue
        column = table.c[name]
        order.append((column.desc() if part.startswith("-") else column.asc()).nulls_last())
    if not any(part.removeprefix("-") == "id" for part in raw.split(",")):
        order.append(table.c.id.asc())
    return tuple(order)


def parameter_problem(name: str, expected: tuple[str, str]) -> dict[str, Any]:
    """A query parameter with a value it cannot have."""
    english, chinese = expected
    return api_problem(
        "query.parameter", f"/{escape_token(name)}", parameter=name, expected=english, expected_zh=chinese
    ).to_json()
