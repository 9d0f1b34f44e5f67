"""Check a literal value written into a field (defaults, rule and flow assignments)."""

from __future__ import annotations

import re
from datetime import UTC, tzinfo
from decimal import Decimal
from typing import Any

from builder.conditions import literals as lit
from builder.exact_numbers import format_number
from builder.messages import expectation
from builder.model.fields import Field, FieldType

# Also the JSON Schema patterns of these fields (ECMA-262, searched, hence anchored); matched here with fullmatch.
EMAIL_PATTERN = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"
PHONE_PATTERN = r"^\+?[0-9][0-9 ()\-]{2,29}$"
URL_PATTERN = r"^https?://[^\s]+$"


def value_problem(field: Field, value: Any, timezone: tzinfo = UTC) -> tuple[str, str] | None:
    """What a valid value for the field looks like (in English and Chinese), when `value` is not one."""
    if value is None:
        return None
    if field.type is FieldType.MULTICHOICE:
        if not isinstance(value, list) or any(item not in field.option_ids for item in value):
            return expectation("option_list", options=", ".join(field.option_ids))
        return None
    if field.type is FieldType.CHOICE and value not in field.option_ids:
        return expectation("one_option", options=", ".join(field.option_ids))
    if field.is_textual:
        return _text_problem(field, value)
    try:
        converted = lit.scalar_literal(field, value, timezone)
    except lit.LiteralError as error:
        return expectation(error.params.get("expected", "valid"))
    return _number_problem(field, converted) if field.is_numeric else None


def _text_problem(field: Field, text: Any) -> tuple[str, str] | None:
    if not isinstance(text, str):
        return expectation("text")
    limit = field.effective_max_length or 0
    if len(text) > limit:
        return expectation("max_length", limit=limit)
    if field.type in _TEXT_FORMS and not _TEXT_FORMS[field.type].fullmatch(text):
        return expectation(str(field.type))
    return None


_TEXT_FORMS = {
    FieldType.EMAIL: re.compile(EMAIL_PATTERN),
    FieldType.PHONE: re.compile(PHONE_PATTERN),
    FieldType.URL: re.compile(URL_PATTERN),
}


def _number_problem(field: Field, number: int | Decimal) -> tuple[str, str] | None:
    scale = field.effective_scale
    if scale is not None and Decimal(number) != Decimal(number).quantize(Decimal(1).scaleb(-scale)):
        return expectation("whole_number") if scale == 0 else expectation("decimal_places", scale=scale)
    low, high = field.lower_bound, field.upper_bound
    if (low is not None and number < low) or (high is not None and number > high):
        shown_low = "-∞" if low is None else format_number(low)
        shown_high = "∞" if high is None else format_number(high)
        return expectation("number_range", low=shown_low, high=shown_high)
    return None
