"""The search page: query box, hits with snippets, facets that add filters, sort and pagination."""
from __future__ import annotations

from dataclasses import dataclass, replace

from flask import Blueprint, current_app, render_template, request, url_for

from indexer.query import QueryError

from ..format import SORT_LABELS, field_label, value_label
from ..params import SearchParams, filters_from, query_string, search_params

search_page = Blueprint("search", __name__)
FACET_TOP = 10  # values shown per facet; the rest behind 更多
FACET_MAX = 60  # values listed at all per facet (active filters always listed)


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    active: bool
    url: str


def page_url(params: SearchParams, **changes) -> str:
    """URL of the search page for `params` with some of q/filters/sort/offset replaced."""
    values = {"q": params.q, "filters": params.filters, "sort": params.sort, "offset": 0} | changes
    query = query_string(values["q"], values["filters"], values["sort"], values["offset"])
    return url_for("search.index") + (f"?{query}" if query else "")


def toggled(filters: dict[str, list[str]], name: str, value: str) -> dict[str, list[str]]:
    """Filters with (name, value) added, or removed when already there."""
    current = filters.get(name, [])
    values = [v for v in current if v != value] if value in current else current + [value]
    return {k: v for k, v in (filters | {name: values}).items() if v}


def facet_values(params: SearchParams, name: str, counts: dict[str, int]) -> list[FacetValue]:
    active = params.filters.get(name, [])
    return [
        FacetValue(value, value_label(name, value), count, value in active,
                   page_url(params, filters=toggled(params.filters, name, value)))
        for rank, (value, count) in enumerate(counts.items()) if rank < FACET_MAX or value in active
    ]


@dataclass
class FacetGroup:
    name: str
    label: str
    entries: list[FacetValue]
    unlisted: int  # values beyond FACET_MAX, reachable through the query box


def facet_group(params: SearchParams, name: str, counts: dict[str, int]) -> FacetGroup:
    entries = facet_values(params, name, counts)
    return FacetGroup(name, field_label(name), entries, len(counts) - len(entries))


def facet_groups(params: SearchParams, facets: dict[str, dict[str, int]]) -> list[FacetGroup]:
    return [facet_group(params, name, counts) for name, counts in facets.items() if counts]


def active_filters(params: SearchParams) -> list[dict]:
    return [
        {"label": field_label(name), "value": value_label(name, value),
         "remove_url": page_url(params, filters=toggled(params.filters, name, value))}
        for name, values in params.filters.items() for value in values
    ]


def pages(params: SearchParams, total: int) -> list[dict | None]:
    """Page links around the current page (None marks a gap): first, last, current ± 2."""
    size = max(params.limit, 1)
    count, current = -(-total // size), params.offset // size + 1
    shown = sorted({1, count, *range(current - 2, current + 3)} & set(range(1, count + 1)))
    out: list[dict | None] = []
    for number in shown:
        if out and out[-1] and number - out[-1]["number"] > 1:
            out.append(None)
        out.append({"number": number, "url": page_url(params, offset=(number - 1) * size),
                    "current": number == current})
    return out


def navigation(params: SearchParams, total: int) -> dict:
    size = max(params.limit, 1)
    previous = max(params.offset - size, 0) if params.offset > 0 else None
    following = params.offset + size if params.offset + size < total else None
    return {
        "previous": None if previous is None else page_url(params, offset=previous),
        "next": None if following is None else page_url(params, offset=following),
        "pages": pages(params, total),
    }


def results_context(params: SearchParams, result: dict) -> dict:
    return {
        "result": result,
        "facets": facet_groups(params, result["facets"]),
        "nav": navigation(params, result["total"]),
        "first": params.offset + 1,
        "last": params.offset + len(result["hits"]),
    }


@search_page.get("/")
@search_page.get("/search")
def index():
    page_size = current_app.config["CASEBOOK"].get("search", {}).get("page_size", 10)
    context, status = {}, 200
    try:
        params = replace(search_params(request.args), limit=page_size)  # pages have a fixed size
        result = current_app.extensions["casebook"].search(**params.as_kwargs())
        context = results_context(params, result)
    except QueryError as exc:
        params = fallback_params(page_size)
        context, status = {"error": exc, "error_at": error_position(params.q, exc)}, 400
    return render_template(
        "search.html", params=params, sorts=SORT_LABELS, facet_top=FACET_TOP,
        filters=active_filters(params), **context,
    ), status


def fallback_params(page_size: int) -> SearchParams:
    """What can be kept of a rejected request, so the form can be corrected without retyping."""
    sort = request.args.get("sort", "relevance")
    return SearchParams(request.args.get("q", "").strip(), filters_from(request.args), page_size, 0,
                        sort if sort in SORT_LABELS else "relevance")


def error_position(q: str, exc: QueryError) -> dict | None:
    """The query split around the faulty character, to point at it."""
    if exc.position is None or not q:
        return None
    at = min(exc.position, len(q))
    return {"before": q[:at], "at": q[at:at + 1] or " ", "after": q[at + 1:]}
