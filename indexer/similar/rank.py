"""Ranking: a learned linear combination of charge, statute, element and text agreement, vectorised.

Charge agreement counts shared charges and, through the corpus's charge co-occurrence
(`Features.affinity`), related ones: LeCaRD's annotators grade many cases of a neighbouring
charge (受贿 for 非国家工作人员受贿, 开设赌场 for 赌博) as fully similar.

Pure functions over numpy arrays: the caller supplies the query (charge beliefs, element tags,
amount band) and the pool's rows in the feature store with their BM25 scores; nothing here
reads a store or an index.  The weights are learned from LeCaRD's graded labels by pairwise
logistic regression (training.py) and shipped as `indexer/data/similar_ranker.json`.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
from scipy import sparse

from indexer.reference import charge_articles

from .features import Features, charge_column, charge_vocabulary, tag_bit

RANKER_PATH = Path(__file__).resolve().parents[1] / "data" / "similar_ranker.json"
FEATURES = ("charge_max", "charge_mean", "charge_cover", "charge_exact", "statute", "extra_charges",
            "charge_related", "tags_shared", "tags_extra", "tags_missing", "injury_conflict", "band_distance",
            "bm25", "bm25_rank")
_INJURY = ("伤情:死亡", "伤情:重伤", "伤情:轻伤", "伤情:轻微伤")


@dataclass
class Query:
    text: str
    charges: dict[str, float]  # predicted charge → belief in [0, 1], the best one 1
    tags: np.uint64
    band: int  # -1 without an amount
    kind: str = "刑事"  # 刑事: `charges` holds charges; 民事 or 行政: 案由


@cache
def article_matrix() -> sparse.csr_matrix:
    """charge_vocabulary() × articles, 1 where the charge is defined by the article."""
    articles = sorted({a for a in charge_articles().values()})
    col = {a: i for i, a in enumerate(articles)}
    rows = [(i, col[charge_articles()[c]]) for i, c in enumerate(charge_vocabulary()) if c in charge_articles()]
    data = np.ones(len(rows), dtype=np.float32)
    return sparse.csr_matrix((data, ([r for r, _ in rows], [c for _, c in rows])),
                             shape=(len(charge_vocabulary()), len(articles)))


def belief_vector(beliefs: dict[str, float]) -> np.ndarray:
    out = np.zeros(len(charge_vocabulary()), dtype=np.float32)
    for charge, belief in beliefs.items():
        if charge in charge_column():
            out[charge_column()[charge]] = belief
    return out


def _popcount(masks: np.ndarray) -> np.ndarray:
    return np.bitwise_count(masks).astype(np.float32)


def injury_masks() -> tuple[np.uint64, ...]:
    return tuple(np.uint64(1 << tag_bit()[t]) for t in _INJURY)


def feature_matrix(query: Query, store: Features, rows: np.ndarray, bm25: np.ndarray) -> np.ndarray:
    """rows × FEATURES for the pool `rows`; `bm25` is each row's BM25 score (0 outside the hits)."""
    charges = store.charges[rows]
    beliefs = belief_vector(query.charges)
    count = np.diff(charges.indptr).astype(np.float32)
    total = charges @ beliefs
    strong = (beliefs >= 0.5).astype(np.float32)
    shared_strong = charges @ strong
    charge_max = np.asarray(charges.multiply(beliefs[None, :]).max(axis=1).todense()).ravel()
    art_query = (article_matrix().T @ beliefs) > 0
    art_case = (charges @ article_matrix()).tocsr()
    statute = np.asarray(art_case.multiply(art_query[None, :].astype(np.float32)).max(axis=1).todense()).ravel()
    exact = (shared_strong == strong.sum()) & (count == strong.sum())
    related = np.asarray(charges.multiply((store.affinity @ beliefs)[None, :]).max(axis=1).todense()).ravel()
    tags = store.tags[rows]
    q = np.uint64(query.tags)
    q_count = max(int(np.bitwise_count(q)), 1)
    injury = np.zeros(len(rows), dtype=np.float32)
    q_injury = [bool(q & m) for m in injury_masks()]
    if any(q_injury):
        has = np.stack([(tags & m) > 0 for m in injury_masks()], axis=1)
        injury = (has.any(axis=1) & ~has[:, q_injury.index(True)]).astype(np.float32)
    bands = store.bands[rows].astype(np.float32)
    band_distance = np.where((bands >= 0) & (query.band >= 0), np.abs(bands - query.band), 0.0) / 5
    top = bm25.max() if len(bm25) and bm25.max() > 0 else 1.0
    order = np.argsort(-bm25, kind="stable")
    rank = np.empty(len(bm25), dtype=np.float32)
    rank[order] = np.arange(len(bm25))
    bm25_rank = np.where(bm25 > 0, 1 / np.log2(rank + 2), 0.0)
    return np.column_stack([
        charge_max, total / np.maximum(count, 1), shared_strong / max(strong.sum(), 1), exact, statute,
        np.maximum(count - shared_strong, 0) / 3, related,
        _popcount(tags & q) / q_count, _popcount(tags & ~q) / 8, _popcount(~tags & q) / q_count,
        injury, band_distance, bm25 / top, bm25_rank,
    ]).astype(np.float32)


@dataclass(frozen=True)
class Ranker:
    weights: dict[str, float]

    def vector(self) -> np.ndarray:
        return np.array([self.weights.get(f, 0.0) for f in FEATURES], dtype=np.float32)

    def scores(self, matrix: np.ndarray) -> np.ndarray:
        return matrix @ self.vector()

    def save(self, path: Path = RANKER_PATH) -> None:
        path.write_text(json.dumps({"features": list(FEATURES), "weights": self.weights}, indent=1) + "\n",
                        encoding="utf-8")

    @classmethod
    def load(cls, path: Path = RANKER_PATH) -> "Ranker":
        return cls(json.loads(path.read_text(encoding="utf-8"))["weights"])


@cache
def shipped_ranker() -> Ranker:
    return Ranker.load()


def fit(groups: list[tuple[np.ndarray, np.ndarray]], c: float = 1.0) -> Ranker:
    """Pairwise logistic regression: within each query, every pair of different grades is one example."""
    from sklearn.linear_model import LogisticRegression

    diffs = []
    for matrix, grades in groups:
        i, j = np.nonzero(grades[:, None] > grades[None, :])
        diffs.append(matrix[i] - matrix[j])
    x = np.vstack(diffs)
    x = np.vstack([x, -x])
    y = np.r_[np.ones(len(x) // 2), np.zeros(len(x) // 2)]
    model = LogisticRegression(C=c, fit_intercept=False, max_iter=1000).fit(x, y)
    return Ranker({f: round(float(w), 4) for f, w in zip(FEATURES, model.coef_.ravel())})
