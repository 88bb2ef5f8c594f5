"""Charge prediction from a fact description: a linear model over character n-grams + the official names.

Learned part: scikit-learn `TfidfVectorizer` (character 1-3-grams, sublinear tf) and one linear SVM
per charge (one-vs-rest, hinge loss fitted by SGD: better than `LinearSVC` with balanced class
weights in the CAIL2018 cross-validation, and several times faster to fit). Besides the labelled
facts, each official charge's row of indexer/data/charge_wording.tsv (its article's wording and the
phrases of its facts) is one training example, so every charge has a model.
Zero-shot part: every official charge has a name prototype (the Han bigrams of its name) and the
cue phrases of its wording row (cues.py), so a charge rarely or never seen in labelled facts can
still win when a fact describes its acts, plus hand rules (rules.py) for telltale wordings and the
charges the fact itself names (公诉机关认为…构成诈骗罪).

A charge scores svm margin + name_weight × name coverage + cue_weight × capped cue evidence
+ rule_weight × rule bonus + named_weight when named; the best charge is predicted, and each further
one among the `kept` best whose score is within `margin` of the best one's or above `floor` (most
facts have one charge, some two or three).

The shipped model is portable data, not a pickle: `charge_model.npz` holds the vocabulary, the idf,
the pruned weight matrix (sparse) and the cue weights, rebuilt by `python -m indexer.similar.training`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import SGDClassifier
from sklearn.multiclass import OneVsRestClassifier
from sklearn.preprocessing import MultiLabelBinarizer

from indexer.reference import charge_articles

from .causes import fact_kind, predicted_causes
from .cues import charge_table
from .rules import named_charges, rule_bonus
from .vectors import bigrams

MODEL_PATH = Path(__file__).resolve().parents[1] / "data" / "charge_model.npz"
MAX_FEATURES = 80000
PRUNE = 0.02  # smaller weights are dropped: about half of them, CAIL2018 F1 unchanged within 0.002
# Bigrams of charge names that say nothing about the acts (非法, 罪名 framing, 人员).
_GENERIC = {"非法", "人员", "国家", "他人", "物品", "犯罪", "工作", "单位", "公司", "企业", "管理", "财物"}


@dataclass(frozen=True)
class Params:
    name_weight: float = 0.75
    rule_weight: float = 1.0
    named_weight: float = 0.6
    cue_weight: float = 0.25
    cue_cap: float = 2.0
    margin: float = 0.0
    floor: float = -0.1
    kept: int = 3


def vectorizer(vocabulary: dict[str, int] | None = None) -> TfidfVectorizer:
    return TfidfVectorizer(analyzer="char", ngram_range=(1, 3), sublinear_tf=True, min_df=2,
                           max_features=MAX_FEATURES, vocabulary=vocabulary, dtype=np.float32)


@dataclass
class ChargeModel:
    vec: TfidfVectorizer
    coef: sparse.csr_matrix  # features × charges
    intercept: np.ndarray
    charges: list[str]
    cue_weights: dict[str, float]
    params: Params = Params()

    def scores(self, fact: str) -> dict[str, float]:
        """charge → score, for every charge with any evidence in `fact` (learned or official name);
        none for a fact without Chinese words, where the margins would be the model's priors."""
        present = set(bigrams(fact))
        if not present:
            return {}
        margins = (self.vec.transform([fact]) @ self.coef).toarray().ravel() + self.intercept
        out = {c: float(m) for c, m in zip(self.charges, margins)}
        for charge, keys in name_keys().items():
            coverage = len(keys & present) / len(keys)
            if coverage >= 0.5:
                out[charge] = out.get(charge, -1.0) + self.params.name_weight * coverage
        cues = charge_table().bonus(fact, self.params.cue_weight, self.params.cue_cap, self.cue_weights)
        for charge, bonus in cues.items():
            out[charge] = out.get(charge, -1.0) + bonus
        for charge, bonus in rule_bonus(fact).items():
            out[charge] = out.get(charge, -1.0) + self.params.rule_weight * bonus
        for charge in named_charges(fact):
            out[charge] = out.get(charge, -1.0) + self.params.named_weight
        return out

    def ranked(self, fact: str, count: int) -> list[tuple[str, float]]:
        """The `count` best-scoring charges, best first."""
        return sorted(self.scores(fact).items(), key=lambda kv: (-kv[1], kv[0]))[:count]

    def predict(self, fact: str) -> list[tuple[str, float]]:
        """[(charge, score)] predicted for `fact`: the best, and those within `margin` of it or above `floor`."""
        ranked = self.ranked(fact, self.params.kept)
        if not ranked:
            return []
        bar = min(ranked[0][1] - self.params.margin, self.params.floor)
        return [ranked[0]] + [(c, s) for c, s in ranked[1:] if s >= bar]

    def save(self, path: Path = MODEL_PATH) -> None:
        vocab = sorted(self.vec.vocabulary_, key=self.vec.vocabulary_.get)
        np.savez_compressed(path, vocab=np.array(vocab), idf=self.vec.idf_.astype(np.float32),
                            charges=np.array(self.charges), intercept=self.intercept.astype(np.float32),
                            data=self.coef.data.astype(np.float16), indices=self.coef.indices,
                            indptr=self.coef.indptr, shape=np.array(self.coef.shape),
                            cues=np.array(list(self.cue_weights)),
                            cue_weights=np.array(list(self.cue_weights.values()), dtype=np.float32))

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> "ChargeModel":
        with np.load(path) as z:
            vec = vectorizer({t: i for i, t in enumerate(z["vocab"].tolist())})
            vec.idf_ = z["idf"]
            coef = sparse.csr_matrix((z["data"].astype(np.float32), z["indices"], z["indptr"]),
                                     shape=tuple(z["shape"]))
            cues = dict(zip(z["cues"].tolist(), z["cue_weights"].astype(float).tolist()))
            return cls(vec, coef, z["intercept"], z["charges"].tolist(), cues)


