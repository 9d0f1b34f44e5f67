"""Reading JSON text: lone surrogate escapes are refused (found by the hostile-input tests: a 500 on SQLite)."""

from __future__ import annotations

import json

import pytest

from builder.loading import DefinitionUnreadable, load_definition_text


@pytest.mark.parametrize(
    "text",
    [
        '{"name": "a\\ud800b"}',
        '{"name": "\\udfff"}',
        '["x", {"deep": ["\\uDBFF"]}]',
        '{"\\ud83d": 1}',
        '{"name": "\\ude00\\ud83d"}',  # the halves of a pair in the wrong order
    ],
)
def test_a_lone_surrogate_escape_is_unreadable(text):
    with pytest.raises(DefinitionUnreadable, match="lone surrogate"):
        load_definition_text(text)


def test_escaped_pairs_and_plain_text_are_read_as_characters():
    assert load_definition_text('{"name": "\\ud83d\\ude00 \\u00e9 \\u540d"}') == {"name": "😀 é 名"}
    assert load_definition_text(json.dumps({"name": "名称 😀"}, ensure_ascii=False).encode()) == {"name": "名称 😀"}
