"""Split a judgment into its named sections (the 2016 文书规范 order, as printed).

Each section starts at a marker phrase found after the previous section's start and runs
to the next section's start, so the pieces stay in document order and are substrings of
the input. Markers are matched on the text itself, never on line breaks: most published
texts lost them. Sections a document lacks are simply absent from the result.
"""
from __future__ import annotations

import re

from .normalize import gated

# Party role labels as printed, longest first so 被上诉人 wins over 上诉人 and 被告人 over 被告.
ROLES = (
    "附带民事诉讼原告人", "附带民事诉讼被告人", "附带民事诉讼原告", "附带民事诉讼被告",
    "申请再审人", "再审申请人", "再审被申请人", "申请执行人", "被申请执行人", "被执行人", "复议申请人",
    "申请复议人", "异议申请人", "原审第三人", "原审原告", "原审被告人", "原审被告", "原审上诉人",
    "原审申请人", "原审被申请人", "原公诉机关", "公诉机关", "抗诉机关", "被上诉人", "上诉人",
    "被申诉人", "申诉人", "被申请人", "申请人", "被告单位", "被告人", "原告人", "自诉人",
    "起诉人", "赔偿请求人", "赔偿义务机关", "第三人", "案外人", "异议人", "利害关系人",
    "罪犯", "原告", "被告",
)
ROLE = "|".join(ROLES)
# A role label opens a party paragraph: at a paragraph/sentence start (or right after the
# case number in texts that lost all spacing), optionally with a parenthesised former role.
PARTY_LABEL = gated(
    rf"(?:^|(?<=[\s。；;号]))(?P<role>{ROLE})(?P<orig>[（(][^）)]{{1,30}}[）)])?(?=[：:\s]?[^\s，,。、与诉的])",
    "".join({role[0] for role in ROLES}), re.M,
)
_CASE_NUMBER = re.compile(
    r"[（(〔\[［]\s*[12]\d{3}\s*[）)〕\]］][^。，\s]{0,20}?[刑民行执赔初终再监申保特督破清撤催辖复核更他]"
    r"[^。，\s]{0,12}?号"
)

_BOUNDARY = "。\n"  # a sentence or paragraph ends here
_PROCEDURE = re.compile(
    r"一案|提起公诉|向本院提[起出]|向本院申请|本院受理后|本院于[^。]{0,20}(?:立案|受理)"
    r"|本院立案后|审理终结|审查终结|开庭审理|组成合议庭|独任审[判理]|提出上诉|申请再审"
)
_DETENTION = re.compile(r"刑事拘留|行政拘留|逮捕|羁押|取保候审|监视居住|刑满释放")
_PROCEDURE_END = re.compile(r"审理终结|审查终结|审理完毕|审查完毕|进行了审[理查]|审理了本案")
_CLAIMS = re.compile(
    r"诉称|诉讼请求[：:]|上诉请求|上诉称|请求[：:]|辩称|答辩称|述称|申请再审称|申诉称|申请称"
    r"|辩护意见|辩护人[^。]{0,20}?(?:提出|认为|辩护)"
)
_FACTS = gated(
    r"(?:经审理|经审查|经|本院|二审|再审|一审法院|原审法院|原审|一审)[^。，：:]{0,8}?查明|经审理认定|经审理，本院认定"
    r"|(?:一审法院|原审法院|一审判决|原审判决|原判决|原判|原审)(?:经审理)?认定(?:事实|的事实|[：:，,])"
    r"|本院认定(?:事实)?如下|本院[^。，]{0,8}认定事实如下|(?:查明|认定|确认)(?:以下|如下)事实"
    r"|(?:公诉机关|检察院|检察分院)[^。，：:]{0,8}指控",
    "经本二再一原查认确公检",
)
_REASONING = re.compile(r"本院(?:经审查)?认为")
_OPERATIVE = re.compile(r"(?:判决|裁定|决定|通知|调解)如下|达成(?:如下|以下)(?:调解)?协议")
_BASIS = re.compile(
    r"(?:依照|依据|根据|按照|适用)(?:[^，。；《]{0,10}《|(?:中华人民共和国|刑法|刑事诉讼法|民法|民事诉讼法"
    r"|行政诉讼法|法律|有关|相关|上述|前述|以上|最高人民法院))"
)
_COSTS = re.compile(
    r"(?:^|(?<=[。；;\s]))(?:[一二三四五六七八九十\d]+[、.．])?[^。，；\s]{0,10}?"
    r"(?:受理费|诉讼费|申请费|执行费|保全费)[^。]{0,200}?(?:负担|承担|交纳|缴纳|免[收交予]|退[还回]|减半)",
    re.M,
)
_APPEAL = gated(
    r"如不服本|如果不服本|不服本(?:判决|裁定|决定)|本(?:判决|裁定|决定|调解)书?为终审"
    r"|(?:^|(?<=[。\s]))本(?:判决|裁定|决定|调解书?|调解协议)书?[^。，]{0,16}?(?:发生|具有)法律效力(?=[。；\s]|$)",
    "如不本",
)
# Signature titles, tolerant of letter-spacing (审　判　长 → "审 判 长" after clean_text).
JUDGE_ROLES = ("代理审判员", "助理审判员", "人民陪审员", "独任审判员", "审判长", "审判员", "陪审员",
               "法官助理", "执行员", "代理书记员", "代书记员", "书记员", "速录员")
