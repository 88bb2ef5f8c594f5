"""court-news: news and case reports in the CMS chinacourt.org and many local court sites share.

Detail pages live at /article/detail/<yyyy>/<mm>/id/<n>.shtml; list pages link to them and to
the next page (下一页).  The header line reads `2021-06-19 09:12:23 | 来源:人民法院报 | 作者:…` or
`发布时间:2018-12-26 11:18:26`.  A report becomes a `news_report` with the facts it states
(`scrapers.news`) and its publication.
"""
from __future__ import annotations

import re
from urllib.parse import urljoin

from bs4 import BeautifulSoup

from casebook.record import Record
from scrapers.base import BaseSite, SiteError
from scrapers.decode import decode_text
from scrapers.fetch import Page
from scrapers.importers.text import html_to_text
from scrapers.news import header_fields, news_record_from_text

DETAIL = re.compile(r"/article/detail/(\d{4})/(\d{2})/id/(\d+)\.shtml")
# Containers the CMS puts the article body in, most specific first.
BODY_SELECTORS = (".detail_txt", "#zoom", ".text", ".article-content", ".content", "article")
TITLE_SELECTORS = (".b_title", ".detail_bigtitle", "h1", ".title")
HEADER_LINE = re.compile(r"(\d{4}-\d{2}-\d{2} \d{1,2}:\d{2}(?::\d{2})?\s*[|｜]\s*来源|发布时间[:：])")


def _first(soup: BeautifulSoup, selectors: tuple[str, ...]):
    for selector in selectors:
        node = soup.select_one(selector)
        if node and node.get_text(strip=True):
            return node
    return None


def header_line(page_text: str) -> str:
    """The line with the publication time and source (`2019-01-18 10:21 | 来源：…`, `发布时间：…`)."""
    return next((line for line in page_text.split("\n") if HEADER_LINE.search(line)), "")


class Site(BaseSite):
    description = "中国法院网及各地法院网站（同一 CMS）的新闻与案例报道"

    def parse_listing(self, page: Page) -> None:
        soup = BeautifulSoup(decode_text(page.content, page.content_type), "lxml")
        for link in soup.find_all("a", href=True):
            url = urljoin(page.url, link["href"])
            match = DETAIL.search(url)
            if match:
                self.add_item(url=url, id=match.group(3), title=link.get_text(strip=True),
                              date=_listed_date(link) or f"{match.group(1)}-{match.group(2)}")
            elif link.get_text(strip=True) in ("下一页", "下页", ">"):
                self.add_listing(url, paginated=True)

    def parse_document(self, page: Page, item: dict) -> Record:
        html = decode_text(page.content, page.content_type)
        soup = BeautifulSoup(html, "lxml")
        body = _first(soup, BODY_SELECTORS)
        if body is None:
            raise SiteError("页面没有正文区块（.detail_txt / #zoom / .text …），不是法院网文章页")
        title = _first(soup, TITLE_SELECTORS)
        title_text = title.get_text(strip=True) if title else (soup.title.get_text(strip=True) if soup.title else "")
        header = header_fields(header_line(html_to_text(html)[0]))
        text, _ = html_to_text(str(body))
        record = news_record_from_text(text, url=page.url, title=title_text or item.get("title"),
                                       source_name=self.name, **header)
        record.source.fetched_at, record.source.sha256 = page.fetched_at, page.sha256
        record.meta = {k: v for k, v in (("来源", header.get("publisher")), ("发布时间", header.get("published")))
                       if v}
        return record


def _listed_date(link) -> str | None:
    """A date printed next to a list link (<li><a>…</a><span>2021-06-19</span></li>)."""
    parent = link.parent
    match = re.search(r"\d{4}-\d{2}-\d{2}", parent.get_text(" ", strip=True)) if parent else None
    return match.group(0) if match else None
