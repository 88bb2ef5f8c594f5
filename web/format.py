"""Display helpers for templates: money, durations, statutes, field and value labels (all Chinese)."""
from __future__ import annotations

from indexer.fields import FIELD_LABELS, statute_key

SECTION_LABELS = {
    "header": "首部", "parties": "当事人", "procedural_history": "审理经过", "claims": "诉辩意见",
    "facts": "事实", "reasoning": "本院认为", "legal_basis": "裁判依据", "operative": "判决结果",
    "costs": "诉讼费用", "appeal_notice": "上诉告知", "signature": "落款", "appendix": "附录",
}
VALUE_LABELS = {"kind": {"judgment": "裁判文书", "news_report": "新闻报道"}}
PLATFORM_ROLES = {"party": "当事人", "venue": "涉案平台", "payment": "支付渠道"}
SORT_LABELS = {"relevance": "相关度", "date_desc": "日期新→旧", "date_asc": "日期旧→新", "amount_desc": "金额"}


def yuan(amount: float | int | None) -> str:
    """¥12,345 (cents kept only when there are any)."""
    if amount is None:
        return ""
    text = f"{amount:,.2f}".removesuffix(".00")
    return f"¥{text}"


def duration(months: int | None) -> str:
    """18 → 1年6个月, 8 → 8个月, 24 → 2年."""
    if not months:
        return ""
    years, rest = divmod(int(months), 12)
    return (f"{years}年" if years else "") + (f"{rest}个月" if rest else "")


def article_label(statute: dict) -> str:
    """第274条第1款第2项 (the law's title left out)."""
    parts = [("条", statute.get("article")), ("款", statute.get("paragraph")), ("项", statute.get("item"))]
    return "".join(f"第{value}{unit}" for unit, value in parts if value not in (None, ""))


def statutes_by_law(statutes: list[dict]) -> list[tuple[str, list[dict]]]:
    """Citations grouped by law in first-seen order: [(law, [{label, key}])]."""
    groups: dict[str, list[dict]] = {}
    for statute in statutes:
        law = statute.get("law") or "（未载明法律）"
        label = article_label(statute)
        if label and all(item["label"] != label for item in groups.get(law, [])):
            groups.setdefault(law, []).append({"label": label, "key": statute_key(law, statute.get("article"))})
        groups.setdefault(law, [])
    return list(groups.items())


def field_label(name: str) -> str:
    return FIELD_LABELS.get(name, name)


def value_label(field: str, value: str) -> str:
    return VALUE_LABELS.get(field, {}).get(value, value)


def platform_role(role: str) -> str:
    return PLATFORM_ROLES.get(role, role)


def section_label(name: str) -> str:
    return SECTION_LABELS.get(name, name)


def is_web_url(url: str | None) -> bool:
    """Only http(s) addresses become links (a javascript: URL must never be clickable)."""
    return bool(url) and url.lower().startswith(("http://", "https://"))


FILTERS = {
    "yuan": yuan, "duration": duration, "article_label": article_label, "field_label": field_label,
    "value_label": value_label, "section_label": section_label, "platform_role": platform_role,
}
