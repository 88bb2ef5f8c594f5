"""Charge prediction from facts: the shipped model, common charges and charges never seen in training."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from casebook.cli import main
from indexer.similar.classify import predict_causes, shipped_model, train

ROWS = [
    # common charges, learned from CAIL2018 and LeCaRD
    ("被告人某某饮酒后驾驶小型轿车，经检验其血液中乙醇含量为201.1毫克/100毫升。", "危险驾驶罪"),
    ("被告人某某趁被害人熟睡之机，窃得其放在床头的手机一部，价值2000元。", "盗窃罪"),
    ("被告人某某因琐事与被害人发生口角，用拳头殴打被害人，致其鼻骨骨折，经鉴定为轻伤二级。", "故意伤害罪"),
    ("被告人某某在其出租屋内多次容留他人吸食甲基苯丙胺。", "容留他人吸毒罪"),
    ("被告人某某未经林业主管部门许可，擅自采伐其承包山林内的杉木，林木蓄积45立方米。", "滥伐林木罪"),
    # charges never seen in training: predicted from the official names and rules
    ("被告人某某从其住处十五楼窗户向外抛掷花盆、酒瓶，砸坏楼下车辆，系高空抛物。", "高空抛物罪"),
    ("被告人某某在公交车行驶中抢夺方向盘，致车辆失控。", "妨害安全驾驶罪"),
    ("被告人某某在国家教育考试中组织考试作弊，向考生发送答案。", "组织考试作弊罪"),
]


@pytest.mark.parametrize("fact, charge", ROWS)
def test_predicted_charge(fact, charge):
    assert charge in predict_causes(fact)["charges"]


def test_never_seen_rows_are_unseen():
    seen = shipped_model().charges
    assert not {"高空抛物罪", "妨害安全驾驶罪", "组织考试作弊罪"} & set(seen)


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
