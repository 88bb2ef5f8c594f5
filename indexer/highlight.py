"""Snippets: the passage of a text where the query's words occur, escaped, with <mark> around them."""
from __future__ import annotations

import html
import re

from .analysis import HAN, fold
from .query import And, Near, Node, Or, Phrase, Term


_HAN_ONLY = re.compile(f"[{HAN}]+$")


def query_words(node: Node) -> list[str]:
    """The positive words and phrases of a query (what a snippet should show)."""
    if isinstance(node, (Term, Phrase)):
        return [w for w in node.text.split() if w]
    if isinstance(node, (And, Or)):
        return [w for item in node.items for w in query_words(item)]
    if isinstance(node, Near):
        return query_words(node.left) + query_words(node.right)
    return []  # Not, Match, Range, All: nothing to show in the text


def spans(text: str, words: list[str]) -> list[tuple[int, int]]:
    """Character spans of every occurrence of `words` in `text`, compared width- and case-folded."""
    keys = sorted(set(fold(w) for w in words), key=len, reverse=True)
    folded = text
    if any(not _HAN_ONLY.match(k) for k in keys):  # only words with Latin letters or digits need folding
        folded = fold(text)
        folded = folded if len(folded) == len(text) else text
    found = []
    for word in keys:
        found += [(m.start(), m.end()) for m in re.finditer(re.escape(word), folded)]
    return merge(sorted(found))


def merge(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in ranges:
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def snippet(text: str, words: list[str], width: int = 160) -> str:
    """HTML-safe passage of about `width` characters around the densest cluster of matches."""
    found = spans(text, words)
    if not found:
        return html.escape(text[:width]) + ("…" if len(text) > width else "")
    start = best_window(found, width)
    end = min(len(text), start + width)
    pieces, cursor = [], start
    for s, e in found:
        if s < start or e > end:
            continue
        pieces += [html.escape(text[cursor:s]), "<mark>", html.escape(text[s:e]), "</mark>"]
        cursor = e
    pieces.append(html.escape(text[cursor:end]))
    return ("…" if start else "") + "".join(pieces) + ("…" if end < len(text) else "")


def best_window(found: list[tuple[int, int]], width: int) -> int:
    """Start offset of the window holding the most distinct matches."""
    best, best_count = found[0][0], 0
    for s, _ in found:
        count = sum(1 for t, u in found if s <= t and u <= s + width)
        if count > best_count:
            best, best_count = s, count
    return max(0, best - width // 4)
