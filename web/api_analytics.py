"""JSON API of a search's analytics (every match, up to web.max_records) and of a result list's export."""
from __future__ import annotations

from flask import Blueprint, jsonify, request

from .api import api
from .api_common import (CSV_TABLES, analytics_json, analytics_tables, csv_download, export_file, export_record,
                         search_matches, table_csv)
from .params import search_params

api_analytics = Blueprint("analytics", __name__)


@api_analytics.get("/analytics")
def analytics():
    return jsonify(analytics_json(search_matches(search_params(request.args))))


@api_analytics.get("/analytics/<any(" + ", ".join(CSV_TABLES) + "):table>.csv")
def analytics_csv(table: str):
    tables = analytics_tables(search_matches(search_params(request.args)).records)
    return csv_download(table_csv(tables, table), f"检索分析-{table}")


@api_analytics.get("/search/export.<any(csv, json):fmt>")
def export(fmt: str):
    matches = search_matches(search_params(request.args))
    headers = {"X-Total-Count": str(matches.total), "X-Exported-Count": str(len(matches.records))}
    response = export_file([export_record(r) for r in matches.records], fmt, "检索结果")
    response.headers.update(headers)
    return response


api.register_blueprint(api_analytics)  # under /api, with the API's error handlers
