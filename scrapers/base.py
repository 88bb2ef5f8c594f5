"""The source contract and the crawl that runs it.

A source is a module `scrapers/sources/<source_id>.py` with a class `Site(BaseSite)`:
`listing_requests()` gives the first listing pages, `parse_listing(page)` appends items (dicts
whose keys come from `VALID_KEYS`; an unknown key fails the run) and further listing pages,
`parse_document(page, item)` turns one fetched document into a `Record`.  `crawl` does the rest:
fetching through `scrapers.fetch`, skipping what was seen, saving, checkpointing for --resume.
"""
from __future__ import annotations

import json
from collections import deque
from dataclasses import asdict, dataclass, field

from casebook.record import Record

from .fetch import Blocked, Disallowed, FetchError, Page, Request, utc_now

# What parse_listing may say about a document (juriscraper's valid_keys).
VALID_KEYS = frozenset({
    "url",      # document URL (required)
    "id",       # the publisher's own id
    "title",    # title as listed
    "date",     # ISO publication or decision date as listed
    "lastmod",  # ISO change time (sitemaps): a later value makes a seen document new again
    "method",   # "POST" for APIs
    "form",     # form fields for POST
    "body",     # JSON body for POST
    "meta",     # the listing's own labels, kept verbatim
})


class SiteError(ValueError):
    """A page that does not have the structure the source expects."""


class InsanityError(SiteError):
    """A source broke the contract (unknown item key, missing URL)."""


class StopCrawl(Exception):
    """The source cannot go on (no credentials, a wall, an API refusal); the message says what to do."""


@dataclass
class RunReport:
    source: str
    started: str
    finished: str | None = None
    status: str = "running"  # done / stopped / interrupted / failed
    message: str | None = None
    requests: int = 0
    listings: int = 0
    fetched: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0  # listed but already seen, or older than --since
    disallowed: int = 0  # forbidden by robots.txt
    errors: list = field(default_factory=list)  # [{url, error}]

    def to_dict(self) -> dict:
        return asdict(self)


class BaseSite:
    """One source.  Subclasses set `name`, `description` and implement the three parse steps."""

    name = ""
    description = ""
    scope_option = "url"  # the option that tells one crawl of this source from another

    def __init__(self, options: dict | None = None):
        self.options = dict(options or {})
        self.items: list[dict] = []
        self.listings: list[dict] = []

    # the contract ------------------------------------------------------------

    def check_ready(self) -> None:
        """Raise StopCrawl when the source cannot run (e.g. a required token is missing)."""

    def listing_requests(self) -> list[dict]:
        url = self.options.get("url")
        if not url:
            raise StopCrawl(f"来源 {self.name} 需要起始地址（--url 或 config.yaml 中的 scrapers.sources.{self.name}.url）")
        return [{"url": url}]

    def parse_listing(self, page: Page) -> None:
        raise NotImplementedError

    def parse_document(self, page: Page, item: dict) -> Record:
        raise NotImplementedError

    def request_headers(self) -> dict:
        return {}

    # helpers for parse_listing --------------------------------------------

    def add_item(self, **item) -> None:
        unknown = set(item) - VALID_KEYS
        if unknown:
            raise InsanityError(f"{self.name}: parse_listing 使用了未定义的字段 {sorted(unknown)}")
        if not item.get("url"):
            raise InsanityError(f"{self.name}: 条目缺少 url")
        self.items.append({k: v for k, v in item.items() if v not in (None, "", {}, [])})

    def add_listing(self, url: str, paginated: bool = False, **request) -> None:
        """Another listing page; `paginated` pages are followed only while pages bring new items."""
        self.listings.append({"url": url, "paginated": paginated, **request})

    def request_for(self, entry: dict) -> Request:
        return Request.of(entry["url"], entry.get("method", "GET"), entry.get("form"), entry.get("body", ""),
                          self.request_headers())


def finish_record(record: Record) -> Record:
    """Run the pipeline's extraction, as for imported files (fields in `given_fields` are kept)."""
    from casebook.pipeline import enrich

    return enrich(record)


