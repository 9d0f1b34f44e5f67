"""Build the nested parts of views and rules that need no builder state: sorts, aggregates, triggers."""

from __future__ import annotations

from typing import Any

from builder.model import rules as r
from builder.model import views as v
from builder.model.common import Duration, DurationUnit
from builder.model.raw_values import object_items, read_enum, read_integer, read_number, read_text
from builder.pointers import child


def read_sort(raw: dict[str, Any], path: str) -> tuple[v.SortKey, ...]:
    """The sort keys of a view or widget."""
    return tuple(
        v.SortKey(field=item["field"], descending=item.get("direction") == "desc", path=child(path, "sort", index))
        for index, item in object_items(raw, "sort")
        if isinstance(item.get("field"), str)
    )


def read_aggregate(raw: Any, path: str) -> v.Aggregate | None:
    """A widget's aggregate, or None when it has no known function."""
    if not isinstance(raw, dict):
        return None
    function = read_enum(v.AggregateFunction, raw.get("function"))
    return v.Aggregate(function=function, field=read_text(raw, "field"), path=path) if function else None


def read_group_by(raw: Any, path: str) -> v.GroupBy | None:
    """A widget's grouping, or None without a field."""
    if not isinstance(raw, dict) or read_text(raw, "field") is None:
        return None
    return v.GroupBy(field=raw["field"], bucket=read_enum(v.Period, raw.get("bucket")), path=path)


def read_comparison(raw: Any, path: str) -> v.PeriodComparison | None:
    """A widget's period-over-period comparison, or None when incomplete."""
    if not isinstance(raw, dict):
        return None
    date_field, period = read_text(raw, "date_field"), read_enum(v.Period, raw.get("period"))
    return v.PeriodComparison(date_field=date_field, period=period, path=path) if date_field and period else None


def _duration(raw: Any) -> Duration | None:
    """A positive amount of a known unit, or None."""
    if not isinstance(raw, dict):
        return None
    amount, unit = read_integer(raw.get("amount")), read_enum(DurationUnit, raw.get("unit"))
    return Duration(amount=amount, unit=unit) if amount is not None and amount > 0 and unit else None


def read_trigger(raw: Any, path: str) -> r.AnyTrigger | None:
    """A rule's trigger, or None when its kind or required properties are unusable."""
    if not isinstance(raw, dict):
        return None
    kind = read_enum(r.TriggerKind, raw.get("kind"))
    if kind is r.TriggerKind.RECORD_CREATED:
        return r.RecordCreated(path=path)
    if kind is r.TriggerKind.RECORD_UPDATED:
        return r.RecordUpdated(path=path)
    if kind is r.TriggerKind.FIELD_CHANGED and read_text(raw, "field"):
        values = {name: raw[key] for key, name in (("from", "from_value"), ("to", "to_value")) if key in raw}
        return r.FieldChanged(field=raw["field"], path=path, **values)
    if kind is r.TriggerKind.TIME_ELAPSED:
        after = _duration(raw.get("after"))
        return r.TimeElapsed(field=raw["field"], after=after, path=path) if read_text(raw, "field") and after else None
    if kind is r.TriggerKind.SCHEDULE and read_text(raw, "frequency") and read_text(raw, "time"):
        return r.Schedule(
            frequency=raw["frequency"],
            time=raw["time"],
            weekday=read_text(raw, "weekday"),
            day=read_integer(raw.get("day")),
            path=path,
        )
    if kind is r.TriggerKind.AGGREGATE:
        return _aggregate_trigger(raw, path)
    return None


def _aggregate_trigger(raw: dict[str, Any], path: str) -> r.AggregateTrigger | None:
    """A trend trigger over related records, or None when a part is missing."""
    source, measure, compare = raw.get("source"), raw.get("measure"), raw.get("compare")
    window = _duration(raw.get("window"))
    if not (isinstance(source, dict) and isinstance(measure, dict) and isinstance(compare, dict) and window):
        return None
    if not all(read_text(source, key) for key in ("entity", "via", "date_field")) or not read_text(measure, "function"):
        return None
    value = read_number(compare.get("value"))
    if not (read_text(compare, "with") and read_text(compare, "operator")) or value is None:
        return None
    return r.AggregateTrigger(
        source=r.AggregateSource(
            entity=source["entity"], via=source["via"], date_field=source["date_field"], path=child(path, "source")
        ),
        measure=r.Measure(function=measure["function"], field=read_text(measure, "field"), path=child(path, "measure")),
        window=window,
        compare=r.TrendComparison(
            against=compare["with"],
            operator=compare["operator"],
            value=value,
            unit=read_text(compare, "unit") or "percent",
            path=child(path, "compare"),
        ),
        path=path,
    )


def read_value_source(value: Any, path: str) -> Any:
    """A value to copy from a field ({"copy": field}), or the literal value itself."""
    if isinstance(value, dict) and isinstance(value.get("copy"), str):
        return r.CopiedField(field=value["copy"], path=path)
    return value
