"""Wires the similar-case steps to a corpus store and a search backend.

1. the fact's most informative bigrams (by the charge model's idf) form a BM25 OR query;
2. the query's charge beliefs blend the classifier with the charges of the nearest BM25 hits
   (the corpus's own judgments vote), never with anything the caller passed in but a corpus case's
   own type and labels when the search starts from one (`Known`); a fact that reads
   as a civil or administrative case (causes.fact_kind) has 案由 beliefs instead, pooled and ranked
   the same way (features count a civil case's causes as its charges);
3. the pool is every case that carries a believed charge (feature store) plus the BM25 hits,
   so no case of the right charge is missed for lack of shared words;
4. rank.feature_matrix + the learned weights score the whole pool at once; explain says why.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import numpy as np

from indexer.query import Or, Term
from indexer.reference import charge_articles

from .causes import fact_kind, predicted_causes, record_kind
from .cues import cause_table, charge_table
from .classify import ChargeModel, shipped_model
from .elements import elements
from .explain import explanation
from .features import Features, band_of, case_text, features_for, record_charges, tag_mask
from .rank import FEATURES, Query, Ranker, feature_matrix, shipped_ranker
from .vectors import bigrams


@dataclass(frozen=True)
class Settings:
    bm25_hits: int = 1000
    query_terms: int = 300
    neighbours: int = 10
    model_share: float = 0.5
    charges_kept: int = 3
    # extra weight on the BM25 rank: keeps the pool setting (unlabelled = 0) at or above plain BM25
    bm25_boost: float = 8.0


def query_terms(fact: str, model: ChargeModel, count: int) -> list[str]:
    """The `count` bigrams with the highest tf·idf (unknown bigrams count as rare)."""
    vocab, idf = model.vec.vocabulary_, model.vec.idf_
    top = float(idf.max())
    tf = Counter(bigrams(fact))
    weight = {t: n * (float(idf[vocab[t]]) if t in vocab else top) for t, n in tf.items()}
    return sorted(weight, key=lambda t: (-weight[t], t))[:count]


def text_hits(backend, terms: list[str], limit: int) -> list[tuple[str, float]]:
    if not terms:
        return []
    return backend.search(Or(tuple(Term(t) for t in terms)), {}, (), "relevance", limit, 0).hits


def charge_beliefs(predicted: list[tuple[str, float]], neighbour_charges: list[list[str]], share: float,
                   kept: int) -> dict[str, float]:
    """Blend of the classifier's ranking and the nearest hits' charge votes, best = 1."""
    out: Counter = Counter()
    for rank, (charge, _) in enumerate(predicted):
        out[charge] += share / (rank + 1)
    for charges in neighbour_charges:
        for charge in charges:
            out[charge] += (1 - share) / len(neighbour_charges) / len(charges)
    top = out.most_common(kept)
    peak = top[0][1] if top else 0.0
    return {c: v / peak for c, v in top if v > 0} if peak else {}


def guesses(fact: str, kind: str, model: ChargeModel, count: int) -> list[tuple[str, float]]:
    """The classifier's best charges for a criminal fact; the likeliest 案由 for another kind."""
    if kind == "刑事":
        return model.ranked(fact, count)
    return [(cause, 0.0) for cause in predicted_causes(fact, kind, count)]


def guessed_beliefs(fact: str, kind: str, model: ChargeModel, settings: Settings,
                    nearest: list[list[str]]) -> dict[str, float]:
    """The guesses for `fact` blended with the labels of its nearest hits that are of its kind."""
    neighbours = [labels for labels in (of_kind(names, kind) for names in nearest) if labels]
    return charge_beliefs(guesses(fact, kind, model, settings.charges_kept), neighbours, settings.model_share,
                          settings.charges_kept)


def of_kind(labels: list[str], kind: str) -> list[str]:
    """The charges (criminal facts) or the causes (civil, administrative) among a case's labels."""
    return [label for label in labels if (label in charge_articles()) == (kind == "刑事")]


