"""Official reference tables (courts, case types, charges, causes), loaded once from indexer/data/.

The tables are copies of ../shared/reference/ plus `courts_extra.tsv`, the courts founded after
the 2018-07-24 court-code edition, known from case-number evidence, and `charge_wording.tsv`,
written for the project: each official charge's conduct in its article's words (condensed where the
article is long: a retrieval aid, not a text to quote) and the phrases the facts of such cases use.
It was written from the Criminal Law and judicial practice, not from any labelled data; so was
`cause_cues.tsv`, the phrases of the claims and facts of each listed civil and administrative 案由.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"


def read_tsv(name: str) -> list[dict[str, str]]:
    with open(DATA_DIR / name, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


@dataclass(frozen=True)
class Court:
    code: str
    short_name: str
    parent_code: str
    level: str
    province: str


@cache
def courts_by_code() -> dict[str, Court]:
    rows = read_tsv("court_codes.tsv") + read_tsv("courts_extra.tsv")
    return {
        r["court_code"]: Court(r["court_code"], r["court_name"], r["parent_code"], r["level"], r["province"])
        for r in rows
    }


@cache
def provinces() -> tuple[str, ...]:
    """The provinces of the court table, longest first (no province name is a prefix of another)."""
    return tuple(sorted({c.province for c in courts_by_code().values() if c.province}, key=len, reverse=True))


@cache
def courts_by_name() -> dict[str, Court]:
    """Short court name (海门市人民法院) → Court; ambiguous names keep the first row."""
    out: dict[str, Court] = {}
    for court in courts_by_code().values():
        out.setdefault(court.short_name, court)
    return out


@cache
def case_type_markers() -> dict[str, tuple[str, str]]:
    """类型代字 (刑初) → (numeric code, type name)."""
    return {r["type_marker"]: (r["code"], r["case_type"]) for r in read_tsv("case_types.tsv") if r["type_marker"]}


@cache
def charge_articles() -> dict[str, str]:
    """Official charge name in force → Criminal Law article number (as text, e.g. '274')."""
    return {r["charge"]: r["article_number"] for r in read_tsv("criminal_charge_articles.tsv")}


@cache
def _charge_wording_rows() -> list[dict[str, str]]:
    return read_tsv("charge_wording.tsv")


@cache
def charge_cues() -> dict[str, tuple[str, ...]]:
    """Official charge → phrases the facts of such a case use (charge_wording.tsv, written from the
    Criminal Law's wording and judicial practice, not from any labelled data)."""
    return {r["charge"]: tuple(r["cues"].split("|")) for r in _charge_wording_rows()}


@cache
def cause_cues(kind: str) -> dict[str, tuple[str, ...]]:
    """案由 of one kind (民事, 行政) → phrases the claims and facts of such cases use (cause_cues.tsv,
    written like charge_wording.tsv)."""
    return {r["cause"]: tuple(r["cues"].split("|")) for r in read_tsv("cause_cues.tsv") if r["kind"] == kind}


@cache
def charge_wordings() -> dict[str, str]:
    """Official charge → the conduct its article describes, in the statute's words."""
    return {r["charge"]: r["wording"] for r in _charge_wording_rows()}


@cache
def charge_history() -> dict[str, str]:
    """Former charge name → the name that replaced it (followed to the name in force)."""
    direct = {r["former_charge"]: r["replaced_by"] for r in read_tsv("criminal_charge_history.tsv")}
    resolved = {}
    for old in direct:
        new, seen = direct[old], {old}
        while new in direct and new not in seen:
            seen.add(new)
            new = direct[new]
        resolved[old] = new
    return resolved


def normalise_charge(name: str) -> str | None:
    """Map a charge as written (with or without 罪, former names) to the official name in force."""
    name = name.strip()
    if not name:
        return None
    candidates = [name] if name.endswith("罪") else [name + "罪", name]
    for cand in candidates:
        if cand in charge_articles():
            return cand
        if cand in charge_history():
            return charge_history()[cand]
    return None


@cache
def civil_cause_names() -> frozenset[str]:
    names = {r["name"] for r in read_tsv("civil_cause_name_index.tsv")}
    names |= {r["name"] for r in read_tsv("civil_causes.tsv")}
    names |= {r["name"] for r in read_tsv("civil_causes_2011_wenshu.tsv")}
    return frozenset(n for n in names if n)


@cache
def admin_cause_names() -> frozenset[str]:
    return frozenset(r["name"] for r in read_tsv("admin_causes.tsv") if r["name"])
