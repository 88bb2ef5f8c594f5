"""Collections (案例包): the cases a lawyer assembles for a pending case, with the comparison the
SPC's 2020 类案检索 guidance asks for, and the searches that found them.

Everything lives in the corpus database (migration 2 of `corpus.store`), so collections survive
restarts and re-indexing.  There is one local user for now; every collection keeps an `owner`
so accounts can come later.  Errors are `CollectionError`s with a message for the user.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Callable

from casebook.record import Record
from corpus.store import Store, utc_now

OWNER = "local"
TREATMENTS = ("参照", "参考")
METHODS = {"keyword": "关键词检索", "statute": "法条关联检索", "case": "类案关联检索"}
_WITHDRAWN_RE = re.compile(r"不再参照|停止参照")

# Runs one search: (query, filters) -> the matching record ids.
RunSearch = Callable[[str, dict], list]


class CollectionError(ValueError):
    """A request the data cannot satisfy (unknown collection or case, duplicate name, bad value)."""


@dataclass
class CaseEntry:
    record_id: str
    position: int
    note: str = ""
    similar: bool | None = None  # is it a 类案 of the pending case; None: not yet judged
    facts: str = ""  # comparison of 基本事实
    issues: str = ""  # comparison of 争议焦点
    law: str = ""  # comparison of 法律适用
    treatment: str | None = None  # 参照 (guiding case in force) or 参考
    added_at: str = ""


@dataclass
class SearchRun:
    id: int
    query: str
    filters: dict
    method: str  # a key of METHODS
    searcher: str
    searched_at: str
    corpus_count: int
    corpus_last_import: str | None
    result_ids: list[str]


@dataclass
class Collection:
    id: int
    owner: str
    name: str
    description: str
    created_at: str
    updated_at: str
    cases: list[CaseEntry] = field(default_factory=list)
    searches: list[SearchRun] = field(default_factory=list)

    def entry(self, record_id: str) -> CaseEntry:
        for case in self.cases:
            if case.record_id == record_id:
                return case
        raise CollectionError(f"案例包“{self.name}”中没有案例 {record_id}")


def is_guiding_case(record: Record) -> bool:
    return record.is_guiding_case()


def guiding_in_force(record: Record) -> bool:
    """A guiding case the SPC has not withdrawn (its meta says 不再参照 / 停止参照 when withdrawn)."""
    meta_text = " ".join(str(v) for v in (record.meta or {}).values())
    return is_guiding_case(record) and not _WITHDRAWN_RE.search(meta_text)


# collections --------------------------------------------------------------


def _row_id(store: Store, name: str, owner: str) -> int:
    row = store.conn.execute("SELECT id FROM collections WHERE owner = ? AND name = ?", (owner, name)).fetchone()
    if row is None:
        raise CollectionError(f"找不到案例包“{name}”")
    return row[0]


def _touch(store: Store, collection_id: int) -> None:
    store.conn.execute("UPDATE collections SET updated_at = ? WHERE id = ?", (utc_now(), collection_id))


def create_collection(store: Store, name: str, description: str = "", owner: str = OWNER) -> Collection:
    name = name.strip()
    if not name:
        raise CollectionError("案例包名称不能为空")
    if _exists(store, name, owner):
        raise CollectionError(f"案例包“{name}”已存在")
    now = utc_now()
    store.conn.execute(
        "INSERT INTO collections (owner, name, description, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
        (owner, name, description, now, now),
    )
    return get_collection(store, name, owner)


def _exists(store: Store, name: str, owner: str) -> bool:
    query = "SELECT 1 FROM collections WHERE owner = ? AND name = ?"
    return store.conn.execute(query, (owner, name)).fetchone() is not None


def get_collection(store: Store, name: str, owner: str = OWNER) -> Collection:
    collection_id = _row_id(store, name, owner)
    row = store.conn.execute(
        "SELECT id, owner, name, description, created_at, updated_at FROM collections WHERE id = ?", (collection_id,)
    ).fetchone()
    return Collection(*row, cases=_cases(store, collection_id), searches=_searches(store, collection_id))


def list_collections(store: Store, owner: str = OWNER) -> list[Collection]:
    rows = store.conn.execute("SELECT name FROM collections WHERE owner = ? ORDER BY created_at, id", (owner,))
    return [get_collection(store, name, owner) for (name,) in rows.fetchall()]


def rename_collection(store: Store, name: str, new_name: str, owner: str = OWNER) -> Collection:
    collection_id = _row_id(store, name, owner)
    new_name = new_name.strip()
    if not new_name:
        raise CollectionError("案例包名称不能为空")
    if new_name != name and _exists(store, new_name, owner):
        raise CollectionError(f"案例包“{new_name}”已存在")
    store.conn.execute("UPDATE collections SET name = ? WHERE id = ?", (new_name, collection_id))
    _touch(store, collection_id)
    return get_collection(store, new_name, owner)


def describe_collection(store: Store, name: str, description: str, owner: str = OWNER) -> Collection:
    collection_id = _row_id(store, name, owner)
    store.conn.execute("UPDATE collections SET description = ? WHERE id = ?", (description, collection_id))
    _touch(store, collection_id)
    return get_collection(store, name, owner)


def delete_collection(store: Store, name: str, owner: str = OWNER) -> None:
    """Delete a collection with its cases and searches, in one transaction."""
    collection_id = _row_id(store, name, owner)
    with store.conn:
        store.conn.execute("BEGIN IMMEDIATE")
        for table in ("collection_cases", "collection_searches"):
            store.conn.execute(f"DELETE FROM {table} WHERE collection_id = ?", (collection_id,))
        store.conn.execute("DELETE FROM collections WHERE id = ?", (collection_id,))


# cases --------------------------------------------------------------------

_CASE_COLUMNS = "record_id, position, note, similar, facts, issues, law, treatment, added_at"


def _cases(store: Store, collection_id: int) -> list[CaseEntry]:
    rows = store.conn.execute(
        f"SELECT {_CASE_COLUMNS} FROM collection_cases WHERE collection_id = ? ORDER BY position", (collection_id,)
    ).fetchall()
    return [CaseEntry(*row[:3], None if row[3] is None else bool(row[3]), *row[4:]) for row in rows]


CASE_FIELDS = ("note", "similar", "facts", "issues", "law", "treatment")


def _checked_fields(record: Record | None, record_id: str, changes: dict) -> dict:
    """The given (not None) case fields, validated: 参照 only for a guiding case in force."""
    unknown = set(changes) - set(CASE_FIELDS)
    if unknown:
        raise TypeError(f"unknown case fields: {sorted(unknown)}")
    values = {key: value for key, value in changes.items() if value is not None}
    treatment = values.get("treatment")
    if treatment not in (None, *TREATMENTS):
        raise CollectionError(f"参照或参考只能是：{'、'.join(TREATMENTS)}（收到“{treatment}”）")
    if treatment == "参照" and (record is None or not guiding_in_force(record)):
        raise CollectionError(f"案例 {record_id} 不是现行有效的指导性案例，只能作为参考，不能参照")
    return values


def add_case(store: Store, name: str, record_id: str, note: str = "", owner: str = OWNER, **comparison) -> CaseEntry:
    """Append a corpus record to a collection; `comparison`: similar, facts, issues, law, treatment."""
    collection = get_collection(store, name, owner)
    record = store.get(record_id)
    if record is None:
        raise CollectionError(f"语料库中没有案例 {record_id}")
    if any(case.record_id == record_id for case in collection.cases):
        raise CollectionError(f"案例 {record_id} 已在案例包“{name}”中")
    values = _checked_fields(record, record_id, {"note": note, **comparison})
    columns = ["collection_id", "record_id", "position", "added_at", *values]
    store.conn.execute(
        f"INSERT INTO collection_cases ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
        (collection.id, record_id, len(collection.cases) + 1, utc_now(), *values.values()),
    )
    _touch(store, collection.id)
    return get_collection(store, name, owner).entry(record_id)


def update_case(store: Store, name: str, record_id: str, owner: str = OWNER, **changes) -> CaseEntry:
    """Change a case's note or comparison (similar, facts, issues, law, treatment); None leaves a field."""
    collection = get_collection(store, name, owner)
    collection.entry(record_id)
    values = _checked_fields(store.get(record_id), record_id, changes)
    if values:
        assignments = ", ".join(f"{key} = ?" for key in values)
        store.conn.execute(
            f"UPDATE collection_cases SET {assignments} WHERE collection_id = ? AND record_id = ?",
            (*values.values(), collection.id, record_id),
        )
        _touch(store, collection.id)
    return get_collection(store, name, owner).entry(record_id)


