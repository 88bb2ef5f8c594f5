"""Index settings and mappings of the cluster backend (shared by Elasticsearch and OpenSearch).

The analyzer is built from parts every Elasticsearch/OpenSearch ships (no plugin) and mirrors
`indexer.analysis`: the `standard` tokenizer, then the `cjk_width`, `lowercase` and `cjk_bigram`
filters. Not the ready-made `cjk` analyzer: it drops English stop words.
"""
from __future__ import annotations

from ..fields import KEYWORD_FIELDS, TEXT_FIELDS

ANALYZER = "casebook_cjk"
DEFAULTS = {"shards": 1, "replicas": 0, "refresh_interval": "1s"}

ANALYSIS = {
    "analyzer": {
        ANALYZER: {"type": "custom", "tokenizer": "standard", "filter": ["cjk_width", "lowercase", "cjk_bigram"]},
    },
}


def mappings() -> dict:
    """Text fields analysed like the embedded backends, keyword fields for filters and facets,
    numbers for ranges and sorting; `_source` keeps the original document (display, highlighting)."""
    properties: dict[str, dict] = {"id": {"type": "keyword"}}
    for name in TEXT_FIELDS:
        properties[name] = {"type": "text", "analyzer": ANALYZER}
    properties["title"]["fields"] = {"raw": {"type": "keyword", "ignore_above": 512}}
    for name in KEYWORD_FIELDS:
        properties[name] = {"type": "keyword"}
    properties.update({
        "year_num": {"type": "integer"},
        "date_num": {"type": "integer"},
        "date": {"type": "date", "format": "strict_date||yyyy-MM||yyyy", "ignore_malformed": True},
        "amount": {"type": "double"},
        "amount_max": {"type": "double"},
        "sample": {"type": "boolean"},
    })
    return {"dynamic": False, "properties": properties}


def index_body(options: dict, building: bool = False) -> dict:
    """Settings + mappings for a new physical index; a build starts with refresh off."""
    refresh = "-1" if building else live_refresh_interval(options)
    return {
        "settings": {
            "number_of_shards": int(options.get("shards") or DEFAULTS["shards"]),
            "number_of_replicas": int(options.get("replicas") or DEFAULTS["replicas"]),
            "refresh_interval": refresh,
            "analysis": ANALYSIS,
        },
        "mappings": mappings(),
    }


def live_refresh_interval(options: dict) -> str:
    return str(options.get("refresh_interval") or DEFAULTS["refresh_interval"])


def source_document(doc: dict) -> dict:
    """The JSON stored for one flat document: the document plus its sort key amount_max."""
    out = {key: value for key, value in doc.items() if value not in (None, "", [])}
    out["id"] = doc["id"]
    out["date_num"] = doc.get("date_num") or 0
    out["amount_max"] = max(doc.get("amount") or [0.0])
    return out
