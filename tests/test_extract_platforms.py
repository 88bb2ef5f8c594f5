"""Platforms named in judgments: names, aliases, operating companies and roles (extractor part D)."""
import pytest

from indexer.extract.platforms import find_platforms, platforms

ROWS = [
    # the platform's company as a party
    ("原告：浙江淘宝网络有限公司，住所地浙江省杭州市余杭区。", [("淘宝", "浙江淘宝网络有限公司", "party")]),
    # the company behind a brand: 上海汉涛信息咨询有限公司 is 大众点评
    ("原告上海汉涛信息咨询有限公司诉被告青岛某公司不正当竞争纠纷", [("大众点评", "上海汉涛信息咨询有限公司", "party")]),
    # 天猫超市 is 天猫, 美团外卖 is 美团, each once
    ("在天猫超市购买后又通过美团外卖和美团下单", [("天猫", "浙江天猫网络有限公司", "venue"),
                                          ("美团", "北京三快在线科技有限公司", "venue")]),
    # 微信 used to pay is payment; 支付宝 always is
    ("并通过微信转账收取毒资人民币二百元。", [("微信", "腾讯科技（深圳）有限公司", "payment")]),
    ("翁某通过支付宝向葛晖支付了毒资人民币1200元", [("支付宝", "支付宝（中国）网络技术有限公司", "payment")]),
    # 微信 as a chat channel is the venue even when a transfer is also mentioned
    ("“琼瑶”通过微信联系被告人李明哲欲购买大麻。同月12日，“琼瑶”通过微信向李明哲支付人民币300元",
     [("微信", "腾讯科技（深圳）有限公司", "venue")]),
    # online lending services are money services
    ("骗取“招联好期贷”贷款3000元", [("招联好期贷", "招联消费金融有限公司", "payment")]),
    # QQ as a word, not inside Latin letters
    ("通过代孕QQ群认识了被害人", [("QQ", "深圳市腾讯计算机系统有限公司", "venue")]),
    ("型号为MQQ-2的设备", []),
    # 京东 inside place names and 京东方
    ("（2016）京东方内民证字第03009号公证书，住北京东路1号", []),
    # a price that looks like 1688
    ("以1688元的价格出售", []),
    # bracket width of the company name does not matter
    ("被告支付宝(中国)网络技术有限公司", [("支付宝", "支付宝（中国）网络技术有限公司", "party")]),
]


@pytest.mark.parametrize("text,expected", ROWS)
def test_platforms(text, expected):
    assert [(p["name"], p["company"], p["role"]) for p in find_platforms(text, [])] == expected


def test_party_from_parties_list():
    # a known party name decides the role even without a role label before the mention
    parties = [{"name": "北京三快在线科技有限公司", "role": "被告"}]
    assert find_platforms("北京三快在线科技有限公司辩称", parties)[0]["role"] == "party"
    assert find_platforms("原告在美团下单", parties)[0]["role"] == "party"


def test_table_is_well_formed():
    # every row has a name and no alias or company is claimed by two platforms' aliases
    rows = platforms()
    assert all(p.name for p in rows) and len({p.name for p in rows}) == len(rows)
    aliases = [a for p in rows for a in p.aliases]
    assert len(aliases) == len(set(aliases))
