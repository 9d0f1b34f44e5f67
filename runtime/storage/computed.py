"""The stored value of a computed field, from the stored values of the fields its formula reads."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from builder.formulas import Formula
from runtime.storage.codecs import Codec


def computed_value(formula: Formula, codec: Codec, codecs: Mapping[str, Codec], stored: Mapping[str, Any]) -> Any:
    """What the computed column stores (its codec rounds to the field's scale); None when the formula is empty."""
    inputs = {name: codecs[name].to_model(stored.get(name)) for name in formula.fields if name in codecs}
    result = formula.evaluate(inputs)
    return None if result is None else codec.to_database(result)
