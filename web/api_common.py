"""Shared by the JSON API and the pages: collections and saved searches by id, every record a search
matches (capped), the analytics tables, CSV/JSON exports and file downloads.
"""
from __future__ import annotations

import csv
import io
import json
import threading
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from urllib.parse import parse_qsl

from flask import current_app, send_file
from werkzeug.datastructures import MultiDict

from casebook.cli_collections import search_ids
from casebook.record import EXTRACTED_FIELDS, Record
from corpus import collections as coll
from corpus import saved_searches as saved
from corpus.collections import Collection, CollectionError
from indexer.search import search

from . import analytics
from .params import SearchParams, search_params

EXPORT_SKIP = ("full_text", "sections")  # texts, not structured fields
CSV_TABLES = ("remedies", "remedy_stats", "sentences", "sentence_stats", "charts")
MIMETYPES = {
    "csv": "text/csv",  # Flask adds the charset to text/* types
    "json": "application/json",
    "md": "text/markdown",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "atom": "application/atom+xml; charset=utf-8",
}


class NotFound(CollectionError):
    """An id that names no collection, saved search or recorded search (404, not 400)."""


def context():
    return current_app.extensions["casebook"]


def max_records() -> int:
    """How many matches analytics, exports and recorded searches read at most (web.max_records)."""
    return int(context().config["web"].get("max_records", 5000))


@contextmanager
def writing():
    """One write at a time: the app shares one SQLite connection between its threads."""
    lock = current_app.extensions.setdefault("casebook_write_lock", threading.Lock())
    with lock:
        yield context().store


# lookups -------------------------------------------------------------------


def collection_by_id(collection_id: int) -> Collection:
    found = next((c for c in coll.list_collections(context().store) if c.id == collection_id), None)
    if found is None:
        raise NotFound(f"找不到编号为 {collection_id} 的案例包")
    return found


def saved_by_id(saved_id: int) -> saved.SavedSearch:
    found = next((s for s in saved.list_saved_searches(context().store) if s.id == saved_id), None)
    if found is None:
        raise NotFound(f"找不到编号为 {saved_id} 的保存检索")
    return found


def case_summary(record_id: str) -> dict:
    """What a list shows of a case: title, case number, court, date (missing: no longer in the corpus)."""
    record = context().store.get(record_id)
    if record is None:
        return {"id": record_id, "title": None, "case_number": None, "court": None, "date": None, "missing": True}
    return {"id": record_id, "title": record.title, "case_number": record.case_number,
            "court": (record.court or {}).get("name"), "date": record.date, "missing": False}


def collection_json(found: Collection) -> dict:
    data = asdict(found)
    for case in data["cases"]:
        case["record"] = case_summary(case["record_id"])
    return data


# searches ------------------------------------------------------------------


def params_from_string(query: str) -> SearchParams:
    """The search a query string describes (the `search` field forms carry from a result list)."""
    return search_params(MultiDict(parse_qsl(query.lstrip("?"), keep_blank_values=False)))


def run_ids(query: str, filters: dict) -> list[str]:
    """All ids a search matches, up to max_records(), in the search page's order."""
    return search_ids(context().backend, max_records())(query, filters)


@dataclass
class Matches:
    records: list[Record]
    total: int  # matches of the search, which may exceed the records read

    @property
    def capped(self) -> bool:
        return self.total > len(self.records)


def records_of(ids: list[str]) -> list[Record]:
    store = context().store
    return [record for record in map(store.get, ids) if record is not None]


def search_matches(params: SearchParams) -> Matches:
    """Every record the search matches (QueryError on a bad query), at most max_records() of them."""
    total = search(context().backend, params.q, params.filters, 0, 0, facets=())["total"]
    return Matches(records_of(run_ids(params.q, params.filters)), total)


def collection_matches(found: Collection) -> Matches:
    records = records_of([case.record_id for case in found.cases])
    return Matches(records, len(records))


def record_feeding_search(name: str, params: SearchParams, method: str = "keyword"):
    """Record the search a case was added from, once per collection and (query, filters)."""
    found = coll.get_collection(context().store, name)
    if any(run.query == params.q and run.filters == params.filters for run in found.searches):
        return None
    return coll.record_search(context().store, name, params.q, params.filters, method,
                              run_ids(params.q, params.filters))


