"""The corpus store: a real SQLite file, content-addressed raw bytes, versions, atomic writes."""
import sqlite3

import pytest

from casebook.record import Record, Source
from corpus.store import Store


def make(record_id="r1", text="正文一"):
    return Record(id=record_id, title="标题", full_text=text, source=Source(name="test"))


def test_new_then_unchanged_then_updated_keeps_old_version(tmp_path):
    store = Store(tmp_path)
    assert store.save(make(), b"raw-1") == "new"
    assert store.save(make(), b"raw-1") == "unchanged"
    assert store.save(make(text="正文二"), b"raw-2") == "updated"
    assert store.get("r1").full_text == "正文二"
    assert store.version("r1") == 2
    [old] = store.versions("r1")
    assert old["record"]["full_text"] == "正文一"


def test_raw_bytes_are_content_addressed(tmp_path):
    store = Store(tmp_path)
    record = make()
    store.save(record, b"same bytes")
    sha = store.get("r1").source.sha256
    assert store.get_raw(sha) == b"same bytes"
    assert sha == __import__("hashlib").sha256(b"same bytes").hexdigest()
    store.save(make("r2"), b"same bytes")  # the same bytes again: stored once
    assert store.conn.execute("SELECT COUNT(*) FROM raw").fetchone()[0] == 1


def test_schema_is_versioned_and_wal(tmp_path):
    store = Store(tmp_path)
    assert store.schema_version() >= 1
    mode = sqlite3.connect(store.db_path).execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"


def test_failed_write_leaves_no_half_record(tmp_path, monkeypatch):
    store = Store(tmp_path)
    store.save(make())

    def boom(*args):
        raise RuntimeError("crash mid-write")

    monkeypatch.setattr(store, "_write", lambda record, digest, now: (store.conn.execute(
        "UPDATE records SET body = 'half' WHERE id = ?", (record.id,)), boom()))
    with pytest.raises(RuntimeError):
        store.save(make(text="新内容"))
    assert store.get("r1").full_text == "正文一"  # the transaction rolled back


def test_state_survives_reopen(tmp_path):
    Store(tmp_path).state_set("crawl:sitemap", "cursor", "42")
    assert Store(tmp_path).state_get("crawl:sitemap", "cursor") == "42"
