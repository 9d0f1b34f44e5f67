"""The designer UI: the Vite build of designer_ui/ served through flask-vite."""

from __future__ import annotations

from pathlib import Path

from flask import Flask, current_app, render_template
from flask_vite import Vite

SOURCE_UI_PATH = Path(__file__).resolve().parent.parent / "designer_ui"
ENTRY_FILES = ("dabble.js", "dabble.css")


def init_app(app: Flask) -> None:
    """Serve the built UI at / (flask-vite needs an absolute folder: it resolves against the cwd)."""
    configured = app.config.get("DABBLE_UI_PATH") or ""
    app.config["VITE_FOLDER_PATH"] = str(Path(configured).resolve() if configured else SOURCE_UI_PATH)
    Vite(app)
    app.add_url_rule("/", "ui.index", index)


def ui_built(folder: str) -> bool:
    """Whether the build holds exactly the pinned entry files flask-vite picks up."""
    assets = Path(folder) / "dist" / "assets"
    return all((assets / name).is_file() for name in ENTRY_FILES)


def index():
    """The app shell, or a page saying how to build the UI."""
    if not ui_built(current_app.config["VITE_FOLDER_PATH"]):
        return render_template("ui_missing.html"), 503
    return render_template("index.html")
