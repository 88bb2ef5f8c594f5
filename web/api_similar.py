"""类案检索 for the web: POST /api/similar, and the service the /similar page shares with it.

The ranking is indexer.similar's; this module only feeds it (a pasted fact, or a corpus case's facts
with the case itself excluded) and adds what a result list shows: case number, court, date, badges,
and the SPC guidance's authority tier of each hit (indexer.ranking.tier, the pending court optional).
"""
from __future__ import annotations

import threading
from dataclasses import dataclass

from flask import current_app, jsonify

from casebook.record import Record
from indexer.ranking import Pending, record_tier
from indexer.similar.features import case_text
from indexer.similar.service import Known, hits_json, similar

from .api import APIError, api, json_body
from .api_common import NotFound, context

LIMITS = (10, 20, 50)  # the page's choices; the API takes any limit up to the largest
MAX_FACT = 20000  # characters of a pasted fact read


class SimilarError(ValueError):
    """A similar-case request that cannot run: no facts, an unknown pending court, a bad limit."""


@dataclass(frozen=True)
class SimilarQuery:
    fact: str
    limit: int = LIMITS[0]
    case_id: str | None = None  # the corpus case the facts come from (excluded from the hits)
    pending_court: str | None = None

    @property
    def exclude(self) -> frozenset[str]:
        return frozenset({self.case_id} if self.case_id else ())


def case_record(case_id: str) -> Record:
    record = context().store.get(case_id)
    if record is None:
        raise NotFound(f"语料库中没有案例 {case_id}")
    return record


def case_fact(case_id: str) -> str:
    """The fact text `casebook similar --case` queries with (the facts section, else the full text)."""
    return case_text(case_record(case_id))


def pending_of(code: str | None) -> Pending | None:
    if not (code or "").strip():
        return None
    pending = Pending.from_code(code)
    if pending is None:
        raise SimilarError(f"未识别的法院代字“{code}”（例如 苏0684）")
    return pending


def check(query: SimilarQuery) -> None:
    if not query.fact.strip():
        raise SimilarError(f"案例 {query.case_id} 没有可供检索的事实文字" if query.case_id else "请填写案情事实")
    if not 1 <= query.limit <= LIMITS[-1]:
        raise SimilarError(f"返回件数应在 1 到 {LIMITS[-1]} 之间")


def listed(record: Record, pending: Pending | None) -> dict:
    """What a result list shows of a hit besides the engine's fields."""
    return {"case_number": record.case_number, "court": (record.court or {}).get("name"), "date": record.date,
            "kind": record.kind, "sample": record.sample, "incomplete": record.incomplete,
            "causes": list(record.causes or []), "tier": record_tier(record, pending)}


def find_similar(query: SimilarQuery) -> dict:
    """{query: {kind, causes, charges, elements}, hits: [engine fields + listed()]}, hits best first."""
    check(query)
    pending, ctx = pending_of(query.pending_court), context()
    # one query at a time: the first after an import rebuilds the feature file
    with current_app.extensions.setdefault("casebook_similar_lock", threading.Lock()):
        known = Known.of(case_record(query.case_id)) if query.case_id else None
        found = hits_json(ctx.store, *similar(ctx.store, ctx.backend, query.fact[:MAX_FACT], query.limit,
                                              exclude=query.exclude, known=known))
    records = {r.id: r for r in ctx.store.get_many([hit["id"] for hit in found["hits"]])}
    found["hits"] = [hit | listed(records[hit["id"]], pending) for hit in found["hits"]]
    return found


def query_from_body() -> SimilarQuery:
    body = json_body(optional={"fact": str, "case_id": str, "limit": int, "pending_court": str})
    fact, case_id = body.get("fact"), body.get("case_id")
    if (fact is None) == (case_id is None):
        raise APIError(400, "请给出 fact（案情事实）或 case_id（语料库案例）之一", {"fields": ["fact", "case_id"]})
    if case_id is not None:
        fact = case_fact(case_id)
    limit = LIMITS[0] if body.get("limit") is None else body["limit"]
    return SimilarQuery(fact, limit, case_id, body.get("pending_court"))


@api.post("/similar")
def api_similar():
    query = query_from_body()
    try:
        return jsonify(find_similar(query))
    except SimilarError as exc:
        raise APIError(400, str(exc), None) from exc
