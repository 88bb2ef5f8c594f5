"""Sparse TF-IDF vectors over Han bigrams: the text representation the classifier and ranker share."""
from __future__ import annotations

import math
import re
from collections import Counter
from typing import Iterable

from indexer.analysis import tokens

Vector = dict[str, float]
_HAN_BIGRAM = re.compile(r"^[\u3400-\u9fff]{2}$")


def bigrams(text: str) -> list[str]:
    """Han bigrams only: numbers, plate numbers and lone characters carry no topic."""
    return [t for t in tokens(text) if _HAN_BIGRAM.match(t)]


def document_frequencies(texts: Iterable[str]) -> tuple[Counter, int]:
    df: Counter = Counter()
    count = 0
    for text in texts:
        df.update(set(bigrams(text)))
        count += 1
    return df, count


def idf_table(df: Counter, count: int, min_df: int = 2) -> dict[str, float]:
    return {t: math.log((count + 1) / (n + 0.5)) for t, n in df.items() if n >= min_df}


def tfidf(text: str, idf: dict[str, float]) -> Vector:
    """Sublinear tf × idf, L2-normalised; bigrams outside the table are dropped."""
    counts = Counter(t for t in bigrams(text) if t in idf)
    vec = {t: (1 + math.log(n)) * idf[t] for t, n in counts.items()}
    return normalised(vec)


def normalised(vec: Vector) -> Vector:
    norm = math.sqrt(sum(v * v for v in vec.values()))
    return {t: v / norm for t, v in vec.items()} if norm else {}


def dot(a: Vector, b: Vector) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(t, 0.0) for t, v in a.items())


def pruned(vec: Vector, size: int) -> Vector:
    """The `size` heaviest entries, renormalised (keeps shipped models small)."""
    top = sorted(vec.items(), key=lambda kv: -kv[1])[:size]
    return normalised(dict(top))
