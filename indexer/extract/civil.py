"""Civil and administrative fields: 案由, claims, remedies, court fees and the outcome.

案由 come from the title, else from 案由 statements, else from `…一案` phrases, normalised to the
official lists in indexer.reference (the longest official name contained in the phrase wins).
Remedies and the outcome are read from the operative part (remedies.py), fees from its 受理费 sentence.
"""
from __future__ import annotations

import re
from functools import cache

from ..reference import admin_cause_names, civil_cause_names
from .normalize import gated
from .numbers import AMOUNT_RE, all_amounts_yuan
from .remedies import ROLE_WORDS, Remedy, find_remedies, read_clause, split_names, strip_parens

# Wording seen in titles that is not the official name (older editions, synonyms).
_CAUSE_WORDING = (
    ("侵犯", "侵害"), ("商标侵权", "侵害商标权"), ("著作权侵权", "侵害著作权"), ("商标专用权", "商标权"),
    ("居间服务合同", "居间合同"), ("劳动争议纠纷", "劳动争议"), ("网络侵权纠纷", "网络侵权责任纠纷"),
    ("道路交通事故人身损害赔偿纠纷", "机动车交通事故责任纠纷"), ("交通事故损害赔偿纠纷", "机动车交通事故责任纠纷"),
    ("交通事故人身损害赔偿纠纷", "机动车交通事故责任纠纷"),
)
# Administrative phrases that name no official 案由 fall back to the second-level class they belong to.
_ADMIN_CLASSES = (
    ("信息公开", "政府信息公开"), ("登记", "行政登记"), ("许可", "行政许可"), ("处罚", "行政处罚"),
    ("复议", "行政复议"), ("社会抚养费", "行政征缴"), ("征收", "行政征收或者征用"),
    ("强制拆除", "行政强制执行"), ("强制清除", "行政强制执行"), ("强制", "行政强制措施"), ("赔偿", "行政赔偿"),
    ("补偿", "行政补偿"), ("协议", "行政协议"), ("确认", "行政确认"), ("给付", "行政给付"),
)
_FORMER_EXPROPRIATION = re.compile(r"行政征[收用](?!或者)")
_CAUSE_END = re.compile(r"纠纷|争议|之诉")
_JOINER = "及与、和"
_CRIMINAL = re.compile(r"刑事(?:附带民事)?(?:判决|裁定|调解)书|[）)]\S{0,8}?刑[初终再监申]")
_ADMIN = re.compile(r"行政(?:判决|裁定|调解|赔偿)书|[）)]\S{0,8}?行(?:政)?[初终再监申审]")
_STATED = re.compile(r"案由(?:为|是|系|：|:)\s*([^，。；,\s]{2,40})")
_CASE_PHRASE = re.compile(r"([^。；\n]{2,160}?)一案")
_OPERATIVE = re.compile(r"(?:判决|裁定|调解)如下|达成(?:如下|以下)?(?:调解)?协议")
_OPERATIVE_END = re.compile(r"如不服本|本(?:判决|裁定)书?为终审|审 ?判 ?长|审 ?判 ?员|代理审判员|人民陪审员|执 ?行 ?员")
_ORDERED = re.compile(r"(?:判决|裁定)如下|调解协议|达成(?:如下|以下)?协议")
_CLAIM_START = gated(
    r"变更(?:后的)?诉讼请求为[：:]"
    r"|(?<!证明其)(?<!支持其)(?<![讼诉])(?:诉讼请求|上诉请求|诉请判令|请求判令|请求法院(?:依法)?判[令决]|要求判令|请求)(?:如下|为)?[：:]"
    r"|(?:诉请判令|请求判令|要求判令|要求|请求)(?=被告|被上诉人|判令|撤销|依法)",
    "变诉上请要",
)
_CLAIM_END = re.compile(r"事实(?:和|与|及)理由|\S{0,20}?辩称|。(?!\d)|\n(?![一二三四五六七八九十\d]+[、.．])")
_CLAIM_ITEM = re.compile(r"(?:^|(?<=[：:；;。，\s]))(?:[一二三四五六七八九十]+、|\d+[、.．](?!\d)|[（(]\d+[）)])")
_COST_CLAIM = re.compile(r"诉讼费|受理费")
_PARTY_LINE = re.compile(rf"(?:^|(?<=[\s。；]))({'|'.join(ROLE_WORDS)})(?:[（(][^）)]{{0,20}}[）)])?[：:]?([^，,。；：:（(\s]{{2,40}})")
_CAUSE_ROOTS = frozenset({"行政行为"})


