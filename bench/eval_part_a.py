"""Measure the heading extractors (case number, court, type, procedure, dates) on real judgments.

Usage: python bench/eval_part_a.py [--misses] [--join space|nothing] [--data ../shared/data/judgments]

Compares with the publisher labels in `meta` (审理法院/法院名称, 案件类型, 审理程序/审判程序, 裁判日期,
案号) and with the case number printed in the title; prints accuracy per field, misses on request,
and the mean time per document.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from indexer.extract import casenumber, court, dates, doctype  # noqa: E402
from indexer.extract.normalize import clean_text  # noqa: E402

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "judgments"
_CASE_TYPE_PREFIX = re.compile(r"^(刑事|民事|行政|国家赔偿|赔偿)")


def load(data: Path):
    for name, field in (("judgments.jsonl", "full_text"), ("partial.jsonl", "partial_text")):
        with open(data / name, encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                yield rec["id"], rec.get("title") or "", rec.get(field) or "", rec.get("meta") or {}


def label_court(meta: dict) -> str | None:
    for key in ("审理法院", "法院名称", "法院"):
        value = meta.get(key)
        if value and value.endswith("院"):
            return value
    return None


def label_procedure(value: str | None) -> str | None:
    """Publisher procedure labels → the extractor's value set (see indexer/extract/doctype.py)."""
    if not value:
        return None
    value = _CASE_TYPE_PREFIX.sub("", value)
    if value.startswith("执行"):
        return "执行"
    if "非诉" in value:
        return "非诉"
    if "变更" in value:
        return "执行变更"
    return value


def same_court(found: dict | None, label: str) -> bool:
    if not found or not found.get("name"):
        return False
    label_court_row = court.court_by_name(label)
    if label_court_row and found.get("code") == label_court_row.code:
        return True
    return court._strip_province(found["name"]) == court._strip_province(label)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--misses", action="store_true")
    ap.add_argument("--join", choices=["space", "nothing"], help="drop line breaks first (robustness check)")
    args = ap.parse_args()
    hits, totals, misses = defaultdict(int), defaultdict(int), defaultdict(list)
    elapsed, n_docs = 0.0, 0

    def score(field, ok, doc_id, got, want):
        totals[field] += 1
        hits[field] += bool(ok)
        if not ok:
            misses[field].append((doc_id, got, want))

    for doc_id, title, raw, meta in load(args.data):
        if args.join:
            raw = raw.replace("\n", " " if args.join == "space" else "")
        text = clean_text(raw)
        t0 = time.perf_counter()
        number, parts = casenumber.find_case_number(text, title)
        found_court = court.find_court(text, title, parts)
        doc_type, case_type, procedure = doctype.classify(text, title, parts)
        decision, _ = dates.find_dates(text, {})
        casenumber.find_related_cases(text, number)
        elapsed += time.perf_counter() - t0
        n_docs += 1
        if label := meta.get("案号"):
            score("case_number(meta)", number == casenumber.normalise_case_number(label), doc_id, number, label)
        if title_number := casenumber.normalise_case_number(title):
            own, _ = casenumber.find_case_number(text, None)
            score("case_number(title)", own == title_number, doc_id, own, title_number)
        if label := label_court(meta):
            score("court", same_court(found_court, label), doc_id, found_court and found_court["name"], label)
        if label := meta.get("案件类型"):
            score("case_type", case_type == label.removesuffix("案件"), doc_id, case_type, label)
        if label := label_procedure(meta.get("审理程序") or meta.get("审判程序")):
            score("procedure", procedure == label, doc_id, procedure, label)
        if label := meta.get("裁判日期"):
            score("date", decision == label, doc_id, decision, label)

    for field in totals:
        print(f"{field:20} {hits[field]:4}/{totals[field]:<4} {hits[field] / totals[field]:.1%}")
    print(f"mean time per document: {elapsed / n_docs * 1000:.3f} ms over {n_docs}")
    if args.misses:
        for field, rows in misses.items():
            for doc_id, got, want in rows:
                print(f"MISS {field}: {doc_id} got={got!r} want={want!r}")


if __name__ == "__main__":
    main()
