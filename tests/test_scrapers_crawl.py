"""Crawls against a real HTTP server on 127.0.0.1, checked through the server's own request log.

The site has a robots.txt that disallows /private/ and sets Crawl-delay, a page that answers 429
with Retry-After, a 503, a page slower than the client timeout, a GBK page under a lying UTF-8
header, a truncated page, a redirect, JSON and DOCX documents; then a second run, a resumed run,
a changed document, and sources that must stop (challenge page, missing token).
"""
from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path

import pytest
import requests
from warcio.archiveiterator import ArchiveIterator

from corpus.store import Store
from scrapers.sources import list_sources, run_source
from tests.http_fixture_server import Answer, FixtureServer

EXAMPLES = Path(__file__).parent / "examples" / "sources"
CRAWL_DELAY = 0.1
CONFIG = {"scrapers": {"user_agent": "CasebookTest/0.1", "contact": "mailto:crawler@example.org",
                       "rate_limit_per_host": 50, "timeout": 0.5, "max_retries": 2, "backoff": 0.05}}
ROBOTS = f"User-agent: *\nDisallow: /private/\nCrawl-delay: {CRAWL_DELAY}\n".encode()
DOCS_A = ["/j/plain.html", "/j/gbk.html", "/j/retry429.html", "/j/retry503.html", "/j/slow.html",
          "/j/truncated.html", "/private/secret.html", "/old/moved.html"]
DOCS_B = ["/j/doc.json", "/j/doc.docx"]


def example(name: str) -> bytes:
    return (EXAMPLES / name).read_bytes()


def docx_bytes() -> bytes:
    from docx import Document

    document, out = Document(), io.BytesIO()
    for line in ("某市人民法院", "民事裁定书", "（2020）苏0684民初1号", "准许原告撤回起诉。"):
        document.add_paragraph(line)
    document.save(out)
    return out.getvalue()


def urlset(base: str, entries: list[tuple[str, str]]) -> bytes:
    rows = "".join(f"<url><loc>{base}{p}</loc><lastmod>{lastmod}</lastmod></url>" for p, lastmod in entries)
    return f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{rows}</urlset>'.encode()


def html(body: bytes, charset: str = "utf-8", **kw) -> Answer:
    return Answer(body, headers={"Content-Type": f"text/html; charset={charset}"}, **kw)


def build_site(server: FixtureServer, plain: bytes | None = None, lastmod: str = "2020-01-01") -> None:
    base = server.url
    index = "".join(f"<sitemap><loc>{base}/sitemaps/{n}.xml</loc></sitemap>" for n in "ab")
    xml = {"Content-Type": "application/xml"}
    server.route("/robots.txt", Answer(ROBOTS, headers={"Content-Type": "text/plain"}))
    server.route("/sitemap.xml", Answer(f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                                        f"{index}</sitemapindex>".encode(), headers=xml))
    plain_first = [(DOCS_A[0], lastmod)] + [(p, "2020-01-01") for p in DOCS_A[1:]]
    server.route("/sitemaps/a.xml", Answer(urlset(base, plain_first), headers=xml))
    server.route("/sitemaps/b.xml", Answer(urlset(base, [(p, "2020-01-01") for p in DOCS_B]), headers=xml))
    server.route("/j/plain.html", html(plain or example("sitemap_example_judgment.html")))
    server.route("/j/gbk.html", html(example("sitemap_example_gbk.html"), charset="utf-8"))  # the header lies
    server.route("/j/retry429.html", Answer(b"slow down", 429, {"Retry-After": "1"}),
                 html(example("sitemap_example_judgment.html").replace(b"999", b"429")))
    server.route("/j/retry503.html", Answer(b"busy", 503), html(example("sitemap_example_judgment.html")
                                                                 .replace(b"999", b"503")))
    server.route("/j/slow.html", html(b"<p>late</p>", delay=1.0),
                 html(example("sitemap_example_judgment.html").replace(b"999", b"777")))
    server.route("/j/truncated.html", html(example("sitemap_example_judgment.html"), truncate=True))
    server.route("/private/secret.html", html(b"<p>secret</p>"))
    server.route("/old/moved.html", Answer(b"", 301, {"Location": "/j/moved.html"}))
    server.route("/j/moved.html", html(example("sitemap_example_judgment.html").replace(b"999", b"301")))
    server.route("/j/doc.json", Answer(example("sitemap_example_judgment.json"),
                                       headers={"Content-Type": "application/json"}))
    server.route("/j/doc.docx", Answer(docx_bytes(), headers={"Content-Type": "application/octet-stream"}))


