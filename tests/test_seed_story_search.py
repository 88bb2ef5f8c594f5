"""End to end: typing 敲诈勒索 差评 finds the 海门 差评师 criminal case and the ¥1 civil case in the top three.

A fresh data directory imports the shipped corpus (and, in the second test, the real judgments
beside it), builds the index, and runs the query through the search service the web UI uses.
A hit counts as the criminal case when it is a 海门市人民法院 record with 敲诈勒索罪 among its charges,
and as the civil case when it is a 海门市人民法院 record with a remedy of 1 yuan; the sample
reconstruction and the news record of either case both count.
"""
from __future__ import annotations

from pathlib import Path

from casebook.pipeline import import_paths, reindex
from casebook.record import Record
from indexer.search import search

SAMPLES = Path(__file__).resolve().parents[1] / "corpus" / "samples"
QUERY = "敲诈勒索 差评"
TOP = 3


def is_haimen(record: Record) -> bool:
    return (record.court or {}).get("short_name") == "海门市人民法院"


def is_haimen_extortion(record: Record) -> bool:
    return is_haimen(record) and "敲诈勒索罪" in record.charges


def is_haimen_one_yuan_suit(record: Record) -> bool:
    return is_haimen(record) and any(r.get("amount_yuan") == 1.0 for r in record.remedies)


def ranking(context, limit: int = 10) -> tuple[list[Record], str]:
    """The records of the query's first hits, and a printable ranking for failure messages."""
    reindex(context.store, context.backend, progress=False)
    hits = search(context.backend, QUERY, limit=limit)["hits"]
    shown = "\n".join(f"{h['score']:8.3f}  {h['id']}  {h['title']}" for h in hits)
    return [context.store.get(h["id"]) for h in hits], shown


def assert_both_cases_on_top(context) -> None:
    records, shown = ranking(context)
    for name, wanted in (("海门 criminal case", is_haimen_extortion), ("海门 ¥1 civil case", is_haimen_one_yuan_suit)):
        ranks = [rank for rank, record in enumerate(records, 1) if wanted(record)]
        assert ranks, f"{name} not among the first {len(records)} hits (extraction or import?):\n{shown}"
        assert ranks[0] <= TOP, f"{name} first at rank {ranks[0]}, not in the top {TOP}:\n{shown}"


def test_samples_only(context):
    summary = import_paths(context.store, [str(SAMPLES)], progress=False)
    assert summary.errors == [] and summary.new > 0
    assert_both_cases_on_top(context)


def test_samples_beside_real_judgments(context, shared):
    import_paths(context.store, [str(SAMPLES), str(shared / "data" / "judgments")], progress=False)
    assert_both_cases_on_top(context)


def test_the_court_and_province_typed_the_short_way_find_the_haimen_cases(context):
    import_paths(context.store, [str(SAMPLES)], progress=False)
    reindex(context.store, context.backend, progress=False)
    for query in ("法院:海门 差评", "法院:海门法院 差评", "省份:江苏 差评"):
        records = [context.store.get(h["id"]) for h in search(context.backend, query, limit=20)["hits"]]
        assert any(is_haimen_extortion(r) for r in records) and any(is_haimen_one_yuan_suit(r) for r in records), query
    provinces = search(context.backend, "省份:江苏", limit=50)
    assert provinces["total"] > 0 and all(context.store.get(h["id"]).court["province"] == "江苏省"
                                          for h in provinces["hits"])
