"""Where one app of the records API benchmark spends a request: cProfile over a test-client loop.

    .venv/bin/python -m bench.records_api.profile_app dabble [--requests 2000] [--top 25]
    .venv/bin/python -m bench.records_api.profile_app sqlmodel

For create, get and list-50 it prints the SQL statements one request runs (from SQLAlchemy's
cursor events; the raw sqlite3 app has none to count), the in-process time per request without
and with the profiler, the profiler's own time grouped by package, and the top functions by own
and by cumulative time. One app per process: the SQLModel app's table would otherwise join the
shared SQLModel metadata that Dabble creates its platform tables from.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import pstats
import random
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from typing import Any

from bench.records_api.definition import APP_ID, DEFINITION, ENTITY_ID
from bench.records_api.load import TOKEN

BASE = f"/api/apps/{APP_ID}/{ENTITY_ID}"
PACKAGES = (
    ("/runtime/", "dabble runtime/"),
    ("/builder/", "dabble builder/"),
    ("/bench/", "bench app code"),
    ("/sqlalchemy/", "sqlalchemy"),
    ("/sqlmodel/", "sqlmodel"),
    ("/pydantic", "pydantic"),
    ("/flask/", "flask"),
    ("/werkzeug/", "werkzeug"),
    ("/jsonschema", "jsonschema"),
    ("/json/", "json (stdlib)"),
    ("/decimal", "decimal"),
)


def _package(filename: str, function: str) -> str:
    if filename == "~":
        return "sqlite3 (C: execute, fetch, commit)" if "sqlite3" in function else "C builtins"
    for marker, name in PACKAGES:
        if marker in filename:
            return name
    return "other stdlib/site-packages"


def build(app_name: str, folder: str):
    """The Flask app with the deal entity ready to serve, and the engine to count statements on (or None)."""
    if app_name == "dabble":
        from bench.records_api.dabble_app import create_app
        from runtime.database import ENGINE_KEY

        app = create_app(folder, TOKEN)
        client = app.test_client()
        client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {TOKEN}"
        assert client.post("/api/apps", json=DEFINITION).status_code == 201
        assert client.post(f"/api/apps/{APP_ID}/publish", json={"message": "profile"}).status_code == 201
        return app, app.extensions[ENGINE_KEY]
    if app_name == "sqlmodel":
        from bench.records_api import handwritten_sqlmodel

        app = handwritten_sqlmodel.create_app(folder, TOKEN)
        engine = next(
            cell.cell_contents
            for function in app.view_functions.values()
            for cell in (function.__closure__ or ())
            if type(cell.cell_contents).__name__ == "Engine"
        )
        return app, engine
    from bench.records_api import raw_sqlite

    return raw_sqlite.create_app(folder, TOKEN), None


def _profile(operation: Callable[[], Any], count: int, top: int) -> None:
    """Time `count` calls plain and under cProfile; print own time by package and the top functions."""
    started = time.perf_counter()
    for _ in range(count):
        operation()
    plain = (time.perf_counter() - started) / count * 1000
    profiler = cProfile.Profile()
    started = time.perf_counter()
    profiler.enable()
    for _ in range(count):
        operation()
    profiler.disable()
    profiled = (time.perf_counter() - started) / count * 1000
    print(f"    {plain:.3f} ms/request in process (test client, one thread); {profiled:.3f} ms under cProfile")
    by_package: Counter[str] = Counter()
    for (filename, _line, function), (_cc, _nc, own, _cum, _callers) in pstats.Stats(profiler).stats.items():
        by_package[_package(filename, function)] += own
    total = sum(by_package.values())
    print("    own time by package (share of profiled time):")
    for package, seconds in by_package.most_common():
        print(f"      {100 * seconds / total:5.1f} %  {seconds / count * 1000:.3f} ms/request  {package}")
    for order in ("tottime", "cumulative"):
        text = io.StringIO()
        pstats.Stats(profiler, stream=text).sort_stats(order).print_stats(top)
        lines = text.getvalue().splitlines()
        start = next(index for index, line in enumerate(lines) if line.strip().startswith("ncalls"))
        print(f"    top {top} by {order} (per {count} requests):")
        for line in lines[start : start + top + 1]:
            print("      " + line.replace(sys.prefix, "<venv>"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("app", choices=("dabble", "sqlmodel", "raw_sqlite"))
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--top", type=int, default=25)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="dabble-profile-") as folder:
        _run(arguments, folder)
    return 0


def _run(arguments: argparse.Namespace, folder: str) -> None:
    """Build the app in `folder`, seed it, then show statements and profiles for each operation."""
    from sqlalchemy import event

    from bench.bench_records_api import deal_bodies

    app, engine = build(arguments.app, folder)
    client = app.test_client()
    client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {TOKEN}"  # the same header for every app
    bodies = [json.dumps(body) for body in deal_bodies(arguments.requests + 2000)]
    ids = [client.post(BASE, data=body, content_type="application/json").get_json()["id"] for body in bodies[:2000]]
    chooser = random.Random(1)
    position = iter(bodies[2000:] * 10)

    def create() -> Any:
        return client.post(BASE, data=next(position), content_type="application/json")

    def get() -> Any:
        return client.get(f"{BASE}/{chooser.choice(ids)}")

    def list_50() -> Any:
        return client.get(f"{BASE}?page_size=50&sort=-id")

    statements: list[str] = []
    if engine is not None:
        event.listen(engine, "before_cursor_execute", lambda _c, _cu, sql, *_: statements.append(sql))
        event.listen(engine, "commit", lambda _c: statements.append("COMMIT"))
    operations: dict[str, Callable[[], Any]] = {"create": create, "get": get, "list-50": list_50}
    for name, operation in operations.items():
        for _ in range(200):  # warm up
            assert operation().status_code in (200, 201)
        statements.clear()
        operation()
        counted = f"{len(statements)} SQL statements" if engine is not None else "SQL statements not counted"
        print(f"\n===== {arguments.app} {name}: {counted} per request")
        for sql in statements:
            print("   ", " ".join(sql.split())[:150])
        _profile(operation, arguments.requests if name != "list-50" else arguments.requests // 4, arguments.top)


if __name__ == "__main__":
    sys.exit(main())
