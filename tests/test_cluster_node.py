"""A real OpenSearch 2.19 node (tests/cluster) with the CJK analysis chain Casebook relies on."""

from __future__ import annotations

import pytest
import requests

from tests.cluster_node import free_ports, skip_unless_tools, start_node, stop_node, wait_for_health

pytest_plugins = ["tests.cluster_node"]
pytestmark = pytest.mark.cluster

INDEX = "casebook-cjk-test"
INDEX_BODY = {
    "settings": {
        "number_of_shards": 1,
        "number_of_replicas": 0,
        "analysis": {"analyzer": {"cjk": {
            "type": "custom",
            "tokenizer": "standard",
            "filter": ["cjk_width", "lowercase", "cjk_bigram"],
        }}},
    },
    "mappings": {"properties": {"body": {"type": "text", "analyzer": "cjk"}}},
}
DOCS = {
    "1": "（２０２３）京０１０５刑初１２３号 被告人张某犯敲诈勒索罪，判处有期徒刑一年。",
    "2": "被告人李某犯诈骗罪，判处有期徒刑二年。",
}


@pytest.fixture(scope="module")
def cjk_index(opensearch_url):
    """URL of an index analysed with standard + cjk_width + lowercase + cjk_bigram, holding DOCS."""
    url = f"{opensearch_url}/{INDEX}"
    requests.delete(url, timeout=30)
    requests.put(url, json=INDEX_BODY, timeout=60).raise_for_status()
    for doc_id, body in DOCS.items():
        requests.put(f"{url}/_doc/{doc_id}", json={"body": body}, timeout=30).raise_for_status()
    requests.post(f"{url}/_refresh", timeout=30).raise_for_status()
    yield url
    requests.delete(url, timeout=30)


def test_single_node_is_green(opensearch_url):
    health = requests.get(f"{opensearch_url}/_cluster/health", timeout=30).json()
    assert (health["status"], health["number_of_nodes"]) == ("green", 1)


@pytest.mark.parametrize("text, expected", [
    # overlapping Han bigrams at consecutive positions
    ("敲诈勒索罪", [("敲诈", 0), ("诈勒", 1), ("勒索", 2), ("索罪", 3)]),
    # a lone Han character stays a unigram
    ("罪", [("罪", 0)]),
    # full-width Latin and digits fold to ASCII and lowercase; they stay one word after the Han bigrams
    ("敲诈勒索罪ABC１２３", [("敲诈", 0), ("诈勒", 1), ("勒索", 2), ("索罪", 3), ("abc123", 4)]),
    # full-width capitals alone: width folding then lowercase
    ("ＬＰＲ利率", [("lpr", 0), ("利率", 1)]),
    # half-width katakana folds to full width and is bigrammed like Han
    ("ｶﾀｶﾅ", [("カタ", 0), ("タカ", 1), ("カナ", 2)]),
])
def test_cjk_analyzer_tokens(cjk_index, text, expected):
    response = requests.post(f"{cjk_index}/_analyze", json={"analyzer": "cjk", "text": text}, timeout=30)
    response.raise_for_status()
    assert [(t["token"], t["position"]) for t in response.json()["tokens"]] == expected


@pytest.mark.parametrize("phrase, expected_ids", [
    # a four-character charge name matches only the judgment that contains it
    ("敲诈勒索", ["1"]),
    # words in both documents
    ("判处有期徒刑", ["1", "2"]),
    # the same characters out of order are not a phrase
    ("勒索敲诈", []),
    # another charge matches only its own judgment
    ("诈骗罪", ["2"]),
    # an ASCII case number finds the one written in full-width digits
    ("京0105刑初123号", ["1"]),
])
def test_match_phrase(cjk_index, phrase, expected_ids):
    query = {"query": {"match_phrase": {"body": phrase}}}
    response = requests.post(f"{cjk_index}/_search", json=query, timeout=30)
    response.raise_for_status()
    assert sorted(hit["_id"] for hit in response.json()["hits"]["hits"]) == expected_ids


def test_two_nodes_form_one_cluster(tmp_path):
    skip_unless_tools()
    http_a, http_b, transport_a, transport_b = free_ports(4)
    seeds = [transport_a, transport_b]
    handles = []
    try:
        handles.append(start_node(http_a, transport_a, tmp_path / "a", "casebook-pair", seeds))
        handles.append(start_node(http_b, transport_b, tmp_path / "b", "casebook-pair", seeds))
        health = wait_for_health(handles[0].url, "green", timeout=120, handles=tuple(handles))
        other = requests.get(f"{handles[1].url}/_cluster/health", timeout=30).json()
        assert (health["number_of_nodes"], other["number_of_nodes"]) == (2, 2)
        assert health["cluster_name"] == other["cluster_name"] == "casebook-pair"
    finally:
        for handle in handles:
            stop_node(handle)
