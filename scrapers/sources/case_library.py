"""case-library: 人民法院案例库 (rmfyalk.court.gov.cn), guiding and reference cases.

The library requires an account: the user's own login token goes in config.yaml
(`scrapers.sources.case-library.token`, sent as `faxin-cpws-al-token`).  Without one, or when
the API answers {"code": 401, "msg": "未登录"}, the source says so and stops.  Items carry the
cpws_al_* fields (judgment-facts.md §4.2); `cpws_al_status` 02 marks a superseded case.
"""
from __future__ import annotations

import json

from casebook.record import Record, Source
from scrapers.base import BaseSite, SiteError, StopCrawl
from scrapers.decode import FormatError, decode_text
from scrapers.fetch import Page
from scrapers.importers.text import html_to_text

BASE = "https://rmfyalk.court.gov.cn"
SEARCH, CONTENT = "/cpws_al_api/api/cpwsAl/search", "/cpws_al_api/api/cpwsAl/content"
SECTIONS = (("cpws_al_keyword", "关键词"), ("cpws_al_cpyz", "裁判要旨"), ("cpws_al_jbaq", "基本案情"),
            ("cpws_al_cply", "裁判理由"), ("cpws_al_cpjg", "裁判结果"), ("cpws_al_glsy", "关联索引"))
TYPES = {"01": "指导性案例", "02": "参考案例", "04": "特色案例"}
SUPERSEDED = "02"
NO_TOKEN = ("人民法院案例库需要登录。请在 config.yaml 的 scrapers.sources.case-library.token 中填入您本人"
            "登录案例库后得到的令牌（faxin-cpws-al-token）；本工具不会代为登录。")


def api_data(page: Page):
    """`data` of an API answer; StopCrawl when the library says the user is not logged in."""
    try:
        obj = json.loads(decode_text(page.content, page.content_type))
    except json.JSONDecodeError as exc:
        raise FormatError(f"案例库接口返回的不是 JSON（可能被截断）: {exc}") from exc
    if str(obj.get("code")) == "401" or obj.get("msg") == "未登录":
        raise StopCrawl("人民法院案例库答复“未登录”：令牌无效或已过期，请重新登录后更新 config.yaml 中的 token。")
    if str(obj.get("code")) not in ("0", "200", "None") and obj.get("code") is not None:
        raise SiteError(f"案例库接口返回错误 {obj.get('code')}: {obj.get('msg')}")
    return obj.get("data")


def field_text(value) -> str:
    if isinstance(value, list):
        return "；".join(field_text(v) for v in value)
    text = str(value or "").strip()
    return html_to_text(text)[0] if "<" in text else text


class Site(BaseSite):
    description = "人民法院案例库的指导性案例与参考案例（需用户本人的登录令牌）"
    scope_option = "keyword"

    def check_ready(self) -> None:
        if not self.options.get("token"):
            raise StopCrawl(NO_TOKEN)

    def request_headers(self) -> dict:
        return {"faxin-cpws-al-token": self.options["token"]} if self.options.get("token") else {}

    def base(self) -> str:
        return (self.options.get("endpoint") or BASE).rstrip("/")

    def search_body(self, page: int) -> str:
        lib = self.options.get("lib", "qb")
        params = {"userSearchType": 1, "isAdvSearch": "0", "selectValue": "qw", "lib": f"cpwsAl_{lib}",
                  "sort_field": "", "keyTitle": self.options.get("keyword", "")}
        return json.dumps({"page": page, "size": int(self.options.get("page_size", 10)), "lib": lib,
                           "searchParams": params}, ensure_ascii=False, sort_keys=True)

    def listing_requests(self) -> list[dict]:
        return [{"url": self.base() + SEARCH, "method": "POST", "body": self.search_body(1)}]

    def parse_listing(self, page: Page) -> None:
        data = api_data(page) or {}
        rows = data if isinstance(data, list) else next(
            (data[k] for k in ("datas", "list", "records", "rows") if isinstance(data.get(k), list)), [])
        for row in rows:
            gid = row.get("id") or row.get("gid")
            if gid:
                self.add_item(url=self.base() + CONTENT, id=str(gid), method="POST", title=row.get("cpws_al_title"),
                              body=json.dumps({"gid": gid}))
        number = json.loads(page.request.body).get("page", 1) if page.request and page.request.body else 1
        total = int(data.get("total") or data.get("totalCount") or 0) if isinstance(data, dict) else 0
        if rows and number * int(self.options.get("page_size", 10)) < total:
            self.add_listing(self.base() + SEARCH, paginated=True, method="POST", body=self.search_body(number + 1))

    def parse_document(self, page: Page, item: dict) -> Record:
        data = api_data(page)
        case = data[0] if isinstance(data, list) and data else data
        if not isinstance(case, dict) or not case.get("cpws_al_title"):
            raise SiteError("案例库答复中没有案例（缺少 cpws_al_title）")
        parts = [f"{label}\n{field_text(case[key])}" for key, label in SECTIONS if case.get(key)]
        if not parts:
            raise SiteError("案例没有正文字段（裁判要旨、基本案情、裁判理由、裁判结果均为空）")
        superseded = str(case.get("cpws_al_status") or "") == SUPERSEDED
        gid = item.get("id") or case.get("id") or case.get("gid")
        if not (gid or case.get("cpws_al_no")):
            raise SiteError("案例没有编号（cpws_al_no）也没有 id")
        return Record(
            id=f"rmfyalk-{case.get('cpws_al_no') or gid}",
            title=case["cpws_al_title"],
            full_text="\n".join([case["cpws_al_title"], *parts]),
            meta={k: v for k, v in case.items() if k.startswith("cpws_al_")},
            source=Source(name=self.name, url=f"{self.base()}/view/content.html?id={gid}" if gid else page.url,
                          fetched_at=page.fetched_at, sha256=page.sha256,
                          note=" ".join(filter(None, [TYPES.get(str(case.get("cpws_al_type"))),
                                                      "已失效" if superseded else None])) or None),
        )
