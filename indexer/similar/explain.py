"""Why a case is similar: shared charges, statutes, elements and the passages that match best."""
from __future__ import annotations

import re

import numpy as np

from indexer.reference import charge_articles

from .elements import Element, elements
from .rank import FEATURES, Query
from .vectors import bigrams

_SENTENCE = re.compile(r"[^。；;！!？?\n]+")


def explanation(query: Query, query_elements: dict[str, Element], charges: list[str], text: str,
                values: np.ndarray, passages: int = 2) -> dict:
    """Shared charges, statutes and elements (with both passages), matching passages, feature values."""
    articles = charge_articles()
    query_articles = {articles.get(c) for c in query.charges} - {None}
    shared_articles = sorted({articles[c] for c in charges if articles.get(c) in query_articles}, key=int)
    case_elements = {e.tag: e for e in elements(text)}
    return {
        "charges": [c for c in charges if c in query.charges],
        "statutes": [f"《中华人民共和国刑法》第{a}条" for a in shared_articles],
        "elements": [{"element": tag, "query": query_elements[tag].passage, "case": case_elements[tag].passage}
                     for tag in query_elements if tag in case_elements],
        "passages": matching_passages(query.text, text, passages),
        "score_parts": {name: round(float(v), 4) for name, v in zip(FEATURES, values)},
    }


def matching_passages(query_text: str, case_text: str, count: int) -> list[dict]:
    """The case's sentences sharing the most bigrams with the query, with the shared words."""
    wanted = set(bigrams(query_text))
    ranked = []
    for match in _SENTENCE.finditer(case_text):
        sentence = match.group().strip()
        shared = [b for b in dict.fromkeys(bigrams(sentence)) if b in wanted]
        if len(sentence) >= 8 and shared:
            ranked.append((len(shared), sentence, shared))
    ranked.sort(key=lambda r: -r[0])
    return [{"text": s[:160], "shared": shared[:12]} for _, s, shared in ranked[:count]]
