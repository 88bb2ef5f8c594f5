"""The searchable fields: names (English record names, Chinese aliases) and value normalisation.

The same names serve as query fields, `--filter` keys, API parameters and facet keys.
"""
from __future__ import annotations

import re

from .analysis import fold

# Full-text fields: the whole text, the title, and the sections a query can be scoped to.
# Name fields are also indexed as text, one name a line, so 当事人:淘宝 finds 浙江淘宝网络有限公司.
NAME_FIELDS = {"parties": "party_names", "lawyers": "lawyer_names", "law_firms": "law_firm_names",
               "judges": "judge_names"}
TEXT_FIELDS = ("text", "title", "facts", "reasoning", "operative", "claims", *NAME_FIELDS.values())
SECTION_FIELDS = {"facts": "facts", "reasoning": "reasoning", "operative": "operative", "claims": "claims"}

# Exact-value fields, each facetable and filterable.
KEYWORD_FIELDS = (
    "case_number", "court", "court_level", "province", "charges", "causes", "platforms", "statutes",
    "parties", "lawyers", "law_firms", "judges", "document_type", "procedure", "case_type", "remedies",
    "year", "kind", "related_cases",
)
FACET_FIELDS = (
    "charges", "causes", "remedies", "platforms", "court", "court_level", "province", "procedure",
    "document_type", "case_type", "year", "statutes", "kind",
)
NUMERIC_FIELDS = ("year", "amount")

FIELD_ALIASES = {
    "全文": "text", "标题": "title", "事实": "facts", "本院认为": "reasoning", "判决结果": "operative",
    "裁判结果": "operative", "诉讼请求": "claims",
    "案号": "case_number", "法院": "court", "法院层级": "court_level", "省份": "province", "罪名": "charges",
    "案由": "causes", "平台": "platforms", "法条": "statutes", "当事人": "parties", "律师": "lawyers",
    "律所": "law_firms", "法官": "judges", "文书类型": "document_type", "审理程序": "procedure",
    "案件类型": "case_type", "救济": "remedies", "年份": "year", "金额": "amount", "类型": "kind",
    "关联案号": "related_cases",
}
FIELD_LABELS = {v: k for k, v in reversed(list(FIELD_ALIASES.items()))}

_STATUTE_QUERY = re.compile(r"^(?P<law>.*?)(?:第)?(?P<article>[0-9一二三四五六七八九十百零〇]+)(?:条)?$")


def field_name(raw: str) -> str | None:
    """English field name for a Chinese or English name, or None when unknown."""
    name = FIELD_ALIASES.get(raw, raw)
    return name if name in TEXT_FIELDS or name in KEYWORD_FIELDS or name in NUMERIC_FIELDS else None


def statute_key(law: str, article: int | str | None) -> str:
    """Facet value of a statute citation: 刑法第274条 (中华人民共和国 dropped for brevity)."""
    short = law.removeprefix("中华人民共和国")
    return f"{short}第{article}条" if article not in (None, "") else short


def court_key(court: dict | None) -> str | None:
    return (court or {}).get("short_name") or (court or {}).get("name")


def normalise_value(name: str, value: str) -> str:
    """Normalise a query or filter value the way documents are normalised at index time."""
    value = value.strip()
    if name == "charges":
        from .reference import normalise_charge

        return normalise_charge(value) or value
    if name in ("case_number", "related_cases"):
        from .extract.casenumber import normalise_case_number

        return normalise_case_number(value) or value
    if name == "statutes":
        return _statute_value(value)
    if name == "court":
        from .shorthand import court_value

        return court_value(value)
    if name == "province":
        from .shorthand import province_value

        return province_value(value)
    return value if not value.isascii() else fold(value)


def _statute_value(value: str) -> str:
    from .extract.numbers import to_int

    match = _STATUTE_QUERY.match(value.replace("《", "").replace("》", ""))
    if not match or not match.group("law"):
        return value
    article = to_int(match.group("article"))
    return statute_key(match.group("law"), article)
