"""The registry of web sources: one module per source, `scrapers/sources/<source_id>.py`.

A module whose name does not start with "_" and that defines `Site` is a source; its name is
the module name with "_" → "-" (court_news → court-news).  `run_source` and `list_sources` are
what the CLI calls (`casebook scrape`, `casebook sources`).
"""
from __future__ import annotations

import importlib
import json
import pkgutil

from scrapers.archive import Archive
from scrapers.base import BaseSite, Crawl, RunReport, StopCrawl
from scrapers.fetch import Fetcher, FetchConfig, utc_now

RUNS_SCOPE = "runs"  # state scope: source name → JSON list of the last run reports
HISTORY = 20


def source_names() -> list[str]:
    modules = (m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_"))
    return sorted(name.replace("_", "-") for name in modules
                  if hasattr(importlib.import_module(f"{__name__}.{name}"), "Site"))


def load_site(name: str, options: dict | None = None) -> BaseSite:
    if name not in source_names():
        raise KeyError(f"未知的来源 {name!r}；可用来源: {', '.join(source_names())}")
    site = importlib.import_module(f"{__name__}.{name.replace('-', '_')}").Site(options)
    site.name = name
    return site


def scraper_config(config: dict | None) -> dict:
    """The `scrapers:` section of the parsed config.yaml (empty when absent)."""
    return dict((config or {}).get("scrapers") or {})


def run_source(name: str, store, config: dict | None = None, *, url: str | None = None,
               since: str | None = None, max_items: int | None = None, resume: bool = False,
               session=None) -> RunReport:
    """Crawl one source into `store`; the report is also kept in the store's run history."""
    scrapers = scraper_config(config)
    options = dict((scrapers.get("sources") or {}).get(name) or {})
    if url:
        options["url"] = url
    if since:
        options["since"] = since
    site = load_site(name, options)
    archive = Archive(store.data_dir, name)
    fetcher = Fetcher(store, FetchConfig.from_config(scrapers, name), archive, session)
    crawl = Crawl(site, store, fetcher, since=since, max_items=max_items)
    try:
        return crawl.run(resume=resume)
    finally:
        archive.close()
        record_run(store, crawl.report)


def record_run(store, report: RunReport) -> None:
    if report.status == "running":
        report.status, report.finished = "interrupted", utc_now()
    runs = run_history(store, report.source)
    runs.append(report.to_dict())
    store.state_set(RUNS_SCOPE, report.source, json.dumps(runs[-HISTORY:], ensure_ascii=False))


def run_history(store, name: str) -> list[dict]:
    value = store.state_get(RUNS_SCOPE, name)
    return json.loads(value) if value else []


def list_sources(store=None) -> list[dict]:
    """Every registered source with its last run and totals over the kept history."""
    out = []
    for name in source_names():
        runs = run_history(store, name) if store is not None else []
        totals = {k: sum(r.get(k, 0) for r in runs) for k in ("fetched", "new", "updated", "unchanged")}
        totals["errors"] = sum(len(r.get("errors", [])) for r in runs)
        out.append({"name": name, "description": load_site(name).description,
                    "last_run": runs[-1] if runs else None, "runs": len(runs), "totals": totals})
    return out


__all__ = ["RunReport", "StopCrawl", "list_sources", "load_site", "run_history", "run_source", "source_names"]