def rerun_diff(found: Collection, search_id: int) -> dict:
    """{new_ids, gone_ids, new: [summaries]} of a recorded search run again now."""
    recorded = next((run for run in found.searches if run.id == search_id), None)
    if recorded is None:
        raise NotFound(f"案例包“{found.name}”中没有编号为 {search_id} 的检索记录")
    runner = similar_runner(len(recorded.result_ids)) if recorded.method == "case" else run_ids
    diff = coll.rerun_search(found, search_id, runner)
    return {**diff, "new": [case_summary(i) for i in diff["new_ids"]]}


def similar_runner(limit: int):
    """Re-runs a recorded 类案 search: its query is the pasted facts, run through the similar-case engine."""
    from indexer.similar.service import similar

    def run(fact: str, filters: dict) -> list[str]:
        ctx = context()
        return [doc for doc, _, _ in similar(ctx.store, ctx.backend, fact, max(limit, 1))[1]]

    return run


def unseen_ids(entry: saved.SavedSearch) -> list[str]:
    """The matches of a saved search not yet seen (read only; viewing marks them)."""
    seen = set(entry.seen_ids)
    return [i for i in run_ids(entry.query, entry.filters) if i not in seen]


# analytics and exports ------------------------------------------------------


def analytics_tables(records: list[Record]) -> dict:
    remedies, sentences = analytics.remedies_table(records), analytics.sentences_table(records)
    return {"remedies": remedies, "remedy_stats": analytics.remedy_stats(remedies),
            "sentences": sentences, "sentence_stats": analytics.sentence_stats(sentences),
            "charts": analytics.charts(records)}


def analytics_json(matches: Matches) -> dict:
    return {"total": matches.total, "analysed": len(matches.records), "capped": matches.capped,
            "max_records": max_records(), **analytics_tables(matches.records)}


def table_csv(tables: dict, name: str) -> str:
    """One analytics table as CSV; the chart series as (图表, 分类, 数量) rows."""
    if name == "charts":
        rows = [{"图表": series, **row} for series, rows in tables["charts"].items() for row in rows]
        return analytics.to_csv(rows, ["图表", "label", "count"])
    return analytics.to_csv(tables[name])


def export_record(record: Record, entry=None) -> dict:
    """A record's structured fields (texts left out), with the collection's comparison when given."""
    data = {k: v for k, v in record.to_dict().items() if k not in EXPORT_SKIP and k != "given_fields"}
    if entry is not None:
        data["collection"] = {k: v for k, v in asdict(entry).items() if k != "record_id"}
    return data


def flat(prefix: str, value) -> dict:
    """A JSON value as CSV cells: nested objects spread to dotted columns, lists of objects as JSON."""
    if isinstance(value, dict):
        return {key: cell for k, v in value.items() for key, cell in flat(f"{prefix}.{k}", v).items()}
    if isinstance(value, list):
        if all(isinstance(v, (str, int, float)) for v in value):
            return {prefix: "；".join(str(v) for v in value)}
        return {prefix: json.dumps(value, ensure_ascii=False)}
    return {prefix: value}


def export_csv(rows: list[dict]) -> str:
    """Records as CSV with the JSON field names as headings (dotted for nested fields), in record order."""
    flattened = [{key: cell for k, v in row.items() for key, cell in flat(k, v).items()} for row in rows]
    fixed = ["id", "title", "kind", *EXTRACTED_FIELDS]
    columns = list(dict.fromkeys(k for row in flattened for k in row))
    columns.sort(key=lambda c: next((n for n, f in enumerate(fixed) if c.split(".")[0] == f), len(fixed)))
    out = io.StringIO()
    writer = csv.DictWriter(out, columns, restval="", lineterminator="\r\n")
    writer.writeheader()
    writer.writerows([{k: "" if v is None else v for k, v in row.items()} for row in flattened])
    return out.getvalue()


def export_file(rows: list[dict], fmt: str, stem: str):
    if fmt == "csv":
        return csv_download(export_csv(rows), stem)
    return download(json.dumps(rows, ensure_ascii=False, indent=1).encode("utf-8"), "json", stem)


def csv_download(text: str, stem: str):
    """CSV as UTF-8 with a byte-order mark, so spreadsheet programs read the Chinese right."""
    return download(text.encode("utf-8-sig"), "csv", stem)


def download(data: bytes, fmt: str, stem: str):
    """A file answer; `stem` may be Chinese (sent as RFC 5987 filename*)."""
    safe = "".join(ch for ch in stem if ch not in '\\/:*?"<>|\r\n').strip() or "casebook"
    return send_file(io.BytesIO(data), mimetype=MIMETYPES[fmt], as_attachment=True,
                     download_name=f"{safe}.{fmt}")
