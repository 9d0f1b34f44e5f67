"""Hypothesis strategies: arbitrary JSON values and small mutations of a JSON document."""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import strategies as st

SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.text(max_size=12),
    st.sampled_from(
        [
            "",
            "id",
            "select",
            "text",
            "money",
            "approval",
            "branch",
            "and",
            "or",
            "=",
            ">=",
            "a" * 41,
            "rules",
            "en",
            "zh",
            "kind",
            "type",
            "amount",
            "x\n",
            "😀",
            "<script>",
        ]
    ),
)
JSON_VALUES = st.recursive(
    SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)


def _containers(document: Any, path: tuple = ()) -> list[tuple]:
    """Paths of every dict and list in a document."""
    found = []
    if isinstance(document, dict):
        found.append(path)
        for key, value in document.items():
            found += _containers(value, (*path, key))
    elif isinstance(document, list):
        found.append(path)
        for index, value in enumerate(document):
            found += _containers(value, (*path, index))
    return found


def _at(document: Any, path: tuple) -> Any:
    for part in path:
        document = document[part]
    return document


@st.composite
def mutated(draw, document: dict) -> dict:
    """A copy of `document` with one to three random edits: replace, delete or add a value."""
    result = copy.deepcopy(document)
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        containers = _containers(result)
        target = _at(result, draw(st.sampled_from(containers)))
        action = draw(st.sampled_from(["replace", "delete", "add"]))
        if isinstance(target, dict):
            keys = list(target)
            if action == "add" or not keys:
                target[draw(st.sampled_from([*keys, "extra", "label", "kind", "type"]))] = draw(JSON_VALUES)
            elif action == "delete":
                del target[draw(st.sampled_from(keys))]
            else:
                target[draw(st.sampled_from(keys))] = draw(JSON_VALUES)
        elif action == "add" or not target:
            target.append(draw(JSON_VALUES))
        elif action == "delete":
            target.pop(draw(st.integers(min_value=0, max_value=len(target) - 1)))
        else:
            target[draw(st.integers(min_value=0, max_value=len(target) - 1))] = draw(JSON_VALUES)
    return result
