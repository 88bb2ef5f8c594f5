"""Parties, agents and judges on real judgment snippets, and parties F1 against publisher labels."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from indexer.extract.normalize import clean_text
from indexer.extract.parties import find_judges, find_parties, name_at, narrative_parties, party_kind, parse_parties
from indexer.extract.sections import split_sections

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
JUDGMENTS = SHARED / "data" / "judgments" / "judgments.jsonl"


def agent(name, role, law_firm=None):
    return {"name": name, "role": role, "law_firm": law_firm}


def party(name, role, kind="person", agents=(), original_role=None):
    out = {"name": name, "role": role, "kind": kind, "agents": list(agents)}
    if original_role:
        out["original_role"] = original_role
    return out


PARTY_CASES = [
    # criminal, one line: prosecutor and an anonymised defendant with a defence lawyer
    ("公诉机关黄冈市黄州人民检察院。 被告人唐某，又名唐虎，无业。因涉嫌寻衅滋事罪，于2013年7月12日经黄州区人民检察院批准逮捕。"
     " 辩护人梅怀东，湖北齐安律师事务所律师。",
     [party("黄冈市黄州人民检察院", "公诉机关", "organisation"),
      party("唐某", "被告人", agents=[agent("梅怀东", "辩护人", "湖北齐安律师事务所")])]),
    # two lawyers listed with 、 share one firm; a legal guardian without a firm
    ("被告人张某甲。2015年3月3日因涉嫌犯危险驾驶罪被亳州市公安局取保候审。 法定代理人张新安，男，1974年10月出生，汉族，系被告人父亲。"
     " 指定辩护人刘爱玲、周涛，亳州市法律援助中心律师。",
     [party("张某甲", "被告人", agents=[agent("张新安", "法定代理人"), agent("刘爱玲", "指定辩护人"),
                                      agent("周涛", "指定辩护人")])]),
    # civil with colons, legal representative and agents; the firm name keeps its parenthesis
    ("原告：交通银行股份有限公司重庆市分行，地址重庆市渝中区中山三路158号。\n负责人：杨宁，分行行长。\n"
     "委托诉讼代理人：王敬民，北京德恒（重庆）律师事务所律师。\n被告：赵庆云，男，1984年3月10日出生，汉族，住安徽省宿州市灵璧县。",
     [party("交通银行股份有限公司重庆市分行", "原告", "organisation",
            [agent("杨宁", "负责人"), agent("王敬民", "委托诉讼代理人", "北京德恒（重庆）律师事务所")]),
      party("赵庆云", "被告")]),
    # agents shared by the parties above them (以上两原告共同委托代理人)
    ("原告梁军。\n原告吴群。\n以上两原告共同委托代理人王惠，江苏合鼎律师事务所律师。\n被告殷昊宇。",
     [party("梁军", "原告", agents=[agent("王惠", "委托代理人", "江苏合鼎律师事务所")]),
      party("吴群", "原告", agents=[agent("王惠", "委托代理人", "江苏合鼎律师事务所")]),
      party("殷昊宇", "被告")]),
    # compound labels keep the current role and the former one; 申请再审人 normalised
    ("上诉人（原审被告）：中国人民财产保险股份有限公司广宁支公司，住所广东省广宁县。\n"
     "被上诉人（原审原告）：冯益修，男，汉族，1932年8月2日出生。\n申请再审人（一审被告、二审上诉人）殷昊。",
     [party("中国人民财产保险股份有限公司广宁支公司", "上诉人", "organisation", original_role="原审被告"),
      party("冯益修", "被上诉人", original_role="原审原告"),
      party("殷昊", "再审申请人", original_role="一审被告、二审上诉人")]),
    # a short-name parenthesis inside the name is dropped; a leading note before an agent is skipped
    ("公诉机关科尔沁左翼后旗（以下简称科左后旗）人民检察院。 被告人自报韩雪强，男，1990年10月9日出生。"
     " 辩护人（桐庐县法律援助中心指派）刘斌，浙江杭同律师事务所律师。",
     [party("科尔沁左翼后旗人民检察院", "公诉机关", "organisation"),
      party("韩雪强", "被告人", agents=[agent("刘斌", "辩护人", "浙江杭同律师事务所")])]),
    # private prosecution: 自诉人 and a defendant with counsel
    ("自诉人万会民，男，1963年1月2日出生，汉族，现住河南省濮阳市。 被告人马保全，男，1974年4月16日出生，汉族。"
     " 辩护人谢永鹏，河南子路律师事务所律师。",
     [party("万会民", "自诉人"),
      party("马保全", "被告人", agents=[agent("谢永鹏", "辩护人", "河南子路律师事务所")])]),
    # a legal-services office counts as the agent's firm; 原审第三人 has its own role
    ("上诉人(原审被告)：赵顺海，男，1973年6月29日出生。\n委托诉讼代理人：张智博，许昌市魏都区德恒法律服务所法律工作者。\n"
     "原审第三人：刘放，男，1950年12月23日出生。",
     [party("赵顺海", "上诉人", original_role="原审被告",
            agents=[agent("张智博", "委托诉讼代理人", "许昌市魏都区德恒法律服务所")]),
      party("刘放", "原审第三人")]),
    # modelled on the 刑事附带民事 template (names anonymised): civil claimant, corporate defendant
    ("附带民事诉讼原告人王某某，男，1960年出生。 委托诉讼代理人李某，某某律师事务所律师。"
     " 被告单位浙江某某化工有限公司，住所地浙江省某县。 诉讼代表人张某，该公司经理。",
     [party("王某某", "附带民事诉讼原告人", agents=[agent("李某", "委托诉讼代理人", "某某律师事务所")]),
      party("浙江某某化工有限公司", "被告单位", "organisation", [agent("张某", "诉讼代表人")])]),
    # no spacing at all (scraped page), ASCII punctuation
    ("原告:上海世领展示道具有限公司,住所地上海市金山区。法定代表人:李凡军,总经理。被告:上海属博展览展示有限公司,住所地上海市奉贤区。",
     [party("上海世领展示道具有限公司", "原告", "organisation", [agent("李凡军", "法定代表人")]),
      party("上海属博展览展示有限公司", "被告", "organisation")]),
]


@pytest.mark.parametrize("block,expected", PARTY_CASES)
def test_parse_parties(block, expected):
    got = find_parties(block, {"parties": clean_text(block)})
    assert got == expected


JUDGE_CASES = [
    # one line, names glued to titles, date between
    ("审判长代乔鹏 审判员杨金亮 人民陪审员侯曼 二〇一七年十二月十八日 书记员闫李路",
     [("审判长", "代乔鹏"), ("审判员", "杨金亮"), ("人民陪审员", "侯曼"), ("书记员", "闫李路")]),
    # letter-spaced titles and names with ideographic spaces
    ("审　判　长　李　　娜\n代理审判员　曲宗旺姆\n人民陪审员　张 芹 芳\n二〇一六年六月二十八日\n书　记　员　刘 佳 佳",
     [("审判长", "李娜"), ("代理审判员", "曲宗旺姆"), ("人民陪审员", "张芹芳"), ("书记员", "刘佳佳")]),
    # 助理审判员 is a title of its own; 法官 助理 split by a space; acting clerk
    ("审 判 长 刘 岩\n助理审判员 邹永明\n二〇一五年十月十五日\n法官　助理　杜　灵\n代书记员　叶咪娜",
     [("审判长", "刘岩"), ("助理审判员", "邹永明"), ("法官助理", "杜灵"), ("代书记员", "叶咪娜")]),
    # colons after titles, a note after the clerk's name
    ("审判长：张晓毅 二〇一八年十月三十日 法官助理：林轶琳 书记员：王玥（兼）",
     [("审判长", "张晓毅"), ("法官助理", "林轶琳"), ("书记员", "王玥")]),
    # real: 代理书记员 is printed as a title of its own (not 书记员)
    ("审判员　　吴　岩\n二〇一八年十二月十日\n法官助理　王　鑫\n代理书记员　刘军语",
     [("审判员", "吴岩"), ("法官助理", "王鑫"), ("代理书记员", "刘军语")]),
]


@pytest.mark.parametrize("block,expected", JUDGE_CASES)
def test_find_judges(block, expected):
    got = find_judges("", {"signature": clean_text(block)})
    assert [(j["role"], j["name"]) for j in got] == expected


@pytest.mark.parametrize("name,kind", [
    ("游某某", "person"),  # anonymised person
    ("王某1", "person"),  # numbered anonymised person
    ("某公司", "organisation"),  # anonymised company
    ("武汉市洪山区麦霸欢乐迪音乐城", "organisation"),  # shop by suffix
    ("长江航运公安局泸州分局宜宾派出所", "organisation"),  # police station
    ("中国音像著作权集体管理协会", "organisation"),  # association
])
def test_party_kind(name, kind):
    assert party_kind(name) == kind


def test_name_stops_at_short_name_paren():
    text = "原告交通银行股份有限公司重庆市分行（以下简称交通银行重庆分行）与被告赵庆云"
    assert name_at(text, 2) == "交通银行股份有限公司重庆市分行"


@pytest.mark.parametrize("sentence", [
    "原告徐文权诉被告河北省国土资源厅政府信息公开一案，于2018年2月7日向本院提起行政诉讼。",  # history
    "被告辩称：被诉决定认定事实清楚，适用法律正确。",  # a defence statement
    "被执行人的上述行为违反了《中华人民共和国土地管理法》第二条第三款。",  # a reference in the reasoning
])
def test_sentences_opening_with_a_role_are_no_parties(sentence):
    assert parse_parties(sentence) == []


NARRATED = [
    # a history sentence in a text whose party block was dropped; the short name in （） is skipped
    ("原告徐文权诉被告河北省国土资源厅（以下简称省国土厅）政府信息公开一案，于2018年2月7日向本院提起行政诉讼",
     [("徐文权", "原告"), ("河北省国土资源厅", "被告")]),
    # the other side named without its role after 因与/因诉; the organisation ends before the case description
    ("上诉人孙定宏因与被上诉人深圳市交通运输委员会行政处罚决定纠纷一案，不服广东省深圳市福田区人民法院行政判决",
     [("孙定宏", "上诉人"), ("深圳市交通运输委员会", "被上诉人")]),
    ("再审申请人庄美兰因诉江苏省人民政府（以下简称江苏省政府）土地征收行政批准行为一案，不服江苏省高级人民法院行政裁定",
     [("庄美兰", "再审申请人"), ("江苏省人民政府", "被申请人")]),
    # lists with 、, a third party whose name runs into the case description (…婚姻登记管理一案)
    ("原告范趁英诉被告尉氏县民政局及第三人张豪婚姻登记管理一案，于2018年7月24日向本院提起行政诉讼",
     [("范趁英", "原告"), ("尉氏县民政局", "被告"), ("张豪", "第三人")]),
    ("原告李士宣诉被告镇江市丹徒区市场监督管理局、镇江市丹徒区行政审批局、第三人镇江新房房地产开发有限公司工商行政登记一案",
     [("李士宣", "原告"), ("镇江市丹徒区市场监督管理局", "被告"), ("镇江市丹徒区行政审批局", "被告"),
      ("镇江新房房地产开发有限公司", "第三人")]),
    # the surname 于 is a name, 于 + a date is not
    ("申请执行人蓟州区国土资源分局于2017年12月26日对被执行人于伯如作出蓟国土罚字〔2017〕263号《行政处罚决定书》",
     [("蓟州区国土资源分局", "申请执行人"), ("于伯如", "被执行人")]),
    # a name running into other words ends the list (…村民委员会召开村两委、党员…): nothing rather than 党员
    ("被执行人义乌市上溪镇南平村民委员会召开村两委、党员、村民代表会议", []),
    # 被告 as the object of 送达 is no party
    ("本院于同日受理后，于2015年11月10日向被告送达了起诉状副本及应诉通知书", []),
]


@pytest.mark.parametrize("sentence,expected", NARRATED)
def test_parties_named_in_the_history(sentence, expected):
    assert [(p.name, p.role) for p in narrative_parties(sentence)] == expected


def test_history_parties_only_without_a_party_block():
    text = "原告梁军。\n被告殷昊宇。\n原告梁军诉被告殷昊宇民间借贷纠纷一案，本院受理后依法审理。"
    assert [p["name"] for p in find_parties(text, split_sections(text))] == ["梁军", "殷昊宇"]
    history = "原告杨再莲诉被告杨锁离婚纠纷一案，本院于2017年受理后，依法公开开庭进行了审理。"
    assert [p["name"] for p in find_parties(history, {"procedural_history": history})] == ["杨再莲", "杨锁"]


def _names(label) -> set[str]:
    return set(label.split(",") if isinstance(label, str) else label)


def test_parties_f1_against_publisher_labels():
    """Names of parties vs the publisher's 当事人 labels (which sometimes omit the prosecutor)."""
    if not JUDGMENTS.exists():
        pytest.skip(f"shared data not found at {JUDGMENTS}")
    tp = fp = fn = 0
    for line in JUDGMENTS.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        label = record["meta"].get("当事人")
        if not label:
            continue
        text = clean_text(record["full_text"])
        got = {p["name"] for p in find_parties(text, split_sections(text))}
        gold = _names(label)
        tp, fp, fn = tp + len(got & gold), fp + len(got - gold), fn + len(gold - got)
    f1 = 2 * tp / (2 * tp + fp + fn)
    assert f1 >= 0.95, (tp, fp, fn)
