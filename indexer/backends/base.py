"""The backend contract: what every search backend (tantivy, Whoosh, Elasticsearch) provides.

Backends receive flat documents from `indexer.document.index_document` and query ASTs from
`indexer.query`; analysis is done in Python (`indexer.analysis`) for the embedded backends and
mirrored by the cluster's analyzer, so every backend returns the same hits and facet counts
(tests/test_backend_conformance.py).  Nothing outside this package names a backend.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Iterable, Protocol, Sequence

from ..query import Node

SORTS = ("relevance", "date_desc", "date_asc", "amount_desc")
# Display fields kept with each document so a hit list needs no second lookup.
STORED_FIELDS = ("id", "title", "case_number", "court", "court_code", "court_level", "province", "guiding", "date",
                 "kind", "sample", "related_cases", "text")


@dataclass
class BackendResult:
    total: int
    hits: list[tuple[str, float]] = field(default_factory=list)  # (id, score), best first
    facets: dict[str, dict[str, int]] = field(default_factory=dict)


class Backend(Protocol):
    name: str

    def add(self, docs: Iterable[dict]) -> int:
        """Add or replace documents (by `id`); returns how many were written."""

    def delete(self, ids: Iterable[str]) -> None:
        """Remove documents by id."""

    def commit(self) -> None:
        """Make writes visible to searches."""

    def clear(self) -> None:
        """Remove every document."""

    def count(self) -> int:
        """Number of searchable documents."""

    def search(
        self,
        query: Node,
        filters: dict[str, list[str]] | None = None,
        facets: Sequence[str] = (),
        sort: str = "relevance",
        limit: int = 10,
        offset: int = 0,
    ) -> BackendResult:
        """Exact total, one page of hits and exact facet counts over all matches."""

    def stored(self, ids: Sequence[str]) -> dict[str, dict]:
        """The stored display fields (STORED_FIELDS) of the given documents."""

    def close(self) -> None:
        """Release files and connections."""


REGISTRY = {
    "tantivy": "indexer.backends.tantivy_backend:TantivyBackend",
    "whoosh": "indexer.backends.whoosh_backend:WhooshBackend",
    "elasticsearch": "indexer.backends.elastic_backend:ElasticBackend",
}


def open_backend(name: str, path: str, options: dict | None = None) -> Backend:
    """Open the backend registered as `name` with its index at `path` (or its cluster options)."""
    if name not in REGISTRY:
        raise ValueError(f"未知的检索后端 {name!r}，可选：{', '.join(REGISTRY)}")
    module, cls = REGISTRY[name].split(":")
    return getattr(importlib.import_module(module), cls)(path, options or {})


def stored_payload(doc: dict) -> dict:
    """The display fields of an index document."""
    return {
        "id": doc["id"],
        "title": doc.get("title", ""),
        "case_number": (doc.get("case_number") or [None])[0],
        "court": (doc.get("court") or [None])[0],
        "court_code": doc.get("court_code"),
        "court_level": (doc.get("court_level") or [None])[0],
        "province": (doc.get("province") or [None])[0],
        "guiding": bool(doc.get("guiding")),
        "date": doc.get("date"),
        "kind": (doc.get("kind") or ["judgment"])[0],
        "sample": bool(doc.get("sample")),
        "related_cases": list(doc.get("related_cases") or []),
        "text": doc.get("text", ""),
    }
