"""Serve the real app with waitress on 127.0.0.1 (a free port) in a background thread, for HTTP tests."""
from __future__ import annotations

import threading
import time
from contextlib import contextmanager
from typing import Iterator

import requests
from waitress.server import create_server

from web import create_app


def wait_until_up(url: str, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            requests.get(url, timeout=1)
            return
        except requests.ConnectionError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


@contextmanager
def serve(config: dict) -> Iterator[str]:
    """Yield the base URL (http://127.0.0.1:PORT) of the app built from `config`; stop it afterwards."""
    app = create_app(config)
    server = create_server(app, host="127.0.0.1", port=0, threads=4)  # port 0: the OS picks a free one
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.effective_port}"
    try:
        wait_until_up(base + "/static/style.css")
        yield base
    finally:
        server.close()
        server.task_dispatcher.shutdown()
        thread.join(timeout=5)
        app.extensions["casebook"].close()
