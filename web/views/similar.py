"""The 类案检索 page: paste the facts (or start from a corpus case), see the predicted charges and key
elements, and the similar cases grouped by the SPC guidance's authority tiers, each with why it is
similar; add hits to a collection (案例包), which records the search with method "case".

The facts travel in the page's forms (POST with a CSRF token); only a start from a case is a GET
(`?case=<id>`), so a case page can link here.
"""
from __future__ import annotations

from flask import Blueprint, flash, render_template, request
from markupsafe import Markup, escape

from corpus import collections as coll
from corpus.collections import CollectionError
from indexer.highlight import spans
from indexer.ranking import TIERS

from ..api_common import case_summary, context, writing
from ..api_similar import LIMITS, SimilarError, SimilarQuery, case_fact, find_similar
from .collections import SIMILAR_CHOICES, chosen_collection, form_text

similar_page = Blueprint("similar", __name__)


@similar_page.app_template_filter("marked")
def marked(text: str, words: list[str]) -> Markup:
    """`text` escaped, with <mark> around each occurrence of `words`."""
    pieces, cursor = [], 0
    for start, end in spans(text, words):
        pieces += [escape(text[cursor:start]), Markup("<mark>"), escape(text[start:end]), Markup("</mark>")]
        cursor = end
    return Markup("").join([*pieces, escape(text[cursor:])])


def limit_from(values) -> int:
    value = values.get("limit", "")
    return int(value) if value.isdigit() and int(value) in LIMITS else LIMITS[0]


def query_from(values, fact: str | None = None) -> SimilarQuery:
    """The query a form (or a case link's arguments) describes; `fact` given when it comes from the case."""
    case_id = values.get("case", "").strip() or None
    text = fact if fact is not None else values.get("fact", "")
    return SimilarQuery(text.strip(), limit_from(values), case_id, values.get("court", "").strip() or None)


def by_tier(hits: list[dict]) -> list[tuple[str, list[dict]]]:
    """The hits grouped by authority tier in the guidance's order (empty tiers left out), score order kept."""
    return [(name, group) for name in TIERS if (group := [h for h in hits if h["tier"] == name])]


def collection_choice(chosen: str | None) -> dict:
    """The collections to add to, the one preselected (the last used, else the newest), and its case ids."""
    collections = list(reversed(coll.list_collections(context().store)))
    current = next((c for c in collections if c.name == chosen), collections[0] if collections else None)
    return {"collections": collections, "current": current,
            "in_collection": {c.record_id for c in current.cases} if current else set()}


def page(query: SimilarQuery | None, found: dict | None = None, chosen: str | None = None,
         error: str | None = None, status: int = 200):
    source = case_summary(query.case_id) if query and query.case_id else None
    return render_template(
        "similar.html", query=query or SimilarQuery(""), limits=LIMITS, source=source, found=found,
        groups=by_tier(found["hits"]) if found else [], error=error, **collection_choice(chosen),
    ), status


def results(query: SimilarQuery, chosen: str | None = None):
    try:
        return page(query, find_similar(query), chosen)
    except SimilarError as exc:
        return page(query, error=str(exc), status=400)


@similar_page.get("/similar")
def index():
    case_id = request.args.get("case", "").strip()
    if not case_id:
        return page(None)
    return results(query_from(request.args, case_fact(case_id)))


@similar_page.post("/similar")
def search():
    return results(query_from(request.form))


@similar_page.post("/similar/add")
def add():
    """Add one hit to the chosen collection (recording this search once), then show the results again."""
    query, record_id = query_from(request.form), form_text("record_id")
    try:
        found = find_similar(query)
    except SimilarError as exc:
        return page(query, error=str(exc), status=400)
    name = None
    try:
        with writing() as store:
            name = chosen_collection(store)
            coll.add_case(store, name, record_id, note=form_text(f"note-{record_id}"),
                          similar=SIMILAR_CHOICES.get(form_text(f"similar-{record_id}")))
            record_similar_search(store, name, query, [hit["id"] for hit in found["hits"]])
        flash(f"已将案例加入案例包“{name}”", "ok")
    except CollectionError as exc:
        flash(str(exc), "error")
    return page(query, found, name)


def record_similar_search(store, name: str, query: SimilarQuery, result_ids: list[str]) -> None:
    """Record the 类案检索 (its facts as the query) once per collection and facts."""
    runs = coll.get_collection(store, name).searches
    if not any(run.method == "case" and run.query == query.fact for run in runs):
        coll.record_search(store, name, query.fact, {}, "case", result_ids)
