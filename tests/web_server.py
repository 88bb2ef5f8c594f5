"""Serve the real app with `casebook serve` in a process of its own on 127.0.0.1, for HTTP tests.

A separate process, as users run it: the test process forks import workers and drives a browser,
and none of that can touch the server's sockets.
"""
from __future__ import annotations

import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import requests
import yaml

from casebook.config import load_config
from casebook.context import SAMPLES_DIR, Context
from casebook.pipeline import import_paths, reindex

FIXTURES = Path(__file__).resolve().parent / "examples" / "web"
SHARED_JUDGMENTS = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "judgments" / "judgments.jsonl"
STARTUP_SECONDS = 60


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url: str, process: subprocess.Popen, log: Path) -> None:
    """Return once `url` answers; fail with the server's output if it exits or never answers."""
    deadline = time.monotonic() + STARTUP_SECONDS
    while True:
        try:
            requests.get(url, timeout=1)
            return
        except requests.ConnectionError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"casebook serve did not start:\n{log.read_text(errors='replace')}") from None
            time.sleep(0.1)


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@contextmanager
def serve(config: dict) -> Iterator[str]:
    """Yield the base URL (http://127.0.0.1:PORT) of `casebook serve` on `config`; stop it afterwards."""
    port = free_port()
    folder = Path(config["data_dir"]).parent
    config_file, log = folder / f"serve-{port}.yaml", folder / f"serve-{port}.log"
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    command = [sys.executable, "-m", "casebook", "--config", str(config_file), "serve",
               "--host", "127.0.0.1", "--port", str(port)]
    with log.open("w") as output:
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base + "/static/style.css", process, log)
        yield base
    finally:
        stop(process)


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
