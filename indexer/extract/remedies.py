"""Remedies ordered in a judgment's operative part; claim texts are read the same way.

A clause (a numbered item, or a `；`/`。`-separated part of one) reads
`<payers> [于…内] [共同] [向<payees>] <verb> <payees> <noun> <amount>、<noun> <amount>… [，并 <verb> …]`.
Each amount takes its type from the noun before it, else from the verb. Types are a closed set.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .numbers import AMOUNT_RE, amount_from_match

# The closed set of remedy types. Folded in: 合理开支 ← 合理支出/合理费用/维权费用/律师费/公证费;
# otherwise the verb decides: 返还/退还/归还 → 返还, 支付/偿还/给付/交纳… → 支付 (what is paid, 货款/借款本金/
# 工资…, is kept as `subject`), 赔偿/赔付 → 赔偿损失 (tests/gold/README.md has the same conventions);
# 驳回诉讼请求 is read so the outcome can tell 支持 from 部分支持, but civil.py does not report it as a remedy.
# 违约金 ← 滞纳金; 利息 ← 罚息/复利/逾期付款损失/资金占用费; 停止侵权 ← 停止…/删除…; 赔礼道歉 ← 道歉/致歉/刊登致歉声明.
REMEDY_TYPES = (
    "赔偿损失", "合理开支", "精神损害抚慰金", "违约金", "利息", "支付", "返还", "停止侵权", "赔礼道歉",
    "消除影响", "恢复名誉", "继续履行", "解除合同", "离婚", "优先受偿", "驳回诉讼请求",
)

ROLE_WORDS = (
    "附带民事诉讼原告人", "附带民事诉讼被告人", "原审第三人", "原审原告", "原审被告", "一审原告", "一审被告",
    "再审申请人", "被申请执行人", "申请执行人", "被执行人", "被上诉人", "上诉人", "被申请人", "申请人",
    "反诉原告", "反诉被告", "第三人", "被告人", "原告", "被告",
)
_ROLE = "|".join(ROLE_WORDS)
_COLLECTIVE = re.compile(rf"^(?:[二两三四五六七八九十\d]+|各|全体|上述)?({_ROLE})$")
_NUMBERING = re.compile(
    r"(?:^|(?<=[。；;：:\s]))(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[、.．](?!\d))"
)
_PAREN = re.compile(r"[（(][^（）()]*[）)]")

_MONEY_VERBS = ("赔偿", "赔付", "支付", "给付", "偿还", "归还", "返还", "退还", "偿付", "清偿", "付清", "补偿", "承担", "交纳", "缴纳", "欠")
_OTHER_VERBS = ("停止", "删除", "赔礼道歉", "道歉", "致歉", "刊登", "发表", "消除影响", "恢复名誉", "继续履行",
                "解除", "离婚", "优先受偿", "驳回")
_VERB = re.compile(
    rf"(?<![所拖结已未尚的])(?:{'|'.join(_MONEY_VERBS + _OTHER_VERBS)})"
    r"(?!之日|时止|日止|完毕|责任|义务|金|款|宝|的|条|据|方式|能力|连带|相应|全部|本案|案件)"
)
_NEW_SEGMENT = re.compile(r"(?:[，,、；]|并且?|及|同时)(?:立即|应当?|另行|共同|连带)?$")
_TIME = re.compile(r"(?:应当?|须|必须)?(?:于|自|在|从)(?:本)?(?:判决|裁定|调解)|应当?[于在]|须于|限于|于\d|于[一二三四五六七八九十]")
_BASE_BEFORE = re.compile(r"(?:以|按|基数|本金为)(?:借款|欠款|透支|未还)?(?:本金)?$")
_BASE_AFTER = re.compile(r"^(?:为基数|为本金|的基础)")
_TOTAL = re.compile(r"(?:合计|共计|总计|小计|以上共计)$")
_LIST = re.compile(r"[、及和]|共计|合计|各项")
_CONNECTOR = re.compile(r"^[，,、及和并以上另]+")
_NOUN_CUE = re.compile(
    r"为制止|为维权|因|的|所|各项|经济|共计|合计|人民币|款项|借款|本金|欠款|货款|工程款|租金|工资|劳动报酬|价款|"
    r"损失|赔偿金|医疗费|医药费|护理费|误工费|营养费|伙食|交通费|鉴定费|合理|律师费|违约金|利息|精神|保证金|"
    r"定金|押金|服务费|补偿金|费用"
)

_NOUN_TYPES = (
    (re.compile(r"精神(?:损害)?抚慰金"), "精神损害抚慰金"),
    (re.compile(r"合理(?:开支|支出|费用)|维权(?:合理)?(?:费用|开支|支出)|律师费|公证费|制止侵权"), "合理开支"),
    (re.compile(r"违约金|滞纳金"), "违约金"),
    (re.compile(r"利息|罚息|复利|逾期付款损失|资金占用费"), "利息"),
)
_SUBJECT = re.compile(
    r"借款本金|借款|透支本金|本金|欠款|贷款|货款|工程款|租金|工资款?|劳动报酬|经济补偿金|保证金|定金|押金|价款|"
    r"服务费|医疗费|保险赔偿金|保险金"
)
_JOINT = re.compile(r"共同|连带")
_JOINT_PARTY = re.compile(r"[，,]([^，,。；]+?)对[^，,。；]{0,20}?承担连带")
_NO_PAYER = ("驳回诉讼请求", "离婚", "优先受偿")
_SKIP = re.compile(r"罚金|没收|追缴|上缴国库|犯\S{1,30}?罪|受理费|诉讼费|申请费|执行费|迟延履行|延迟履行|汇入|账号|开户")


@dataclass
class Remedy:
    type: str
    amount_yuan: float | None = None
    payers: list[str] = field(default_factory=list)
    payees: list[str] = field(default_factory=list)
    joint: bool = False
    subject: str | None = None
    noun: str = field(default="", repr=False, compare=False)  # the words before the amount, for matching claims

    def to_dict(self) -> dict:
        out = {"type": self.type, "amount_yuan": self.amount_yuan, "payers": self.payers,
               "payees": self.payees, "joint": self.joint}
        if self.subject:
            out["subject"] = self.subject
        return out


def strip_parens(text: str) -> str:
    for _ in range(2):
        text = _PAREN.sub("", text)
    return text


def clauses(text: str) -> list[str]:
    """Numbered items split further at `；`, `。` and `：` (变更…为：…): the units remedies are read from."""
    text = _NUMBERING.sub("\n", strip_parens(text))
    return [c.strip(" ，,") for c in re.split(r"[\n；;。：:]", text) if c.strip(" ，,")]


def split_names(text: str, parties: list[dict]) -> list[str]:
    """'被告张某、韩某' → ['张某', '韩某']; '三被告' → the defendants' names when parties are known."""
    text = re.sub(r"^(?:判令|责令|限|由|并|另)|共同|连带|各自|自愿|一次性|负责|分别|均|立即", "", text).strip(" ，,、")
    names = []
    for part in re.split(r"[、，,]|以及|和|及", text):
        part = part.strip()
        collective = _COLLECTIVE.match(part)
        if collective and parties:
            names += [p["name"] for p in parties if p.get("role", "").endswith(collective.group(1))]
            continue
        if not collective:
            part = re.sub(rf"^(?:{_ROLE})[：:]?", "", part)
        if part:
            names.append(part)
    return list(dict.fromkeys(names))