@cache
def _names(admin: bool) -> frozenset[str]:
    if admin:
        return frozenset(n for n in admin_cause_names() if "××" not in n) - _CAUSE_ROOTS
    return frozenset(n for n in civil_cause_names() if not n.startswith("("))


def _longest_ending_at(phrase: str, end: int, names: frozenset[str], suffix: str = "") -> int | None:
    """Start of the longest official name equal to phrase[start:end] + suffix."""
    for start in range(max(0, end - 40), end - 1):
        if phrase[start:end] + suffix in names:
            return start
    return None


def civil_causes_in(phrase: str) -> list[str]:
    """Official civil 案由 named in a phrase, the longest per `纠纷` ending; `X及Y纠纷` gives both."""
    for old, new in _CAUSE_WORDING:
        phrase = phrase.replace(old, new)
    names, found = _names(False), []
    for m in _CAUSE_END.finditer(phrase):
        start = _longest_ending_at(phrase, m.end(), names)
        if start is None:
            continue
        group = [phrase[start:m.end()]]
        while start > 0 and phrase[start - 1] in _JOINER:
            prev = _longest_ending_at(phrase, start - 1, names, m.group())
            if prev is None:
                break
            group.insert(0, phrase[prev:start - 1] + m.group())
            start = prev
        found += group
    return list(dict.fromkeys(found))


def admin_causes_in(phrase: str, described: bool = False) -> list[str]:
    """Official administrative 案由 in a phrase (longest first), else the class its wording names.

    The class fallback needs the phrase to speak of administration (行政/管理), unless it is the
    description of the case itself (`described`: the words before 一案, 强制清除行为及赔偿一案).
    """
    phrase = phrase.replace("信息公开", "政府信息公开").replace("政府政府", "政府")
    phrase = _FORMER_EXPROPRIATION.sub("行政征收或者征用", phrase)  # the pre-2021 name
    found: list[str] = []
    for name in _admin_names_longest_first():
        if name in phrase and not any(name in f for f in found):
            found.append(name)
    if not found and (described or re.search(r"行政|管理", phrase)):
        acts = phrase.replace("强制执行", "")  # 申请强制执行 is the enforcement request, not the act
        found = [cls for word, cls in _ADMIN_CLASSES if word in acts][:1]
    return sorted(found, key=phrase.find)


@cache
def _admin_names_longest_first() -> tuple[str, ...]:
    return tuple(sorted(_names(True), key=len, reverse=True))


def find_causes(text: str, sections: dict, title: str | None) -> list[str]:
    head = (title or "") + text[:300]
    if _CRIMINAL.search(head) and "附带民事" not in (title or ""):
        return []
    admin = bool(_ADMIN.search(head))
    read = admin_causes_in if admin else civil_causes_in
    stated = [s if read(s) else s + "纠纷" for s in _STATED.findall(text[:4000])]
    history = sections.get("procedural_history") or text[:3000]
    described = case_phrases(history)
    phrases = [title or ""] + stated + described + ([] if admin else [history])
    for phrase in phrases:
        found = admin_causes_in(phrase, phrase in described) if admin else read(phrase)
        if found:
            return found
    return []


def case_phrases(text: str) -> list[str]:
    """`_CASE_PHRASE.findall(text)`, with each search started at most 160 characters before the next
    一案: no match can start earlier, and scanning every position of a long history is slow."""
    out, pos = [], 0
    while (at := text.find("一案", pos + 2)) >= 0:
        match = _CASE_PHRASE.search(text, max(pos, at - 160))
        if not match:
            break
        out.append(match.group(1))
        pos = match.end()
    return out


def operative_text(text: str, sections: dict) -> str:
    """The operative part with its costs sentence; own fallback when sections lack it."""
    if sections.get("operative"):
        return sections["operative"] + "\n" + sections.get("costs", "")
    starts = list(_OPERATIVE.finditer(text))
    if not starts:
        return ""
    end = _OPERATIVE_END.search(text, starts[-1].end())
    return text[starts[-1].start(): end.start() if end else len(text)]


