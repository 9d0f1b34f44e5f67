"""The error every HTTP route raises: it carries its status, a stable code, a message and problems."""

from __future__ import annotations

from typing import Any


class ApiError(Exception):
    """An HTTP error in the one shape of DESIGN.md decision 10."""

    def __init__(self, status: int, code: str, message: str, problems: list[dict[str, Any]] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.problems = problems or []

    def body(self) -> dict[str, Any]:
        """The JSON body of the response."""
        return {"error": {"code": self.code, "message": self.message, "problems": self.problems}}