JUDGE_ROLE = "|".join(" ?".join(r) for r in JUDGE_ROLES)
_SIGNATURE = re.compile(rf"(?:{JUDGE_ROLE}) ?[：:]? ?[\u4e00-\u9fff*＊×某]")
_CLERK = re.compile(r"(?:代理)?书 ?记 ?员|法 ?官 ?助 ?理|速 ?录 ?员")
_APPENDIX = re.compile(
    r"附[：:]|附录|附件|附[：:]?本(?:案|判决|裁定)[^。\n]{0,6}(?:法律|条文)|本案(?:援引|适用|引用)的?法律"
    r"|相关法律条文|法律条文附录|附(?:相关|有关)?法律"
)

ORDER = ("header", "parties", "procedural_history", "claims", "facts", "reasoning", "legal_basis",
         "operative", "costs", "appeal_notice", "signature", "appendix")


def _sentence_start(text: str, pos: int, floor: int) -> int:
    """Start of the sentence holding `pos`, never before `floor`."""
    cut = max(text.rfind(c, floor, pos) for c in _BOUNDARY)
    return max(cut + 1, floor)


def _sentence_end(text: str, pos: int) -> int:
    ends = [i for i in (text.find(c, pos) for c in _BOUNDARY) if i >= 0]
    return min(ends) + 1 if ends else len(text)


def _head_end(text: str) -> int:
    """End of the case number in the title block, 0 when there is none."""
    number = _CASE_NUMBER.search(text, 0, 400)
    return number.end() if number else 0


_NAME_CHUNK = re.compile(r"[^，,。；;：:（(\s]{0,40}")
_NARRATIVE = re.compile(r"诉|与|因|不服|申请|提起|提出|一案|于\d|认为|依据|作出|向本院|称$")


def opens_party_paragraph(text: str, label: re.Match) -> bool:
    """True when a role label introduces a party (被告人张三，男…), not a sentence (原告张三诉被告…)."""
    chunk = _NAME_CHUNK.match(text, label.end() + (text[label.end():label.end() + 1] in "：:"))
    return not _NARRATIVE.search(chunk.group())


def _party_label(text: str) -> re.Match | None:
    """The role label that opens the 当事人 block (after the case number)."""
    for m in PARTY_LABEL.finditer(text, _head_end(text)):
        if opens_party_paragraph(text, m):
            return m
    return None


def _procedure_span(text: str, pos: int) -> tuple[int, int] | None:
    """(start, end of the closing sentence) of the 审理经过 paragraph after `pos`.

    Sentences about a defendant's detention (因涉嫌盗窃一案于…被刑事拘留) belong to the party block.
    """
    for m in _PROCEDURE.finditer(text, pos):
        start = _sentence_start(text, m.start(), pos)
        if not _DETENTION.search(text, start, _sentence_end(text, m.end())):
            close = _PROCEDURE_END.search(text, m.start(), m.start() + 1500)
            return start, _sentence_end(text, close.end() if close else m.end())
    return None


