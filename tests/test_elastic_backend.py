"""The cluster backend against a real OpenSearch 2.19 node (tests/cluster): analyzer, mapping,
alias-swapped rebuilds, resume, deep paging, retries through a throttling proxy, two nodes."""
from __future__ import annotations

import http.server
import json
import threading
import time
import uuid
from collections import Counter

import pytest
import requests

from indexer.analysis import tokens
from indexer.backends import elastic_backend
from indexer.backends.base import open_backend
from indexer.backends.elastic_mapping import ANALYZER
from indexer.fields import KEYWORD_FIELDS, TEXT_FIELDS
from indexer.query import All, parse
from tests.cluster_node import free_ports, skip_unless_tools, start_node, stop_node, wait_for_health

pytestmark = pytest.mark.cluster

SENTENCES = ("被告人张某犯敲诈勒索罪，判处有期徒刑一年。", "原告以恶意差评为由诉至本院。",
             "被告于2019年3月5日支付人民币130,000.00元。", "本院认为，被告人的行为构成诈骗罪。")


def make_docs(count: int, tag: str = "") -> list[dict]:
    """`count` small flat documents with text, keyword facets and numbers."""
    return [{"id": f"doc-{n:05d}", "title": f"判决书{n}{tag}", "text": SENTENCES[n % 4] + tag,
             "charges": [("敲诈勒索罪", "诈骗罪", "盗窃罪")[n % 3]], "year": [str(2015 + n % 5)],
             "year_num": 2015 + n % 5, "date": f"{2015 + n % 5}-01-{1 + n % 28:02d}",
             "date_num": (2015 + n % 5) * 10000 + 101 + n % 28, "amount": [float(n * 10)], "kind": ["judgment"]}
            for n in range(count)]


def options_for(url: str | list[str], prefix: str, **extra) -> dict:
    hosts = [url] if isinstance(url, str) else url
    return {"hosts": hosts, "product": "opensearch", "index_prefix": prefix, "bulk_batch": 50,
            "retry_initial_s": 0.05, "retry_max_s": 1.0, **extra}


@pytest.fixture
def prefix(opensearch_url):
    name = f"cbtest-{uuid.uuid4().hex[:10]}"
    yield name
    requests.delete(f"{opensearch_url}/{name}-*", timeout=30)


@pytest.fixture
def backend(opensearch_url, prefix, tmp_path):
    opened = open_backend("elasticsearch", str(tmp_path / "es"), options_for(opensearch_url, prefix))
    yield opened
    opened.close()


def physical_indices(url: str, prefix: str) -> dict[str, list[str]]:
    """{physical index: [aliases]} of one prefix."""
    found = requests.get(f"{url}/{prefix}-*/_alias", timeout=30).json()
    return {name: sorted(info["aliases"]) for name, info in found.items()}


# analysis and mapping -----------------------------------------------------

@pytest.mark.parametrize("text", [
    "被告人张某犯敲诈勒索罪，判处有期徒刑一年。",  # Han run → overlapping bigrams
    "罪",  # lone Han character stays a unigram
    "（２０２３）京０１０５刑初１２３号",  # full-width digits and brackets fold; digits split Han runs
    "ＬＰＲ利率上浮50%",  # full-width Latin folds and lowercases
    "人民币1.5万元及130,000.00元",  # decimal point and digit groups stay inside one number
    "u.s. law and O'Neil",  # Latin words joined across . and '
    "第一百三十三条之一",  # numerals in Han are bigrams like any Han run
    "〇〇三号𠀀𠀁",  # 〇 and supplementary-plane Han are Han
    "tel:010-12345678 email@test.com",  # hyphen, colon and @ split words
    "ｶﾀｶﾅ ひらがな 한국어",  # kana (half-width folded) and Hangul are bigrammed like Han
    "①被告⑵",  # enclosed numbers are no word characters
    "No.123 x1.y2 3.14.15",  # . joins letters to letters and digits to digits only
    "😀好™ Apple™手机 ©2020",  # pictographs are tokens, splitting words and Han runs
    "👨\u200d👩\u200d👧 👍🏽 🇨🇳中国 1\ufe0f\u20e3 ❤\ufe0f",  # ZWJ, skin tone, flag, keycap, presentation: one token each
    "★五星☆好评✓ ⭐⭐ Ⓜ ㊗",  # ★ and ⭐ are pictographs, ☆ and ✓ are not; Ⓜ lowercases
])
def test_analyzer_equals_embedded_analysis(backend, opensearch_url, text):
    backend.add(make_docs(1))
    response = requests.post(f"{opensearch_url}/{backend.alias}/_analyze", json={"analyzer": ANALYZER, "text": text},
                             timeout=30)
    assert [t["token"] for t in response.json()["tokens"]] == tokens(text)


