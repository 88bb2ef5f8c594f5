"""The cluster backend: Elasticsearch 8/9 or OpenSearch 2.x over REST (see docs/scaling.md).

Searches always go to the alias `<index_prefix>`. A rebuild (`clear()` → `add()` → `commit()`,
what `casebook index` does) writes a new physical index `<index_prefix>-<timestamp>` and swaps
the alias atomically at commit, so searches never see a half-built index; a plain `add()`
writes to the alias' current index. The build's index name and the id of the last stored
document are kept in `<path>/build.json`: when `clear()` finds an unfinished build it continues
it, skipping the documents already stored, instead of starting over.
"""
from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from ..query import Node
from .base import STORED_FIELDS, BackendResult, stored_payload
from .elastic_bulk import batches, bulk_delete, bulk_index
from .elastic_client import Backoff, body, make_client, status_of, with_retries
from .elastic_mapping import index_body, live_refresh_interval
from .elastic_query import SORTS, facet_aggs, facet_counts, search_query

MAX_WINDOW = 10_000  # from + size up to the clusters' default index.max_result_window
SCAN_PAGE = 1_000


class ElasticBackend:
    name = "elasticsearch"

    def __init__(self, path: str, options: dict):
        self.path = Path(path)
        self.path.mkdir(parents=True, exist_ok=True)
        self.options = options
        self.alias = options.get("index_prefix") or "casebook"
        self.batch_size = int(options.get("bulk_batch") or 500)
        self.backoff = Backoff(**{key: options[opt] for key, opt in
                                  (("retries", "retry_max_attempts"), ("initial", "retry_initial_s"),
                                   ("cap", "retry_max_s")) if options.get(opt) is not None})
        self.client = make_client(options)
        self.state_path = self.path / "build.json"
        self.build: dict | None = None  # {"alias", "index", "last_id", "stored"} while rebuilding
        self._resume_after: str | None = None

    def _call(self, request):
        return body(with_retries(request, self.backoff))

    # writing ---------------------------------------------------------------

    def clear(self) -> None:
        """Start a rebuild into a new index, or continue the unfinished one `build.json` names."""
        state = self._saved_build()
        if state:
            self.build, self._resume_after = state, state.get("last_id")
            return
        index = self._create_index(building=True)
        self.build, self._resume_after = {"alias": self.alias, "index": index, "last_id": None, "stored": 0}, None
        self._save_build()

    def _create_index(self, building: bool) -> str:
        """A new physical index `<prefix>-<timestamp>`; outside a build it gets the alias at once."""
        index = f"{self.alias}-{time.strftime('%Y%m%d%H%M%S')}{time.time_ns() // 1000 % 1_000_000:06d}"
        request = index_body(self.options, building)
        if not building:
            request["aliases"] = {self.alias: {}}
        self._call(lambda: self.client.indices.create(index=index, body=request))
        return index

    def add(self, docs: Iterable[dict]) -> int:
        """Store documents in batches of `bulk_batch`; returns how many the stream held."""
        target, seen = self._write_index(), 0
        for batch in batches(docs, self.batch_size):
            seen += len(batch)
            todo = self._not_yet_built(batch) if self._resume_after is not None else batch
            if todo:
                bulk_index(self.client, target, todo, self.backoff)
            if self.build:
                self.build["last_id"] = batch[-1]["id"]
                self.build["stored"] += len(todo)
                self._save_build()
        return seen

    def _not_yet_built(self, batch: list[dict]) -> list[dict]:
        """While resuming: the batch minus documents the build already holds."""
        ids = [doc["id"] for doc in batch]
        found = self._call(lambda: self.client.mget(
            index=self.build["index"], body={"docs": [{"_id": i, "_source": False} for i in ids]}))
        stored = {d["_id"] for d in found["docs"] if d.get("found")}
        if self._resume_after in ids:
            self._resume_after = None  # past the checkpoint: the rest of the stream is new
        return [doc for doc in batch if doc["id"] not in stored]

    def delete(self, ids: Iterable[str]) -> None:
        ids = list(ids)
        targets = [self._write_index()] + ([self.alias] if self.build and self._live_indices() else [])
        for index in targets:
            for chunk in batches(({"id": i} for i in ids), self.batch_size):
                bulk_delete(self.client, index, [d["id"] for d in chunk], self.backoff)

    def commit(self) -> None:
        """Finish a rebuild (refresh, live settings, alias swap, old index dropped) or refresh."""
        if not self.build:
            if self._live_indices():
                self._call(lambda: self.client.indices.refresh(index=self.alias))
            return
        index, old = self.build["index"], [i for i in self._live_indices() if i != self.build["index"]]
        settings = {"index": {"refresh_interval": live_refresh_interval(self.options)}}
        self._call(lambda: self.client.indices.put_settings(index=index, body=settings))
        self._call(lambda: self.client.indices.refresh(index=index))
        actions = [{"remove": {"index": i, "alias": self.alias}} for i in old]
        actions.append({"add": {"index": index, "alias": self.alias}})
        self._call(lambda: self.client.indices.update_aliases(body={"actions": actions}))
        for stale in old:
            self._call(lambda: self.client.indices.delete(index=stale))
        self.build, self._resume_after = None, None
        self.state_path.unlink(missing_ok=True)

    def _write_index(self) -> str:
        """The build's index while rebuilding; else the alias, created with its first index if absent."""
        if self.build:
            return self.build["index"]
        if not self._live_indices():
            self._create_index(building=False)
        return self.alias

    def _live_indices(self) -> list[str]:
        return sorted(self._read(lambda: self.client.indices.get_alias(name=self.alias), {}))

    def _read(self, request, missing):
        """The response of a read, or `missing` when the alias does not exist yet."""
        try:
            return self._call(request)
        except Exception as exc:  # noqa: BLE001 - either client's not-found error
            if status_of(exc) == 404:
                return missing
            raise

    def _saved_build(self) -> dict | None:
        """The unfinished build of this alias whose index still exists, if any."""
        try:
            state = json.loads(self.state_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if state.get("alias") != self.alias:
            return None
        exists = self._call(lambda: self.client.indices.exists(index=state["index"]))
        return state if exists else None

    def _save_build(self) -> None:
        tmp = self.state_path.with_suffix(".tmp")
        tmp.write_text(json.dumps(self.build, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, self.state_path)

    # reading ---------------------------------------------------------------

    def count(self) -> int:
        return int(self._read(lambda: self.client.count(index=self.alias), {"count": 0})["count"])

    def search(self, query: Node, filters=None, facets: Sequence[str] = (), sort="relevance", limit=10, offset=0):
        request = {"query": search_query(query, filters), "sort": SORTS.get(sort, SORTS["relevance"]),
                   "track_total_hits": True, "_source": False}
        if facets:
            request["aggs"] = facet_aggs(facets)
        if offset + limit <= MAX_WINDOW:
            found = self._search({**request, "from": offset, "size": limit})
            page = found["hits"]["hits"]
        else:
            found, page = self._deep_page(request, offset, limit)
        hits = [(hit["_id"], float(hit.get("_score") or 0.0)) for hit in page]
        counts = facet_counts(found.get("aggregations", {}), facets) if facets else {}
        return BackendResult(total=found["hits"]["total"]["value"], hits=hits, facets=counts)

    def _search(self, request: dict) -> dict:
        empty = {"hits": {"total": {"value": 0}, "hits": []},
                 "aggregations": {name: {"buckets": []} for name in request.get("aggs", {})}}
        return self._read(lambda: self.client.search(index=self.alias, body=request), empty)

    def _deep_page(self, request: dict, offset: int, limit: int) -> tuple[dict, list[dict]]:
        """Walk to `offset` with search_after (sort ends on the unique id), then read one page."""
        first, after, skipped = None, None, 0
        while True:
            size = min(MAX_WINDOW, offset - skipped) if skipped < offset else limit
            page_request = {**request, "size": size, **({"search_after": after} if after else {})}
            if first is not None:
                page_request.pop("aggs", None)
                page_request["track_total_hits"] = False
            found = self._search(page_request)
            first = first or found
            hits = found["hits"]["hits"]
            if skipped >= offset or not hits:
                return first, hits if skipped >= offset else []
            skipped += len(hits)
            after = hits[-1]["sort"]

    def scan_ids(self, query: Node, filters: dict[str, list[str]] | None = None) -> Iterator[str]:
        """Every matching id, in id order, walked with search_after (no result-window limit)."""
        request = {"query": search_query(query, filters), "sort": [{"id": "asc"}], "_source": False,
                   "size": SCAN_PAGE, "track_total_hits": False}
        while True:
            hits = self._search(request)["hits"]["hits"]
            yield from (hit["_id"] for hit in hits)
            if len(hits) < SCAN_PAGE:
                return
            request["search_after"] = hits[-1]["sort"]

    def stored(self, ids: Sequence[str]) -> dict[str, dict]:
        if not ids:
            return {}
        docs = [{"_id": i, "_source": list(STORED_FIELDS)} for i in ids]
        found = self._read(lambda: self.client.mget(index=self.alias, body={"docs": docs}), {"docs": []})["docs"]
        return {d["_id"]: stored_payload({"id": d["_id"], **d["_source"]}) for d in found if d.get("found")}

    def close(self) -> None:
        """Release connections; an unfinished rebuild stays in build.json for `clear()` to resume."""
        self.client.close()
