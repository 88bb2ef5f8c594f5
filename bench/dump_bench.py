"""Bulk-dump import benchmark: rows/s from a gzip CSV into the corpus store, with peak memory.

    python bench/dump_bench.py --rows 1000000

Builds a gzip CSV in the public dump's columns (原始链接, 案号, …, 全文) whose 全文 are real full texts
from ../shared/data/judgments/ (made unique per row), then, each in a fresh subprocess so peak RSS is
its own: (1) the baseline, reading and parsing every row without storing; (2) `casebook import` of the
file into an empty data directory; (3) the same import again (every row unchanged: the resume path).
Reports rows/s for each, the ratio to the baseline, and peak RSS; writes bench/out/dump_bench.json.
"""
from __future__ import annotations

import argparse
import csv
import gzip
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
OUT = REPO / "bench" / "out"


def build_dump(shared: Path, rows: int, path: Path) -> None:
    from scrapers.importers.dump import COLUMNS

    docs = [json.loads(line) for line in open(shared / "data/judgments/judgments.jsonl", encoding="utf-8")]
    with gzip.open(path, "wt", encoding="utf-8", newline="", compresslevel=1) as fh:
        writer = csv.writer(fh)
        writer.writerow(COLUMNS)
        for n in range(rows):
            doc = docs[n % len(docs)]
            meta = doc.get("meta") or {}
            writer.writerow([f"https://wenshu.court.gov.cn/website/wenshu/index.html?docId={n:032x}",
                             meta.get("案号", ""), doc["title"], meta.get("审理法院", ""), "", meta.get("案件类型", ""),
                             "", "", meta.get("审理程序", ""), meta.get("裁判日期", ""), "", "", "", "",
                             f"{doc['full_text']}\n（数据包第{n}行）"])


def child(mode: str, dump: Path, data_dir: Path) -> dict:
    start = time.perf_counter()
    if mode == "parse":
        from scrapers.importers.dump import read_dump

        rows = sum(1 for _ in read_dump(dump))
        result = {"rows": rows}
    else:
        from corpus.store import Store
        from casebook.pipeline import import_paths

        summary = import_paths(Store(data_dir), [str(dump)], progress=False)
        result = {"rows": summary.new + summary.updated + summary.unchanged, "new": summary.new,
                  "unchanged": summary.unchanged, "failed": len(summary.errors)}
    elapsed = time.perf_counter() - start
    return result | {"mode": mode, "seconds": round(elapsed, 1), "rows_per_s": round(result["rows"] / elapsed, 1),
                     "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--child", nargs=3, metavar=("MODE", "DUMP", "DATA_DIR"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        mode, dump, data_dir = args.child
        print(json.dumps(child(mode, Path(dump), Path(data_dir))))
        return
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        dump = Path(tmp) / "dump.csv.gz"
        build_dump(args.shared, args.rows, dump)
        print(f"dump: {args.rows} rows, {dump.stat().st_size / 1e6:.0f} MB gzip", flush=True)
        for mode in ("parse", "import", "import"):
            cmd = [sys.executable, __file__, "--child", mode, str(dump), str(Path(tmp) / "data")]
            row = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)
            results.append(row)
            print(json.dumps(row, ensure_ascii=False), flush=True)
    base = results[0]["rows_per_s"]
    for row in results[1:]:
        row["ratio_to_parse"] = round(row["rows_per_s"] / base, 2)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "dump_bench.json").write_text(json.dumps(results, ensure_ascii=False, indent=2))
    print("| step | rows | rows/s | ratio to parse | peak RSS MB |\n|---|---|---|---|---|")
    for label, row in zip(("parse only (baseline)", "import into empty store", "re-import (all unchanged)"), results):
        print(f"| {label} | {row['rows']} | {row['rows_per_s']} | {row.get('ratio_to_parse', 1.0)} | {row['peak_rss_mb']} |")


if __name__ == "__main__":
    main()
