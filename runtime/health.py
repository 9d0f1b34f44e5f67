"""GET /api/health: the service answers and its database is reachable."""

from __future__ import annotations

from flask import Blueprint, jsonify

from builder.model import FORMAT_VERSION
from runtime import database

blueprint = Blueprint("health", __name__)


@blueprint.get("/api/health")
def health():
    """Report status, database and the definition format version."""
    return jsonify(
        {"status": "ok", "database": database.describe(database.engine()), "definition_format": FORMAT_VERSION}
    )
