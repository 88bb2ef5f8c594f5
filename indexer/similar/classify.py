"""Charge prediction from a fact description: learned charge prototypes + the official charge names.

Charges seen in training have perceptron weights over TF-IDF bigram vectors.  Every official charge
also has a name prototype (the Han bigrams of its name, 走私、贩卖、运输、制造毒品 → 走私 贩卖 运输 制造
毒品), so a charge never seen in training can still win when a fact describes its acts.  A charge
scores weights·fact + name_weight × name coverage + rule bonus (rules.py); the best charge is
predicted, and each further charge whose score reaches `ratio` × the best one's.
"""
from __future__ import annotations

import gzip
import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np

from indexer.reference import charge_articles

from .rules import rule_bonus
from .vectors import Vector, bigrams, document_frequencies, dot, idf_table, tfidf

MODEL_PATH = Path(__file__).resolve().parents[1] / "data" / "charge_model.json.gz"
WEIGHTS_SIZE = 600
MARGIN = 0.1
# Bigrams of charge names that say nothing about the acts (非法, 罪名 framing, 人员).
_GENERIC = {"非法", "人员", "国家", "他人", "物品", "犯罪", "工作", "单位", "公司", "企业", "管理", "财物"}


@dataclass
class ChargeModel:
    idf: dict[str, float]
    weights: dict[str, Vector]
    name_weight: float = 0.35
    rule_weight: float = 0.6
    ratio: float = 0.75
    floor: float = 0.2
    priors: dict[str, int] = field(default_factory=dict)

    def scores(self, fact: str) -> dict[str, float]:
        """charge → score for every official charge with any evidence in `fact`."""
        vec = tfidf(fact, self.idf)
        present = set(bigrams(fact))
        out: dict[str, float] = defaultdict(float)
        for charge, weight_vec in self.weights.items():
            out[charge] += dot(vec, weight_vec)
        for charge, keys in name_keys().items():
            coverage = name_coverage(keys, present, self.idf)
            if coverage:
                out[charge] += self.name_weight * coverage
        for charge, bonus in rule_bonus(fact).items():
            out[charge] += self.rule_weight * bonus
        return dict(out)

    def predict(self, fact: str) -> list[tuple[str, float]]:
        """[(charge, score)] predicted for `fact`, best first."""
        ranked = self.predict_scores(fact, 4)
        if not ranked:
            return []
        best = ranked[0][1]
        return [ranked[0]] + [(c, s) for c, s in ranked[1:] if s >= self.ratio * best and s >= self.floor]

    def predict_scores(self, fact: str, count: int) -> list[tuple[str, float]]:
        """The `count` best-scoring charges with a positive score, best first."""
        ranked = sorted(self.scores(fact).items(), key=lambda kv: (-kv[1], kv[0]))[:count]
        return [(c, s) for c, s in ranked if s > 0]

    def to_json(self) -> dict:
        return {"idf": {t: round(v, 3) for t, v in self.idf.items()},
                "weights": {c: {t: round(w, 4) for t, w in v.items()} for c, v in self.weights.items()},
                "params": {"name_weight": self.name_weight, "rule_weight": self.rule_weight,
                           "ratio": self.ratio, "floor": self.floor},
                "priors": self.priors}

    @classmethod
    def from_json(cls, data: dict) -> "ChargeModel":
        return cls(data["idf"], data["weights"], priors=data.get("priors", {}), **data["params"])


def train(examples: Iterable[tuple[str, Sequence[str]]], epochs: int = 10, **params) -> ChargeModel:
    """An averaged multi-label perceptron over TF-IDF vectors from (fact, official charges) pairs.

    On each fact, when a gold charge does not beat the best wrong one by MARGIN, the weakest gold
    charge moves towards the fact and the strongest wrong charge away from it.
    """
    examples = [(text, list(charges)) for text, charges in examples if charges]
    df, count = document_frequencies(text for text, _ in examples)
    idf = idf_table(df, count)
    terms = {t: i for i, t in enumerate(idf)}
    labels = sorted({c for _, charges in examples for c in charges})
    column = {c: j for j, c in enumerate(labels)}
    rows = [(_indexed(tfidf(text, idf), terms), [column[c] for c in charges]) for text, charges in examples]
    weights = np.zeros((len(terms), len(labels)), dtype=np.float32)
    stepped = np.zeros_like(weights)  # Σ step·update, for the averaged weights
    rng, step = np.random.default_rng(0), 0
    for _ in range(epochs):
        for r in rng.permutation(len(rows)):
            (idx, val), gold = rows[r]
            step += 1
            scores = val @ weights[idx]
            weakest = min(gold, key=lambda j: scores[j])
            least = scores[weakest]
            scores[gold] = -np.inf
            wrong = int(np.argmax(scores))
            if least - scores[wrong] >= MARGIN:
                continue
            for j, sign in ((weakest, 1.0), (wrong, -1.0)):
                weights[idx, j] += sign * val
                stepped[idx, j] += sign * step * val
    averaged = weights - stepped / max(step, 1)
    vocab = list(terms)
    out = {c: _heaviest(averaged[:, j], vocab) for c, j in column.items()}
    priors = Counter(c for _, charges in examples for c in charges)
    return ChargeModel(idf, out, priors=dict(priors), **params)


def _heaviest(column: np.ndarray, vocab: list[str]) -> Vector:
    """The WEIGHTS_SIZE largest positive weights of one charge (keeps the shipped model small)."""
    top = np.argsort(-column)[:WEIGHTS_SIZE]
    return {vocab[i]: float(column[i]) for i in top if column[i] > 0}


def _indexed(vec: Vector, terms: dict[str, int]) -> tuple[np.ndarray, np.ndarray]:
    return (np.fromiter((terms[t] for t in vec), dtype=np.int64, count=len(vec)),
            np.fromiter(vec.values(), dtype=np.float32, count=len(vec)))


@cache
def name_keys() -> dict[str, frozenset[str]]:
    """Official charge → the act-bearing bigrams of its name (within each 、-separated piece)."""
    out = {}
    for charge in charge_articles():
        pieces = re.split(r"[、（）()]", charge.removesuffix("罪"))
        keys = {b for piece in pieces for b in bigrams(piece)} - _GENERIC
        if keys:
            out[charge] = frozenset(keys)
    return out


def name_coverage(keys: frozenset[str], present: set[str], idf: dict[str, float]) -> float:
    """idf-weighted share of a charge name's bigrams found in the fact (unknown bigrams weigh 8)."""
    total = sum(idf.get(k, 8.0) for k in keys)
    found = sum(idf.get(k, 8.0) for k in keys if k in present)
    return found / total if total else 0.0


def save(model: ChargeModel, path: Path = MODEL_PATH) -> None:
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        json.dump(model.to_json(), fh, ensure_ascii=False, separators=(",", ":"))


@cache
def shipped_model() -> ChargeModel:
    """The model built by bench/build_charge_model.py and committed under indexer/data/."""
    with gzip.open(MODEL_PATH, "rt", encoding="utf-8") as fh:
        return ChargeModel.from_json(json.load(fh))


def predict_causes(fact: str, model: ChargeModel | None = None) -> dict[str, list[str]]:
    """{"charges": [...], "causes": [...]}: a criminal case's 案由 is its charges."""
    charges = [c for c, _ in (model or shipped_model()).predict(fact)]
    return {"charges": charges, "causes": list(charges)}
