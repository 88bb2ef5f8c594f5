"""robots.txt per origin (urllib.robotparser): Disallow rules and Crawl-delay.

RFC 9309 reading: a missing robots.txt (404/410) allows everything; a robots.txt the site
refuses (401/403) or cannot serve (5xx, network error) disallows everything for this run,
so an access control is never read as permission.
"""
from __future__ import annotations

import re
from typing import Callable
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser


class RobotsCache:
    """`fetch(url) -> (status, text)` loads robots.txt; results are kept per origin."""

    def __init__(self, user_agent: str, fetch: Callable[[str], tuple[int, str]]):
        self.user_agent = user_agent
        self._fetch = fetch
        self._parsers: dict[str, RobotFileParser] = {}
        self._delays: dict[str, float | None] = {}

    def parser(self, url: str) -> RobotFileParser:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._parsers:
            self._parsers[origin] = self._load(origin)
        return self._parsers[origin]

    def _load(self, origin: str) -> RobotFileParser:
        robots_url = origin + "/robots.txt"
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
            self._delays[origin] = crawl_delay(text, self.user_agent)
        return parser

    def allowed(self, url: str) -> bool:
        return self.parser(url).can_fetch(self.user_agent, url)

    def crawl_delay(self, url: str) -> float | None:
        parts = urlsplit(url)
        self.parser(url)
        return self._delays.get(f"{parts.scheme}://{parts.netloc}")


def crawl_delay(text: str, user_agent: str) -> float | None:
    """Crawl-delay for our agent's group, else the * group; fractions allowed (robotparser takes integers only)."""
    token = user_agent.split("/")[0].lower()
    delays: dict[str, float] = {}
    agents: list[str] = []
    in_rules = False
    for line in text.splitlines():
        key, _, value = line.split("#")[0].partition(":")
        key, value = key.strip().lower(), value.strip()
        if key == "user-agent":
            agents = [] if in_rules else agents
            agents.append(value.lower())
            in_rules = False
        elif key:
            in_rules = True
            if key == "crawl-delay" and re.fullmatch(r"\d+(\.\d+)?", value):
                delays.update({agent: float(value) for agent in agents})
    mine = [d for agent, d in delays.items() if agent != "*" and agent in token]
    return mine[0] if mine else delays.get("*")
