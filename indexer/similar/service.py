"""Wires the similar-case steps to a corpus store and a search backend.

1. the fact's most informative bigrams (by the charge model's idf) form a BM25 OR query;
2. the pool is the best BM25 hits plus the best hits among cases with a predicted charge;
3. the query's charge beliefs blend the classifier with the charges of the nearest BM25 hits
   (the corpus's own judgments vote), never with anything the caller passed in;
4. rank.rank orders the pool; explain.explanation says why.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from casebook.record import Record
from indexer.extract.criminal_charges import charge_at
from indexer.query import Or, Term

from .classify import ChargeModel, shipped_model
from .elements import Element, elements
from .explain import explanation
from .rank import Candidate, QueryFeatures, Scored, Weights, rank
from .vectors import bigrams

_MENTION = re.compile(r"(?:犯|构成|以|涉嫌|“)(?=[^，。；;]{2,42}?罪)")
TEXT_LIMIT = 6000  # characters of a case read for elements and passages


@dataclass(frozen=True)
class Settings:
    pool: int = 300
    per_charge_pool: int = 300
    query_terms: int = 400
    neighbours: int = 10
    model_share: float = 0.5
    charges_kept: int = 4
    weights: Weights = field(default_factory=Weights)


def query_terms(fact: str, idf: dict[str, float], count: int) -> list[str]:
    """The `count` bigrams with the highest tf·idf (unknown bigrams count as rare)."""
    tf = Counter(bigrams(fact))
    top = max(idf.values(), default=1.0)
    return sorted(tf, key=lambda t: (-tf[t] * idf.get(t, top), t))[:count]


def text_hits(backend, terms: list[str], filters: dict | None, limit: int) -> list[tuple[str, float]]:
    if not terms:
        return []
    return backend.search(Or(tuple(Term(t) for t in terms)), filters or {}, (), "relevance", limit, 0).hits


def record_charges(record: Record) -> list[str]:
    """The record's charges; for records without any, the charges its text names (犯/构成/以…罪)."""
    if record.charges:
        return list(record.charges)
    found = []
    for match in _MENTION.finditer(record.full_text or ""):
        charge, _ = charge_at(record.full_text, match.end())
        if charge and charge not in found:
            found.append(charge)
    return found


def case_text(record: Record) -> str:
    return ((record.sections or {}).get("facts") or record.full_text or "")[:TEXT_LIMIT]


def candidate(record: Record, score: float) -> Candidate:
    text = case_text(record)
    return Candidate(record.id, record.title or "", text, record_charges(record),
                     {e.tag: e for e in elements(text)}, score)


def charge_beliefs(predicted: list[tuple[str, float]], neighbours: list[Candidate], share: float,
                   kept: int) -> dict[str, float]:
    """Blend of the classifier's scores and the neighbours' BM25-weighted charge votes, best = 1."""
    out: Counter = Counter()
    best = max((s for _, s in predicted), default=0.0)
    for charge, score in predicted:
        out[charge] += share * score / best if best > 0 else 0.0
    total = sum(n.text_score for n in neighbours)
    for n in neighbours:
        for charge in n.charges:
            out[charge] += (1 - share) * n.text_score / total / max(len(n.charges), 1) if total else 0.0
    top = out.most_common(kept)
    peak = top[0][1] if top else 0.0
    return {c: v / peak for c, v in top if v > 0} if peak else {}


@dataclass
class Gathered:
    """What the store and index say about one fact: the pool, the neighbours, the model's guesses."""

    fact: str
    elements: dict[str, Element]
    predicted: list[tuple[str, float]]
    neighbours: list[Candidate]
    cases: dict[str, Candidate]


def gather(store, backend, fact: str, model: ChargeModel | None = None, settings: Settings = Settings(),
           exclude: frozenset[str] = frozenset()) -> Gathered:
    model = model or shipped_model()
    terms = query_terms(fact, model.idf, settings.query_terms)
    cases = _load(store, dict(text_hits(backend, terms, None, settings.pool)), exclude)
    neighbours = sorted(cases.values(), key=lambda c: (-c.text_score, c.id))[: settings.neighbours]
    predicted = model.predict_scores(fact, settings.charges_kept)
    beliefs = charge_beliefs(predicted, neighbours, settings.model_share, settings.charges_kept)
    if beliefs:
        extra = dict(text_hits(backend, terms, {"charges": list(beliefs)}, settings.per_charge_pool))
        cases.update(_load(store, {k: v for k, v in extra.items() if k not in cases}, exclude))
    return Gathered(fact, {e.tag: e for e in elements(fact)}, predicted, neighbours, cases)


def rank_gathered(found: Gathered, settings: Settings = Settings(), limit: int | None = None
                  ) -> tuple[QueryFeatures, list[Scored]]:
    beliefs = charge_beliefs(found.predicted, found.neighbours, settings.model_share, settings.charges_kept)
    query = QueryFeatures(found.fact, beliefs, found.elements)
    return query, rank(query, list(found.cases.values()), settings.weights)[:limit]


def similar(store, backend, fact: str, limit: int = 10, model: ChargeModel | None = None,
            settings: Settings = Settings(), exclude: frozenset[str] = frozenset()) -> tuple[QueryFeatures, list[Scored]]:
    """The query's features and the `limit` most similar cases of the corpus, best first."""
    return rank_gathered(gather(store, backend, fact, model, settings, exclude), settings, limit)


def _load(store, hits: dict[str, float], exclude: frozenset[str]) -> dict[str, Candidate]:
    out = {}
    for doc_id, score in hits.items():
        record = None if doc_id in exclude else store.get(doc_id)
        if record is not None:
            out[doc_id] = candidate(record, score)
    return out


def hits_json(query: QueryFeatures, scored: list[Scored]) -> dict:
    return {
        "query": {"charges": [{"charge": c, "belief": round(b, 3)} for c, b in query.charges.items()],
                  "elements": [{"element": e.tag, "passage": e.passage} for e in query.elements.values()]},
        "hits": [{"id": s.candidate.id, "title": s.candidate.title, "charges": s.candidate.charges,
                  "score": round(s.score, 4), "why": explanation(query, s)} for s in scored],
    }
