"""Collections (案例包), recorded searches and saved searches on a real corpus database; the CLI end to end."""
from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from casebook.cli_collections import search_ids
from casebook.pipeline import import_paths, index_changed, reindex
from corpus import collections as coll
from corpus import saved_searches as saved
from corpus.collections import CollectionError
from corpus.store import MIGRATIONS, Store
from tests.http_fixture_server import Answer, FixtureServer

EXAMPLES = Path(__file__).parent / "examples" / "collections"
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def loaded(context):
    summary = import_paths(context.store, [str(EXAMPLES / "cases.jsonl")], progress=False, workers=1)
    assert summary.new == 8 and not summary.errors
    index_changed(context.store, context.backend, summary.changed_ids, workers=1)
    return context


def import_later(context) -> None:
    summary = import_paths(context.store, [str(EXAMPLES / "later.jsonl")], progress=False, workers=1)
    index_changed(context.store, context.backend, summary.changed_ids, workers=1)


def test_create_rename_describe_delete(loaded):
    store = loaded.store
    coll.create_collection(store, "差评敲诈", "待决：王某敲诈勒索案")
    coll.rename_collection(store, "差评敲诈", "恶意差评")
    coll.describe_collection(store, "恶意差评", "争议焦点：是否属于正当维权")
    found = coll.get_collection(store, "恶意差评")
    assert (found.name, found.description, found.owner) == ("恶意差评", "争议焦点：是否属于正当维权", "local")
    coll.add_case(store, "恶意差评", "fixture-haimen")
    coll.record_search(store, "恶意差评", "差评", {}, "keyword", ["fixture-haimen"])
    coll.delete_collection(store, "恶意差评")
    assert coll.list_collections(store) == []
    counts = [store.conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
              for t in ("collection_cases", "collection_searches")]
    assert counts == [0, 0]  # nothing left behind


@pytest.mark.parametrize("action, message", [
    # unknown collection
    (lambda s: coll.get_collection(s, "没有"), "找不到案例包“没有”"),
    # duplicate name
    (lambda s: coll.create_collection(s, "包"), "案例包“包”已存在"),
    # empty name
    (lambda s: coll.create_collection(s, "  "), "名称不能为空"),
    # unknown record id
    (lambda s: coll.add_case(s, "包", "no-such-case"), "语料库中没有案例 no-such-case"),
    # a case twice
    (lambda s: coll.add_case(s, "包", "fixture-haimen"), "已在案例包“包”中"),
    # 参照 is only for guiding cases
    (lambda s: coll.update_case(s, "包", "fixture-haimen", treatment="参照"), "不是现行有效的指导性案例"),
    # treatment outside 参照/参考
    (lambda s: coll.update_case(s, "包", "fixture-haimen", treatment="遵循"), "参照或参考只能是"),
    # removing a case not in the collection
    (lambda s: coll.remove_case(s, "包", "fixture-spc"), "案例包“包”中没有案例 fixture-spc"),
    # unknown search method
    (lambda s: coll.record_search(s, "包", "q", {}, "magic", []), "未知的检索方法"),
])
def test_errors_are_clear(loaded, action, message):
    coll.create_collection(loaded.store, "包")
    coll.add_case(loaded.store, "包", "fixture-haimen")
    with pytest.raises(CollectionError, match=message):
        action(loaded.store)


def test_cases_keep_comparison_and_order(loaded):
    store = loaded.store
    coll.create_collection(store, "包")
    for record_id in ("fixture-haimen", "fixture-spc", "fixture-guiding"):
        coll.add_case(store, "包", record_id)
    entry = coll.update_case(store, "包", "fixture-guiding", note="首选", similar=True, facts="均以差评相要挟",
                             issues="是否正当维权", law="刑法第二百七十四条", treatment="参照")
    assert (entry.similar, entry.treatment, entry.facts, entry.note) == (True, "参照", "均以差评相要挟", "首选")
    assert coll.move_case(store, "包", "fixture-guiding", 1) == ["fixture-guiding", "fixture-haimen", "fixture-spc"]
    coll.remove_case(store, "包", "fixture-haimen")
    cases = coll.get_collection(store, "包").cases
    assert [(c.record_id, c.position) for c in cases] == [("fixture-guiding", 1), ("fixture-spc", 2)]


