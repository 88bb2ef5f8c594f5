"""Record → the flat document every backend indexes (text fields, keyword lists, numbers)."""
from __future__ import annotations

from casebook.record import Record

from .token_strings import analysed_fields
from .fields import NAME_FIELDS, SECTION_FIELDS, TEXT_FIELDS, court_key, statute_key


def index_document(record: Record) -> dict:
    """Flat fields for one record; lists for multi-valued keyword fields."""
    court = record.court or {}
    year = int(record.date[:4]) if record.date else None
    sections = record.sections or {}
    doc = {
        "id": record.id,
        "title": record.title or "",
        "text": record.full_text or "",
        "case_number": [record.case_number] if record.case_number else [],
        "court": [court_key(court)] if court_key(court) else [],
        "court_code": court.get("code"),
        "guiding": record.is_guiding_case(),
        "court_level": [court["level"]] if court.get("level") else [],
        "province": [court["province"]] if court.get("province") else [],
        "charges": list(record.charges),
        "causes": list(record.causes),
        "platforms": unique(p.get("name") for p in record.platforms),
        "statutes": unique(statute_key(s.get("law", ""), s.get("article")) for s in record.statutes if s.get("law")),
        "parties": unique(p.get("name") for p in record.parties),
        "lawyers": unique(a.get("name") for p in record.parties for a in p.get("agents", []) if a.get("law_firm")),
        "law_firms": unique(a.get("law_firm") for p in record.parties for a in p.get("agents", [])),
        "judges": unique(j.get("name") for j in record.judges),
        "document_type": [record.document_type] if record.document_type else [],
        "procedure": [record.procedure] if record.procedure else [],
        "case_type": [record.case_type] if record.case_type else [],
        "remedies": unique(r.get("type") for r in record.remedies),
        "year": [str(year)] if year else [],
        "kind": [record.kind],
        "related_cases": unique(record.related_cases),
        "year_num": year,
        "date": record.date,
        "date_num": int(record.date.replace("-", "")) if record.date else 0,
        "amount": amounts(record),
        "sample": record.sample,
    }
    for name, section in SECTION_FIELDS.items():
        doc[name] = sections.get(section, "")
    for name, text in NAME_FIELDS.items():
        doc[text] = "\n".join(doc[name])
    return doc


def with_analysis(doc: dict) -> dict:
    """The document plus its text fields pre-analysed (`analysed`), for backends that take tokens.

    Done where the document is made (in the import's worker processes) rather than in the backend.
    """
    doc["analysed"] = analysed_fields({name: doc.get(name) or "" for name in TEXT_FIELDS})
    return doc


def amounts(record: Record) -> list[float]:
    """Every money figure of a case: remedies, amount involved, fines."""
    values = [r.get("amount_yuan") for r in record.remedies]
    values += [s.get("fine_yuan") for s in record.sentences]
    values.append(record.amount_involved_yuan)
    return sorted({float(v) for v in values if isinstance(v, (int, float))})


def unique(values) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))
