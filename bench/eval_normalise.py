"""Normalisers that make publisher labels, gold labels and extracted values comparable.

Used by bench/extraction_eval.py; independent of the extractor package, so the measuring stick
does not move with the code it measures. Publisher labels (`meta`) come in several shapes (a string with
items separated by commas or newlines, a list, a list of {tkx, fgmc} dicts); each function here
returns one canonical form.

Labels the text cannot support. The extractor reads only the text (and the title); a publisher label
describes the whole judgment, while 97 records hold a truncated or partial text. A label is scored
only when the text prints the value, checked here without the extractor's code:
- date: the labelled day is printed somewhere in the text (二〇一七年八月十四日 with any zero, 2017年8月14日,
  2017-08-14); a text cut before its signature block rightly yields None;
- case number: the labelled number is printed in the text or the title (after the same folding);
- court: the court name is printed in the text or the title, or the labelled case number is (its
  court code names the court);
- parties: each labelled name counts only when the text prints it (a party block, or a sentence of
  the history such as 原告X诉被告Y…一案 when the block is missing);
- statutes: each labelled article counts only when the text cites that article number (第二百六十四条,
  第264条, or 、二百六十四条 in a list); the law's name is not checked. The other way round, a citation
  whose title the text prints with ASCII angle brackets around an inner title (《最高人民法院关于适用
  <中华人民共和国民事诉讼法>的解释》) is not scored: the publisher's pages drop such titles from 法律依据
  (their HTML cleaning takes `<…>` for a tag; all 4 such citations in the shared judgments are missing
  from the labels while the courts cite them), so a label cannot carry them.
On the complete texts these rules skip nothing that is printed; `printed_*` return False only when
the value is truly absent.

Administrative 案由. Publishers label administrative cases with China Judgments Online's pre-2021
classification, which crosses the kind of act (行政处罚, 行政征收, 行政强制, …, 其他行政行为) with the
field of administration (土地行政管理（土地）, 治安管理（治安）, 其他（公安）, 乡政府, …). Those names are in no
reference table we have (reference/admin_causes.tsv is the 2021 list, act-based only), and a field
label says nothing about the act, so exact names cannot match. Both sides are therefore compared by
2021 second-level class (行政处罚, 行政强制措施, 行政许可, …): an extracted name maps to its class
through the 2021 table; a publisher label maps when it is a 2021 name or a former act name with a
known 2021 successor (`_FORMER_ACTS`; 行政强制 and 行政征收 were split in two, either counts); a field
label, 其他行政行为 or an act name with no clear successor (行政撤销, 行政监督, 行政批准) leaves the
record unscored (21 of the 97 labelled administrative records keep a comparable label).
"""
from __future__ import annotations

import re
from functools import cache

import cn2an

from indexer import reference

_BRACKETS = str.maketrans({"(": "（", ")": "）", "〔": "（", "〕": "）", "[": "（", "]": "）"})
_TITLE_MARKS = re.compile(r"[《》〈〉<>﹤﹥＜＞\s]")
_REVISION = re.compile(r"（[^（）]*(?:修正|修订|年)[^（）]*）$")
# 第一百三十三条之一, also as some labels write it: 第一百三十三之一条.
_ARTICLE = re.compile(r"第([零〇一二三四五六七八九十百千\d]+)(?:条(之[一二三四五六七八九十])?|(之[一二三四五六七八九十])条)")
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


_YEAR = re.compile(r"（([12１２][\dOＯ〇o]{3})）")
_YEAR_FOLD = str.maketrans("０１２３４５６７８９OＯ〇o", "01234567890000")


def case_number(value: str | None) -> str | None:
    """'(2Ｏ20)渝0101行审3002号' → '（2020）渝0101行审3002号': spaces out, brackets and the year's zeros folded."""
    if not value:
        return None
    value = re.sub(r"\s", "", value).translate(_BRACKETS)
    return _YEAR.sub(lambda m: f"（{m.group(1).translate(_YEAR_FOLD)}）", value)


def _squashed(text: str | None) -> str:
    return re.sub(r"\s", "", text or "")


def printed_case_number(number: str | None, text: str, title: str = "") -> bool:
    number = case_number(number)
    return bool(number) and any(number in (case_number(t) or "") for t in (text, title))


def printed_court(court: str | None, number: str | None, text: str, title: str = "") -> bool:
    return bool(court) and (court in _squashed(text) or court in _squashed(title)
                            or printed_case_number(number, text, title))


def printed_name(name: str, text: str) -> bool:
    return bool(name) and name in _squashed(text)


_CN_DIGITS = "〇一二三四五六七八九"
_ZEROS = str.maketrans({z: "〇" for z in "零○ＯO0０o"})


def _cn_small(n: int) -> str:
    tens, ones = divmod(n, 10)
    return ("" if tens == 0 else "十" if tens == 1 else _CN_DIGITS[tens] + "十") + (_CN_DIGITS[ones] if ones else "")


def printed_date(iso: str | None, text: str) -> bool:
    """Whether `text` prints the day `iso` (YYYY-MM-DD) in Chinese numerals, Arabic digits or ISO form."""
    if not iso:
        return False
    y, m, d = (int(x) for x in iso.split("-"))
    squashed = _squashed(text)
    arabic = squashed.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    forms = {f"{y}年{m}月{d}日", f"{y}年{m:02d}月{d:02d}日", f"{y}年{m}月{d}号", iso}
    if any(f in arabic for f in forms):
        return True
    chinese = "".join(_CN_DIGITS[int(c)] for c in str(y)) + f"年{_cn_small(m)}月{_cn_small(d)}"
    folded = squashed.translate(_ZEROS).replace("元月", "一月").replace("一十", "十")  # 一十六 for 十六
    return chinese in folded


