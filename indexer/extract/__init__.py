"""The extractor: judgment text in, structured fields out (the shapes in docs/design.md).

`extract` is pure: it reads only the text (and the printed title when there is one),
never a publisher's metadata, so the same values come out at import and index time.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from . import casenumber, civil, court, criminal, dates, doctype, parties, platforms, sections, statutes
from .normalize import clean_text


def _version() -> str:
    """Fingerprint of the extractor's code and data: records extracted by another version are redone."""
    digest = hashlib.sha256()
    here = Path(__file__).parent
    for path in sorted(here.glob("*.py")) + sorted((here.parent / "data").glob("*.tsv")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


VERSION = _version()


def extract(text: str, title: str | None = None) -> dict:
    """All structured fields of one judgment, keyed as in casebook.record.EXTRACTED_FIELDS."""
    text = clean_text(text)
    secs = sections.split_sections(text)
    number, parts = casenumber.find_case_number(text, title)
    doc_type, case_type, procedure = doctype.classify(text, title, parts)
    decision_date, other_dates = dates.find_dates(text, secs)
    people = parties.find_parties(text, secs)
    out = {
        "case_number": number,
        "case_number_parts": parts,
        "court": court.find_court(text, title, parts),
        "document_type": doc_type,
        "case_type": case_type,
        "procedure": procedure,
        "date": decision_date,
        "dates": other_dates,
        "parties": people,
        "judges": parties.find_judges(text, secs),
        "sections": secs,
        "statutes": statutes.find_statutes(text, secs),
        "platforms": platforms.find_platforms(text, people),
        "related_cases": casenumber.find_related_cases(text, number),
    }
    out.update(criminal.extract_criminal(text, secs, people))
    out.update(civil.extract_civil(text, secs, title, people))
    return out