def new_session() -> requests.Session:
    s = requests.Session()
    s.trust_env = False  # never send loopback traffic through a proxy from the environment
    return s


@pytest.fixture
def session():
    return new_session()


def first_crawl(data_dir: Path):
    with FixtureServer() as server:
        build_site(server)
        store, session = Store(data_dir), new_session()
        report = run_source("sitemap", store, CONFIG, url=server.url + "/sitemap.xml", session=session)
        yield server, store, report, session


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    """One first run shared by the tests that only read its results."""
    yield from first_crawl(tmp_path_factory.mktemp("crawl") / "data")


@pytest.fixture
def recrawl(tmp_path):
    """A first run of its own, for tests that crawl again."""
    yield from first_crawl(tmp_path / "data")


def test_first_run_fetches_every_allowed_document_once(crawled):
    server, store, report, _ = crawled
    assert report.status == "done", report.message
    assert (report.new, report.updated, report.disallowed) == (8, 0, 1)
    assert [e["url"] for e in report.errors] == [server.url + "/j/truncated.html"]
    assert store.count() == 8
    assert server.paths()[0] == "/robots.txt" and server.paths().count("/robots.txt") == 1
    assert "/private/secret.html" not in server.paths()  # robots.txt Disallow
    assert all("mailto:crawler@example.org" in e.headers["User-Agent"] for e in server.log)


def test_crawl_delay_spaces_every_request(crawled):
    server = crawled[0]
    gaps = [b.time - a.time for a, b in zip(server.log, server.log[1:])]
    assert min(gaps) >= CRAWL_DELAY - 0.02, gaps


def test_retries_honour_retry_after_and_back_off(crawled):
    server = crawled[0]
    first, second = server.requests_for("/j/retry429.html")
    assert (first.status, second.status) == (429, 200)
    assert second.time - first.time >= 1.0  # Retry-After: 1
    assert [e.status for e in server.requests_for("/j/retry503.html")] == [503, 200]
    assert len(server.requests_for("/j/slow.html")) == 2  # timed out once, then answered
    assert len(server.requests_for("/j/truncated.html")) == 1 + CONFIG["scrapers"]["max_retries"]


def test_redirect_gbk_json_and_docx_documents_are_read(crawled):
    server, store, _, _ = crawled
    texts = {r.source.url.rsplit("/", 1)[-1]: r for r in store.iter_records()}
    assert server.requests_for("/j/moved.html") and "（2017）苏0684刑初301号" in texts["moved.html"].full_text
    assert "民事调解书" in texts["gbk.html"].full_text  # GB2312 bytes under a UTF-8 header
    assert texts["doc.json"].title == "某网络公司与刘某网络侵权责任纠纷一审民事判决书"
    assert "准许原告撤回起诉" in texts["doc.docx"].full_text


def test_raw_bytes_are_archived_with_their_sha256(crawled):
    _, store, _, _ = crawled
    for record in store.iter_records():
        raw = store.get_raw(record.source.sha256)
        assert raw is not None and hashlib.sha256(raw).hexdigest() == record.source.sha256
    statuses = []
    for warc in (store.data_dir / "warc").glob("sitemap-*.warc.gz"):
        with open(warc, "rb") as fh:
            statuses += [r.http_headers.get_statuscode() for r in ArchiveIterator(fh) if r.rec_type == "response"]
    assert {"200", "301", "429", "503"} <= set(statuses)


def test_second_run_fetches_nothing_new(recrawl):
    server, store, _, session = recrawl
    done = {p for p in DOCS_A + DOCS_B + ["/j/moved.html"] if p not in ("/j/truncated.html", "/private/secret.html")}
    before = len(server.log)
    report = run_source("sitemap", store, CONFIG, url=server.url + "/sitemap.xml", session=session)
    again = server.log[before:]
    assert report.new == report.updated == 0
    assert not done & {e.path for e in again}, "an unchanged document was fetched again"
    listings = [e for e in again if e.path.endswith(".xml")]
    assert listings and all(e.status == 304 and e.headers.get("If-None-Match") for e in listings)


