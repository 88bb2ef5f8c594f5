"""Parties with their agents (from the 当事人 block) and judges (from the signature block)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .numbers import to_number
from .sections import JUDGE_ROLE, PARTY_LABEL, opens_party_paragraph

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
    firm = _LAW_FIRM.search(block, m.end())
    nxt = block.find("。", m.end())
    law_firm = firm.group() if firm and (nxt < 0 or firm.start() < nxt) else None
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
    """[{name, role, kind, agents: [{name, role, law_firm}]}] from the 当事人 section."""
    block = sections.get("parties")
    return [_as_dict(p) for p in parse_parties(block)] if block else []


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
