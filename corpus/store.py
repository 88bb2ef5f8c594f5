"""The system of record: records, their versions and provenance in SQLite; raw bytes on disk.

One SQLite file (`casebook.db`, WAL) in the data directory, with the schema versioned
through `PRAGMA user_version` and applied by `MIGRATIONS`.  Raw bytes are content-addressed
(keyed by their sha256) in the `raw` table and written in the same transaction as the records
made of them.  Every write of a record is one transaction, so a crash mid-import
leaves either the old record or the new one, never half of it; re-running resumes because
unchanged content is a no-op.
"""
from __future__ import annotations

import json
import os
import sqlite3
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

from casebook.record import Record, sha256_bytes

MIGRATIONS: list[str] = [
    # 1: records, versions, crawl state
    """
    CREATE TABLE records (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        version INTEGER NOT NULL,
        body TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE TABLE versions (
        id TEXT NOT NULL,
        version INTEGER NOT NULL,
        content_hash TEXT NOT NULL,
        body TEXT NOT NULL,
        replaced_at TEXT NOT NULL,
        PRIMARY KEY (id, version)
    );
    CREATE TABLE state (
        scope TEXT NOT NULL,
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (scope, key)
    );
    CREATE INDEX records_updated ON records (updated_at);
    """,
    # 2: collections (案例包) with their cases and recorded searches; saved searches (alerts)
    """
    CREATE TABLE collections (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        owner TEXT NOT NULL DEFAULT 'local',
        name TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (owner, name)
    );
    CREATE TABLE collection_cases (
        collection_id INTEGER NOT NULL REFERENCES collections (id) ON DELETE CASCADE,
        record_id TEXT NOT NULL,
        position INTEGER NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        similar INTEGER,
        facts TEXT NOT NULL DEFAULT '',
        issues TEXT NOT NULL DEFAULT '',
        law TEXT NOT NULL DEFAULT '',
        treatment TEXT,
        added_at TEXT NOT NULL,
        PRIMARY KEY (collection_id, record_id)
    );
    CREATE TABLE collection_searches (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        collection_id INTEGER NOT NULL REFERENCES collections (id) ON DELETE CASCADE,
        query TEXT NOT NULL,
        filters TEXT NOT NULL DEFAULT '{}',
        method TEXT NOT NULL,
        searcher TEXT NOT NULL,
        searched_at TEXT NOT NULL,
        corpus_count INTEGER NOT NULL,
        corpus_last_import TEXT,
        result_ids TEXT NOT NULL DEFAULT '[]'
    );
    CREATE TABLE saved_searches (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        owner TEXT NOT NULL DEFAULT 'local',
        name TEXT NOT NULL,
        query TEXT NOT NULL,
        filters TEXT NOT NULL DEFAULT '{}',
        webhook_url TEXT,
        seen_ids TEXT NOT NULL DEFAULT '[]',
        notified_ids TEXT NOT NULL DEFAULT '[]',
        last_viewed TEXT,
        created_at TEXT NOT NULL,
        UNIQUE (owner, name)
    );
    CREATE INDEX collection_searches_collection ON collection_searches (collection_id);
    """,
    # 3: raw bytes, content-addressed, in the same transaction as the records made of them
    """
    CREATE TABLE raw (
        sha256 TEXT PRIMARY KEY,
        data BLOB NOT NULL
    );
    """,
]


