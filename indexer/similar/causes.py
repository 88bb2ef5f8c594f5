"""What kind of case a fact description reads as, and the 案由 of a civil or administrative one.

The charge model knows criminal charges only: a civil fact (原告诉称…请求判令被告偿还借款) would get
the nearest criminal charge (骗取贷款罪). So a fact is first read as criminal, civil or administrative
from the words each kind of judgment uses (被告人/公诉机关, 原告/诉称/纠纷, 行政机关/被诉…决定);
a civil or administrative fact gets its 案由 from telltale wordings of the common causes, then from
how much of a cause's name the fact holds and the phrases cases of each listed cause use
(indexer/data/cause_cues.tsv), so every listed cause can win.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from functools import cache

from indexer.reference import admin_cause_names, read_tsv

from .cues import cause_table
from .vectors import bigrams

_C = re.compile
KIND_CUES = {
    "刑事": _C(r"被告人|公诉机关|犯罪|涉嫌|作案|被害人|赃|抓获|归案|投案|判处|有期徒刑|拘役|犯[^，。；]{0,20}罪"),
    "民事": _C(r"原告|诉称|起诉|请求判令|诉讼请求|纠纷|违约|答辩"),
    "行政": _C(r"行政|被诉|撤销.{0,12}(?:决定|批复|答复)|被告.{0,20}(?:人民政府|局|委员会|办事处|公安|派出所)"),
}

_PROSECUTION = _C(r"被告人|公诉机关|检察院指控")

# (cause, wording); the first cause whose wording the fact holds most often wins.
CIVIL_WORDINGS: tuple[tuple[str, re.Pattern], ...] = (
    ("机动车交通事故责任纠纷", _C(r"交通事故|驾驶.{0,12}(?:车|摩托).{0,30}(?:相撞|碰撞|撞倒|撞伤)")),
    ("离婚纠纷", _C(r"离婚|夫妻感情.{0,6}破裂")),
    ("民间借贷纠纷", _C(r"借款|借条|欠条|借给|出借|借到|借钱")),
    ("信用卡纠纷", _C(r"信用卡.{0,20}(?:透支|欠款|还款)")),
    ("金融借款合同纠纷", _C(r"银行.{0,20}(?:贷款|借款合同)|贷款本金")),
    ("买卖合同纠纷", _C(r"货款|买卖合同|购买.{0,10}(?:货物|材料|设备)")),
    ("房屋租赁合同纠纷", _C(r"租金|房屋租赁|租赁合同")),
    ("物业服务合同纠纷", _C(r"物业(?:服务)?费")),
    ("劳动争议", _C(r"劳动(?:合同|关系|仲裁)|工资|经济补偿金")),
    ("建设工程施工合同纠纷", _C(r"工程款|施工合同")),
    ("名誉权纠纷", _C(r"名誉|诽谤|侮辱|诋毁.{0,6}人格")),
    ("不正当竞争纠纷", _C(r"不正当竞争|刷单|虚假交易|流量造假")),
    ("商业诋毁纠纷", _C(r"商业信誉|商品声誉|商业诋毁|恶意差评")),
    ("房屋买卖合同纠纷", _C(r"房屋买卖|购房款|交房|过户")),
    ("违反安全保障义务责任纠纷", _C(r"安全保障义务")),
    ("网络购物合同纠纷", _C(r"网购|网上购买|网店.{0,10}购买|(?:淘宝|京东|拼多多).{0,10}购买")),
    ("生命权、身体权、健康权纠纷", _C(r"(?:殴打|打伤|受伤|摔伤).{0,30}(?:医疗费|误工费|赔偿)")),
    ("案外人执行异议之诉", _C(r"案外人.{0,30}异议|执行异议之诉")),
    ("追偿权纠纷", _C(r"追偿|代偿|代(?:为|被告|其)?(?:偿还|清偿|还款)|承担(?:了)?(?:连带)?(?:保证|担保)责任后")),
    ("保证合同纠纷", _C(r"保证人|连带(?:保证|清偿)责任")),
    ("劳务合同纠纷", _C(r"劳务(?:费|报酬)")),
    ("提供劳务者受害责任纠纷", _C(r"(?:雇佣|雇请|提供劳务).{0,40}(?:受伤|摔伤|死亡)")),
    ("中介合同纠纷", _C(r"居间|中介费|中介服务")),
    ("不当得利纠纷", _C(r"不当得利|(?:误|错误)(?:转|汇)")),
    ("承揽合同纠纷", _C(r"承揽|定作|加工费")),
    ("财产保险合同纠纷", _C(r"保险公司.{0,30}(?:理赔|赔付|拒赔)|保险金")),
    ("股权转让纠纷", _C(r"股权转让")),
    ("法定继承纠纷", _C(r"遗产|继承")),
    ("赡养费纠纷", _C(r"赡养")),
    ("抚养费纠纷", _C(r"抚养费")),
    ("相邻关系纠纷", _C(r"相邻|通行|排水|采光")),
    ("侵害商标权纠纷", _C(r"注册商标|商标专用权")),
    ("医疗损害责任纠纷", _C(r"(?:医院|诊疗|手术).{0,30}(?:过错|过失|损害|医疗事故)")),
    ("产品责任纠纷", _C(r"产品(?:存在)?(?:质量)?缺陷")),
    ("饲养动物损害责任纠纷", _C(r"(?:狗|犬|宠物).{0,10}(?:咬|抓)伤")),
)
ADMIN_WORDINGS: tuple[tuple[str, re.Pattern], ...] = (
    ("政府信息公开", _C(r"信息公开")),
    ("行政处罚", _C(r"处罚|罚款|拘留|吊销")),
    ("行政征收或者征用", _C(r"征收|征用|拆迁")),
    ("行政强制措施", _C(r"查封|扣押|冻结|强制措施")),
    ("行政确认", _C(r"工伤认定|认定工伤|确认")),
    ("行政登记", _C(r"登记")),
    ("行政许可", _C(r"许可")),
    ("行政赔偿", _C(r"行政赔偿|国家赔偿")),
    ("行政强制执行", _C(r"强制(?:执行|拆除|清除)")),
    ("行政协议", _C(r"(?:补偿|征收|拆迁|特许经营).{0,6}协议")),
    ("行政给付", _C(r"最低生活保障|抚恤|救助金")),
    ("不履行××职责", _C(r"(?:不|未)(?:依法)?履行.{0,10}(?:法定)?职责|行政不作为")),
)
_GENERIC = {"纠纷", "合同", "责任", "争议", "确认", "请求", "损害", "赔偿", "其他", "行政", "行为"}
COVERAGE = 0.6  # share of a cause name's (idf-weighted) bigrams a fact must hold
# Phrases of indexer/data/cause_cues.tsv: up to CUE_WEIGHT for CUE_CAP cues (each shared among the
# causes listing it), so two telling phrases outweigh a name's coverage but not a common cause's wording.
CUE_WEIGHT, CUE_CAP = 3.0, 2.0


def record_kind(record) -> str | None:
    """A corpus case's own kind (刑事, 民事, 行政), which its facts may belie: a civil judgment's facts
    often retell the crime it follows. None for other case types (执行), whose facts decide."""
    return record.case_type if record.case_type in KIND_CUES else None


def fact_kind(fact: str) -> str:
    """刑事, 民事 or 行政, by the words each kind of judgment uses.

    被告人 or 公诉机关 make a fact criminal. Without any criminal word, one civil word but 纠纷, or a
    common cause's wording, makes it civil (借款十万元到期未还); otherwise another kind needs two words
    and a majority, as a criminal fact may mention one 纠纷 (因琐事发生纠纷). Administrative judgments
    speak of 原告 and 诉称 too, so a third as many administrative words as civil ones make a fact
    administrative.
    """
    if _PROSECUTION.search(fact):
        return "刑事"  # even a 虚假诉讼, full of 原告 and 诉称
    counts = {kind: len(cue.findall(fact)) for kind, cue in KIND_CUES.items()}
    other = max(counts["民事"], counts["行政"])
    civil_words = counts["民事"] - fact.count("纠纷") + counts["行政"]
    plainly_civil = counts["刑事"] == 0 and (civil_words or any(w.search(fact) for _, w in CIVIL_WORDINGS))
    if not plainly_civil and (counts["刑事"] >= other or other < 2):
        return "刑事"
    if counts["行政"] >= 2 and 3 * counts["行政"] >= counts["民事"]:
        return "行政"
    return "民事"


def predicted_causes(fact: str, kind: str, count: int = 1) -> list[str]:
    """The `count` likeliest 案由 of a civil or administrative fact, best first."""
    wordings = CIVIL_WORDINGS if kind == "民事" else ADMIN_WORDINGS
    scores: Counter = Counter()
    for cause, wording in wordings:
        if hits := len(wording.findall(fact)):
            scores[cause] += 2 + hits
    for cause, coverage in name_coverage(fact, kind).items():
        scores[cause] += coverage + (2 if cause in fact else 0)
    scores.update(cause_table(kind).bonus(fact, CUE_WEIGHT, CUE_CAP))
    return [cause for cause, _ in scores.most_common(count)]


def name_coverage(fact: str, kind: str) -> dict[str, float]:
    """Cause → idf-weighted share of its name's bigrams present in `fact`, for shares ≥ COVERAGE."""
    present = set(bigrams(fact))
    keys, idf = name_keys(kind)
    out = {}
    for cause, wanted in keys.items():
        share = sum(idf[b] for b in wanted & present) / sum(idf[b] for b in wanted)
        if share >= COVERAGE:
            out[cause] = share
    return out


@cache
def name_keys(kind: str) -> tuple[dict[str, frozenset[str]], dict[str, float]]:
    """(cause → the telling bigrams of its name, bigram → idf over those names) for one kind."""
    names = _civil_names() if kind == "民事" else sorted(admin_cause_names())
    keys = {}
    for name in names:
        pieces = re.split(r"[、（）()×]", name.removesuffix("纠纷"))
        wanted = {b for piece in pieces for b in bigrams(piece)} - _GENERIC
        if wanted:
            keys[name] = frozenset(wanted)
    df = Counter(b for wanted in keys.values() for b in wanted)
    return keys, {b: math.log(len(keys) / n) + 0.1 for b, n in df.items()}


def _civil_names() -> list[str]:
    """The specific causes (levels 3 and 4) of the civil cause list in force."""
    return sorted({r["name"] for r in read_tsv("civil_causes.tsv") if r["level"] in ("3", "4")})