def items(value) -> list[str]:
    """A label given as a list or as a string with separators → its non-empty items."""
    if not value:
        return []
    if isinstance(value, str):
        value = re.split(r"[,，;；\n]", value)
    return [v.strip() for v in value if isinstance(v, str) and v.strip()]


def party_names(names) -> set[str]:
    """Party names without the prosecuting office (publishers list it for some records only); a label
    item listing two names with 、 is split, a leading 中华人民共和国 dropped (as in court names)."""
    split = (part.strip().removeprefix("中华人民共和国") for n in names if n for part in n.split("、"))
    return {n for n in split if n and not _PROSECUTOR.search(n)}


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
    return f"{number}{match.group(2) or match.group(3) or ''}"


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


def extracted_statutes(statutes, suffix: bool = True) -> set[tuple[str, str]]:
    """(law, article) pairs; an inserted article keeps its suffix (133之一 is not 133) unless the
    labels compared with cannot write one (JuDGE `la` lists plain article numbers)."""
    out = set()
    for s in statutes or []:
        key = article_key(s.get("article"))
        if s.get("law") and key:
            out.add((law_name(s["law"]), key + (s.get("article_suffix") or "" if suffix else "")))
    return out


def label_can_carry(law: str, text: str) -> bool:
    """False for a law whose title the text prints with `<inner title>` or with the inner title lost.

    Both are the same HTML-cleaning loss, and publisher labels never carry such a citation: either
    the text keeps the inner title in angle brackets (最高人民法院关于适用<中华人民共和国民事诉讼法>的
    解释) or the brackets took it away (《最高人民法院关于适用的解释》, which the extractor restores).
    Only the wrapping title is exempt; the law named inside it (中华人民共和国民事诉讼法) is labelled
    as usual when the court cites it on its own.
    """
    angled = any(inner in law and not law.endswith(inner) and f"<{inner}>" in text
                 for inner in _ANGLED.findall(text))
    return not angled and not _lost_inner_title(law, text)


def _lost_inner_title(law: str, text: str) -> bool:
    """Whether `text` prints the wrapper of `law`'s inner 《title》 with the slot empty (关于适用的解释)."""
    start = law.find("关于")
    inner = _INNER.search(law, start) if start >= 0 else None
    if inner is None:
        return False
    return law[start:].replace(inner.group(0), "") in _squashed(text)


_ANGLED = re.compile(r"<([^<>]{2,40})>")
_INNER = re.compile(r"《?中华人民共和国[^《》]{1,20}?法》?")  # the eval's law names have no 《》


def printed_article(article: str, text: str) -> bool:
    """Whether `text` cites the article ('133之一' → 第一百三十三条之一, 第133条, 第一百零七、第…条,
    第五十三条、五十七条): a text
    cut before its legal basis cannot support the publisher's 法律依据 list."""
    number = article.partition("之")[0]
    chinese = cn2an.an2cn(int(number)) if number.isdigit() else number
    spellings = "|".join({chinese, chinese.replace("零", "〇"), number})
    return re.search(rf"(?:第|、)(?:{spellings})(?=[条、，,和及之])", _squashed(text)) is not None


def meta_causes(meta: dict, criminal: bool) -> set[str]:
    """案由 items; for criminal records they are charges, mapped to the official names in force."""
    causes = items(meta.get("案由"))
    if criminal:
        return {reference.normalise_charge(c) or c for c in causes}
    return set(causes)


# Former (pre-2021) act names with one 2021 successor class.
# The former 行政征收 covered both expropriation and levies (税费, 社会抚养费), split in 2021.
_FORMER_ACTS = {"行政征收": "行政征收或者征用|行政征缴", "行政征用": "行政征收或者征用", "行政合同": "行政协议",
                "行政强制": "行政强制措施|行政强制执行"}


@cache
def _admin_parents() -> dict[str, str]:
    return {row["name"]: row["parent_name"] for row in reference.read_tsv("admin_causes.tsv")}


def admin_class(name: str) -> str | None:
    """The 2021 second-level class of an administrative 案由 (行政处罚 for 罚款), None if not in the list."""
    parents = _admin_parents()
    while name in parents and parents[name] not in ("", "行政行为"):
        name = parents[name]
    return name if parents.get(name) == "行政行为" else None


def admin_label_classes(labels) -> set[str] | None:
    """Publisher 案由 labels → 2021 classes; None when any label names no act (see the module docstring).
    A former name with two successors maps to an either-or key (行政强制措施|行政强制执行), which
    `admin_classes` matches with either."""
    out = set()
    for label in labels:
        cls = _FORMER_ACTS.get(label) or admin_class(label)
        if cls is None:
            return None
        out.add(cls)
    return out or None


def admin_classes(names, labels: set[str]) -> set[str]:
    """Extracted 案由 → 2021 classes, written as the label side writes an either-or class."""
    out = set()
    for name in names:
        cls = admin_class(name) or name
        out.add(next((label for label in labels if cls in label.split("|")), cls))
    return out


def amount(value) -> float | None:
    return round(float(value), 2) if isinstance(value, (int, float)) else None
