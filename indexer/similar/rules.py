"""Hand rules for charges whose facts have a telltale wording (legal definitions, not data quirks),
and the charges a fact description names itself (the prosecution's view: 公诉机关认为…构成诈骗罪)."""
from __future__ import annotations

import re

from indexer.extract.criminal_charges import charge_at
from indexer.reference import normalise_charge

# A charge name follows these in 构成盗窃罪, 以诈骗罪追究, 犯受贿罪, 涉嫌贪污罪.
_CHARGE_CUE = re.compile(r"构成|以|犯|涉嫌")
# An indictment's count heading names the count's charge: 一、盗窃事实, （二）故意伤害罪的事实, 三、关于诈骗部分.
_COUNT_HEADING = re.compile(r"(?:^|[\s。：:；])[（(]?[一二三四五六七八九十]+[）)、．.]\s*(?:关于)?([\u4e00-\u9fff、]{2,24}?)"
                            r"罪?(?:的?犯罪)?(?:的?事实|部分)?(?=[\s:：\d（(]|$)")

# (charge, pattern that must match, pattern that must not match or None); a match adds 1.
_C = re.compile
RULES: tuple[tuple[str, re.Pattern, re.Pattern | None], ...] = (
    # 刑法133条之二: seizing the wheel of, or hitting the driver of, a moving public vehicle
    ("妨害安全驾驶罪", _C(r"抢[夺控].{0,6}方向盘|(?:殴打|拉拽|攻击).{0,8}(?:驾驶员|司机|驾驶人员)"), None),
    # 刑法291条之二: throwing objects from a building
    ("高空抛物罪", _C(r"从.{0,10}(?:楼|高处|窗).{0,10}(?:抛|扔|丢)"), None),
    # 刑法354条: providing a place for others to take drugs
    ("容留他人吸毒罪", _C(r"容留.{0,20}吸食|提供.{0,6}(?:场所|房间).{0,20}吸食"), None),
    # 刑法133条之一: driving while drunk (blood alcohol, not a mere 酒后)
    ("危险驾驶罪", _C(r"(?:血液中?(?:乙醇|酒精)含量|醉酒(?:状态|驾驶)).{0,60}|驾驶.{0,60}(?:血液中?(?:乙醇|酒精)含量|醉酒)"),
     _C(r"死亡|重伤")),
    # 刑法115条第2款: a fire caused by negligence (a deliberate one is 放火罪)
    ("失火罪", _C(r"(?:不慎|疏忽|未.{0,6}(?:熄灭|扑灭)|遗留火种|随意丢弃烟头).{0,30}(?:起火|火灾|着火)|失火"
               r"|(?:烧|点燃|点火).{0,8}(?:杂草|秸秆|荒|田埂|垃圾|纸钱|香烛).{0,30}(?:引发|引起|导致|蔓延|失控)"),
     _C(r"故意|报复|泄愤|纵火|放火")),
    # 刑法303条第2款: running a gambling venue, website or machines (not merely gambling)
    ("开设赌场罪", _C(r"开设赌场|设立赌场|赌博网站|(?:组织|提供).{0,12}(?:赌博场所|场所.{0,6}赌博)|抽头|抽水|赌博机"), None),
    # 刑法269条: theft, fraud or snatching turned robbery by violence on being discovered or to resist capture
    ("抢劫罪", _C(r"(?:盗窃|偷|扒窃|抢夺|诈骗|行窃).{0,80}(?:被.{0,8}(?:发现|惊醒|发觉|察觉|追赶|抓住|拦住|阻拦)"
               r"|惊醒|发觉|抓捕|追赶|阻拦).{0,60}(?:殴打|持刀|刺|砍|打伤|暴力|威胁|拳打脚踢|踢打|咬)"), None),
    # 刑法312条: knowingly receiving, buying, selling or moving the proceeds of crime
    ("掩饰、隐瞒犯罪所得、犯罪所得收益罪",
     _C(r"明知.{0,30}(?:赃物|赃车|犯罪所得|盗窃所得|偷来|盗来|盗窃的|抢劫所得|诈骗所得|来路不明).{0,40}"
        r"(?:收购|购买|买下|销售|代为|转移|窝藏|转卖|收下)|(?:收购|购买|代为销售|转移|窝藏).{0,20}(?:赃物|赃车|犯罪所得)"), None),
    # 刑法277条: violence against officers carrying out their duties
    ("妨害公务罪", _C(r"(?:民警|警察|执法人员|辅警|公安人员|城管|干警|工作人员).{0,40}(?:依法|执行职务|执法|抓捕|检查|处置|盘查|出警|传唤)"
                 r".{0,80}(?:殴打|推搡|撕扯|咬伤|抓伤|划伤|撞伤|踢|打伤|暴力|袭击|拳)"), None),
    # 刑法233条: a death caused by negligence outside traffic and work (those have their own charges)
    ("过失致人死亡罪", _C(r"(?:不慎|疏忽|过失|未尽|大意).{0,60}(?:致|导致|造成).{0,20}死亡"), _C(r"驾驶|车辆|交通|施工|作业|生产|事故")),
    # 刑法118条: cutting or stealing power lines in use endangers public safety
    ("破坏电力设备罪", _C(r"(?:正在使用|在用|运行中?)的?.{0,10}(?:电力|电缆|电线|输电线|变压器)"), None),
)


def rule_bonus(fact: str) -> dict[str, float]:
    out: dict[str, float] = {}
    for charge, must, must_not in RULES:
        if must.search(fact) and not (must_not and must_not.search(fact)):
            out[charge] = out.get(charge, 0.0) + 1.0
    return out


def named_charges(fact: str) -> list[str]:
    """Official charges written in `fact` after 构成/以/犯/涉嫌, then those of its count headings."""
    named = [charge_at(fact, cue.end())[0] for cue in _CHARGE_CUE.finditer(fact)]
    headed = [normalise_charge(m.group(1)) for m in _COUNT_HEADING.finditer(fact)]
    return list(dict.fromkeys(c for c in named + headed if c))