def train(examples: Iterable[tuple[str, Sequence[str]]], params: Params = Params(), alpha: float = 1e-4) -> ChargeModel:
    """One-vs-rest linear SVMs over TF-IDF character n-grams from (fact, official charges) pairs.

    Unweighted classes: balanced weights make the SGD fit of a charge seen once diverge.
    """
    examples = [(text, list(charges)) for text, charges in examples if charges]
    vec = vectorizer()
    x = vec.fit_transform(text for text, _ in examples)
    labels = MultiLabelBinarizer()
    y = labels.fit_transform([charges for _, charges in examples])
    sgd = SGDClassifier(loss="hinge", alpha=alpha, max_iter=20, tol=None, random_state=0)
    svm = OneVsRestClassifier(sgd).fit(x, y)
    coef = np.vstack([e.coef_.ravel() for e in svm.estimators_]).T
    coef[np.abs(coef) < PRUNE] = 0.0
    intercept = np.array([float(np.ravel(e.intercept_)[0]) for e in svm.estimators_], dtype=np.float32)
    return ChargeModel(vec, sparse.csr_matrix(coef, dtype=np.float32), intercept, list(labels.classes_),
                       charge_table().rarity_weights(text for text, _ in examples), params)


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


@cache
def shipped_model() -> ChargeModel:
    """The model built by `python -m indexer.similar.training` and committed under indexer/data/."""
    return ChargeModel.load()


def predict_causes(fact: str, model: ChargeModel | None = None) -> dict[str, list[str]]:
    """{"charges": [...], "causes": [...]}: a criminal case's 案由 is its charges; a fact that reads as a
    civil or administrative case has no charges and the 案由 of its kind."""
    kind = fact_kind(fact)
    if kind != "刑事":
        return {"charges": [], "causes": predicted_causes(fact, kind)}
    charges = [c for c, _ in (model or shipped_model()).predict(fact)]
    return {"charges": charges, "causes": list(charges)}
