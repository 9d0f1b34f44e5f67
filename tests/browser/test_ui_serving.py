"""Flask serves the single-page UI: the shell on every page route, code-split chunks, JSON 404s under /api/."""

from __future__ import annotations

from pathlib import Path

import pytest

from runtime.ui import ui_built


@pytest.fixture
def client(sqlite_app):
    if not ui_built(sqlite_app.config["VITE_FOLDER_PATH"]):
        pytest.fail("the UI is not built: make test builds it first (npm run build)")
    return sqlite_app.test_client()


@pytest.mark.parametrize("path", ["/", "/login", "/designer/deals", "/designer/deals/flows/approval", "/apps/deals/x"])
def test_every_page_route_answers_the_app_shell(client, path):
    with client.get(path) as response:
        assert response.status_code == 200
        assert '<script type="module" src="/_vite/dabble.js">' in response.get_data(as_text=True)


def test_code_split_chunks_are_served_and_never_import_the_entry_a_second_time(client, sqlite_app):
    chunks = sorted((Path(sqlite_app.config["VITE_FOLDER_PATH"]) / "dist" / "chunks").glob("*.js"))
    assert chunks, "the build has no code-split chunk"
    for chunk in chunks:
        with client.get(f"/chunks/{chunk.name}") as response:
            assert response.status_code == 200
            assert "javascript" in response.content_type
            assert "assets/dabble.js" not in response.get_data(as_text=True), f"{chunk.name} imports the entry"


def test_unknown_api_routes_stay_json_errors(client):
    with client.get("/api/no-such-thing") as response:
        assert response.status_code in (401, 404)
        assert "error" in response.get_json()
