"""The web app over real HTTP (waitress on 127.0.0.1): JSON API, search page and case page."""
from __future__ import annotations

import re
from html import unescape
from urllib.parse import parse_qsl

import pytest
import requests
from markupsafe import escape

from casebook.context import Context
from indexer.fields import FACET_FIELDS
from indexer.search import search
from tests.web_server import build_data_dir, serve
from web import create_app
from web.format import SECTION_LABELS

ESCAPE_ID = "web-escape-1"  # tests/examples/web/escaping.jsonl: <script> in title, party name and text
PLAIN_ID = "web-plain-note-1"  # same file: a text with no judgment structure at all
SCRIPT = "<script>alert(1)</script>"


@pytest.fixture(scope="module")
def config(tmp_path_factory):
    return build_data_dir(tmp_path_factory.mktemp("web-api") / "data")


@pytest.fixture(scope="module")
def local(config):
    """The same data dir opened in-process, to compare the server's answers with."""
    context = Context(config)
    yield context
    context.close()


@pytest.fixture(scope="module")
def store(local):
    return local.store


@pytest.fixture(scope="module")
def base(config):
    with serve(config) as url:
        yield url


def api(base, path, **params):
    return requests.get(f"{base}/api/{path}", params=params, timeout=30)


def search_json(base, **params) -> dict:
    response = api(base, "search", **params)
    assert response.status_code == 200, response.text
    return response.json()


# --- JSON API -------------------------------------------------------------------------------


def test_search_json_shape(base):
    out = search_json(base, q="敲诈勒索 差评")
    assert out["total"] >= len(out["hits"]) > 0
    for hit in out["hits"]:
        assert set(hit) >= {"id", "title", "case_number", "court", "date", "score", "snippet", "kind", "sample"}
    assert any("<mark>" in hit["snippet"] for hit in out["hits"])
    assert set(out["facets"]) == set(FACET_FIELDS)


def test_api_search_is_the_search_service_json(base, local):
    # same hits, totals and facets as the CLI's search, facet values in the same (count) order
    expected = search(local.backend, "差评", {"case_type": ["民事"]}, 5, 0, "date_desc")
    got = search_json(base, q="差评", case_type="民事", limit=5, sort="date_desc")
    assert got == expected
    assert {f: list(v) for f, v in got["facets"].items()} == {f: list(v) for f, v in expected["facets"].items()}


def test_limit_zero_gives_counts_only(base):
    out, full = search_json(base, q="差评", limit=0), search_json(base, q="差评")
    assert out["hits"] == [] and out["total"] == full["total"] > 0 and out["facets"] == full["facets"]


def test_empty_query_lists_every_case(base, store):
    assert search_json(base)["total"] == store.count()


@pytest.mark.parametrize("field", ["case_type", "charges", "court", "year", "kind", "province", "statutes"])
def test_facet_count_equals_filtered_total(base, field):
    # the top value of each facet, used as a filter, gives exactly the counted number of cases
    facets = search_json(base, q="差评")["facets"][field]
    assert facets, f"no {field} facet for 差评"
    value, count = next(iter(facets.items()))
    assert search_json(base, q="差评", **{field: value})["total"] == count


def test_filters_combine(base):
    # case_type=刑事 and charges=X together: the charges count inside the criminal subset
    criminal = search_json(base, case_type="刑事")
    charge, count = next(iter(criminal["facets"]["charges"].items()))
    both = search_json(base, case_type="刑事", charges=charge)
    assert both["total"] == count <= criminal["total"]
    assert all(h["id"] for h in both["hits"])


def test_chinese_filter_names_are_accepted(base):
    assert search_json(base, 案件类型="刑事")["total"] == search_json(base, case_type="刑事")["total"]


@pytest.mark.parametrize("sort", ["date_desc", "date_asc", "relevance"])
def test_pages_concatenate_without_overlap(base, sort):
    whole = search_json(base, q="差评", sort=sort, limit=200)
    expected = [h["id"] for h in whole["hits"]]
    ids = []
    for offset in range(0, len(expected), 3):
        ids += [h["id"] for h in search_json(base, q="差评", sort=sort, limit=3, offset=offset)["hits"]]
    assert len(expected) > 3
    assert ids == expected and len(set(ids)) == len(ids)


