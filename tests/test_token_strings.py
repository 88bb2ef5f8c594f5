"""The vectorised token strings (indexer/token_strings.py) equal the per-run analysis, field by field."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from indexer.analysis import analysed_fields as per_run_fields
from indexer.extract import extract
from indexer.token_strings import analysed_fields, expanded, layout

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data" / "judgments"
TEXT = "（2017）苏0684刑初123号\n被告人杜某犯敲诈勒索罪，判处有期徒刑一年，并处罚金人民币10,000元。\n本院认为，罪。"

CASES = [
    # (fields, why)
    ({"text": TEXT, "title": "杜某敲诈勒索案", "facts": "被告人杜某犯敲诈勒索罪", "operative": "罪。"},
     "sections inside the text, a title outside it, a lone character at the end"),
    ({"text": TEXT, "facts": "某犯敲诈勒索罪，判处"}, "a section starting inside a Han run keeps its first character"),
    ({"text": TEXT, "facts": "被告人杜"}, "a section ending inside a Han run keeps its last character"),
    ({"text": TEXT, "facts": "不在全文中的事实"}, "a section the text lacks is analysed on its own"),
    ({"text": "", "title": "标题"}, "no text"),
    ({"text": "。，；", "facts": "。，"}, "punctuation only"),
    ({"text": "ＡＢＣ１２３，４５６元 U.S.A 1.5万元 a_b", "facts": "ＡＢＣ１２３"}, "full-width forms and joined words"),
    ({"text": "ｶﾀｶﾅ与差评", "facts": "差评"}, "half-width katakana: the per-run path"),
    ({"text": "差评😀与Apple™", "facts": "差评"}, "pictographs: the per-run path"),
    ({"text": "İstanbul的差评", "facts": "差评"}, "a word whose lower case is longer: the per-run path"),
]


@pytest.mark.parametrize("fields, why", CASES, ids=[why for _, why in CASES])
def test_same_token_strings_as_the_per_run_analysis(fields, why):
    assert expanded(analysed_fields(fields)) == per_run_fields(fields)


def test_sections_travel_as_slices_of_the_text():
    analysed = analysed_fields({"text": TEXT, "facts": "被告人杜某犯敲诈勒索罪"})
    start, stop, head, tail = analysed["facts"]
    assert analysed["text"][start:stop] == "被告 告人 人杜 杜某 某犯 犯敲 敲诈 诈勒 勒索 索罪" and (head, tail) == ("", "")


def test_texts_only_python_can_fold_have_no_layout():
    assert layout("ｶﾀｶﾅ") is None and layout("😀") is None and layout("İ") is None
    assert layout("差评") is not None


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared not found (real judgments live there)")
def test_real_judgments_with_their_sections():
    rows = [json.loads(line) for name in ("judgments.jsonl", "partial.jsonl")
            for line in open(SHARED / name, encoding="utf-8")]
    for row in rows[::3]:
        text = row.get("full_text") or row.get("partial_text") or ""
        sections = extract(text, row.get("title"))["sections"]
        fields = {"text": text, "title": row.get("title") or ""} | {k: sections.get(k, "") for k in ("facts", "reasoning", "operative", "claims")}
        assert expanded(analysed_fields(fields)) == per_run_fields(fields), row["id"]
