"""Every HTTP exchange of a crawl, archived as WARC (warcio) under <data_dir>/warc/.

One gzipped WARC file per run (`<source>-<UTC time>.warc.gz`) with a `request` and a
`response` record per exchange: URL, time, status and headers, body as received (after
transfer decoding).  The body's bytes also go to the store's content-addressed raw area, so a
record's `source.sha256` finds them either way.
"""
from __future__ import annotations

import io
from datetime import datetime, timezone
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

# Headers that describe the wire encoding, not the body we store (requests already decoded it).
_WIRE_HEADERS = {"content-encoding", "transfer-encoding", "content-length"}


class Archive:
    def __init__(self, data_dir: str | Path, source: str):
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
        self.path = Path(data_dir) / "warc" / f"{source}-{stamp}.warc.gz"
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._fh = open(self.path, "ab")
        self._writer = WARCWriter(self._fh, gzip=True)

    def write(self, *, url: str, method: str, request_headers: dict, request_body: bytes | None,
              status: int, reason: str, headers: dict, body: bytes, date: str) -> None:
        warc_headers = {"WARC-Date": date}
        request = self._writer.create_warc_record(
            url, "request", payload=io.BytesIO(request_body or b""),
            http_headers=StatusAndHeaders(f"{method} {url} HTTP/1.1", list(request_headers.items()),
                                          is_http_request=True),
            warc_headers_dict=warc_headers,
        )
        kept = [(k, v) for k, v in headers.items() if k.lower() not in _WIRE_HEADERS]
        kept.append(("Content-Length", str(len(body))))
        response = self._writer.create_warc_record(
            url, "response", payload=io.BytesIO(body),
            http_headers=StatusAndHeaders(f"{status} {reason}", kept, protocol="HTTP/1.1"),
            warc_headers_dict=warc_headers,
        )
        self._writer.write_record(response)
        self._writer.write_record(request)
        self._fh.flush()

    def close(self) -> None:
        self._fh.close()
