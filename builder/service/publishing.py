"""How the authoring service asks for a publish: the request, and the publisher the runtime provides."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from builder.service.errors import ApiError

PUBLISHER_KEY = "dabble.publisher"
ON_FAILURE = ("fail", "clear")  # what to do with stored values a retyped field cannot hold


@dataclass(frozen=True, slots=True)
class PublishRequest:
    """Publish an app's draft (or a given definition) as its next version, or with dry_run only plan it."""

    app_id: str
    actor: str
    message: str = ""
    renames: Mapping[str, Any] = field(default_factory=dict)
    on_failure: Mapping[str, str] = field(default_factory=dict)
    confirm: bool = False
    dry_run: bool = False
    revision: int | None = None  # the draft revision the caller previewed: 409 when the draft changed since
    definition: Any = None  # published (and stored as the draft) instead of the stored draft; a dry run stores nothing

    @classmethod
    def from_json(cls, app_id: str, actor: str, body: Any) -> PublishRequest:
        """Read the JSON body of POST /api/apps/<app>/publish."""
        body = {} if body is None else body
        if not isinstance(body, dict):
            raise _invalid("The request body must be a JSON object. / 请求体必须是 JSON 对象。")
        unknown = set(body) - {"message", "renames", "on_failure", "confirm", "dry_run", "revision", "definition"}
        if unknown:
            raise _invalid(f"Unknown option(s): {', '.join(sorted(unknown))}. / 未知选项。")
        message = body.get("message", "")
        on_failure = body.get("on_failure", {})
        revision = body.get("revision")
        if not isinstance(message, str) or len(message) > 1000:
            raise _invalid("message is a text of at most 1000 characters. / 说明过长。")
        if not isinstance(on_failure, dict) or any(v not in ON_FAILURE for v in on_failure.values()):
            raise _invalid('on_failure maps "entity.field" to "fail" or "clear". / on_failure 取值为 fail 或 clear。')
        for flag in ("confirm", "dry_run"):
            if not isinstance(body.get(flag, False), bool):
                raise _invalid(f"{flag} is true or false. / {flag} 应为布尔值。")
        if revision is not None and not is_revision(revision):
            raise _invalid("revision is a whole number. / revision 应为整数。")
        return cls(
            app_id=app_id,
            actor=actor,
            message=message,
            renames=body.get("renames") or {},
            on_failure=on_failure,
            confirm=body.get("confirm", False),
            dry_run=body.get("dry_run", False),
            revision=revision,
            definition=body.get("definition"),
        )


def is_revision(value: Any) -> bool:
    """Whether a request value can be a draft revision: a whole number (not true or false)."""
    return isinstance(value, int) and not isinstance(value, bool)


def _invalid(message: str) -> ApiError:
    return ApiError(400, "publish.invalid_request", message)


class Publisher(Protocol):
    """Validates a draft, plans and applies its migration, and records the new version."""

    def publish(self, request: PublishRequest) -> dict[str, Any]:
        """The outcome as JSON: version, plan with dry-run findings, warnings; raise ApiError when refused."""
        ...