def test_mapping_and_settings_as_configured(opensearch_url, prefix, tmp_path):
    options = options_for(opensearch_url, prefix, shards=2, replicas=0, refresh_interval="5s")
    backend = open_backend("elasticsearch", str(tmp_path), options)
    backend.add(make_docs(3))
    (index,) = physical_indices(opensearch_url, prefix)
    info = requests.get(f"{opensearch_url}/{index}", timeout=30).json()[index]
    props, settings = info["mappings"]["properties"], info["settings"]["index"]
    assert {props[f]["analyzer"] for f in TEXT_FIELDS} == {ANALYZER}
    assert {props[f]["type"] for f in KEYWORD_FIELDS} == {"keyword"}
    assert (props["year_num"]["type"], props["date_num"]["type"], props["amount"]["type"]) == ("integer", "integer", "double")
    assert settings["analysis"]["analyzer"][ANALYZER]["filter"] == ["cjk_width", "lowercase", "cjk_bigram"]
    assert (settings["number_of_shards"], settings["number_of_replicas"], settings["refresh_interval"]) == ("2", "0", "5s")
    assert requests.get(f"{opensearch_url}/{index}/_doc/doc-00001", timeout=30).json()["_source"]["text"] == SENTENCES[1]


# rebuilds, resume ----------------------------------------------------------

def test_rebuild_swaps_alias_and_searches_see_old_index_meanwhile(backend, opensearch_url, prefix, tmp_path):
    backend.clear()
    backend.add(make_docs(40, "旧"))
    backend.commit()
    (old,) = physical_indices(opensearch_url, prefix)
    backend.clear()
    backend.add(make_docs(60, "新"))
    backend.search(All())  # the rebuild has not committed: a reader sees only the old documents
    reader = open_backend("elasticsearch", str(tmp_path / "reader"), options_for(opensearch_url, prefix))
    assert (reader.count(), reader.search(parse("新")).total, reader.search(parse("旧")).total) == (40, 0, 40)
    backend.commit()
    indices = physical_indices(opensearch_url, prefix)
    assert old not in indices and list(indices.values()) == [[prefix]]
    assert (reader.count(), reader.search(parse("新")).total, reader.search(parse("旧")).total) == (60, 60, 0)


def test_incremental_add_writes_to_current_index(backend, opensearch_url, prefix):
    backend.clear()
    backend.add(make_docs(10))
    backend.commit()
    before = physical_indices(opensearch_url, prefix)
    backend.add([{**make_docs(11)[10], "text": "新增的判决"}])
    backend.commit()
    assert physical_indices(opensearch_url, prefix) == before
    assert (backend.count(), backend.search(parse("新增")).total) == (11, 1)


def test_interrupted_rebuild_resumes(opensearch_url, prefix, tmp_path):
    docs = make_docs(300)
    first = open_backend("elasticsearch", str(tmp_path), options_for(opensearch_url, prefix))
    first.clear()
    first.add(docs[:130])  # interrupted: no commit, the object is dropped
    build_index = first.build["index"]
    first.close()
    second = open_backend("elasticsearch", str(tmp_path), options_for(opensearch_url, prefix))
    second.clear()
    assert second.build["index"] == build_index and second.build["last_id"] == docs[129]["id"]
    assert second.add(iter(docs)) == 300
    assert second.build["stored"] == 300  # 130 before the interruption + 170 new: none sent twice
    second.commit()
    ids = list(second.scan_ids(All()))
    assert (second.count(), sorted(ids)) == (300, [d["id"] for d in docs])
    assert list(physical_indices(opensearch_url, prefix)) == [build_index]
    assert not (tmp_path / "build.json").exists()


# reading ---------------------------------------------------------------------

@pytest.mark.parametrize("sort", ["relevance", "date_desc", "date_asc", "amount_desc"])
def test_search_after_pages_equal_full_listing(backend, monkeypatch, sort):
    backend.clear()
    backend.add(make_docs(97))
    backend.commit()
    query = parse("被告 OR 原告")
    full = backend.search(query, sort=sort, limit=97)
    monkeypatch.setattr(elastic_backend, "MAX_WINDOW", 10)  # every page past 10 walks with search_after
    paged = [hit for offset in range(0, 97, 7) for hit in backend.search(query, sort=sort, limit=7, offset=offset).hits]
    assert [h for h, _ in paged] == [h for h, _ in full.hits] and full.total == 97
    deep = backend.search(query, facets=("charges",), sort=sort, limit=5, offset=90)
    assert (deep.total, deep.facets, deep.hits) == (97, full_facets(backend, query), full.hits[90:95])


