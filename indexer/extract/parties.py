"""Parties with their agents (from the 当事人 block) and judges (from the signature block)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .numbers import to_number
from .sections import JUDGE_ROLE, PARTY_LABEL, ROLE, opens_party_paragraph

# Printed variants → the closed set of roles.
ROLE_SYNONYMS = {
    "申请再审人": "再审申请人",
    "再审被申请人": "被申请人",
    "附带民事诉讼原告": "附带民事诉讼原告人",
    "附带民事诉讼被告": "附带民事诉讼被告人",
    "申请复议人": "复议申请人",
    "被申请执行人": "被执行人",
}
AGENT_ROLES = ("委托诉讼代理人", "委托代理人", "诉讼代理人", "指定代理人", "指定辩护人", "辩护人",
               "法定代理人", "法定代表人", "诉讼代表人", "代表人", "负责人", "经营者", "投资人")
_AGENT_LABEL = re.compile(
    r"(?:^|(?<=[\s。；;]))(?P<prefix>[^\s。；;，,：:]{0,12}?)(?P<role>" + "|".join(AGENT_ROLES) + r")"
    r"(?=[：:\s]?[^\s，,。、])",
    re.M,
)
_SHARED_AGENT = re.compile(r"以上|上列|上述|共同|均系|[二两三四五六七八九十]名?(?:原告|被告|上诉人|申请人)")
_COUNT = re.compile(r"[二两三四五六七八九十]+(?=名|位|个|[原被上申第])")
_LAW_FIRM = re.compile(r"[^\s，,。；;：:、]{2,40}?(?:律师事务所|法律服务所)(?:[^\s，,。；;：:、]{0,12}?分所)?")
_FORMER_NAME = re.compile(r"[（(](?:以下简称|下称|简称|原名|曾用名|系|受|反诉|一审|二审|原审|又名|别名)")
_NAME_REST = re.compile(r"[^，,。；;：:、\s（(]*")
_CLOSE = re.compile(r"[）)]")
_LEADING_NOTE = re.compile(r"[（(][^）)]{1,30}[）)]")
_SELF_REPORTED = re.compile(r"^(?:自报|自称|化名)")
_NAME_STOP = "，,。；;：:、 \n"
_STRONG_ORG = re.compile(r"公司|银行|法院|检察院|委员会|政府|律师事务所|合作社|集团|协会|企业|中心|公安局|派出所"
                         r"|研究所|研究院|学校|大学|医院|商行|经营部|个体工商户|工作室|基金会")
_ORG_SUFFIX = tuple("局厂店部所站队社会处院场馆城行室校团园厅署庭司军矿")


@dataclass
class Agent:
    name: str
    role: str
    law_firm: str | None = None


@dataclass
class Party:
    name: str
    role: str
    kind: str
    agents: list[Agent] = field(default_factory=list)
    original_role: str | None = None


def name_at(text: str, pos: int) -> str:
    """The name printed at `pos`: up to the first comma/colon-delimited attribute.

    A parenthesis stays inside the name (北京德恒（重庆）律师事务所); one that gives a short name or a
    former role ends it (…公司（以下简称某某）, 张三（曾用名…）), or is dropped when the name goes on
    (科尔沁左翼后旗（以下简称科左后旗）人民检察院). A leading note (（…指派）刘斌) is skipped.
    """
    pos += text[pos:pos + 1] in "：:"
    lead = _LEADING_NOTE.match(text, pos)
    pos = lead.end() if lead else pos
    parts, start, end = [], pos, pos
    while end < len(text) and text[end] not in _NAME_STOP:
        if text[end] in "（(":
            close = _CLOSE.search(text, end)
            if not close or close.end() >= len(text) or text[close.end()] in _NAME_STOP + "（(":
                break
            if _FORMER_NAME.match(text, end):
                rest = _NAME_REST.match(text, close.end()).group()
                if not _is_name_tail(rest):  # the sentence goes on: the name ended here
                    break
                parts.append(text[start:end])
                start = close.end()
            end = close.end()
            continue
        end += 1
    return _SELF_REPORTED.sub("", "".join(parts) + text[start:end]).strip()


def _is_name_tail(rest: str) -> bool:
    """An organisation suffix resumed after a parenthesis (…（以下简称科左后旗）人民检察院)."""
    return 0 < len(rest) <= 10 and (rest.endswith(_ORG_SUFFIX) or bool(_STRONG_ORG.search(rest)))


def party_kind(name: str) -> str:
    """person | organisation, by the name's suffix (anonymised 王某1, 杜某 are persons)."""
    if _STRONG_ORG.search(name) or (len(name) >= 4 and name.endswith(_ORG_SUFFIX)):
        return "organisation"
    return "person"


