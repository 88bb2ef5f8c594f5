"""Related cases side by side: in a relevance-ranked list, a matching case that cites a hit (or that
a hit cites: a criminal judgment and the civil suit that relied on it, a first instance and its
appeal) is shown right after it, within the first `WINDOW` positions.

The order stays deterministic for a given query, so pages stay stable: the grouped head of
`WINDOW` hits comes first, then the backend's order with the head's members left out.
"""
from __future__ import annotations

from .backends.base import Backend
from .query import And, Match, Node, Or

WINDOW = 30
MAX_PARTNERS = 3


def grouped_hits(backend: Backend, query: Node, filters: dict, facets, limit: int, offset: int, rank=None):
    """(BackendResult of the base search, the page of (id, score), stored payloads of the page).

    `rank(head, stored) -> head` may re-order the head (authority and recency) before grouping.
    """
    base = backend.search(query, filters, facets, "relevance", max(WINDOW, offset + limit), 0)
    head = base.hits[:WINDOW]
    stored = backend.stored([i for i, _ in head])
    if rank is not None:
        head = rank(head, stored)
    partners = find_partners(backend, query, filters, stored)
    order = group(head, stored, partners)
    taken = {i for i, _ in order}
    rest = base.hits[WINDOW:]
    if offset + limit > len(order) and base.total > len(base.hits):
        rest = backend.search(query, filters, (), "relevance", offset + limit + len(partners), 0).hits[WINDOW:]
    ranked = order + [h for h in rest if h[0] not in taken]
    page = ranked[offset : offset + limit]
    stored.update({i: doc for i, (_, doc) in partners.items()})
    missing = [i for i, _ in page if i not in stored]
    stored.update(backend.stored(missing))
    return base, page, stored


def links(doc: dict) -> frozenset[str]:
    return frozenset(doc.get("related_cases") or []) | ({doc["case_number"]} if doc.get("case_number") else set())


def find_partners(backend: Backend, query: Node, filters: dict, stored: dict) -> dict[str, tuple[float, dict]]:
    """Matching documents linked to the head by case number, either way: {id: (score, payload)}."""
    cited = {n for doc in stored.values() for n in doc.get("related_cases") or []}
    own = {doc["case_number"] for doc in stored.values() if doc.get("case_number")}
    link = Or(tuple([Match("case_number", n) for n in sorted(cited)] + [Match("related_cases", n) for n in sorted(own)]))
    if not link.items:
        return {}
    # the few linked cases lead the intersection: tantivy walks an AND in clause order, and starting
    # from a broad query would re-run its phrase matching over every match
    found = backend.search(And((link, query)), filters, (), "relevance", WINDOW, 0)
    fresh = [i for i, _ in found.hits if i not in stored]
    payloads = backend.stored(fresh)
    return {i: (score, payloads[i]) for i, score in found.hits if i in payloads}


def group(head: list[tuple[str, float]], stored: dict, partners: dict) -> list[tuple[str, float]]:
    """The head in order, each hit followed by its not-yet-shown linked matches (best first)."""
    pool = {i: (s, links(stored[i])) for i, s in head if i in stored}
    pool |= {i: (s, links(d)) for i, (s, d) in partners.items()}
    order, shown = [], set()
    for doc_id, score in head:
        if doc_id in shown:
            continue
        order.append((doc_id, score))
        shown.add(doc_id)
        mine = pool.get(doc_id, (0.0, frozenset()))[1]
        if not mine:
            continue
        linked = [(i, s) for i, (s, theirs) in pool.items() if i not in shown and mine & theirs]
        for partner in sorted(linked, key=lambda p: -p[1])[:MAX_PARTNERS]:
            order.append(partner)
            shown.add(partner[0])
    return order
