"""Serve the real app with waitress on 127.0.0.1 (a free port) in a background thread, for HTTP tests."""
from __future__ import annotations

import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import requests
from waitress.server import create_server

from casebook.config import load_config
from casebook.context import SAMPLES_DIR, Context
from casebook.pipeline import import_paths, reindex
from web import create_app

FIXTURES = Path(__file__).resolve().parent / "examples" / "web"
SHARED_JUDGMENTS = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "judgments" / "judgments.jsonl"


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


def stop(server) -> None:
    """Close every socket from inside the server's own loop thread, so its loop ends cleanly."""
    def close_all() -> None:
        for channel in list(server._map.values()):
            channel.close()

    server.trigger.pull_trigger(close_all)


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
        stop(server)
        thread.join(timeout=5)
        server.task_dispatcher.shutdown()
        app.extensions["casebook"].close()


def corpus_paths() -> list[str]:
    """The shipped samples, the web fixtures, and the real judgments when ../shared is present."""
    paths = sorted(SAMPLES_DIR.glob("*.jsonl")) + sorted(FIXTURES.glob("*.jsonl"))
    paths += [SHARED_JUDGMENTS] if SHARED_JUDGMENTS.is_file() else []
    return [str(p) for p in paths]


def build_data_dir(data_dir: Path) -> dict:
    """Import and index the test corpus into `data_dir` with the real pipeline; return its config."""
    config = load_config(data_dir=str(data_dir))
    context = Context(config)
    try:
        summary = import_paths(context.store, corpus_paths(), progress=False)
        assert not summary.errors, summary.errors
        reindex(context.store, context.backend, progress=False)
    finally:
        context.close()
    return config
