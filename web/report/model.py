"""The data of a 类案检索报告: a collection's cases in the retrieval order of the SPC guidance.

《最高人民法院关于统一法律适用加强类案检索的指导意见（试行）》(2020) art. 4 orders the search:
指导性案例 → 最高人民法院 cases → the province's 高级人民法院 → the court above and this court,
and within each (guiding cases aside) the last three years first; art. 8 lists what the report
states (who searched, when, where, how, the results, the holdings, follow or consult); art. 9:
a guiding case is followed (参照), other 类案 are consulted (参考).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from casebook.record import Record
from corpus.collections import CaseEntry, Collection, SearchRun
from corpus.store import Store
from indexer.extract.court import court_by_name
from indexer import ranking
from indexer.reference import Court, courts_by_code

from . import ReportError

PASSAGE_CHARS = 300
HOLDING_KEYS = ("裁判要旨", "裁判要点", "holding")
RECENT_YEARS = 3


@dataclass
class ReportCase:
    entry: CaseEntry
    record: Record | None  # None when the record has left the corpus
    tier: str
    recent: bool
    passage_label: str
    passage: str


@dataclass
class Tier:
    key: str
    label: str
    cases: list[ReportCase] = field(default_factory=list)


@dataclass
class Report:
    title: str
    collection: Collection
    pending_case: str
    pending_court: str | None
    searcher: str
    generated_at: datetime
    corpus_count: int
    corpus_last_import: str | None
    searches: list[SearchRun]
    tiers: list[Tier]

    def cases(self) -> list[ReportCase]:
        return [case for tier in self.tiers for case in tier.cases]


def resolve_court(code_or_name: str) -> Court:
    """The court-table row for a court code (苏0684) or a court name (海门市人民法院)."""
    court = courts_by_code().get(code_or_name.strip()) or court_by_name(code_or_name.strip())
    if court is None:
        raise ReportError(f"无法识别待决案件的审理法院“{code_or_name}”：请填写法院代字（如 苏0684）或法院全称")
    return court


def tier_labels(pending: Court | None) -> list[tuple[str, str]]:
    high = f"{pending.province}高级人民法院案例" if pending and pending.province else "高级人民法院案例"
    return [
        ("guiding", "指导性案例"),
        ("supreme", "最高人民法院案例"),
        ("high", high),
        ("local", "上一级人民法院及本院案例"),
        ("other", "其他法院案例"),
    ]


TIER_KEYS = dict(zip(ranking.TIERS, ("guiding", "supreme", "high", "local", "other")))


def tier_of(record: Record, pending: Court | None) -> str:
    """The guidance's retrieval tier of a case (indexer.ranking), relative to the pending case's court."""
    where = ranking.Pending(pending.code, pending.parent_code, pending.province) if pending else None
    return TIER_KEYS[ranking.record_tier(record, where)]


def years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def key_passage(record: Record) -> tuple[str, str]:
    """(label, text): the 裁判要旨 the publisher gave, else the 本院认为 section trimmed to ~300 characters."""
    for key in HOLDING_KEYS:
        value = (record.meta or {}).get(key)
        if isinstance(value, str) and value.strip():
            return "裁判要旨", value.strip()
    reasoning = (record.sections or {}).get("reasoning", "").strip()
    if not reasoning:
        return "本院认为", "（未能识别“本院认为”部分）"
    return "本院认为（节选）" if len(reasoning) > PASSAGE_CHARS else "本院认为", trimmed(reasoning)


def trimmed(text: str, limit: int = PASSAGE_CHARS) -> str:
    """Text cut to `limit` characters, at the last full stop when that keeps at least half."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    stop = text.rfind("。", 0, limit)
    return text[: stop + 1] + "……" if stop + 1 >= limit // 2 else text[:limit] + "……"


def report_case(entry: CaseEntry, record: Record | None, pending: Court | None, since: date) -> ReportCase:
    if record is None:
        return ReportCase(entry, None, "other", False, "说明", "该案例已不在语料库中")
    recent = bool(record.date) and record.date >= since.isoformat()
    return ReportCase(entry, record, tier_of(record, pending), recent, *key_passage(record))


def build_report(store: Store, collection: Collection, pending_case: str = "", pending_court: str | None = None,
                 searcher: str | None = None, now: datetime | None = None) -> Report:
    """The report of a collection; within a tier the last three years first, then the collection's order."""
    now = now or datetime.now().astimezone()
    court = resolve_court(pending_court) if pending_court else None
    since = years_before(now.date(), RECENT_YEARS)
    cases = [report_case(e, store.get(e.record_id), court, since) for e in collection.cases]
    tiers = [Tier(key, label, [c for c in cases if c.tier == key]) for key, label in tier_labels(court)]
    for tier in tiers:
        tier.cases.sort(key=lambda c: (not c.recent, c.entry.position))
    return Report(
        title=f"类案检索报告：{collection.name}",
        collection=collection,
        pending_case=pending_case,
        pending_court=_court_name(court) if court else None,
        searcher=searcher or collection.owner,
        generated_at=now,
        corpus_count=store.count(),
        corpus_last_import=store.last_import(),
        searches=collection.searches,
        tiers=tiers,
    )


def _court_name(court: Court) -> str:
    name = court.short_name
    return name if court.level == "最高" or name.startswith(court.province) else court.province + name
