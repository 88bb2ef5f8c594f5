"""Official titles of judicial interpretations (data/judicial_interpretations.tsv).

Judgments misprint the titles of the interpretations they cite: 中国人民检察院 for 最高人民检察院,
妨碍 for 妨害, words dropped or doubled (《最高人民法院关于审理人身损害赔偿损害案件若干规定的解释》).
`official_title` maps a printed title to the one official title it is a recognisable misprint of and
keeps it as printed when no title is close, or when two are about equally close.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cache, lru_cache

from ..reference import read_tsv

# Issuing bodies as judgments print them → as the titles spell them.
_ISSUER_TYPOS = (
    (re.compile(r"^中华人民共和国(?=最高)"), ""),
    (re.compile(r"两高"), "最高人民法院、最高人民检察院"),
    (re.compile(r"最高人+民法院|最高法院?|最高院"), "最高人民法院"),
    (re.compile(r"(?:中国|最高)人民检[查察]院|最高检"), "最高人民检察院"),
    (re.compile(r"[，,\s]+"), "、"),
)
# The inner title in round brackets instead of 〈〉: 关于适用（中华人民共和国民事诉讼法）的解释.
_INNER_IN_PARENS = re.compile(r"(?<=关于适用|关于执行)[（(]([^（）()《》]{2,30}法)[）)]")
# Misprints inside the title proper, undone for matching only.
_BODY_TYPOS = (("妨碍", "妨害"),)
_LOOKS_LIKE = re.compile(r"^(?:[^关]{0,40}(?:最高|两高)[^关]{0,40})?关于.{2,}(?:解释|规定|意见|批复|决定|纪要|通知)")
_KIND = re.compile(r"(解释|规定|意见|批复|决定|纪要|通知)(?:[（(][^（）()]{1,4}[）)])?$")
_ORDINAL = re.compile(r"[（(]([一二三四五六七八九十]+)[）)]$")
_MARKS = str.maketrans("", "", "《》〈〉“”\"")
# Wording every interpretation shares; what is left is the subject (盗窃, 人身损害赔偿, 适用民事诉讼法).
_BOILERPLATE = re.compile(
    "中华人民共和国|具体应用法律|适用法律|应用法律|若干具体问题|若干问题|有关问题|若干规定|刑事案件|纠纷案件|案件|"
    r"关于|审理|办理|处理|适用|应用|具体|法律|问题|若干|的|解释|规定|意见|[（(][^（）()]{1,4}[）)]"
)
# A printed title maps only when it is this close to one official title (body similarity and subject
# overlap) and no other official title comes within the margin.
_MIN_RATIO, _MIN_SUBJECT, _MARGIN = 0.7, 0.6, 0.08


@dataclass(frozen=True)
class _Title:
    text: str
    issuers: frozenset[str]
    body: str
    kind: str
    ordinal: str | None
    subject: frozenset[str]
    subject_chars: frozenset[str]


def printed_form(name: str) -> str:
    """The printed title with its issuing bodies spelled as in official titles and its inner title
    in 《》: 最高人民法院、中国人民检察院关于… → 最高人民法院、最高人民检察院关于…"""
    if not _LOOKS_LIKE.match(name):
        return name
    head, sep, body = name.partition("关于")
    for pattern, official in _ISSUER_TYPOS:
        head = pattern.sub(official, head)
    return _INNER_IN_PARENS.sub(r"《\1》", head.strip("、") + sep + body)


@lru_cache(maxsize=4096)
def official_title(name: str) -> str:
    """The official title `name` is a misprint of, else `name` unchanged."""
    if not _LOOKS_LIKE.match(name):
        return name
    exact, titles = _table()
    printed = _parse(_without_typos(printed_form(name)))
    key = printed.text.translate(_MARKS)
    if key in exact:
        return exact[key]
    scores = sorted(((_score(printed, t), t) for t in titles if _comparable(printed, t)), key=lambda s: s[0])
    if not scores:
        return name
    (best, official), runner_up = scores[-1], (scores[-2][0][0] if len(scores) > 1 else 0.0)
    if best[1] < _MIN_RATIO or best[2] < _MIN_SUBJECT or best[0] - runner_up < _MARGIN:
        return name
    return official.text


def _same_subject(printed: _Title, official: _Title) -> bool:
    """At most one subject character added and one lost: a misprint, not another subject with a word
    more or less (触电人身损害赔偿 is not 人身损害赔偿)."""
    added = printed.subject_chars - official.subject_chars
    lost = official.subject_chars - printed.subject_chars
    return len(added) <= 1 and len(lost) <= 1


def _without_typos(title: str) -> str:
    for typo, word in _BODY_TYPOS:
        title = title.replace(typo, word)
    return title


def _score(printed: _Title, official: _Title) -> tuple[float, float, float]:
    """(mean, body similarity, subject overlap as a Dice coefficient of character bigrams)."""
    ratio = SequenceMatcher(None, printed.body, official.body, autojunk=False).ratio()
    union = len(printed.subject) + len(official.subject)
    dice = 2 * len(printed.subject & official.subject) / union if union else 0.0
    return (ratio + dice) / 2, ratio, dice


def _comparable(printed: _Title, official: _Title) -> bool:
    """Same kind of document and subject, the printed issuers among the official ones (a court may
    leave out a co-issuer), and the same number in a series; a printed （一） may name the first of a
    series whose first title carries no number (劳动争议 2001)."""
    return (
        printed.kind == official.kind
        and _same_subject(printed, official)
        and printed.issuers <= official.issuers
        and (printed.ordinal == official.ordinal or (printed.ordinal == "一" and official.ordinal is None))
    )


@cache
def _table() -> tuple[dict[str, str], tuple[_Title, ...]]:
    """Official titles keyed without title marks and quotes, and parsed for fuzzy matching; loaded once."""
    rows = read_tsv("judicial_interpretations.tsv")
    return {r["title"].translate(_MARKS): r["title"] for r in rows}, tuple(_parse(r["title"]) for r in rows)


def _parse(title: str) -> _Title:
    head, _, rest = title.partition("关于")
    body = "关于" + rest.translate(_MARKS)
    kind = _KIND.search(title)
    ordinal = _ORDINAL.search(title)
    subject = _BOILERPLATE.sub("", body)
    return _Title(
        text=title,
        issuers=frozenset(filter(None, head.split("、"))),
        body=body,
        kind=kind.group(1) if kind else "",
        ordinal=ordinal.group(1) if ordinal else None,
        subject=frozenset(subject[i: i + 2] for i in range(len(subject) - 1)),
        subject_chars=frozenset(subject),
    )