def test_interrupted_crawl_resumes_where_it_stopped(tmp_path, session):
    with FixtureServer() as server:
        build_site(server)
        store = Store(tmp_path / "data")
        url = server.url + "/sitemap.xml"
        first = run_source("sitemap", store, CONFIG, url=url, max_items=3, session=session)
        fetched_first = [e.path for e in server.log if e.path.startswith(("/j/", "/old/"))]
        before = len(server.log)
        second = run_source("sitemap", store, CONFIG, url=url, resume=True, session=session)
        fetched_second = [e.path for e in server.log[before:] if e.path.startswith(("/j/", "/old/"))]
    assert first.fetched == 3 and first.new == 3
    assert second.status == "done" and first.new + second.new == 8
    assert not set(fetched_first) & set(fetched_second) - {"/j/truncated.html"}
    assert not any(e.path == "/sitemap.xml" for e in server.log[before:])  # resumed from the checkpoint


def test_changed_document_becomes_a_new_version(recrawl):
    server, store, _, session = recrawl
    changed = example("sitemap_example_judgment.html").replace("五千元".encode(), "六千元".encode())
    build_site(server, plain=changed, lastmod="2021-06-01")
    report = run_source("sitemap", store, CONFIG, url=server.url + "/sitemap.xml", session=session)
    assert (report.new, report.updated) == (0, 1)
    record = next(r for r in store.iter_records() if r.source.url.endswith("/j/plain.html"))
    assert "六千元" in record.full_text and len(store.versions(record.id)) == 1


def test_sources_list_shows_last_run_counts_and_errors(crawled):
    _, store, _, _ = crawled
    sitemap = next(s for s in list_sources(store) if s["name"] == "sitemap")
    assert sitemap["last_run"]["new"] == 8 and sitemap["totals"]["errors"] == 1


def test_challenge_page_stops_the_crawl(tmp_path, session):
    captcha = '<html><body><form action="/verify"><img src="/captcha.jpg">请输入验证码<input name="code"></form></body></html>'
    with FixtureServer() as server:
        server.route("/robots.txt", Answer(b"", 404))
        server.route("/website/parse/rest.q4w", html(captcha.encode()))
        config = {"scrapers": {**CONFIG["scrapers"], "sources": {"wenshu": {"endpoint": server.url +
                                                                            "/website/parse/rest.q4w"}}}}
        report = run_source("wenshu", Store(tmp_path / "data"), config, session=session)
        posts = server.requests_for("/website/parse/rest.q4w")
    assert report.status == "stopped" and "验证码" in report.message and "casebook import" in report.message
    assert len(posts) == 1 and posts[0].method == "POST"


def test_case_library_without_token_stops_before_any_request(tmp_path, session):
    report = run_source("case-library", Store(tmp_path / "data"), CONFIG, session=session)
    assert report.status == "stopped" and "token" in report.message and report.requests == 0


def test_court_news_follows_pages_into_news_reports(tmp_path, session):
    with FixtureServer() as server:
        server.route("/robots.txt", Answer(b"User-agent: *\nAllow: /\n"))
        listing = example("court_news_example_listing.html").replace(b"https://www.chinacourt.org", b"")
        server.route("/list/1.shtml", html(listing.replace(b"/article/index/id/MzAwNDAwMAoAAA/page/3.shtml",
                                                           b"/list/2.shtml")))
        server.route("/list/2.shtml", html(b'<ul><li><a href="/article/detail/2018/09/id/3500000.shtml">x</a></li></ul>'))
        for path in ("/article/detail/2019/01/id/3712345.shtml", "/article/detail/2018/11/id/3598765.shtml",
                     "/article/detail/2018/10/id/3555555.shtml", "/article/detail/2018/09/id/3500000.shtml"):
            server.route(path, html(example("court_news_example_detail.html").replace(b"3000", path[-12:-6].encode())))
        store = Store(tmp_path / "data")
        report = run_source("court-news", store, CONFIG, url=server.url + "/list/1.shtml", session=session)
    assert report.status == "done" and report.new == 4 and "/list/2.shtml" in server.paths()
    kinds = {r.kind for r in store.iter_records()}
    assert kinds == {"news_report"}
    assert all(json.dumps(r.publication, ensure_ascii=False).count("人民法院报") for r in store.iter_records())
