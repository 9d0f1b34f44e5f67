"""The designer UI: the Vite build of designer_ui/ served through flask-vite."""

from __future__ import annotations

from pathlib import Path

from flask import Flask, current_app, render_template, send_from_directory
from flask_vite import Vite

SOURCE_UI_PATH = Path(__file__).resolve().parent.parent / "designer_ui"
ENTRY_FILES = ("dabble.js", "dabble.css")
ONE_YEAR = 60 * 60 * 24 * 365
# Client-side routes of the single-page UI: each answers the app shell, and the UI's router draws the page.
PAGE_ROUTES = ("/", "/login", "/designer/<path:page>", "/apps/<path:page>")


def init_app(app: Flask) -> None:
    """Serve the built UI (flask-vite needs an absolute folder: it resolves against the cwd)."""
    configured = app.config.get("DABBLE_UI_PATH") or ""
    app.config["VITE_FOLDER_PATH"] = str(Path(configured).resolve() if configured else SOURCE_UI_PATH)
    Vite(app)
    for rule in PAGE_ROUTES:
        app.add_url_rule(rule, "ui.index", index)
    app.add_url_rule("/chunks/<path:filename>", "ui.chunk", chunk)
    app.add_url_rule("/media/<path:filename>", "ui.media", media)


def ui_built(folder: str) -> bool:
    """Whether the build holds exactly the pinned entry files flask-vite picks up."""
    assets = Path(folder) / "dist" / "assets"
    return all((assets / name).is_file() for name in ENTRY_FILES)


def index(page: str = ""):
    """The app shell, or a page saying how to build the UI."""
    if not ui_built(current_app.config["VITE_FOLDER_PATH"]):
        return render_template("ui_missing.html"), 503
    return render_template("index.html")


def chunk(filename: str):
    """A code-split chunk of the build (hashed names: cached for a year)."""
    return send_from_directory(
        Path(current_app.config["VITE_FOLDER_PATH"]) / "dist" / "chunks", filename, max_age=ONE_YEAR
    )


def media(filename: str):
    """An image or font the build emitted."""
    return send_from_directory(
        Path(current_app.config["VITE_FOLDER_PATH"]) / "dist" / "media", filename, max_age=ONE_YEAR
    )
