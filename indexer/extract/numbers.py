"""Numbers as judgments write them: Chinese numerals, amounts in yuan, terms in months.

Small pure functions over cn2an; every extractor part that reads an amount or a
duration goes through these.
"""
from __future__ import annotations

import re

import cn2an

CN_DIGITS = "〇零一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟萬点"
NUMBER = rf"(?:\d[\d,，]*(?:\.\d+)?|[{CN_DIGITS}]+)"
# An amount with its unit: 人民币1元, 二万元, 20000元, 130,000.00元, 1.5万元, 5000余元.
AMOUNT_RE = re.compile(rf"(?P<num>{NUMBER})\s*(?P<mult>[万亿]?)\s*(?:余|多)?\s*元")
DURATION_RE = re.compile(rf"(?P<num>{NUMBER})\s*(?P<unit>年|个月|月)")

_FULLWIDTH = str.maketrans("０１２３４５６７８９．，", "0123456789.,")


def to_number(text: str) -> float | None:
    """Parse '20000', '130,000.00', '二万', '1.5万', '二〇一八' into a number; None if it is not one."""
    text = text.translate(_FULLWIDTH).replace(",", "").replace("，", "").strip()
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        pass
    try:
        return float(cn2an.cn2an(text.replace("两", "二"), "smart"))
    except (ValueError, KeyError, IndexError, TypeError):
        return _digit_string(text)


def _digit_string(text: str) -> float | None:
    """'二〇一八' read digit by digit (years are written so)."""
    digits = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
    if all(ch in digits for ch in text):
        return float("".join(str(digits[ch]) for ch in text))
    return None


def to_int(text: str) -> int | None:
    value = to_number(text)
    return int(value) if value is not None else None


def amount_yuan(text: str) -> float | None:
    """The first amount in yuan in `text`: '人民币二万元' → 20000.0."""
    match = AMOUNT_RE.search(text.translate(_FULLWIDTH))
    return amount_from_match(match) if match else None


def amount_from_match(match: re.Match) -> float | None:
    value = to_number(match.group("num"))
    if value is None:
        return None
    multiplier = {"万": 10_000, "亿": 100_000_000}.get(match.group("mult") or "", 1)
    return round(value * multiplier, 2)


def all_amounts_yuan(text: str) -> list[tuple[float, int, int]]:
    """Every amount in yuan in `text` with its span: [(20000.0, start, end), ...]."""
    out = []
    for match in AMOUNT_RE.finditer(text.translate(_FULLWIDTH)):
        value = amount_from_match(match)
        if value is not None:
            out.append((value, match.start(), match.end()))
    return out


def months(text: str) -> int | None:
    """A term as months: '有期徒刑二年六个月' → 30, '拘役四个月' → 4, '一年' → 12."""
    total, found = 0, False
    for match in DURATION_RE.finditer(text.translate(_FULLWIDTH)):
        value = to_number(match.group("num"))
        if value is None:
            continue
        found = True
        total += int(value * 12) if match.group("unit") == "年" else int(value)
    return total if found else None
