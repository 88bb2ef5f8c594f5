"""Wires the steps: importer items → extraction → corpus store → search index."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Iterable, Iterator

from tqdm import tqdm

from casebook.config import index_path
from casebook.record import Record
from corpus.store import Store
from indexer.backends.base import Backend, open_backend
from indexer.document import index_document
from indexer.extract import extract
from scrapers.importers import ImportItem, read_path


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
    """Run the extractor over a record's text (news reports keep their reported facts)."""
    record.apply(extract(record.full_text, record.title))
    if record.date and record.date > date.today().isoformat():
        record.date = None  # a decision date in the future is a misreading, not a fact
    return record


def import_items(store: Store, items: Iterable[ImportItem], summary: ImportSummary) -> Iterator[ImportItem]:
    """Save every good item (one transaction each); collect errors; yield items as they pass."""
    for item in items:
        if item.error or item.record is None:
            summary.errors.append((item.origin, item.error or "没有可导入的内容"))
        else:
            status = store.save(enrich(item.record), item.raw)
            setattr(summary, status, getattr(summary, status) + 1)
            if status != "unchanged":
                summary.changed_ids.append(item.record.id)
        yield item


def import_paths(store: Store, paths: Iterable[str], kind: str | None = None, progress: bool = True) -> ImportSummary:
    summary = ImportSummary()
    items = (item for path in paths for item in read_path(path, kind))
    for _ in tqdm(import_items(store, items, summary), desc="导入", unit="件", disable=not progress):
        pass
    return summary


def open_index(config: dict, backend: str | None = None) -> Backend:
    name = backend or config["search"]["backend"]
    options = dict(config["search"])
    options.update(config["search"].get(name) or {} if name == "elasticsearch" else {})
    return open_backend(name, index_path(config, name), options)


def index_records(backend: Backend, records: Iterable[Record], progress: bool = False, total: int | None = None) -> int:
    count = backend.add(index_document(r) for r in tqdm(records, desc="索引", unit="件", total=total, disable=not progress))
    backend.commit()
    return count


def reindex(store: Store, backend: Backend, progress: bool = True) -> int:
    """Rebuild the whole index from the store, re-running extraction so every record is current."""
    backend.clear()
    return index_records(backend, (refresh(store, r) for r in store.iter_records()), progress, store.count())


def refresh(store: Store, record: Record) -> Record:
    before = record.to_dict()
    enrich(record)
    if record.to_dict() != before:
        store.update_extraction(record)
    return record


def index_changed(store: Store, backend: Backend, ids: list[str]) -> int:
    return index_records(backend, (r for r in (store.get(i) for i in ids) if r is not None))
