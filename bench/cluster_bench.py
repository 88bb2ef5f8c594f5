"""Cluster benchmark: the Elasticsearch/OpenSearch backend beside tantivy on the same documents.

    python bench/cluster_bench.py --size 100000 --queries 200
    python bench/cluster_bench.py --size 1000000 --copies 10 --queries 300 --heap 2g --no-force-merge

Builds the corpus of bench/search_bench.py (real judgment sentences recombined, deterministic),
runs extraction once (2 processes) into flat index documents, then for each backend times
`clear() + add() + commit()` (import throughput of the index step alone: extraction and the
corpus store are the same for both) and the search service on four query kinds: term (2-4 words),
phrase, filtered, and faceted (term words + every facet field). The cluster is one OpenSearch
2.19 node started from tests/cluster (heap -Xmx512m, 1 shard, 0 replicas). Reports median, p95
and p99 latency, similar-case latency (LeCaRD query facts cut to 500 characters, features built
once from the extraction), index size (tantivy: files; cluster: primary store size) and memory (tantivy:
peak RSS of this process; cluster: the node's RSS). Writes bench/out/cluster_bench.json.
"""
from __future__ import annotations

import argparse
import json
import multiprocessing
import resource
import shutil
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
    """(flat index document, similar-case feature row) of one extracted record."""
    from casebook.pipeline import enrich
    from indexer.document import index_document
    from indexer.similar.features import record_row

    record = enrich(record)
    return index_document(record), record.id, record.content_hash(), record_row(record)


def flat_documents(corpus: Path, target: Path, copies: int = 1):
    """Extraction once, in 2 processes, into a JSONL of flat index documents; returns the case features.

    With copies > 1 each extracted document is written that many times under new ids (`<id>~k`):
    the extraction of a 1,000,000-document corpus alone would take hours on this machine.
    """
    from indexer.similar.features import from_rows
    from scrapers.importers import read_path

    records = (item.record for item in read_path(str(corpus)) if item.record is not None)
    ids, hashes, rows = [], [], []
    with multiprocessing.Pool(2) as pool, target.open("w", encoding="utf-8") as out:
        for doc, doc_id, digest, row in pool.imap(flat_document, records, chunksize=50):
            for k in range(copies):
                copy_id = doc_id if k == 0 else f"{doc_id}~{k}"
                out.write(json.dumps(dict(doc, id=copy_id), ensure_ascii=False) + "\n")
                ids.append(copy_id)
                hashes.append(digest)
                rows.append(row)
    return from_rows(ids, hashes, rows, "bench")


def similar_latencies(backend, features, samples: int = 30) -> list[float]:
    """Milliseconds of one similar-case search (500-character LeCaRD query facts, 10 hits)."""
    from indexer.similar import training
    from indexer.similar.classify import shipped_model
    from indexer.similar.service import gather, ordered

    model = shipped_model()
    facts = [q["fact"][:500] for q in training.lecard_queries()][:samples]
    ordered(gather(None, backend, facts[0], model, features=features), limit=10)  # warm caches
    out = []
    for fact in facts:
        t = time.perf_counter()
        ordered(gather(None, backend, fact, model, features=features), limit=10)
        out.append((time.perf_counter() - t) * 1000)
    return out


def spread(latencies: list[float]) -> list[float]:
    """[median, p95, p99] in ms, rounded."""
    return [round(statistics.median(latencies), 1), round(percentile(latencies, 95), 1),
            round(percentile(latencies, 99), 1)]


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


def measure(backend, docs_path: Path, features, queries: list) -> dict:
    from indexer.fields import FACET_FIELDS
    from indexer.search import search

    start = time.perf_counter()
    backend.clear()
    backend.add(read_docs(docs_path))
    backend.commit()
    elapsed = time.perf_counter() - start
    docs = len(features.ids)
    row = {"backend": backend.name, "docs": backend.count(), "index_docs_per_s": round(docs / elapsed, 1)}
    for kind in KINDS:
        latencies = []
        for _, query, filters in (q for q in queries if q[0] == kind):
            t = time.perf_counter()
            search(backend, query, filters, limit=10, facets=FACET_FIELDS if kind == "faceted" else ())
            latencies.append((time.perf_counter() - t) * 1000)
        row[f"{kind}_ms"] = spread(latencies)
    row["similar_ms"] = spread(similar_latencies(backend, features))
    return row


