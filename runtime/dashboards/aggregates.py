"""A widget's aggregate computed in parts and combined (the user's readable records come in disjoint parts):
counts and sums add up, an average is a sum over a count, extremes compare. Then shown as the API shows it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, FromClause, case, func, literal

from builder.model.views import Aggregate, AggregateFunction
from runtime.storage.codecs import Codec, FloatCodec, ScaledCodec, plain_number

AVERAGE_EXTRA_PLACES = 2  # an average shows two decimal places more than the field's values
FLOAT_PLACES = 6
Partial = tuple[Any, ...]  # one part's figures: (count,), (sum,), (sum, count) for an average, (min,), (max,)


def partial_columns(aggregate: Aggregate, readable: FromClause, inside: ColumnElement[bool] | None = None) -> list:
    """The SQL figures of one part, over its rows where `inside` holds (all when None)."""
    function = aggregate.function
    if function is AggregateFunction.COUNT:
        counted = literal(1) if aggregate.field is None else readable.c[aggregate.field]
        return [func.count(counted if inside is None else case((inside, counted)))]
    column = readable.c[aggregate.field]
    measured = column if inside is None else case((inside, column))
    if function is AggregateFunction.AVG:
        return [func.sum(measured), func.count(measured)]
    return [{"sum": func.sum, "min": func.min, "max": func.max}[str(function)](measured)]


def width(aggregate: Aggregate) -> int:
    """How many SQL figures one part gives."""
    return 2 if aggregate.function is AggregateFunction.AVG else 1


def combine(aggregate: Aggregate, partials: Iterable[Sequence[Any]]) -> Partial:
    """The figures of several parts as one."""
    chosen = {AggregateFunction.MIN: min, AggregateFunction.MAX: max}.get(aggregate.function)
    combined: list[Any] = [None] * width(aggregate)
    for partial in partials:
        for index, value in enumerate(partial):
            if value is None:
                continue
            held = combined[index]
            combined[index] = value if held is None else (chosen(held, value) if chosen else held + value)
    return tuple(combined)


def aggregate_value(aggregate: Aggregate, codec: Codec | None, figures: Partial) -> Any:
    """The combined figures as JSON: counts and sums of nothing are 0; averages, minimums and maximums null."""
    function = aggregate.function
    if function is AggregateFunction.COUNT:
        return int(figures[0] or 0)
    if function is AggregateFunction.AVG:
        total, count = figures
        return None if not count else _average(codec, total, count)
    raw = figures[0]
    if raw is None:
        return 0 if function is AggregateFunction.SUM else None
    if isinstance(codec, ScaledCodec):
        return codec.to_json(int(raw))
    if isinstance(codec, FloatCodec):
        return plain_number(round(float(raw), FLOAT_PLACES))
    if isinstance(raw, Decimal | int):  # whole numbers; PostgreSQL sums them as numeric
        return plain_number(raw)
    return codec.to_json(raw) if codec is not None else raw  # the earliest or latest date or moment


def _average(codec: Codec | None, total: Any, count: int) -> int | float:
    """An exact average in the field's units, rounded to its decimal places plus two."""
    if isinstance(codec, FloatCodec):
        return plain_number(round(float(total) / count, FLOAT_PLACES))
    scale = codec.scale if isinstance(codec, ScaledCodec) else 0
    mean = (Decimal(total) / count).scaleb(-scale)
    return plain_number(round(mean, scale + AVERAGE_EXTRA_PLACES))
