"""Section splitting on real judgment snippets (with and without line breaks)."""
from __future__ import annotations

from pathlib import Path

import pytest

from indexer.extract.normalize import clean_text
from indexer.extract.sections import ORDER, split_sections

SHARED = Path(__file__).resolve().parents[1].parent / "shared"

CRIMINAL_ONE_LINE = (
    "河南省兰考县人民法院 刑事判决书 （2017）豫0225刑初774号 公诉机关河南省兰考县人民检察院。 "
    "被告人游某某，男，1994年3月30日出生，汉族，初中毕业，农民，住河南省兰考县。 "
    "河南省兰考县人民检察院以兰检诉刑诉（2017）337号起诉书指控被告人游某某犯故意伤害罪，于2017年11月6日向本院提起公诉。"
    "本院受理后，依法组成合议庭，于2017年12月12日公开开庭审理了本案。现已审理终结。 "
    "经审理查明，2017年6月26日早上八时许，游某某用脚将游某7跺到在地。 "
    "本院认为，被告人游某某故意伤害他人身体，致一人轻伤，其行为已构成故意伤害罪。"
    "依照《中华人民共和国刑法》第二百三十四条第一款之规定，判决如下： 被告人游某某犯故意伤害罪，判处拘役三个月。 "
    "如不服本判决，可在接到判决书的第二日起十日内，通过本院或者直接向河南省开封市中级人民法院提出上诉。 "
    "审判长代乔鹏 审判员杨金亮 人民陪审员侯曼 二〇一七年十二月十八日 书记员闫李路"
)

CIVIL_LINES = (
    "安徽省池州市贵池区人民法院\n民 事 判 决 书\n（2018）皖1702民初804号\n"
    "原告：陈荣辉，男，1964年2月18日生，汉族，住安徽省池州市贵池区。\n"
    "被告：徐先标，男，1978年2月23日生，汉族，现住安徽省铜陵市铜官区。\n"
    "原告陈荣辉诉被告徐先标劳务合同纠纷一案，本院于2018年3月19日立案后，依法适用简易程序，公开开庭进行了审理。本案现已审理终结。\n"
    "原告陈荣辉向本院提出诉讼请求：要求被告立即支付工资款3万元并承担本案诉讼费用。\n"
    "被告徐先标辩称，欠原告工资3万元予以认可。\n"
    "根据当事人陈述和经审查确认的证据，本院认定事实如下：被告徐先标欠原告陈荣辉工程款3万元。\n"
    "本院认为，原告与徐先标之间存在事实劳务关系。综上，依照《中华人民共和国民法通则》第八十四条之规定，判决如下：\n"
    "一、被告徐先标于本判决生效后十日内向原告陈荣辉支付工资款30000元；\n二、驳回原告陈荣辉的其它诉讼请求。\n"
    "案件受理费550元，减半收取275元，由被告徐先标负担。\n"
    "如不服本判决，可以在判决书送达之日起十五日内，向本院递交上诉状，上诉于安徽省池州市中级人民法院。\n"
    "审判员　　胡建平\n二〇一八年六月十三日\n书记员　　汪　俊\n"
    "附本案适用的法律条文：\n《中华人民共和国民法通则》\n第八十四条债是按照合同的约定……"
)

# Spacing lost entirely (a scraped page): the signature runs into the date and the appendix.
NO_SPACES = (
    "上海市奉贤区人民法院民 事 裁 定 书(2017)沪0120民初20347号原告:上海世领展示道具有限公司,住所地上海市金山区。"
    "被告:上海属博展览展示有限公司,住所地上海市奉贤区。原告上海世领展示道具有限公司诉被告上海属博展览展示有限公司"
    "买卖合同纠纷一案,本院立案后,依法适用简易程序进行审理。本院认为,原告的申请于法无悖,应予准许。据此,依照《中华人民共和国"
    "民事诉讼法》第一百一十八条之规定,裁定如下:本案按原告撤回起诉处理。审判员 林庆强二〇一七年十月九日书记员 朱冬亮"
    "附:相关法律条文一、《中华人民共和国民事诉讼法》第一百一十八条当事人进行民事诉讼,应当按照规定交纳案件受理费。"
)