def full_facets(backend, query):
    return backend.search(query, facets=("charges",), limit=0).facets


def test_scan_ids_walks_every_match(backend, monkeypatch):
    backend.clear()
    backend.add(make_docs(95))
    backend.commit()
    monkeypatch.setattr(elastic_backend, "SCAN_PAGE", 10)
    query, filters = parse("被告"), {"charges": ["诈骗罪", "盗窃罪"]}
    listed = [h for h, _ in backend.search(query, filters, limit=95).hits]
    assert sorted(backend.scan_ids(query, filters)) == sorted(listed) and len(listed) > 10
    assert list(backend.scan_ids(query, filters)) == sorted(listed)


# retries through a throttling proxy -------------------------------------------

class ThrottlingProxy(http.server.ThreadingHTTPServer):
    """Forwards every request to the node, except that the first `rejections` bulk requests are
    refused with `status` and Retry-After (or, with status 200, answered with every item rejected
    as 429, as an overloaded node does). `as_elasticsearch` lets the elasticsearch client through:
    it answers with the product header that client requires and sends OpenSearch plain JSON."""

    def __init__(self, target: str, status: int, rejections: int = 1, retry_after: int = 1, as_elasticsearch: bool = False):
        super().__init__(("127.0.0.1", 0), ProxyHandler)
        self.target, self.status, self.rejections, self.as_elasticsearch = target, status, rejections, as_elasticsearch
        self.retry_after = retry_after
        self.log: list[tuple[str, int]] = []
        self.url = f"http://127.0.0.1:{self.server_address[1]}"