def utc_now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class Store:
    """A corpus in `data_dir`: open it, save records, read them back."""

    def __init__(self, data_dir: str | os.PathLike):
        self.data_dir = Path(data_dir)
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.db_path = self.data_dir / "casebook.db"
        self.conn = sqlite3.connect(self.db_path, isolation_level=None, check_same_thread=False)
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA synchronous=NORMAL")
        self.conn.execute("PRAGMA busy_timeout=10000")
        self._migrate()

    def _migrate(self) -> None:
        current = self.conn.execute("PRAGMA user_version").fetchone()[0]
        for number, script in enumerate(MIGRATIONS[current:], start=current + 1):
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                for statement in filter(str.strip, script.split(";")):
                    self.conn.execute(statement)
                self.conn.execute(f"PRAGMA user_version={number}")
                self.conn.execute("COMMIT")
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise

    def schema_version(self) -> int:
        return self.conn.execute("PRAGMA user_version").fetchone()[0]

    def close(self) -> None:
        self.conn.close()

    # raw bytes -------------------------------------------------------------

    def put_raw(self, data: bytes) -> str:
        """Store bytes under their sha256 (a second put of the same bytes is a no-op)."""
        sha = sha256_bytes(data)
        self.conn.execute("INSERT OR IGNORE INTO raw (sha256, data) VALUES (?, ?)", (sha, data))
        return sha

    def get_raw(self, sha: str) -> bytes | None:
        row = self.conn.execute("SELECT data FROM raw WHERE sha256 = ?", (sha,)).fetchone()
        return bytes(row[0]) if row else None

    # records ---------------------------------------------------------------

    def save(self, record: Record, raw: bytes | None = None) -> str:
        """Insert or update one record: 'new', 'unchanged' (same content) or 'updated' (old kept)."""
        return self.save_many([(record, raw)])[0]

    def save_many(self, items: list[tuple[Record, bytes | None]]) -> list[str]:
        """Save a batch in one transaction: all of it lands, or none of it."""
        now = utc_now()
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            for record, raw in items:
                if raw is not None:
                    record.source.sha256 = self.put_raw(raw)
                record.source.imported_at = record.source.imported_at or now
            known = self._rows([record.id for record, _ in items])
            statuses = [self._write(record, known, now) for record, _ in items]
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        return statuses

    def _rows(self, ids: list[str]) -> dict[str, tuple[str, int, str]]:
        """{id: (content_hash, version, body)} of the stored records among `ids`."""
        out = {}
        for chunk in range(0, len(ids), 500):
            part = ids[chunk : chunk + 500]
            marks = ",".join("?" * len(part))
            query = f"SELECT id, content_hash, version, body FROM records WHERE id IN ({marks})"
            out.update({i: (h, v, b) for i, h, v, b in self.conn.execute(query, part)})
        return out

    def _write(self, record: Record, known: dict, now: str) -> str:
        digest = record.content_hash()
        old = known.get(record.id)
        if old is not None and old[0] == digest:
            return "unchanged"
        body = json.dumps(record.to_dict(), ensure_ascii=False)
        known[record.id] = (digest, (old[1] + 1) if old else 1, body)
        if old is None:
            self.conn.execute(
                "INSERT INTO records (id, kind, content_hash, version, body, imported_at, updated_at)"
                " VALUES (?, ?, ?, 1, ?, ?, ?)",
                (record.id, record.kind, digest, body, now, now),
            )
            return "new"
        old_hash, version, old_body = old
        self.conn.execute(
            "INSERT INTO versions (id, version, content_hash, body, replaced_at) VALUES (?, ?, ?, ?, ?)",
            (record.id, version, old_hash, old_body, now),
        )
        self.conn.execute(
            "UPDATE records SET kind = ?, content_hash = ?, version = ?, body = ?, updated_at = ? WHERE id = ?",
            (record.kind, digest, version + 1, body, now, record.id),
        )
        return "updated"

    def content_hashes(self, ids: list[str]) -> dict[str, str]:
        """{id: content_hash} of the stored records among `ids` (one query per 500 ids)."""
        return {i: row[0] for i, row in self._rows(ids).items()}

    def update_extraction(self, records: list[Record]) -> None:
        """Rewrite records' structured fields in place (same content, same version), in one transaction."""
        rows = [(json.dumps(r.to_dict(), ensure_ascii=False), r.id) for r in records]
        with self.conn:
            self.conn.execute("BEGIN IMMEDIATE")
            self.conn.executemany("UPDATE records SET body = ? WHERE id = ?", rows)

    def get(self, record_id: str) -> Record | None:
        row = self.conn.execute("SELECT body FROM records WHERE id = ?", (record_id,)).fetchone()
        return Record.from_dict(json.loads(row[0])) if row else None

    def get_many(self, ids: list[str]) -> list[Record]:
        """The stored records among `ids`, in the order given (one query per 500 ids)."""
        rows = self._rows(ids)
        return [Record.from_dict(json.loads(rows[i][2])) for i in ids if i in rows]

    def iter_records(self, batch: int = 500) -> Iterator[Record]:
        last = ""
        while True:
            rows = self.conn.execute(
                "SELECT id, body FROM records WHERE id > ? ORDER BY id LIMIT ?", (last, batch)
            ).fetchall()
            if not rows:
                return
            for _, body in rows:
                yield Record.from_dict(json.loads(body))
            last = rows[-1][0]

    def count(self) -> int:
        return self.conn.execute("SELECT COUNT(*) FROM records").fetchone()[0]

    def ids_updated_since(self, timestamp: str) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT id FROM records WHERE updated_at >= ?", (timestamp,))]

    def last_import(self) -> str | None:
        return self.conn.execute("SELECT MAX(updated_at) FROM records").fetchone()[0]

    def versions(self, record_id: str) -> list[dict]:
        """Earlier versions of a record, oldest first, as {version, content_hash, replaced_at, record}."""
        rows = self.conn.execute(
            "SELECT version, content_hash, replaced_at, body FROM versions WHERE id = ? ORDER BY version",
            (record_id,),
        ).fetchall()
        return [
            {"version": v, "content_hash": h, "replaced_at": t, "record": json.loads(b)} for v, h, t, b in rows
        ]

    def version(self, record_id: str) -> int | None:
        row = self.conn.execute("SELECT version FROM records WHERE id = ?", (record_id,)).fetchone()
        return row[0] if row else None

    # crawl and job state ---------------------------------------------------

    def state_get(self, scope: str, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM state WHERE scope = ? AND key = ?", (scope, key)).fetchone()
        return row[0] if row else None

    def state_set(self, scope: str, key: str, value: str) -> None:
        self.conn.execute(
            "INSERT INTO state (scope, key, value, updated_at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (scope, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
            (scope, key, value, utc_now()),
        )

    def state_items(self, scope: str) -> dict[str, str]:
        return dict(self.conn.execute("SELECT key, value FROM state WHERE scope = ?", (scope,)).fetchall())