def known_names(text: str, parties: list[dict]) -> list[str]:
    """Party names printed in `text`, in order of appearance (a name inside a longer one is skipped)."""
    found: list[tuple[int, str]] = []
    for name in sorted({p["name"] for p in parties if p.get("name")}, key=len, reverse=True):
        pos = text.find(name)
        if pos >= 0 and not any(name in other for _, other in found):
            found.append((pos, name))
    return [name for _, name in sorted(found)]


def names_in(segment: str, parties: list[dict]) -> list[str]:
    """Names at the start of `segment` (up to the first noun): known parties first, else by cue words."""
    return known_names(segment, parties) or split_names(segment[: _cut(segment)], parties)


def _payees_then_noun(before: str, parties: list[dict]) -> tuple[list[str], str]:
    """Split '原告李茂华货款' into (['李茂华'], '货款'); with no cue word it is all noun."""
    names = known_names(before, parties)
    if names:
        return names, before[before.rfind(names[-1]) + len(names[-1]):]
    cut = _cut(before)
    return (split_names(before[:cut], parties), before[cut:]) if cut < len(before) else ([], before)


def _cut(segment: str) -> int:
    cue = _NOUN_CUE.search(segment)
    return cue.start() if cue else len(segment)


def amount_type(noun: str, verb: str) -> str:
    noun = _CONNECTOR.sub("", noun)
    if not _LIST.search(noun):
        for pattern, kind in _NOUN_TYPES:
            if pattern.search(noun):
                return kind
    if verb in ("赔偿", "赔付"):
        return "赔偿损失"
    if verb in ("返还", "退还", "归还"):
        return "返还"
    return "赔偿损失" if re.search(r"损失|赔偿金", noun) else "支付"


def _other_type(verb: str, segment: str) -> str | None:
    if verb == "驳回":
        return "驳回诉讼请求" if re.search(r"诉讼请求|诉请", segment) else None
    if verb in ("刊登", "发表"):
        return "赔礼道歉" if re.search(r"道歉|致歉|赔礼", segment) else None
    if verb == "解除":
        return "解除合同" if re.search(r"合同|协议|关系", segment) else None
    if verb == "离婚":
        return "离婚" if re.search(r"准[予许]", segment) else None
    return {"停止": "停止侵权", "删除": "停止侵权", "赔礼道歉": "赔礼道歉", "道歉": "赔礼道歉", "致歉": "赔礼道歉"}.get(
        verb, verb if verb in REMEDY_TYPES else None)


