"""The query parameters of view routes: each kind of view takes its own, and anything else is refused."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from builder.messages import expectation
from builder.model.views import SortKey
from builder.pointers import escape_token
from builder.service.errors import ApiError
from runtime.api_messages import api_problem
from runtime.records.queries import parameter_problem, whole_number_parameter

Arguments = Mapping[str, list[str]]
LIST_PARAMETERS = frozenset({"page", "page_size", "sort", "q", "filter"})  # what the records list query reads


def checked(arguments: Arguments, allowed: frozenset[str]) -> dict[str, list[str]]:
    """The arguments, or 400 naming every parameter the route does not take."""
    unknown = sorted(set(arguments) - allowed)
    if unknown:
        problems = [
            api_problem("query.unknown_parameter", f"/{escape_token(name)}", parameter=name).to_json()
            for name in unknown
        ]
        raise invalid_query(problems)
    return dict(arguments)


def list_part(arguments: Arguments, *, sort: tuple[SortKey, ...], page_size: int | None = None) -> dict[str, list[str]]:
    """The list-query parameters, with the view's sort (and page size) when the request gives none."""
    part = {name: values for name, values in arguments.items() if name in LIST_PARAMETERS}
    if sort and "sort" not in part:
        part["sort"] = [",".join(("-" if key.descending else "") + key.field for key in sort)]
    if page_size is not None and "page_size" not in part:
        part["page_size"] = [str(page_size)]
    return part


def whole_number(arguments: Arguments, name: str, default: int, bounds: tuple[int, int]) -> int:
    """A whole number within bounds, or 400."""
    problems: list[dict[str, Any]] = []
    value = whole_number_parameter(arguments, name, default, bounds, problems)
    if problems:
        raise invalid_query(problems)
    return value


def date_parameter(arguments: Arguments, name: str) -> date | None:
    """A YYYY-MM-DD parameter (None when absent), or 400."""
    if name not in arguments:
        return None
    raw = arguments[name][-1]
    try:
        if len(raw) != 10:
            raise ValueError(raw)
        return date.fromisoformat(raw)
    except ValueError:
        raise invalid_query([parameter_problem(name, expectation("date"))]) from None


def invalid_query(problems: list[dict[str, Any]]) -> ApiError:
    """The one 400 of a query with parameters it cannot have."""
    return ApiError(400, "query.invalid", "The query is not valid. / 查询参数无效。", problems)
