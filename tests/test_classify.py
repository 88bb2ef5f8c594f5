"""Charge prediction from facts: the shipped model, common charges and charges never seen in training."""
from __future__ import annotations

import dataclasses
import json

import pytest
from click.testing import CliRunner

from casebook.cli import main
from indexer.similar.classify import predict_causes, shipped_model, train
from indexer.reference import (admin_cause_names, cause_cues, charge_articles, charge_cues, charge_wordings,
                               civil_cause_names, read_tsv)
from indexer.similar.cues import CueTable, charge_table
from indexer.similar.training import all_examples, wording_examples
from indexer.similar.causes import ADMIN_WORDINGS, CIVIL_WORDINGS, fact_kind
from indexer.similar.rules import named_charges, rule_bonus

ROWS = [
    # common charges, learned from CAIL2018 and LeCaRD
    ("被告人某某饮酒后驾驶小型轿车，经检验其血液中乙醇含量为201.1毫克/100毫升。", "危险驾驶罪"),
    ("被告人某某趁被害人熟睡之机，窃得其放在床头的手机一部，价值2000元。", "盗窃罪"),
    ("被告人某某因琐事与被害人发生口角，用拳头殴打被害人，致其鼻骨骨折，经鉴定为轻伤二级。", "故意伤害罪"),
    ("被告人某某在其出租屋内多次容留他人吸食甲基苯丙胺。", "容留他人吸毒罪"),
    ("被告人某某未经林业主管部门许可，擅自采伐其承包山林内的杉木，林木蓄积45立方米。", "滥伐林木罪"),
    ("被告人某某在田边焚烧秸秆，未将余火熄灭即离开，引发山林火灾，过火面积12亩。", "失火罪"),
    ("被告人某某租用民房开设赌场，组织他人以“推牌九”方式赌博，从中抽头渔利5000元。", "开设赌场罪"),
    # charges absent from the labelled facts: predicted from the official names, rules and the wording table
    ("被告人某某从其住处十五楼窗户向外抛掷花盆、酒瓶，砸坏楼下车辆，系高空抛物。", "高空抛物罪"),
    ("被告人某某在公交车行驶中抢夺方向盘，致车辆失控。", "妨害安全驾驶罪"),
    ("被告人某某在国家教育考试中组织考试作弊，向考生发送答案。", "组织考试作弊罪"),
    # rare in the labelled facts, told apart by the phrases of the wording table
    ("被告人某某在未取得医生执业资格的情况下，在其开设的诊所内为他人输液打针。", "非法行医罪"),
    ("被告人某某以投资理财为名发展下线，要求参加者缴纳入门费，并按发展人员数量计酬返利。", "组织、领导传销活动罪"),
]
UNLABELLED = {"高空抛物罪", "妨害安全驾驶罪", "组织考试作弊罪"}
WORDING_TEXTS = {text for text, _ in wording_examples()}


NAMED = [
    # the prosecution's charge, written after 构成
    ("公诉机关认为，被告人某某的行为已构成职务侵占罪，提请依法判处。", ["职务侵占罪"]),
    # former name (CAIL2018 era) → the name in force; 以…罪追究
    ("应当以强制猥亵妇女罪追究其刑事责任。", ["强制猥亵、侮辱罪"]),
    # a selective charge written by the acts committed
    ("被告人某某涉嫌贩卖毒品罪，后又犯非法持有枪支罪。", ["走私、贩卖、运输、制造毒品罪", "非法持有、私藏枪支、弹药罪"]),
    # an indictment's count headings name each count's charge
    ("公诉机关指控：\n一、盗窃事实\n2015年7月，被告人某某……\n（二）关于故意伤害部分：2016年……", ["盗窃罪", "故意伤害罪"]),
    # a numbered paragraph that is no heading names nothing
    ("公诉机关指控：\n一、2015年7月16日，被告人某某窜至被害人家中……", []),
    # masked charge (CAIL2018 anonymisation): nothing named
    ("其行为触犯了《中华人民共和国刑法》××之规定，构成××。", []),
]

RULES = [
    # negligent fire: 失火罪
    ("被告人在田埂上点燃杂草，火势蔓延引发山林火灾", "失火罪", True),
    # a deliberate fire is not 失火罪
    ("被告人为泄愤故意点燃杂草，引发火灾", "失火罪", False),
    # power lines in use: 破坏电力设备罪
    ("被告人盗割正在使用中的电力线路约300米", "破坏电力设备罪", True),
    # drunk driving that killed someone is not 危险驾驶罪 alone
    ("被告人醉酒驾驶机动车，撞倒行人致其死亡", "危险驾驶罪", False),
    # theft turned robbery (art. 269): violence when discovered
    ("被告人入户盗窃时被被害人发现，遂持刀将被害人刺伤后逃离", "抢劫罪", True),
    # theft alone is not robbery
    ("被告人趁无人之机盗窃电动车一辆，后被民警抓获", "抢劫罪", False),
    # knowingly buying stolen goods (art. 312)
    ("被告人明知是他人盗窃所得的摩托车，仍以800元价格收购", "掩饰、隐瞒犯罪所得、犯罪所得收益罪", True),
    # violence against police on duty (art. 277)
    ("民警依法对被告人进行盘查时，被告人拒不配合并殴打民警", "妨害公务罪", True),
    # negligent death outside traffic (art. 233)
    ("被告人在河边嬉闹时疏忽大意，将同伴推入河中导致其溺水死亡", "过失致人死亡罪", True),
    # a death in a traffic accident has its own charge
    ("被告人驾驶车辆时疏忽大意，撞倒行人导致其死亡", "过失致人死亡罪", False),
]


