"""Key elements of a criminal fact description: amount, injuries, means and circumstances.

Each element is a tag "family:value" (伤情:轻伤, 手段:持刀, 情节:自首, 金额:万元级) with the
passage that shows it.  Tags of one family exclude each other where the family is a degree
(伤情, 金额): two cases with different degrees disagree, not merely fail to agree.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

from indexer.extract.numbers import all_amounts_yuan

DEGREE_FAMILIES = ("伤情", "金额")
AMOUNT_BANDS = ("百元级", "千元级", "万元级", "十万元级", "百万元级", "千万元级")

# (tag, pattern); the first pattern of a degree family that matches wins, so the gravest comes first.
PATTERNS: tuple[tuple[str, str], ...] = (
    ("伤情:死亡", r"(?<!致人)死亡(?!证明)|身亡|致死|当场死亡"),
    ("伤情:重伤", r"重伤(?:一|二)?级?|重伤"),
    ("伤情:轻伤", r"轻伤(?:一|二)?级?"),
    ("伤情:轻微伤", r"轻微伤"),
    ("伤残", r"[一二三四五六七八九十]级伤残|伤残[一二三四五六七八九十]级|伤残等级"),
    ("手段:持刀", r"持刀|菜刀|水果刀|砍刀|匕首|刀具|持.{0,3}刀|用刀|刀[砍捅刺]|[砍捅刺]伤"),
    ("手段:棍棒", r"木棍|铁棍|棍棒|钢管|铁锤|砖头|石块"),
    ("手段:枪支", r"枪支|手枪|猎枪|气枪|枪弹|子弹"),
    ("手段:殴打", r"殴打|拳打脚踢|拳头|打伤|厮打|扭打"),
    ("手段:驾驶", r"驾驶|驾车|开车|行驶"),
    ("手段:网络", r"网络|网上|互联网|微信|QQ|qq|支付宝|APP|app|网站|网购|游戏平台|直播"),
    ("手段:电话", r"电话|短信|手机号"),
    ("手段:入户", r"入户|进入.{0,8}(?:家中|住宅|住处|卧室)|撬门|撬锁|翻墙|翻窗"),
    ("手段:扒窃", r"扒窃|趁.{0,8}不备|趁.{0,8}不注意"),
    ("手段:冒充", r"冒充|假冒|谎称|虚构|隐瞒真相"),
    ("手段:伪造", r"伪造|变造|假证|假币|假发票"),
    ("手段:威胁", r"威胁|恐吓|胁迫|要挟"),
    ("手段:拘禁", r"拘禁|捆绑|关押|限制.{0,4}人身自由|看管"),
    ("手段:聚众", r"纠集|聚众|伙同|多人|结伙"),
    ("对象:毒品", r"甲基苯丙胺|冰毒|海洛因|麻古|氯胺酮|K粉|大麻|毒品"),
    ("对象:林木", r"林木|树木|立木|蓄积|采伐|砍伐"),
    ("对象:赌博", r"赌博|赌资|赌场|抽头|百家乐|老虎机|牌九"),
    ("对象:贿赂", r"贿赂|好处费|感谢费|收受|请托"),
    ("对象:公款", r"公款|公共财物|国家工作人员|职务之便|职务上的便利"),
    ("对象:公务", r"民警|警察|执行公务|执法人员|城管|警车"),
    ("情节:醉酒", r"醉酒|醉驾|乙醇含量|酒精含量|酒后"),
    ("情节:事故", r"交通事故|相撞|碰撞|追尾|撞[倒伤死到上]|刮擦"),
    ("情节:逃逸", r"逃逸|逃离现场|驾车逃离|弃车"),
    ("情节:全部责任", r"全部责任"),
    ("情节:主要责任", r"主要责任"),
    ("情节:自首", r"自首|主动投案|投案自首|到.{0,10}投案|主动到.{0,10}(?:公安|派出所)"),
    ("情节:坦白", r"如实供述|坦白|供认不讳"),
    ("情节:累犯", r"累犯|刑满释放|曾因.{0,20}(?:判处|刑罚)|前科"),
    ("情节:谅解", r"谅解"),
    ("情节:赔偿", r"赔偿|退赔|退赃|退还|返还"),
    ("情节:未遂", r"未遂|未得逞|未能得逞"),
    ("情节:吸毒", r"吸食|吸毒|注射毒品"),
    ("情节:容留", r"容留|提供场所|在其.{0,10}(?:家|房间|住处).{0,10}吸食"),
    ("情节:贩卖", r"贩卖|出售|售卖|卖给|交易"),
    ("情节:运输", r"运输|携带|邮寄|托运"),
    ("情节:未成年", r"未成年|不满十[四六八]周岁|幼女|儿童"),
)
_COMPILED = tuple((tag, re.compile(pattern)) for tag, pattern in PATTERNS)
_SENTENCE_END = re.compile(r"[。；;！!？?\n]")


@dataclass(frozen=True)
class Element:
    tag: str
    passage: str  # the clause that shows it, for explanations


def tag_vocabulary() -> tuple[str, ...]:
    """Every tag `elements` can return, in a fixed order (bit positions of the feature store)."""
    bands = tuple(f"金额:{b}" for b in AMOUNT_BANDS)
    return tuple(dict.fromkeys(tag for tag, _ in PATTERNS)) + bands


def family(tag: str) -> str:
    return tag.split(":", 1)[0]


def elements(text: str) -> list[Element]:
    """The key elements found in `text`, one per tag (degree families keep the gravest)."""
    found: dict[str, Element] = {}
    taken: set[str] = set()
    for tag, pattern in _COMPILED:
        fam = family(tag)
        if fam in DEGREE_FAMILIES and fam in taken:
            continue
        match = pattern.search(text)
        if match:
            found[tag] = Element(tag, clause_around(text, match.start(), match.end()))
            taken.add(fam)
    amount = amount_element(text)
    if amount:
        found[amount.tag] = amount
    return list(found.values())


def amount_element(text: str) -> Element | None:
    """The largest amount as an order of magnitude (金额:千元级 … 金额:千万元级)."""
    amounts = [a for a in all_amounts_yuan(text) if a[0] >= 100]
    if not amounts:
        return None
    value, start, end = max(amounts)
    return Element(f"金额:{amount_band(value)}", clause_around(text, start, end))


def amount_band(value: float) -> str:
    return AMOUNT_BANDS[amount_band_index(value)]


def amount_band_index(value: float) -> int:
    return min(max(int(math.log10(value)) - 2, 0), len(AMOUNT_BANDS) - 1)


def clause_around(text: str, start: int, end: int, width: int = 60) -> str:
    """The sentence holding [start, end), cut to about `width` characters around the match."""
    left = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    right_match = _SENTENCE_END.search(text, end)
    right = right_match.start() if right_match else len(text)
    left, right = max(left, start - width // 2), min(right, end + width // 2)
    return text[left:right].strip()
