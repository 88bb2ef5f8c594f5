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
from indexer.document import index_document, with_analysis
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
    indexed: int = 0

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


def prepare(record: Record) -> tuple[Record, dict]:
    """A record extracted and its index document analysed: the CPU work of an import, done in workers."""
    record = enrich(record)
    return record, with_analysis(index_document(record))


class Extractor:
    """Runs extraction (`enrich` or `prepare`) over batches, in worker processes when there are several cores.

    `submit` returns at once, so the caller can save one batch while the workers extract the next.
    """

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

    def submit(self, function, records: list[Record]):
        """A handle whose .get() returns [function(r) for r in records]."""
        if self.pool is None or len(records) < 16:
            return _Done([function(r) for r in records])
        return self.pool.map_async(function, records, chunksize=16)


class _Done:
    def __init__(self, value):
        self.value = value

    def get(self):
        return self.value


@dataclass
class Batch:
    """One batch of an import in flight: the items to save and the extraction running for them."""

    fresh: list[ImportItem]
    unchanged: int
    job: object


def start_batch(store: Store, items: list[ImportItem], extractor: Extractor, indexing: bool,
                summary: ImportSummary) -> Batch:
    """Sort out errors and unchanged items; start extraction of the rest."""
    good = [i for i in items if i.record is not None and not i.error]
    summary.errors += [(i.origin, i.error or "没有可导入的内容") for i in items if i.error or i.record is None]
    stored = store.content_hashes([i.record.id for i in good])
    fresh = [i for i in good if stored.get(i.record.id) != i.record.content_hash()]
    work = fresh if indexing else [i for i in fresh if not i.defer_extraction]
    job = extractor.submit(prepare if indexing else enrich, [i.record for i in work])
    return Batch(fresh, len(good) - len(fresh), (work, job))


def finish_batch(store: Store, batch: Batch, backend: Backend | None, summary: ImportSummary) -> None:
    """Save the batch in one transaction, then index what changed."""
    work, job = batch.job
    docs = {}
    for item, result in zip(work, job.get()):
        item.record, doc = result if backend is not None else (result, None)
        docs[item.record.id] = doc
    statuses = store.save_many([(i.record, i.raw) for i in batch.fresh])
    summary.unchanged += batch.unchanged
    changed = [i.record.id for i, status in zip(batch.fresh, statuses) if status != "unchanged"]
    for item, status in zip(batch.fresh, statuses):
        setattr(summary, status, getattr(summary, status) + 1)
    summary.changed_ids += changed
    if backend is not None:
        summary.indexed += backend.add(docs[i] for i in changed if docs.get(i) is not None)


def import_paths(store: Store, paths: Iterable[str], kind: str | None = None, progress: bool = True,
                 workers: int | None = None, backend: Backend | None = None) -> ImportSummary:
    """Import every file under `paths`; with a `backend`, index what changed as it goes."""
    summary = ImportSummary()
    items = (item for path in paths for item in read_path(path, kind))
    bar = tqdm(desc="导入", unit="件", disable=not progress)
    with Extractor(workers) as extractor:
        pending = None
        for chunk in batches(items):
            batch = start_batch(store, chunk, extractor, backend is not None, summary)
            if pending is not None:
                finish_batch(store, pending, backend, summary)
            pending = batch
            bar.update(len(chunk))
        if pending is not None:
            finish_batch(store, pending, backend, summary)
    if backend is not None:
        backend.commit()
    bar.close()
    return summary


def open_index(config: dict, backend: str | None = None) -> Backend:
    name = backend or config["search"]["backend"]
    options = dict(config["search"])
    if name == "elasticsearch":
        options.update(config["search"].get("elasticsearch") or {})
    return open_backend(name, index_path(config, name), options)


def prepare_current(record: Record) -> tuple[Record, dict, bool]:
    """(record, analysed index document, whether extraction was redone for an older extractor version)."""
    stale = record.extractor != VERSION
    if stale:
        record = enrich(record)
    return record, with_analysis(index_document(record)), stale


def index_records(store: Store, backend: Backend, records: Iterable[Record], progress: bool = False,
                  total: int | None = None, workers: int | None = None) -> int:
    """Index records, analysing them in worker processes; stale extractions are redone and saved."""
    count, bar = 0, tqdm(desc="索引", unit="件", total=total, disable=not progress)
    with Extractor(workers) as extractor:
        pending = None
        for chunk in batches(records):
            job = extractor.submit(prepare_current, chunk)
            if pending is not None:
                count += index_results(store, backend, pending.get())
            pending = job
            bar.update(len(chunk))
        if pending is not None:
            count += index_results(store, backend, pending.get())
    backend.commit()
    bar.close()
    return count


def index_results(store: Store, backend: Backend, results: list[tuple[Record, dict, bool]]) -> int:
    stale = [record for record, _, redone in results if redone]
    if stale:
        store.update_extraction(stale)
    return backend.add(doc for _, doc, _ in results)


def reindex(store: Store, backend: Backend, progress: bool = True, workers: int | None = None) -> int:
    """Rebuild the whole index from the store; records of an older extractor are re-extracted."""
    backend.clear()
    return index_records(store, backend, store.iter_records(), progress, store.count(), workers)


def index_changed(store: Store, backend: Backend, ids: list[str], workers: int | None = None) -> int:
    records = (r for chunk in batches(ids, 500) for r in store.get_many(chunk))
    return index_records(store, backend, records, workers=workers)
