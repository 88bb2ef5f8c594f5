"""The shipped sample corpus (corpus/samples/): record shape and the legal consistency of each sample.

The samples are team-written (示例) judgments; the news records carry only publicly reported facts.
These tests check what a reader of a real judgment would check: the case number's court code is a
real court and matches the heading, appeals cite a first-instance number of a court below, charges
cite their own Criminal Law article, and the laws cited were in force on the decision date.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from datetime import date
from pathlib import Path

import cn2an
import pytest

from indexer import reference

SAMPLES_DIR = Path(__file__).resolve().parents[1] / "corpus" / "samples"
SAMPLE_SOURCE = "casebook-samples"

# Own small pattern (not the extractor's): post-2016 numbers only, which is all the samples use.
CASE_NUMBER_RE = re.compile(r"[（(](?P<year>\d{4})[）)](?P<code>最高法|[\u4e00-\u9fff]\d{2,4})"
                            r"(?P<marker>[\u4e00-\u9fff]{1,3}?)(?P<serial>\d+)号")
CN_DATE_RE = re.compile(r"([一二三四五六七八九〇零]{4})年([一二三四五六七八九十]{1,2})月([一二三四五六七八九十]{1,3})日")
CHARGE_RE = re.compile(r"犯([\u4e00-\u9fff、]{2,20}?罪)，判处")
DOCUMENT_NAMES = ("刑事判决书", "刑事裁定书", "民事判决书", "民事裁定书", "行政判决书", "行政裁定书", "执行裁定书")


def read_jsonl(name: str) -> list[dict]:
    with open(SAMPLES_DIR / name, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


JUDGMENTS = read_jsonl("samples.jsonl")
NEWS = read_jsonl("news_reports.jsonl")
BY_ID = {r["id"]: r for r in JUDGMENTS}
NEWS_BY_ID = {r["id"]: r for r in NEWS}
# The 差评师 pair reconstructs the reported 海门 cases: sample id → the news record of the same case.
RECONSTRUCTED = {"sample-chapingshi-extortion": "news-haimen-criminal-2017",
                 "sample-chapingshi-platform-suit": "news-haimen-civil-2019"}


def own_case_number(record: dict) -> re.Match:
    """The document's own number: the first case number of the text (it sits in the heading)."""
    match = CASE_NUMBER_RE.search(record["full_text"])
    assert match, f"{record['id']}: no case number"
    return match


def decision_date(record: dict) -> date:
    """The last Chinese-numeral date of the text: the signature block's decision date."""
    found = CN_DATE_RE.findall(record["full_text"])
    assert found, f"{record['id']}: no Chinese-numeral date"
    iso = cn2an.transform("{}年{}月{}日".format(*found[-1]), "cn2an")
    year, month, day = (int(x) for x in re.findall(r"\d+", iso))
    return date(year, month, day)


def document_name(record: dict) -> str:
    squeezed = record["full_text"][:80].replace(" ", "")
    return next(name for name in DOCUMENT_NAMES if name in squeezed)


def case_type_name(record: dict) -> str:
    marker = own_case_number(record)["marker"]
    return reference.case_type_markers()[marker][1]


def term_cn(months: int) -> str:
    """A term as judgments print it: 14 → 一年二个月, 9 → 九个月, 12 → 一年."""
    years, rest = divmod(months, 12)
    return (f"{cn2an.an2cn(years)}年" if years else "") + (f"{cn2an.an2cn(rest)}个月" if rest else "")


def sentence_cn(sentence: dict) -> str:
    """The reported parts of a sentence (news record shape) in the words of the operative part."""
    text = f"被告人{sentence['defendant']}犯{'、'.join(sentence['charges'])}，判处{sentence['penalty']}"
    text += term_cn(sentence["months"])
    if sentence["probation_months"]:
        text += f"，缓刑{term_cn(sentence['probation_months'])}"
    if sentence["fine_yuan"]:
        text += f"，并处罚金人民币{cn2an.an2cn(int(sentence['fine_yuan']))}元"
    return text


def ids(records: list[dict]) -> list[str]:
    return [r["id"] for r in records]


APPEALS = [r for r in JUDGMENTS if own_case_number(r)["marker"].endswith("终")]
SENTENCED = [r for r in JUDGMENTS if CHARGE_RE.search(r["full_text"])]


# ---- shape ---------------------------------------------------------------------------------