def test_date_sort_orders_by_date(base):
    dates = [h["date"] for h in search_json(base, sort="date_desc", limit=50)["hits"] if h["date"]]
    assert dates == sorted(dates, reverse=True)


@pytest.mark.parametrize("params", [
    {"q": "(a"},  # unbalanced parenthesis
    {"q": '"abc'},  # unclosed quote
    {"q": "未知字段:x"},  # unknown field
    {"q": "差评", "sort": "random"},  # unknown sort
    {"q": "差评", "offset": "abc"},  # offset not an integer
    {"q": "差评", "limit": "-1"},  # negative limit
    {"q": "差评", "limit": "5000"},  # limit above the maximum
    {"q": "差评", "no_such_field": "x"},  # unknown filter
])
def test_malformed_requests_are_400_json(base, params):
    response = api(base, "search", **params)
    assert response.status_code == 400
    body = response.json()
    assert body["ok"] is False and body["status"] == 400
    assert re.search(r"[\u4e00-\u9fff]", body["error"])
    assert set(body["detail"]) == {"message", "position", "suggestion"}


def test_query_error_gives_position(base):
    detail = api(base, "search", q='差评 "abc').json()["detail"]
    assert detail["position"] is not None and 0 <= detail["position"] <= len('差评 "abc')


def test_case_json(base, store):
    response = api(base, f"cases/{ESCAPE_ID}")
    assert response.status_code == 200
    assert response.json() == store.get(ESCAPE_ID).to_dict()


@pytest.mark.parametrize("path", ["cases/no-such-case", "no-such-endpoint"])
def test_unknown_api_paths_are_404_json(base, path):
    response = api(base, path)
    assert response.status_code == 404
    body = response.json()
    assert body["ok"] is False and body["status"] == 404 and body["error"] and "detail" in body


def test_a_real_bug_under_api_is_500_json(config):
    app = create_app(config)
    app.add_url_rule("/api/broken", "broken", lambda: 1 / 0)  # a deliberate bug, to see the envelope
    response = app.test_client().get("/api/broken")
    assert response.status_code == 500
    assert response.get_json() == {"ok": False, "status": 500, "error": "服务器内部错误", "detail": {"path": "/api/broken"}}
    app.extensions["casebook"].close()


# --- HTML pages -----------------------------------------------------------------------------


def page(base, path, **params):
    return requests.get(base + path, params=params, timeout=30)


def test_search_page_lists_hits_with_marked_snippets(base):
    response = page(base, "/search", q="敲诈勒索 差评")
    assert response.status_code == 200
    total = search_json(base, q="敲诈勒索 差评")["total"]
    assert f"共 <strong>{total}</strong> 件" in response.text
    assert "<mark>" in response.text and 'class="facet"' in response.text


def test_search_page_shows_active_filter_with_remove_link(base):
    response = page(base, "/search", q="差评", case_type="刑事")
    chip = re.search(r'<a class="chip" href="([^"]+)"[^>]*>案件类型：刑事', response.text)
    assert chip, "active filter chip missing"
    assert "case_type" not in chip.group(1) and "q=" in chip.group(1)


def test_search_page_pagination_links(base):
    total = search_json(base)["total"]
    text = page(base, "/search", offset=10).text
    assert "上一页" in text and 'rel="prev"' in text
    assert ('rel="next"' in text) == (total > 20)


@pytest.mark.parametrize("q", ["(a", '"abc', "未知字段:x"])
def test_search_page_bad_query_is_400_with_chinese_message(base, q):
    response = page(base, "/search", q=q)
    detail = api(base, "search", q=q).json()["detail"]
    assert response.status_code == 400
    assert "无法理解这条检索式" in response.text and escape(detail["message"]) in response.text
    if detail["position"] is not None:
        assert f"位置：第 {detail['position'] + 1} 个字符" in response.text
    if detail["suggestion"]:
        assert f"建议：{escape(detail['suggestion'])}" in response.text


