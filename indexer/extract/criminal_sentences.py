"""Sentences per defendant from an operative part: 被告人X犯Y罪，判处有期徒刑三年，缓刑四年，并处罚金人民币五千元。

Shape (docs/design.md): {defendant, charges, penalty, months, probation_months, fine_yuan,
confiscation, political_rights_months, combined}. Choices:
- a death sentence with reprieve (死刑，缓期二年执行) is penalty 死刑, probation_months 24 and the
  extra key reprieve: true;
- 剥夺政治权利终身 is political_rights_months LIFE (9999, longer than any term);
- a fine alone (单处罚金 / 判处罚金…) is penalty 罚金;
- confiscation is the amount in yuan (没收财产人民币五万元) or the words (全部财产, 部分财产);
- with 数罪并罚 (决定执行…) the executed sentence is the principal one, combined is true, and the
  per-charge sentences are kept under the extra key per_charge.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from .criminal_charges import charge_at
from .numbers import amount_yuan
from .numbers import months as _months

LIFE = 9999

_NAME = r"[^\s，。；;：:、“”]{1,30}"
# Who a clause is about: 被告人张三 / 上诉人（原审被告人）张三 / 二、李四 / 被告单位某公司.
_LABEL = re.compile(r"上诉人|原审被告人|原审被告单位|被告人|被告单位|罪犯|被申诉人|申诉人")
_NAMES = re.compile(rf"{_NAME}(?:、{_NAME})*")
_NOT_A_NAME = re.compile(r"判|处|罪|执行|撤销|维持|刑|本院|法院|[0-9]")
# 与前罪… / 连同前判… / 与之前犯…罪没有执行的刑罚: an earlier sentence joined for 数罪并罚, not a new one.
_EARLIER = re.compile(r"^(?:与|连同|和)|之前|前罪|前判|原判|原犯|尚未|没有执行|未执行")
_CONVICTED = re.compile(r"犯(?=[^，。；;]{2,42}?罪)")
_ACQUITTED = re.compile(rf"(?:{_LABEL.pattern})(?P<name>{_NAME}?)无罪")
# Where the sentence for one charge ends and the next thing begins.
_CLAUSE_END = re.compile(r"[。；;](?!并处|罚金)|，犯|决定|连同|数罪并罚|两罪并罚|[二三四五六七八九]罪并罚|与(?=[^，。；]{0,60}并罚)")
_COMBINED = re.compile(r"(?:决定|合并)执行")
_SENTENCE_END = re.compile(r"[。；;](?!并处|罚金)|[一二三四五六七八九十]+、")
_ITEM = re.compile(r"(?:^|(?<=[。；;\s]))[一二三四五六七八九十]+、")
_NOT_SENTENCING_ITEM = re.compile(r"撤销|维持|驳回")
_SUBJECT_START = re.compile(r"[。；;\s]|(?:^|(?<=[。；;\s]))[一二三四五六七八九十\d]+、")
_PARENTHETICAL = re.compile(r"[（(][^（）()]*[）)]")
_PRINCIPAL = re.compile(r"死刑|无期徒刑|有期徒刑|拘役|管制|免予刑事处罚|免除刑事处罚|免于刑事处罚|免刑")
# A term; 六个 at a clause end is a real slip for 六个月.
_TERM = r"[零〇一二三四五六七八九十百两\d]+(?:年(?:[零又]?[一二三四五六七八九十\d]+个?月)?|个月|月|个(?=[；;。，]|$))"
_TERM_AFTER = re.compile(rf"\s*({_TERM})")
_PROBATION = re.compile(rf"缓刑({_TERM})|缓期([一二三\d]+)年执行")
_FINE = re.compile(r"罚金")
_CONFISCATION = re.compile(r"没收(?:个人)?(全部财产|部分财产|财产)")
_POLITICAL = re.compile(rf"剥夺政治权利(终身|{_TERM})")
_NO_PENALTY = {"免予刑事处罚", "免除刑事处罚", "免于刑事处罚", "免刑"}


@dataclass
class Penalty:
    penalty: str | None = None
    months: int | None = None
    probation_months: int | None = None
    fine_yuan: float | None = None
    confiscation: float | str | None = None
    political_rights_months: int | None = None
    reprieve: bool = False


_PENALTY_FIELDS = ("penalty", "months", "probation_months", "fine_yuan", "confiscation", "political_rights_months")


@cache
def months(term: str) -> int | None:
    """Terms repeat across judgments; numbers.months (cn2an) is slow enough to cache."""
    return _months(term)


@dataclass
class Sentence:
    defendant: str
    charges: list[str] = field(default_factory=list)
    executed: Penalty | None = None
    per_charge: list[tuple[str, Penalty]] = field(default_factory=list)

    def to_dict(self) -> dict:
        main = self.executed or (self.per_charge[0][1] if len(self.per_charge) == 1 else _heaviest(self.per_charge))
        out = {"defendant": self.defendant, "charges": self.charges, **_penalty_dict(main),
               "combined": self.executed is not None and bool(self.per_charge)}
        if out["combined"]:
            out["per_charge"] = [{"charge": c, **_penalty_dict(p)} for c, p in self.per_charge]
        return out


def find_sentences(operative: str) -> list[dict]:
    """Sentences per defendant in an operative part, in order of first mention."""
    text = _sentencing_text(operative)
    found: dict[str, Sentence] = {}
    current: list[Sentence] = []
    block_end = 0
    for match in _CONVICTED.finditer(text):
        charge, end = charge_at(text, match.end())
        if charge is None:
            continue
        names = _subject(text, match.start())
        if names is None:
            continue
        if names:
            current = [found.setdefault(n, Sentence(n)) for n in names]
        penalty = parse_penalty(text[end: _first(_CLAUSE_END, text, end)])
        if penalty.penalty is None or not current:
            continue
        for sentence in current:
            if charge not in sentence.charges:
                sentence.charges.append(charge)
            sentence.per_charge.append((charge, penalty))
        block_end = max(block_end, end)
        executed = _executed(text, end)
        if executed:
            for sentence in current:
                sentence.executed = executed
    for match in _ACQUITTED.finditer(text):
        found.setdefault(match.group("name"), Sentence(match.group("name"), executed=Penalty("无罪")))
    order = {name: text.find(name) for name in found}
    return [s.to_dict() for s in sorted(found.values(), key=lambda s: order[s.defendant]) if s.per_charge or s.executed]


# A second-instance ruling that upholds (驳回上诉，维持原判) sentences no one itself: the sentence in force is
# the first-instance one, recited before (一审法院判决：被告人X犯Y罪，判处… / 原判…以Y罪判处被告人X…).
_UPHOLDS = re.compile(r"维持原判|维持原(?:审)?(?:刑事)?判决|维持[^。；;，]{0,40}刑初[^。；;，]{0,20}号刑事判决(?![^。；;]{0,6}第)")
_REVISES = re.compile(r"撤销|改判|发回")
_RECITAL = re.compile(r"(?:刑初[^。；;]{0,20}?号刑事判决|原判|原审判决|一审判决|一审法院|原审法院)[^。；;]{0,60}?"
                      r"(?:判决[：:]|判处|(?=以[^，。；;]{2,42}?罪))")
_RECITAL_END = re.compile(r"宣判后|判决(?:宣告|送达)后|[^。；;]{0,30}不服|上诉人[^。；;]{0,20}上诉")
# 以盗窃罪判处被告人张三有期徒刑一年 → 被告人张三犯盗窃罪，判处有期徒刑一年 (the form find_sentences reads).
_CHARGE_FIRST = re.compile(rf"以(?P<charge>[^，。；;]{{2,42}}?罪)(?:分别)?判处(?P<who>(?:{_LABEL.pattern})[^\s，。；;：:、]{{1,6}}?)"
                           rf"(?=死刑|无期徒刑|有期徒刑|拘役|管制|罚金|免予刑事处罚)")


def upheld_sentences(text: str, operative: str) -> list[dict]:
    """The first-instance sentences a ruling upholds, read from their recital; [] when it revises."""
    if not _UPHOLDS.search(operative) or _REVISES.search(operative):
        return []
    at = text.find(operative[:30]) if operative else -1
    before = text[: at if at > 0 else len(text)]
    recitals = list(_RECITAL.finditer(before))
    if not recitals:
        return []
    start = recitals[-1].start()
    end = _RECITAL_END.search(before, recitals[-1].end())
    recital = before[start: end.start() if end else min(len(before), start + 800)]
    return find_sentences(_CHARGE_FIRST.sub(r"\g<who>犯\g<charge>，判处", recital))


def _sentencing_text(operative: str) -> str:
    """The operative without parentheticals (刑期…计算。) and without items that revoke or uphold."""
    text = _PARENTHETICAL.sub("", _PARENTHETICAL.sub("", operative))
    starts = [m.start() for m in _ITEM.finditer(text)] + [len(text)]
    if len(starts) == 1:
        return text
    kept = [text[: starts[0]]]
    for start, end in zip(starts, starts[1:]):
        if not _NOT_SENTENCING_ITEM.match(text, start + text[start:end].index("、") + 1):
            kept.append(text[start:end])
    return "".join(kept)


def _executed(text: str, after: int) -> Penalty | None:
    """The 决定执行 sentence that closes this defendant's convictions, if any."""
    combined = _COMBINED.search(text, after)
    if not combined:
        return None
    between = text[after: combined.start()]
    if _CONVICTED.search(between) and any(_subject(text, after + m.start()) for m in _CONVICTED.finditer(between)):
        return None
    return parse_penalty(text[combined.end(): _first(_SENTENCE_END, text, combined.end())])


