"""Online platforms a judgment names (淘宝, 微信, 支付宝, 大众点评…), from indexer/data/platforms.tsv.

A platform is found by its name, an alias (天猫超市 → 天猫, 美团外卖 → 美团) or its operating company
(上海汉涛信息咨询有限公司 → 大众点评). Its role is `party` when the platform or its company is a party,
`payment` when money moved through it (支付宝, 微信转账…), else `venue` (the conduct took place on it).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..reference import read_tsv

ROLES = ("party", "venue", "payment")  # one entry per platform: the first role that applies, in this order
_PAYMENT_CONTEXT = re.compile(r"转账|支付|付款|收款|红包|扫码|钱包|零钱|账单|收取|交易|二维码|充值|提现|汇款|收到")
_PARTY_LABEL = re.compile(r"(?:原告|被告|第三人|上诉人|被上诉人|申请人|被申请人|申请执行人|被执行人)[：:]?$")
# Places and words that contain a platform name without meaning it: 北京东路, 京东方, 快手快脚.
_GUARDS = {"京东": (r"(?<![北南])", r"(?![方路街])"), "快手": ("", r"(?!快)")}


@dataclass(frozen=True)
class Platform:
    name: str
    aliases: tuple[str, ...]
    companies: tuple[str, ...]
    payment: bool  # money services: every mention is a payment


_MONEY_SERVICES = {"支付宝", "财付通", "花呗", "借呗", "网商贷", "招联好期贷", "微粒贷"}


@cache
def platforms() -> tuple[Platform, ...]:
    rows = read_tsv("platforms.tsv")
    split = lambda v: tuple(x for x in (v or "").split("|") if x)  # noqa: E731
    return tuple(Platform(r["name"], split(r["aliases"]), split(r["companies"]), r["name"] in _MONEY_SERVICES)
                 for r in rows)


def _term_pattern(term: str) -> str:
    """A term as a regex: either bracket width, guards for short names, ASCII names as whole words."""
    body = re.escape(term).replace("（", "[（(]").replace("）", "[）)]")
    before, after = next(((b, a) for key, (b, a) in _GUARDS.items() if term.startswith(key)), ("", ""))
    if term == "京东" or term == "快手":
        body = before + body + after
    elif before:
        body = before + body
    if term.isascii():
        body = rf"(?<![A-Za-z0-9]){body}(?![A-Za-z0-9])"
    return body


@cache
def _terms() -> tuple[tuple[str, re.Pattern, Platform], ...]:
    """(plain text to look for, its pattern, platform), longest first; the plain text gates each regex."""
    out = []
    for platform in platforms():
        names = () if platform.name.isdigit() else (platform.name,)
        for term in names + platform.aliases + platform.companies:
            plain = term.split("（")[0].lower()
            out.append((plain, re.compile(_term_pattern(term), re.I), platform))
    return tuple(sorted(out, key=lambda t: -len(t[1].pattern)))


@cache
def _plains() -> tuple[re.Pattern, dict[str, frozenset[str]]]:
    """One regex of every plain text, longest first, and each plain's set of plain prefixes."""
    plains = sorted({plain for plain, _, _ in _terms()}, key=len, reverse=True)
    prefixes = {p: frozenset(q for q in plains if p.startswith(q)) for p in plains}
    return re.compile("|".join(map(re.escape, plains))), prefixes


def _plains_in(lowered: str) -> set[str]:
    """Every plain text that occurs in `lowered` (overlaps included), in one scan.

    At each start the longest plain matches; the others starting there are its prefixes.
    """
    pattern, prefixes = _plains()
    found: set[str] = set()
    m = pattern.search(lowered)
    while m:
        found |= prefixes[m.group()]
        m = pattern.search(lowered, m.start() + 1)
    return found


def _mentions(text: str) -> list[tuple[int, str, Platform]]:
    """(start, matched text, platform) without overlaps, the longest term winning (天猫超市 over 天猫)."""
    present = _plains_in(text.lower())
    spans: list[tuple[int, int, str, Platform]] = []
    for plain, pattern, platform in _terms():
        if plain not in present:
            continue
        for m in pattern.finditer(text):
            if not any(s < m.end() and m.start() < e for s, e, _, _ in spans):
                spans.append((m.start(), m.end(), m.group(), platform))
    return [(s, found, platform) for s, _, found, platform in sorted(spans, key=lambda x: x[0])]


def _canonical(found: str) -> str:
    return found.replace("(", "（").replace(")", "）")


def _is_party(platform: Platform, text: str, start: int, party_names: list[str]) -> bool:
    terms = (platform.name,) + platform.aliases + platform.companies
    if any(term in name for name in party_names for term in terms):
        return True
    return not party_names and bool(_PARTY_LABEL.search(text[max(0, start - 8): start]))


def find_platforms(text: str, parties: list[dict]) -> list[dict]:
    """[{name, company, role}] for each platform named, in order of first mention."""
    party_names = [p.get("name") or "" for p in parties or []]
    seen: dict[str, dict] = {}
    for start, found, platform in _mentions(text):
        entry = seen.setdefault(platform.name, {"name": platform.name, "company": None, "roles": set()})
        if _canonical(found) in platform.companies:
            entry["company"] = _canonical(found)
        if _is_party(platform, text, start, party_names):
            entry["roles"].add("party")
        elif platform.payment or _PAYMENT_CONTEXT.search(text, start, start + len(found) + 8):
            entry["roles"].add("payment")
        else:
            entry["roles"].add("venue")
    out = []
    for entry in seen.values():
        platform = next(p for p in platforms() if p.name == entry["name"])
        company = entry["company"] or (platform.companies[0] if platform.companies else None)
        out.append({"name": entry["name"], "company": company, "role": next(r for r in ROLES if r in entry["roles"])})
    return out
