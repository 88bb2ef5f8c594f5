"""Sentencing circumstances the court accepts, per defendant: [{defendant, kind}].

Read sentence by sentence from the reasoning. A mention does not count when it is negated in its
clause (不构成自首, 不能认定为从犯, 未取得谅解) or when it is a party's proposal (辩护人提出…系从犯的
意见) that the court then rejects (不予采纳, 不能成立, 并非自首…). Mentions inside 《》 or quotation
marks (titles of interpretations, quoted statutes) are ignored. 主动投案 counts as 自首 and 如实供述
as 坦白, unless the same sentence rules on 自首 itself (a confession that is part of a 自首 is no
separate 坦白). The defendant is the nearest one named before the mention in the sentence,
else the subject of the sentence before, else every defendant when the sentence speaks of them all
(二被告人均…) or when there is only one.
"""
from __future__ import annotations

import re

from .normalize import gated

# kind → what the court writes; order matters where one contains another (胁从犯 before 从犯).
_KINDS = (
    ("自首", r"自首|(?:主动|自动)投案"),
    ("立功", r"立功"),
    ("累犯", r"累犯"),
    ("胁从犯", r"胁从犯"),
    ("从犯", r"从犯|起(?:次要|辅助)(?:或辅助)?作用"),
    ("主犯", r"主犯|起主要作用"),
    ("未遂", r"未遂|未得逞"),
    ("退赃退赔", r"退赃|退赔|退缴|退还(?:了)?(?:全部)?(?:赃款|赃物|违法所得|所得)|退还给|退出(?:了)?(?:全部)?[^，。；]{0,4}款"
              r"|退出(?:了)?(?:全部)?违法所得|(?<=已)归还|全部归还|退回(?:了)?[^，。；]{0,8}?(?:赃物|赃款|违法所得|财物)"),
    ("赔偿", r"赔偿(?:了)?(?:被害人|被害方|被害单位)?[^，。；]{0,8}?(?:经济)?损失"),
    ("取得谅解", r"谅解"),
    ("认罪认罚", r"认罪认罚"),
    ("初犯", r"初犯"),
    ("偶犯", r"偶犯"),
    ("坦白", r"坦白|如实供述|如实交代|如实供认"),
)
_MENTION = gated("|".join(f"(?P<k{i}>{pattern})" for i, (_, pattern) in enumerate(_KINDS)), "自主立累胁从起未退归全赔谅认初偶坦如")
_NEGATION = re.compile(r"不符合?|不构成|不属于?|不能认定|不应认定|不宜认定|不予认定|不再认定|并非|不是|非$|没有|未(?!成年)|不具有|无$|否认|不分|不区分|责令|应当予以|拒绝|不予")
_PROPOSAL = re.compile(r"提出|辩称|辩护意见|所提|上诉理由|上诉称|请求|建议|抗诉|认为")
_VERDICT = re.compile(
    r"(?P<neg>不予(?:采纳|支持|认定|采信|确认)|不能成立|不成立|不符|不能认定|不构成|并非|不属于?|不应认定|理由不足|依据不足|不足以)"
    r"|(?P<pos>予以(?:采纳|支持|认定|采信|确认)|本院(?:予以)?采纳|应予采纳|可予采纳|可以采纳|意见成立|理由成立|属实)"
)
_QUOTED = re.compile(r"《[^《》]*》|“[^“”]*”|\"[^\"]*\"")
_SENTENCE = re.compile(r"[^。；;]+")
_CLAUSE_START = re.compile(r"[，,：:]")
_ALL = re.compile(r"[二两三四五六七八九十\d]名?被告人|各被告人|上述被告人|被告人均|均系|均具有|均有|均能|均属|均可")


def find_circumstances(reasoning: str, defendants: list[str], property_crime: bool = False) -> list[dict]:
    """Accepted circumstances in order of first mention, one entry per (defendant, kind).

    `property_crime`: compensating the victim's loss (赔偿…经济损失) then counts as 退赃退赔.
    """
    text = _QUOTED.sub(lambda m: "　" * len(m.group()), reasoning)
    names = [n for n in dict.fromkeys(defendants) if n]
    subject = names[:1] if len(names) == 1 else []
    found: dict[tuple, None] = {}
    for sentence in _SENTENCE.finditer(text):
        sentence = sentence.group()
        accepted = []
        for match in _MENTION.finditer(sentence):
            kind = _kind(match, sentence, property_crime)
            named = _named_before(sentence, match.start(), names)
            if named and _shared_later(sentence, match, names):
                subject = [n for n in names if n in sentence]
            elif named:
                subject = named
            elif _ALL.search(sentence, 0, match.start()):
                subject = names
            if kind and _accepted(sentence, match):
                accepted += [(name, kind) for name in subject or [None]]
        surrendered = {name for name, kind in accepted if kind == "自首"}
        found.update((item, None) for item in accepted if not (item[1] == "坦白" and item[0] in surrendered))
    return [{"defendant": name, "kind": kind} for name, kind in found]


_SHARED_LATER = re.compile(r"对(?:[二两三四五六七八九十]名?|上述|以上|该|各)被告人")


def _shared_later(sentence: str, match: re.Match, names: list[str]) -> bool:
    """A mention whose clause names no one, in a sentence about several defendants that closes on
    all of them (刘宗美具有自首情节，江佳佳具有坦白情节，积极退缴违法所得，对二被告人予以从轻处罚)."""
    start = max((m.end() for m in _CLAUSE_START.finditer(sentence, 0, match.start())), default=0)
    if any(n in sentence[start: match.start()] for n in names):
        return False
    return sum(n in sentence for n in names) >= 2 and bool(_SHARED_LATER.search(sentence, match.end()))


def _kind(match: re.Match, sentence: str, property_crime: bool) -> str | None:
    """The kind a mention stands for; None when it does not count on its own here."""
    kind = _KINDS[int(match.lastgroup[1:])][0]
    if kind == "赔偿":
        return "退赃退赔" if property_crime else None
    if kind == "自首" and match.group() != "自首" and "自首" in sentence:
        return None  # 主动投案 counts as 自首 only where the court does not rule on 自首 itself
    return kind


def _accepted(sentence: str, match: re.Match) -> bool:
    clause_start = max((m.end() for m in _CLAUSE_START.finditer(sentence, 0, match.start())), default=0)
    before = sentence[max(clause_start, match.start() - 8): match.start()]
    if _NEGATION.search(before):
        return False
    clause_end = _CLAUSE_START.search(sentence, match.end())
    clause = sentence[clause_start: clause_end.start() if clause_end else len(sentence)]
    if not _PROPOSAL.search(clause):
        return True
    verdict = _VERDICT.search(sentence, match.end())
    return verdict is not None and verdict.group("pos") is not None


def _named_before(sentence: str, at: int, names: list[str]) -> list[str]:
    """The defendant(s) named last before `at`, with those joined to it by 、和及与 (A、B均系从犯)."""
    last = max(((sentence.rfind(n, 0, at), n) for n in names), default=(-1, None))
    if last[0] < 0:
        return []
    group, start = [last[1]], last[0]
    while True:
        joined = [(start - len(n) - 1, n) for n in names if n not in group and sentence.endswith(n, 0, start - 1)
                  and sentence[start - 1] in "、和及与"]
        if not joined:
            return group[::-1]
        start, name = max(joined)
        group.append(name)
