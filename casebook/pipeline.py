"""Wires the steps: importer items → extraction → corpus store → search index.

Extraction is CPU-bound Python, so large batches run it in a pool of worker processes
(`import.workers`, default: one per core) while this process writes the store and the index.
Each batch is saved in one transaction; a crash loses at most the batch in flight and a re-run
skips what is already there (unchanged content is a no-op).
"""
from __future__ import annotations

import multiprocessing
import os
from dataclasses import dataclass, field
from datetime import date
from itertools import islice
from typing import Iterable, Iterator

from tqdm import tqdm

from casebook.config import index_path
from casebook.record import Record
from corpus.store import Store
from indexer.backends.base import Backend, open_backend
from indexer.document import index_document
from indexer.extract import VERSION, extract
from scrapers.importers import ImportItem, read_path

BATCH = 256


@dataclass
class ImportSummary:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)
    changed_ids: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"new": self.new, "updated": self.updated, "unchanged": self.unchanged,
                "failed": len(self.errors), "errors": [{"origin": o, "error": e} for o, e in self.errors]}


def enrich(record: Record) -> Record:
    """Run the extractor over a record's text, keeping the fields the input supplied itself."""
    record.apply(extract(record.full_text, record.title))
    if record.date and record.date > date.today().isoformat():
        record.date = None  # a decision date in the future is a misreading, not a fact
    record.extractor = VERSION
    return record


def batches(items: Iterable, size: int = BATCH) -> Iterator[list]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


class Extractor:
    """Runs `enrich` over batches, in worker processes when there is more than one core."""

    def __init__(self, workers: int | None = None):
        self.workers = workers if workers is not None else (os.cpu_count() or 1)
        self.pool = None

    def __enter__(self) -> "Extractor":
        if self.workers > 1:
            self.pool = multiprocessing.get_context("fork").Pool(self.workers)
        return self

    def __exit__(self, *exc) -> None:
        if self.pool is not None:
            self.pool.terminate()

    def run(self, records: list[Record]) -> list[Record]:
        if self.pool is None or len(records) < 16:
            return [enrich(r) for r in records]
        return self.pool.map(enrich, records, chunksize=16)


def save_batch(store: Store, items: list[ImportItem], extractor: Extractor, summary: ImportSummary) -> None:
    good = [i for i in items if i.record is not None and not i.error]
    for item in items:
        if item.error or item.record is None:
            summary.errors.append((item.origin, item.error or "没有可导入的内容"))
    stored = store.content_hashes([i.record.id for i in good])
    fresh = [i for i in good if stored.get(i.record.id) != i.record.content_hash()]
    to_extract = [i for i in fresh if not i.defer_extraction]
    for item, record in zip(to_extract, extractor.run([i.record for i in to_extract])):
        item.record = record
    statuses = store.save_many([(i.record, i.raw) for i in fresh])
    summary.unchanged += len(good) - len(fresh)
    for item, status in zip(fresh, statuses):
        setattr(summary, status, getattr(summary, status) + 1)
        if status != "unchanged":
            summary.changed_ids.append(item.record.id)


def import_paths(store: Store, paths: Iterable[str], kind: str | None = None, progress: bool = True,
                 workers: int | None = None) -> ImportSummary:
    summary = ImportSummary()
    items = (item for path in paths for item in read_path(path, kind))
    bar = tqdm(desc="导入", unit="件", disable=not progress)
    with Extractor(workers) as extractor:
        for chunk in batches(items):
            save_batch(store, chunk, extractor, summary)
            bar.update(len(chunk))
    bar.close()
    return summary


def open_index(config: dict, backend: str | None = None) -> Backend:
    name = backend or config["search"]["backend"]
    options = dict(config["search"])
    if name == "elasticsearch":
        options.update(config["search"].get("elasticsearch") or {})
    return open_backend(name, index_path(config, name), options)


def current(store: Store, records: Iterable[Record], extractor: Extractor) -> Iterator[Record]:
    """Records with extraction by this extractor version (redone and written back where stale)."""
    for chunk in batches(records):
        stale = extractor.run([r for r in chunk if r.extractor != VERSION])
        if stale:
            store.update_extraction(stale)
        fresh = {r.id: r for r in stale}
        yield from (fresh.get(r.id, r) for r in chunk)


def index_records(store: Store, backend: Backend, records: Iterable[Record], progress: bool = False,
                  total: int | None = None, workers: int | None = None) -> int:
    with Extractor(workers) as extractor:
        docs = (index_document(r) for r in current(store, records, extractor))
        count = backend.add(tqdm(docs, desc="索引", unit="件", total=total, disable=not progress))
    backend.commit()
    return count


def reindex(store: Store, backend: Backend, progress: bool = True, workers: int | None = None) -> int:
    """Rebuild the whole index from the store; records of an older extractor are re-extracted."""
    backend.clear()
    return index_records(store, backend, store.iter_records(), progress, store.count(), workers)


def index_changed(store: Store, backend: Backend, ids: list[str], workers: int | None = None) -> int:
    records = (r for chunk in batches(ids, 500) for r in store.get_many(chunk))
    return index_records(store, backend, records, workers=workers)