def remove_case(store: Store, name: str, record_id: str, owner: str = OWNER) -> None:
    collection = get_collection(store, name, owner)
    collection.entry(record_id)
    order = [case.record_id for case in collection.cases if case.record_id != record_id]
    store.conn.execute(
        "DELETE FROM collection_cases WHERE collection_id = ? AND record_id = ?", (collection.id, record_id)
    )
    _renumber(store, collection.id, order)


def move_case(store: Store, name: str, record_id: str, position: int, owner: str = OWNER) -> list[str]:
    """Move a case to `position` (1-based, clamped to the list); returns the new order of record ids."""
    collection = get_collection(store, name, owner)
    collection.entry(record_id)
    order = [case.record_id for case in collection.cases if case.record_id != record_id]
    order.insert(min(max(position, 1), len(order) + 1) - 1, record_id)
    _renumber(store, collection.id, order)
    return order


def _renumber(store: Store, collection_id: int, order: list[str]) -> None:
    with store.conn:
        store.conn.execute("BEGIN IMMEDIATE")
        store.conn.executemany(
            "UPDATE collection_cases SET position = ? WHERE collection_id = ? AND record_id = ?",
            [(number, collection_id, record_id) for number, record_id in enumerate(order, start=1)],
        )
        _touch(store, collection_id)


