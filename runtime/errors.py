"""One error shape for every HTTP error (DESIGN.md decision 10)."""

from __future__ import annotations

import logging

from flask import Flask, current_app, jsonify, request
from werkzeug.exceptions import HTTPException, MethodNotAllowed, NotFound
from werkzeug.routing import RequestRedirect

from builder.service.errors import ApiError

log = logging.getLogger(__name__)


def init_app(app: Flask) -> None:
    """Register the handlers that turn every error into the one shape."""

    @app.errorhandler(ApiError)
    def _api_error(error: ApiError):
        return jsonify(error.body()), error.status

    @app.errorhandler(HTTPException)
    def _http_error(error: HTTPException):
        if isinstance(error, MethodNotAllowed) and not _methods_that_match(error.valid_methods or ()):
            error = NotFound()
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


def _methods_that_match(methods) -> list[str]:
    """The methods that would really be served at the request's URL.

    Werkzeug answers 405 when a rule of another method matches the URL's shape even if its converter
    refuses the value (a record id above the largest one), where no method would be served: that is a 404.
    """
    adapter = current_app.url_map.bind_to_environ(request.environ)
    matching = []
    for method in methods:
        try:
            adapter.match(method=method)
        except RequestRedirect:
            matching.append(method)
        except (NotFound, MethodNotAllowed):
            continue
        else:
            matching.append(method)
    return matching
