"""Dates of a judgment: the decision date (signature block) and {filed, heard} from the history.

The decision date is the date printed in the signature block, next to the judges' names or the
clerk (二〇一八年十月十二日; Arabic digits accepted there too). Without such context the last
Chinese-numeral date before any appended statute text is taken. `filed` is the day the case
reached this court (本院…立案/受理, …向本院提起公诉/起诉/申请, 受理时间：…), `heard` the first
hearing day (…开庭); each None when the text does not state it.
"""
from __future__ import annotations

import re

from .chinese_dates import FoundDate, all_dates

_NAME = r"[^\s，。；,;：:、]{0,6}"
_BEFORE_SIGNATURE = re.compile(rf"(?:审\s*判\s*[长员]|陪\s*审\s*员|执\s*行\s*员|裁判日期){_NAME}\s*{_NAME}\s*$")
_AFTER_SIGNATURE = re.compile(r"\s*(?:[(（]\s*院印\s*[)）])?\s*(?:本件与原本核对无异|.{0,4}书\s*记\s*员|法\s*官\s*助\s*理)")
_APPENDIX_RE = re.compile(r"附\s*[:：]?\s*(?:本案|本判决|本裁定)?(?:适用|相关|所引用|引用|所依据)?的?(?:相关)?法律")
# A filing date: "向本院提起公诉/起诉/申请", "起诉到本院", "…起诉书，向本院提起公诉" (no other date
# between), "申请本院", "，本院收到"; or "本院于…立案/受理"; or "受理时间：…".
_FILED_AFTER = re.compile(
    r"[，,]?[^，。；,;\d]{0,10}?[向到至](?:本院|我院)(?:提起|提出(?!撤)|申请(?!撤)|起诉|递交)"
    r"|[^，。；,;\d]{0,4}?(?:起?诉(?:到|至)?(?:本院|我院|来院)|申请本院)"
    r"|(?:(?!\d{4}\s*年)[^。；;]){0,60}?提起公诉"
    r"|[，,]\s*本院收到"
)
_COURT_ACCEPTED_AFTER = re.compile(r"[^，。；,;\d]{0,6}?(?:立案|受理)(?!侦)")
_COURT_ACCEPTED_BEFORE = re.compile(r"(?:本院|本案)[^，。；,;]{0,4}$")
_FILED_LABEL_BEFORE = re.compile(r"(?:立案|受理|收案)(?:时间|日期)[:：]?\s*$")
# The hearing day: "于…公开开庭", "…，本院公开开庭"; not a filing day followed by "…，公开开庭审理".
_HEARD_AFTER = re.compile(r"(?:(?!立案|受理|诉|申请|提起)[^。；;]){0,30}?开庭")


def _in_signature(text: str, d: FoundDate) -> bool:
    return bool(_BEFORE_SIGNATURE.search(text, max(0, d.start - 20), d.start)
                or _AFTER_SIGNATURE.match(text, d.end))


def decision_date(text: str, found: list[FoundDate]) -> str | None:
    for d in reversed(found):
        if _in_signature(text, d):
            return d.iso
    appendix = _APPENDIX_RE.search(text)
    limit = appendix.start() if appendix else len(text)
    return next((d.iso for d in reversed(found) if d.chinese and d.start < limit), None)


def _filed(text: str, d: FoundDate) -> bool:
    before = text[max(0, d.start - 12): d.start]
    return bool(
        _FILED_AFTER.match(text, d.end)
        or (_COURT_ACCEPTED_AFTER.match(text, d.end) and _COURT_ACCEPTED_BEFORE.search(before))
        or _FILED_LABEL_BEFORE.search(before)
    )


def _heard(text: str, d: FoundDate) -> bool:
    return bool(_HEARD_AFTER.match(text, d.end))


def find_dates(text: str, sections: dict | None = None) -> tuple[str | None, dict]:
    """(ISO decision date or None, {"filed": ISO|None, "heard": ISO|None})."""
    found = all_dates(text)
    return decision_date(text, found), {
        "filed": next((d.iso for d in found if _filed(text, d)), None),
        "heard": next((d.iso for d in found if _heard(text, d)), None),
    }
