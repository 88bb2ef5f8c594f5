"""Per-case features for similar-case ranking, computed once and cached under the data directory.

`<data_dir>/similar/features.npz` holds, per record (row): its id, content hash, charges (a sparse
0/1 row over the official charges and causes), element tags (a 64-bit mask over `tag_vocabulary()`) and
amount band.  The file is keyed by the extractor version and the store's (count, last import);
when the store moves on, the file is rebuilt, reusing the rows whose content hash is unchanged.
A process loads it once (cached by path and mtime), so a query scores every case with numpy.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
from scipy import sparse

from casebook.record import Record
from indexer.reference import admin_cause_names, charge_articles, civil_cause_names

from .elements import AMOUNT_BANDS, elements, tag_vocabulary

VERSION = 2  # 2: civil and administrative causes counted beside charges
TEXT_LIMIT = 6000  # characters of a case read for elements


@cache
def charge_vocabulary() -> tuple[str, ...]:
    """The official charges, then the 案由 of civil and administrative cases: a civil case's cause
    plays the part of a criminal case's charge in pooling and ranking."""
    causes = (civil_cause_names() | admin_cause_names()) - set(charge_articles())
    return tuple(sorted(charge_articles())) + tuple(sorted(causes))


@cache
def charge_column() -> dict[str, int]:
    return {c: i for i, c in enumerate(charge_vocabulary())}


@cache
def tag_bit() -> dict[str, int]:
    return {t: i for i, t in enumerate(tag_vocabulary())}


def case_text(record: Record) -> str:
    return ((record.sections or {}).get("facts") or record.full_text or "")[:TEXT_LIMIT]


def record_charges(record: Record) -> list[str]:
    """A case's charges, or its 案由 when it has none (civil and administrative cases)."""
    return [c for c in record.charges or record.causes or [] if c in charge_column()]


def tag_mask(tags) -> np.uint64:
    mask = 0
    for tag in tags:
        mask |= 1 << tag_bit()[tag]
    return np.uint64(mask)


def band_of(tags) -> int:
    """Index of the amount band among the tags (0 百元级 … 5 千万元级), -1 without an amount."""
    return next((i for i, band in enumerate(AMOUNT_BANDS) if f"金额:{band}" in tags), -1)


@dataclass
class Features:
    ids: np.ndarray  # str
    hashes: np.ndarray  # str
    charges: sparse.csr_matrix  # rows × charge_vocabulary(), 0/1
    tags: np.ndarray  # uint64 masks
    bands: np.ndarray  # int8, -1 without an amount
    signature: str

    def __post_init__(self):
        self.row = {doc: i for i, doc in enumerate(self.ids.tolist())}
        self.by_charge = self.charges.tocsc()
        self.affinity = charge_affinity(self.charges)

    def rows_with(self, charges: list[str]) -> np.ndarray:
        """Rows of the cases that carry any of `charges`."""
        cols = [charge_column()[c] for c in charges if c in charge_column()]
        if not cols:
            return np.zeros(0, dtype=np.int64)
        return np.unique(self.by_charge[:, cols].indices).astype(np.int64)

    def charge_names(self, row: int) -> list[str]:
        start, end = self.charges.indptr[row], self.charges.indptr[row + 1]
        return [charge_vocabulary()[j] for j in self.charges.indices[start:end]]


def charge_affinity(charges: sparse.csr_matrix) -> sparse.csr_matrix:
    """charges × charges: cosine of the charges' co-occurrence in the corpus's judgments, 1 on the diagonal.

    Charges tried together (盗窃 and 掩饰、隐瞒犯罪所得, 受贿 and 贪污, 寻衅滋事 and 故意伤害) describe
    neighbouring facts, so a case of a related charge is partly similar even when no charge is shared.
    """
    counts = (charges.T @ charges).tocoo()
    totals = np.asarray(charges.sum(axis=0), dtype=np.float32).ravel().clip(min=1.0)
    off = counts.row != counts.col
    values = counts.data[off] / np.sqrt(totals[counts.row[off]] * totals[counts.col[off]])
    related = sparse.csr_matrix((values.astype(np.float32), (counts.row[off], counts.col[off])), shape=counts.shape)
    return (related + sparse.identity(counts.shape[0], dtype=np.float32, format="csr")).tocsr()


def record_row(record: Record) -> tuple[list[int], np.uint64, int]:
    tags = {e.tag for e in elements(case_text(record))}
    return [charge_column()[c] for c in record_charges(record)], tag_mask(tags), band_of(tags)


def build(records, previous: Features | None, signature: str) -> Features:
    """Features of `records`, reusing `previous` rows whose content hash is unchanged."""
    ids, hashes, rows = [], [], []
    for record in records:
        digest = record.content_hash()
        old = previous.row.get(record.id) if previous is not None else None
        if old is not None and previous.hashes[old] == digest:
            row = (previous.charges.indices[previous.charges.indptr[old]:previous.charges.indptr[old + 1]].tolist(),
                   previous.tags[old], int(previous.bands[old]))
        else:
            row = record_row(record)
        ids.append(record.id)
        hashes.append(digest)
        rows.append(row)
    return from_rows(ids, hashes, rows, signature)


def from_rows(ids: list[str], hashes: list[str], rows: list[tuple[list[int], np.uint64, int]],
              signature: str) -> Features:
    """Features from per-case `record_row` results (computed here or in worker processes)."""
    indptr = np.cumsum([0] + [len(row[0]) for row in rows])
    indices = np.array([j for row in rows for j in row[0]], dtype=np.int32)
    matrix = sparse.csr_matrix((np.ones(len(indices), dtype=np.float32), indices, indptr),
                               shape=(len(ids), len(charge_vocabulary())))
    return Features(np.array(ids, dtype=str), np.array(hashes, dtype=str), matrix,
                    np.array([row[1] for row in rows], dtype=np.uint64),
                    np.array([row[2] for row in rows], dtype=np.int8), signature)


def store_signature(store) -> str:
    return f"v{VERSION}|{len(tag_vocabulary())}|{store.count()}|{store.last_import()}"


def path_for(store) -> Path:
    return Path(store.data_dir) / "similar" / "features.npz"


def save(features: Features, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp.npz")
    np.savez(tmp, ids=features.ids, hashes=features.hashes, indices=features.charges.indices,
             indptr=features.charges.indptr, tags=features.tags, bands=features.bands,
             signature=np.array(features.signature))
    os.replace(tmp, path)


@cache
def _load(path: Path, mtime: float) -> Features:
    with np.load(path) as z:
        indices, indptr = z["indices"], z["indptr"]
        matrix = sparse.csr_matrix((np.ones(len(indices), dtype=np.float32), indices, indptr),
                                   shape=(len(z["ids"]), len(charge_vocabulary())))
        return Features(z["ids"], z["hashes"], matrix, z["tags"], z["bands"], str(z["signature"]))


def load(path: Path) -> Features | None:
    return _load(path, path.stat().st_mtime) if path.exists() else None


def features_for(store, path: Path | None = None) -> Features:
    """The store's case features: the cached file when current, else rebuilt (incrementally) and saved."""
    path = path or path_for(store)
    signature = store_signature(store)
    cached = load(path)
    if cached is not None and cached.signature == signature:
        return cached
    fresh = build(store.iter_records(), cached, signature)
    save(fresh, path)
    return load(path)