def test_escaped_everywhere(base):
    case_page = page(base, f"/cases/{ESCAPE_ID}").text
    hits_page = page(base, "/search", q="alert").text
    for text in (case_page, hits_page):
        assert SCRIPT not in text
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert 'href="javascript:' not in case_page  # a javascript: source URL is shown, never linked


def test_no_markup_from_plain_documents(base):
    text = page(base, f"/cases/{PLAIN_ID}").text
    assert "<img src=x" not in text and "&lt;img src=x" in text
    assert 'id="sec-full_text"' in text  # no sections: the whole text in paragraphs


def test_case_page_shows_sections_in_document_order(base, store):
    record = store.get(ESCAPE_ID)
    text = page(base, f"/cases/{ESCAPE_ID}").text
    names = [n for n, body in record.sections.items() if body.strip()]
    assert len(names) >= 5
    found = [m.group(1) for m in re.finditer(r'<section class="doc-section" id="sec-(\w+)">', text)]
    assert found == [n for n in SECTION_LABELS if n in names]  # a regular judgment: the usual order
    assert all(f'href="#sec-{n}"' in text for n in names)


def test_case_page_summary_card(base, store):
    record = store.get(ESCAPE_ID)
    text = page(base, f"/cases/{ESCAPE_ID}").text
    assert record.case_number in text and record.court["name"] in text
    assert "拘役 4个月" in text and "¥2,000" in text  # sentence: 拘役四个月, 罚金二千元
    assert "《中华人民共和国刑法》" in text and "第274条" in text


def test_related_case_links_to_the_corpus_case(base, store):
    by_number = {r.case_number: r.id for r in store.iter_records() if r.case_number}
    pairs = [(r.id, by_number[n]) for r in store.iter_records() for n in r.related_cases
             if by_number.get(n) not in (None, r.id)]
    assert pairs, "the samples should contain an appeal whose first instance is in the corpus"
    case_id, related_id = pairs[0]
    assert f'href="/cases/{related_id}"' in page(base, f"/cases/{case_id}").text


def test_sample_and_news_labels(base, store):
    sample = next(r for r in store.iter_records() if r.sample)
    news = next(r for r in store.iter_records() if r.kind == "news_report" and (r.publication or {}).get("publisher"))
    assert "badge-sample" in page(base, f"/cases/{sample.id}").text
    news_page = page(base, f"/cases/{news.id}").text
    assert "badge-news" in news_page and "报道来源" in news_page and news.publication["publisher"] in news_page


def test_unknown_case_is_a_friendly_404(base):
    response = page(base, "/cases/no-such-case")
    assert response.status_code == 404
    assert "找不到该案例" in response.text and "no-such-case" in response.text


def test_concurrent_requests_all_succeed(base):
    # waitress serves from several threads sharing one store connection and one index
    from concurrent.futures import ThreadPoolExecutor

    paths = [f"/cases/{ESCAPE_ID}", "/search?q=差评", "/api/search?q=差评&sort=date_desc", f"/api/cases/{PLAIN_ID}"] * 10
    with ThreadPoolExecutor(8) as pool:
        codes = list(pool.map(lambda path: requests.get(base + path, timeout=30).status_code, paths))
    assert codes == [200] * len(paths)


def test_case_page_value_links_find_the_case(base):
    # every 罪名/法院/法条/平台 link on a case page is a filter whose results include that case
    text = page(base, f"/cases/{ESCAPE_ID}").text
    links = [unescape(m) for m in re.findall(r'class="value-link" href="/search\?([^"]+)"', text)]
    assert len(links) >= 3
    for query in links:
        params = dict(parse_qsl(query)) | {"q": "alert", "limit": 200}
        assert ESCAPE_ID in [h["id"] for h in search_json(base, **params)["hits"]], query
