"""Document type, case type, procedure, and the decision / filing / hearing dates."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from indexer.extract.casenumber import find_case_number
from indexer.extract.dates import find_dates
from indexer.extract.doctype import case_type_of_marker, classify, procedure_of_marker

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def classify_text(text: str, title: str | None = None) -> tuple:
    _, parts = find_case_number(text, title)
    return classify(text, title, parts)


CLASSIFY = [
    # criminal first instance, letter-spaced title
    ("云南省泸水市人民法院\n刑 事 判 决 书\n（2017）云3321刑初130号\n公诉机关", None, ("判决书", "刑事", "一审")),
    # civil appeal
    ("北京市第三中级人民法院 民事判决书 （2019）京03民终218号 上诉人", None, ("判决书", "民事", "二审")),
    # SPC IP appeal: the 知 专门审判代字 does not hide the type
    ("最高人民法院 民事判决书 （2021）最高法知民终2270号 上诉人", None, ("判决书", "民事", "二审")),
    # execution ruling (执行实施 for the publisher)
    ("河南省武陟县人民法院\n执行裁定书\n(2017)豫0823执4号\n申请人殷昊", None, ("裁定书", "执行", "执行")),
    # real: 行审 is administrative non-litigation review though the title says 执行裁定书
    ("浙江省三门县人民法院\n执行裁定书\n（2014）台三行审字第207号\n申请执行人", None, ("裁定书", "行政", "非诉")),
    # real: 财保 is filed as 民事 by China Judgments Online
    ("某某人民法院 民事裁定书 （2019）苏0282财保12号 申请人", None, ("裁定书", "民事", "非诉")),
    # real: 刑更 (减刑) → 执行变更 (publisher: 刑罚与执行变更)
    ("某某中级人民法院 刑事裁定书 （2016）鄂01刑更1234号 罪犯", None, ("裁定书", "刑事", "执行变更")),
    # pre-2016 retrial (protest)
    ("浙江省奉化市人民法院 刑事判决书 （2013）甬奉刑再字第00002号 抗诉机关", None, ("判决书", "刑事", "再审")),
    # retrial application review
    ("最高人民法院 行政裁定书 （2017）最高法行申123号 再审申请人", None, ("裁定书", "行政", "审判监督")),
    # real: 经执 (old 经济 tribunal, execution)
    ("镇江经济开发区人民法院\n执行裁定书\n(2014)镇经执字第0119号\n申请执行人刘荣俊", None, ("裁定书", "执行", "执行")),
    # no number: wenshu-style title carries procedure and type
    ("裁判文书详情 原告阿**诉被告买**侵害外观设计专利权纠纷一案 裁定如下", "阿**与买**侵害外观设计专利权纠纷一审民事裁定书",
     ("裁定书", "民事", "一审")),
    # real: no heading, no title: the body tells
    ("原告:方昌荣,男。被告:王银娣,女。本院在审理原告方昌荣与被告王银娣网络购物合同纠纷一案中,裁定如下:本案按撤诉处理。", "",
     ("裁定书", "民事", "一审")),
    # a preamble naming other document types does not win over the heading's
    ("湛河区人民法院\n行政裁定书\n履行生效判决书、调解书、裁定书\n确定义务告知书\n特此告知\n河南省平顶山市湛河区人民法院\n"
     "行政裁定书\n（2019）豫0411行审160号\n申请执行人", None, ("裁定书", "行政", "非诉")),
    # real: an API record with no text at all; the title's 非诉执行审查 is an administrative (行审) review
    ("", "温岭市国土资源局与林启全非诉执行审查裁定书", ("裁定书", "行政", "非诉")),
    # mediation document
    ("某某人民法院 民事调解书 （2020）沪0110民初1号 原告", None, ("调解书", "民事", "一审")),
]


@pytest.mark.parametrize("text,title,expected", CLASSIFY)
def test_classify(text, title, expected):
    assert classify_text(text, title) == expected


MARKERS = [
    # bankruptcy application review is not a retrial review (申 in 破申)
    ("破申", "强制清算与破产", "破产"),
    # special procedure
    ("民特", "民事", "特别程序"),
    # remanded retrial (pre-2016 重) is a new first instance
    ("刑重", "刑事", "一审"),
    # administrative compensation first instance
    ("行赔初", "国家赔偿", "一审"),
    # jurisdiction appeal
    ("民辖终", "管辖", "二审"),
    # a standard marker without a procedure rule
    ("刑医", "刑事", "其他"),
    # an unknown marker tells nothing
    ("某", None, None),
]


@pytest.mark.parametrize("marker,case_type,procedure", MARKERS)
def test_markers(marker, case_type, procedure):
    assert (case_type_of_marker(marker), procedure_of_marker(marker)) == (case_type, procedure)


DECISION_DATES = [
    # signature block with ideographic spaces (cleaned to spaces) and the clerk after it
    ("审 判 长 刘 洋 人民陪审员 张宗瑞 二〇二二年一月四日 书 记 员 朱淑乔", "2022-01-04"),
    # 〇 written as Ｏ, one line
    ("审判员夏敏 二Ｏ一七年十一月九日 书记员骆萍", "2017-11-09"),
    # real: 日 mistyped as 无
    ("审判员夏敏诙 二○一七年十一月九无 书记员骆萍 。PAGE＼＊ArabicDash。-4-。", "2017-11-09"),
    # real: 一十六 for 十六
    ("人民陪审员 龙金良\n二〇一九年七月一十六日\n法官助理罗嫱", "2019-07-16"),
    # Arabic digits in the signature block; the body's dates are not the decision date
    ("本院于2018年8月1日立案。审判员 何敏 2018年10月12日 书记员 孙坤", "2018-10-12"),
    # an appended statute with its own dates after the signature
    ("审判员 王 二〇一五年一月三十日 书记员 张越 附：相关法律条文 一九九七年三月十四日第八届全国人民代表大会通过", "2015-01-30"),
    # page layout: 裁判日期 label
    ("裁判结果\n准许原告撤回起诉。\n裁判日期\n二〇一五年十二月七日\n相关文章", "2015-12-07"),
    # impossible date rejected
    ("审判员 王 二〇一五年二月三十日 书记员 张越", None),
]


@pytest.mark.parametrize("text,expected", DECISION_DATES)
def test_decision_date(text, expected):
    assert find_dates(text, {})[0] == expected


FILED_HEARD = [
    # criminal: prosecution filed, hearing date stated
    ("兰考县人民检察院以兰检诉刑诉（2017）337号起诉书指控被告人游某某犯故意伤害罪，于2017年11月6日向本院提起公诉。"
     "本院受理后，依法组成七人合议庭，于2017年12月12日公开开庭审理了本案。",
     {"filed": "2017-11-06", "heard": "2017-12-12"}),
    # civil: 立案 date, hearing date not stated (not the 立案 date)
    ("原告与被告信用卡纠纷一案。本院于2018年8月1日立案后，依法适用普通程序，公开开庭进行了审理。",
     {"filed": "2018-08-01", "heard": None}),
    # real: the prosecution date before a long clause
    ("由通化市二道江区人民检察院于2016年6月16日以吉通二检刑诉（2016）47号起诉书，向本院提起公诉。本院受理后，"
     "依法组成合议庭，并于2016年6月28日、7月18日公开开庭进行了审理。",
     {"filed": "2016-06-16", "heard": "2016-06-28"}),
    # the filing day is not the hearing day when the hearing is undated
    ("原告于2019年3月1日诉至本院，本院依法适用简易程序公开开庭审理了本案。", {"filed": "2019-03-01", "heard": None}),
    # real: 受理时间 label
    ("本院受理时间：2019年2月21日。", {"filed": "2019-02-21", "heard": None}),
    # a withdrawal, a police case opening and an arbitration filing are not this court's filing
    ("原告于2017年10月9日向本院提出撤诉申请。公安局于2017年6月1日立案侦查。仲裁委员会于2017年3月1日受理。",
     {"filed": None, "heard": None}),
    # an earlier crime date in the same sentence is not the filing date
    ("检察院指控被告人于2016年3月1日盗窃财物，于2016年6月20日向本院提起公诉。", {"filed": "2016-06-20", "heard": None}),
]


@pytest.mark.parametrize("text,expected", FILED_HEARD)
def test_filed_and_heard(text, expected):
    assert find_dates(text, {})[1] == expected


def _procedure_label(value: str) -> str:
    value = value.removeprefix("刑事").removeprefix("民事").removeprefix("行政")
    if "变更" in value:
        return "执行变更"
    if value.startswith("执行"):
        return "执行"
    return "非诉" if "非诉" in value else value


def test_real_judgments_match_publisher_labels():
    """Case type, procedure and decision date against the publisher's labels, on records whose text
    is not cut before the signature block."""
    data = SHARED / "data" / "judgments"
    if not data.is_dir():
        pytest.skip(f"real judgments not found at {data}")
    scores = {"case_type": [0, 0], "procedure": [0, 0], "date": [0, 0]}
    for name, field in (("judgments.jsonl", "full_text"), ("partial.jsonl", "partial_text")):
        with open(data / name, encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                meta, text, title = rec.get("meta") or {}, rec.get(field) or "", rec.get("title")
                if not text or "cut" in (rec.get("missing") or ""):
                    continue
                _, case_type, procedure = classify_text(text, title)
                labels = {
                    "case_type": (meta.get("案件类型") or "").removesuffix("案件"),
                    "procedure": _procedure_label(meta.get("审理程序") or meta.get("审判程序") or ""),
                    "date": meta.get("裁判日期"),
                }
                got = {"case_type": case_type, "procedure": procedure, "date": find_dates(text, {})[0]}
                for key, label in labels.items():
                    if label:
                        scores[key][0] += got[key] == label
                        scores[key][1] += 1
    for key, (hits, total) in scores.items():
        assert total > 100, key
        assert hits / total >= 0.99, (key, hits, total)
