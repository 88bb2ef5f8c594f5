"""wenshu: China Judgments Online (中国裁判文书网) documents.

Parses every shape the site has served (judgment-facts.md §4.1): the new s-code JSON (bare, in
the API envelope {code, result}, or in a crawler wrapper {doc_id, source}), the old
{Title, PubDate, Html} JSON, the old detail page `jsonHtmlData = "…"`, and the per-document
".doc" downloads that are really HTML.  Listing and detail requests go to a configurable endpoint
and use only what it serves an ordinary client: an encrypted answer, a CAPTCHA, a challenge or a
login wall stops the run with advice to import the site's downloads instead.
"""
from __future__ import annotations

import json
import re

from casebook.record import Record, Source, derive_id
from scrapers.base import BaseSite, SiteError, StopCrawl
from scrapers.decode import FormatError, decode_text, read_document
from scrapers.fetch import Page
from scrapers.importers.text import first_line
from scrapers.importers.wenshu import WenshuFormatError, is_wenshu, wenshu_record

ENDPOINT = "https://wenshu.court.gov.cn/website/parse/rest.q4w"
LIST_CFG = "com.lawyee.judge.dc.parse.dto.SearchDataDsoDTO@queryDoc"
DETAIL_CFG = "com.lawyee.judge.dc.parse.dto.SearchDataDsoDTO@docInfoSearch"
ADVICE = "请在中国裁判文书网上手动下载文书（.doc / JSON），再用 casebook import 导入"
_JS_DATA = re.compile(r"jsonHtmlData\s*=\s*(\"(?:[^\"\\]|\\.)*\"|\{.*\})", re.S)


def envelope_result(obj: dict):
    """The `result` of an API answer {code, description, result, success}; StopCrawl when refused."""
    if obj.get("success") is False or obj.get("code") not in (None, 1, "1", 200, "200"):
        raise StopCrawl(f"裁判文书网接口拒绝了请求（{obj.get('description') or obj.get('code')}）。{ADVICE}")
    result = obj.get("result")
    if isinstance(result, str):
        try:
            result = json.loads(result)
        except json.JSONDecodeError:
            raise StopCrawl(f"裁判文书网返回了加密或需要浏览器脚本的结果，本工具不会破解。{ADVICE}") from None
    return result


def document_object(data: bytes, content_type: str = "") -> dict | None:
    """The wenshu JSON object in an answer (JSON, API envelope, or old `jsonHtmlData` page), or None."""
    text = decode_text(data, content_type).strip()
    match = _JS_DATA.search(text[:2000]) if not text.startswith(("{", "[")) else None
    if match:
        value = json.loads(match.group(1))
        return json.loads(value) if isinstance(value, str) else value
    if not text.startswith("{"):
        return None
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        raise FormatError(f"JSON 无法解析（可能被截断）: {exc}") from exc
    return envelope_result(obj) if "result" in obj and not is_wenshu(obj) else obj


def url_doc_id(url: str | None) -> str | None:
    """The document id in a detail or download URL (?DocID=… / ?docId=…)."""
    match = re.search(r"[?&]doc_?id=([0-9a-f-]{32,36})", url or "", re.I)
    return match.group(1) if match else None


def parse_wenshu(data: bytes, content_type: str = "", url: str | None = None, doc_id: str | None = None,
                 name: str = "wenshu") -> Record:
    """One document in any of the site's shapes → a record (meta keeps the site's labels)."""
    obj = document_object(data, content_type)
    doc_id = doc_id or url_doc_id(url)
    if obj is not None:
        if doc_id and not (obj.get("s5") or obj.get("doc_id")):
            obj = {**obj, "s5": doc_id}
        try:
            record = wenshu_record(obj, origin=url or "")
        except WenshuFormatError as exc:
            raise SiteError(str(exc)) from exc
    else:
        doc = read_document(data, content_type, url)
        if doc.format != "html" or not doc.text.strip():
            raise SiteError("不是裁判文书网的文书（既不是 JSON 也不是 HTML 下载件）")
        record = Record(id=doc_id or derive_id("wenshu", url or doc.text), title=doc.title or first_line(doc.text),
                        full_text=doc.text, source=Source(name=name))
    record.source.name, record.source.url, record.source.path = name, url, None
    return record


class Site(BaseSite):
    description = "中国裁判文书网（仅限网站对普通访问者公开提供的内容；遇验证码或登录即停止）"
    scope_option = "query"

    def endpoint(self) -> str:
        return self.options.get("endpoint") or ENDPOINT

    def list_form(self, page_number: int) -> dict:
        return {"cfg": LIST_CFG, "pageNum": str(page_number), "pageSize": str(self.options.get("page_size", 15)),
                "sortFields": "s50:desc", "queryCondition": json.dumps(self.options.get("query") or [],
                                                                       ensure_ascii=False)}

    def listing_requests(self) -> list[dict]:
        return [{"url": self.endpoint(), "method": "POST", "form": self.list_form(1)}]

    def parse_listing(self, page: Page) -> None:
        obj = document_object(page.content, page.content_type)
        if not isinstance(obj, dict) or "queryResult" not in obj:
            raise StopCrawl(f"裁判文书网没有返回文书列表。{ADVICE}")
        result = obj["queryResult"]
        for row in result.get("resultList") or []:
            doc_id = row.get("rowkey") or row.get("s5")
            self.add_item(url=self.endpoint(), id=doc_id, method="POST", title=row.get("s1") or row.get("1"),
                          date=row.get("s31") or row.get("31"), form={"cfg": DETAIL_CFG, "docId": doc_id})
        number = int(dict(page.request.data).get("pageNum", 1)) if page.request else 1
        size = int(self.options.get("page_size", 15))
        if number * size < int(result.get("resultCount") or 0):
            self.add_listing(self.endpoint(), paginated=True, method="POST", form=self.list_form(number + 1))

    def parse_document(self, page: Page, item: dict) -> Record:
        record = parse_wenshu(page.content, page.content_type, page.url, item.get("id"), self.name)
        record.source.fetched_at, record.source.sha256 = page.fetched_at, page.sha256
        return record