def _segments(clause: str) -> list[re.Match]:
    """The verbs that open a new remedy: the first one, then any after a connector (，并 / 、 / 及)."""
    verbs = list(_VERB.finditer(clause))
    out = verbs[:1]
    for m in verbs[1:]:
        gap = clause[out[-1].end(): m.start()]
        if _NEW_SEGMENT.search(gap) or "并" in gap:
            out.append(m)
    return out


def _money(rest: str, verb: str, who: tuple[list[str], list[str], bool], parties: list[dict]) -> list[Remedy]:
    payers, payees, joint = who
    out, last = [], 0
    for m in AMOUNT_RE.finditer(rest):
        before = rest[last: m.start()]
        if _BASE_BEFORE.search(before) or _BASE_AFTER.match(rest[m.end():]) or (out and _TOTAL.search(before)):
            last = m.end()
            continue
        if not out and not payees:
            payees, before = _payees_then_noun(before, parties)
        subject = _SUBJECT.search(before)
        out.append(Remedy(amount_type(before, verb), amount_from_match(m), payers, payees, joint,
                          subject.group() if subject else None, _CONNECTOR.sub("", before)))
        last = m.end()
    tail = rest[last:]
    given = re.match(r"给([^，,]+)", tail)
    if given:
        for r in out:
            r.payees = names_in(given.group(1), parties)
    if not out and not payees:
        payees = names_in(tail, parties)
    named = sorted((m.start(), kind) for pattern, kind in _NOUN_TYPES if (m := pattern.search(tail)))
    for _, kind in named:
        if not any(r.type == kind and r.amount_yuan is None for r in out):
            out.append(Remedy(kind, None, payers, payees, joint, noun=kind))
    return out


def read_clause(clause: str, parties: list[dict], inherited: tuple[list[str], list[str]] | None = None) -> list[Remedy]:
    """Remedies in one clause; [] when it orders nothing of REMEDY_TYPES."""
    if _SKIP.search(clause):
        return []
    segments = _segments(clause)
    if not segments:
        return []
    head = clause[: segments[0].start()]
    by = head.rfind("由")
    passive = by >= 0 and bool(AMOUNT_RE.search(head[:by]))
    actor = head[by + 1:] if by >= 0 else head
    to = re.search(r"向(.+?)$", actor)
    payers = split_names(_TIME.split(actor[: to.start()] if to else actor)[0], parties)
    payees = names_in(to.group(1), parties) if to else []
    if not payers and inherited:
        payers, payees = inherited[0], payees or inherited[1]
    joint = bool(_JOINT.search(clause))
    also = _JOINT_PARTY.search(clause)
    if also:
        payers = list(dict.fromkeys(payers + names_in(also.group(1), parties)))
    out: list[Remedy] = []
    ends = [s.start() for s in segments[1:]] + [len(clause)]
    for verb, end in zip(segments, ends):
        segment = clause[verb.end(): end]
        if passive and verb is segments[0]:
            owed = head[:by]
            out += _money(owed[owed.find("的") + 1:] if "的" in owed else owed, verb.group(),
                          (payers, names_in(owed.split("的")[0], parties), joint), parties)
        elif verb.group() in _MONEY_VERBS:
            out += _money(segment, verb.group(), (payers, payees, joint), parties)
        else:
            kind = _other_type(verb.group(), clause[verb.start(): end])
            if kind:
                out.append(Remedy(kind, None, [] if kind in _NO_PAYER else payers, [], joint, noun=kind))
        if out and not payees:
            payees = out[-1].payees
    return out


def find_remedies(operative: str, parties: list[dict]) -> list[Remedy]:
    """Remedies of an operative part ('判决如下：一、…'), in order."""
    out: list[Remedy] = []
    for clause in clauses(operative):
        if out and "连带" in clause and not AMOUNT_RE.search(clause) and not _segments(clause):
            extra = names_in(re.split(r"对|就|承担", clause)[0], parties)
            extra = [e for e in extra if not re.search(r"上述|以上", e)]
            for r in out:
                if r.type not in ("驳回诉讼请求",) and r.payers:
                    r.joint, r.payers = True, list(dict.fromkeys(r.payers + extra))
            continue
        last = next((r for r in reversed(out) if r.payers), None)
        if last and not _segments(clause) and _NOUN_TYPES[3][0].search(clause) and re.search(r"计[算付至]", clause):
            out.append(Remedy("利息", None, last.payers, last.payees, last.joint, noun="利息"))
            continue
        starts_bare = bool(re.match(r"^(?:并|另|再)?(?:" + "|".join(_MONEY_VERBS) + ")", clause))
        out += read_clause(clause, parties, (last.payers, last.payees) if last and starts_bare else None)
    return out
