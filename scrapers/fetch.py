"""Polite HTTP for every source: robots.txt, a per-host rate limit, retries, conditional requests.

Parsers never touch the network: they receive `Page`s from `Fetcher.fetch`.  Each exchange is
archived (WARC + the store's raw area).  A challenge, CAPTCHA or login page raises `Blocked`,
which stops the run; nothing here tries to get past it.
"""
from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass, field, fields
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from urllib.parse import urlencode, urljoin, urlsplit

import requests

from .archive import Archive
from .robots import RobotsCache

HTTP_STATE = "http"  # state scope: request key → {etag, last_modified, sha256}
RETRY_STATUSES = {429, 500, 502, 503, 504}
_LOGIN_PATH = re.compile(r"/(login|signin|sign-in|passport|sso|captcha|verify|validatecode|checkvisitcode)",
                         re.I)
_CHALLENGE_MARKERS = ("验证码", "captcha", "请登录", "用户登录", "安全验证", "滑动验证", "人机验证",
                      "just a moment", "cf-chl", "challenge-platform", "mmewmd", "80t=")
_PASSWORD_INPUT = re.compile(r"<input[^>]+type\s*=\s*[\"']?password", re.I)


class FetchError(Exception):
    def __init__(self, url: str, message: str):
        super().__init__(f"{message}: {url}")
        self.url = url
        self.message = message


class Disallowed(FetchError):
    """robots.txt forbids the URL."""


class Blocked(FetchError):
    """The site answered with a challenge, CAPTCHA, login page or refusal: stop the run."""


@dataclass
class FetchConfig:
    """The politeness keys of `scrapers:` in config.yaml (overridable per source)."""

    user_agent: str = "Casebook/0.1"
    contact: str | None = None
    rate_limit_per_host: float = 1.0  # requests per second per host (robots Crawl-delay may lower it)
    timeout: float = 20.0
    max_retries: int = 4
    backoff: float = 1.0  # seconds before the first retry, doubled each time
    max_retry_after: float = 600.0  # a longer Retry-After fails the request instead of waiting

    @classmethod
    def from_config(cls, scrapers: dict, source: str | None = None) -> "FetchConfig":
        values = dict(scrapers or {})
        values.update(((scrapers or {}).get("sources") or {}).get(source) or {})
        return cls(**{f.name: values[f.name] for f in fields(cls) if values.get(f.name) is not None})

    @property
    def agent(self) -> str:
        if self.contact and self.contact not in self.user_agent:
            return f"{self.user_agent} (+{self.contact})"
        return self.user_agent


@dataclass(frozen=True)
class Request:
    url: str
    method: str = "GET"
    data: tuple = ()  # form fields as sorted (name, value) pairs, for POST
    headers: tuple = ()
    body: str = ""  # a JSON body, for POST APIs that take one

    @classmethod
    def of(cls, url: str, method: str = "GET", form: dict | None = None, body: str = "",
           headers: dict | None = None) -> "Request":
        return cls(url, method, tuple(sorted((form or {}).items())), tuple((headers or {}).items()), body)

    @property
    def key(self) -> str:
        if not self.data and not self.body:
            return self.url
        return f"{self.method} {self.url}?{urlencode(self.data)}{self.body}"


@dataclass
class Page:
    url: str
    status: int
    headers: dict
    content: bytes
    fetched_at: str
    sha256: str | None = None
    not_modified: bool = False
    request: Request | None = field(default=None, repr=False)

    @property
    def content_type(self) -> str:
        return next((v for k, v in self.headers.items() if k.lower() == "content-type"), "")


def utc_now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def retry_after_seconds(value: str | None) -> float | None:
    """Retry-After as seconds: either a number or an HTTP date."""
    if not value:
        return None
    if value.strip().isdigit():
        return float(value)
    try:
        return max(0.0, (parsedate_to_datetime(value) - datetime.now(timezone.utc)).total_seconds())
    except (TypeError, ValueError):
        return None


def challenge_reason(status: int, url: str, content_type: str, body: bytes) -> str | None:
    """Why this response is a wall (login, CAPTCHA, JS challenge, refusal), or None."""
    if status in (401, 407):
        return f"网站要求登录（HTTP {status}）"
    if _LOGIN_PATH.search(urlsplit(url).path):
        return "网站把请求转到了登录或验证页面"
    head = body[:20000].decode("utf-8", errors="ignore").lower()
    walled = _PASSWORD_INPUT.search(head) or any(m in head for m in _CHALLENGE_MARKERS)
    if status == 403:
        return "网站拒绝访问（HTTP 403）" + ("，并要求验证" if walled else "")
    if walled and "html" in (content_type.lower() or "html") and len(re.sub(r"<[^>]+>|\s", "", head)) < 3000:
        return "网站返回了验证码、人机验证或登录页面"
    return None


