"""The deciding court: from the case number's court code, else from the printed heading."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from indexer.extract.casenumber import find_case_number
from indexer.extract.court import court_by_name, find_court

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def court_of(text: str, title: str | None = None) -> dict | None:
    _, parts = find_case_number(text, title)
    return find_court(text, title, parts)


COURTS = [
    # basic court by code; city from the parent 中院
    ("江苏省海门市人民法院 民事判决书 （2017）苏0684民初123号 原告淘宝", None,
     {"name": "江苏省海门市人民法院", "short_name": "海门市人民法院", "code": "苏0684", "level": "基层",
      "province": "江苏省", "city": "南通市"}),
    # intermediate court; city from its own name
    ("广东省深圳市中级人民法院\n行政判决书\n（2016）粤03行终323号\n上诉人孙定宏", None,
     {"name": "广东省深圳市中级人民法院", "short_name": "广东省深圳市中级人民法院", "code": "粤03",
      "level": "中级", "province": "广东省", "city": "深圳市"}),
    # municipality: the city is the municipality
    ("重庆市渝中区人民法院\n民 事 判 决 书\n(2018)渝0103民初21102号\n原告：交通银行", None,
     {"name": "重庆市渝中区人民法院", "short_name": "重庆市渝中区人民法院", "code": "渝0103", "level": "基层",
      "province": "重庆市", "city": "重庆市"}),
    # court added after the 2018 table (courts_extra.tsv)
    ("北京互联网法院\n民事判决书\n（2020）京0491民初32803号\n原告", None,
     {"name": "北京互联网法院", "short_name": "北京互联网法院", "code": "京0491", "level": "基层",
      "province": "北京市", "city": "北京市"}),
    # special court: level 专门, city from the name
    ("宁波海事法院 民事判决书 （2019）浙72民初1号 原告", None,
     {"name": "宁波海事法院", "short_name": "宁波海事法院", "code": "浙72", "level": "专门",
      "province": "浙江省", "city": "宁波市"}),
    # SPC heading with 中华人民共和国
    ("中华人民共和国最高人民法院 民事判决书 （2021）最高法知民终2270号 上诉人", None,
     {"name": "最高人民法院", "short_name": "最高人民法院", "code": "最高法", "level": "最高",
      "province": None, "city": None}),
    # real: pre-2016 number, court matched by its heading name
    ("浙江省三门县人民法院\n执行裁定书\n（2014）台三行审字第207号\n申请执行人三门县国土资源局。", None,
     {"name": "浙江省三门县人民法院", "short_name": "三门县人民法院", "code": "浙1022", "level": "基层",
      "province": "浙江省", "city": "台州市"}),
    # real: development-zone court without province in the heading
    ("镇江经济开发区人民法院\n执行裁定书\n(2014)镇经执字第0119号\n申请执行人刘荣俊", None,
     {"name": "镇江经济开发区人民法院", "short_name": "镇江经济开发区人民法院", "code": "苏1191",
      "level": "基层", "province": "江苏省", "city": "镇江市"}),
    # real: abolished court (北塘区 merged 2016): name kept, fields from the code's structure
    ("江苏省无锡市北塘区人民法院\n民事判决书\n(2016)苏0204民初127号\n原告殷昊栋。", None,
     {"name": "江苏省无锡市北塘区人民法院", "short_name": None, "code": None, "level": "基层",
      "province": "江苏省", "city": "无锡市"}),
    # real: the title names the court; the page text opens with other matter naming 最高人民法院
    ("中诉网本网追踪 通过国家市场监督管理总局和最高人民法院核查,杭州鸣驰实业有限公司前身为…", "杭州互联网法院一审民事判决书",
     {"name": "杭州互联网法院", "short_name": "杭州互联网法院", "code": "浙0192", "level": "基层",
      "province": "浙江省", "city": "杭州市"}),
    # real: the first-instance court cited in an appeal without heading is not the deciding court
    ("上诉人祖腾飞因与被上诉人苏晓霞买卖合同纠纷一案,不服河北省任丘市人民法院(2019)冀0982民初2703号民事裁定", None, None),
]


@pytest.mark.parametrize("text,title,expected", COURTS)
def test_find_court(text, title, expected):
    assert court_of(text, title) == expected


@pytest.mark.parametrize("name,code", [
    ("江苏省海门市人民法院", "苏0684"),  # with province
    ("海门市人民法院", "苏0684"),  # short name
    ("北京铁路运输中级法院", "京04"),  # the alias printed in the table
    ("内蒙古自治区兴安盟中级人民法院", "内22"),  # autonomous-region prefix
])
def test_court_by_name(name, code):
    assert court_by_name(name).code == code


def _same_court(found: dict | None, label: str) -> bool:
    if not found:
        return False
    labelled = court_by_name(label)
    return bool(labelled and found["code"] == labelled.code) or found["name"] == label


def test_real_judgments_court_matches_publisher():
    data = SHARED / "data" / "judgments"
    if not data.is_dir():
        pytest.skip(f"real judgments not found at {data}")
    checked = hits = 0
    for name, field in (("judgments.jsonl", "full_text"), ("partial.jsonl", "partial_text")):
        with open(data / name, encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                meta, text = rec.get("meta") or {}, rec.get(field) or ""
                label = next((meta[k] for k in ("审理法院", "法院名称") if str(meta.get(k, "")).endswith("法院")), None)
                if label and text:
                    checked += 1
                    hits += _same_court(court_of(text, rec.get("title")), label)
    assert checked > 100
    assert hits / checked >= 0.99