def test_a_refused_add_leaves_nothing_behind(loaded):
    coll.create_collection(loaded.store, "包")
    with pytest.raises(CollectionError, match="只能作为参考"):
        coll.add_case(loaded.store, "包", "fixture-spc", note="最高院", treatment="参照")
    assert coll.get_collection(loaded.store, "包").cases == []


def test_move_clamps_to_the_list(loaded):
    coll.create_collection(loaded.store, "包")
    for record_id in ("fixture-haimen", "fixture-spc"):
        coll.add_case(loaded.store, "包", record_id)
    assert coll.move_case(loaded.store, "包", "fixture-haimen", 99) == ["fixture-spc", "fixture-haimen"]


def test_owners_are_kept_apart(loaded):
    coll.create_collection(loaded.store, "包", owner="alice")
    coll.create_collection(loaded.store, "包")  # same name, another owner
    assert [c.owner for c in coll.list_collections(loaded.store, owner="alice")] == ["alice"]
    assert [c.owner for c in coll.list_collections(loaded.store)] == ["local"]


def test_collections_survive_reopening_and_reindexing(loaded, tmp_path):
    store = loaded.store
    coll.create_collection(store, "包", "说明")
    coll.add_case(store, "包", "fixture-spc", note="最高院", similar=False)
    coll.record_search(store, "包", "差评", {"case_type": ["刑事"]}, "keyword", ["fixture-spc"], searcher="李律师")
    before = coll.get_collection(store, "包")
    reindex(store, loaded.backend, progress=False, workers=1)
    reopened = Store(store.data_dir)
    try:
        assert coll.get_collection(reopened, "包") == before
        assert reopened.schema_version() == len(MIGRATIONS)
    finally:
        reopened.close()


def test_recorded_search_has_the_corpus_snapshot_and_reruns_with_a_diff(loaded):
    store, run = loaded.store, search_ids(loaded.backend)
    coll.create_collection(store, "包")
    ids = run("敲诈勒索", {"court_level": ["基层"]})
    recorded = coll.record_search(store, "包", "敲诈勒索", {"court_level": ["基层"]}, "keyword", ids)
    assert (recorded.corpus_count, recorded.corpus_last_import) == (store.count(), store.last_import())
    assert set(ids) == {"fixture-haimen", "fixture-nanjing-basic"}
    import_later(loaded)
    diff = coll.rerun_search(coll.get_collection(store, "包"), recorded.id, run)
    assert diff == {"new_ids": ["fixture-later"], "gone_ids": []}
    gone = coll.rerun_search(coll.get_collection(store, "包"), recorded.id, lambda q, f: ["fixture-haimen"])
    assert gone == {"new_ids": [], "gone_ids": ["fixture-nanjing-basic"]}
    with pytest.raises(CollectionError, match="没有检索记录 999"):
        coll.rerun_search(coll.get_collection(store, "包"), 999, run)


# saved searches and alerts -------------------------------------------------


def test_saved_search_shows_what_is_new_since_last_viewed(loaded):
    store, run = loaded.store, search_ids(loaded.backend)
    saved.save_search(store, "海门差评", "敲诈勒索", {"court": ["海门市人民法院"]})
    assert saved.view_new(store, "海门差评", run) == ["fixture-haimen"]
    assert saved.view_new(store, "海门差评", run) == []
    assert saved.get_saved_search(store, "海门差评").last_viewed is not None
    import_later(loaded)
    assert saved.view_new(store, "海门差评", run) == ["fixture-later"]
    with pytest.raises(CollectionError, match="已有名为“海门差评”"):
        saved.save_search(store, "海门差评", "x")


def test_webhook_is_called_once_per_new_match(loaded):
    store, run = loaded.store, search_ids(loaded.backend)
    with FixtureServer() as server:
        server.route("/hook", Answer(b"ok"))
        saved.save_search(store, "海门", "敲诈勒索", {"court": ["海门市人民法院"]}, webhook_url=server.url + "/hook",
                          seen_ids=run("敲诈勒索", {"court": ["海门市人民法院"]}))
        saved.save_search(store, "无钩子", "敲诈勒索")
        assert saved.notify_saved_searches(store, run) == {}  # nothing new yet
        import_later(loaded)
        assert saved.notify_saved_searches(store, run) == {"海门": ["fixture-later"]}
        assert saved.notify_saved_searches(store, run) == {}  # already announced
        posts = server.requests_for("/hook")
    assert [json.loads(p.body) for p in posts] == [{"saved_search": "海门", "new_ids": ["fixture-later"]}]
    assert posts[0].method == "POST" and posts[0].headers["Content-Type"] == "application/json"