def _first(pattern: re.Pattern, text: str, start: int) -> int:
    match = pattern.search(text, start)
    return match.start() if match else len(text)


def parse_penalty(clause: str) -> Penalty:
    """判处有期徒刑一年六个月，缓刑二年，并处罚金人民币五千元 → Penalty."""
    out = Penalty()
    principal = _PRINCIPAL.search(clause)
    if principal:
        word = principal.group()
        out.penalty = "免予刑事处罚" if word in _NO_PENALTY else word
        term = _TERM_AFTER.match(clause, principal.end())
        if term and word in ("有期徒刑", "拘役", "管制"):
            out.months = months(term.group(1) + ("月" if term.group(1).endswith("个") else ""))
    probation = _PROBATION.search(clause)
    if probation:
        out.probation_months = months(probation.group(1)) if probation.group(1) else months(probation.group(2) + "年")
        out.reprieve = probation.group(2) is not None and out.penalty == "死刑"
    fine = _FINE.search(clause)
    if fine:
        out.fine_yuan = amount_yuan(clause[fine.end(): fine.end() + 24])
        out.penalty = out.penalty or "罚金"
    out.confiscation = _confiscation(clause)
    political = _POLITICAL.search(clause)
    if political:
        out.political_rights_months = LIFE if political.group(1) == "终身" else months(political.group(1))
    return out


