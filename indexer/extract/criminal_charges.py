"""Charge names as judgments write them → the official names in force (criminal_charge_articles.tsv).

Besides exact and former names (indexer.reference.normalise_charge), judgments write a selective
charge (选择性罪名) by the acts actually committed: 贩卖毒品罪 for 走私、贩卖、运输、制造毒品罪,
非法持有枪支罪 for 非法持有、私藏枪支、弹药罪, 伪造国家机关证件、印章罪 for
伪造、变造、买卖国家机关公文、证件、印章罪. Such a name is matched to the official (or former) name
it can be cut out of: pieces of two or more characters, in order, and the final 罪; the shortest
such name wins (窝藏罪 → 窝藏、包庇罪). A name that fits none is mapped when it is nearly equal
to one (a character ratio of 0.9: a slip of the pen), else dropped.
"""
from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import cache

from ..reference import charge_articles, charge_history, normalise_charge

# A written charge never crosses these.
_CHARGE_STOP = re.compile(r"[，。；;：:\s“”\"]")
_GLOSS = re.compile(r"[（(][^（）()]*[）)]")
# A miswritten name (生产、销售不符合安全生产标准的食品罪) still maps when this similar to one name.
_CLOSE_ENOUGH = 0.9
_QUALIFIER = re.compile(r"[（(](?:未遂|既遂|中止|预备|[^（）()]{0,8}(?:致人|情节)[^（）()]{0,8})[）)]")


def official_charge(written: str) -> str | None:
    """'贩卖毒品罪' → '走私、贩卖、运输、制造毒品罪'; None when it is no known charge."""
    return _official(_QUALIFIER.sub("", written).strip())


@cache
def _official(written: str) -> str | None:
    if len(written) < 3 or not written.endswith("罪"):
        return None
    exact = normalise_charge(written)
    if exact in charge_articles():
        return exact
    bare = _bare(written)
    cut = [(len(key), official) for key, official in _match_keys() if _cut_from(bare, key)]
    if cut:
        return min(cut)[1]
    close = [(SequenceMatcher(None, bare, key).ratio(), official) for key, official in _match_keys()
             if key[-2:] == bare[-2:] and abs(len(key) - len(bare)) <= 3]
    best = max(close, default=(0, None))
    return best[1] if best[0] >= _CLOSE_ENOUGH else None


@cache
def _match_keys() -> tuple[tuple[str, str], ...]:
    """(name without 、 and glosses, official name in force) for every official and former name."""
    history = {old: new for old, new in charge_history().items() if new in charge_articles()}
    return tuple((_bare(name), name) for name in charge_articles()) + tuple(
        (_bare(old), new) for old, new in history.items()
    )


def _bare(name: str) -> str:
    """组织他人偷越国（边）境罪 → 组织他人偷越国境罪; 、 dropped."""
    return _GLOSS.sub("", name).replace("、", "")


def _cut_from(written: str, name: str) -> bool:
    """Can `written` be cut out of `name` in pieces of >= 2 characters, in order, plus the final 罪?"""
    if len(written) > len(name) or written[:2] not in name:
        return False
    return _pieces(written[:-1], 0, name[:-1], 0)


def _pieces(written: str, i: int, name: str, j: int) -> bool:
    if i == len(written):
        return True
    for size in range(len(written) - i, 1, -1):
        at = name.find(written[i: i + size], j)
        if at != -1 and _pieces(written, i + size, name, at + size):
            return True
    return False


def charge_at(text: str, start: int) -> tuple[str | None, int]:
    """The official charge written from `start` (just after 犯/构成/以) and where it ends.

    Tries each following 罪 in turn, so 包庇毒品犯罪分子罪 is not cut at 犯罪.
    """
    window = text[start: start + 42]
    stop = _CHARGE_STOP.search(window)
    window = window[: stop.start()] if stop else window
    for match in re.finditer("罪", window):
        official = official_charge(window[: match.end()]) if match.start() >= 2 else None
        if official:
            return official, start + match.end()
    return None, start
