"""A real HTTP server on 127.0.0.1 for crawl tests, with scripted answers and a request log.

`FixtureServer.route(path, *answers)` sets what a path answers, one `Answer` per request in
order (the last one repeats).  An answer can delay (to provoke a client timeout), truncate its
body (Content-Length larger than what is sent), redirect or carry any status and headers.
ETag / If-None-Match is handled for 200 answers.  Every request is logged with its time.
"""
from __future__ import annotations

import hashlib
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Answer:
    body: bytes = b""
    status: int = 200
    headers: dict = field(default_factory=dict)
    delay: float = 0.0  # seconds to wait before answering
    truncate: bool = False  # announce the full length, send half, close


@dataclass
class Logged:
    time: float
    method: str
    path: str
    headers: dict
    body: bytes
    status: int


class FixtureServer:
    def __init__(self):
        self.routes: dict[str, list[Answer]] = {}
        self.log: list[Logged] = []
        self._lock = threading.Lock()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> "FixtureServer":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def route(self, path: str, *answers: Answer) -> None:
        self.routes[path] = list(answers)

    def next_answer(self, path: str) -> Answer:
        with self._lock:
            answers = self.routes.get(path)
            if not answers:
                return Answer(b"not found", 404, {"Content-Type": "text/plain"})
            return answers.pop(0) if len(answers) > 1 else answers[0]

    def requests_for(self, path: str) -> list[Logged]:
        return [entry for entry in self.log if entry.path == path]

    def paths(self) -> list[str]:
        return [entry.path for entry in self.log]


def _handler(server: FixtureServer):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args) -> None:  # keep test output quiet
            pass

        def do_GET(self) -> None:
            self._answer()

        def do_POST(self) -> None:
            self._answer()

        def _answer(self) -> None:
            received = time.monotonic()
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            answer = server.next_answer(self.path)
            status, payload = answer.status, answer.body
            etag = '"%s"' % hashlib.sha256(payload).hexdigest()[:16]
            if status == 200 and self.headers.get("If-None-Match") == etag:
                status, payload = 304, b""
            with server._lock:
                server.log.append(Logged(received, self.command, self.path, dict(self.headers), body, status))
            if answer.delay:
                time.sleep(answer.delay)
            self.send_response(status)
            for name, value in answer.headers.items():
                self.send_header(name, value)
            if answer.status == 200:
                self.send_header("ETag", etag)
            self.send_header("Content-Length", str(len(payload)))
            if answer.truncate:
                self.send_header("Connection", "close")
            self.end_headers()
            try:
                self.wfile.write(payload[: len(payload) // 2] if answer.truncate else payload)
                self.wfile.flush()
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (timeout tests)
            if answer.truncate:
                self.close_connection = True

    return Handler
