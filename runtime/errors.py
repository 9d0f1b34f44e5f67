"""One error shape for every HTTP error (DESIGN.md decision 10)."""

from __future__ import annotations

import logging

from flask import Flask, jsonify
from werkzeug.exceptions import HTTPException

from builder.service.errors import ApiError

log = logging.getLogger(__name__)


def init_app(app: Flask) -> None:
    """Register the handlers that turn every error into the one shape."""

    @app.errorhandler(ApiError)
    def _api_error(error: ApiError):
        return jsonify(error.body()), error.status

    @app.errorhandler(HTTPException)
    def _http_error(error: HTTPException):
        code = (error.name or "error").lower().replace(" ", "_")
        failure = ApiError(error.code or 500, f"http.{code}", error.description or error.name)
        response = jsonify(failure.body())
        response.status_code = failure.status
        if error.code == 405 and hasattr(error, "valid_methods") and error.valid_methods:
            response.headers["Allow"] = ", ".join(error.valid_methods)
        return response

    @app.errorhandler(Exception)
    def _unexpected(error: Exception):
        log.exception("unhandled error")
        return jsonify(ApiError(500, "http.internal_server_error", "An unexpected error occurred.").body()), 500
