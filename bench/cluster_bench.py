"""Cluster benchmark: the Elasticsearch/OpenSearch backend beside tantivy on the same documents.

    python bench/cluster_bench.py --size 100000 --queries 200

Builds the corpus of bench/search_bench.py (real judgment sentences recombined, deterministic),
runs extraction once (2 processes) into flat index documents, then for each backend times
`clear() + add() + commit()` (import throughput of the index step alone: extraction and the
corpus store are the same for both) and the search service on four query kinds: term (2-4 words),
phrase, filtered, and faceted (term words + every facet field). The cluster is one OpenSearch
2.19 node started from tests/cluster (heap -Xmx512m, 1 shard, 0 replicas). Reports median, p95
and p99 latency, index size (tantivy: files; cluster: primary store size) and memory (tantivy:
peak RSS of this process; cluster: the node's RSS). Writes bench/out/cluster_bench.json.
"""
from __future__ import annotations

import argparse
import json
import multiprocessing
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from search_bench import build_corpus, make_queries, percentile  # noqa: E402

OUT = REPO / "bench" / "out"
KINDS = ("term", "phrase", "filtered", "faceted")


def flat_document(record):
    from casebook.pipeline import enrich
    from indexer.document import index_document

    return index_document(enrich(record))


def flat_documents(corpus: Path, target: Path) -> int:
    """Extraction once, in 2 processes, into a JSONL of flat index documents."""
    from scrapers.importers import read_path

    records = (item.record for item in read_path(str(corpus)) if item.record is not None)
    count = 0
    with multiprocessing.Pool(2) as pool, target.open("w", encoding="utf-8") as out:
        for doc in pool.imap(flat_document, records, chunksize=50):
            out.write(json.dumps(doc, ensure_ascii=False) + "\n")
            count += 1
    return count


def read_docs(path: Path):
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            yield json.loads(line)


def query_set(shared: Path, count: int) -> list[tuple[str, str, dict]]:
    """(kind, query, filters): search_bench's mix, its word queries also run with every facet."""
    out = []
    for n, (query, filters) in enumerate(make_queries(shared, count)):
        kind = ("term", "phrase", "filtered")[n % 3]
        out.append((kind, query, filters))
        if kind == "term":
            out.append(("faceted", query, filters))
    return out


def measure(backend, docs_path: Path, docs: int, queries: list) -> dict:
    from indexer.fields import FACET_FIELDS
    from indexer.search import search

    start = time.perf_counter()
    backend.clear()
    backend.add(read_docs(docs_path))
    backend.commit()
    elapsed = time.perf_counter() - start
    row = {"backend": backend.name, "docs": backend.count(), "index_docs_per_s": round(docs / elapsed, 1)}
    for kind in KINDS:
        latencies = []
        for _, query, filters in (q for q in queries if q[0] == kind):
            t = time.perf_counter()
            search(backend, query, filters, limit=10, facets=FACET_FIELDS if kind == "faceted" else ())
            latencies.append((time.perf_counter() - t) * 1000)
        row[f"{kind}_ms"] = [round(statistics.median(latencies), 1), round(percentile(latencies, 95), 1),
                             round(percentile(latencies, 99), 1)]
    return row


def run_tantivy(docs_path: Path, docs: int, queries: list, workdir: Path) -> dict:
    from indexer.backends.base import open_backend

    backend = open_backend("tantivy", str(workdir / "tantivy"), {"writer_heap_mb": 128, "writer_threads": 1})
    row = measure(backend, docs_path, docs, queries)
    backend.close()
    row["index_mb"] = round(sum(f.stat().st_size for f in (workdir / "tantivy").rglob("*") if f.is_file()) / 1e6, 1)
    row["rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return row


def run_cluster(docs_path: Path, docs: int, queries: list, workdir: Path, url: str | None, batch: int) -> dict:
    import requests

    from indexer.backends.base import open_backend
    from tests.cluster_node import free_ports, start_node, stop_node, wait_for_health

    handle = None
    if url is None:
        http_port, transport_port = free_ports(2)
        handle = start_node(http_port, transport_port, workdir / "node", "casebook-bench")
        wait_for_health(handle.url, "green", handles=(handle,))
        url = handle.url
    try:
        options = {"hosts": [url], "product": "opensearch", "index_prefix": "bench", "bulk_batch": batch}
        backend = open_backend("elasticsearch", str(workdir / "es"), options)
        row = measure(backend, docs_path, docs, queries)
        requests.post(f"{url}/bench/_forcemerge", params={"max_num_segments": 1}, timeout=3600)
        stats = requests.get(f"{url}/bench/_stats/store", timeout=60).json()["_all"]["primaries"]
        row["index_mb"] = round(stats["store"]["size_in_bytes"] / 1e6, 1)
        if handle is not None:
            status = Path(f"/proc/{handle.process.pid}/status").read_text()
            row["rss_mb"] = round(int(next(l.split()[1] for l in status.splitlines() if l.startswith("VmRSS"))) / 1024, 1)
        backend.close()
        return row
    finally:
        if handle is not None:
            stop_node(handle)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--bulk-batch", type=int, default=500)
    parser.add_argument("--url", help="an existing cluster instead of a fresh test node (no RSS then)")
    parser.add_argument("--backends", nargs="+", default=["tantivy", "elasticsearch"])
    args = parser.parse_args()
    queries = query_set(args.shared, args.queries)
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        build_corpus(args.shared, args.size, workdir / "corpus.jsonl")
        t = time.perf_counter()
        docs = flat_documents(workdir / "corpus.jsonl", workdir / "docs.jsonl")
        print(json.dumps({"extraction_docs_per_s_2_processes": round(docs / (time.perf_counter() - t), 1)}), flush=True)
        for name in args.backends:
            if name == "tantivy":
                row = run_tantivy(workdir / "docs.jsonl", docs, queries, workdir)
            else:
                row = run_cluster(workdir / "docs.jsonl", docs, queries, workdir, args.url, args.bulk_batch)
            results.append(row)
            print(json.dumps(row, ensure_ascii=False), flush=True)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / f"cluster_bench_{args.size}.json").write_text(json.dumps(results, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
