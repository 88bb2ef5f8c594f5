"""Case numbers (案号): find, normalise and parse them.

Forms handled (docs judgment-facts.md §1):
* since 2016: ``（2017）苏0684刑初123号``, ``（2019）最高法民终1524号``, with the 2018 专门审判代字
  ``（2021）最高法知民终2270号``, suffixes ``执660-2号``, ``执1138号之一``;
* before 2016: ``（2011）嘉南民初字第3180号``, ``（2012）高行（知）终字第9号``, ``（2014）民申字第1782号``;
* half-width ``()``, ``〔〕``, ``［］``, ``【】`` brackets, full-width digits, stray spaces;
* lists ``（2021）粤0111民初30063、30062号`` (split into one number each).

Normalised form: full-width （） around the year and inside the body, ASCII digits, ``-`` as the
serial separator, no spaces; the rest as printed (``字第`` kept).

Parts: {year, court_code, type_marker, serial}; ``serial`` as printed (leading zeros, ``-2`` kept,
``之一`` dropped); since 2018 a ``special_marker`` key holds the 专门审判代字 (知) that precedes the
type marker; pre-2016 numbers have ``court_code`` None and the printed ``court_abbrev``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

PROVINCE_CODES = "京津冀晋内辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川黔云藏陕甘青宁新兵军"
# First character of a pre-2016 type marker (刑初, 民申, 行审, 执, 商初, 知民初, 经初, 劳初 …).
_TYPE_LEADS = "刑民行执商赔破知劳经"
# Bodies of notarial, prosecution, appraisal and arbitration numbers that share the bracket form.
_NOT_COURT = re.compile(r"[检证鉴仲]")
_CN_ORDINALS = "一二三四五六七八九十"

# Applied to matched parts only; O/Ｏ/〇 typed for a zero in the year: （2Ｏ20）.
_FOLD = str.maketrans("０１２３４５６７８９OＯ〇()－—―–", "0123456789000（）----")

# \d also matches full-width digits; the parts are folded after matching.
CASE_NUMBER_RE = re.compile(
    r"[（(〔［\[【]\s*(?P<year>[12１２][\dOＯ〇]{3})\s*[）)〕］\]】]\s*"
    r"(?P<body>[\u4e00-\u9fff\d（）()][\u4e00-\u9fff\d（）()\s]{0,15}?)\s*(?P<zi>字\s*)?(?P<di>第\s*)?"
    r"(?P<serials>\d+(?:\s*[-－—―–]\s*\d+)*(?:\s*号?\s*、\s*第?\s*\d+(?:\s*[-－—―–]\s*\d+)*)*)\s*"
    rf"(?P<inner>之[{_CN_ORDINALS}]+)?\s*号(?P<outer>之[{_CN_ORDINALS}]+)?"
)
_POST_2016_BODY = re.compile(
    rf"(?P<code>最高法|[{PROVINCE_CODES}](?:\d{{4}}|\d{{2}})?)(?P<special>知)?(?P<marker>[\u4e00-\u9fff]{{1,4}})"
)
# Role words that open the party block: the header (court, title, number) ends before them.
_HEADER_END_RE = re.compile(
    r"公诉机关|抗诉机关|自诉人|原告|被告|上诉人|被上诉人|申请人|被申请人|申请执行人|被执行人|再审申请人|"
    r"罪犯|起诉人|赔偿请求人|复议申请人|异议人|案外人|第三人|当事人|本院|。"
)
_HEADER_MAX = 400
# A heading printed after some preamble: "…人民法院 行政裁定书 （2019）豫0411行审160号".
_AFTER_TITLE_RE = re.compile(r"(?:判\s*决|裁\s*定|调\s*解|决\s*定|通\s*知)\s*书\s*$")


@dataclass(frozen=True)
class CaseNumber:
    """One case number as found: normalised text, parsed parts, span in the searched text."""

    text: str
    parts: dict
    start: int
    end: int


_WHITESPACE = re.compile(r"\s+")
_DIGIT = re.compile(r"\d")


def _fold(s: str) -> str:
    return _WHITESPACE.sub("", s.translate(_FOLD))


def _pre_2016_split(body: str) -> tuple[str, str] | None:
    """Split an old-style body '嘉南民初' into (court abbreviation, type marker) at the first type
    character after the abbreviation; None when the body holds no court type marker."""
    if _NOT_COURT.search(body):
        return None
    depth = 0
    for i, ch in enumerate(body):
        depth += ch == "（"
        depth -= ch == "）"
        if i >= 1 and depth == 0 and ch in _TYPE_LEADS:
            return body[:i], body[i:]
    if body[0] in _TYPE_LEADS:
        return "", body
    return None


def _parts(year: str, body: str, serial: str, old_style: bool) -> dict | None:
    post = None if old_style else _POST_2016_BODY.fullmatch(body)
    if post:
        parts = {"year": int(year), "court_code": post["code"], "type_marker": post["marker"], "serial": serial}
        if post["special"]:
            parts["special_marker"] = post["special"]
        return parts
    split = _pre_2016_split(body)
    if split is None:
        return None
    abbrev, marker = split
    return {"year": int(year), "court_code": None, "type_marker": marker, "serial": serial, "court_abbrev": abbrev}


def _from_match(m: re.Match) -> list[CaseNumber]:
    """The case numbers of one match (several when the serials are a list)."""
    year = _fold(m["year"])
    if not year.startswith(("19", "20")):
        return []
    body = _fold(m["body"])
    zi, di = ("字" if m["zi"] else ""), ("第" if m["di"] else "")
    old_style = bool(zi) and not _DIGIT.search(body)
    suffix = (m["inner"] or "") + "号" + (m["outer"] or "")
    serials = [s.lstrip("第").rstrip("号") for s in _fold(m["serials"]).split("、")]
    out = []
    for serial in serials:
        parts = _parts(year, body, serial, old_style)
        if parts is None:
            return []
        text = f"（{year}）{body}{zi}{di}{serial}{suffix}"
        out.append(CaseNumber(text, parts, m.start(), m.end()))
    return out


def find_all_case_numbers(text: str) -> list[CaseNumber]:
    """Every court case number in `text`, in order, lists expanded."""
    return list(_all_case_numbers(text))


@lru_cache(maxsize=8)
def _all_case_numbers(text: str) -> tuple[CaseNumber, ...]:
    """Cached: one judgment's text is searched by several extractor parts."""
    return tuple(cn for m in CASE_NUMBER_RE.finditer(text) for cn in _from_match(m))


