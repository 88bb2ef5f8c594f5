"""China Judgments Online (中国裁判文书网) JSON: the old {Title, PubDate, Html} shape with
section anchors, the new s-code shape, bare or inside a crawler's wrapper {id, doc_id, source}."""
from __future__ import annotations

import json

from casebook.record import Record, Source

from .text import html_to_text

# s-code body fields in reading order (judgment-facts.md §4.1; s25 sometimes carries the claims).
S_BODY = ("s22", "s23", "s24", "s25", "s26", "s27", "s28", "s51")
S_META = {"s2": "法院名称", "s6": "文书类型", "s7": "案号", "s8": "案件类型", "s9": "审判程序",
          "s11": "案由", "s17": "当事人", "s31": "裁判日期", "s41": "发布日期", "s47": "法律依据"}


class WenshuFormatError(ValueError):
    """A JSON object that is not a China Judgments Online document."""


def is_wenshu(obj: dict) -> bool:
    return isinstance(obj, dict) and (
        "Html" in obj or "s1" in obj or "qwContent" in obj or ("doc_id" in obj and "source" in obj)
    )


def unwrap(obj: dict) -> tuple[dict, dict]:
    """(document, wrapper) from a crawler wrapper whose `source` is the document JSON as a string."""
    if "source" in obj and isinstance(obj["source"], str) and ("doc_id" in obj or "crawl_time" in obj):
        try:
            return json.loads(obj["source"]), obj
        except json.JSONDecodeError as exc:
            raise WenshuFormatError(f"包装记录的 source 字段不是有效 JSON: {exc}") from exc
    return obj, {}


def document_text(doc: dict) -> tuple[str, str]:
    """(title, full text) of a wenshu document in either shape."""
    if "Html" in doc:
        text, _ = html_to_text(doc["Html"] or "")
        return doc.get("Title") or "", text
    if doc.get("qwContent"):
        text, _ = html_to_text(doc["qwContent"])
    else:
        text = "\n".join(str(doc[k]) for k in S_BODY if doc.get(k))
    if not text.strip():
        raise WenshuFormatError("文书没有正文（Html、qwContent 与 s22–s28 均为空）")
    return doc.get("s1") or "", text


def wenshu_record(obj: dict, origin: str) -> Record:
    doc, wrapper = unwrap(obj)
    if not is_wenshu(doc):
        raise WenshuFormatError("不是裁判文书网文书（缺少 Html 或 s 字段）")
    title, text = document_text(doc)
    doc_id = doc.get("s5") or wrapper.get("doc_id") or doc.get("文书ID")
    if not doc_id:
        raise WenshuFormatError("文书缺少文书ID（s5 / doc_id）")
    meta = {label: doc[key] for key, label in S_META.items() if key in doc}
    if "PubDate" in doc:
        meta["发布日期"] = doc["PubDate"]
    return Record(
        id=str(doc_id),
        title=title,
        full_text=text,
        meta=meta,
        source=Source(name="wenshu", path=origin, fetched_at=wrapper.get("crawl_time")),
    )
