"""JSON API: GET /api/search (the CLI's search JSON), GET /api/cases/<id> (the record JSON); the
collection, saved-search and analytics endpoints live in `api_*.py` blueprints nested under this one.

Errors use one envelope, {ok: false, status, error, detail}, built by `error_response`.  The API is
exempt from CSRF tokens (scripts call it); instead every POST/PUT/PATCH/DELETE must be sent as
application/json, which a cross-site HTML form cannot do (`require_json`).
"""
from __future__ import annotations

from flask import Blueprint, current_app, jsonify, request

from corpus.collections import CollectionError
from indexer.query import QueryError
from indexer.search import search

from .params import search_params
from .report import ReportError

api = Blueprint("api", __name__, url_prefix="/api")
WRITE_METHODS = ("POST", "PUT", "PATCH", "DELETE")


class APIError(Exception):
    def __init__(self, status: int, message: str, detail: dict | None = None):
        super().__init__(message)
        self.status, self.message, self.detail = status, message, detail


def context():
    return current_app.extensions["casebook"]


def error_response(status: int, message: str, detail: dict | None = None):
    return jsonify({"ok": False, "status": status, "error": message, "detail": detail}), status


@api.errorhandler(APIError)
def on_api_error(exc: APIError):
    return error_response(exc.status, exc.message, exc.detail)


@api.errorhandler(CollectionError)
@api.errorhandler(ReportError)
def on_data_error(exc: ValueError):
    from .api_common import NotFound

    return error_response(404 if isinstance(exc, NotFound) else 400, str(exc), None)


@api.errorhandler(QueryError)
def on_query_error(exc: QueryError):
    return error_response(400, str(exc), exc.to_dict())


def require_json():
    """None, or a 415 envelope for a write to the API that is not sent as application/json."""
    if request.method in WRITE_METHODS and request.mimetype != "application/json":
        return error_response(415, "请以 JSON 提交（Content-Type: application/json）",
                              {"content_type": request.content_type})
    return None


FIELD_TYPES = {str: "字符串", bool: "布尔值", int: "整数", dict: "对象", list: "数组"}


def json_body(required: dict[str, type] | None = None, optional: dict[str, type] | None = None) -> dict:
    """The request's JSON object, checked: required and optional fields of the given types, no others.

    An optional field may be null (left as it is); a bool is not accepted where an int is expected.
    """
    required, optional = required or {}, optional or {}
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise APIError(400, "请求体应为 JSON 对象")
    unknown = sorted(set(body) - set(required) - set(optional))
    if unknown:
        raise APIError(400, f"未知字段：{'、'.join(unknown)}", {"fields": unknown})
    for name, kind in (required | optional).items():
        if name not in body or (body[name] is None and name in optional):
            if name in required:
                raise APIError(400, f"缺少字段 {name}", {"field": name})
            continue
        value = body[name]
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise APIError(400, f"字段 {name} 应为{FIELD_TYPES[kind]}", {"field": name})
    return body


def filters_field(value: dict | None) -> dict[str, list[str]]:
    """A `filters` field, {field: value or [values]}, as the search service takes it."""
    out: dict[str, list[str]] = {}
    for name, values in (value or {}).items():
        values = [values] if isinstance(values, str) else values
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise APIError(400, f"筛选条件 {name} 的值应为字符串或字符串数组", {"field": "filters"})
        if any(v.strip() for v in values):
            out[name] = [v for v in values if v.strip()]
    return out


@api.get("/search")
def api_search():
    result = search(context().backend, **search_params(request.args).as_kwargs())
    return jsonify(result)


@api.get("/cases/<path:case_id>")
def api_case(case_id: str):
    record = context().store.get(case_id)
    if record is None:
        return error_response(404, f"找不到案例 {case_id}", {"id": case_id})
    return jsonify(record.to_dict())
