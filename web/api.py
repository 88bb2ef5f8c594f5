"""JSON API (datasette-style envelope on errors): /api/search, /api/cases/<id>."""
from __future__ import annotations

from flask import Blueprint, current_app, jsonify, request

from indexer.query import QueryError
from indexer.search import search

api = Blueprint("api", __name__, url_prefix="/api")
RESERVED = {"q", "limit", "offset", "sort"}


def context():
    return current_app.extensions["casebook"]


def error(status: int, message: str, **extra):
    return jsonify({"ok": False, "status": status, "error": message, **extra}), status


def int_arg(name: str, default: int) -> int:
    value = request.args.get(name, default)
    try:
        return int(value)
    except (TypeError, ValueError):
        raise QueryError(f"参数 {name} 应为整数：{value}", None, None) from None


@api.get("/search")
def api_search():
    filters = {k: request.args.getlist(k) for k in request.args if k not in RESERVED}
    try:
        result = search(context().backend, request.args.get("q", ""), filters,
                        int_arg("limit", 10), int_arg("offset", 0), request.args.get("sort", "relevance"))
    except QueryError as exc:
        return error(400, str(exc), detail=exc.to_dict())
    return jsonify(result)


@api.get("/cases/<path:case_id>")
def api_case(case_id: str):
    record = context().store.get(case_id)
    if record is None:
        return error(404, f"找不到案例 {case_id}")
    return jsonify(record.to_dict())
