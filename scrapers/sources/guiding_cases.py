"""guiding-cases: the Supreme People's Court's guiding cases (指导性案例).

A case page carries 指导案例N号, the SPC adjudication committee line with the release date, and
the headings 关键词, 裁判要点, 相关法条, 基本案情, 裁判结果, 裁判理由; the batch (第N批) comes from
the page or the list it was linked from.  The page layout is not pinned to one site: the case
is read from its text, so court.gov.cn pages and mirrors parse alike.
"""
from __future__ import annotations

import re
from urllib.parse import urljoin

from bs4 import BeautifulSoup

from casebook.record import Record, Source
from indexer.extract.numbers import to_int
from scrapers.base import BaseSite, SiteError
from scrapers.decode import decode_text
from scrapers.fetch import Page
from scrapers.importers.text import html_to_text

HEADINGS = ("关键词", "裁判要点", "相关法条", "基本案情", "裁判结果", "裁判理由")
REQUIRED = ("裁判要点", "基本案情")
NUMBER = re.compile(r"指导(?:性)?案例\s*第?\s*([0-9一二三四五六七八九十百零〇]+)\s*号")
BATCH = re.compile(r"第\s*([0-9一二三四五六七八九十百零〇]+)\s*批指导性案例")
RELEASED = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日\s*发布")
HEADING_LINE = re.compile(rf"^\s*[【\[]?({'|'.join(HEADINGS)})[】\]]?\s*[:：]?\s*(.*)$")
BODY_SELECTORS = (".txt_txt", "#zoom", ".detail", ".article-content", "article", "body")


def split_headings(lines: list[str]) -> tuple[list[str], dict[str, str]]:
    """(lines before the first heading, {heading: text}) of a guiding case."""
    head, sections, current = [], {}, None
    for line in lines:
        match = HEADING_LINE.match(line)
        if match and match.group(1) not in sections:
            current = match.group(1)
            sections[current] = match.group(2).strip()
        elif current:
            sections[current] = (sections[current] + "\n" + line).strip()
        else:
            head.append(line)
    return head, sections


def case_title(head: list[str]) -> str:
    """The case name: the 指导案例N号 line's remainder, else the first line ending in 案."""
    for line in head:
        rest = NUMBER.split(line, maxsplit=1)
        if len(rest) == 3 and rest[2].strip(" ：:"):
            return rest[2].strip(" ：:")
    return next((line for line in head if line.endswith("案")), head[0] if head else "")


class Site(BaseSite):
    description = "最高人民法院指导性案例（关键词、裁判要点、相关法条、基本案情、裁判结果、裁判理由）"

    def parse_listing(self, page: Page) -> None:
        soup = BeautifulSoup(decode_text(page.content, page.content_type), "lxml")
        batch = BATCH.search(soup.get_text(" "))
        for link in soup.find_all("a", href=True):
            text, url = link.get_text(strip=True), urljoin(page.url, link["href"])
            if NUMBER.search(text):
                self.add_item(url=url, title=text, meta={"批次": f"第{batch.group(1)}批"} if batch else None)
            elif text in ("下一页", "下页"):
                self.add_listing(url, paginated=True)

    def parse_document(self, page: Page, item: dict) -> Record:
        soup = BeautifulSoup(decode_text(page.content, page.content_type), "lxml")
        body = next((node for sel in BODY_SELECTORS if (node := soup.select_one(sel)) and node.get_text(strip=True)),
                    None)
        text, _ = html_to_text(str(body or soup))
        lines = [line for line in text.split("\n") if line.strip()]
        head, sections = split_headings(lines)
        missing = [h for h in REQUIRED if not sections.get(h)]
        number = NUMBER.search(text)
        if missing or not number:
            raise SiteError(f"不是指导性案例页面：缺少{'、'.join(missing or ['指导案例编号'])}")
        batch, released = BATCH.search(text), RELEASED.search(text)
        meta = {"指导案例编号": to_int(number.group(1)),
                "批次": f"第{batch.group(1)}批" if batch else (item.get("meta") or {}).get("批次"),
                "发布日期": "{:04d}-{:02d}-{:02d}".format(*map(int, released.groups())) if released else None,
                **{h: sections[h] for h in HEADINGS if sections.get(h)}}
        if "关键词" in meta:
            meta["关键词"] = [k for k in re.split(r"[\s/、，,；;]+", meta["关键词"]) if k]
        return Record(
            id=f"guiding-{meta['指导案例编号']}",
            title=case_title(head) or item.get("title") or number.group(0),
            full_text="\n".join(lines),
            meta={k: v for k, v in meta.items() if v},
            source=Source(name=self.name, url=page.url, fetched_at=page.fetched_at, sha256=page.sha256),
        )
