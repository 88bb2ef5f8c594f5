"""Claim and outcome analytics: tables, statistics, chart series and CSV over hand-made records and the samples."""
from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from casebook.pipeline import import_paths
from casebook.record import Record, Source
from web import analytics as a

SAMPLES = Path(__file__).resolve().parents[1] / "corpus" / "samples" / "samples.jsonl"


def record(record_id: str, **fields) -> Record:
    court = fields.pop("court", {"name": "江苏省海门市人民法院", "level": "基层", "province": "江苏省"})
    return Record(record_id, f"案例 {record_id}", "", Source("test"), court=court, **fields)


def remedy(kind, amount=None, payers=("甲公司",), payees=("乙",)):
    return {"type": kind, "amount_yuan": amount, "payers": list(payers), "payees": list(payees), "joint": False}


def sentence(defendant, charges, penalty="有期徒刑", months=None, probation=None, fine=None):
    return {"defendant": defendant, "charges": list(charges), "penalty": penalty, "months": months,
            "probation_months": probation, "fine_yuan": fine}


CIVIL = [
    record("c1", date="2019-05-01", causes=["名誉权纠纷"],
           remedies=[remedy("赔偿损失", 1000.0), remedy("赔礼道歉"), remedy("合理开支", 3000.0)]),
    record("c2", date="2021-03-02", causes=["名誉权纠纷"], remedies=[remedy("赔偿损失", 5000.0)],
           court={"name": "上海市第一中级人民法院", "level": "中级", "province": "上海市"}),
    record("c3", date="2021-07-09", causes=["网络侵权责任纠纷"], remedies=[remedy("赔偿损失", 250000.0)]),
]
CRIMINAL = [
    record("k1", date="2021-01-01", charges=["敲诈勒索罪"],
           sentences=[sentence("杜某", ["敲诈勒索罪"], months=12, probation=15, fine=20000.0),
                      sentence("邱某", ["敲诈勒索罪"], months=9, probation=12, fine=10000.0)]),
    record("k2", date="2022-02-02", charges=["盗窃罪"], amount_involved_yuan=8000.0,
           sentences=[sentence("宋某", ["盗窃罪"], months=6, fine=3000.0),
                      sentence("马某", ["盗窃罪"], penalty="无期徒刑")],
           court={"name": "河南省高级人民法院", "level": "高级", "province": "河南省"}),
    record("k3", date=None, charges=["危险驾驶罪"], sentences=[sentence("韩某", ["危险驾驶罪"], "拘役", 2, 6, 4000.0)]),
]


def test_remedies_table_and_stats():
    rows = a.remedies_table(CIVIL)
    assert rows[0] == {"type": "赔偿损失", "amount_yuan": 1000.0, "payers": "甲公司", "payees": "乙",
                       "court": "江苏省海门市人民法院", "date": "2019-05-01", "case_id": "c1", "case_number": None}
    assert a.remedy_stats(rows) == [
        {"type": "赔偿损失", "count": 3, "min": 1000.0, "median": 5000.0, "max": 250000.0},
        {"type": "合理开支", "count": 1, "min": 3000.0, "median": 3000.0, "max": 3000.0},
        {"type": "赔礼道歉", "count": 1, "min": None, "median": None, "max": None},  # no amount to summarise
    ]


def test_sentences_table_and_stats():
    rows = a.sentences_table(CRIMINAL)
    assert [(r["defendant"], r["charges"], r["months"]) for r in rows] == [
        ("杜某", "敲诈勒索罪", 12), ("邱某", "敲诈勒索罪", 9), ("宋某", "盗窃罪", 6), ("马某", "盗窃罪", None),
        ("韩某", "危险驾驶罪", 2)]
    stats = {s["charges"]: s for s in a.sentence_stats(rows)}
    assert stats["敲诈勒索罪"] == {"charges": "敲诈勒索罪", "count": 2, "min": 9, "median": 10.5, "max": 12,
                              "probation": 2, "fine_median": 15000.0}
    assert (stats["盗窃罪"]["count"], stats["盗窃罪"]["median"], stats["盗窃罪"]["probation"]) == (2, 6, 0)


@pytest.mark.parametrize("series, expected", [
    # years in order; a case without a date is left out
    (a.cases_per_year, [{"label": "2019", "count": 1}, {"label": "2021", "count": 3}, {"label": "2022", "count": 1}]),
    # provinces, most cases first
    (a.cases_by_province, [{"label": "江苏省", "count": 4}, {"label": "上海市", "count": 1}, {"label": "河南省", "count": 1}]),
    # court levels in the hierarchy's order
    (a.cases_by_court_level, [{"label": "高级", "count": 1}, {"label": "中级", "count": 1}, {"label": "基层", "count": 4}]),
    # charges and 案由 together
    (a.cases_by_charge_or_cause, [{"label": "名誉权纠纷", "count": 2}, {"label": "网络侵权责任纠纷", "count": 1},
                                  {"label": "敲诈勒索罪", "count": 1}, {"label": "盗窃罪", "count": 1},
                                  {"label": "危险驾驶罪", "count": 1}]),
])
def test_chart_series(series, expected):
    assert series(CIVIL + CRIMINAL) == expected


@pytest.mark.parametrize("amounts, expected", [
    ([999.0, 1000.0], {"1千元以下": 1, "1千–1万元": 1}),  # a bound belongs to the bucket above
    ([None, 50_000.0], {"5万–10万元": 1}),  # unknown amounts left out
    ([2_000_000.0], {"100万元以上": 1}),  # the open bucket
])
def test_amount_distribution(amounts, expected):
    rows = a.amount_distribution(amounts)
    assert [r["label"] for r in rows] == [label for _, label in a.AMOUNT_BUCKETS]  # every bucket, in order
    assert {r["label"]: r["count"] for r in rows if r["count"]} == expected


def test_sentence_distribution():
    counts = {r["label"]: r["count"] for r in a.sentence_distribution(a.sentences_table(CRIMINAL))}
    assert counts == {"6个月以下": 2, "6个月以上至1年": 2, "1年以上至3年": 0, "3年以上至5年": 0, "5年以上至10年": 0,
                      "10年以上": 0, "无期徒刑、死刑": 1}


def test_csv_has_chinese_headings_and_round_trips():
    rows = a.remedy_stats(a.remedies_table(CIVIL))
    parsed = list(csv.reader(io.StringIO(a.to_csv(rows))))
    assert parsed[0] == ["类型", "数量", "最小值", "中位数", "最大值"]
    assert parsed[1] == ["赔偿损失", "3", "1000.0", "5000.0", "250000.0"]
    assert parsed[3] == ["赔礼道歉", "1", "", "", ""]  # None as an empty cell


def test_charts_over_the_shipped_samples(context):
    import_paths(context.store, [str(SAMPLES)], progress=False, workers=1)
    records = list(context.store.iter_records())
    charts = a.charts(records)
    amounts = [r["amount_yuan"] for r in a.remedies_table(records) if r["amount_yuan"] is not None]
    assert sum(r["count"] for r in charts["remedy_amounts"]) == len(amounts) > 0
    assert sum(r["count"] for r in charts["years"]) == sum(bool(r.date) for r in records)
    terms = [r for r in a.sentences_table(records) if r["months"] is not None or r["penalty"] in a.LIFE_OR_DEATH]
    assert sum(r["count"] for r in charts["sentence_months"]) == len(terms) > 0
