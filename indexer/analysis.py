"""Chinese analysis with the semantics of Lucene's CJKAnalyzer minus stop words.

Mirrors a cluster's `standard` tokenizer + `cjk_width` + `lowercase` + `cjk_bigram` filters:
full-width Latin and digits fold to half-width and lower case, half-width katakana to full-width;
each run of adjacent CJK characters (Han, hiragana, katakana, hangul) becomes overlapping bigrams at
consecutive positions (a lone one stays a unigram); other words follow the UAX#29 word-break rules
the standard tokenizer implements: letters and decimal digits join, `.`/`'` join letters to letters
and digits to digits, `:`/`·` join letters, `,`/`;` join digits, `_` joins anything; symbols such as
① ⑴ ² are no word characters, but pictographs are tokens (😀, ™, ★, an emoji sequence as one).
Word segmentation would lose hits (jieba turns 并处罚金 into 处罚金, so 罚金 finds nothing); bigrams
keep every substring findable.  tests/test_analysis.py checks these rules against a real OpenSearch
node's `_analyze`.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from operator import add
from typing import NamedTuple

from .reference import read_tsv

HAN = "\u3005-\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f"
CJK = HAN + "\u3041-\u309f\u30a0-\u30ff\u31f0-\u31ff\uff66-\uff9f\uac00-\ud7af\u1100-\u11ff\u3130-\u318f"
MID_LETTER = ":\u00b7\u0387\u05f4\u2027\ufe13\ufe55\uff1a"
MID_NUM = ",;\u037e\u0589\u060c\u060d\u066c\u07f8\u2044\ufe10\ufe14\ufe50\ufe54\uff0c\uff1b"
MID_NUM_LET = ".'\u2018\u2019\u2024\ufe52\uff07\uff0e"
EXTEND_NUM_LET = "_\u203f\u2040\u2054\ufe33\ufe34\ufe4d-\ufe4f\uff3f"
_CJK_CHAR = re.compile(f"[{CJK}]")


def _char_class(predicate) -> str:
    """Regex class body for the BMP characters satisfying `predicate`, as escaped ranges."""
    ranges, start = [], None
    for cp in range(0x10001):
        inside = cp < 0x10000 and predicate(chr(cp))
        if inside and start is None:
            start = cp
        elif not inside and start is not None:
            ranges.append(f"\\u{start:04x}-\\u{cp - 1:04x}")
            start = None
    return "".join(ranges)


def _is_letter(char: str) -> bool:
    category = unicodedata.category(char)
    return (category[0] in "LM" or category == "Nl") and not _CJK_CHAR.match(char)


LETTER = _char_class(_is_letter)  # ALetter (+ Extend marks): letters, letter numbers such as Ⅱ
DIGIT = _char_class(lambda c: unicodedata.category(c) == "Nd")  # Numeric: decimal digits only
_W = f"[{LETTER}{DIGIT}{EXTEND_NUM_LET}]"
_JOIN = (f"(?:(?<=[{LETTER}])[{MID_LETTER}{MID_NUM_LET}](?=[{LETTER}])"
         f"|(?<=[{DIGIT}])[{MID_NUM}{MID_NUM_LET}](?=[{DIGIT}]))")


def _pictographic() -> str:
    """Regex class body of the code points OpenSearch 2.19.6's standard tokenizer (Lucene 9.12) makes an
    <EMOJI> token of on their own, probed one by one with _analyze (indexer/data/extended_pictographic.tsv):
    Extended_Pictographic in Lucene's Unicode version, wider than Python's."""
    rows = read_tsv("extended_pictographic.tsv")
    return "".join(f"{chr(int(r['first'], 16))}-{chr(int(r['last'], 16))}" for r in rows)


# An emoji sequence is one token, as the standard tokenizer makes it: a pictograph with its skin tone
# or presentation selector, joined by ZWJ to more (👨‍👩‍👧), a flag (two regional indicators), a keycap.
_PICTO = f"[{_pictographic()}](?:[\U0001f3fb-\U0001f3ff]|\ufe0f)?[\U000e0020-\U000e007f]*"
_EMOJI = f"{_PICTO}(?:\u200d{_PICTO})*|[\U0001f1e6-\U0001f1ff]{{2}}|[0-9#*]\ufe0f?\u20e3"
WORD = f"{_EMOJI}|{_W}+(?:{_JOIN}{_W}+)*"  # a UAX#29 word or an emoji sequence
_TOKEN_RE = re.compile(f"(?P<cjk>[{CJK}]+)|(?P<word>{WORD})")
_FULLWIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_HALF_KANA = re.compile("[\uff65-\uff9f]")
_WIDE = re.compile("[\uff01-\uff5e]")


class Token(NamedTuple):
    text: str
    start: int
    end: int


def fold(text: str) -> str:
    """cjk_width + lowercase for one token or a whole query."""
    if _WIDE.search(text):
        text = text.translate(_FULLWIDTH)
    return text.lower()


def _cjk_run(run: str) -> str:
    """Half-width katakana folded to full-width (voiced marks combined), as cjk_width does."""
    return unicodedata.normalize("NFKC", run) if _HALF_KANA.search(run) else run


def tokens(text: str) -> list[str]:
    """The token texts of `text`, one per position."""
    out: list[str] = []
    kana = _HALF_KANA.search(text) is not None
    for match in _TOKEN_RE.finditer(text):
        run = match.group("cjk")
        if run is None:
            out.append(fold(match.group("word")))
            continue
        if kana:
            run = _cjk_run(run)
        if len(run) == 1:
            out.append(run)
        else:
            out.extend(map(add, run[:-1], run[1:]))
    return out


def tokens_with_starts(text: str) -> tuple[list[str], list[int]]:
    """Tokens and the character offset where each starts (one pass; see `substring_tokens`)."""
    out: list[str] = []
    starts: list[int] = []
    kana = _HALF_KANA.search(text) is not None
    for match in _TOKEN_RE.finditer(text):
        start, run = match.start(), match.group("cjk")
        if run is None:
            out.append(fold(match.group("word")))
            starts.append(start)
            continue
        if kana:
            run = _cjk_run(run)
        if len(run) == 1:
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
    head = [part[0]] if _lone_at_edge(part, 0) and at > 0 and _is_cjk(text[at - 1]) else []
    tail = [part[-1]] if _lone_at_edge(part, -1) and end < len(text) and _is_cjk(text[end]) else []
    return head + words[low:high] + tail


def _is_cjk(char: str) -> bool:
    return bool(_CJK_CHAR.match(char))


def _lone_at_edge(part: str, edge: int) -> bool:
    """The part's first (edge 0) or last (edge -1) character is CJK with no CJK neighbour inside the part."""
    inner = part[1:2] if edge == 0 else part[-2:-1]
    return _is_cjk(part[edge]) and not (inner and _is_cjk(inner))


