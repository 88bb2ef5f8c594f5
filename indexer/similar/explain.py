"""Why a case is similar: shared charges, statutes, elements and the passages that match best."""
from __future__ import annotations

import re

from indexer.reference import charge_articles

from .rank import QueryFeatures, Scored
from .vectors import bigrams

_SENTENCE = re.compile(r"[^。；;！!？?\n]+")


def explanation(query: QueryFeatures, scored: Scored, passages: int = 2) -> dict:
    cand = scored.candidate
    shared_charges = [c for c in cand.charges if c in query.charges]
    query_articles = {charge_articles().get(c) for c in query.charges} - {None}
    shared_articles = sorted({charge_articles()[c] for c in cand.charges if charge_articles().get(c) in query_articles},
                             key=int)
    shared_elements = [
        {"element": tag, "query": query.elements[tag].passage, "case": cand.elements[tag].passage}
        for tag in query.elements if tag in cand.elements
    ]
    return {
        "charges": shared_charges,
        "statutes": [f"《中华人民共和国刑法》第{a}条" for a in shared_articles],
        "elements": shared_elements,
        "passages": matching_passages(query.text, cand.text, passages),
        "score_parts": {k: round(v, 4) for k, v in scored.parts.items()},
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