def test_failed_webhook_is_retried_after_the_next_import(loaded):
    store, run = loaded.store, search_ids(loaded.backend)
    with FixtureServer() as server:
        server.route("/hook", Answer(b"busy", status=503), Answer(b"ok"))
        saved.save_search(store, "全部", "敲诈勒索", webhook_url=server.url + "/hook")
        assert saved.notify_saved_searches(store, run) == {}
        assert len(saved.notify_saved_searches(store, run)["全部"]) == 8
        assert len(server.requests_for("/hook")) == 2


def test_atom_feed_lists_the_records(loaded):
    search = saved.save_search(loaded.store, "海门", "敲诈勒索")
    records = [loaded.store.get(i) for i in ("fixture-haimen", "fixture-spc")]
    root = ET.fromstring(saved.atom_feed(search, records, "http://casebook.test/").encode("utf-8"))
    assert root.tag == f"{ATOM}feed"
    assert root.find(f"{ATOM}title").text == "保存的检索：海门"
    links = [e.find(f"{ATOM}link").get("href") for e in root.findall(f"{ATOM}entry")]
    assert links == ["http://casebook.test/cases/fixture-haimen", "http://casebook.test/cases/fixture-spc"]
    summaries = [e.find(f"{ATOM}summary").text for e in root.findall(f"{ATOM}entry")]
    assert "（2021）最高法刑申12号" in summaries[1]


# the CLI, as a user runs it --------------------------------------------------


def cli(data_dir, *args):
    cmd = [sys.executable, "-m", "casebook", "--data-dir", str(data_dir), *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120)


def test_cli_collection_commands(loaded):
    data = loaded.config["data_dir"]
    loaded.close()  # the subprocesses write the same database
    steps = [
        ("collection", "create", "差评", "--description", "待决：王某案"),
        ("collection", "add", "差评", "fixture-haimen", "--note", "本院", "--similar", "yes", "--facts", "相同"),
        ("collection", "add", "差评", "fixture-guiding", "--treatment", "参照", "--law", "同一罪名"),
        ("collection", "move", "差评", "fixture-guiding", "1"),
        ("collection", "rename", "差评", "恶意差评"),
    ]
    for step in steps:
        result = cli(data, *step)
        assert result.returncode == 0, (step, result.stderr)
    shown = json.loads(cli(data, "collection", "show", "恶意差评", "--json").stdout)
    assert [c["record_id"] for c in shown["cases"]] == ["fixture-guiding", "fixture-haimen"]
    assert shown["cases"][0]["record"]["case_number"] == "（2019）苏06刑终5号"
    assert (shown["cases"][1]["similar"], shown["cases"][1]["facts"], shown["cases"][0]["treatment"]) == (True, "相同", "参照")
    listed = json.loads(cli(data, "collection", "list", "--json").stdout)
    assert [(c["name"], c["cases"]) for c in listed] == [("恶意差评", 2)]


@pytest.mark.parametrize("args, message", [
    # unknown collection
    (("collection", "show", "没有"), "找不到案例包“没有”"),
    # unknown case id
    (("collection", "add", "包", "no-such-case"), "语料库中没有案例 no-such-case"),
    # 参照 for a case that is not a guiding case
    (("collection", "add", "包", "fixture-spc", "--treatment", "参照"), "不是现行有效的指导性案例"),
    # report of an unknown collection
    (("report", "没有", "--format", "md", "--output", "r.md"), "找不到案例包“没有”"),
])
def test_cli_errors_are_chinese_messages(loaded, args, message):
    data = loaded.config["data_dir"]
    coll.create_collection(loaded.store, "包")
    loaded.close()
    result = cli(data, *args)
    assert result.returncode != 0
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_cli_search_is_recorded_with_the_collection(loaded):
    data = loaded.config["data_dir"]
    coll.create_collection(loaded.store, "包")
    loaded.close()
    result = cli(data, "collection", "search", "包", "敲诈勒索", "--filter", "court_level=高级", "--method", "keyword")
    assert result.returncode == 0, result.stderr
    store = Store(data)
    try:
        (run,) = coll.get_collection(store, "包").searches
    finally:
        store.close()
    assert (run.query, run.filters, run.method, run.corpus_count) == ("敲诈勒索", {"court_level": ["高级"]}, "keyword", 8)
    assert set(run.result_ids) == {"fixture-su-high-old", "fixture-su-high-recent", "fixture-zhe-high"}