class ProxyHandler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def relay(self):
        server: ThrottlingProxy = self.server
        data = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if "_bulk" in self.path and server.rejections > 0:
            server.rejections -= 1
            self.reply(server.status, rejection(server.status, data), {"Retry-After": str(server.retry_after)})
            return
        headers = {k: v for k, v in self.headers.items() if k.lower() in ("content-type", "accept", "authorization")}
        if server.as_elasticsearch:
            headers = {k: plain_mimetype(v) for k, v in headers.items()}
        answer = requests.request(self.command, server.target + self.path, data=data, headers=headers, timeout=60)
        self.reply(answer.status_code, answer.content, {"Content-Type": answer.headers.get("Content-Type", "application/json")})

    def reply(self, status: int, content: bytes, headers: dict):
        server: ThrottlingProxy = self.server
        server.log.append((self.path.split("?")[0], status))
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        if server.as_elasticsearch:
            self.send_header("X-Elastic-Product", "Elasticsearch")
        self.send_header("Content-Length", str(len(content)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(content)

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = relay


def plain_mimetype(value: str) -> str:
    """application/vnd.elasticsearch+x-ndjson; compatible-with=9 → application/x-ndjson."""
    return value.split(";")[0].replace("vnd.elasticsearch+", "") if "vnd.elasticsearch" in value else value


def rejection(status: int, bulk: bytes) -> bytes:
    if status != 200:
        return json.dumps({"error": {"type": "rejected_execution_exception", "reason": "测试"}, "status": status}).encode()
    actions = [json.loads(line) for line in bulk.decode().splitlines()[::2] if line.strip()]
    items = [{"index": {"_id": a["index"]["_id"], "status": 429, "error": {"type": "es_rejected_execution_exception"}}}
             for a in actions]
    return json.dumps({"took": 1, "errors": True, "items": items}).encode()


@pytest.fixture
def proxy_factory(opensearch_url):
    started = []

    def start(status: int, **kwargs) -> ThrottlingProxy:
        proxy = ThrottlingProxy(opensearch_url, status, **kwargs)
        threading.Thread(target=proxy.serve_forever, daemon=True).start()
        started.append(proxy)
        return proxy

    yield start
    for proxy in started:
        proxy.shutdown()
        proxy.server_close()


@pytest.mark.parametrize("status", [
    429,  # the whole bulk request throttled
    503,  # the node unavailable for a moment
    200,  # accepted, but every item rejected with 429 (a full write queue)
])
def test_bulk_retries_rejections_with_backoff(proxy_factory, prefix, tmp_path, status):
    proxy = proxy_factory(status, rejections=2)
    backend = open_backend("elasticsearch", str(tmp_path), options_for(proxy.url, prefix))
    backend.clear()
    assert backend.add(make_docs(120)) == 120
    backend.commit()
    bulk = [code for path, code in proxy.log if path.endswith("_bulk")]
    assert bulk[:2] == [status, status] and set(bulk[2:]) == {200} and len(bulk) == 2 + 3
    assert backend.count() == 120 and len(set(backend.scan_ids(All()))) == 120


def test_elasticsearch_client_adapter_honours_retry_after(proxy_factory, prefix, tmp_path):
    """The elasticsearch client path, against OpenSearch behind a header-translating proxy (no real
    Elasticsearch runs here): same mapping, queries and aggregations; Retry-After is honoured."""
    proxy = proxy_factory(429, rejections=1, retry_after=2, as_elasticsearch=True)
    options = options_for(proxy.url, prefix, product="elasticsearch", retry_initial_s=0.01)
    backend = open_backend("elasticsearch", str(tmp_path), options)
    backend.clear()
    started = time.monotonic()
    docs = make_docs(30)
    backend.add(docs)
    assert time.monotonic() - started >= 2.0  # the backoff alone would wait at most 0.01 s
    backend.commit()
    result = backend.search(parse("敲诈勒索"), {"year": ["2015", "2018"]}, facets=("charges",))
    expected = [d for d in docs if "敲诈勒索" in d["text"] and d["year"][0] in ("2015", "2018")]
    assert result.total == len(expected) > 0
    assert result.facets == {"charges": dict(Counter(c for d in expected for c in d["charges"]))}


# two nodes -----------------------------------------------------------------

@pytest.fixture
def two_nodes(tmp_path):
    """Two JVMs forming one cluster on 127.0.0.1: yields (handles, seed ports) and stops both."""
    skip_unless_tools()
    http_a, http_b, transport_a, transport_b = free_ports(4)
    seeds = [transport_a, transport_b]
    handles = [start_node(http_a, transport_a, tmp_path / "a", "casebook-two", seeds),
               start_node(http_b, transport_b, tmp_path / "b", "casebook-two", seeds)]
    try:
        wait_for_health(handles[0].url, "green", timeout=120, handles=tuple(handles))
        yield handles, seeds
    finally:
        for handle in handles:
            stop_node(handle)


def test_node_stopped_during_bulk_import_loses_and_duplicates_nothing(two_nodes, tmp_path):
    handles, seeds = two_nodes
    manager = requests.get(f"{handles[0].url}/_cat/cluster_manager?format=json", timeout=30).json()[0]["node"]
    victim = next(i for i, h in enumerate(handles) if f"node-{seeds[i]}" != manager)  # keep the elected manager
    survivor = handles[1 - victim]
    options = options_for([h.url for h in handles], "cbtwo", shards=2, replicas=1, bulk_batch=100, retry_max_s=2.0)
    backend = open_backend("elasticsearch", str(tmp_path / "es"), options)
    docs, stopped = make_docs(4000), threading.Event()

    def stop_victim_mid_import():
        while (backend.build or {}).get("stored", 0) < 800:
            time.sleep(0.02)
        stop_node(handles[victim])
        stopped.set()

    def stream():
        for n, doc in enumerate(docs):
            if n == 2000:
                assert stopped.wait(60)  # the second half is written while one node is gone
            yield doc

    backend.clear()
    # every shard's two copies started before a node goes: a replica still recovering could not
    # take over, and the shard would stay red until the stopped node came back
    wait_for_health(survivor.url, "green", timeout=120, handles=tuple(handles))
    stopper = threading.Thread(target=stop_victim_mid_import)
    stopper.start()
    assert backend.add(stream()) == 4000
    stopper.join()
    handles[victim] = start_node(*(int(handles[victim].url.rsplit(":", 1)[1]), seeds[victim]),
                                 handles[victim].home, "casebook-two", seeds)
    wait_for_health(survivor.url, "green", timeout=180, handles=tuple(handles))
    backend.commit()
    assert backend.count() == 4000 and sorted(backend.scan_ids(All())) == [d["id"] for d in docs]
    for handle in handles:  # each node's own copy of every shard is complete
        local = requests.get(f"{handle.url}/cbtwo/_count", params={"preference": "_only_local"}, timeout=30).json()
        assert local["count"] == 4000
    backend.close()
