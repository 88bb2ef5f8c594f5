"""Criminal fields: charge names, sentences per defendant, accepted circumstances, amount involved."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from indexer.extract.criminal import amount_involved, extract_criminal
from indexer.extract.criminal_charges import official_charge
from indexer.extract.criminal_circumstances import find_circumstances
from indexer.extract.criminal_sentences import LIFE, find_sentences, upheld_sentences
from indexer.extract.sections import split_sections
from indexer.reference import charge_articles

SHARED = Path(__file__).resolve().parents[1].parent / "shared"

CHARGES = [
    ("盗窃罪", "盗窃罪"),                                    # official name
    ("盗窃罪（未遂）", "盗窃罪"),                              # qualifier after the name
    ("公司、企业人员受贿罪", "非国家工作人员受贿罪"),              # former name
    ("贩卖毒品罪", "走私、贩卖、运输、制造毒品罪"),               # selective charge, one act
    ("贩卖、运输毒品罪", "走私、贩卖、运输、制造毒品罪"),          # selective charge, two acts
    ("非法持有枪支罪", "非法持有、私藏枪支、弹药罪"),             # real: one act, one object
    ("伪造国家机关证件、印章罪", "伪造、变造、买卖国家机关公文、证件、印章罪"),  # real JuDGE
    ("伪造居民身份证罪", "伪造、变造、买卖身份证件罪"),           # real: former selective name
    ("销售有毒有害食品罪", "生产、销售有毒、有害食品罪"),         # real: 、 left out
    ("窝藏罪", "窝藏、包庇罪"),                               # shortest name that fits
    ("组织他人偷越国境罪", "组织他人偷越国（边）境罪"),           # real: gloss left out
    ("生产、销售不符合安全生产标准的食品罪", "生产、销售不符合安全标准的食品罪"),  # real: slip of the pen
    ("犯罪", None),                                         # no charge
    ("诈骗钱财罪", None),                                    # not a charge
]


@pytest.mark.parametrize("written, expected", CHARGES)
def test_official_charge(written, expected):
    assert official_charge(written) == expected


def brief(sentence: dict) -> tuple:
    return (sentence["defendant"], sentence["charges"], sentence["penalty"], sentence["months"],
            sentence["probation_months"], sentence["fine_yuan"], sentence["combined"])


SENTENCES = [
    # real JuDGE: one defendant, fine in Chinese numerals
    ("判决如下： 被告人雷辉犯危险驾驶罪，判处拘役一个月，缓刑二个月，并处罚金人民币二万元。 （缓刑考验期从判决确定之日起计算。）",
     [("雷辉", ["危险驾驶罪"], "拘役", 1, 2, 20000.0, False)]),
    # real JuDGE: the fine after a parenthetical that contains 。
    ("一、被告人杨某甲犯贩卖毒品罪，判处有期徒刑七个月（刑期从判决执行之日起计算。即自2016年7月26日起至2017年2月25日止），"
     "并处罚金人民币二千元。 二、扣押的毒品白色粉末2包予以没收。",
     [("杨某甲", ["走私、贩卖、运输、制造毒品罪"], "有期徒刑", 7, None, 2000.0, False)]),
    # real JuDGE: 数罪并罚, the executed sentence is the principal one
    ("被告人唐圣志犯强奸罪，判处有期徒刑三年；犯诈骗罪，判处拘役五个月，并处罚金人民币五千元；决定执行有期徒刑三年，"
     "并处罚金人民币五千元（已缴纳）。",
     [("唐圣志", ["强奸罪", "诈骗罪"], "有期徒刑", 36, None, 5000.0, True)]),
    # real JuDGE: 又 between years and months, charges joined by ，犯
    ("一、被告人罗维云犯寻衅滋事罪，判处有期徒刑一年又六个月，犯非法持有枪支罪，判处有期徒刑一年，按数罪并罚原则，"
     "决定执行有期徒刑二年零三个月，缓刑三年（缓刑考验期限，从判决确定之日起计算）；",
     [("罗维云", ["寻衅滋事罪", "非法持有、私藏枪支、弹药罪"], "有期徒刑", 27, 36, None, True)]),
    # real JuDGE: an earlier unexecuted sentence joined for 并罚 is no new conviction
    ("被告人杨文洲犯容留他人吸毒罪，判处有期徒刑七个月，并处罚金人民币二千元；与之前犯诈骗罪、容留他人吸毒罪没有执行的有期徒刑"
     "一年四个月又十五天，并处罚金人民币七千元并罚，决定执行有期徒刑二年，并处罚金人民币九千元。",
     [("杨文洲", ["容留他人吸毒罪"], "有期徒刑", 24, None, 9000.0, True)]),
    # real JuDGE: a defendant without label, fine after ；
    ("一、被告人李某甲犯销售伪劣产品罪，判处有期徒刑一年六个月，缓刑二年；并处罚金人民币八万五千元。 "
     "二、蒋某乙犯销售伪劣产品罪，判处有期徒刑八个月，缓刑一年；并处罚金人民币四万元。",
     [("李某甲", ["生产、销售伪劣产品罪"], "有期徒刑", 18, 24, 85000.0, False),
      ("蒋某乙", ["生产、销售伪劣产品罪"], "有期徒刑", 8, 12, 40000.0, False)]),
    # real JuDGE (二审): revoked items are skipped; 六个 is a slip for 六个月; 免予刑事处罚 for one charge
    ("一、撤销固始县人民法院（2018）豫1525刑初433号刑事判决，即被告人王杰文犯贪污罪，免予刑事处罚；犯受贿罪，判处拘役四个月； "
     "二、上诉人（原审被告人）王杰文犯贪污罪，免予刑事处罚；犯非国家工作人员受贿罪，判处有期徒刑六个月；数罪并罚，决定执行有期徒刑六个；",
     [("王杰文", ["贪污罪", "非国家工作人员受贿罪"], "有期徒刑", 6, None, None, True)]),
    # two defendants in one clause, and an acquittal
    ("被告人王五、赵六犯盗窃罪，均判处拘役三个月。被告人李四无罪。",
     [("王五", ["盗窃罪"], "拘役", 3, None, None, False), ("赵六", ["盗窃罪"], "拘役", 3, None, None, False),
      ("李四", [], "无罪", None, None, None, False)]),
    # a fine alone
    ("被告单位某某有限公司犯单位行贿罪，判处罚金人民币二十万元。",
     [("某某有限公司", ["单位行贿罪"], "罚金", None, None, 200000.0, False)]),
    # 维持原判 sentences no one
    ("裁定如下： 驳回上诉，维持原判。", []),
]


@pytest.mark.parametrize("operative, expected", SENTENCES)
def test_sentences(operative, expected):
    assert [brief(s) for s in find_sentences(operative)] == expected


def test_death_with_reprieve_life_deprivation_and_confiscation():
    (sentence,) = find_sentences("被告人张三犯故意杀人罪，判处死刑，缓期二年执行，剥夺政治权利终身，并处没收个人全部财产。")
    assert (sentence["penalty"], sentence["probation_months"], sentence["reprieve"]) == ("死刑", 24, True)
    assert sentence["political_rights_months"] == LIFE and sentence["confiscation"] == "全部财产"


def test_confiscation_amount_and_political_rights_term():
    # real JuDGE: 没收财产 with an amount is no fine
    (sentence,) = find_sentences("一、被告人游红武犯受贿罪，判处有期徒刑五年三个月，剥夺政治权利一年，并处没收财产人民币五万元")
    assert (sentence["months"], sentence["confiscation"], sentence["fine_yuan"]) == (63, 50000.0, None)
    assert sentence["political_rights_months"] == 12


UPHOLD_HEAD = ("成都市青羊区人民法院审理成都市青羊区人民检察院指控原审被告人张三犯盗窃罪一案，于2019年5月10日作出"
               "（2019）川0105刑初473号刑事判决。原审被告人张三不服，提出上诉。")
UPHELD = [
    # 原判…以Y罪判处被告人X…: the charge-first wording of the recital
    (UPHOLD_HEAD + "原判根据上述事实和证据，依照《中华人民共和国刑法》第二百六十四条之规定，以盗窃罪判处被告人张三有期徒刑一年，"
     "并处罚金人民币五千元。本院认为，原判认定事实清楚，量刑适当。裁定如下：", "驳回上诉，维持原判。",
     [("张三", ["盗窃罪"], "有期徒刑", 12, None, 5000.0, False)]),
    # 一审法院判决：被告人X犯Y罪，判处…, two defendants; the recital ends at 宣判后
    ("一审法院判决：一、被告人张三犯盗窃罪，判处有期徒刑一年，并处罚金人民币五千元；二、被告人李六犯盗窃罪，判处拘役三个月。"
     "宣判后，张三不服，提出上诉。被告人李六曾因犯抢劫罪被判处有期徒刑三年。裁定如下：", "驳回上诉，维持原判。",
     [("张三", ["盗窃罪"], "有期徒刑", 12, None, 5000.0, False), ("李六", ["盗窃罪"], "拘役", 3, None, None, False)]),
    # a revising judgment sentences in its own operative part: nothing is read from the recital
    (UPHOLD_HEAD + "一审法院判决：被告人张三犯盗窃罪，判处有期徒刑一年。判决如下：",
     "一、撤销（2019）川0105刑初473号刑事判决；二、上诉人张三犯盗窃罪，判处有期徒刑十个月。", []),
]


@pytest.mark.parametrize("before, operative, expected", UPHELD)
def test_upheld_first_instance_sentences(before, operative, expected):
    assert [brief(s) for s in upheld_sentences(before + operative, operative)] == expected


def test_upholding_ruling_reports_the_recited_sentence():
    text = ("四川省成都市中级人民法院\n刑事裁定书\n（2019）川01刑终620号\n原公诉机关成都市青羊区人民检察院。\n"
            "上诉人（原审被告人）张三，男，1980年1月1日出生。\n" + UPHELD[0][0] + "\n" + UPHELD[0][1]
            + "\n本裁定为终审裁定。\n审判长　李四\n二〇一九年七月一日\n书记员　王五")
    got = extract_criminal(text, split_sections(text), [])
    assert [brief(s) for s in got["sentences"]] == UPHELD[0][2] and got["charges"] == ["盗窃罪"]


CIRCUMSTANCES = [
    # real JuDGE: accepted ones
    ("本院认为，被告人卢遥归案后如实供述自己的罪行，有坦白情节，依法予以从轻处罚。", ["卢遥"], False, [("卢遥", "坦白")]),
    # real JuDGE: a defence claim the court rejects (并非…不予采纳)
    ("在共同犯罪中，被告人卢遥并非起次要、辅助作用，辩护人提出被告人卢遥系从犯的意见，本院不予采纳。", ["卢遥"], False, []),
    # real JuDGE: 不符合自首的条件
    ("其辩称被告人系自首的意见，本院认为被告人系在公安机关侦查后掌握一定证据的情况下，其交代犯罪事实，不符合自首的条件，故不予采纳。",
     ["蔡文彬"], False, []),
    # real JuDGE: a title in 《》 is no finding; 不能认定为自首
    ("根据最高人民法院、最高人民检察院《关于办理职务犯罪案件认定自首、立功等量刑情节若干问题的意见》的规定，被告人虞某不能认定为自首。",
     ["虞某"], False, []),
    # real JuDGE: 主动投案 + 如实供述 is 自首, not also 坦白
    ("李杰主动投案，如实供述自己的罪行，可以从轻处罚。", ["李杰"], False, [("李杰", "自首")]),
    # real JuDGE: several defendants share a finding
    ("四被告人实施犯罪时由于意志以外的原因而未得逞，是犯罪未遂。", ["甲某", "乙某"], False,
     [("甲某", "未遂"), ("乙某", "未遂")]),
    # real JuDGE: compensation counts as 退赃退赔 for a property crime only
    ("被告人唐圣志已赔偿被害人经济损失，可酌情从轻处罚。", ["唐圣志"], True, [("唐圣志", "退赃退赔")]),
    ("被告人唐圣志已赔偿被害人经济损失，可酌情从轻处罚。", ["唐圣志"], False, []),
    # real JuDGE: negated 谅解
    ("被告人未能取得被害人谅解，不予从轻处罚。", ["某甲"], False, []),
    # the nearest name before the mention
    ("被告人张某系主犯，被告人李某系从犯。", ["张某", "李某"], False, [("张某", "主犯"), ("李某", "从犯")]),
    # real JuDGE: a clause without its own subject in a sentence that closes on both defendants is shared
    ("刘宗美具有自首情节，江佳佳具有坦白情节，积极退缴违法所得，且有悔罪表现，对二被告人予以从轻处罚并宣告缓刑。",
     ["刘宗美", "江佳佳"], True, [("刘宗美", "自首"), ("江佳佳", "坦白"), ("刘宗美", "退赃退赔"), ("江佳佳", "退赃退赔")]),
    # …but a clause with its own subject is not (自首 stays 傅世柏's)
    ("郑家翠具有坦白情节，傅世柏具有自首情节，依法对二被告人予以从轻处罚。", ["郑家翠", "傅世柏"], False,
     [("郑家翠", "坦白"), ("傅世柏", "自首")]),
    # real: 退回所盗窃的赃物 is 退赃
    ("鉴于被告人褚林忠在归案后能如实供述自己的犯罪事实，具有一定的悔罪表现，且退回所盗窃的赃物，可酌情从轻处罚。",
     ["褚林忠"], True, [("褚林忠", "坦白"), ("褚林忠", "退赃退赔")]),
]


@pytest.mark.parametrize("reasoning, defendants, property_crime, expected", CIRCUMSTANCES)
def test_circumstances(reasoning, defendants, property_crime, expected):
    got = find_circumstances(reasoning, defendants, property_crime)
    assert [(c["defendant"], c["kind"]) for c in got] == expected


AMOUNTS = [
    # real JuDGE: the value the court finds
    ("本院认为，被告人以非法占有为目的，多次窃取他人财物，价值人民币3000元，数额较大，其行为已构成盗窃罪。", 3000.0),
    # a legal threshold and a fine are no amount involved
    ("涉案烟草制品价值在五十万以上不满二百万元，其行为已构成生产、销售伪劣产品罪。判处罚金人民币二万元。", None),
    # the total the court finds is the largest
    ("被告人骗取被害人钱款共计人民币二万一千二百八十四元，其中骗取罗某6200元。", 21284.0),
]


@pytest.mark.parametrize("text, expected", AMOUNTS)
def test_amount_involved(text, expected):
    assert amount_involved(text) == expected


def test_reasoning_gives_the_charges_when_the_operative_sentences_no_one():
    sections = {"header": "刑事裁定书", "reasoning": "本院认为，上诉人的行为已构成盗窃罪，不构成抢劫罪。",
                "operative": "裁定如下：驳回上诉，维持原判。"}
    assert extract_criminal("", sections, [])["charges"] == ["盗窃罪"]


def test_commutation_ruling_takes_the_charges_of_the_sentence_served():
    # real wenshu 刑更: the charges are only recounted in the party block
    sections = {"header": "刑 事 裁 定 书", "parties": "罪犯李良华，男。法院作出刑事判决，认定被告人李良华犯运输毒品罪，判处无期徒刑；"
                "犯非法持有毒品罪，判处有期徒刑九年。", "operative": "裁定如下：将罪犯李良华的刑罚减去有期徒刑九个月。"}
    out = extract_criminal("", sections, [])
    assert out["charges"] == ["走私、贩卖、运输、制造毒品罪", "非法持有毒品罪"] and out["sentences"] == []


def test_civil_judgment_has_no_criminal_fields():
    sections = {"header": "民事判决书", "parties": "原告张三。被告李四。", "reasoning": "本院认为，被告的行为不构成犯罪。"}
    assert extract_criminal("", sections, []) == {"charges": [], "sentences": [], "circumstances": [],
                                                   "amount_involved_yuan": None}


def test_every_judge_criminal_judgment_gets_official_charges_and_a_sentence():
    """The JuDGE records are first-instance criminal judgments: nearly all must yield both."""
    path = SHARED / "data" / "judgments" / "judgments.jsonl"
    if not path.exists():
        pytest.skip(f"real judgments not found at {path}")
    records = [json.loads(line) for line in path.open(encoding="utf-8")]
    judge = [r for r in records if r["source"].get("repo") == "oneal2000/JuDGE"]
    outputs = [extract_criminal(r["full_text"], split_sections(r["full_text"]), []) for r in judge]
    assert all(set(o["charges"]) <= set(charge_articles()) for o in outputs)
    covered = sum(bool(o["charges"]) and bool(o["sentences"]) for o in outputs) / len(outputs)
    assert covered >= 0.98, f"only {covered:.3f} of JuDGE judgments have charges and sentences"