def fallback_parties(text: str, sections: dict) -> list[dict]:
    """Names after role labels in the party block, for when parties.find_parties found none."""
    block = sections.get("parties") or text[:1500]
    return [{"name": m.group(2), "role": m.group(1)} for m in _PARTY_LINE.finditer(block)]


def court_fees(operative: str, parties: list[dict]) -> dict | None:
    """{amount_yuan, borne_by} of the 受理费 actually charged (减半收取 → the halved amount)."""
    sentences = [s for s in re.split(r"。|\n", strip_parens(operative)) if s.strip()]
    fee_at = [i for i, s in enumerate(sentences) if re.search(r"受理费|诉讼费|申请执行费", s) and not re.search(r"上诉案件受理费|预交上诉", s)]
    if not fee_at:
        return None
    later = [i for i in fee_at if re.match(r"\s*(?:二审|再审)", sentences[i])]
    i = (later or fee_at)[0]
    sentence = sentences[i]
    if i + 1 < len(sentences) and sentences[i + 1].startswith("由"):
        sentence += "，" + sentences[i + 1]
    fee = re.search(r"(?:受理费|诉讼费|申请执行费)[^，；]*", sentence)
    halved = re.search(r"减半(?:收取)?(?:为|计)?", sentence)
    amounts = all_amounts_yuan(sentence[halved.end():] if halved else fee.group())
    if not amounts:
        amounts = all_amounts_yuan(sentence)
    paid = re.split(r"此款|已由|垫付|直接|于本判决|限于|并于", sentence)[0]
    borne: list[str] = []
    for m in re.finditer(r"([^，,；。]+?)(?:共同|自愿|各自)?(?:负担|承担)(?!连带)", paid):
        chunk = re.split(rf"由|{AMOUNT_RE.pattern}", m.group(1))[-1]
        if not re.search(r"受理费|诉讼费|费", chunk):
            borne += split_names(chunk, parties)
    return {"amount_yuan": amounts[0][0] if amounts else None, "borne_by": list(dict.fromkeys(borne))}


_OUTCOMES = tuple((re.compile(pattern), outcome) for pattern, outcome in (
    (r"撤诉|撤回(?:起诉|上诉|再审申请|申请)|按\S{0,30}?撤回\S{0,4}处理", "撤诉"),
    (r"发回\S{0,30}?重审", "发回重审"),
    (r"撤销\S{0,40}?(?:判决|裁定)|变更\S{0,40}?(?:判决|裁定)", "改判"),
    (r"驳回上诉，?维持原|维持原(?:判|裁定|判决)", "维持原判"),
    (r"驳回\S{0,60}?再审申请", "驳回再审申请"),
    (r"驳回\S{0,60}?起诉", "驳回起诉"),
    (r"调解协议|达成(?:如下|以下)?协议", "调解"),
    (r"准予(?:强制)?执行", "准予执行"),
    (r"终结\S{0,40}?执行", "终结执行"),
))
# The outcome values: 支持 / 部分支持 / 驳回 (first instance, from the remedies) and the above.
OUTCOMES = ("支持", "部分支持", "驳回") + tuple(o for _, o in _OUTCOMES)


def find_outcome(operative: str, remedies: list[Remedy], criminal: bool) -> str | None:
    for pattern, outcome in _OUTCOMES:
        if pattern.search(operative):
            return outcome
    if criminal:
        return None
    granted = [r for r in remedies if r.type != "驳回诉讼请求"]
    if granted:
        return "部分支持" if len(granted) < len(remedies) else "支持"
    return "驳回" if remedies else None


def claim_texts(text: str, sections: dict) -> list[str]:
    """The 诉讼请求 as separate items (split on 一、/1./；)."""
    where = sections.get("procedural_history", "") + "\n" + sections["claims"] if sections.get("claims") else text
    starts = list(_CLAIM_START.finditer(where))
    start = next((m for m in starts if m.group().startswith("变更")), starts[0] if starts else None)
    if not start:
        return []
    body = where[start.end():].lstrip("\n")
    end = _CLAIM_END.search(body)
    body = body[: end.start()] if end else body[:600]
    items = [i.strip(" ；;，,。\n") for i in re.split(r"\n|；|;", _CLAIM_ITEM.sub("\n", body))]
    return [i for i in items if len(i) > 1]


