"""Token strings of whole documents for indexing, built with numpy instead of a Python loop per run.

The same tokens as `analysis.tokens` (tests/test_token_strings.py checks it on real judgments): a
document of 2,000 characters has some 250 runs of Han characters, and matching, slicing and joining
each in Python was most of an import's analysis time. Here width folding, bigrams, lone characters
and words are laid out with array operations over the code points; only the word spans (digits,
Latin) come from the UAX#29 regex. Texts needing half-width katakana folding, or with a word outside
ASCII once full-width forms are folded (whose lower case Python must make), or a pictograph, take
the per-run path. A section, a substring of the text, is returned as a slice of the text's token
string (start, stop, and the lone characters at its edges), made a string by `expanded` where the
index is written: the import's worker processes then send back half as much.
"""
from __future__ import annotations

import re

import numpy as np

from .analysis import _HALF_KANA, CJK, WORD, _is_cjk, _lone_at_edge, token_string
from .analysis import analysed_fields as per_run_fields

_WORD_RE = re.compile(WORD)
SPACE = 32


def _cjk_table() -> np.ndarray:
    """Whether each code point is a CJK character of `analysis.CJK`."""
    table = np.zeros(0x110000, dtype=bool)
    for low, high in re.findall(r"(.)(?:-(.))?", CJK):
        table[ord(low) : ord(high or low) + 1] = True
    return table


_IS_CJK = _cjk_table()


class Layout:
    """A text's token string and where each token starts, in the text and in the string."""

    def __init__(self, text: str, points: np.ndarray, words: np.ndarray, inside: np.ndarray):
        cjk = _IS_CJK[points]
        after, before = np.zeros_like(cjk), np.zeros_like(cjk)
        after[:-1], before[1:] = cjk[1:], cjk[:-1]
        bigram, lone = cjk & after, cjk & ~after & ~before
        word_start, word_end = np.zeros_like(cjk), np.zeros_like(cjk)
        word_start[words[:, 0]] = True
        word_end[words[:, 1] - 1] = True
        emitted = 3 * bigram + 2 * lone + inside + word_end
        offsets = np.cumsum(emitted) - emitted
        out = np.full(int(offsets[-1] + emitted[-1]) if len(points) else 0, SPACE, dtype=np.uint32)
        for mask, shift in ((bigram, 0), (lone, 0), (inside, 0), (bigram, 1)):
            at = np.flatnonzero(mask)
            out[offsets[at] + shift] = points[at + shift]
        self.text = text
        self.string = out.tobytes().decode("utf-32-le").rstrip(" ")
        self.starts = np.flatnonzero(bigram | lone | word_start)
        length = np.where(bigram, 2, 1)
        length[words[:, 0]] = words[:, 1] - words[:, 0]
        self.ends = self.starts + length[self.starts]
        self.offsets = offsets[self.starts]

    def part(self, part: str) -> str | tuple[int, int, str, str]:
        """The token string of `part`, a substring of the text, as (start, end, head, tail): the slice
        of the text's token string and the lone characters around it (see `expanded`)."""
        at = self.text.find(part) if len(part) > 1 else -1
        if at < 0:
            return token_string(part)
        end = at + len(part)
        low, high = np.searchsorted(self.starts, [at, end])
        if high > low and self.ends[high - 1] > end:
            high -= 1  # a bigram that runs past the end of the part
        last = high - 1
        start = int(self.offsets[low]) if high > low else 0
        stop = int(self.offsets[last] + self.ends[last] - self.starts[last]) if high > low else 0
        head = part[0] if _lone_at_edge(part, 0) and at > 0 and _is_cjk(self.text[at - 1]) else ""
        tail = part[-1] if _lone_at_edge(part, -1) and end < len(self.text) and _is_cjk(self.text[end]) else ""
        return start, stop, head, tail


def _inside_words(words: np.ndarray, size: int) -> np.ndarray:
    """Per character, whether it lies inside one of the word spans."""
    edges = np.zeros(size + 1, dtype=np.int32)
    np.add.at(edges, words[:, 0], 1)
    np.add.at(edges, words[:, 1], -1)
    return np.cumsum(edges[:-1]) > 0


def layout(text: str) -> Layout | None:
    """The vectorised layout of `text`, or None where only the per-run path folds it right."""
    if _HALF_KANA.search(text):
        return None
    points = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).copy()
    points[(points >= 0xFF01) & (points <= 0xFF5E)] -= 0xFEE0  # cjk_width: full-width ASCII
    words = np.array([m.span() for m in _WORD_RE.finditer(text)], dtype=np.int64).reshape(-1, 2)
    inside = _inside_words(words, len(points))
    if (points[inside] >= 0x80).any():
        return None
    points[inside & (points >= 0x41) & (points <= 0x5A)] += 0x20  # lowercase
    return Layout(text, points, words, inside)


def analysed_fields(fields: dict[str, str], whole: str = "text") -> dict[str, str | tuple[int, int, str, str]]:
    """Token strings of several text fields; parts that are substrings of `fields[whole]` (sections)
    are slices of the whole text's token string instead of being analysed again (see `expanded`)."""
    text = fields.get(whole) or ""
    found = layout(text)
    if found is None:
        return per_run_fields(fields, whole)
    out = {whole: found.string}
    for name, value in fields.items():
        if name != whole and value:
            out[name] = found.part(value)
    return out


def expanded(analysed: dict, whole: str = "text") -> dict[str, str]:
    """Token strings of `analysed_fields` output, slices of the whole text's string made strings."""
    string = analysed.get(whole) or ""
    out = {}
    for name, value in analysed.items():
        if isinstance(value, tuple):
            start, stop, head, tail = value
            value = " ".join(filter(None, (head, string[start:stop], tail)))
        out[name] = value
    return out
