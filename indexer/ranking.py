"""Ranking by authority and recency, as the SPC's 2020 guidance on similar-case retrieval orders it.

指导性案例 first, then 最高人民法院 cases, then the provincial 高级人民法院, then the court above and the
court itself (the pending case's court, when the user gives one), with the last three years first.
The text score (BM25) of each hit in the head of the result list is multiplied by the factor of its
tier and, when recent, by the recency factor; every hit carries an explanation of its final score.
The factors are configurable (config.yaml `ranking:`); factors of 1.0 give plain BM25.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .reference import Court, courts_by_code

TIERS = ("指导性案例", "最高人民法院", "高级人民法院", "上级法院及本院", "其他法院")
DEFAULTS = {
    "tier_factors": {"指导性案例": 1.6, "最高人民法院": 1.4, "高级人民法院": 1.2, "上级法院及本院": 1.1, "其他法院": 1.0},
    "recent_years": 3,
    "recent_factor": 1.15,
}


@dataclass(frozen=True)
class Pending:
    """The pending case's court, to find "the court above and this court"."""

    code: str
    parent_code: str
    province: str

    @classmethod
    def from_code(cls, code: str | None) -> "Pending | None":
        court: Court | None = courts_by_code().get((code or "").strip())
        return cls(court.code, court.parent_code, court.province) if court else None


def tier(doc: dict, pending: Pending | None) -> str:
    """The guidance tier of an indexed document's stored payload."""
    if doc.get("guiding"):
        return "指导性案例"
    level = doc.get("court_level")
    if level == "最高":
        return "最高人民法院"
    if level == "高级" and (pending is None or doc.get("province") == pending.province):
        return "高级人民法院"
    if pending is not None and doc.get("court_code") in (pending.code, pending.parent_code):
        return "上级法院及本院"
    return "其他法院"


def record_tier(record, pending: Pending | None) -> str:
    """The guidance tier of a corpus record (casebook.record.Record)."""
    court = record.court or {}
    return tier({"guiding": record.is_guiding_case(), "court_level": court.get("level"),
                 "province": court.get("province"), "court_code": court.get("code")}, pending)


def is_recent(doc: dict, years: int, today: date | None = None) -> bool:
    day = today or date.today()
    return bool(doc.get("date")) and doc["date"] >= f"{day.year - years:04d}{day.isoformat()[4:]}"


def explain(doc: dict, text_score: float, options: dict, pending: Pending | None) -> dict:
    """The final score of one hit and why: {text, tier, tier_factor, recent, recency_factor, score}."""
    settings = {**DEFAULTS, **(options or {})}
    name = tier(doc, pending)
    tier_factor = float(settings["tier_factors"].get(name, 1.0))
    recent = is_recent(doc, int(settings["recent_years"]))
    recency_factor = float(settings["recent_factor"]) if recent else 1.0
    return {"text": round(text_score, 4), "tier": name, "tier_factor": tier_factor, "recent": recent,
            "recency_factor": recency_factor, "score": round(text_score * tier_factor * recency_factor, 4)}


def rerank(hits: list[tuple[str, float]], stored: dict[str, dict], options: dict | None,
           pending: Pending | None) -> tuple[list[tuple[str, float]], dict[str, dict]]:
    """Hits re-ordered by authority-weighted score (ties keep the text order), with explanations."""
    why = {i: explain(stored.get(i, {}), s, options or {}, pending) for i, s in hits}
    order = sorted(enumerate(hits), key=lambda p: (-why[p[1][0]]["score"], p[0]))
    return [(i, why[i]["score"]) for _, (i, _) in order], why
