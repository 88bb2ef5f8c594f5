"""Authority and recency ranking (SPC 2020 guidance order), as tables, and its effect on a search."""
from datetime import date

import pytest

from casebook.pipeline import import_paths, reindex
from indexer.ranking import Pending, explain, is_recent, rerank, tier

HAIMEN = Pending.from_code("苏0684")  # 海门市人民法院, under 南通中院 苏06, in 江苏省

ROWS = [
    ({"guiding": True, "court_level": "最高"}, None, "指导性案例"),  # a guiding case beats every court
    ({"court_level": "最高"}, None, "最高人民法院"),
    ({"court_level": "高级", "province": "江苏省"}, HAIMEN, "高级人民法院"),  # the pending case's province
    ({"court_level": "高级", "province": "浙江省"}, HAIMEN, "其他法院"),  # another province's high court
    ({"court_level": "高级", "province": "浙江省"}, None, "高级人民法院"),  # no pending court: any high court
    ({"court_level": "中级", "court_code": "苏06"}, HAIMEN, "上级法院及本院"),  # the court above
    ({"court_level": "基层", "court_code": "苏0684"}, HAIMEN, "上级法院及本院"),  # this court
    ({"court_level": "基层", "court_code": "苏0682"}, HAIMEN, "其他法院"),  # a sibling court
    ({"court_level": "基层", "court_code": "苏0684"}, None, "其他法院"),  # unknown pending court
]


@pytest.mark.parametrize("doc, pending, expected", ROWS)
def test_tier(doc, pending, expected):
    assert tier(doc, pending) == expected


def test_recent_means_the_last_n_years():
    today = date(2026, 11, 29)
    assert is_recent({"date": "2023-11-29"}, 3, today) and not is_recent({"date": "2023-11-28"}, 3, today)
    assert not is_recent({}, 3, today)


def test_explanation_multiplies_the_factors():
    why = explain({"court_level": "最高", "date": "1999-01-01"}, 10.0, {}, None)
    assert (why["tier"], why["tier_factor"], why["recent"], why["score"]) == ("最高人民法院", 1.4, False, 14.0)


def test_rerank_puts_authority_first_and_keeps_ties_stable():
    hits = [("base", 10.0), ("spc", 9.0), ("other", 10.0)]
    stored = {"base": {"court_level": "基层"}, "spc": {"court_level": "最高"}, "other": {"court_level": "基层"}}
    order, _ = rerank(hits, stored, {}, None)
    assert [i for i, _ in order] == ["spc", "base", "other"]
    flat, _ = rerank(hits, stored, {"tier_factors": {}}, None)  # factors of 1.0: plain BM25 order
    assert [i for i, _ in flat] == ["base", "other", "spc"]


def test_search_ranks_the_high_court_first_and_explains(context, tmp_path):
    body = "被告人以差评相要挟，敲诈勒索商家财物。"
    lines = [
        {"id": "basic", "title": "甲", "full_text": f"江苏省海门市人民法院\n刑事判决书\n（2018）苏0684刑初1号\n{body}"},
        {"id": "high", "title": "乙", "full_text": f"江苏省高级人民法院\n刑事裁定书\n（2018）苏刑终1号\n{body}"},
    ]
    path = tmp_path / "two.jsonl"
    import json

    path.write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in lines), encoding="utf-8")
    import_paths(context.store, [str(path)], progress=False)
    reindex(context.store, context.backend, progress=False)
    result = context.search(q="敲诈勒索 差评", explain=True)
    assert [h["id"] for h in result["hits"]] == ["high", "basic"]
    assert result["hits"][0]["explanation"]["tier"] == "高级人民法院"
