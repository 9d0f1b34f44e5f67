"""The app factory: database on SQLite and PostgreSQL, one error shape, the UI shell, the session secret."""

from __future__ import annotations

import stat

import pytest
from sqlalchemy import text

from runtime import database
from runtime.app import create_app
from runtime.ui import ui_built


def test_health_reports_the_database(app, client):
    response = client.get("/api/health")
    assert response.status_code == 200
    body = response.get_json()
    assert body["status"] == "ok"
    assert body["definition_format"] == 1
    assert body["database"]["dialect"] == app.extensions[database.ENGINE_KEY].dialect.name
    assert body["database"]["version"]


def test_sqlite_runs_in_wal_mode_in_the_instance_folder(sqlite_app, tmp_path):
    engine = sqlite_app.extensions[database.ENGINE_KEY]
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar_one() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar_one() == 1
    assert (tmp_path / "instance" / "dabble.sqlite3").exists()


@pytest.mark.postgres
def test_postgres_tests_use_their_own_schema(postgres_app):
    engine = postgres_app.extensions[database.ENGINE_KEY]
    with engine.connect() as connection:
        assert connection.execute(text("select current_schema()")).scalar_one().startswith("test_")


def test_postgresql_urls_use_psycopg_3():
    url = database.database_url("postgresql://postgres@127.0.0.1:5432/test", "/tmp")
    assert url.startswith("postgresql+psycopg://postgres@127.0.0.1:5432/test")


def _assert_error_shape(response, status: int, code: str) -> dict:
    assert response.status_code == status
    assert response.mimetype == "application/json"
    body = response.get_json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "problems"}
    assert body["error"]["code"] == code
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    assert body["error"]["problems"] == []
    return body


def test_unknown_route_is_404_in_the_error_shape(client):
    _assert_error_shape(client.get("/api/nothing-here"), 404, "http.not_found")


def test_wrong_method_is_405_with_allow(client):
    response = client.post("/api/health")
    _assert_error_shape(response, 405, "http.method_not_allowed")
    assert "GET" in response.headers["Allow"]


def test_too_large_body_is_413(sqlite_app):
    @sqlite_app.post("/test/echo")
    def echo():
        from flask import request

        return {"size": len(request.get_data())}

    sqlite_app.config["MAX_CONTENT_LENGTH"] = 1000
    response = sqlite_app.test_client().post("/test/echo", data=b"x" * 2000)
    _assert_error_shape(response, 413, "http.request_entity_too_large")


def test_unexpected_exception_is_500_without_details(sqlite_app, caplog):
    @sqlite_app.get("/test/boom")
    def boom():
        raise RuntimeError("secret internal detail")

    sqlite_app.config["TESTING"] = False
    sqlite_app.config["PROPAGATE_EXCEPTIONS"] = False
    response = sqlite_app.test_client().get("/test/boom")
    body = _assert_error_shape(response, 500, "http.internal_server_error")
    assert "secret internal detail" not in response.get_data(as_text=True)
    assert "Traceback" not in body["error"]["message"]
    assert "secret internal detail" in caplog.text


def test_ui_shell_loads_the_built_assets(sqlite_app):
    if not ui_built(sqlite_app.config["VITE_FOLDER_PATH"]):
        pytest.fail("the UI is not built: make test builds it first (npm run build)")
    client = sqlite_app.test_client()
    page = client.get("/")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert '<script type="module" src="/_vite/dabble.js">' in html
    assert "/_vite/dabble.css" in html
    with client.get("/_vite/dabble.js") as script:
        assert script.status_code == 200
        assert script.mimetype == "text/javascript"
        assert len(script.data) > 1000


def test_ui_shell_explains_a_missing_build(tmp_path):
    app = create_app({"DABBLE_INSTANCE_PATH": str(tmp_path / "i"), "DABBLE_UI_PATH": str(tmp_path / "no-ui")})
    response = app.test_client().get("/")
    assert response.status_code == 503
    text_body = response.get_data(as_text=True)
    assert "make run" in text_body and "界面尚未构建" in text_body


def test_secret_key_is_generated_once_and_private(tmp_path):
    instance = tmp_path / "instance"
    first = create_app({"DABBLE_INSTANCE_PATH": str(instance)}).config["SECRET_KEY"]
    second = create_app({"DABBLE_INSTANCE_PATH": str(instance)}).config["SECRET_KEY"]
    assert first == second and len(first) == 64
    assert stat.S_IMODE((instance / "secret_key").stat().st_mode) == 0o600