@pytest.mark.parametrize("fact, expected", NAMED)
def test_named_charges(fact, expected):
    assert named_charges(fact) == expected


@pytest.mark.parametrize("fact, charge, fires", RULES)
def test_rule_bonus(fact, charge, fires):
    assert (charge in rule_bonus(fact)) == fires


@pytest.mark.parametrize("fact, charge", ROWS)
def test_predicted_charge(fact, charge):
    assert charge in predict_causes(fact)["charges"]


def test_unlabelled_rows_are_absent_from_the_labelled_facts(shared):
    labelled = {c for _, charges in all_examples(shared) if _ not in WORDING_TEXTS for c in charges}
    assert not UNLABELLED & labelled


def test_every_official_charge_has_a_wording_row_and_a_model():
    assert set(charge_cues()) == set(charge_wordings()) == set(charge_articles())
    assert all(charge_wordings().values())
    assert all(2 <= len(cue) <= 8 and cue.strip() == cue for cues in charge_cues().values() for cue in cues)
    assert set(shipped_model().charges) == set(charge_articles())


def test_wording_cues_raise_their_charge():
    model = shipped_model()
    without = dataclasses.replace(model, params=dataclasses.replace(model.params, cue_weight=0.0))
    fact = "某某无执业医师资格，在出租屋内为病人看病开药、输液打针。"
    assert model.scores(fact)["非法行医罪"] > without.scores(fact)["非法行医罪"]


def test_cue_weights_favour_rare_phrases():
    texts = ["拉人头"] + ["多次"] * 50 + ["无关的文字"] * 50
    weights = charge_table().rarity_weights(texts)
    assert weights["拉人头"] > 0.5 > weights["多次"]
    assert weights["多次"] < weights["执业医师资格"]  # a cue no text holds weighs most


def test_cue_evidence_is_shared_among_the_charges_listing_a_cue():
    fact = "被告人某某以投资理财为名拉人头"
    holders = [c for c, cues in charge_cues().items() if "拉人头" in cues]
    evidence = charge_table().evidence(fact, {"拉人头": 1.0})
    assert holders and set(evidence) == set(holders)
    assert sum(evidence.values()) == pytest.approx(1.0)


def test_training_learns_a_charge_from_examples():
    model = train([("甲乙丙丁戊己庚辛", ["盗窃罪"]), ("子丑寅卯辰巳午未", ["诈骗罪"]),
                   ("天地玄黄宇宙洪荒", ["抢劫罪"])] * 3)
    assert model.predict("甲乙丙丁")[0][0] == "盗窃罪"
    assert model.predict("子丑寅卯")[0][0] == "诈骗罪"


def test_shipped_model_round_trips(tmp_path):
    model = train([("甲乙丙丁戊己庚辛", ["盗窃罪"]), ("子丑寅卯辰巳午未", ["诈骗罪"]),
                   ("天地玄黄宇宙洪荒", ["抢劫罪"])] * 3)
    model.save(tmp_path / "m.npz")
    again = type(model).load(tmp_path / "m.npz")
    before, after = model.scores("甲乙丙丁"), again.scores("甲乙丙丁")
    assert after == pytest.approx(before, abs=1e-2)  # float16 weights


