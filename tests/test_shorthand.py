"""Courts and provinces as users type them, read as the values the index holds."""
from __future__ import annotations

import pytest

from indexer.fields import normalise_value
from indexer.query import Match, Or, parse
from indexer.shorthand import court_value, court_values, province_value, shorthand_keys


@pytest.mark.parametrize("typed, court", [
    ("海门市人民法院", "海门市人民法院"),  # the listed short name
    ("江苏省海门市人民法院", "海门市人民法院"),  # with its province
    ("海门法院", "海门市人民法院"),
    ("海门", "海门市人民法院"),
    ("南通中院", "江苏省南通市中级人民法院"),
    ("南通市中级法院", "江苏省南通市中级人民法院"),
    ("江苏高院", "江苏省高级人民法院"),
    ("北京一中院", "北京市第一中级人民法院"),
    ("海淀法院", "北京市海淀区人民法院"),
    ("南京鼓楼法院", "南京市鼓楼区人民法院"),
    ("广西高院", "广西壮族自治区高级人民法院"),
    ("阿克苏中院", "新疆维吾尔自治区阿克苏地区中级人民法院"),
    ("北京互联网法院", "北京互联网法院"),
])
def test_a_court_typed_the_short_way_is_the_listed_court(typed, court):
    assert court_value(typed) == court
    assert normalise_value("court", typed) == court


@pytest.mark.parametrize("typed", ["鼓楼法院", "朝阳法院", "某某法院"])
def test_a_shorthand_that_fits_several_courts_or_none_is_no_single_court(typed):
    # 鼓楼区 is in 南京, 徐州, 福州 and 开封; 朝阳区 in 北京 and 长春, and there is 朝阳县
    assert court_value(typed) == typed


def test_a_query_names_every_court_a_shorthand_fits():
    assert court_values("鼓楼法院") == ["南京市鼓楼区人民法院", "徐州市鼓楼区人民法院", "福州市鼓楼区人民法院",
                                     "开封市鼓楼区人民法院"]
    assert parse("法院:鼓楼法院") == Or(tuple(Match("court", c) for c in court_values("鼓楼法院")))
    assert parse("法院:某某法院") == Match("court", "某某法院")


def test_shorthand_keys_start_at_each_place():
    assert shorthand_keys("江苏省南通市中级人民法院") == ["江苏南通中院", "南通中院"]
    assert shorthand_keys("海门") == ["海门法院"]


@pytest.mark.parametrize("typed, province", [
    ("江苏", "江苏省"), ("江苏省", "江苏省"), ("北京", "北京市"), ("广西", "广西壮族自治区"),
    ("内蒙古", "内蒙古自治区"), ("新疆", "新疆维吾尔自治区"),
])
def test_a_province_without_its_suffix_is_the_province(typed, province):
    assert province_value(typed) == province
    assert normalise_value("province", typed) == province


def test_a_value_that_begins_no_single_province_stays_as_typed():
    assert province_value("江") == "江"  # 江苏省 and 江西省
    assert province_value("火星") == "火星"