class Crawl:
    """One run of one source against a store, through a fetcher."""

    def __init__(self, site: BaseSite, store, fetcher, since: str | None = None, max_items: int | None = None):
        self.site, self.store, self.fetcher = site, store, fetcher
        self.since, self.max_items = (since or "")[:10] or None, max_items
        self.report = RunReport(source=site.name, started=utc_now())
        self.scope = f"crawl:{site.name}"
        self.checkpoint_key = "checkpoint:" + str(site.options.get(site.scope_option) or "")
        self.listings: deque = deque()
        self.items: deque = deque()
        self.queued: set[str] = set()

    def run(self, resume: bool = False) -> RunReport:
        try:
            self.site.check_ready()
            self._start(resume)
            while (self.items or self.listings) and not self._full():
                self._document(self.items.popleft()) if self.items else self._listing(self.listings.popleft())
                self._save_checkpoint()
            if not self._full():
                self.store.state_set(self.scope, self.checkpoint_key, "")
            self.report.status = "done"
        except StopCrawl as exc:
            self.report.status, self.report.message = "stopped", str(exc)
        except KeyboardInterrupt:
            self.report.status, self.report.message = "interrupted", "已中断；用 --resume 从中断处继续"
            raise
        except Exception as exc:
            self.report.status, self.report.message = "failed", f"{type(exc).__name__}: {exc}"
            raise
        finally:
            self.report.finished = utc_now()
            self.report.requests = self.fetcher.requests
        return self.report

    def _full(self) -> bool:
        return self.max_items is not None and self.report.fetched >= self.max_items

    def _start(self, resume: bool) -> None:
        saved = self.store.state_get(self.scope, self.checkpoint_key) if resume else None
        if saved:
            state = json.loads(saved)
            self.listings.extend(state["listings"])
            self.items.extend(state["items"])
        else:
            self.listings.extend(self.site.listing_requests())

    def _save_checkpoint(self) -> None:
        state = {"listings": list(self.listings), "items": list(self.items), "at": utc_now()}
        self.store.state_set(self.scope, self.checkpoint_key, json.dumps(state, ensure_ascii=False))

    def _listing(self, entry: dict) -> None:
        page = self._fetch(entry, conditional=True)
        if page is None:
            return
        self.report.listings += 1
        self.site.items, self.site.listings = [], []
        self.site.parse_listing(page)
        listed = [item for item in self.site.items if self._key(item) not in self.queued]
        fresh = [item for item in listed if self._is_new(item)]
        self.queued.update(self._key(item) for item in listed)
        self.report.skipped += len(listed) - len(fresh)
        self.items.extend(fresh)
        self.listings.extend(e for e in self.site.listings if fresh or not e.get("paginated"))

    def _document(self, item: dict) -> None:
        page = self._fetch(item, conditional=True)
        if page is None:
            return
        self.report.fetched += 1
        if page.not_modified:
            self.report.unchanged += 1
        else:
            try:
                record = finish_record(self.site.parse_document(page, item))
            except Exception as exc:  # one bad document must not end the crawl
                self.report.errors.append({"url": item["url"], "error": f"{type(exc).__name__}: {exc}"})
                return
            status = self.store.save(record, page.content)
            setattr(self.report, status, getattr(self.report, status) + 1)
        seen = {"lastmod": item.get("lastmod"), "sha256": page.sha256, "at": page.fetched_at}
        self.store.state_set(f"seen:{self.site.name}", self._key(item), json.dumps(seen))

    def _fetch(self, entry: dict, conditional: bool) -> Page | None:
        try:
            return self.fetcher.fetch(self.site.request_for(entry), conditional=conditional)
        except Blocked as exc:
            raise StopCrawl(f"{exc}。已停止抓取，不会绕过网站的访问控制；请在网站上手动下载文书后用 casebook import 导入。") from exc
        except Disallowed:
            self.report.disallowed += 1
            return None
        except FetchError as exc:
            self.report.errors.append({"url": entry["url"], "error": exc.message})
            return None

    def _key(self, item: dict) -> str:
        return self.site.request_for(item).key

    def _is_new(self, item: dict) -> bool:
        stamp = (item.get("lastmod") or item.get("date") or "")[:10]
        if self.since and stamp and stamp < self.since:
            return False
        seen = self.store.state_get(f"seen:{self.site.name}", self._key(item))
        if not seen:
            return True
        before = json.loads(seen).get("lastmod")
        return bool(item.get("lastmod") and (not before or item["lastmod"] > before))
