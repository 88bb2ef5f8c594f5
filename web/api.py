"""JSON API: GET /api/search (the CLI's search JSON), GET /api/cases/<id> (the record JSON).

Errors use one envelope, {ok: false, status, error, detail}, built by `error_response`.
"""
from __future__ import annotations

from flask import Blueprint, current_app, jsonify, request

from indexer.query import QueryError
from indexer.search import search

from .params import search_params

api = Blueprint("api", __name__, url_prefix="/api")


def context():
    return current_app.extensions["casebook"]


def error_response(status: int, message: str, detail: dict | None = None):
    return jsonify({"ok": False, "status": status, "error": message, "detail": detail}), status


@api.get("/search")
def api_search():
    try:
        result = search(context().backend, **search_params(request.args).as_kwargs())
    except QueryError as exc:
        return error_response(400, str(exc), exc.to_dict())
    return jsonify(result)


@api.get("/cases/<path:case_id>")
def api_case(case_id: str):
    record = context().store.get(case_id)
    if record is None:
        return error_response(404, f"找不到案例 {case_id}", {"id": case_id})
    return jsonify(record.to_dict())