def test_ids_are_unique_across_both_files():
    counts = Counter(ids(JUDGMENTS) + ids(NEWS))
    assert [i for i, n in counts.items() if n > 1] == []


@pytest.mark.parametrize("record", JUDGMENTS, ids=ids(JUDGMENTS))
def test_sample_record_shape(record):
    assert record["id"].startswith("sample-")
    assert record["kind"] == "judgment" and record["sample"] is True
    assert record["source"]["name"] == SAMPLE_SOURCE and "示例" in record["source"]["note"]
    assert record["title"].strip() and record["full_text"].strip()
    assert "[UNCONFIRMED" not in record["full_text"]


@pytest.mark.parametrize("record", NEWS, ids=ids(NEWS))
def test_news_record_shape(record):
    assert record["id"].startswith("news-")
    assert record["kind"] == "news_report" and record["sample"] is False
    assert record["source"]["name"] == "public-report"
    assert record["source"]["url"].startswith("http")
    assert record["publication"]["seen_at_url"] == record["source"]["url"]
    assert set(record["publication"]) >= {"publisher", "published", "url", "seen_at_url", "note"}
    assert record["date"] is None or date.fromisoformat(record["date"])
    assert record["publication"]["published"] is None or date.fromisoformat(record["publication"]["published"])
    assert "[UNCONFIRMED" not in record["full_text"] + json.dumps(record, ensure_ascii=False)


@pytest.mark.parametrize("record", NEWS, ids=ids(NEWS))
def test_news_court_and_case_number_are_real(record):
    court = reference.courts_by_code()[record["court"]["code"]]
    assert court.short_name == record["court"]["short_name"]
    if record.get("case_number"):
        match = CASE_NUMBER_RE.fullmatch(record["case_number"])
        assert match and match["code"] == record["court"]["code"]


# ---- each sample is a plausible judgment -------------------------------------------------------

@pytest.mark.parametrize("record", JUDGMENTS, ids=ids(JUDGMENTS))
def test_case_number_court_code_is_real_and_matches_heading(record):
    match = own_case_number(record)
    court = reference.courts_by_code().get(match["code"])
    assert court, f"unknown court code {match['code']}"
    heading = record["full_text"][: match.start()]
    assert court.short_name in heading, f"{court.short_name} not in heading {heading!r}"
    assert record["title"].startswith(heading.split()[0])
    assert match["marker"] in reference.case_type_markers()


@pytest.mark.parametrize("record", JUDGMENTS, ids=ids(JUDGMENTS))
def test_title_names_court_and_document(record):
    assert record["title"].endswith(document_name(record))


@pytest.mark.parametrize("record", JUDGMENTS, ids=ids(JUDGMENTS))
def test_decision_date_is_after_filing_year_and_not_in_future(record):
    decided = decision_date(record)
    assert int(own_case_number(record)["year"]) <= decided.year
    assert date(2016, 1, 1) <= decided <= date.today()


@pytest.mark.parametrize("record", APPEALS, ids=ids(APPEALS))
def test_appeals_cite_a_first_instance_number_of_a_court_below(record):
    own = own_case_number(record)
    lower = [m for m in CASE_NUMBER_RE.finditer(record["full_text"]) if m["marker"].endswith("初")]
    assert lower, "an appeal cites the first-instance case number"
    appellate = reference.courts_by_code()[own["code"]]
    for m in lower:
        below = reference.courts_by_code()[m["code"]]
        # Specialised courts (知识产权法院) hear appeals from basic courts outside their own subtree.
        assert below.parent_code == own["code"] or appellate.level.startswith("专门")


@pytest.mark.parametrize("record", SENTENCED, ids=ids(SENTENCED))
def test_each_charge_cites_its_criminal_law_article(record):
    charges = {reference.normalise_charge(c) for c in CHARGE_RE.findall(record["full_text"])}
    assert None not in charges, "every charge is an official charge name"
    for charge in charges:
        article = "第" + cn2an.an2cn(int(reference.charge_articles()[charge])) + "条"
        assert article in record["full_text"], f"{charge} without {article}"