def test_classify_queries_ignores_other_fields(tmp_path):
    path = tmp_path / "q.jsonl"
    path.write_text(json.dumps({"id": "x", "fact": ROWS[0][0], "charges": ["诈骗罪"]}, ensure_ascii=False), encoding="utf-8")
    result = CliRunner().invoke(main, ["--data-dir", str(tmp_path / "d"), "classify", "--queries", str(path), "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert out["x"]["charges"][0] == "危险驾驶罪"
    assert out["x"]["causes"] == out["x"]["charges"]



@pytest.mark.parametrize("encoding", ["utf-8-sig", "gb18030"])
def test_classify_queries_reads_a_bom_or_gbk_file(tmp_path, encoding):
    path = tmp_path / "q.jsonl"
    path.write_bytes(json.dumps({"id": "x", "fact": ROWS[0][0]}, ensure_ascii=False).encode(encoding))
    result = CliRunner().invoke(main, ["--data-dir", str(tmp_path / "d"), "classify", "--queries", str(path), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["x"]["charges"][0] == "危险驾驶罪"


def test_classify_queries_names_the_line_that_is_not_a_query(tmp_path):
    path = tmp_path / "q.jsonl"
    path.write_text(json.dumps({"id": "x", "fact": ROWS[0][0]}, ensure_ascii=False) + "\n\n{\"id\": \"y\"}\n",
                    encoding="utf-8")
    result = CliRunner().invoke(main, ["--data-dir", str(tmp_path / "d"), "classify", "--queries", str(path), "--json"])
    assert result.exit_code == 2 and "第3行不是 {id, fact} 对象" in result.output


KINDS = [
    # a civil claim: no criminal charge, the civil 案由
    ("原告诉称，被告向原告借款10万元，到期未还，请求判令被告偿还借款本金及利息。", "民事", "民间借贷纠纷"),
    ("原告诉称，被告在其网店购物后以删除恶意差评为条件索要钱财，损害原告商业信誉，请求判令赔礼道歉、赔偿损失。",
     "民事", "商业诋毁纠纷"),
    ("原告诉称，原告误将5万元转入被告账户，被告拒不返还，请求判令被告返还不当得利。", "民事", "不当得利纠纷"),
    ("原告诉称，原告作为保证人代被告偿还借款本息10万元，请求判令被告向原告支付代偿款。", "民事", "追偿权纠纷"),
    # causes without a hand wording, told by the phrases of the cause cue table
    ("原告诉称，被告未经许可在其网站上传播原告享有著作权的电影作品，供公众在线点播观看。", "民事", "侵害作品信息网络传播权纠纷"),
    ("原告诉称，原告与被告签订房屋装修协议，被告施工质量不合格，墙面开裂、地板起鼓，要求返还装修款。", "民事", "装饰装修合同纠纷"),
    ("原告诉称，被告委托原告运输货物至广州，运费共计3万元，被告至今未付。", "民事", "运输合同纠纷"),
    # an administrative suit: the administrative 案由
    ("原告不服被告某市公安局作出的行政处罚决定，向本院提起行政诉讼，请求撤销该处罚决定。", "行政", "行政处罚"),
    # a criminal fact keeps its charges, even one about a lawsuit (虚假诉讼) full of civil words
    ("被告人张某伪造借条，以原告身份向法院提起民事诉讼，诉称李某借款未还，请求判令李某偿还借款，法院据此作出判决。",
     "刑事", "虚假诉讼罪"),
    # a short civil fact with no word of any kind but a cause's wording
    ("借款10万元到期未还，多次催要无果。", "民事", "民间借贷纠纷"),
    # a criminal fact keeps its charges, even without 被告人 and with one 纠纷
    ("王某因琐事与李某发生纠纷，持刀将李某砍伤，经鉴定为轻伤一级。", "刑事", "故意伤害罪"),
    # a criminal fact keeps its charges, even when it mentions one 纠纷
    ("被告人某某因琐事与被害人发生纠纷，持刀将被害人刺伤，经鉴定为轻伤二级。", "刑事", "故意伤害罪"),
]


@pytest.mark.parametrize("fact, kind, cause", KINDS)
def test_fact_kind_decides_between_charges_and_causes(fact, kind, cause):
    predicted = predict_causes(fact)
    assert fact_kind(fact) == kind
    assert (bool(predicted["charges"]), predicted["causes"][:1]) == (kind == "刑事", [cause])


def test_every_listed_cause_has_cues():
    civil = {r["name"] for r in read_tsv("civil_causes.tsv") if r["level"] in ("3", "4")}
    assert set(cause_cues("民事")) == civil
    assert set(cause_cues("行政")) == admin_cause_names()
    assert all(2 <= len(cue) <= 8 for kind in ("民事", "行政") for cues in cause_cues(kind).values() for cue in cues)


def test_a_cue_table_shares_a_phrase_among_its_labels():
    table = CueTable.of({"甲纠纷": ["借条", "利息"], "乙纠纷": ["借条"]})
    assert table.evidence("出具借条一张，约定利息") == {"甲纠纷": 1.5, "乙纠纷": 0.5}
    assert table.evidence("无关") == {}


def test_cause_wordings_name_official_causes():
    assert {c for c, _ in CIVIL_WORDINGS} <= civil_cause_names()
    assert {c for c, _ in ADMIN_WORDINGS} <= admin_cause_names()


@pytest.mark.parametrize("fact", ["", "。。。", "2019 abc"])
def test_a_fact_without_chinese_words_predicts_nothing(fact):
    assert predict_causes(fact) == {"charges": [], "causes": []}


def test_blank_text_is_refused_with_a_message(tmp_path):
    result = CliRunner().invoke(main, ["--data-dir", str(tmp_path / "d"), "classify", "--text", "  "])
    assert result.exit_code == 2 and "--text 为空" in result.output


def test_classify_text_names_charges_or_causes(tmp_path):
    def line(fact: str) -> str:
        result = CliRunner().invoke(main, ["--data-dir", str(tmp_path / "d"), "classify", "--text", fact])
        assert result.exit_code == 0, result.output
        return result.output.strip()

    assert line(KINDS[0][0]) == "text: 案由 民间借贷纠纷"
    assert line(ROWS[1][0]) == "text: 罪名 盗窃罪"
