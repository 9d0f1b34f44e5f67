"""Whether a condition sent as JSON (a list filter, say) has exactly the format's shape, before it is parsed.

parse_condition skips malformed parts, which suits a definition the validator reports on; a request's
filter must instead be refused whole, or a broken rule would silently widen what it selects.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from jsonschema import Draft7Validator

from builder.definition_schema import definition_schema


@cache
def _validator() -> Draft7Validator:
    schema = definition_schema()
    return Draft7Validator({"$ref": "#/definitions/condition", "definitions": schema["definitions"]})


def condition_shape_errors(raw: Any) -> list[str]:
    """JSON pointers of the places where `raw` departs from the condition format (none: it has its shape).

    >>> condition_shape_errors({"combinator": "and", "rules": [{"field": "amount", "operator": ">", "value": 5}]})
    []
    >>> condition_shape_errors({"rules": [{"field": "g", "operator": False}]})
    ['/rules/0', '/rules/0/operator']
    """
    return sorted({"".join(f"/{part}" for part in error.absolute_path) for error in _validator().iter_errors(raw)})