def _confiscation(clause: str) -> float | str | None:
    match = _CONFISCATION.search(clause)
    if not match:
        return None
    if match.group(1) != "财产":
        return match.group(1)
    return amount_yuan(clause[match.end(): match.end() + 24]) or "财产"


def _subject(text: str, convicted_at: int) -> list[str] | None:
    """The defendants named just before 犯: empty when the clause continues the previous one,
    None when it recalls an earlier sentence."""
    head = text[max(0, convicted_at - 60): convicted_at]
    starts = list(_SUBJECT_START.finditer(head))
    head = head[starts[-1].end():] if starts else head
    clause = head.rsplit("，", 1)[-1]
    if _EARLIER.search(clause):
        return None
    labels = list(_LABEL.finditer(head))
    head = head[labels[-1].end():] if labels else re.sub(r"^(?:对|判决|宣告)", "", head)
    head = re.sub(r"(?:均|分别|各)$", "", head)
    if not head or not _NAMES.fullmatch(head) or (not labels and (len(head) > 12 or _NOT_A_NAME.search(head))):
        return []
    return head.split("、")


def _penalty_dict(penalty: Penalty | None) -> dict:
    penalty = penalty or Penalty()
    out = {name: getattr(penalty, name) for name in _PENALTY_FIELDS}
    return {**out, "reprieve": True} if penalty.reprieve else out


_SEVERITY = ["罚金", "免予刑事处罚", "管制", "拘役", "有期徒刑", "无期徒刑", "死刑"]


def _heaviest(per_charge: list[tuple[str, Penalty]]) -> Penalty | None:
    """Several charges without a 决定执行 clause: report the heaviest one."""
    if not per_charge:
        return None
    return max((p for _, p in per_charge), key=lambda p: (_SEVERITY.index(p.penalty) if p.penalty in _SEVERITY else -1,
                                                          p.months or 0))
