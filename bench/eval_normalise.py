"""Normalisers that make publisher labels, gold labels and extracted values comparable.

Used by bench/extraction_eval.py; independent of the extractor package, so the measuring stick
does not move with the code it measures. Publisher labels (`meta`) come in several shapes (a string with
items separated by commas or newlines, a list, a list of {tkx, fgmc} dicts); each function here
returns one canonical form.
"""
from __future__ import annotations

import re
from functools import cache

import cn2an

from indexer import reference

_BRACKETS = str.maketrans({"(": "（", ")": "）", "〔": "（", "〕": "）", "[": "（", "]": "）"})
_TITLE_MARKS = re.compile(r"[《》〈〉<>﹤﹥＜＞\s]")
_REVISION = re.compile(r"（[^（）]*(?:修正|修订|年)[^（）]*）$")
_ARTICLE = re.compile(r"第([零〇一二三四五六七八九十百千\d]+)条(之[一二三四五六七八九十])?")
_PROCEDURE_PREFIX = re.compile(r"^(刑事|民事|行政|国家赔偿|赔偿)")
_PROSECUTOR = re.compile(r"(人民检察院|检察院)$")


@cache
def provinces() -> tuple[str, ...]:
    names = {c.province for c in reference.courts_by_code().values() if c.province}
    return tuple(sorted(names, key=len, reverse=True))


def court_name(name: str | None) -> str | None:
    """'江苏省海门市人民法院' and '海门市人民法院' → '海门市人民法院'."""
    if not name:
        return None
    name = re.sub(r"\s", "", name).removeprefix("中华人民共和国")
    for province in provinces():
        if name.startswith(province) and len(name) > len(province) + 2:
            return name[len(province):]
    return name


def meta_court(meta: dict) -> str | None:
    """The court label; SeaEagle records keep an internal code in 审理法院 and the name in 法院名称."""
    for key in ("审理法院", "法院名称", "法院"):
        value = meta.get(key)
        if isinstance(value, str) and value.endswith("法院"):
            return court_name(value)
    return None


def case_type(value: str | None) -> str | None:
    return value.removesuffix("案件") if value else None


def procedure(value: str | None) -> str | None:
    """Publisher or extracted procedure → 一审/二审/审判监督/执行/非诉/执行变更/…"""
    if not value:
        return None
    value = _PROCEDURE_PREFIX.sub("", value)
    if value.startswith("执行") or value == "刑罚与执行变更":
        return "执行变更" if "变更" in value else "执行"
    if value.startswith("非诉"):
        return "非诉"
    return value


def case_number(value: str | None) -> str | None:
    return re.sub(r"\s", "", value).translate(_BRACKETS) if value else None


def items(value) -> list[str]:
    """A label given as a list or as a string with separators → its non-empty items."""
    if not value:
        return []
    if isinstance(value, str):
        value = re.split(r"[,，;；\n]", value)
    return [v.strip() for v in value if isinstance(v, str) and v.strip()]


def party_names(names) -> set[str]:
    """Party names without the prosecuting office (publishers list it for some records only)."""
    return {n for n in names if n and not _PROSECUTOR.search(n)}


def law_name(name: str | None) -> str:
    """'《中华人民共和国民法通则（2009修正）》' → '中华人民共和国民法通则'."""
    name = _TITLE_MARKS.sub("", name or "")
    return _REVISION.sub("", name.translate(_BRACKETS))


def article_key(value) -> str | None:
    """'第一百三十三条之一' / 133 / '133' → '133' or '133之一'."""
    if value is None:
        return None
    if isinstance(value, int):
        return str(value)
    text = str(value).strip()
    if text.isdigit():
        return text
    match = _ARTICLE.search(text)
    if not match:
        return None
    number = match.group(1)
    if not number.isdigit():
        number = str(int(cn2an.cn2an(number.replace("〇", "零"), "smart")))
    return f"{number}{match.group(2) or ''}"


def meta_statutes(value) -> set[tuple[str, str]]:
    """法律依据 in any publisher shape → {(law, article)}; every item of an article counted once."""
    pairs: set[tuple[str, str]] = set()
    if isinstance(value, list):
        for entry in value:
            if isinstance(entry, dict):
                _add_articles(pairs, law_name(entry.get("fgmc")), entry.get("tkx") or "")
        return pairs
    law = ""
    for part in re.split(r"[\n;；]", (value or "").replace("：", ":")):
        head, _, rest = part.strip().partition(":")
        if head and not head.startswith("第"):  # a law title, with or without 《》, maybe ':articles'
            law, part = law_name(head), rest
        _add_articles(pairs, law, part)
    return pairs


def _add_articles(pairs: set, law: str, text: str) -> None:
    for match in _ARTICLE.finditer(text):
        key = article_key(match.group(0))
        if law and key:
            pairs.add((law, key))


def extracted_statutes(statutes) -> set[tuple[str, str]]:
    out = set()
    for s in statutes or []:
        key = article_key(s.get("article"))
        if s.get("law") and key:
            out.add((law_name(s["law"]), key))
    return out


def meta_causes(meta: dict, criminal: bool) -> set[str]:
    """案由 items; for criminal records they are charges, mapped to the official names in force."""
    causes = items(meta.get("案由"))
    if criminal:
        return {reference.normalise_charge(c) or c for c in causes}
    return set(causes)


def amount(value) -> float | None:
    return round(float(value), 2) if isinstance(value, (int, float)) else None
