"""Statute citations: 《中华人民共和国刑法》第二百六十四条、第六十七条第三款 → one entry per article unit.

Each entry is `{law, revision, article, paragraph, item}` (docs/design.md); `article_suffix` ("之一")
is added only for the inserted articles (第一百三十三条之一), which are distinct articles.
The law of a citation list carries forward over 、，及 to the following 第…条/款/项 until the next
《》; a bare 款 or 项 continues the article before it. Law names are normalised to the full official
title (《刑法》 → 中华人民共和国刑法, the revision year moved to `revision`), interpretations are kept
whole with their inner title in 《》, a misprinted title replaced by the official one it stands for
(interpretations.py). Citations are read from the court's own parts (reasoning,
legal basis, operative, appendix), not from the prosecution's or parties' account.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import cache

from .interpretations import official_title, printed_form
from .numbers import to_int

_NUM = r"[零〇一二三四五六七八九十百千两\d０-９]+"
_SPACE = re.compile(r"\s*")
_WHITESPACE = re.compile(r"\s+")
_SEP = re.compile(r"[、，,及和与以或\s]*(?:以及)?\s*")
# One unit of a chain: 第二百六十四条之一第一款第（二）项, or its tail alone (第三款 / 第（二）项);
# paragraphs and items may be listed (第一、三款, 第（一）、（二）项) and 第 may be left out (三百零七条之一).
_ITEM = rf"[（(]?{_NUM}[）)]?"
_UNIT = re.compile(
    rf"第?(?:(?P<art>{_NUM}(?:、第?{_NUM})*)(?:条|(?=第{_NUM}款))(?P<suffix>之[一二三四五六七八九十]+)?)?"
    rf"(?:第?(?P<par>{_NUM}(?:[、和]{_NUM})*)款)?(?:第?(?P<item>{_ITEM}(?:[、和]{_ITEM})*)项)?"
)
# What may follow a unit inside a list: a gloss （非法侵入住宅罪） or the quoted article text ：“……”.
_GLOSS = re.compile(r"(?:[（(][^（）()]{1,20}[）)]|[:：]?“[^”]{0,800}”)*")
_NUMBER = re.compile(_NUM)
# 第五百七十七条至第五百八十条: every article of the range is cited (a longer span is taken for a typo).
_RANGE = re.compile(r"\s*(?:至|到|—|－|~|～)\s*")
_MAX_RANGE = 30
# 《…》, with an optional revision inside or right after it: 《刑法（2017年修正）》, 《…》（2015年修正）.
_REV = r"[（(](?P<year>\d{4})年?(?:第[一二三四五六七八九十]+次)?(?:[修订正]{2})?[）)]"
_LAW = re.compile(rf"《(?P<name>[^《》]{{2,100}}?)》(?P<rev>{_REV.replace('?P<year>', '')})?")
# A national title in quotes instead of 《》, read only right before an article: 最高人民法院“关于…的解释”第十七条.
_QUOTED_LAW = re.compile(rf"[“\"](?P<name>(?:中华人民共和国|最高人民|关于|全国人民代表大会)[^“”\"《》]{{2,100}}?)[”\"](?P<rev>{_REV.replace('?P<year>', '')})?(?=第{_NUM}条)")
# An interpretation whose own 《》 were dropped: 最高人民法院关于适用《中华人民共和国民事诉讼法》的解释.
_WRAPPER_HEAD = re.compile(r"(?:最高人民(?:法院|检察院)|全国人民代表大会常务委员会)[^《》，。；：\s]{0,60}$")
_WRAPPER_TAIL = re.compile(r"[^《》，。；：\s第]{0,12}?(?:解释|规定|意见|批复|决定|纪要)(?:[（(][一二三四五六七八九十]+[）)])?》?")
_LAW_TITLE_END = re.compile(
    r"(?:法|法典|通则|总则|条例|规定|解释|决定|办法|规则|细则|意见|批复|纪要|通知|公约)(?:[（(][^（）()]{1,6}[）)])?$"
)
_REVISION = re.compile(_REV)
# A revision named before the title: 1997年修订的《中华人民共和国刑法》.
_REVISION_BEFORE = re.compile(r"(?P<year>\d{4})年(?:第[一二三四五六七八九十]+次)?(?:修订|修正)的$")
_LAW_BEFORE_ALIAS = re.compile(r"《(?P<name>[^《》]{2,100})》$")
_ALIAS = re.compile(r"[（(](?:以下|下)?简称[：:]?[《“\"]?(?P<alias>[^）)》”\"]{2,20})[》”\"]?[）)]")
_ALIAS_YEAR = re.compile(r"\d{4}年")
_INNER_BRACKETS = str.maketrans({"〈": "《", "〉": "》", "<": "《", ">": "》", "＜": "《", "＞": "》", "﹤": "《", "﹥": "》"})
# Laws the NPC titles without the 中华人民共和国 prefix.
_UNPREFIXED = frozenset({"反分裂国家法"})
# Short forms courts use without 《》 (刑法第六十七条); an alias defined with 以下简称 joins them.
_BARE_SHORT_FORMS = ("刑法", "刑事诉讼法", "民事诉讼法", "行政诉讼法")
_BARE_AFTER = re.compile(r"(?:^|[^\u4e00-\u9fff]|依照|根据|按照|依据|违反|适用|符合|及|和)$")
# The standard notice on late payment (…应当依照《中华人民共和国民事诉讼法》第二百五十三条规定，加倍支付
# 迟延履行期间的债务利息) is printed under every money judgment; it is no ground of the decision.
_DELAY_NOTICE = re.compile(r"[^。；;]*加倍支付(?:迟延|延迟)履行期间的债务利息[^。；;]*")
# An interpretation title whose inner 《》 were lost (最高人民法院关于适用的解释), sometimes shortened further
# (《关于执行若干问题解释》): verb and 若干问题 are kept, the rest restored.
_LOST_INNER = re.compile(r"^(?:最高人民法院)?关于(?P<verb>适用|执行)(?P<some>若干问题)?的?解释$")
_PROCEDURE_LAW = re.compile(r"《(?:中华人民共和国)?(行政诉讼法|民事诉讼法|刑事诉讼法)")
_COURT_PARTS = ("reasoning", "legal_basis", "operative", "appendix")
# In an appendix each quoted article starts a paragraph: "第二百三十六条以暴力…", "1、第三百四十七条：…".
_APPENDIX_ARTICLE = re.compile(rf"(?:^|(?<=[\s：:》]))(?:\d+[、.．]\s*)?(?=第{_NUM}条)")


def find_statutes(text: str, sections: dict) -> list[dict]:
    """The statutes the court cites, in order of first citation, deduplicated.

    An appendix (附：相关法律条文) is read only when the court's text cites nothing: appendices
    reprint template articles the judgment does not apply often enough to hurt precision.
    """
    aliases = _aliases(text)
    body, appendix = _court_texts(text, sections)
    entries = [e for part in body for e in _citations(part, aliases, False)]
    if not entries and appendix:
        entries = _citations(appendix, aliases, True)
    unique: dict[tuple, dict] = {}
    for entry in _with_official_titles(_with_lost_inner_titles(entries, ("".join(body), text))):
        unique.setdefault(tuple(entry.values()), entry)
    return list(unique.values())


def _with_official_titles(entries: list[dict]) -> list[dict]:
    """Interpretation titles as officially titled when the printed one is a recognisable misprint."""
    titles = {law: official_title(law) for law in {e["law"] for e in entries}}
    return [e if titles[e["law"]] == e["law"] else dict(e, law=titles[e["law"]]) for e in entries]


def _with_lost_inner_titles(entries: list[dict], texts: tuple[str, ...]) -> list[dict]:
    """Restore the inner title that text conversion removed with its <…> brackets:
    最高人民法院关于适用的解释 → 最高人民法院关于适用《中华人民共和国行政诉讼法》的解释, taking the
    procedure law cited most in the first of `texts` (the court's grounds, then the whole judgment)
    that cites one, the first cited on a tie: parties' submissions may cite another procedure law
    more often (an administrative appeal arguing about 《刑事诉讼法》)."""
    if not any(_LOST_INNER.match(e["law"]) for e in entries):
        return entries
    laws = next((found for found in map(_PROCEDURE_LAW.findall, texts) if found), None)
    if not laws:
        return entries
    procedure = "中华人民共和国" + Counter(laws).most_common(1)[0][0]
    restored = rf"最高人民法院关于\g<verb>《{procedure}》\g<some>的解释"
    return [dict(e, law=_LOST_INNER.sub(restored, e["law"])) for e in entries]


def _court_texts(text: str, sections: dict) -> tuple[list[str], str]:
    """The court's own grounds and the appendix.

    The grounds are the legal-basis sentence (依照…之规定) and the operative part; statutes the
    reasoning only discusses are left out, as publishers' 法律依据 lists do. Without a legal-basis
    sentence the reasoning stands in, and without either the whole text.
    """
    if not any(sections.get(name) for name in _COURT_PARTS):
        return [text], ""
    grounds = sections.get("legal_basis") or sections.get("reasoning") or text
    operative = sections.get("operative") or ""
    if "履行期间的债务利息" in operative:  # a cheap test first: the pattern scans every position
        operative = _DELAY_NOTICE.sub("", operative)
    return [grounds, operative], sections.get("appendix") or ""


def _citations(text: str, aliases: dict[str, str], appendix: bool) -> list[dict]:
    out = []
    laws = [_law_span(text, m, aliases) for pattern in (_LAW, _QUOTED_LAW) for m in pattern.finditer(text)]
    laws += _bare_laws(text, aliases, laws)
    laws.sort()
    for index, (start, end, law, revision) in enumerate(laws):
        if law is None:
            continue
        stop = laws[index + 1][0] if index + 1 < len(laws) else len(text)
        out += _chain(text, end, law, revision)
        if appendix:
            out += _appendix_articles(text[end:stop], law, revision)
    return out


def _law_span(text: str, match: re.Match, aliases: dict[str, str]) -> tuple[int, int, str | None, int | None]:
    """(start, end, normalised title, revision year) of a 《…》; title None for a document that is no law.

    A defined short name in 《》 (《民诉法解释》) stands for its law; a revision may precede the title.
    """
    name = _WHITESPACE.sub("", match.group("name"))
    name, revision, end = aliases.get(name, name).translate(_INNER_BRACKETS), match.group("rev"), match.end()
    window = max(0, match.start() - 80)
    head = _WRAPPER_HEAD.search(text[window: match.start()])
    tail = _WRAPPER_TAIL.match(text, match.end()) if head else None
    if head and name.startswith("关于"):
        name = head.group() + name
    elif head and tail:
        name, end = f"{head.group()}《{name}》{tail.group().rstrip('》')}", tail.end()
    elif not _is_law_title(name):
        return match.start(), end, None, None
    law, year = normalise_law(name + (revision or ""))
    before = _REVISION_BEFORE.search(text, max(0, match.start() - 12), match.start())
    return match.start(), end, law, year or (int(before.group("year")) if before else None)


def _is_law_title(name: str) -> bool:
    """A law, regulation or interpretation, not a contract or other document named in 《》."""
    return bool(_LAW_TITLE_END.search(_REVISION.sub("", name)))


@cache
def normalise_law(name: str) -> tuple[str, int | None]:
    """'刑法（2017年修正）' → ('中华人民共和国刑法', 2017); interpretations keep their full title."""
    name = printed_form(name.strip().strip("《》").translate(_INNER_BRACKETS))
    years = [int(m.group("year")) for m in _REVISION.finditer(name)]
    name = _REVISION.sub("", name).strip()
    if re.fullmatch(r"[\u4e00-\u9fff]{1,20}法典?(?:修正案（[一二三四五六七八九十]+）)?", name) and not (
        name.startswith("中华人民共和国") or name in _UNPREFIXED or re.search(r"办法$|省|市|县|自治|最高", name)
    ):
        name = "中华人民共和国" + name
    return name, (years[-1] if years else None)


def _aliases(text: str) -> dict[str, str]:
    """Short names a judgment defines for a law: 《中华人民共和国行政复议法》（以下简称行政复议法）;
    a year in the short name (简称2013年商标法) is the revision."""
    out = {}
    for match in _ALIAS.finditer(text):
        law = _LAW_BEFORE_ALIAS.search(text, max(0, match.start() - 100), match.start())
        if law:
            year = _ALIAS_YEAR.match(match.group("alias"))
            out[match.group("alias")] = law.group("name") + (f"（{year.group()}）" if year else "")
    return out


def _bare_laws(text: str, aliases: dict[str, str], bracketed: list[tuple]) -> list[tuple]:
    """Laws named without 《》 right before an article: 刑法第六十七条, or a defined alias."""
    pattern = _bare_pattern(tuple(sorted({*_BARE_SHORT_FORMS, *aliases}, key=len, reverse=True)))
    taken = [(start, end) for start, end, *_ in bracketed]
    out = []
    for match in pattern.finditer(text):
        if any(start <= match.start() < end for start, end in taken) or not _BARE_AFTER.search(
            text[max(0, match.start() - 2): match.start()]
        ):
            continue
        out.append((match.start(), match.end(), *normalise_law(aliases.get(match.group(1), match.group(1)))))
    return out


@cache
def _bare_pattern(names: tuple[str, ...]) -> re.Pattern:
    return re.compile("(?:中华人民共和国)?(" + "|".join(map(re.escape, names)) + rf")(?=第{_NUM}条)")


@cache
def _int(numeral: str) -> int | None:
    """Article numbers repeat across documents; cn2an is slow enough to cache."""
    return to_int(numeral)


def _chain(text: str, pos: int, law: str, revision: int | None) -> list[dict]:
    """The units of one citation list starting at `pos`: 第五十二条、第五十三条第一款、第二款 …

    A unit whose number starts with 零 (第一百条零一条) is garbled: it yields nothing but does
    not end the list.
    """
    out: list[dict] = []
    at, range_from = _SPACE.match(text, _GLOSS.match(text, pos).end()).end(), None
    while True:
        unit = _UNIT.match(text, at)
        if not unit or unit.end() == at:
            return out
        if not (unit.group("art") or "").startswith(("零", "〇")):
            entries = _unit_entries(unit, out[-1] if out else None, law, revision)
            if not entries:
                return out
            out += _range_between(range_from, entries[0]) + entries
        at = _GLOSS.match(text, unit.end()).end()
        ranged = _RANGE.match(text, at)
        range_from = out[-1] if ranged and out else None
        at = ranged.end() if range_from else _SEP.match(text, at).end()


def _range_between(first: dict | None, last: dict) -> list[dict]:
    """What lies strictly between the ends of 第X条至第Y条 (articles) or 第X条第一款至第三款
    (paragraphs of one article); nothing unless it is a short range."""
    if first is None or None in (first["article"], last["article"]):
        return []
    if first["article"] == last["article"] and None not in (first["paragraph"], last["paragraph"]):
        field, inside = "paragraph", range(first["paragraph"] + 1, last["paragraph"])
    else:
        field, inside = "article", range(first["article"] + 1, last["article"])
    if len(inside) >= _MAX_RANGE:
        return []
    base = {"law": last["law"], "revision": last["revision"], "article": last["article"], "paragraph": None, "item": None}
    return [dict(base, **{field: n}) for n in inside]


def _unit_entries(unit: re.Match, previous: dict | None, law: str, revision: int | None) -> list[dict]:
    """One entry per article, paragraph and item of a unit; a unit without article continues `previous`.

    In a list of articles (第一百零七、第一百九十六条) the paragraphs and items belong to the last one.
    """
    out = []
    if unit.group("art"):
        for number in _NUMBER.findall(unit.group("art")):
            previous = {"law": law, "revision": revision, "article": _int(number), "paragraph": None, "item": None}
            out.append(previous)
        if unit.group("suffix"):
            previous["article_suffix"] = unit.group("suffix")
        out.pop()
    elif previous is None or not (unit.group("par") or unit.group("item")):
        return []
    pars = [_int(n) for n in _NUMBER.findall(unit.group("par") or "")] or [previous["paragraph"]]
    items = [_int(n) for n in _NUMBER.findall(unit.group("item") or "")] or [None]
    return out + [dict(previous, paragraph=par, item=item) for par in pars for item in items]


def _appendix_articles(text: str, law: str, revision: int | None) -> list[dict]:
    """Article headings of a quoted law text (附：相关法律条文); references inside the text are skipped."""
    out = []
    for match in _APPENDIX_ARTICLE.finditer(text):
        out += _unit_entries(_UNIT.match(text, match.end()), None, law, revision)
    return out