# recorded searches --------------------------------------------------------

_SEARCH_COLUMNS = "id, query, filters, method, searcher, searched_at, corpus_count, corpus_last_import, result_ids"


def _searches(store: Store, collection_id: int) -> list[SearchRun]:
    rows = store.conn.execute(
        f"SELECT {_SEARCH_COLUMNS} FROM collection_searches WHERE collection_id = ? ORDER BY id", (collection_id,)
    ).fetchall()
    return [SearchRun(i, q, json.loads(f), m, s, t, c, li, json.loads(r)) for i, q, f, m, s, t, c, li, r in rows]


def record_search(store: Store, name: str, query: str, filters: dict | None, method: str, result_ids: list[str],
                  searcher: str | None = None, owner: str = OWNER) -> SearchRun:
    """Record a search that fed the collection, with the corpus snapshot it ran on."""
    if method not in METHODS:
        raise CollectionError(f"未知的检索方法“{method}”；可用：{'、'.join(METHODS)}")
    collection_id = _row_id(store, name, owner)
    cursor = store.conn.execute(
        f"INSERT INTO collection_searches (collection_id, {_SEARCH_COLUMNS.removeprefix('id, ')})"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (collection_id, query, json.dumps(filters or {}, ensure_ascii=False), method, searcher or owner, utc_now(),
         store.count(), store.last_import(), json.dumps(list(result_ids), ensure_ascii=False)),
    )
    _touch(store, collection_id)
    return next(s for s in get_collection(store, name, owner).searches if s.id == cursor.lastrowid)


def rerun_search(collection: Collection, search_id: int, run: RunSearch) -> dict[str, list[str]]:
    """Run a recorded search again: {new_ids, gone_ids} against the ids it found then."""
    recorded = next((s for s in collection.searches if s.id == search_id), None)
    if recorded is None:
        raise CollectionError(f"案例包“{collection.name}”中没有检索记录 {search_id}")
    now = list(run(recorded.query, recorded.filters))
    before = set(recorded.result_ids)
    return {"new_ids": [i for i in now if i not in before], "gone_ids": [i for i in recorded.result_ids if i not in now]}
