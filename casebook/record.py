"""The one record type that flows from importers to the corpus, the index and the web.

A `Record` is a judgment (or a news report about a case).  Its JSON form
(`to_dict`) is what the CLI prints, the API serves and the project's own JSONL
importer reads back.  Structured fields are filled by `indexer.extract`; their
shapes are documented in docs/design.md.
"""
from __future__ import annotations

import dataclasses
import hashlib
import re
from dataclasses import dataclass, field
from typing import Any

KINDS = ("judgment", "news_report")
_GUIDING_RE = re.compile(r"指导性案例|指导案例\s*第?\s*\d+\s*号")

# Fields produced by the extractor (indexer.extract.extract) with their empty values.
EXTRACTED_FIELDS: dict[str, Any] = {
    "case_number": None,
    "case_number_parts": None,
    "court": None,
    "document_type": None,
    "case_type": None,
    "procedure": None,
    "date": None,
    "dates": {},
    "parties": [],
    "judges": [],
    "sections": {},
    "charges": [],
    "sentences": [],
    "circumstances": [],
    "amount_involved_yuan": None,
    "causes": [],
    "claims": [],
    "remedies": [],
    "court_fees": None,
    "outcome": None,
    "statutes": [],
    "platforms": [],
    "related_cases": [],
}


@dataclass
class Source:
    """Where a record came from and the raw bytes it was made of."""

    name: str
    url: str | None = None
    path: str | None = None
    fetched_at: str | None = None
    imported_at: str | None = None
    sha256: str | None = None
    note: str | None = None


@dataclass
class Record:
    id: str
    title: str
    full_text: str
    source: Source
    kind: str = "judgment"
    sample: bool = False
    incomplete: bool = False
    publication: dict | None = None
    meta: dict = field(default_factory=dict)
    given_fields: list = field(default_factory=list)  # structured fields the input supplied; extraction keeps them
    extractor: str | None = None  # version of the extractor that filled the structured fields
    case_number: str | None = None
    case_number_parts: dict | None = None
    court: dict | None = None
    document_type: str | None = None
    case_type: str | None = None
    procedure: str | None = None
    date: str | None = None
    dates: dict = field(default_factory=dict)
    parties: list = field(default_factory=list)
    judges: list = field(default_factory=list)
    sections: dict = field(default_factory=dict)
    charges: list = field(default_factory=list)
    sentences: list = field(default_factory=list)
    circumstances: list = field(default_factory=list)
    amount_involved_yuan: float | None = None
    causes: list = field(default_factory=list)
    claims: list = field(default_factory=list)
    remedies: list = field(default_factory=list)
    court_fees: dict | None = None
    outcome: str | None = None
    statutes: list = field(default_factory=list)
    platforms: list = field(default_factory=list)
    related_cases: list = field(default_factory=list)

    def to_dict(self) -> dict:
        """The JSON form (shallow: field values are already plain JSON values)."""
        out = {name: getattr(self, name) for name in _FIELD_NAMES}
        out["source"] = dict(vars(self.source))
        return out

    @classmethod
    def from_dict(cls, data: dict) -> "Record":
        known = {f.name for f in dataclasses.fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        source = values.get("source") or {"name": "unknown"}
        if isinstance(source, dict):
            source_fields = {f.name for f in dataclasses.fields(Source)}
            source = Source(**{k: v for k, v in source.items() if k in source_fields})
        values["source"] = source
        if values.get("kind", "judgment") not in KINDS:
            raise ValueError(f"unknown record kind {values['kind']!r}; expected one of {KINDS}")
        return cls(**values)

    def apply(self, extracted: dict) -> "Record":
        """Copy extractor output onto the record, except the fields the input itself supplied."""
        for name in EXTRACTED_FIELDS:
            if name in extracted and name not in self.given_fields:
                setattr(self, name, extracted[name])
        return self

    def is_guiding_case(self) -> bool:
        """A 指导性案例: from the guiding-cases source (meta 指导案例编号) or labelled so in its title or meta."""
        if self.source.name == "guiding-cases" or "指导案例编号" in (self.meta or {}):
            return True
        labels = [self.title or ""] + [str(v) for v in (self.meta or {}).values()]
        return any(_GUIDING_RE.search(text) for text in labels)

    def content_hash(self) -> str:
        """Hash of what the record says (not of the page it came from), for change detection."""
        return sha256_text("\x1f".join([self.kind, self.title or "", self.full_text or ""]))


_FIELD_NAMES = tuple(f.name for f in dataclasses.fields(Record))


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_text(text: str) -> str:
    return sha256_bytes(text.encode("utf-8"))


def derive_id(prefix: str, key: str) -> str:
    """A stable id for inputs without one of their own: prefix + short hash of URL or content."""
    return f"{prefix}-{sha256_text(key)[:16]}"
