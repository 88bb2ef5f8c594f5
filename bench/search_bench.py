"""Search benchmark: tantivy vs Whoosh on a scaled corpus built from real judgments.

    python bench/search_bench.py --sizes 20000 100000 --whoosh-sizes 20000 --queries 300

Builds corpora of N documents by recombining the sentences of ../shared/data/judgments/
(deterministic), then for each backend and size, in a fresh subprocess (so peak memory is its own):
imports the corpus end to end through `casebook import` code (parse, extraction, store, index) and
times it (with the CPU per document of this process, index threads included, and of the extraction
workers), then runs the same mixed query set (2-4 terms, phrases, filtered) and reports median,
p95 and p99 latency of the search service (hits, snippets and exact facets), index size and peak RSS.
Prints a table and writes bench/out/search_bench.json.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
OUT = REPO / "bench" / "out"
SENTENCE = re.compile(r"[^。；！？]+[。；！？]")


def sentences(shared: Path) -> list[str]:
    rows = [json.loads(line) for line in open(shared / "data/judgments/judgments.jsonl", encoding="utf-8")]
    return [s.strip() for r in rows for s in SENTENCE.findall(r["full_text"]) if len(s.strip()) > 8]


def build_corpus(shared: Path, size: int, path: Path, seed: int = 7) -> None:
    """N judgment-sized documents: a real heading of a real judgment + recombined real sentences."""
    rng = random.Random(seed)
    pool = sentences(shared)
    heads = [json.loads(line)["full_text"][:200] for line in open(shared / "data/judgments/judgments.jsonl", encoding="utf-8")]
    with open(path, "w", encoding="utf-8") as fh:
        for n in range(size):
            body = "".join(rng.choice(pool) for _ in range(rng.randint(25, 60)))
            doc = {"id": f"bench-{n}", "title": heads[n % len(heads)][:40], "full_text": heads[n % len(heads)] + " " + body}
            fh.write(json.dumps(doc, ensure_ascii=False) + "\n")


def make_queries(shared: Path, count: int, seed: int = 11) -> list[tuple[str, dict]]:
    """A mix of 2-4 term queries, phrases and filtered queries from the corpus vocabulary."""
    rng = random.Random(seed)
    words = [w for s in sentences(shared)[:5000] for w in re.findall(r"[\u4e00-\u9fff]{2,4}", s)]
    filters = [{"case_type": ["刑事"]}, {"case_type": ["民事"]}, {"year": ["2017"]}, {"court_level": ["基层"]}]
    out = []
    for n in range(count):
        kind = n % 3
        if kind == 0:
            out.append((" ".join(rng.sample(words, rng.randint(2, 4))), {}))
        elif kind == 1:
            out.append((f'"{rng.choice(words)}{rng.choice(words)[:2]}"', {}))
        else:
            out.append((" ".join(rng.sample(words, 2)), rng.choice(filters)))
    return out


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(pct / 100 * (len(ordered) - 1))))]


def run_one(backend: str, corpus: Path, queries: list, workdir: Path) -> dict:
    """Import + index + query in this process (called in a subprocess by `main`)."""
    from casebook.config import load_config
    from casebook.context import Context
    from casebook.pipeline import import_paths
    from indexer.search import search

    config = load_config(data_dir=str(workdir))
    config["search"]["backend"] = backend
    ctx = Context(config)
    start, cpu = time.perf_counter(), os.times()
    summary = import_paths(ctx.store, [str(corpus)], progress=False, backend=ctx.backend)
    elapsed, used = time.perf_counter() - start, os.times()
    main_cpu = used.user + used.system - cpu.user - cpu.system  # this process, its index threads included
    worker_cpu = used.children_user + used.children_system - cpu.children_user - cpu.children_system
    latencies = []
    for q, filters in queries:
        t = time.perf_counter()
        search(ctx.backend, q, filters, limit=10)
        latencies.append((time.perf_counter() - t) * 1000)
    index_dir = workdir / "index" / backend
    return {
        "backend": backend, "docs": summary.new, "import_docs_per_s": round(summary.new / elapsed, 1),
        "import_cpu_ms_per_doc": {"main": round(main_cpu * 1000 / summary.new, 2),
                                  "workers": round(worker_cpu * 1000 / summary.new, 2)},
        "query_ms_median": round(statistics.median(latencies), 2), "query_ms_p95": round(percentile(latencies, 95), 2),
        "query_ms_p99": round(percentile(latencies, 99), 2),
        "index_mb": round(sum(f.stat().st_size for f in index_dir.rglob("*") if f.is_file()) / 1e6, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--sizes", type=int, nargs="+", default=[20000, 100000])
    parser.add_argument("--whoosh-sizes", type=int, nargs="*", default=[20000])
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--child", nargs=3, metavar=("BACKEND", "CORPUS", "WORKDIR"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    queries = make_queries(args.shared, args.queries)
    if args.child:
        backend, corpus, workdir = args.child
        print(json.dumps(run_one(backend, Path(corpus), queries, Path(workdir))))
        return
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in sorted(set(args.sizes) | set(args.whoosh_sizes)):
            corpus = Path(tmp) / f"corpus-{size}.jsonl"
            build_corpus(args.shared, size, corpus)
            for backend in ("tantivy", "whoosh"):
                if size not in (args.sizes if backend == "tantivy" else args.whoosh_sizes):
                    continue
                workdir = Path(tmp) / f"{backend}-{size}"
                child = [sys.executable, __file__, "--shared", str(args.shared), "--queries", str(args.queries),
                         "--child", backend, str(corpus), str(workdir)]
                row = json.loads(subprocess.run(child, check=True, capture_output=True, text=True).stdout)
                results.append(row)
                print(json.dumps(row, ensure_ascii=False), flush=True)
                shutil.rmtree(workdir, ignore_errors=True)
    report(results)


def report(results: list[dict]) -> None:
    by = {(r["backend"], r["docs"]): r for r in results}
    for (backend, docs), row in sorted(by.items()):
        if backend == "tantivy" and ("whoosh", docs) in by:
            w = by[("whoosh", docs)]
            row["query_speedup_vs_whoosh"] = round(w["query_ms_median"] / row["query_ms_median"], 1)
            row["import_speedup_vs_whoosh"] = round(row["import_docs_per_s"] / w["import_docs_per_s"], 1)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "search_bench.json").write_text(json.dumps(results, ensure_ascii=False, indent=2))
    cols = ["backend", "docs", "import_docs_per_s", "query_ms_median", "query_ms_p95", "query_ms_p99",
            "index_mb", "peak_rss_mb", "query_speedup_vs_whoosh", "import_speedup_vs_whoosh"]
    print("| " + " | ".join(cols) + " |\n|" + "---|" * len(cols))
    for row in results:
        print("| " + " | ".join(str(row.get(c, "")) for c in cols) + " |")


if __name__ == "__main__":
    main()