@dataclass
class Gathered:
    """One fact's query features and its scored pool (rows of the feature store)."""

    query: Query
    features: Features
    rows: np.ndarray
    bm25: np.ndarray
    matrix: np.ndarray


@dataclass(frozen=True)
class Known:
    """What a corpus case says of itself, used instead of guesses from its facts (which may belie it:
    a civil judgment's facts often retell the crime it follows): its kind and its charges or 案由."""

    kind: str | None
    labels: tuple[str, ...]

    @classmethod
    def of(cls, record) -> "Known":
        return cls(record_kind(record), tuple(record_charges(record)))


def gather(store, backend, fact: str, model: ChargeModel | None = None, settings: Settings = Settings(),
           exclude: frozenset[str] = frozenset(), features: Features | None = None,
           known: Known | None = None) -> Gathered:
    """The fact's query features and its scored pool (beliefs guessed from the fact unless `known`)."""
    model = model or shipped_model()
    features = features or features_for(store)
    hits = [(features.row[d], s) for d, s in text_hits(backend, query_terms(fact, model, settings.query_terms),
                                                        settings.bm25_hits) if d in features.row and d not in exclude]
    kind = (known and known.kind) or fact_kind(fact)
    nearest = [features.charge_names(r) for r, _ in hits[: settings.neighbours]]
    beliefs = dict.fromkeys(known.labels, 1.0) if known and known.labels else \
        guessed_beliefs(fact, kind, model, settings, nearest)
    tags = {e.tag for e in elements(fact)}
    query = Query(fact, beliefs, tag_mask(tags), band_of(tags), kind)
    scores = dict(hits)
    extra = [r for r in features.rows_with(list(beliefs)).tolist() if r not in scores]
    excluded = {features.row[d] for d in exclude if d in features.row}
    rows = np.array([r for r, _ in hits] + [r for r in extra if r not in excluded], dtype=np.int64)
    bm25 = np.array([s for _, s in hits] + [0.0] * (len(rows) - len(hits)), dtype=np.float32)
    return Gathered(query, features, rows, bm25, feature_matrix(query, features, rows, bm25))


def ordered(found: Gathered, ranker: Ranker | None = None, settings: Settings = Settings(),
            limit: int | None = None) -> list[tuple[str, float, dict[str, float]]]:
    """[(case id, score, feature values)] best first."""
    scores = (ranker or shipped_ranker()).scores(found.matrix)
    scores = scores + settings.bm25_boost * found.matrix[:, FEATURES.index("bm25_rank")]
    ids = found.features.ids[found.rows]
    order = np.lexsort((ids, -scores))[:limit]
    return [(str(ids[i]), float(scores[i]), found.matrix[i]) for i in order]


def similar(store, backend, fact: str, limit: int = 10, model: ChargeModel | None = None,
            settings: Settings = Settings(), exclude: frozenset[str] = frozenset(), known: Known | None = None):
    """(the query's features, [(case id, score, feature values)] of the `limit` most similar cases)."""
    found = gather(store, backend, fact, model, settings, exclude, known=known)
    return found.query, ordered(found, None, settings, limit)


def hits_json(store, query: Query, ranked: list[tuple[str, float, np.ndarray]]) -> dict:
    records = {r.id: r for r in store.get_many([doc for doc, _, _ in ranked])}
    query_elements = {e.tag: e for e in elements(query.text)}
    hits = []
    for doc, score, values in ranked:
        record = records[doc]
        hits.append({"id": doc, "title": record.title or "", "charges": list(record.charges or []),
                     "score": round(score, 4),
                     "why": explanation(query, query_elements, record_charges(record), case_text(record), values)})
    criminal = query.kind == "刑事"
    table = charge_table() if criminal else cause_table(query.kind)
    return {"query": {"kind": query.kind, "causes": [] if criminal else list(query.charges),
                      "charges": [{"charge": c, "belief": round(b, 3)} for c, b in query.charges.items() if criminal],
                      "cues": table.cues_of(query.text, query.charges),
                      "elements": [{"element": e.tag, "passage": e.passage} for e in query_elements.values()]},
            "hits": hits}