class Fetcher:
    """One crawl's HTTP client: `fetch(Request) -> Page`; counts requests in `self.requests`."""

    def __init__(self, store, config: FetchConfig, archive: Archive | None = None,
                 session: requests.Session | None = None):
        self.store = store
        self.config = config
        self.archive = archive
        self.session = session or requests.Session()
        self.session.headers["User-Agent"] = config.agent
        self.robots = RobotsCache(config.agent, self._fetch_robots)
        self.requests = 0
        self._last: dict[str, float] = {}

    # politeness -------------------------------------------------------------

    def _throttle(self, url: str, interval: float) -> None:
        host = urlsplit(url).netloc
        wait = self._last.get(host, -1e9) + interval - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        self._last[host] = time.monotonic()

    def interval(self, url: str) -> float:
        base = 1.0 / self.config.rate_limit_per_host if self.config.rate_limit_per_host > 0 else 0.0
        return max(base, self.robots.crawl_delay(url) or 0.0)

    def _fetch_robots(self, robots_url: str) -> tuple[int, str]:
        url = robots_url
        for _ in range(5):
            self._throttle(url, 1.0 / max(self.config.rate_limit_per_host, 1e-9))
            response = self._send(Request(url))
            if not response.is_redirect:
                break
            url = urljoin(url, response.headers["Location"])
        return response.status_code, response.text

    def _send(self, request: Request) -> requests.Response:
        self.requests += 1
        response = self.session.request(
            request.method, request.url, data=request.body.encode() or dict(request.data) or None,
            headers=dict(request.headers) | ({"Content-Type": "application/json"} if request.body else {}),
            timeout=self.config.timeout, allow_redirects=False,
        )
        self._archive(request, response)
        return response

    def _archive(self, request: Request, response: requests.Response) -> None:
        if self.archive is None:
            return
        self.archive.write(
            url=request.url, method=request.method, request_headers=dict(response.request.headers),
            request_body=response.request.body if isinstance(response.request.body, bytes)
            else (response.request.body or "").encode(),
            status=response.status_code, reason=response.reason or "", headers=dict(response.headers),
            body=response.content, date=utc_now().replace("+00:00", "Z"),
        )

    # the request loop -------------------------------------------------------

    def fetch(self, request: Request, conditional: bool = False) -> Page:
        """GET/POST with robots, rate limit, redirects (each hop checked), retries and validators."""
        validators = self._validators(request) if conditional else {}
        extra = {"If-None-Match": validators.get("etag"), "If-Modified-Since": validators.get("last_modified")}
        headers = dict(request.headers) | {k: v for k, v in extra.items() if v}
        current = Request(request.url, request.method, request.data, tuple(headers.items()), request.body)
        attempt, hops = 0, 0
        while True:
            if not self.robots.allowed(current.url):
                raise Disallowed(current.url, "robots.txt 不允许抓取此地址")
            self._throttle(current.url, self.interval(current.url))
            try:
                response = self._send(current)
            except (requests.Timeout, requests.ConnectionError, requests.exceptions.ChunkedEncodingError) as exc:
                reason = "请求超时" if isinstance(exc, requests.Timeout) else "连接中断或响应不完整"
                attempt = self._backoff(current.url, attempt, None, reason)
                continue
            if response.is_redirect and hops < 10:
                hops += 1
                method = "GET" if response.status_code == 303 else current.method
                target = urljoin(current.url, response.headers["Location"])
                keep = method == "POST"
                current = Request(target, method, current.data if keep else (), current.headers,
                                  current.body if keep else "")
                continue
            if response.status_code in RETRY_STATUSES:
                wait = retry_after_seconds(response.headers.get("Retry-After"))
                attempt = self._backoff(current.url, attempt, wait, f"HTTP {response.status_code}")
                continue
            return self._page(request, current.url, response, validators)

    def _backoff(self, url: str, attempt: int, wait: float | None, reason: str) -> int:
        if attempt >= self.config.max_retries:
            raise FetchError(url, f"{reason}，重试 {attempt} 次后放弃")
        wait = self.config.backoff * (2 ** attempt) if wait is None else wait
        if wait > self.config.max_retry_after:
            raise FetchError(url, f"{reason}，网站要求等待 {wait:.0f} 秒，超过上限")
        time.sleep(wait)
        return attempt + 1

    def _page(self, request: Request, final_url: str, response: requests.Response, validators: dict) -> Page:
        status, headers, body = response.status_code, dict(response.headers), response.content
        if status == 304 and validators:
            raw = self.store.get_raw(validators["sha256"])
            return Page(final_url, 304, headers, raw or b"", utc_now(), validators["sha256"], True, request)
        reason = challenge_reason(status, final_url, headers.get("Content-Type", ""), body)
        if reason:
            raise Blocked(final_url, reason)
        if status >= 400 or status < 200:
            raise FetchError(final_url, f"HTTP {status}")
        sha = self.store.put_raw(body)
        etag, modified = headers.get("ETag"), headers.get("Last-Modified")
        if etag or modified:
            value = {"etag": etag, "last_modified": modified, "sha256": sha}
            self.store.state_set(HTTP_STATE, request.key, json.dumps(value))
        return Page(final_url, status, headers, body, utc_now(), sha, False, request)

    def _validators(self, request: Request) -> dict:
        value = self.store.state_get(HTTP_STATE, request.key)
        found = json.loads(value) if value else {}
        return found if found and self.store.get_raw(found["sha256"]) is not None else {}
