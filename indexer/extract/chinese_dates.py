"""Dates as judgments print them: 二〇一八年十月十二日 (signature) and 2018年10月12日 (body).

Tolerates the zero written 〇/零/○/Ｏ/O/0, 一十六 for 十六, 曰 typed for 日 or no 日, spaces between the
parts and full-width digits. `all_dates(text)` lists every real date with its span.
"""
from __future__ import annotations

import re
from typing import NamedTuple
from datetime import date

import cn2an

_ZEROS = "〇零○ＯOo0０"
_CN_YEAR_DIGITS = {**{z: 0 for z in _ZEROS}, **{d: i for i, d in enumerate("一二三四五六七八九", 1)}}
_CN_SMALL = {cn2an.an2cn(i): i for i in range(1, 32)}
_CN_SMALL["元"] = 1  # 元月 = January
_YEAR_CHARS = f"[{_ZEROS}一二三四五六七八九]"

CN_DATE_RE = re.compile(
    rf"[一二]\s*{_YEAR_CHARS}\s*{_YEAR_CHARS}\s*{_YEAR_CHARS}\s*年\s*(?P<m>[元一二三四五六七八九十]{{1,3}})\s*月"
    r"\s*(?P<d>[一二三四五六七八九十]{1,3})(?:\s*[日曰号])?"  # 日 sometimes mistyped or lost
)
# \d also matches full-width digits; int() reads them.
ARABIC_DATE_RE = re.compile(r"(?P<y>(?:19|20|１９|２０)\d\d)\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号]")


class FoundDate(NamedTuple):
    iso: str
    start: int
    end: int
    chinese: bool


def _cn_small(s: str) -> int | None:
    """Month or day numeral; tolerates the spelled-out tens of 一十六 (typed for 十六)."""
    return _CN_SMALL.get(s.removeprefix("一") if s.startswith("一十") else s)


def _cn_year(s: str) -> int | None:
    digits = [_CN_YEAR_DIGITS.get(ch) for ch in s if not ch.isspace()]
    return None if None in digits else int("".join(map(str, digits)))


def _iso(year: int | None, month: int | None, day: int | None) -> str | None:
    if not (year and month and day):
        return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def all_dates(text: str) -> list[FoundDate]:
    """Every valid date in `text`, Chinese-numeral and Arabic, in text order."""
    found = []
    for m in CN_DATE_RE.finditer(text):
        iso = _iso(_cn_year(text[m.start(): text.index("年", m.start())]), _cn_small(m["m"]), _cn_small(m["d"]))
        if iso:
            found.append(FoundDate(iso, m.start(), m.end(), True))
    for m in ARABIC_DATE_RE.finditer(text):
        if iso := _iso(int(m["y"]), int(m["m"]), int(m["d"])):
            found.append(FoundDate(iso, m.start(), m.end(), False))
    return sorted(found, key=lambda d: d.start)
