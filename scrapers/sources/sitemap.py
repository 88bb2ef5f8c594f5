"""sitemap: any site that lists its judgments in sitemap.xml or a sitemap index (sitemaps.org).

Listing: <urlset> entries become items with their <lastmod>; <sitemapindex> children become
further listings (skipped when their lastmod is before --since).  Gzipped sitemaps are read too.
Documents: HTML, plain text, JSON (China Judgments Online shapes or {title, full_text}), DOCX, PDF.
"""
from __future__ import annotations

import gzip

from lxml import etree

from casebook.record import Record, Source, derive_id
from scrapers.base import BaseSite, SiteError
from scrapers.decode import read_document
from scrapers.fetch import Page
from scrapers.importers.text import first_line


def _local(tag) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def sitemap_entries(data: bytes) -> tuple[str, list[dict]]:
    """('urlset' | 'sitemapindex', [{loc, lastmod}]) of a sitemap document."""
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    try:
        root = etree.fromstring(data, parser=etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as exc:
        raise SiteError(f"sitemap 不是有效的 XML（可能被截断）: {exc}") from exc
    kind = _local(root.tag)
    if kind not in ("urlset", "sitemapindex"):
        raise SiteError(f"不是 sitemap：根元素是 <{kind}>，应为 <urlset> 或 <sitemapindex>")
    entries = []
    for node in root:
        fields = {_local(child.tag): (child.text or "").strip() for child in node}
        if fields.get("loc"):
            entries.append({"loc": fields["loc"], "lastmod": fields.get("lastmod") or None})
    return kind, entries


def json_text(obj) -> tuple[str, str]:
    """(title, text) of a JSON judgment: China Judgments Online shapes or {title, full_text|text}."""
    from scrapers.importers.wenshu import document_text, is_wenshu, unwrap

    if isinstance(obj, dict) and is_wenshu(obj):
        return document_text(unwrap(obj)[0])
    text = isinstance(obj, dict) and (obj.get("full_text") or obj.get("text") or obj.get("content"))
    if not text:
        raise SiteError("JSON 文档没有正文字段（full_text / text / content 或裁判文书网字段）")
    return obj.get("title") or "", text


class Site(BaseSite):
    description = "任意网站的 sitemap.xml（含 sitemap 索引与 lastmod）所列的裁判文书"

    def parse_listing(self, page: Page) -> None:
        kind, entries = sitemap_entries(page.content)
        since = (self.options.get("since") or "")[:10]
        for entry in entries:
            if kind == "sitemapindex":
                if not (since and entry["lastmod"] and entry["lastmod"][:10] < since):
                    self.add_listing(entry["loc"])
            else:
                self.add_item(url=entry["loc"], lastmod=entry["lastmod"])

    def parse_document(self, page: Page, item: dict) -> Record:
        doc = read_document(page.content, page.content_type, page.url)
        title, text = json_text(doc.data) if doc.format == "json" else (doc.title or "", doc.text)
        if not text.strip():
            raise SiteError("文档没有正文")
        return Record(
            id=derive_id("web", item["url"]),
            title=title or first_line(text),
            full_text=text,
            source=Source(name=self.name, url=item["url"], fetched_at=page.fetched_at, sha256=page.sha256),
        )