# (law, in force from, in force until) — cited laws must match the decision date.
LAW_PERIODS = [
    ("《中华人民共和国民法典》", date(2021, 1, 1), None),
    ("《中华人民共和国合同法》", None, date(2021, 1, 1)),
    ("《中华人民共和国侵权责任法》", None, date(2021, 1, 1)),
    ("《中华人民共和国民法总则》", None, date(2021, 1, 1)),
    ("《中华人民共和国电子商务法》", date(2019, 1, 1), None),
]
# The civil procedure article on doubled interest for late payment, by text in force.
LATE_PAYMENT_ARTICLES = [(date(2017, 7, 1), "第二百五十三条"), (date(2022, 1, 1), "第二百六十条"),
                         (date(2024, 1, 1), "第二百六十四条")]


@pytest.mark.parametrize("record", JUDGMENTS, ids=ids(JUDGMENTS))
def test_cited_laws_were_in_force_on_the_decision_date(record):
    decided, text = decision_date(record), record["full_text"]
    for law, start, end in LAW_PERIODS:
        if law in text:
            assert (start is None or decided >= start) and (end is None or decided < end), law
    late = re.search(r"依照《中华人民共和国民事诉讼法》(第[一二三四五六七八九十百]+条)(?:之)?规定，加倍支付", text)
    if late:
        expected = [article for start, article in LATE_PAYMENT_ARTICLES if decided >= start][-1]
        assert late.group(1) == expected


# ---- coverage of the corpus --------------------------------------------------------------------

def test_at_least_thirty_judgments():
    assert len(JUDGMENTS) >= 30


def test_case_types_and_instances_are_covered():
    kinds = {case_type_name(r) for r in JUDGMENTS}
    assert {"刑事一审案件", "刑事二审案件", "民事一审案件", "民事二审案件", "行政一审案件", "行政二审案件"} <= kinds
    assert any("执行" in k for k in kinds)
    names = {document_name(r) for r in JUDGMENTS}
    assert {"刑事判决书", "民事判决书", "民事裁定书", "行政判决书", "执行裁定书"} <= names


def test_chaping_extortion_pair_is_present_and_linked():
    criminal = BY_ID["sample-chapingshi-extortion"]
    civil = BY_ID["sample-chapingshi-platform-suit"]
    assert case_type_name(criminal) == "刑事一审案件" and case_type_name(civil) == "民事一审案件"
    assert own_case_number(criminal).group(0) in civil["full_text"]
    assert "1元" in civil["full_text"] and "20000元" in civil["full_text"]
    assert decision_date(criminal) < decision_date(civil)


def test_only_the_civil_suit_cites_the_criminal_judgment():
    number = own_case_number(BY_ID["sample-chapingshi-extortion"]).group(0)
    citing = [r["id"] for r in JUDGMENTS if r["id"] != "sample-chapingshi-extortion" and number in r["full_text"]]
    assert citing == ["sample-chapingshi-platform-suit"]


@pytest.mark.parametrize("sample_id, news_id", RECONSTRUCTED.items())
def test_pair_agrees_with_the_reported_case(sample_id, news_id):
    sample, news = BY_ID[sample_id], NEWS_BY_ID[news_id]
    text = sample["full_text"]
    assert own_case_number(sample)["code"] == news["court"]["code"]
    assert decision_date(sample) == date.fromisoformat(news["date"])
    assert all(p["name"] in text for p in news["parties"] if p["kind"] == "person")
    reported_amounts = [news["amount_involved_yuan"]] + [r["amount_yuan"] for r in news["remedies"]]
    assert all(f"{amount:g}元" in text for amount in reported_amounts if amount is not None)
    assert all(sentence_cn(sentence) in text for sentence in news["sentences"])
    # The real case numbers are unknown: the note must say the number is a sample number.
    assert "示例编号" in sample["source"]["note"] and "重构" in sample["source"]["note"]


@pytest.mark.parametrize("sample_id", ["sample-chapingshi-extortion", "sample-chapingshi-platform-suit"])
def test_pair_matches_the_query_terms_strongly(sample_id):
    text = BY_ID[sample_id]["full_text"]
    assert text.count("敲诈勒索") >= 3 and text.count("差评") >= 3


def test_some_samples_mention_the_query_terms_only_in_passing():
    passing = [r for r in JUDGMENTS if 1 <= r["full_text"].count("差评") <= 2
               or 1 <= r["full_text"].count("敲诈勒索") <= 2]
    assert len(passing) >= 3


def test_both_layouts_are_present():
    one_line = [r for r in JUDGMENTS if "\n" not in r["full_text"]]
    assert 5 <= len(one_line) <= len(JUDGMENTS) - 5
