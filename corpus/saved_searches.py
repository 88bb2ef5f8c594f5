"""Saved searches and alerts: what is new since a search was last viewed, and webhooks after imports.

A saved search keeps the ids a user has seen (`seen_ids`, advanced when they view it) apart from
the ids a webhook has already announced (`notified_ids`, advanced by `notify_saved_searches`),
so an alert never hides a case from the person who has not looked yet.
"""
from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import datetime, timezone
from urllib.parse import quote, urlencode

import requests
from feedgen.feed import FeedGenerator

from casebook.record import Record
from corpus.collections import OWNER, CollectionError, RunSearch
from corpus.store import Store, utc_now

log = logging.getLogger(__name__)
WEBHOOK_TIMEOUT = 10  # seconds


@dataclass
class SavedSearch:
    id: int
    owner: str
    name: str
    query: str
    filters: dict
    webhook_url: str | None
    seen_ids: list[str]
    notified_ids: list[str]
    last_viewed: str | None
    created_at: str


_COLUMNS = "id, owner, name, query, filters, webhook_url, seen_ids, notified_ids, last_viewed, created_at"


def _saved(row: tuple) -> SavedSearch:
    i, owner, name, query, filters, url, seen, notified, viewed, created = row
    return SavedSearch(i, owner, name, query, json.loads(filters), url, json.loads(seen), json.loads(notified),
                       viewed, created)


def save_search(store: Store, name: str, query: str, filters: dict | None = None, webhook_url: str | None = None,
                seen_ids: list[str] | None = None, owner: str = OWNER) -> SavedSearch:
    """Save a search; `seen_ids` are the results the user has already seen (none by default)."""
    name = name.strip()
    if not name:
        raise CollectionError("保存的检索需要一个名称")
    if store.conn.execute("SELECT 1 FROM saved_searches WHERE owner = ? AND name = ?", (owner, name)).fetchone():
        raise CollectionError(f"已有名为“{name}”的保存检索")
    store.conn.execute(
        "INSERT INTO saved_searches (owner, name, query, filters, webhook_url, seen_ids, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (owner, name, query, json.dumps(filters or {}, ensure_ascii=False), webhook_url,
         json.dumps(list(seen_ids or [])), utc_now()),
    )
    return get_saved_search(store, name, owner)


def get_saved_search(store: Store, name: str, owner: str = OWNER) -> SavedSearch:
    row = store.conn.execute(
        f"SELECT {_COLUMNS} FROM saved_searches WHERE owner = ? AND name = ?", (owner, name)
    ).fetchone()
    if row is None:
        raise CollectionError(f"找不到保存的检索“{name}”")
    return _saved(row)


def list_saved_searches(store: Store, owner: str | None = OWNER) -> list[SavedSearch]:
    """The saved searches of one owner, or of every owner when `owner` is None."""
    where, args = ("WHERE owner = ?", (owner,)) if owner is not None else ("", ())
    rows = store.conn.execute(f"SELECT {_COLUMNS} FROM saved_searches {where} ORDER BY id", args)
    return [_saved(row) for row in rows.fetchall()]


def delete_saved_search(store: Store, name: str, owner: str = OWNER) -> None:
    get_saved_search(store, name, owner)
    store.conn.execute("DELETE FROM saved_searches WHERE owner = ? AND name = ?", (owner, name))


def _set_ids(store: Store, saved: SavedSearch, column: str, ids: list[str]) -> None:
    merged = list(dict.fromkeys([*getattr(saved, column), *ids]))
    setattr(saved, column, merged)
    store.conn.execute(f"UPDATE saved_searches SET {column} = ? WHERE id = ?", (json.dumps(merged), saved.id))


def view_new(store: Store, name: str, run: RunSearch, owner: str = OWNER) -> list[str]:
    """The ids matching now that the user has not seen; marks them seen and sets last_viewed."""
    saved = get_saved_search(store, name, owner)
    matching = list(run(saved.query, saved.filters))
    new_ids = [i for i in matching if i not in set(saved.seen_ids)]
    _set_ids(store, saved, "seen_ids", matching)
    store.conn.execute("UPDATE saved_searches SET last_viewed = ? WHERE id = ?", (utc_now(), saved.id))
    return new_ids


def notify_saved_searches(store: Store, run_search: RunSearch) -> dict[str, list[str]]:
    """After an import: POST {saved_search, new_ids} to each webhook whose search has new matches.

    Returns {saved search name: new ids announced}. A webhook that fails is logged and retried
    with the same ids after the next import (its ids are only marked notified on a 2xx answer).
    """
    announced = {}
    for saved in list_saved_searches(store, owner=None):
        if not saved.webhook_url:
            continue
        known = set(saved.notified_ids) | set(saved.seen_ids)
        new_ids = [i for i in run_search(saved.query, saved.filters) if i not in known]
        if new_ids and _post(saved.webhook_url, {"saved_search": saved.name, "new_ids": new_ids}):
            _set_ids(store, saved, "notified_ids", new_ids)
            announced[saved.name] = new_ids
    return announced


def _post(url: str, payload: dict) -> bool:
    try:
        response = requests.post(url, json=payload, timeout=WEBHOOK_TIMEOUT)
    except requests.RequestException as exc:
        log.warning("webhook %s failed: %s", url, exc)
        return False
    if not response.ok:
        log.warning("webhook %s answered %s", url, response.status_code)
    return response.ok


def atom_feed(saved: SavedSearch, records: list[Record], base_url: str) -> str:
    """An Atom feed of a saved search's new or matching records; entries link to /cases/<id>."""
    base = base_url.rstrip("/")
    feed = FeedGenerator()
    feed.id(f"{base}/saved-searches/{saved.id}")
    feed.title(f"保存的检索：{saved.name}")
    feed.link(href=f"{base}/search?{urlencode({'q': saved.query})}", rel="alternate")
    feed.language("zh-CN")
    feed.updated(_timestamp(max((r.source.imported_at or "" for r in records), default="") or utc_now()))
    for record in records:
        entry = feed.add_entry(order="append")
        entry.id(f"{base}/cases/{quote(record.id)}")
        entry.title(record.title or record.case_number or record.id)
        entry.link(href=f"{base}/cases/{quote(record.id)}")
        entry.updated(_timestamp(record.source.imported_at or utc_now()))
        entry.summary(" ".join(filter(None, [record.case_number, (record.court or {}).get("name"), record.date])))
    return feed.atom_str(pretty=True).decode("utf-8")


def _timestamp(value: str) -> datetime:
    stamp = datetime.fromisoformat(value)
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=timezone.utc)