# Regression snippets from real judgments (one-line texts, line breaks lost).
DETENTION_CASE = (
    "青海省格尔木市人民法院 刑事判决书 格刑初字第117号 公诉机关格尔木市人民检察院。 被告人阿五十四，男，藏族。"
    "现因涉嫌盗窃一案于2014年1月25日被格尔木市公安局刑事拘留，同年2月28日被依法逮捕。 "
    "格尔木市人民检察院以格检刑诉（2014）84号起诉书指控被告人阿五十四犯盗窃罪，于2014年5月27日向本院提起公诉。现已审理终结。 "
    "本院认为，被告人已与被害人达成调解协议，并取得被害人的谅解，可以从轻处罚。"
    "依照1997年修订的《中华人民共和国刑法》第二百六十四条之规定。 判决如下： 被告人阿五十四犯盗窃罪，判处有期徒刑六个月，"
    "并处罚金人民币一千元。（罚金应于本判决发生法律效力第二日起三十日内缴纳）。 "
    "如不服本判决，可在接到判决书的第二日起十日内提出上诉。 审判长：张晓毅 二〇一八年十月三十日 书记员：徐彧"
)
ADMIN_NO_PARTIES = (
    "河北省石家庄市桥西区人民法院\n行政判决书\n（2018）冀0104行初41号\n"
    "原告徐文权诉被告河北省国土资源厅政府信息公开一案，于2018年2月7日向本院提起行政诉讼，本院受理后，依法组成合议庭。本案现已审理终结\n"
    "原告徐文权诉称，2013年3月20日由河北省交通运输厅建设的沿海高速公路北戴河机场支线工程，占原告3.6098亩土地\n"
    "经审理查明，2018年1月6日，原告徐文权向被告省国土厅邮寄《政府信息公开申请表》\n"
)

APPEAL_CRIMINAL = (
    "江苏省南京市中级人民法院 刑事判决书 （2015）宁刑终字第100号 原公诉机关南京市浦口区人民检察院。 上诉人（原审被告人）曹某，男。 "
    "南京市浦口区人民法院审理南京市浦口区人民检察院指控原审被告人赵青祝、曹某犯聚众斗殴罪一案，于2015年2月2日作出（2015）浦刑初字第43号"
    "刑事判决。原审被告人曹某不服，提出上诉。本院受理后，依法组成合议庭，公开开庭进行了审理。 "
    "原审判决认定，2013年9月16日上午，赵某乙前往南京市浦口区永宁街道埔义生态园向赵某甲讨要工程欠款未果。 "
    "本院经审理查明上诉人曹某犯聚众斗殴罪的事实及证据与原审判决一致。 本院认为，上诉人曹某持械聚众斗殴，其行为已构成聚众斗殴罪。"
)
CIVIL_FINDINGS = (
    "原告白某与被告张某、韩某民间借贷纠纷一案，本院于2018年4月16日受理后，依法适用简易程序公开开庭审理，现本案已审理终结。\n"
    "原告白某诉称：2013年6月6日，被告张某因资金周转困难，向原告借款10000元整。\n"
    "本院根据原告的陈述、举证及本院认证，查明以下事实：\n2013年7月13日，被告张某向原告白某借款1万元。\n"
    "本院认为：公民之间的合法借贷关系应受法律保护。"
)

