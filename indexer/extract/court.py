"""The deciding court: {name, short_name, code, level, province, city}.

`name` is the court as printed in the heading (江苏省海门市人民法院, without a leading 中华人民共和国);
the other fields come from the court-code table, found by the case number's court code or, when
the number is missing, pre-2016 or carries an unknown code, by matching the heading's court name
against the table (short name, with or without the province prefix). A court missing from the
table (abolished or renamed, e.g. 无锡市北塘区人民法院) keeps its printed name and code-less fields
derived from the code's structure and the name (`code` and `short_name` None).

`level` is 最高/高级/中级/基层/专门 (the table's 专门(中级)/专门(基层) both become 专门).
`city` is the 中院 area: 南通市 for 海门市人民法院 (from the parent court's name), the
municipality itself for courts in 北京/天津/上海/重庆, None for high courts and the SPC.
"""
from __future__ import annotations

import re
from functools import cache

from indexer.reference import Court, courts_by_code, provinces

from .casenumber import find_own_case_number, header_end

MUNICIPALITIES = ("北京市", "天津市", "上海市", "重庆市")
_COURT_RUN_RE = re.compile(r"[\u4e00-\u9fff]+?(?:人民法院|法院)(?:[\u4e00-\u9fff]*?分院)?")
_ALIAS_RE = re.compile(r"（又名(.+?)）")
_HEADING_SPAN = 200


def _clean_name(name: str) -> str:
    return _ALIAS_RE.sub("", name)


def listed_name(court: Court) -> str:
    """The name a listed court is recorded and indexed under: its short name without an alias."""
    return _clean_name(court.short_name)


@cache
def _province_prefix() -> re.Pattern:
    """No province name is a prefix of another, so at most one can match."""
    return re.compile("|".join(map(re.escape, provinces())))


def _strip_province(name: str) -> str:
    m = _province_prefix().match(name)
    return name[m.end():] if m and len(name) > m.end() + 2 else name


@cache
def _name_index() -> dict[str, str]:
    """Every spelling of a court name (short, with province, without province, alias) → code."""
    index: dict[str, str] = {}
    for code, court in courts_by_code().items():
        names = [_clean_name(court.short_name)] + _ALIAS_RE.findall(court.short_name)
        for name in names:
            bare = _strip_province(name)
            for key in (name, bare, court.province + bare):
                index.setdefault(key, code)
    return index


def _city_of_intermediate(court: Court) -> str | None:
    """南通市 for 江苏省南通市中级人民法院; None for 北京市第一中级人民法院 and special courts."""
    rest = _strip_province(_clean_name(court.short_name))
    rest = rest.removesuffix("中级人民法院")
    return rest if re.fullmatch(r"[^第]+?(?:市|自治州|州|盟|地区)", rest) else None


@cache
def _cities(province: str) -> tuple[str, ...]:
    courts = courts_by_code().values()
    found = {_city_of_intermediate(c) for c in courts if c.province == province and c.level == "中级"}
    return tuple(sorted((c for c in found if c), key=len, reverse=True))


def _city_from_name(name: str, province: str) -> str | None:
    """宁波市 for 宁波海事法院, 杭州市 for 杭州市余杭区人民法院 (the province's 中院 cities)."""
    bare = _strip_province(_clean_name(name))
    for city in _cities(province):
        if bare.startswith(city) or bare.startswith(city.removesuffix("市")):
            return city
    return None


def city_of(court: Court) -> str | None:
    if court.level in ("最高", "高级"):
        return None
    if court.province in MUNICIPALITIES:
        return court.province
    parent = courts_by_code().get(court.parent_code)
    for candidate in (court, parent):
        if candidate and "中级" in candidate.level and (city := _city_of_intermediate(candidate)):
            return city
    return _city_from_name(court.short_name, court.province)


def _level(court: Court) -> str:
    return "专门" if court.level.startswith("专门") else court.level


def heading_court_name(text: str, before: int | None = None) -> str | None:
    """The last court name printed before the case number (or in the first lines)."""
    end = before if before is not None else min(_HEADING_SPAN, header_end(text))
    runs = list(_COURT_RUN_RE.finditer(text, 0, end))
    if not runs:
        return None
    run = runs[-1].group().removeprefix("中华人民共和国")
    index = _name_index()
    for i in range(len(run) - 3):
        if run[i:] in index:
            return _from_first_province(run, i)
    return _from_first_province(run, len(run))


def _from_first_province(run: str, fallback: int) -> str:
    """Trim leading noise from a court-name run: start at the province name when there is one."""
    starts = [run.find(p) for p in provinces() if p in run]
    start = min([s for s in starts if s <= fallback], default=fallback)
    return run[start:] if start < len(run) else run


def court_by_name(name: str) -> Court | None:
    """The table row for a printed court name (longest matching suffix, province optional)."""
    index = _name_index()
    name = name.removeprefix("中华人民共和国")
    for i in range(len(name) - 3):
        if name[i:] in index:
            return courts_by_code()[index[name[i:]]]
    return None


def find_court(text: str, title: str | None = None, parts: dict | None = None) -> dict | None:
    """The deciding court of a judgment (see the module docstring for the fields)."""
    own = find_own_case_number(text, None)
    printed = title_court_name(title) or heading_court_name(text, own.start if own else None)
    code = (parts or {}).get("court_code")
    court = courts_by_code().get(code or "")
    if court is None and printed:
        court = court_by_name(printed)
    if court is None:
        return _unlisted_court(printed, code)
    return {
        "name": printed or _full_name(court),
        "short_name": listed_name(court),
        "code": court.code,
        "level": _level(court),
        "province": court.province or None,
        "city": city_of(court),
    }


_CODE_RE = re.compile(r"(?P<high>最高法|\D)(?P<mid>\d\d)?(?P<base>\d\d)?")
_SPECIAL_NAME_RE = re.compile(r"海事|知识产权|金融|铁路运输|林区|农垦|矿区")


def _unlisted_court(printed: str | None, code: str | None) -> dict | None:
    """A court missing from the table (abolished, renamed, newer): what its code and name tell."""
    m = _CODE_RE.fullmatch(code or "")
    if not (printed or m):
        return None
    province = city = level = None
    if m:
        high = courts_by_code().get(m["high"])
        province = high.province if high else None
        parent = courts_by_code().get(m["high"] + (m["mid"] or ""))
        if m["base"] and parent and (province in MUNICIPALITIES or "中级" in parent.level):
            city = province if province in MUNICIPALITIES else _city_of_intermediate(parent)
        level = "基层" if m["base"] else "中级" if m["mid"] else high.level if high else None
    if printed:
        name = printed.removeprefix("中华人民共和国")
        province = province or next((p for p in provinces() if name.startswith(p)), None)
        city = city or (_city_from_name(name, province) if province else None)
        level = level or _level_from_name(name)
    return {"name": printed, "short_name": None, "code": None, "level": level, "province": province, "city": city}


def _level_from_name(name: str) -> str:
    if name == "最高人民法院":
        return "最高"
    if "高级人民法院" in name:
        return "高级"
    if _SPECIAL_NAME_RE.search(name):
        return "专门"
    return "中级" if "中级" in name else "基层"


def title_court_name(title: str | None) -> str | None:
    """A printed title that starts with the court (河南省兰考县人民法院 刑事判决书 …) names it."""
    if title and _COURT_RUN_RE.match(title.strip()):
        return heading_court_name(title.strip(), len(title))
    return None


def _full_name(court: Court) -> str:
    name = _clean_name(court.short_name)
    if court.level == "最高" or name.startswith(court.province):
        return name
    return court.province + name
