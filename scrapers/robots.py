"""robots.txt per origin (urllib.robotparser): Disallow rules and Crawl-delay.

RFC 9309 reading: a missing robots.txt (404/410) allows everything; a robots.txt the site
refuses (401/403) or cannot serve (5xx, network error) disallows everything for this run,
so an access control is never read as permission.
"""
from __future__ import annotations

from typing import Callable
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser


class RobotsCache:
    """`fetch(url) -> (status, text)` loads robots.txt; results are kept per origin."""

    def __init__(self, user_agent: str, fetch: Callable[[str], tuple[int, str]]):
        self.user_agent = user_agent
        self._fetch = fetch
        self._parsers: dict[str, RobotFileParser] = {}

    def parser(self, url: str) -> RobotFileParser:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._parsers:
            self._parsers[origin] = self._load(origin + "/robots.txt")
        return self._parsers[origin]

    def _load(self, robots_url: str) -> RobotFileParser:
        parser = RobotFileParser(robots_url)
        try:
            status, text = self._fetch(robots_url)
        except OSError:
            status, text = 503, ""
        if status in (404, 410):
            parser.allow_all = True
        elif status >= 400 or status < 200:
            parser.disallow_all = True
        else:
            parser.parse(text.splitlines())
        return parser

    def allowed(self, url: str) -> bool:
        return self.parser(url).can_fetch(self.user_agent, url)

    def crawl_delay(self, url: str) -> float | None:
        delay = self.parser(url).crawl_delay(self.user_agent)
        return float(delay) if delay is not None else None