def run_tantivy(docs_path: Path, features, queries: list, workdir: Path) -> dict:
    from indexer.backends.base import open_backend

    backend = open_backend("tantivy", str(workdir / "tantivy"), {"writer_heap_mb": 128, "writer_threads": 1})
    row = measure(backend, docs_path, features, queries)
    backend.close()
    row["index_mb"] = round(sum(f.stat().st_size for f in (workdir / "tantivy").rglob("*") if f.is_file()) / 1e6, 1)
    row["rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    shutil.rmtree(workdir / "tantivy")  # disk, for the cluster that follows
    return row


def run_cluster(docs_path: Path, features, queries: list, workdir: Path, url: str | None, batch: int,
                heap: str, merge: bool) -> dict:
    import requests

    from indexer.backends.base import open_backend
    from tests.cluster_node import free_ports, start_node, stop_node, wait_for_health

    handle = None
    if url is None:
        http_port, transport_port = free_ports(2)
        jvm = (f"-Xms{heap}", f"-Xmx{heap}", "-XX:+UseG1GC")
        handle = start_node(http_port, transport_port, workdir / "node", "casebook-bench", jvm_options=jvm)
        wait_for_health(handle.url, "green", handles=(handle,))
        url = handle.url
    try:
        options = {"hosts": [url], "product": "opensearch", "index_prefix": "bench", "bulk_batch": batch}
        backend = open_backend("elasticsearch", str(workdir / "es"), options)
        row = measure(backend, docs_path, features, queries)
        if merge:
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


# Peak temporary bytes per document: the flat documents (~11 KB) plus the larger index (the
# cluster's, ~24 KB at 100,000 distinct documents; tantivy's is deleted before the cluster runs).
BYTES_PER_DOC = 40_000


def check_disk(size: int) -> None:
    """Stop before starting when the temporary directory cannot hold the run."""
    free = shutil.disk_usage(tempfile.gettempdir()).free
    if free < size * BYTES_PER_DOC:
        sys.exit(f"not enough free disk in {tempfile.gettempdir()}: {free / 1e9:.0f} GB free, "
                 f"about {size * BYTES_PER_DOC / 1e9:.0f} GB needed for {size:,} documents (set TMPDIR elsewhere)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--bulk-batch", type=int, default=500)
    parser.add_argument("--copies", type=int, default=1,
                        help="write each extracted document this many times (size/copies distinct documents)")
    parser.add_argument("--heap", default="512m", help="heap of the fresh test node (-Xms = -Xmx)")
    parser.add_argument("--no-force-merge", action="store_true",
                        help="report the cluster's size as its merge policy left it (saves ~30 min at 1M)")
    parser.add_argument("--url", help="an existing cluster instead of a fresh test node (no RSS then)")
    parser.add_argument("--backends", nargs="+", default=["tantivy", "elasticsearch"])
    args = parser.parse_args()
    queries = query_set(args.shared, args.queries)
    results = []
    check_disk(args.size)
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        build_corpus(args.shared, args.size // args.copies, workdir / "corpus.jsonl")
        t = time.perf_counter()
        features = flat_documents(workdir / "corpus.jsonl", workdir / "docs.jsonl", args.copies)
        (workdir / "corpus.jsonl").unlink()  # disk: the 1,000,000-document run needs it
        rate = len(features.ids) / args.copies / (time.perf_counter() - t)
        print(json.dumps({"extraction_docs_per_s_2_processes": round(rate, 1)}), flush=True)
        for name in args.backends:
            if name == "tantivy":
                row = run_tantivy(workdir / "docs.jsonl", features, queries, workdir)
            else:
                row = run_cluster(workdir / "docs.jsonl", features, queries, workdir, args.url, args.bulk_batch,
                                  args.heap, not args.no_force_merge)
            results.append(row)
            print(json.dumps(row, ensure_ascii=False), flush=True)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / f"cluster_bench_{args.size}.json").write_text(json.dumps(results, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
