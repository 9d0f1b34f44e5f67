"""Fast version of the fuzzing benchmark: schemathesis against every template app's OpenAPI document, in-process."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bench.robustness.databases import Database
from bench.robustness.fuzzing import KNOWN_ISSUES, Target, fuzz_app
from bench.robustness.instance import ADMIN, prepare
from runtime.app import create_app
from runtime.database import ENGINE_KEY
from templates_library import library

EXAMPLES = 1  # per operation and mode: every operation gets a valid and an invalid request


@pytest.fixture
def every_template(robust_database: Database) -> Iterator[tuple[Target, tuple[str, ...]]]:
    """The ten templates installed with sample data, and a target that sends requests to the app in-process."""
    instance = prepare(robust_database)
    app = create_app(robust_database.settings())
    app.config["TESTING"] = False  # a 5xx is an answer to check, not an exception to raise in the test
    target = Target(instance.tokens[ADMIN], app=app)
    try:
        yield target, instance.apps
    finally:
        app.extensions[ENGINE_KEY].dispose()


def test_every_template_app_answers_generated_requests_as_documented(every_template):
    target, apps = every_template
    assert sorted(apps) == sorted(template.id for template in library().templates)
    for app_id in apps:
        report = fuzz_app(target, app_id, examples=EXAMPLES, random_seed=12)
        assert report.operations >= 14 and report.total >= 2 * report.operations, report
        assert report.server_errors == 0, report.failures
        assert report.failure_count == 0, report.failures
        assert set(report.known) <= {*KNOWN_ISSUES, "valid-for-the-real-document"}
