"""JSON pointers (RFC 6901) naming the place of a problem in a definition."""

from __future__ import annotations

from collections.abc import Iterable


def escape_token(token: str | int) -> str:
    """Escape one reference token ('~' → '~0', '/' → '~1')."""
    text = token if type(token) is str else str(token)
    if "~" in text or "/" in text:
        return text.replace("~", "~0").replace("/", "~1")
    return text


def pointer(parts: Iterable[str | int]) -> str:
    """Build a pointer from its tokens: ('entities', 0, 'id') → '/entities/0/id'."""
    return "".join("/" + escape_token(part) for part in parts)


def child(base: str, *parts: str | int) -> str:
    """Extend a pointer with more tokens."""
    for part in parts:
        base = f"{base}/{escape_token(part)}"
    return base


def tokens(value: str) -> list[str]:
    """Split a pointer into unescaped tokens."""
    if value == "":
        return []
    if not value.startswith("/"):
        raise ValueError(f"not a JSON pointer: {value!r}")
    return [part.replace("~1", "/").replace("~0", "~") for part in value[1:].split("/")]


def resolve(document: object, path: str) -> object:
    """Return the value a pointer names; raise LookupError when it names nothing."""
    value = document
    for token in tokens(path):
        if isinstance(value, dict):
            value = value[token]
        elif isinstance(value, list) and token.isdigit():
            value = value[int(token)]
        else:
            raise LookupError(path)
    return value
