"""Ranking: structural agreement (charges, statutes, elements) combined with text similarity.

Pure functions: the caller supplies the query's features and the candidates' features (with their
BM25 score from the search backend); nothing here reads a store or an index.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

from indexer.reference import charge_articles

from .elements import DEGREE_FAMILIES, Element, family


@dataclass
class QueryFeatures:
    text: str
    charges: dict[str, float]  # predicted charge → belief in [0, 1], the best one 1
    elements: dict[str, Element]


@dataclass
class Candidate:
    id: str
    title: str
    text: str
    charges: list[str]
    elements: dict[str, Element]
    text_score: float  # BM25 of the query's bigrams against the candidate's text


@dataclass(frozen=True)
class Weights:
    charge: float = 1.0
    statute: float = 0.3
    element: float = 0.6
    conflict: float = 0.3
    text: float = 1.0


@dataclass
class Scored:
    candidate: Candidate
    score: float
    parts: dict[str, float] = field(default_factory=dict)


def charge_agreement(beliefs: dict[str, float], charges: list[str]) -> float:
    """Half the best belief among the case's charges, half their mean (extra charges dilute)."""
    if not charges or not beliefs:
        return 0.0
    values = [beliefs.get(c, 0.0) for c in charges]
    return 0.5 * max(values) + 0.5 * sum(values) / len(values)


def article_beliefs(beliefs: dict[str, float]) -> dict[str, float]:
    """Belief per Criminal Law article: 贩卖毒品 and 运输毒品 share article 347."""
    out: dict[str, float] = {}
    for charge, belief in beliefs.items():
        article = charge_articles().get(charge)
        if article:
            out[article] = max(out.get(article, 0.0), belief)
    return out


def statute_agreement(articles: dict[str, float], charges: list[str]) -> float:
    return max((articles.get(charge_articles().get(c, ""), 0.0) for c in charges), default=0.0)


def element_agreement(query: dict[str, Element], case: dict[str, Element]) -> tuple[float, float]:
    """(cosine of the two tag sets, share of degree families where both differ)."""
    if not query or not case:
        return 0.0, 0.0
    shared = len(query.keys() & case.keys())
    cosine = shared / math.sqrt(len(query) * len(case))
    q_degrees = {family(t): t for t in query if family(t) in DEGREE_FAMILIES}
    c_degrees = {family(t): t for t in case if family(t) in DEGREE_FAMILIES}
    both = q_degrees.keys() & c_degrees.keys()
    conflicts = sum(1 for f in both if q_degrees[f] != c_degrees[f])
    return cosine, conflicts / len(DEGREE_FAMILIES)


def rank(query: QueryFeatures, candidates: list[Candidate], weights: Weights = Weights()) -> list[Scored]:
    """Candidates best first; BM25 is scaled by the best candidate's so the weights are comparable."""
    top_text = max((c.text_score for c in candidates), default=0.0) or 1.0
    articles = article_beliefs(query.charges)
    scored = []
    for cand in candidates:
        elem, conflict = element_agreement(query.elements, cand.elements)
        parts = {
            "charge": charge_agreement(query.charges, cand.charges),
            "statute": statute_agreement(articles, cand.charges),
            "element": elem,
            "conflict": -conflict,
            "text": cand.text_score / top_text,
        }
        total = sum(getattr(weights, name) * value for name, value in parts.items())
        scored.append(Scored(cand, total, parts))
    scored.sort(key=lambda s: (-s.score, s.candidate.id))
    return scored
