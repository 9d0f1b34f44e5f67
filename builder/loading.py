"""Read a definition document from JSON text, refusing what JSON parsers disagree on."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

MAX_DEFINITION_BYTES = 20 * 1024 * 1024


class DefinitionUnreadable(ValueError):
    """The text is not a JSON document we accept; the message says why, for people."""


def load_definition_text(text: str | bytes) -> Any:
    """Parse JSON text: no NaN/Infinity, no duplicate keys, bounded size and nesting."""
    if len(text) > MAX_DEFINITION_BYTES:
        raise DefinitionUnreadable(f"the definition is larger than {MAX_DEFINITION_BYTES // (1024 * 1024)} MB")
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise DefinitionUnreadable(f"the file is not UTF-8 text (byte {error.start})") from None
    try:
        document = json.loads(text, object_pairs_hook=_unique_keys, parse_constant=_no_constants)
    except json.JSONDecodeError as error:
        raise DefinitionUnreadable(
            f"not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}"
        ) from None
    except RecursionError:
        raise DefinitionUnreadable("the JSON is nested too deeply") from None
    except ValueError as error:
        raise DefinitionUnreadable(str(error)) from None
    if _SURROGATE_ESCAPE.search(text):
        try:
            lone = _holds_lone_surrogate(document)
        except RecursionError:
            raise DefinitionUnreadable("the JSON is nested too deeply") from None
        if lone:
            raise DefinitionUnreadable(
                "a string holds a lone surrogate escape (such as \\ud800), which is no character"
            )
    return document


# A \uD800–\uDFFF escape: half of a pair (an emoji sent escaped) or alone, which no database can store.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")


def _holds_lone_surrogate(value: Any) -> bool:
    """Whether a string of the parsed document (a key or a value) holds a surrogate not joined into a pair."""
    if isinstance(value, str):
        return not value.isascii() and any("\ud800" <= character <= "\udfff" for character in value)
    if isinstance(value, dict):
        return any(_holds_lone_surrogate(key) or _holds_lone_surrogate(item) for key, item in value.items())
    if isinstance(value, list):
        return any(_holds_lone_surrogate(item) for item in value)
    return False


def load_definition_file(path: str | Path) -> Any:
    """Read and parse a definition file."""
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise DefinitionUnreadable(f"cannot read {path}: {error.strerror or error}") from None
    return load_definition_text(data)


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"duplicate key {key!r} in a JSON object")
        result[key] = value
    return result


def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")
