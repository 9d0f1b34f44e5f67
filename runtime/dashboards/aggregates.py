"""A widget's aggregate as SQL over the readable records, and its result as the number (or date) the API shows."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, FromClause, case, func, literal

from builder.model.views import Aggregate, AggregateFunction
from runtime.storage.codecs import Codec, FloatCodec, ScaledCodec, plain_number

_SQL = {
    AggregateFunction.SUM: func.sum,
    AggregateFunction.AVG: func.avg,
    AggregateFunction.MIN: func.min,
    AggregateFunction.MAX: func.max,
}
AVERAGE_EXTRA_PLACES = 2  # an average shows two decimal places more than the field's values
FLOAT_PLACES = 6


def aggregate_column(aggregate: Aggregate, readable: FromClause, inside: ColumnElement[bool] | None = None):
    """count(*), count(field) or sum/avg/min/max(field), over the rows where `inside` holds (all when None)."""
    if aggregate.function is AggregateFunction.COUNT:
        counted = literal(1) if aggregate.field is None else readable.c[aggregate.field]
        return func.count(counted if inside is None else case((inside, counted)))
    column = readable.c[aggregate.field]
    return _SQL[aggregate.function](column if inside is None else case((inside, column)))


def aggregate_value(aggregate: Aggregate, codec: Codec | None, raw: Any) -> Any:
    """The aggregate as JSON: counts and sums are 0 over no records; averages, minimums and maximums null."""
    function = aggregate.function
    if function is AggregateFunction.COUNT:
        return int(raw or 0)
    if raw is None:
        return 0 if function is AggregateFunction.SUM else None
    if function is AggregateFunction.AVG:
        return _average(codec, raw)
    if isinstance(codec, ScaledCodec):
        return codec.to_json(int(raw))
    if isinstance(codec, FloatCodec):
        return plain_number(round(float(raw), FLOAT_PLACES))
    if isinstance(raw, Decimal | int):  # whole numbers; PostgreSQL sums them as numeric
        return plain_number(raw)
    return codec.to_json(raw) if codec is not None else raw  # the earliest or latest date or moment


def _average(codec: Codec | None, raw: Any) -> int | float:
    """An average in the field's units, rounded to its decimal places plus two."""
    if isinstance(codec, ScaledCodec):
        places = codec.scale + AVERAGE_EXTRA_PLACES
        return plain_number(round(Decimal(str(raw)).scaleb(-codec.scale), places))
    if isinstance(codec, FloatCodec):
        return plain_number(round(float(raw), FLOAT_PLACES))
    return plain_number(round(Decimal(str(raw)), AVERAGE_EXTRA_PLACES))  # whole numbers: integer, rating