_MONEY = frozenset({"赔偿损失", "支付", "返还", "精神损害抚慰金"})
_SAME_HEAD = {"药费": "疗费", "陪护费": "护理费", "护费": "理费"}
_OWN_COSTS = re.compile(r"[，,]?(?:并|由被告|被告)?(?:承担|负担)[^，,；。]*(?:诉讼费|受理费)[^，,；。]*")


def _heads(noun: str) -> set[str]:
    """The head words of a noun phrase ('医疗费、护理费共计' → {疗费, 理费})."""
    noun = re.sub(r"(?:共计|合计|总计|等|各项|人民币|计)+$", "", noun)
    heads = {item.strip()[-2:] for item in re.split(r"[、及和]", noun) if len(item.strip()) >= 2}
    return {_SAME_HEAD.get(h, h) for h in heads}


def _answers(part: Remedy, ordered: Remedy) -> bool:
    if part.type not in _MONEY or ordered.type not in _MONEY:
        return part.type == ordered.type
    mine, theirs = _heads(part.noun), _heads(ordered.noun)
    return not mine or not theirs or bool(mine & theirs)


def claim_outcome(claim: str, remedies: list[Remedy], outcome: str | None) -> str | None:
    """支持 / 部分支持 / 驳回 for one claim, by the remedies ordered of its type and head noun."""
    if outcome in ("驳回", "维持原判", "驳回起诉", "驳回再审申请"):
        return "驳回"
    claim = _OWN_COSTS.sub("", claim)
    if outcome not in ("支持", "部分支持") or not claim or _COST_CLAIM.search(claim):
        return None
    asked = read_clause("判令" + re.sub(r"^(?:请求|要求)?(?:判令|判决|依法)*", "", claim), [])
    results = []
    for part in (a for a in asked if a.type != "驳回诉讼请求"):
        same = [r for r in remedies if _answers(part, r)]
        given = sum(r.amount_yuan or 0 for r in same)
        if not same:
            results.append("驳回")
        elif part.amount_yuan is None or any(r.amount_yuan is None for r in same) or given >= part.amount_yuan:
            results.append("支持")
        else:
            results.append("部分支持")
    if not results:
        return None
    return results[0] if len(set(results)) == 1 else "部分支持"


_UPHELD = re.compile(r"维持[^。；;，]{0,60}?判决(第[一二三四五六七八九十、第]+项)")
_RECITED = re.compile(r"判决[：:]|判决如下[：:]")
_ITEM = re.compile(r"(?:^|(?<=[。；;：:\s]))([一二三四五六七八九十]+)、")


def upheld_items(text: str, operative: str) -> str:
    """Items of the recited first-instance judgment that a second-instance judgment upholds (维持…第二项)."""
    kept = _UPHELD.search(operative)
    at = text.find(operative[:40]) if kept else -1
    recited = list(_RECITED.finditer(text, 0, at)) if at > 0 else []
    if not recited:
        return ""
    body = text[recited[-1].end(): text.find("\n", recited[-1].end())]
    items = {m.group(1): m.end() for m in _ITEM.finditer(body)}
    bounds = sorted(items.values()) + [len(body)]
    wanted = re.findall(r"[一二三四五六七八九十]+", kept.group(1))
    return "\n".join(body[items[n]: next(b for b in bounds if b > items[n])] for n in wanted if n in items)


def extract_civil(text: str, sections: dict, title: str | None, parties: list[dict]) -> dict:
    criminal = bool(_CRIMINAL.search((title or "") + text[:300]))
    parties = parties or ([] if criminal else fallback_parties(text, sections))
    operative = operative_text(text, sections)
    if criminal and "附带民事" not in operative:
        operative = ""  # a criminal operative part orders no civil remedy and charges no 受理费
    ordered = find_remedies(upheld_items(text, operative) + "\n" + operative, parties) if _ORDERED.search(operative) else []
    remedies = [r for r in ordered if r.type != "驳回诉讼请求"]
    outcome = find_outcome(operative_text(text, sections) if criminal else operative, ordered, criminal)
    claims = [] if criminal else [
        {"text": c, "outcome": claim_outcome(c, remedies, outcome)} for c in claim_texts(text, sections)
    ]
    return {
        "causes": find_causes(text, sections, title),
        "claims": claims,
        "remedies": [r.to_dict() for r in remedies],
        "court_fees": court_fees(operative, parties) if operative else None,
        "outcome": outcome,
    }