def token_spans(text: str) -> list[Token]:
    """Tokens with their character offsets in `text` (for highlighting)."""
    out: list[Token] = []
    for match in _TOKEN_RE.finditer(text):
        start, run = match.start(), match.group("cjk")
        if run is None:
            out.append(Token(fold(match.group("word")), start, match.end()))
        elif len(_cjk_run(run)) == 1:
            out.append(Token(_cjk_run(run), start, match.end()))
        elif _cjk_run(run) != run:
            folded = _cjk_run(run)
            out.extend(Token(folded[i : i + 2], start + i, min(match.end(), start + i + 2)) for i in range(len(folded) - 1))
        else:
            out.extend(Token(run[i : i + 2], start + i, start + i + 2) for i in range(len(run) - 1))
    return out


def token_string(text: str) -> str:
    """Tokens joined by single spaces: what the embedded backends index with a whitespace tokenizer."""
    return " ".join(tokens(text))


def analysed_fields(fields: dict[str, str], whole: str = "text") -> dict[str, str]:
    """Token strings of several text fields; parts that are substrings of `fields[whole]` (sections)
    reuse the whole text's analysis instead of being analysed again."""
    text = fields.get(whole) or ""
    analysed = tokens_with_starts(text)
    out = {whole: " ".join(analysed[0])}
    for name, value in fields.items():
        if name != whole and value:
            out[name] = " ".join(substring_tokens(text, analysed, value))
    return out