def names_at(text: str, pos: int) -> list[str]:
    """One or more names listed with 、 (辩护人刘爱玲、周涛，…律师)."""
    names = [name_at(text, pos)]
    pos += len(names[0]) + (text[pos:pos + 1] in "：:")
    while text[pos:pos + 1] == "、":
        names.append(name_at(text, pos + 1))
        pos += len(names[-1]) + 1
    return [n for n in names if n]


def _agents(block: str, m: re.Match) -> list[Agent]:
    nxt = block.find("。", m.end())
    firm = _LAW_FIRM.search(block, m.end(), nxt if nxt >= 0 else len(block))  # a firm cannot span 。
    law_firm = firm.group() if firm else None
    return [Agent(name=n, role=m.group("role"), law_firm=law_firm) for n in names_at(block, m.end())]


def _represented(parties: list[Party], prefix: str) -> list[Party]:
    """The parties an agent acts for: the last one, or a group (以上两原告共同委托…)."""
    if not _SHARED_AGENT.search(prefix):
        return parties[-1:]
    same = [p for p in parties if p.role == parties[-1].role]
    count = _COUNT.search(prefix)
    return same[-int(to_number(count.group()) or len(same)):] if count else same


def _entries(block: str) -> list[tuple[int, str, re.Match]]:
    """Party and agent labels of the block in reading order."""
    found = [(m.start(), "party", m) for m in PARTY_LABEL.finditer(block) if opens_party_paragraph(block, m)]
    found += [(m.start(), "agent", m) for m in _AGENT_LABEL.finditer(block)]
    return sorted(found, key=lambda e: e[0])


def parse_parties(block: str) -> list[Party]:
    """Parties and their agents from a 当事人 block (line breaks optional)."""
    parties: list[Party] = []
    taken = -1
    for start, kind, m in _entries(block):
        if start < taken:
            continue
        taken = m.end()
        if kind == "party":
            label = m.group("role")
            name = name_at(block, m.end())
            if not name:
                continue
            orig = m.group("orig")
            parties.append(Party(name=name, role=ROLE_SYNONYMS.get(label, label), kind=party_kind(name),
                                 original_role=orig[1:-1] if orig else None))
        elif parties:
            for party in _represented(parties, m.group("prefix")):
                party.agents.extend(_agents(block, m))
    return parties


def _as_dict(party: Party) -> dict:
    """The record shape (dataclasses.asdict, written out: it deep-copies and is slow)."""
    out = {"name": party.name, "role": party.role, "kind": party.kind,
           "agents": [{"name": a.name, "role": a.role, "law_firm": a.law_firm} for a in party.agents]}
    if party.original_role is not None:
        out["original_role"] = party.original_role
    return out


def find_parties(text: str, sections: dict[str, str]) -> list[dict]:
    """[{name, role, kind, agents: [{name, role, law_firm}]}] from the 当事人 section, else from the
    sentence that opens the procedural history (texts whose party block was dropped)."""
    block = sections.get("parties")
    if block:
        return [_as_dict(p) for p in parse_parties(block)]
    history = sections.get("procedural_history") or ""
    end = history.find("。")
    found = narrative_parties(history[: end if end >= 0 else 300])
    for later in _LATER_PARTY.finditer(history, max(end, 0)):  # 现被申请执行人X、Y未履行…
        for name in _clean_list(_names_from(history, later)[0]):
            if later.group("role") == "第三人" and party_kind(name) == "person":
                continue  # 第三人 is also a word for anyone else: only an organisation is safe
            if all(name not in p.name for p in found):
                found.append(Party(name=name, role=ROLE_SYNONYMS.get(later.group("role"), later.group("role")),
                                   kind=party_kind(name)))
    return [_as_dict(p) for p in found]


# What ends a name in a history sentence: 原告X诉被告Y（以下简称…）、第三人Z…一案 / 申请执行人X于…申请.
_STOP_WORDS = (r"诉|与|因|及|为(?=行政)|称|未|、|，|,|。|；|;|：|:|（|\(|）|\)|\s|申请|不服|对|作出|要求|的|向|提出|提起|请求"
               rf"|不履行|履行|认为|依据|依照|根据|以|在|一案|{ROLE}|" + "|".join(AGENT_ROLES))
