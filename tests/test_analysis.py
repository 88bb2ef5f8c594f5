"""indexer.analysis against Lucene's standard tokenizer + cjk_width + lowercase + cjk_bigram.

The table is the spec (one token per position); the cluster test sends every row to a real
OpenSearch node's `_analyze` and requires the embedded tokens to equal the node's, so the
embedded backends and the cluster index the same terms.  Rows the embedded analysis gets wrong
stay strict xfails naming the difference.
"""
from __future__ import annotations

import pytest
import requests

from indexer.analysis import token_spans, tokens

ROWS = [
    # (text, Lucene tokens, why, bug in indexer.analysis or None)
    ("敲诈勒索罪", ["敲诈", "诈勒", "勒索", "索罪"], "overlapping Han bigrams", None),
    ("罪", ["罪"], "a lone Han character stays a unigram", None),
    ("犯罪，罚", ["犯罪", "罚"], "punctuation ends a Han run", None),
    ("敲诈 勒索", ["敲诈", "勒索"], "no bigram across a space", None),
    ("ＡＢＣ１２３", ["abc123"], "full-width Latin and digits fold to half-width", None),
    ("ＬＰＲ利率", ["lpr", "利率"], "width folding then lowercase", None),
    ("IPhone", ["iphone"], "lowercase", None),
    ("2017年", ["2017", "年"], "digits, then a lone Han character", None),
    ("2017年3月", ["2017", "年", "3", "月"], "Han characters split by digits stay unigrams", None),
    ("2017年度", ["2017", "年度"], "digits, then a bigram", None),
    ("130,000.00元", ["130,000.00", "元"], "grouped decimal is one word", None),
    ("１３０，０００．００", ["130,000.00"], "full-width grouped decimal folds to one word", None),
    ("1.5万元", ["1.5", "万元"], "decimal point between digits", None),
    ("U.S.A", ["u.s.a"], "dots between letters join", None),
    ("don't", ["don't"], "apostrophe between letters joins", None),
    ("a_b", ["a_b"], "underscore joins", None),
    ("v1.2", ["v1.2"], "letters then digits then a decimal point", None),
    ("A股", ["a", "股"], "Latin next to Han: two tokens", None),
    ("被告人ＸＸ公司", ["被告", "告人", "xx", "公司"], "mixed scripts", None),
    ("（2017）苏0684刑初123号", ["2017", "苏", "0684", "刑初", "123", "号"], "a case number", None),
    ("。，、；：！？（）《》", [], "punctuation only: no tokens", None),
    ("", [], "empty text", None),
    ("Ⅱ级", ["ⅱ", "级"], "Roman numeral is a letter", None),
    ("𠀀𠀁", ["𠀀𠀁"], "Han extension B bigram", None),
    # UAX#29 word-break rules and the CJK scripts cjk_bigram pairs
    ("①被告赔偿", ["被告", "告赔", "赔偿"], "circled digits are no word characters", None),
    ("⑴赔偿", ["赔偿"], "parenthesised digits are no word characters", None),
    ("10m²", ["10m"], "superscript two is no word character", None),
    ("No.1", ["no", "1"], "a dot between a letter and a digit splits", None),
    ("1；2", ["1;2"], "semicolon between digits joins (MidNum)", None),
    ("a:b", ["a:b"], "colon between letters joins (MidLetter)", None),
    ("John·Smith", ["john·smith"], "middle dot between letters joins (MidLetter)", None),
    ("ｶﾀｶﾅ", ["カタ", "タカ", "カナ"], "half-width katakana folds and is bigrammed", None),
    ("ひらがな", ["ひら", "らが", "がな"], "hiragana is bigrammed", None),
    ("한국어", ["한국", "국어"], "hangul is bigrammed", None),
    # pictographs (what the cluster's tokenizer makes <EMOJI> tokens of)
    ("差评😀", ["差评", "😀"], "an emoji is a token of its own", None),
    ("Apple™手机", ["apple", "™", "手机"], "™ splits a word from a Han run", None),
    ("👨\u200d👩\u200d👧", ["👨\u200d👩\u200d👧"], "a ZWJ sequence is one token", None),
    ("👍🏽", ["👍🏽"], "a skin tone stays with its emoji", None),
    ("🇨🇳", ["🇨🇳"], "two regional indicators are one flag", None),
    ("1\ufe0f\u20e3", ["1\ufe0f\u20e3"], "a keycap sequence is one token", None),
    ("★☆✓", ["★"], "★ is a pictograph, ☆ and ✓ are not", None),
]


def params(with_bugs: bool):
    out = []
    for text, expected, why, bug in ROWS:
        marks = [pytest.mark.xfail(strict=True, reason=bug)] if bug and with_bugs else []
        out.append(pytest.param(text, expected, id=why, marks=marks))
    return out


@pytest.mark.parametrize("text, expected", params(with_bugs=True))
def test_tokens(text, expected):
    assert tokens(text) == expected


@pytest.mark.parametrize("text, expected", params(with_bugs=False))
def test_spans_and_tokens_agree(text, expected):
    """token_spans (highlighting) yields tokens() (indexing) with offsets into the text."""
    spans = token_spans(text)
    assert [s.text for s in spans] == tokens(text)
    assert all(0 <= s.start < s.end <= len(text) for s in spans)


ANALYZER = {"type": "custom", "tokenizer": "standard", "filter": ["cjk_width", "lowercase", "cjk_bigram"]}


@pytest.fixture(scope="module")
def analyze(opensearch_url):
    """Tokens and character offsets of a text under the cluster's analyzer."""
    def run(text: str) -> list[tuple[str, int, int, int]]:
        body = {"tokenizer": ANALYZER["tokenizer"], "filter": ANALYZER["filter"], "text": text}
        response = requests.post(f"{opensearch_url}/_analyze", json=body, timeout=30)
        response.raise_for_status()
        units = utf16_to_index(text)
        return [(t["token"], t["position"], units[t["start_offset"]], units[t["end_offset"]])
                for t in response.json()["tokens"]]
    return run


def utf16_to_index(text: str) -> dict[int, int]:
    """Java's UTF-16 offsets → Python string indices."""
    out, unit = {}, 0
    for index, char in enumerate(text):
        out[unit] = index
        unit += 2 if ord(char) > 0xFFFF else 1
    out[unit] = len(text)
    return out


@pytest.mark.cluster
@pytest.mark.parametrize("text, expected", params(with_bugs=False))
def test_table_is_what_the_node_says(analyze, text, expected):
    """The spec itself: each row's tokens are the real analyzer's, at consecutive positions."""
    node = analyze(text)
    assert [t[0] for t in node] == expected
    assert [t[1] for t in node] == list(range(len(node)))


@pytest.mark.cluster
@pytest.mark.parametrize("text, expected", params(with_bugs=True))
def test_embedded_analysis_mirrors_the_node(analyze, text, expected):
    """indexer.analysis yields the node's tokens with the node's offsets."""
    assert [(s.text, s.start, s.end) for s in token_spans(text)] == [(t[0], t[2], t[3]) for t in analyze(text)]
