"""The demo instance with every template installed, shared with the templates tests (one per module and database)."""

from tests.templates.conftest import demo_instance

__all__ = ["demo_instance"]