def parse_case_number(s: str) -> dict | None:
    """Parts of one case number string ({year, court_code, type_marker, serial}), or None."""
    found = find_all_case_numbers(s)
    return dict(found[0].parts) if found else None


def normalise_case_number(s: str) -> str | None:
    """'(2017)苏0684刑初123号' → '（2017）苏0684刑初123号'; None if `s` holds no case number."""
    found = find_all_case_numbers(s)
    return found[0].text if found else None


def header_end(text: str) -> int:
    """Where the heading (court, title, number) ends: at the first party role word or 。."""
    m = _HEADER_END_RE.search(text, 0, _HEADER_MAX)
    return m.start() if m else min(len(text), _HEADER_MAX)


@lru_cache(maxsize=8)
def find_own_case_number(text: str, title: str | None = None) -> CaseNumber | None:
    """The document's own number: printed in the title, else in the heading before the party block,
    else the first number printed right after a document title (a heading after some preamble)."""
    for cn in find_all_case_numbers(title or ""):
        return cn
    end = header_end(text)
    for cn in find_all_case_numbers(text[: end + 60]):
        if cn.start < end:
            return cn
    for cn in find_all_case_numbers(text):
        if _AFTER_TITLE_RE.search(text, max(0, cn.start - 12), cn.start):
            return cn
    return None


def find_case_number(text: str, title: str | None = None) -> tuple[str | None, dict | None]:
    """(normalised own case number, its parts), or (None, None)."""
    cn = find_own_case_number(text, title)
    return (cn.text, dict(cn.parts)) if cn else (None, None)


def find_related_cases(text: str, own: str | None = None) -> list[str]:
    """Other case numbers cited in the text (first instance, prior judgments …), deduplicated."""
    seen = {own} if own else set()
    out = []
    for cn in find_all_case_numbers(text):
        if cn.text not in seen:
            seen.add(cn.text)
            out.append(cn.text)
    return out