CASES = [
    # one-line criminal judgment: every section from header to signature
    (CRIMINAL_ONE_LINE, {
        "header": "河南省兰考县人民法院 刑事判决书 （2017）豫0225刑初774号",
        "parties": "公诉机关河南省兰考县人民检察院。",
        "procedural_history": "河南省兰考县人民检察院以",
        "facts": "经审理查明，",
        "reasoning": "本院认为，",
        "legal_basis": "依照《中华人民共和国刑法》第二百三十四条第一款之规定",
        "operative": "判决如下： 被告人游某某犯故意伤害罪，判处拘役三个月。",
        "appeal_notice": "如不服本判决，",
        "signature": "审判长代乔鹏 审判员杨金亮 人民陪审员侯曼 二〇一七年十二月十八日 书记员闫李路",
    }),
    # civil judgment with line breaks: claims, costs and the appendix of cited articles
    (CIVIL_LINES, {
        "claims": "原告陈荣辉向本院提出诉讼请求：",
        "facts": "根据当事人陈述和经审查确认的证据，本院认定事实如下：",
        "legal_basis": "依照《中华人民共和国民法通则》第八十四条之规定",
        "costs": "案件受理费550元，减半收取275元，由被告徐先标负担。",
        "signature": "审判员 胡建平\n二〇一八年六月十三日\n书记员 汪 俊",
        "appendix": "附本案适用的法律条文：",
    }),
    # no spacing at all: costs words inside the appendix must not open a costs section
    (NO_SPACES, {
        "parties": "原告:上海世领展示道具有限公司,",
        "operative": "裁定如下:本案按原告撤回起诉处理。",
        "signature": "审判员 林庆强二〇一七年十月九日书记员 朱冬亮",
        "appendix": "附:相关法律条文",
    }),
    # "涉嫌盗窃一案…被刑事拘留" stays in the party block; "达成调解协议" is not an operative marker;
    # a fine due "本判决发生法律效力第二日起" is no appeal notice; "审判长：" with a colon
    (DETENTION_CASE, {
        "parties": "公诉机关格尔木市人民检察院。",
        "procedural_history": "格尔木市人民检察院以",
        "reasoning": "本院认为，被告人已与被害人达成调解协议",
        "legal_basis": "依照1997年修订的《中华人民共和国刑法》第二百六十四条之规定",
        "operative": "判决如下： 被告人阿五十四犯盗窃罪",
        "appeal_notice": "如不服本判决",
        "signature": "审判长：张晓毅",
    }),
    # a sentence opening with a role (原告X诉被告Y…一案) is history, not a party paragraph
    (ADMIN_NO_PARTIES, {
        "header": "河北省石家庄市桥西区人民法院\n行政判决书\n（2018）冀0104行初41号",
        "procedural_history": "原告徐文权诉被告河北省国土资源厅政府信息公开一案",
        "claims": "原告徐文权诉称，",
        "facts": "经审理查明，",
    }),
    # second instance: the first-instance findings (原审判决认定) open the facts, not the history
    (APPEAL_CRIMINAL, {
        "parties": "原公诉机关南京市浦口区人民检察院。",
        "procedural_history": "南京市浦口区人民法院审理",
        "facts": "原审判决认定，",
        "reasoning": "本院认为，",
    }),
    # findings announced after the evidence (…查明以下事实：) end the claims
    (CIVIL_FINDINGS, {
        "claims": "原告白某诉称：",
        "facts": "本院根据原告的陈述、举证及本院认证，查明以下事实：",
    }),
]


@pytest.mark.parametrize("text,expected", CASES)
def test_sections_start_with_their_marker(text, expected):
    got = split_sections(clean_text(text))
    for name, prefix in expected.items():
        assert got.get(name, "").startswith(prefix), (name, got.get(name))


@pytest.mark.parametrize("text,expected", CASES)
def test_sections_are_ordered_substrings(text, expected):
    text = clean_text(text)
    got = split_sections(text)
    positions = [text.index(got[name]) for name in ORDER if name in got]
    assert positions == sorted(positions)


def test_detention_sentence_stays_with_parties():
    got = split_sections(clean_text(DETENTION_CASE))
    assert got["parties"].endswith("被依法逮捕。")
    assert "parties" not in split_sections(clean_text(ADMIN_NO_PARTIES))


def test_markers_after_the_operative_part_do_not_open_facts():
    # an appended article (原判决认定事实清楚…) must not become the facts and hide the reasoning
    text = clean_text(
        "（2014）沈中行终字第442号\n上诉人王永利诉被上诉人康平县规划和国土资源局建设工程规划许可证一案，向本院提起上诉。本案现已审理终结\n"
        "本院认为，上诉人不具备提起本诉的原告主体资格。依照《中华人民共和国行政诉讼法》第六十一条第（一）项的规定，裁定如下\n"
        "驳回上诉，维持原裁定。\n本裁定为终审裁定\n审判长王继东\n二〇一四年十一月十日\n书记员战成\n本案裁定所依据的相关法律\n"
        "《中华人民共和国行政诉讼法》第六十一条（一）原判决认定事实清楚，适用法律、法规正确的，判决驳回上诉，维持原判"
    )
    got = split_sections(text)
    assert "facts" not in got and got["reasoning"].startswith("本院认为，")
    assert got["signature"] == "审判长王继东\n二〇一四年十一月十日\n书记员战成"


def test_costs_absent_in_criminal_judgment():
    assert "costs" not in split_sections(clean_text(CRIMINAL_ONE_LINE))


def test_text_without_structure_has_no_sections():
    assert split_sections("") == {}
    # a news paragraph: no title block, no party labels, no markers
    assert split_sections("近日，海门法院审结一起刷单炒信案件，杜某被判处有期徒刑一年，缓刑一年三个月。") == {}
