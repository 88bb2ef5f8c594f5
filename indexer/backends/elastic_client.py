"""The small client-specific part of the cluster backend, and retries with exponential backoff.

`opensearch-py` talks to OpenSearch 2.x, the official `elasticsearch` client to Elasticsearch 8/9
(it refuses other servers by design). Both take the same `body=` calls for every API the backend
uses (search, bulk, mget, count, indices.*), so the backend holds one client object and
everything above this module is shared. Retries of 429/503 and lost connections happen here, not
in the clients (their own retries are off for statuses, so backoff is the same on both).
"""
from __future__ import annotations

import random
import time
from dataclasses import dataclass
from typing import Any, Callable

RETRY_STATUSES = (429, 502, 503, 504)
PRODUCTS = ("opensearch", "elasticsearch")


class ClusterError(RuntimeError):
    """The cluster refused a request for good (after retries), with its reason."""


@dataclass(frozen=True)
class Backoff:
    """Exponential backoff with full jitter: attempt n waits up to min(cap, initial * 2**n)."""

    retries: int = 8
    initial: float = 0.5
    cap: float = 30.0

    def delay(self, attempt: int, retry_after: float | None = None) -> float:
        wait = random.uniform(0, min(self.cap, self.initial * 2**attempt))
        return max(wait, retry_after or 0.0)


def make_client(options: dict):
    """The official client for `options["product"]` with hosts, auth and TLS from the config."""
    product = options.get("product") or "opensearch"
    hosts = options.get("hosts") or ["http://127.0.0.1:9200"]
    hosts = [hosts] if isinstance(hosts, str) else list(hosts)
    auth = (options["username"], options.get("password") or "") if options.get("username") else None
    tls = {"verify_certs": bool(options.get("verify_certs", True))}
    if options.get("ca_certs"):
        tls["ca_certs"] = options["ca_certs"]
    timeout = float(options.get("timeout") or 60)
    if product == "opensearch":
        from opensearchpy import OpenSearch

        return OpenSearch(hosts, http_auth=auth, timeout=timeout, max_retries=3, retry_on_status=(),
                          retry_on_timeout=True, **tls)
    if product == "elasticsearch":
        from elasticsearch import Elasticsearch

        return Elasticsearch(hosts, basic_auth=auth, request_timeout=timeout, max_retries=3, retry_on_status=(),
                             retry_on_timeout=True, **tls)
    raise ValueError(f"未知的集群产品 {product!r}，可选：{', '.join(PRODUCTS)}")


def connection_errors() -> tuple[type[Exception], ...]:
    """Errors meaning no node answered (worth retrying), for whichever client is installed."""
    found: list[type[Exception]] = []
    try:
        import opensearchpy

        found += [opensearchpy.ConnectionError, opensearchpy.ConnectionTimeout]
    except ImportError:
        pass
    try:
        import elastic_transport

        found += [elastic_transport.ConnectionError, elastic_transport.ConnectionTimeout]
    except ImportError:
        pass
    return tuple(found)


def status_of(exc: Exception) -> int | None:
    """HTTP status of a client error (both clients expose `status_code`), None for no response."""
    status = getattr(exc, "status_code", None)
    return status if isinstance(status, int) else None


def retry_after(exc: Exception) -> float | None:
    """Seconds from a Retry-After header, when the client exposes response headers (elasticsearch)."""
    headers = getattr(getattr(exc, "meta", None), "headers", None) or {}
    try:
        return float(headers.get("retry-after") or headers.get("Retry-After"))
    except (TypeError, ValueError):
        return None


def is_retryable(exc: Exception) -> bool:
    return status_of(exc) in RETRY_STATUSES or isinstance(exc, connection_errors())


def with_retries(call: Callable[[], Any], backoff: Backoff, sleep: Callable[[float], None] = time.sleep) -> Any:
    """Run `call`, retrying 429/5xx-unavailable answers and lost connections with backoff."""
    attempt = 0
    while True:
        try:
            return call()
        except Exception as exc:  # noqa: BLE001 - the two clients share no error base class
            if not is_retryable(exc) or attempt >= backoff.retries:
                raise
            sleep(backoff.delay(attempt, retry_after(exc)))
            attempt += 1


def body(response) -> dict:
    """A plain dict from either client's response object."""
    return getattr(response, "body", response)
