"""Case numbers: forms, normalisation, parts, the document's own number and cited numbers."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from indexer.extract.casenumber import (
    find_case_number,
    find_related_cases,
    normalise_case_number,
    parse_case_number,
)

SHARED = Path(__file__).resolve().parents[1].parent / "shared"

NORMALISE = [
    # post-2016 basic court, full-width brackets already
    ("（2017）苏0684刑初123号", "（2017）苏0684刑初123号"),
    # half-width brackets
    ("(2018)渝0103民初21102号", "（2018）渝0103民初21102号"),
    # 〔〕 brackets (lists of internet cases)
    ("〔2017〕浙8601民初815号", "（2017）浙8601民初815号"),
    # spaces inside, as in texts that lost their layout
    ("（ 2017 ） 豫0225 刑初 774 号", "（2017）豫0225刑初774号"),
    # full-width digits
    ("（２０１９）京０４９１民初１号", "（2019）京0491民初1号"),
    # real: a letter O typed for the zero of the year
    ("（2Ｏ20）渝0101行审3002号", "（2020）渝0101行审3002号"),
    # pre-2016 with 字第
    ("（2011）嘉南民初字第3180号", "（2011）嘉南民初字第3180号"),
    # pre-2016 with a bracketed tribunal inside the body
    ("（2012）高行(知)终字第9号", "（2012）高行（知）终字第9号"),
    # suffixes
    ("(2018)湘0624执1138号之一", "（2018）湘0624执1138号之一"),
    ("（2017）苏0684执660—2号", "（2017）苏0684执660-2号"),
    # not a court case number: prosecution, notarial, penalty numbers
    ("兰检诉刑诉（2017）337号", None),
    ("（2015）京长安内经证字第1号", None),
    ("温鹿综法处字［2016］第002-306号", None),
]


@pytest.mark.parametrize("raw,expected", NORMALISE)
def test_normalise_case_number(raw, expected):
    assert normalise_case_number(raw) == expected


PARTS = [
    # SPC with the 2018 IP 专门审判代字
    ("（2021）最高法知民终2270号",
     {"year": 2021, "court_code": "最高法", "type_marker": "民终", "serial": "2270", "special_marker": "知"}),
    # intermediate court with 知
    ("（2020）浙01知民初277号",
     {"year": 2020, "court_code": "浙01", "type_marker": "民初", "serial": "277", "special_marker": "知"}),
    # high court: province character only
    ("（2017）京行终1号", {"year": 2017, "court_code": "京", "type_marker": "行终", "serial": "1"}),
    # pre-2016: abbreviation kept, leading zeros kept
    ("（2013）甬奉刑再字第00002号",
     {"year": 2013, "court_code": None, "type_marker": "刑再", "serial": "00002", "court_abbrev": "甬奉"}),
    # pre-2016 SPC number has no abbreviation
    ("（2014）民申字第1782号",
     {"year": 2014, "court_code": None, "type_marker": "民申", "serial": "1782", "court_abbrev": ""}),
    # real: an old court whose abbreviation is followed by the 经济 tribunal
    ("(2014)镇经执字第0119号",
     {"year": 2014, "court_code": None, "type_marker": "经执", "serial": "0119", "court_abbrev": "镇"}),
    # suffixes stay out of the serial
    ("(2018)湘0624执1138号之一", {"year": 2018, "court_code": "湘0624", "type_marker": "执", "serial": "1138"}),
    ("（2013）潍执字第330-6号",
     {"year": 2013, "court_code": None, "type_marker": "执", "serial": "330-6", "court_abbrev": "潍"}),
]


@pytest.mark.parametrize("raw,expected", PARTS)
def test_parse_case_number(raw, expected):
    assert parse_case_number(raw) == expected


OWN = [
    # one-line text: court, title and number before the party block
    ("河南省兰考县人民法院 刑事判决书 （2017）豫0225刑初774号 公诉机关河南省兰考县人民检察院。", None,
     "（2017）豫0225刑初774号"),
    # the printed title carries the number
    ("公诉机关……", "河南省兰考县人民法院 刑事判决书 （2017）豫0225刑初774号", "（2017）豫0225刑初774号"),
    # real: heading missing, only the first-instance number cited in the history
    ("文书正文\n当事人信息\n上诉人(原审原告):祖腾飞\n诉讼记录\n上诉人祖腾飞因与被上诉人苏晓霞买卖合同纠纷一案,"
     "不服河北省任丘市人民法院(2019)冀0982民初2703号民事裁定,向本院提起上诉", None, None),
    # real: a 告知书 printed before the heading
    ("河南省平顶山市湛河区人民法院\n行政裁定书\n履行生效判决书、调解书、裁定书\n确定义务告知书\n人民法院发生法律效力的"
     "判决书确定的义务。\n特此告知\n河南省平顶山市湛河区人民法院\n行政裁定书\n（2019）豫0411行审160号\n"
     "申请执行人平顶山市交通运输执法局于2019年8月16日向本院申请强制执行", None, "（2019）豫0411行审160号"),
    # real: heading without court name starts at the number
    ("(2018)湘0624执1138号之一\n申请执行人：王宗桂。\n终结本院（2018）湘0624执1138号一案的执行。", None,
     "（2018）湘0624执1138号之一"),
]


@pytest.mark.parametrize("text,title,expected", OWN)
def test_own_case_number(text, title, expected):
    assert find_case_number(text, title)[0] == expected


RELATED = [
    # real: the appeal cites the first-instance judgment
    ("（2016）粤03行终323号 上诉人孙定宏因与被上诉人深圳市交通运输委员会行政处罚决定纠纷一案，不服广东省深圳市福田区人民法院"
     "（2015）深福法行初字第1265号行政判决，向本院提起上诉。",
     ["（2015）深福法行初字第1265号"]),
    # real: the execution ruling cites its own earlier number and the judgment executed; own excluded
    ("(2018)湘0624执1138号之一 终结本院（2018）湘0624执1138号一案的执行。本院作出的（2015）武民南初字第00359号民事判决书",
     ["（2018）湘0624执1138号", "（2015）武民南初字第00359号"]),
    # a list of serials becomes one number each; repeats once
    ("（2021）粤0111民初1号 另案（2021）粤0111民初30063、30062号，及（2021）粤0111民初30063号",
     ["（2021）粤0111民初30063号", "（2021）粤0111民初30062号"]),
    # prosecution and administrative numbers are not court cases
    ("（2017）豫0225刑初774号 兰检诉刑诉（2017）337号起诉书 温鹿综法处字［2016］第002-306号", []),
]


@pytest.mark.parametrize("text,expected", RELATED)
def test_related_cases(text, expected):
    own, _ = find_case_number(text)
    assert find_related_cases(text, own) == expected


def _real_records():
    data = SHARED / "data" / "judgments"
    if not data.is_dir():
        pytest.skip(f"real judgments not found at {data}")
    for name, field in (("judgments.jsonl", "full_text"), ("partial.jsonl", "partial_text")):
        with open(data / name, encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                yield rec.get("title") or "", rec.get(field) or "", rec.get("meta") or {}


def test_real_judgments_own_number_from_text():
    """The number found in the text alone equals the one printed in the title or the publisher's 案号
    (when the text prints its heading at all)."""
    checked = hits = 0
    for title, text, meta in _real_records():
        expected = normalise_case_number(title) or normalise_case_number(meta.get("案号") or "")
        if expected and expected.split("）")[1] in text.replace("(", "（").replace(")", "）"):
            checked += 1
            hits += find_case_number(text)[0] == expected
    assert checked > 300
    assert hits / checked >= 0.99
