"""What users type for a court or a province, read as the value the index holds.

Lawyers write courts the short way: 海门法院 or just 海门 for 海门市人民法院, 南通中院 for
江苏省南通市中级人民法院, 北京一中院, 江苏高院, 海淀法院; and provinces without their suffix (江苏,
广西, 内蒙古). A court's shorthand keys drop the place suffixes (省, 市, 区, 县, 自治区…) and abbreviate
its tier (人民法院 → 法院, 中级人民法院 → 中院, 高级人民法院 → 高院), starting at each of its places;
a key that fits more than one court (鼓楼法院: 南京, 徐州, 福州, 开封) names them all in a query
and none in a filter, which takes one value.
"""
from __future__ import annotations

import re
from functools import cache

from .extract.court import listed_name
from .reference import courts_by_code, courts_by_name, provinces

_TIER_RE = re.compile(r"(?:第?(?P<nth>[一二三四五六七八九十]+))?(?P<mid>中级人民法院|中级法院|中院)$"
                      r"|(?P<high>高级人民法院|高级法院|高院)$|(?:人民法院|法院)$")
_PLACE_RE = re.compile(r".+?(?:(?:壮族|回族|维吾尔)?自治区|自治州|自治县|自治旗|地区|省|市|县|区|盟|旗)")
_PLACE_MARK_RE = re.compile(r"(?:(?:壮族|回族|维吾尔)?自治区|自治州|自治县|自治旗|地区|省|市|县|区|盟|旗)$")


def _tier(match: re.Match | None) -> str:
    if match is None:
        return "法院"
    if match["mid"]:
        return (match["nth"] or "") + "中院"
    return "高院" if match["high"] else "法院"


def shorthand_keys(name: str) -> list[str]:
    """江苏省南通市中级人民法院 → [江苏南通中院, 南通中院]; 海门 → [海门法院]."""
    tier = _TIER_RE.search(name)
    places = name[: tier.start()] if tier else name
    segments = _PLACE_RE.findall(places)
    rest = places[len("".join(segments)):]
    parts = [_PLACE_MARK_RE.sub("", s) or s for s in segments] + ([rest] if rest else [])
    return ["".join(parts[i:]) + _tier(tier) for i in range(len(parts))] or [_tier(tier)]


@cache
def _courts_by_key() -> dict[str, tuple[str, ...]]:
    """Shorthand key → the short names of the courts it fits."""
    out: dict[str, dict[str, None]] = {}
    for name in map(listed_name, courts_by_code().values()):
        for key in shorthand_keys(name):
            out.setdefault(key, {})[name] = None
    return {key: tuple(names) for key, names in out.items()}


def court_values(value: str) -> list[str]:
    """Every listed court a query value may name: the one it names exactly or after a province, else
    all those its shorthand fits (鼓楼法院: four), else `value` itself."""
    names = courts_by_name()
    for cut in (0, *range(2, 8)):
        if value[cut:] in names:
            return [value[cut:]]
    return list(_courts_by_key().get(shorthand_keys(value)[0], ())) or [value]


def court_value(value: str) -> str:
    """The one listed court a value names (exactly, after a province, or in shorthand), else `value`."""
    found = court_values(value)
    return found[0] if len(found) == 1 else value


def province_value(value: str) -> str:
    """江苏 → 江苏省, 广西 → 广西壮族自治区: the one province the value begins, else `value`."""
    if value in provinces():
        return value
    found = [p for p in provinces() if len(value) >= 2 and p.startswith(value)]
    return found[0] if len(found) == 1 else value
