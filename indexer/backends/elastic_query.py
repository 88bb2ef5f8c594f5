"""Query AST → Elasticsearch/OpenSearch query DSL, filters, sorts and facet aggregations.

The cluster analyses text exactly as `indexer.analysis` does (elastic_mapping.ANALYZER), so a
Term or Phrase becomes a `match_phrase` on its field: several bigram tokens are a phrase, as in
the embedded backends. The tokens are still computed here to mirror their edge cases (text
without tokens matches everything; one token is a plain term).
"""
from __future__ import annotations

from typing import Sequence

from ..analysis import tokens
from ..fields import KEYWORD_FIELDS
from ..query import All, And, Match, Near, Node, Not, Or, Phrase, Range, Term

NUMERIC = {"year": "year_num", "amount": "amount"}
FACET_SIZE = 65_000  # larger than any facet's distinct values, so bucket counts are exact
TIEBREAK = {"id": "asc"}
SORTS = {
    "relevance": [{"_score": "desc"}, TIEBREAK],
    "date_desc": [{"date_num": "desc"}, TIEBREAK],
    "date_asc": [{"date_num": "asc"}, TIEBREAK],
    "amount_desc": [{"amount_max": "desc"}, TIEBREAK],
}
MATCH_ALL = {"match_all": {}}


def translate(node: Node) -> dict:
    if isinstance(node, All):
        return MATCH_ALL
    if isinstance(node, (Term, Phrase)):
        return text_query(node)
    if isinstance(node, Match):
        return {"term": {node.field: node.value}}
    if isinstance(node, Range):
        return range_query(node)
    if isinstance(node, Near):
        return translate(And((node.left, node.right)))
    if isinstance(node, Not):
        return {"bool": {"must": [MATCH_ALL], "must_not": [translate(node.item)]}}
    if isinstance(node, Or) and all(isinstance(i, Match) and i.field == node.items[0].field for i in node.items):
        return {"terms": {node.items[0].field: [item.value for item in node.items]}}  # no clause limit
    if isinstance(node, Or):
        return {"bool": {"should": [translate(item) for item in node.items], "minimum_should_match": 1}}
    must = [translate(item) for item in node.items if not isinstance(item, Not)] or [MATCH_ALL]
    must_not = [translate(item.item) for item in node.items if isinstance(item, Not)]
    return {"bool": {"must": must, "must_not": must_not} if must_not else {"must": must}}


def text_query(node: Term | Phrase) -> dict:
    words = tokens(node.text)
    if not words:
        return MATCH_ALL
    if len(words) == 1:
        return {"term": {node.field: words[0]}}
    slop = node.slop if isinstance(node, Phrase) else 0
    return {"match_phrase": {node.field: {"query": node.text, "slop": slop}}}


def range_query(node: Range) -> dict:
    field = NUMERIC[node.field]
    cast = int if field == "year_num" else float
    bounds = {}
    if node.low is not None:
        bounds["gte"] = cast(node.low)
    if node.high is not None:
        bounds["lte"] = cast(node.high)
    return {"range": {field: bounds}}


def filter_clauses(filters: dict[str, list[str]]) -> list[dict]:
    """One clause per field, OR across its values (as the embedded backends filter)."""
    clauses = []
    for name, values in filters.items():
        if name in NUMERIC and name not in KEYWORD_FIELDS:
            ors = [range_query(Range(name, float(v), float(v))) for v in values]
            clauses.append({"bool": {"should": ors, "minimum_should_match": 1}})
        else:
            clauses.append({"terms": {name: list(values)}})
    return clauses


def search_query(query: Node, filters: dict[str, list[str]] | None) -> dict:
    clauses = filter_clauses(filters or {})
    if not clauses:
        return translate(query)
    return {"bool": {"must": [translate(query)], "filter": clauses}}


def facet_aggs(names: Sequence[str]) -> dict:
    return {name: {"terms": {"field": name, "size": FACET_SIZE, "shard_size": FACET_SIZE}} for name in names}


def facet_counts(aggregations: dict, names: Sequence[str]) -> dict[str, dict[str, int]]:
    """Buckets as {value: count}, most frequent first and ties by value (as every backend orders them)."""
    out = {}
    for name in names:
        pairs = [(str(b["key"]), b["doc_count"]) for b in aggregations[name]["buckets"]]
        out[name] = dict(sorted(pairs, key=lambda kv: (-kv[1], kv[0])))
    return out
