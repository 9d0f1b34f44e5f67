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


def computed_values(formulas: Mapping[str, Formula], codecs: Mapping[str, Codec], stored: Mapping[str, Any]) -> dict:
    """Every computed field of a record, each after the computed fields it reads (the validator refuses cycles)."""
    known = dict(stored)
    results: dict[str, Any] = {}
    waiting = dict(formulas)
    while waiting:
        ready = [name for name, formula in waiting.items() if not (set(formula.fields) & set(waiting) - {name})]
        for name in ready or list(waiting):  # nothing ready only with a cycle: compute the rest as they stand
            known[name] = results[name] = computed_value(waiting.pop(name), codecs[name], codecs, known)
    return results