def _legal_basis_start(text: str, floor: int, operative: int) -> int | None:
    """Start of the 依照《…》之规定 clause in the sentence that introduces the operative part."""
    end = operative
    while end > floor and text[end - 1] in "。，,：: \n":  # 之规定。 判决如下
        end -= 1
    sentence = _sentence_start(text, end, floor)
    m = _BASIS.search(text, sentence, operative)
    return m.start() if m else None


_CLERK_NAME = re.compile(r" ?(?:[\u4e00-\u9fff*＊×]+(?: (?=[\u4e00-\u9fff*＊×](?: |\n|$)))?)+")


def _signature_end(text: str, start: int) -> int:
    """End of the signature: the end of the name after the last clerk title (text may follow)."""
    clerks = list(_CLERK.finditer(text, start, start + 400))
    if not clerks:
        return len(text)
    after = clerks[-1].end()
    if "\n" in text[start:after]:
        line_end = text.find("\n", after)
        return line_end if line_end >= 0 else len(text)
    name = _CLERK_NAME.match(text, after)
    return name.end() if name else after


def _closing_starts(text: str, pos: int) -> list[tuple[str, int]]:
    """Costs, appeal notice, signature and appendix after the operative marker at `pos`."""
    found = []
    sig = _SIGNATURE.search(text, pos)
    tail = sig.start() if sig else len(text)
    appeal = _APPEAL.search(text, pos, tail)
    costs = _COSTS.search(text, pos, appeal.start() if appeal else tail)
    found += [("costs", costs.start())] if costs else []
    found += [("appeal_notice", appeal.start())] if appeal else []
    if sig:
        found.append(("signature", sig.start()))
        appendix = _APPENDIX.search(text, sig.start())
        found += [("appendix", appendix.start())] if appendix else []
    return found


def _opening_starts(text: str) -> tuple[list[tuple[str, int]], int]:
    """Header, parties and procedural history, and where the search for the body goes on."""
    found: list[tuple[str, int]] = [("header", 0)]
    label = _party_label(text)
    proc = _procedure_span(text, _head_end(text))
    if label and proc and label.start() >= proc[0]:
        label = None  # the party block is missing (as in API section dumps); that label is in the body
    if label:
        found.append(("parties", label.start()))
        proc = _procedure_span(text, label.end())
    if not proc:
        return found, label.end() if label else 0
    # Without a party block, whatever follows the case number already tells the history.
    found.append(("procedural_history", proc[0] if label else _head_end(text) or proc[0]))
    return found, proc[1]


def _starts(text: str) -> list[tuple[str, int]]:
    found, pos = _opening_starts(text)
    first_operative = _OPERATIVE.search(text, pos)
    facts = _FACTS.search(text, pos, first_operative.start() if first_operative else len(text))
    claims = _CLAIMS.search(text, pos, facts.start() if facts else len(text))
    if claims:
        pos = _sentence_start(text, claims.start(), pos)
        found.append(("claims", pos))
    if facts:
        pos = _sentence_start(text, facts.start(), pos)
        found.append(("facts", pos))
    last = found[-1][1] + 1
    reasoning = _REASONING.search(text, max(pos, last))
    if reasoning:
        last = _sentence_start(text, reasoning.start(), pos)
        found.append(("reasoning", last))
    operative = _OPERATIVE.search(text, last)
    if operative:
        basis = _legal_basis_start(text, last, operative.start())
        if basis is not None:
            found.append(("legal_basis", basis))
        found.append(("operative", operative.start()))
        found += _closing_starts(text, operative.end())
    return found


def split_sections(text: str) -> dict[str, str]:
    """Named sections of one judgment text (names as in docs/design.md), each a trimmed substring."""
    found = _starts(text)
    # With no judgment structure at all (a news report), only a title block with a case number counts.
    last = len(text) if len(found) > 1 else _head_end(text)
    out: dict[str, str] = {}
    for (name, start), (_, nxt) in zip(found, found[1:] + [("", last)]):
        end = min(nxt, _signature_end(text, start)) if name == "signature" else nxt
        piece = text[start:end].strip(" \n，,")
        if piece:
            out[name] = piece
    return out
