"""JSON API of saved searches (alerts): CRUD, what is new since last viewed, marking viewed, the Atom feed."""
from __future__ import annotations

from dataclasses import asdict

from flask import Blueprint, jsonify, request

from corpus import saved_searches as saved
from corpus.collections import CollectionError
from indexer.search import search

from .api import api, filters_field, json_body
from .api_common import MIMETYPES, case_summary, context, records_of, run_ids, saved_by_id, unseen_ids, writing
from .format import is_web_url

api_saved = Blueprint("saved", __name__, url_prefix="/saved-searches")
FEED_ENTRIES = 50  # the most recently imported matches


def saved_json(entry: saved.SavedSearch) -> dict:
    """A saved search without its id lists (which grow with the corpus), plus their sizes."""
    data = {k: v for k, v in asdict(entry).items() if k not in ("seen_ids", "notified_ids")}
    return data | {"seen": len(entry.seen_ids)}


def create_saved(name: str, query: str, filters: dict, webhook_url: str | None, mark_seen: bool) -> saved.SavedSearch:
    """Save a search (checked by running it); with `mark_seen`, today's matches do not count as new."""
    if webhook_url and not is_web_url(webhook_url):
        raise CollectionError("Webhook 地址须以 http:// 或 https:// 开头")
    search(context().backend, query, filters, 0, 0, facets=())  # QueryError before anything is saved
    seen = run_ids(query, filters) if mark_seen else []
    with writing() as store:
        return saved.save_search(store, name, query, filters, webhook_url or None, seen)


@api_saved.get("")
def list_all():
    return jsonify({"saved_searches": [saved_json(s) for s in saved.list_saved_searches(context().store)]})


@api_saved.post("")
def create():
    body = json_body({"name": str}, {"query": str, "filters": dict, "webhook_url": str, "mark_seen": bool})
    made = create_saved(body["name"], (body.get("query") or "").strip(), filters_field(body.get("filters")),
                        body.get("webhook_url"), body.get("mark_seen") is not False)
    return jsonify(saved_json(made)), 201


@api_saved.get("/<int:saved_id>")
def show(saved_id: int):
    return jsonify(saved_json(saved_by_id(saved_id)))


@api_saved.delete("/<int:saved_id>")
def delete(saved_id: int):
    with writing() as store:
        saved.delete_saved_search(store, saved_by_id(saved_id).name)
    return "", 204


@api_saved.get("/<int:saved_id>/new")
def new_since(saved_id: int):
    """The matches not seen yet; reading them here does not mark them (POST …/viewed does)."""
    entry = saved_by_id(saved_id)
    ids = unseen_ids(entry)
    return jsonify({"last_viewed": entry.last_viewed, "new_ids": ids, "new": [case_summary(i) for i in ids]})


@api_saved.post("/<int:saved_id>/viewed")
def viewed(saved_id: int):
    """Mark every current match seen; answers the ones that were new."""
    with writing() as store:
        ids = saved.view_new(store, saved_by_id(saved_id).name, run_ids)
    entry = saved_by_id(saved_id)
    return jsonify({"last_viewed": entry.last_viewed, "new_ids": ids, "new": [case_summary(i) for i in ids]})


@api_saved.get("/<int:saved_id>/feed.atom")
def feed(saved_id: int):
    return feed_response(saved_by_id(saved_id))


def feed_response(entry: saved.SavedSearch):
    """The Atom feed of a saved search: its most recently imported matches."""
    records = records_of(run_ids(entry.query, entry.filters))
    records.sort(key=lambda r: r.source.imported_at or "", reverse=True)
    xml = saved.atom_feed(entry, records[:FEED_ENTRIES], request.host_url)
    return xml, 200, {"Content-Type": MIMETYPES["atom"]}


api.register_blueprint(api_saved)  # under /api, with the API's error handlers
