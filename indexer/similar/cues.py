"""Evidence for a charge from the phrases its facts use (indexer/data/charge_wording.tsv).

The table gives every official charge, seen in training or not, the concrete words of its facts
(行医 and 执业医师资格 for 非法行医罪). A phrase counts by how rare it is in the training texts
(人员 or 多次 count for almost nothing, 发展下线 for much) and is shared among the charges that list it.
"""
from __future__ import annotations

import math
from functools import cache
from typing import Iterable

from indexer.reference import charge_cues


@cache
def cue_holders() -> dict[str, dict[str, tuple[str, ...]]]:
    """First two characters of a cue → {cue: the charges that list it}."""
    holders: dict[str, list[str]] = {}
    for charge, cues in charge_cues().items():
        for cue in dict.fromkeys(cues):
            holders.setdefault(cue, []).append(charge)
    out: dict[str, dict[str, tuple[str, ...]]] = {}
    for cue, charges in holders.items():
        out.setdefault(cue[:2], {})[cue] = tuple(charges)
    return out


def cues_in(text: str) -> set[str]:
    """The table's cues that occur in `text`."""
    heads, found = cue_holders(), set()
    for i in range(len(text) - 1):
        for cue in heads.get(text[i:i + 2], ()):
            if text.startswith(cue, i):
                found.add(cue)
    return found


def cue_weights(texts: Iterable[str]) -> dict[str, float]:
    """cue → (log(N / (df + 1)) / log N)², from the document frequency of each cue in `texts`."""
    counts: dict[str, int] = {}
    total = 0
    for text in texts:
        total += 1
        for cue in cues_in(text):
            counts[cue] = counts.get(cue, 0) + 1
    every = {cue for group in cue_holders().values() for cue in group}
    return {cue: max(0.0, math.log(total / (counts.get(cue, 0) + 1)) / math.log(total)) ** 2 for cue in every}


def cue_evidence(fact: str, weights: dict[str, float]) -> dict[str, float]:
    """charge → the weights of its cues found in `fact`, each shared among the charges that list it."""
    heads = cue_holders()
    out: dict[str, float] = {}
    for cue in cues_in(fact):
        charges = heads[cue[:2]][cue]
        for charge in charges:
            out[charge] = out.get(charge, 0.0) + weights.get(cue, 0.0) / len(charges)
    return out
