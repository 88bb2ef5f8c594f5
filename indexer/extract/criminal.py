"""Criminal fields: charges, sentences per defendant, sentencing circumstances, amount involved.

Charges and sentences are read from the operative part (被告人X犯Y罪，判处…); when it sentences
no one (驳回上诉，维持原判; 减刑 rulings) the charges come from the court's reasoning (其行为已构成Y罪)
and, failing that, from the rest of the text (因犯Y罪…). Circumstances come from the reasoning and
count only where the court accepts them. Non-criminal documents give empty fields.
"""
from __future__ import annotations

import re

from ..reference import charge_articles
from .criminal_charges import charge_at
from .criminal_circumstances import find_circumstances
from .criminal_sentences import find_sentences, upheld_sentences
from .normalize import gated
from .numbers import all_amounts_yuan

_CRIMINAL = re.compile(r"刑事|公诉机关|被告人|罪犯")
_FOUND_GUILTY = gated(r"(?<![不未否])构成(?=[^，。；;]{2,42}?罪)|(?<=[^指])以(?=[^，。；;]{2,42}?罪(?:定罪|论处|追究|判处))", "构以")
_CHARGED = re.compile(r"犯(?=[^，。；;]{2,42}?罪)")
_REJECTED = re.compile(r"不成立|不能成立|不构成|不予支持|不予认定|不当|有误")
# The amount the court finds: an amount in a clause that names what it is.
_CLAUSE = re.compile(r"[^，,。；;]+")
_MEASURED = re.compile(r"数额|价值|金额|共计|合计|总计|累计|骗取|盗窃|窃取|敲诈|勒索|索取|收受|受贿|贪污|挪用|侵占|非法获利|违法所得|吸收|涉案")
_NOT_INVOLVED = re.compile(r"以上|以下|不满|标准|起点|罚金|罚款|赔偿|退赔|退还|退缴|退赃|谅解|补偿|受理费|保证金|缴纳|上缴|没收|追缴")


def extract_criminal(text: str, sections: dict, parties: list) -> dict:
    """{charges, sentences, circumstances, amount_involved_yuan} of one judgment."""
    if not _is_criminal(text, sections):
        return {"charges": [], "sentences": [], "circumstances": [], "amount_involved_yuan": None}
    operative = sections.get("operative") or ""
    sentences = find_sentences(operative) or upheld_sentences(text, operative)
    charges = _unique(c for s in sentences for c in s["charges"])
    reasoning = sections.get("reasoning") or ""
    if not charges:
        charges = _reasoning_charges(reasoning) or _charges_after(_CHARGED, _before_reasoning(text, sections))
    defendants = [s["defendant"] for s in sentences] or _defendants(parties)
    return {
        "charges": charges,
        "sentences": sentences,
        "circumstances": find_circumstances(reasoning, defendants, any(map(_is_property_crime, charges))),
        "amount_involved_yuan": amount_involved(reasoning) or amount_involved(sections.get("facts") or ""),
    }


def _is_property_crime(charge: str) -> bool:
    """Crimes against property, financial fraud, embezzlement and bribery: 退赃退赔 applies."""
    article = int(charge_articles().get(charge, "0") or 0)
    return 263 <= article <= 276 or 192 <= article <= 200 or 382 <= article <= 396


def _is_criminal(text: str, sections: dict) -> bool:
    head = (sections.get("header") or "") + (sections.get("parties") or "") or text[:400]
    return bool(_CRIMINAL.search(head))


def _reasoning_charges(reasoning: str) -> list[str]:
    """Charges the court finds proven: 其行为已构成Y罪 / 以Y罪定罪处罚 (not 不构成Y罪, 罪名不成立)."""
    return _charges_after(_FOUND_GUILTY, reasoning) or _charges_after(_CHARGED, reasoning)


def _charges_after(trigger: re.Pattern, text: str) -> list[str]:
    """Charges right after `trigger`, with those joined by 、和及; a mere 犯Y罪 counts unless the
    sentence rejects it (罪名不成立)."""
    out = []
    for match in trigger.finditer(text):
        charge, end = charge_at(text, match.end())
        while charge:
            if trigger is _FOUND_GUILTY or not _REJECTED.search(_clause(text, end)):
                out.append(charge)
            if text[end: end + 1] not in ("、", "和", "及"):
                break
            charge, end = charge_at(text, end + 1)
    return _unique(out)


def _clause(text: str, at: int) -> str:
    """The rest of the sentence after `at`, up to the next 。；."""
    end = re.compile(r"[。；;]").search(text, at)
    return text[at: end.start() if end else len(text)]


def _before_reasoning(text: str, sections: dict) -> str:
    """Where earlier judgments are recounted (认定被告人X犯Y罪), e.g. in 减刑 rulings."""
    return "。".join(sections.get(name) or "" for name in ("parties", "procedural_history", "facts")) or text


def _defendants(parties: list) -> list[str]:
    return [p.get("name") for p in parties or [] if p.get("name") and "被告" in (p.get("role") or "")]


def amount_involved(text: str) -> float | None:
    """The largest amount in a clause that says what it measures (数额/价值/骗取/共计…).

    Fines, compensation, restitution, fees and legal thresholds (五十万以上不满二百万元) are not the
    amount involved and are skipped.
    """
    best = None
    for match in _CLAUSE.finditer(text):
        clause = match.group()
        if "元" not in clause or not _MEASURED.search(clause) or _NOT_INVOLVED.search(clause):
            continue
        for value, _, _ in all_amounts_yuan(clause):
            best = value if best is None else max(best, value)
    return best


def _unique(items) -> list:
    return list(dict.fromkeys(items))
