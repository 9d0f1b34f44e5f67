"""Request bodies read as strict JSON: duplicate keys, NaN and Infinity refused, size and nesting bounded."""

from __future__ import annotations

from typing import Any

from flask import request

from builder import DefinitionUnreadable, load_definition_text
from builder.service.errors import ApiError


def strict_json_body(*, required: bool = True) -> Any:
    """The request's JSON body; None when it is empty and not required (400 when missing or unreadable)."""
    data = request.get_data(cache=True)
    if not data:
        if required:
            raise ApiError(400, "request.empty", "Send a JSON body. / 请以 JSON 格式发送请求体。")
        return None
    try:
        return load_definition_text(data)
    except DefinitionUnreadable as error:
        raise ApiError(
            400, "request.unreadable", f"The body is not readable JSON: {error}. / 请求体不是有效的 JSON。"
        ) from None
