"""JSON API of collections (案例包): CRUD, cases with their comparison, order, recorded searches and
their re-run, the 类案检索报告 file, analytics and exports of the collection's cases.
"""
from __future__ import annotations

from dataclasses import asdict

from flask import Blueprint, jsonify, request

from corpus import collections as coll
from corpus.collections import METHODS

from .api import APIError, api, filters_field, json_body
from .api_common import (CSV_TABLES, analytics_json, analytics_tables, collection_by_id, collection_json,
                         collection_matches, context, csv_download, download, export_file, export_record, record_feeding_search,
                         rerun_diff, run_ids, table_csv, writing)
from .params import SearchParams
from .report import render
from .report.model import build_report

api_collections = Blueprint("collections", __name__, url_prefix="/collections")
COMPARISON = {"note": str, "similar": bool, "facts": str, "issues": str, "law": str, "treatment": str}


@api_collections.get("")
def list_all():
    return jsonify({"collections": [collection_json(c) for c in coll.list_collections(context().store)]})


@api_collections.post("")
def create():
    body = json_body({"name": str}, {"description": str})
    with writing() as store:
        made = coll.create_collection(store, body["name"], body.get("description") or "")
    return jsonify(collection_json(made)), 201


@api_collections.get("/<int:collection_id>")
def show(collection_id: int):
    return jsonify(collection_json(collection_by_id(collection_id)))


@api_collections.patch("/<int:collection_id>")
def change(collection_id: int):
    body = json_body(optional={"name": str, "description": str})
    with writing() as store:
        name = collection_by_id(collection_id).name
        if body.get("description") is not None:
            coll.describe_collection(store, name, body["description"])
        if body.get("name") is not None:
            name = coll.rename_collection(store, name, body["name"]).name
    return jsonify(collection_json(collection_by_id(collection_id)))


@api_collections.delete("/<int:collection_id>")
def delete(collection_id: int):
    with writing() as store:
        coll.delete_collection(store, collection_by_id(collection_id).name)
    return "", 204


@api_collections.post("/<int:collection_id>/cases")
def add_case(collection_id: int):
    body = json_body({"record_id": str}, COMPARISON | {"search": dict})
    comparison = {key: body.get(key) for key in COMPARISON if key != "note"}
    with writing() as store:
        name = collection_by_id(collection_id).name
        if body.get("search") is not None:
            record_feeding_search(name, *search_fields(body["search"]))
        entry = coll.add_case(store, name, body["record_id"], note=body.get("note") or "", **comparison)
    return jsonify(asdict(entry)), 201


def search_fields(body: dict) -> tuple[SearchParams, str]:
    """A search given as {query, filters, method} in a request body."""
    query, method, filters = body.get("query", ""), body.get("method") or "keyword", body.get("filters")
    if not isinstance(query, str) or method not in METHODS or not isinstance(filters, (dict, type(None))):
        raise APIError(400, f"search 应为 {{query: 字符串, filters: 对象, method: {'|'.join(METHODS)}}}",
                       {"field": "search"})
    return SearchParams(q=query.strip(), filters=filters_field(filters)), method


@api_collections.patch("/<int:collection_id>/cases/<path:record_id>")
def update_case(collection_id: int, record_id: str):
    body = json_body(optional=COMPARISON | {"position": int})
    with writing() as store:
        name = collection_by_id(collection_id).name
        entry = coll.update_case(store, name, record_id, **{key: body.get(key) for key in COMPARISON})
        if body.get("position") is not None:
            coll.move_case(store, name, record_id, body["position"])
            entry = coll.get_collection(store, name).entry(record_id)
    return jsonify(asdict(entry))


@api_collections.delete("/<int:collection_id>/cases/<path:record_id>")
def remove_case(collection_id: int, record_id: str):
    with writing() as store:
        coll.remove_case(store, collection_by_id(collection_id).name, record_id)
    return "", 204


@api_collections.put("/<int:collection_id>/order")
def reorder(collection_id: int):
    """Put the cases in the given order (every case of the collection, each once)."""
    ids = json_body({"record_ids": list})["record_ids"]
    with writing() as store:
        found = collection_by_id(collection_id)
        if sorted(map(str, ids)) != sorted(c.record_id for c in found.cases):
            raise APIError(400, "record_ids 须恰好列出案例包中的每件案例各一次", {"field": "record_ids"})
        for position, record_id in enumerate(ids, start=1):
            coll.move_case(store, found.name, record_id, position)
    return jsonify(collection_json(collection_by_id(collection_id)))


@api_collections.post("/<int:collection_id>/searches")
def record_search(collection_id: int):
    body = json_body({"query": str}, {"filters": dict, "method": str})
    params, method = search_fields(body)
    with writing() as store:
        name = collection_by_id(collection_id).name
        run = coll.record_search(store, name, params.q, params.filters, method, run_ids(params.q, params.filters))
    return jsonify(asdict(run)), 201


@api_collections.get("/<int:collection_id>/searches/<int:search_id>/rerun")
def rerun(collection_id: int, search_id: int):
    return jsonify(rerun_diff(collection_by_id(collection_id), search_id))


@api_collections.get("/<int:collection_id>/report.<any(docx, pdf, md):fmt>")
def report(collection_id: int, fmt: str):
    found = collection_by_id(collection_id)
    args = request.args
    built = build_report(context().store, found, args.get("pending_case", ""), args.get("pending_court") or None,
                         args.get("searcher") or None)
    return download(render(built, fmt), fmt, f"类案检索报告-{found.name}")


@api_collections.get("/<int:collection_id>/analytics")
def analytics(collection_id: int):
    return jsonify(analytics_json(collection_matches(collection_by_id(collection_id))))


@api_collections.get("/<int:collection_id>/analytics/<any(" + ", ".join(CSV_TABLES) + "):table>.csv")
def analytics_csv(collection_id: int, table: str):
    found = collection_by_id(collection_id)
    tables = analytics_tables(collection_matches(found).records)
    return csv_download(table_csv(tables, table), f"{found.name}-{table}")


@api_collections.get("/<int:collection_id>/export.<any(csv, json):fmt>")
def export(collection_id: int, fmt: str):
    found = collection_by_id(collection_id)
    records = {r.id: r for r in collection_matches(found).records}
    rows = [export_record(records[c.record_id], c) for c in found.cases if c.record_id in records]
    return export_file(rows, fmt, f"案例包-{found.name}")


api.register_blueprint(api_collections)  # under /api, with the API's error handlers
