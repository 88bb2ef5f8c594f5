"""Chinese analysis with the semantics of Lucene's CJKAnalyzer minus stop words.

Mirrors a cluster's `standard` tokenizer + `cjk_width` + `lowercase` + `cjk_bigram` filters:
full-width Latin and digits fold to half-width and lower case; each run of adjacent Han
characters becomes overlapping bigrams at consecutive positions (a lone Han character stays a
unigram); Latin and digit runs are words, joined across `.`/`'` and across `,` between digits as
the UAX#29 word-break rules do (1.5, 130,000.00, u.s).  Word segmentation would lose hits
(jieba turns 并处罚金 into 处罚金, so 罚金 finds nothing); bigrams keep every substring findable.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from operator import add
from typing import NamedTuple

HAN = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f"
_WORD = rf"[^\W{HAN}]"
_TOKEN_RE = re.compile(
    rf"(?P<han>[{HAN}]+)|(?P<word>{_WORD}+(?:(?:[.'’．]|(?<=[0-9０-９])[,，](?=[0-9０-９])){_WORD}+)*)"
)
_HAN_RE = re.compile(rf"[{HAN}]")
_FULLWIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_FULLWIDTH[0x3000] = 0x20


class Token(NamedTuple):
    text: str
    start: int
    end: int


def fold(text: str) -> str:
    """cjk_width + lowercase for one token or a whole query."""
    return text.translate(_FULLWIDTH).lower()


def tokens(text: str) -> list[str]:
    """The token texts of `text`, one per position."""
    out: list[str] = []
    for match in _TOKEN_RE.finditer(text):
        run = match.group("han")
        if run is None:
            out.append(fold(match.group("word")))
        elif len(run) == 1:
            out.append(run)
        else:
            out.extend(map(add, run[:-1], run[1:]))
    return out


def tokens_with_starts(text: str) -> tuple[list[str], list[int]]:
    """Tokens and the character offset where each starts (one pass; see `substring_tokens`)."""
    out: list[str] = []
    starts: list[int] = []
    for match in _TOKEN_RE.finditer(text):
        start, run = match.start(), match.group("han")
        if run is None:
            out.append(fold(match.group("word")))
            starts.append(start)
        elif len(run) == 1:
            out.append(run)
            starts.append(start)
        else:
            out.extend(map(add, run[:-1], run[1:]))
            starts.extend(range(start, start + len(run) - 1))
    return out, starts


def substring_tokens(text: str, analysed: tuple[list[str], list[int]], part: str) -> list[str]:
    """Tokens of `part`, a substring of `text`, cut from the text's own tokens instead of re-analysed."""
    at = text.find(part) if len(part) > 1 else -1
    if at < 0:
        return tokens(part)
    words, starts = analysed
    end = at + len(part)
    low, high = bisect_left(starts, at), bisect_left(starts, end)
    if high > low and starts[high - 1] + len(words[high - 1]) > end:
        high -= 1  # a bigram that runs past the end of the part
    head = [part[0]] if _lone_at_edge(part, 0) and at > 0 and _is_han(text[at - 1]) else []
    tail = [part[-1]] if _lone_at_edge(part, -1) and end < len(text) and _is_han(text[end]) else []
    return head + words[low:high] + tail


def _is_han(char: str) -> bool:
    return bool(_HAN_RE.fullmatch(char))


def _lone_at_edge(part: str, edge: int) -> bool:
    """The part's first (edge 0) or last (edge -1) character is Han with no Han neighbour inside the part."""
    inner = part[1:2] if edge == 0 else part[-2:-1]
    return _is_han(part[edge]) and not (inner and _is_han(inner))


def token_spans(text: str) -> list[Token]:
    """Tokens with their character offsets in `text` (for highlighting)."""
    out: list[Token] = []
    for match in _TOKEN_RE.finditer(text):
        start, run = match.start(), match.group("han")
        if run is None:
            out.append(Token(fold(match.group("word")), start, match.end()))
        elif len(run) == 1:
            out.append(Token(run, start, start + 1))
        else:
            out.extend(Token(run[i : i + 2], start + i, start + i + 2) for i in range(len(run) - 1))
    return out


def token_string(text: str) -> str:
    """Tokens joined by single spaces: what the embedded backends index with a whitespace tokenizer."""
    return " ".join(tokens(text))
