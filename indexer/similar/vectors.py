"""Han bigrams: the words the classifier's name prototypes, the BM25 query and the explanations share."""
from __future__ import annotations

import re

from indexer.analysis import tokens

_HAN_BIGRAM = re.compile(r"^[\u3400-\u9fff]{2}$")


def bigrams(text: str) -> list[str]:
    """Han bigrams only: numbers, plate numbers and lone characters carry no topic."""
    return [t for t in tokens(text) if _HAN_BIGRAM.match(t)]
