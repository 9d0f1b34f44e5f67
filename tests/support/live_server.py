"""A Flask app served over real HTTP on a free local port, in a thread (werkzeug's threaded server)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from flask import Flask
from werkzeug.serving import make_server

from runtime.events.api import EVENTS_KEY


@contextmanager
def serving(app: Flask) -> Iterator[str]:
    """Serve `app` until the block ends; yields its base URL (http://127.0.0.1:<port>).

    At the end, the app's event streams are ended first: the server waits for every request it serves.
    """
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="test-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        app.extensions[EVENTS_KEY].close()
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()