_STOP = rf"于|{_STOP_WORDS}"
# A name may start with the surname 于 (被执行人于伯如), not with 于 + a date or 本院.
_NO_START = rf"于(?=\d|[一二]〇|本院|同|当|次|法定)|{_STOP_WORDS}"
_NAME = rf"(?!{_NO_START})[^、，,。；;：:（()）\s]{{2,40}}?(?={_STOP}|$)"
_NARRATED = re.compile(rf"(?P<role>{ROLE})(?P<name>{_NAME})")
_LATER_PARTY = re.compile(rf"(?P<role>被申请执行人|被执行人|第三人)(?P<name>{_NAME})")
_NEXT_NAME = re.compile(rf"、(?P<name>{_NAME})")
# 上诉人X因诉Y…一案: the other side named without its role.
_SUED = re.compile(rf"(?:因诉|因与|诉)(?P<name>{_NAME})")
_OTHER_SIDE = {"上诉人": "被上诉人", "再审申请人": "被申请人", "申请人": "被申请人", "原告": "被告", "起诉人": "被告"}
# The description of the case that may follow a name without a break (…有限公司工商行政登记一案).
_CASE_WORDS = re.compile(r"政府信息公开|信息公开|工商行政|行政|征收|处罚|登记|强制|拆除|社会抚养费|工伤|劳动|房屋|土地|婚姻"
                         r"|城市|交通|治安|非法|建设工程|规划|纠纷|质量监督|社会保障|计划生育|环境保护"
                         r"|离婚|婚约|合同|借款|借贷|买卖|侵权|继承|赡养|抚养|损害|财产|名誉|劳务")
_ORG_END = re.compile(_STRONG_ORG.pattern + "|[" + "".join(_ORG_SUFFIX) + "]")
_NOT_NAME = re.compile(r"了|送达|到庭|经本院|传唤|参加|本院|法院|收到|网站|^[仍未既已均自就经并即不逾限]")
_PERSON_MAX = 4


def _narrated_name(name: str) -> str | None:
    """The name itself: an organisation up to its last suffix before the case description, a person
    of at most four characters; None for words that are no name."""
    inside = [(m.start(), m.end()) for m in _CASE_WORDS.finditer(name)]
    ends = [m.end() for m in _ORG_END.finditer(name)
            if m.end() >= 4 and (m.end() == len(name) or _CASE_WORDS.match(name, m.end()))
            and not any(s < m.end() <= e for s, e in inside)]
    cut = _CASE_WORDS.search(name, 2)
    name = name[: max(ends)] if ends else name[: cut.start()] if cut else name
    if _NOT_NAME.search(name) or (not ends and (len(name) > _PERSON_MAX or party_kind(name) != "person")):
        return None
    return name


def _names_from(sentence: str, first: re.Match) -> tuple[list[str], int]:
    names, end = [first.group("name")], first.end()
    while nxt := _NEXT_NAME.match(sentence, end):
        names.append(nxt.group("name"))
        end = nxt.end()
    return names, end


def narrative_parties(sentence: str) -> list[Party]:
    """Parties named with their role in one sentence: 原告X、Y诉被告Z…一案, 上诉人X因诉Y…一案.
    A list stops at a name that runs into other words (…村民委员会召开村两委、党员)."""
    found: list[tuple[str, str]] = []
    for m in _NARRATED.finditer(sentence):
        role = ROLE_SYNONYMS.get(m.group("role"), m.group("role"))
        names, end = _names_from(sentence, m)
        found += [(name, role) for name in _clean_list(names)]
        sued = _SUED.match(sentence, end)
        if sued and role in _OTHER_SIDE:
            found += [(name, _OTHER_SIDE[role]) for name in _clean_list(_names_from(sentence, sued)[0])]
    parties: list[Party] = []
    for name, role in found:
        if all(name not in p.name for p in parties):
            parties.append(Party(name=name, role=role, kind=party_kind(name)))
    return parties


def _clean_list(raw: list[str]) -> list[str]:
    out = []
    for item in raw:
        name = _narrated_name(item)
        if name:
            out.append(name)
        if name != item:
            break
    return out


_JUDGE = re.compile(rf"(?P<role>{JUDGE_ROLE}) ?[：:]? ?")
_SIGN_DATE = re.compile(r"[〇○零Ｏ0O一二三四五六七八九十]{2,4}\s?年|本件与原本核对无异|[（(]院印[）)]")


def _judge_name(segment: str) -> str:
    """Collapse a letter-spaced name (张 芹 芳) or take the first token (周博 林果妹 → 周博)."""
    cut = _SIGN_DATE.search(segment)
    segment = _LEADING_NOTE.sub("", segment[:cut.start()] if cut else segment).lstrip()
    tokens = segment.split("\n", 1)[0].split()
    if not tokens:
        return ""
    if all(len(t) == 1 for t in tokens[:4]):
        return "".join(tokens[:4])
    return tokens[0]


def find_judges(text: str, sections: dict[str, str]) -> list[dict]:
    """[{name, role}] from the signature block; names may be letter-spaced."""
    block = sections.get("signature", "")
    marks = list(_JUDGE.finditer(block))
    judges = []
    for m, nxt in zip(marks, marks[1:] + [None]):
        name = _judge_name(block[m.end():nxt.start() if nxt else len(block)])
        if name:
            judges.append({"name": name, "role": m.group("role").replace(" ", "")})
    return judges
