"""Same-sentence (A /s B) and same-paragraph (A /p B) matching, checked on the text itself.

The backends find the candidates (both sides anywhere in the document); these pure functions keep
the documents where some sentence or paragraph holds both sides.  A sentence ends at 。！？； (or
their ASCII forms) or a line break; a paragraph is a line.  Matching works on the same tokens the
index holds, so a word matches here exactly when it matches in the index.
"""
from __future__ import annotations

import re

from .analysis import tokens
from .query import All, And, Match, Near, Node, Not, Or, Phrase, Range, Term

_SENTENCE_END = re.compile(r"(?<=[。！？；!?;])|\n")


def contains_near(node: Node) -> bool:
    if isinstance(node, Near):
        return True
    if isinstance(node, (And, Or)):
        return any(contains_near(item) for item in node.items)
    return isinstance(node, Not) and contains_near(node.item)


def segments(text: str, unit: str) -> list[list[str]]:
    """Token lists of the sentences (unit 's') or paragraphs (unit 'p') of `text`."""
    parts = text.split("\n") if unit == "p" else _SENTENCE_END.split(text)
    return [tokens(part) for part in parts if part and part.strip()]


def holds(node: Node, words: list[str]) -> bool:
    """Whether a token list satisfies the text part of `node` (structured conditions count as met)."""
    if isinstance(node, (Term, Phrase)):
        return contains_sequence(words, tokens(node.text), getattr(node, "slop", 0))
    if isinstance(node, And):
        return all(holds(item, words) for item in node.items if not isinstance(item, Not))
    if isinstance(node, Or):
        return any(holds(item, words) for item in node.items)
    if isinstance(node, Near):
        return holds(node.left, words) and holds(node.right, words)
    return isinstance(node, (Match, Range, All, Not))


def contains_sequence(words: list[str], wanted: list[str], slop: int = 0) -> bool:
    if not wanted:
        return True
    if slop:
        return all(w in words for w in wanted)  # sloppy phrases were checked by the index itself
    size = len(wanted)
    return any(words[i : i + size] == wanted for i in range(len(words) - size + 1) if words[i] == wanted[0])


def satisfied(node: Node, text: str) -> bool:
    """Whether every Near in `node` holds within one sentence/paragraph of `text`."""
    if isinstance(node, Near):
        return any(holds(node.left, seg) and holds(node.right, seg) for seg in segments(text, node.unit))
    if isinstance(node, And):
        return all(satisfied(item, text) for item in node.items)
    if isinstance(node, Or):
        return any(satisfied(item, text) and _matches_loosely(item, text) for item in node.items)
    if isinstance(node, Not):
        return not (contains_near(node.item) and satisfied(node.item, text))
    return True


def _matches_loosely(node: Node, text: str) -> bool:
    """For OR branches: the branch's own words occur in the text (the index matched some branch)."""
    return holds(node, tokens(text))
