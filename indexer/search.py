"""The search service: query text + filters → the search JSON the CLI and the API share."""
from __future__ import annotations

from .backends.base import SORTS, Backend
from .fields import FACET_FIELDS, KEYWORD_FIELDS, NUMERIC_FIELDS, FIELD_ALIASES, normalise_value
from .grouping import grouped_hits
from .highlight import query_words, snippet
from .proximity import contains_near, satisfied
from .ranking import Pending, rerank
from .query import All, And, Match, Near, Not, Or, Phrase, QueryError, Term, parse

MAX_LIMIT = 200
MAX_NEAR_CANDIDATES = 20_000


def parse_filters(pairs: dict[str, list[str]]) -> dict[str, list[str]]:
    """Validate and normalise filters {field: [values]} (Chinese field names accepted)."""
    out: dict[str, list[str]] = {}
    for raw, values in pairs.items():
        name = FIELD_ALIASES.get(raw, raw)
        if name not in KEYWORD_FIELDS and name not in NUMERIC_FIELDS:
            raise QueryError(f"未知的筛选字段“{raw}”", None, "可用：" + "、".join(KEYWORD_FIELDS))
        clean = [normalise_value(name, v) for v in values if v.strip()]
        if name in NUMERIC_FIELDS and name not in KEYWORD_FIELDS:
            clean = [number_value(name, v) for v in clean]
        if clean:
            out[name] = clean
    return out


def number_value(name: str, value: str) -> str:
    try:
        return str(float(value.replace(",", "")))
    except ValueError:
        raise QueryError(f"筛选条件 {name} 的值“{value}”不是数字", None, "如 amount=20000") from None


def search(
    backend: Backend,
    q: str,
    filters: dict[str, list[str]] | None = None,
    limit: int = 10,
    offset: int = 0,
    sort: str = "relevance",
    facets=FACET_FIELDS,
    ranking: dict | None = None,
    court: str | None = None,
    explain: bool = False,
) -> dict:
    """Run one search: {"total", "hits": [...], "facets": {...}}; QueryError on bad input.

    `ranking` overrides indexer.ranking.DEFAULTS (config.yaml `ranking:`); `court` is the pending
    case's court code, for the guidance's "court above and this court" tier; `explain` adds to each
    hit how its score was made.
    """
    if sort not in SORTS:
        raise QueryError(f"未知的排序方式“{sort}”", None, "可用：" + "、".join(SORTS))
    if not 0 <= limit <= MAX_LIMIT or offset < 0:
        raise QueryError(f"limit 须在 0–{MAX_LIMIT} 之间，offset 不能为负", None, None)
    ast, chosen = parse(q), parse_filters(filters or {})
    words = query_words(ast)
    ast = without_negated_near(backend, ast, chosen)
    query = with_titles(ast)
    if sort == "relevance" and isinstance(ast, All):
        sort = "date_desc"  # no words to rank by: newest first
    if contains_near(ast):
        chosen["id"] = near_matches(backend, ast, query, chosen)
        if not chosen["id"]:
            return {"total": 0, "hits": [], "facets": {name: {} for name in facets}}
    why: dict[str, dict] = {}
    if sort == "relevance":
        ranker = authority_ranker(ranking, Pending.from_code(court), why)
        result, page, stored = grouped_hits(backend, query, chosen, facets, limit, offset, ranker)
    else:
        result = backend.search(query, chosen, facets, sort, limit, offset)
        page, stored = result.hits, backend.stored([doc_id for doc_id, _ in result.hits])
    hits = [hit(stored.get(doc_id, {"id": doc_id}), score, words) for doc_id, score in page]
    if explain:
        for item in hits:
            item["explanation"] = why.get(item["id"])
    return {"total": result.total, "hits": hits, "facets": result.facets}


def authority_ranker(options: dict | None, pending: Pending | None, why: dict):
    """The head re-ordering of indexer.ranking, keeping each hit's explanation in `why`."""
    def rank(head, stored):
        ordered, explanations = rerank(head, stored, options, pending)
        why.update(explanations)
        return ordered

    return rank


def near_matches(backend: Backend, ast, query, filters: dict) -> list[str]:
    """Ids of the candidates whose text really has both sides of each /s or /p in one sentence/paragraph."""
    total = backend.search(query, filters, (), "relevance", 0, 0).total
    if total > MAX_NEAR_CANDIDATES:
        raise QueryError(f"同句/同段检索的候选文书过多（{total} 件）", None, "请增加检索词或筛选条件缩小范围")
    ids = [doc_id for doc_id, _ in backend.search(query, filters, (), "relevance", total, 0).hits]
    stored = backend.stored(ids)
    return [doc_id for doc_id in ids if satisfied(ast, stored.get(doc_id, {}).get("text", ""))]


def without_negated_near(backend: Backend, node, filters: dict):
    """`node` with each NOT over a /s or /p replaced by NOT(the ids its inside really matches).

    The backends read /s and /p as AND, which is right where they must find every candidate but
    wrong under NOT: NOT (A /s B) would drop every document holding A and B in different sentences.
    """
    if isinstance(node, Not) and contains_near(node.item):
        inner = without_negated_near(backend, node.item, filters)
        ids = near_matches(backend, inner, with_titles(inner), filters)
        return Not(Or(tuple(Match("id", doc_id) for doc_id in ids))) if ids else All()
    if isinstance(node, (And, Or)):
        return type(node)(tuple(without_negated_near(backend, item, filters) for item in node.items))
    return node


def with_titles(node):
    """Unscoped words also match the title, so a case whose heading names them ranks higher."""
    if isinstance(node, (Term, Phrase)) and node.field == "text":
        return Or((node, type(node)(**{**node.__dict__, "field": "title"})))
    if isinstance(node, (And, Or)):
        return type(node)(tuple(with_titles(item) for item in node.items))
    if isinstance(node, Not):
        return Not(with_titles(node.item))
    if isinstance(node, Near):
        return Near(with_titles(node.left), with_titles(node.right), node.unit)
    return node


def hit(doc: dict, score: float, words: list[str]) -> dict:
    return {
        "id": doc["id"],
        "title": doc.get("title"),
        "case_number": doc.get("case_number"),
        "court": doc.get("court"),
        "date": doc.get("date"),
        "score": round(score, 4),
        "snippet": snippet(doc.get("text", ""), words),
        "kind": doc.get("kind"),
        "sample": doc.get("sample", False),
    }
