"""Evidence for a label (a charge, a 案由) from the phrases its cases use.

indexer/data/charge_wording.tsv gives every official charge, seen in training or not, the concrete
words of its facts (行医 and 执业医师资格 for 非法行医罪), and cause_cues.tsv every civil and
administrative 案由 those of its claims and facts. A phrase found in a fact is shared among the labels
that list it, and for charges it counts by how rare it is in the training texts (人员 or 多次 count
for almost nothing, 拉人头 for much).
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache
from typing import Iterable, Mapping

from indexer.reference import cause_cues, charge_cues


@dataclass(frozen=True)
class CueTable:
    heads: dict[str, dict[str, tuple[str, ...]]]  # first two characters → {cue: the labels listing it}

    @classmethod
    def of(cls, cues_by_label: Mapping[str, Iterable[str]]) -> "CueTable":
        holders: dict[str, list[str]] = {}
        for label, cues in cues_by_label.items():
            for cue in dict.fromkeys(cues):
                holders.setdefault(cue, []).append(label)
        heads: dict[str, dict[str, tuple[str, ...]]] = {}
        for cue, labels in holders.items():
            heads.setdefault(cue[:2], {})[cue] = tuple(labels)
        return cls(heads)

    def cues(self) -> set[str]:
        return {cue for group in self.heads.values() for cue in group}

    def found(self, text: str) -> set[str]:
        """The table's cues that occur in `text`."""
        out = set()
        for i in range(len(text) - 1):
            for cue in self.heads.get(text[i:i + 2], ()):
                if text.startswith(cue, i):
                    out.add(cue)
        return out

    def evidence(self, text: str, weights: Mapping[str, float] | None = None) -> dict[str, float]:
        """label → the weights (default 1) of its cues found in `text`, each shared among the labels listing it."""
        out: dict[str, float] = {}
        for cue in self.found(text):
            labels = self.heads[cue[:2]][cue]
            weight = 1.0 if weights is None else weights.get(cue, 0.0)
            for label in labels:
                out[label] = out.get(label, 0.0) + weight / len(labels)
        return out

    def bonus(self, text: str, scale: float, cap: float,
              weights: Mapping[str, float] | None = None) -> dict[str, float]:
        """label → scale × min(evidence, cap) / cap: `cap` cues' worth of evidence earns the whole `scale`."""
        return {label: scale * min(e, cap) / cap for label, e in self.evidence(text, weights).items()}

    def cues_of(self, text: str, labels: Iterable[str]) -> dict[str, list[str]]:
        """label → its cues found in `text` (in the table's order of first appearance), for `labels`."""
        wanted = {label: [] for label in labels}
        for cue in sorted(self.found(text), key=text.index):
            for label in self.heads[cue[:2]][cue]:
                if label in wanted:
                    wanted[label].append(cue)
        return wanted

    def rarity_weights(self, texts: Iterable[str]) -> dict[str, float]:
        """cue → (log(N / (df + 1)) / log N)², from the document frequency of each cue in `texts`."""
        counts: dict[str, int] = {}
        total = 0
        for text in texts:
            total += 1
            for cue in self.found(text):
                counts[cue] = counts.get(cue, 0) + 1
        return {cue: max(0.0, math.log(total / (counts.get(cue, 0) + 1)) / math.log(total)) ** 2
                for cue in self.cues()}


@cache
def charge_table() -> CueTable:
    return CueTable.of(charge_cues())


@cache
def cause_table(kind: str) -> CueTable:
    """The 案由 cues of one kind of case (民事 or 行政)."""
    return CueTable.of(cause_cues(kind))
