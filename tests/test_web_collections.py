"""Collections, reports, exports, analytics, saved searches and CSRF over real HTTP (waitress on 127.0.0.1).

The pages are driven like a browser without JavaScript would: fetch a page, fill its form (CSRF
token included), post it, follow the redirect.  Analytics numbers are checked against values worked
out by hand for a small fixture written here (given structured fields, so extraction keeps them).
"""
from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest
import requests
from bs4 import BeautifulSoup
from docx import Document
from pypdf import PdfReader

from casebook.config import merge
from casebook.context import Context
from casebook.pipeline import import_paths, index_changed
from tests.web_server import build_data_dir, serve

MARK = "琅琊榜样本"  # in every fixture text and nowhere else, so a phrase search finds exactly them
QUERY = f'"{MARK}"'
ATOM = "{http://www.w3.org/2005/Atom}"
JSON_HEADERS = {"Content-Type": "application/json"}


def court(name, level, province):
    return {"name": name, "level": level, "province": province}


HAIMEN = court("江苏省海门市人民法院", "基层", "江苏省")
SHANGHAI = court("上海市第一中级人民法院", "中级", "上海市")
HENAN = court("河南省高级人民法院", "高级", "河南省")


def remedy(kind, amount=None):
    return {"type": kind, "amount_yuan": amount, "payers": ["甲公司"], "payees": ["乙"], "joint": False}


def sentence(defendant, charge, months, probation=None, fine=None):
    return {"defendant": defendant, "charges": [charge], "penalty": "有期徒刑", "months": months,
            "probation_months": probation, "fine_yuan": fine}


def fixture_record(record_id: str, **fields) -> dict:
    return {"id": record_id, "kind": "judgment", "title": f"{MARK} {record_id}", "source": {"name": "test"},
            "full_text": f"{MARK}。本案为测试用的简短文本。", **fields}


FIXTURE = [
    fixture_record("an-c1", date="2019-05-01", court=HAIMEN, causes=["名誉权纠纷"],
                   remedies=[remedy("赔偿损失", 1000.0), remedy("赔礼道歉"), remedy("合理开支", 3000.0)]),
    fixture_record("an-c2", date="2021-03-02", court=SHANGHAI, causes=["名誉权纠纷"],
                   remedies=[remedy("赔偿损失", 5000.0)]),
    fixture_record("an-c3", date="2021-07-09", court=HAIMEN, causes=["网络侵权责任纠纷"],
                   remedies=[remedy("赔偿损失", 250000.0)]),
    fixture_record("an-k1", date="2021-01-01", court=HAIMEN, charges=["敲诈勒索罪"],
                   sentences=[sentence("杜某", "敲诈勒索罪", 12, 15, 20000.0), sentence("邱某", "敲诈勒索罪", 9, 12, 10000.0)]),
    fixture_record("an-k2", date="2022-02-02", court=HENAN, charges=["盗窃罪"],
                   sentences=[sentence("宋某", "盗窃罪", 6, None, 3000.0)]),
]
LATER = fixture_record("an-later", date="2023-03-03", court=HAIMEN, causes=["名誉权纠纷"],
                       remedies=[remedy("赔偿损失", 8000.0)])


def import_records(config: dict, records: list[dict], path) -> None:
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", encoding="utf-8")
    context = Context(config)
    try:
        summary = import_paths(context.store, [str(path)], progress=False, workers=1)
        assert not summary.errors and summary.new == len(records), summary
        index_changed(context.store, context.backend, summary.changed_ids, workers=1)
    finally:
        context.close()


@pytest.fixture(scope="module")
def config(tmp_path_factory):
    folder = tmp_path_factory.mktemp("web-collections")
    config = build_data_dir(folder / "data")
    import_records(config, FIXTURE, folder / "fixture.jsonl")
    return config


@pytest.fixture(scope="module")
def base(config):
    with serve(config) as url:
        yield url


@pytest.fixture
def browser():
    """A session that keeps the cookie the CSRF token is tied to."""
    with requests.Session() as session:
        yield session


def page(session, url: str) -> BeautifulSoup:
    response = session.get(url, timeout=60)
    assert response.status_code == 200, (url, response.status_code)
    return BeautifulSoup(response.text, "html.parser")


def form_data(form) -> dict:
    """The values a browser would send for a form's hidden and pre-filled fields."""
    data = {field["name"]: field.get("value", "") for field in form.select("input[name]")
            if field.get("type") not in ("radio", "checkbox") or field.has_attr("checked")}
    data |= {area["name"]: area.text for area in form.select("textarea[name]")}
    return data


def submit(session, base: str, form, **values) -> requests.Response:
    response = session.post(base + form["action"], data=form_data(form) | values, timeout=120)
    assert response.status_code == 200, response.status_code  # after the redirect
    return response


def api(base: str, path: str, **params) -> dict:
    response = requests.get(f"{base}/api/{path}", params=params, timeout=120)
    assert response.status_code == 200, response.text
    return response.json()


def collection_named(base: str, name: str) -> dict:
    return next(c for c in api(base, "collections")["collections"] if c["name"] == name)


def add_from_results(session, base: str, query: str, rank: int, collection: dict | None, **values) -> None:
    """Click 加入案例包 on the rank-th hit of a search, then fill and send the add form."""
    results = page(session, f"{base}/search?q={requests.utils.quote(query)}")
    link = results.select(".hit .add-to-collection")[rank]["href"]
    form = page(session, base + link).select_one("#add-form")
    chosen = {"collection_id": str(collection["id"])} if collection else {}
    submit(session, base, form, **chosen, **values)


# --- collection flow --------------------------------------------------------------------------


def test_collection_flow_with_comparison_order_and_recorded_search(base, browser):
    add_from_results(browser, base, "敲诈勒索 差评", 0, None, new_name="王某敲诈勒索案", note="<script>注</script>",
                     similar="yes")
    found = collection_named(base, "王某敲诈勒索案")
    first = found["cases"][0]
    assert (first["note"], first["similar"]) == ("<script>注</script>", True)
    assert [(s["query"], s["method"]) for s in found["searches"]] == [("敲诈勒索 差评", "keyword")]
    assert found["searches"][0]["corpus_count"] == api(base, "search", limit=0)["total"]
    assert first["record_id"] in found["searches"][0]["result_ids"]

    add_from_results(browser, base, "敲诈勒索 差评", 1, found, note="第二件")
    shown = page(browser, f"{base}/collections/{found['id']}")
    assert "<script>注</script>" not in str(shown) and "&lt;script&gt;注&lt;/script&gt;" in str(shown)
    assert len(collection_named(base, "王某敲诈勒索案")["searches"]) == 1  # the same search is recorded once

    comparison = shown.select(".collection-case form.comparison")[0]
    submit(browser, base, comparison, facts="均以差评相要挟", issues="是否属于正当维权", law="刑法第274条",
           treatment="参考", similar="yes")
    second = shown.select(".collection-case")[1]
    submit(browser, base, second.select(".case-order form")[0], direction="up")
    cases = collection_named(base, "王某敲诈勒索案")["cases"]
    assert [c["record_id"] for c in cases] == [second["data-record-id"], first["record_id"]]
    assert (cases[1]["facts"], cases[1]["issues"], cases[1]["law"], cases[1]["treatment"]) == (
        "均以差评相要挟", "是否属于正当维权", "刑法第274条", "参考")


def test_following_a_case_that_is_not_a_guiding_case_is_refused(base):
    created = requests.post(f"{base}/api/collections", json={"name": "参照测试"}, timeout=30).json()
    added = requests.post(f"{base}/api/collections/{created['id']}/cases", timeout=30,
                          json={"record_id": "an-c1", "treatment": "参照"})
    assert added.status_code == 400 and "不能参照" in added.json()["error"]
    assert api(base, f"collections/{created['id']}")["cases"] == []


def test_rename_describe_delete_through_pages(base, browser):
    form = page(browser, f"{base}/collections").select_one("form[action='/collections']")
    submit(browser, base, form, name="<b>临时</b>", description="说明")
    listing = page(browser, f"{base}/collections")
    assert "&lt;b&gt;临时&lt;/b&gt;" in str(listing)
    made = collection_named(base, "<b>临时</b>")
    settings = page(browser, f"{base}/collections/{made['id']}").select_one("#settings form")
    submit(browser, base, settings, name="改名后", description="新说明")
    assert (api(base, f"collections/{made['id']}")["name"], api(base, f"collections/{made['id']}")["description"]) \
        == ("改名后", "新说明")
    delete = page(browser, f"{base}/collections/{made['id']}").select_one("form.delete-form")
    submit(browser, base, delete)
    assert requests.get(f"{base}/api/collections/{made['id']}", timeout=30).status_code == 404


# --- report and exports -------------------------------------------------------------------------


def report_collection(base: str) -> dict:
    found = collection_named(base, "王某敲诈勒索案")
    return found | {"numbers": [c["record"]["case_number"] for c in found["cases"]]}


def download(base: str, found: dict, fmt: str) -> bytes:
    response = requests.get(f"{base}/collections/{found['id']}/report", timeout=120, params={
        "format": fmt, "pending_case": "王某敲诈勒索案", "pending_court": "苏0684", "searcher": "李律师"})
    assert response.status_code == 200, response.text[:300]
    assert "attachment" in response.headers["Content-Disposition"]
    return response.content


def test_report_docx_holds_the_cases_and_the_comparison(base):
    found = report_collection(base)
    document = Document(io.BytesIO(download(base, found, "docx")))
    text = "\n".join([p.text for p in document.paragraphs] +
                     [cell.text for table in document.tables for row in table.rows for cell in row.cells])
    assert all(number and number in text for number in found["numbers"])
    for snippet in ("<script>注</script>", "第二件", "均以差评相要挟", "是否属于正当维权", "刑法第274条", "李律师"):
        assert snippet in text, snippet


def test_report_pdf_and_markdown(base):
    found = report_collection(base)
    pdf_text = "".join("".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(download(base, found, "pdf"))).pages)
    assert all(number in pdf_text for number in found["numbers"]) and "均以差评相要挟" in pdf_text
    markdown = download(base, found, "md").decode("utf-8")
    assert all(number in markdown for number in found["numbers"])


def test_collection_exports_keep_order_and_comparison(base):
    found = report_collection(base)
    rows = requests.get(f"{base}/api/collections/{found['id']}/export.json", timeout=60).json()
    assert [r["id"] for r in rows] == [c["record_id"] for c in found["cases"]]
    assert rows[1]["collection"]["facts"] == "均以差评相要挟" and "full_text" not in rows[0]
    response = requests.get(f"{base}/api/collections/{found['id']}/export.csv", timeout=60)
    table = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [r["case_number"] for r in table] == found["numbers"]
    assert table[1]["collection.facts"] == "均以差评相要挟"


def test_search_export_has_every_match(base):
    total = api(base, "search", q="差评", limit=0)["total"]
    rows = requests.get(f"{base}/api/search/export.json", params={"q": "差评"}, timeout=60).json()
    assert len(rows) == total and len({r["id"] for r in rows}) == total
    response = requests.get(f"{base}/api/search/export.csv", params={"q": "差评", "charges": "敲诈勒索罪"}, timeout=60)
    table = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(table) == api(base, "search", q="差评", charges="敲诈勒索罪", limit=0)["total"]
    assert all("敲诈勒索罪" in row["charges"] for row in table)


# --- analytics ------------------------------------------------------------------------------------


def test_search_analytics_match_hand_computed_values(base):
    data = api(base, "analytics", q=QUERY)
    assert (data["total"], data["analysed"], data["capped"]) == (5, 5, False)
    assert data["remedy_stats"] == [
        {"type": "赔偿损失", "count": 3, "min": 1000.0, "median": 5000.0, "max": 250000.0},
        {"type": "合理开支", "count": 1, "min": 3000.0, "median": 3000.0, "max": 3000.0},
        {"type": "赔礼道歉", "count": 1, "min": None, "median": None, "max": None},
    ]
    stats = {s["charges"]: s for s in data["sentence_stats"]}
    assert stats["敲诈勒索罪"] == {"charges": "敲诈勒索罪", "count": 2, "min": 9, "median": 10.5, "max": 12,
                                    "probation": 2, "fine_median": 15000.0}
    assert (stats["盗窃罪"]["count"], stats["盗窃罪"]["median"], stats["盗窃罪"]["probation"]) == (1, 6, 0)
    assert data["charts"]["years"] == [{"label": "2019", "count": 1}, {"label": "2021", "count": 3},
                                       {"label": "2022", "count": 1}]
    assert data["charts"]["provinces"][0] == {"label": "江苏省", "count": 3}


def test_analytics_page_draws_labelled_svg_charts(base):
    html = page(requests.Session(), f"{base}/analytics?q={requests.utils.quote(QUERY)}")
    years = html.select_one("#chart-years svg")
    assert years.select_one("title").text == "各年份案件数" and "裁判年份" in years.text
    values = [t.text for t in years.select(".chart-value")]
    labels = [t.contents[0] for t in years.select(".chart-label")]
    assert dict(zip(labels, values)) == {"2019": "1", "2021": "3", "2022": "1"}
    assert not html.select("script[src^=http]") and "共 5 件" in html.select_one(".analysed").text


def test_analytics_say_when_the_matches_were_capped(config):
    with serve(merge(config, {"web": {"max_records": 3}})) as capped:
        data = api(capped, "analytics", q=QUERY)
        assert (data["total"], data["analysed"], data["capped"], data["max_records"]) == (5, 3, True, 3)
        html = page(requests.Session(), f"{capped}/analytics?q={requests.utils.quote(QUERY)}")
    assert "仅分析排在前面的 3 件" in html.select_one(".analysed").text


def test_analytics_csv_downloads(base):
    response = requests.get(f"{base}/api/analytics/remedy_stats.csv", params={"q": QUERY}, timeout=60)
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["类型", "数量", "最小值", "中位数", "最大值"]
    assert rows[1] == ["赔偿损失", "3", "1000.0", "5000.0", "250000.0"]
    charts = requests.get(f"{base}/api/analytics/charts.csv", params={"q": QUERY}, timeout=60)
    assert "years,2021,3" in charts.content.decode("utf-8-sig").replace("\r", "")


def test_collection_analytics_cover_its_cases_only(base):
    made = requests.post(f"{base}/api/collections", json={"name": "刑事分析"}, timeout=30).json()
    for record_id in ("an-k1", "an-k2"):
        requests.post(f"{base}/api/collections/{made['id']}/cases", json={"record_id": record_id}, timeout=30)
    data = api(base, f"collections/{made['id']}/analytics")
    assert (data["total"], len(data["sentences"]), data["remedies"]) == (2, 3, [])
    assert "刑罚（3 人次）" in page(requests.Session(), f"{base}/collections/{made['id']}/analytics").text


# --- CSRF and the API's content type ------------------------------------------------------------------


def test_form_post_without_csrf_token_is_rejected(base, browser):
    form = page(browser, f"{base}/collections").select_one("form[action='/collections']")
    refused = browser.post(f"{base}/collections", data={"name": "无令牌"}, timeout=30)
    assert refused.status_code == 400 and "表单已失效" in refused.text
    assert all(c["name"] != "无令牌" for c in api(base, "collections")["collections"])
    submit(browser, base, form, name="有令牌")
    assert collection_named(base, "有令牌")


def test_api_writes_need_json_but_no_token(base):
    as_form = requests.post(f"{base}/api/collections", data={"name": "表单提交"}, timeout=30)
    assert as_form.status_code == 415 and as_form.json()["ok"] is False
    as_json = requests.post(f"{base}/api/collections", json={"name": "脚本提交"}, timeout=30)
    assert as_json.status_code == 201
    bare_delete = requests.delete(f"{base}/api/collections/{as_json.json()['id']}", timeout=30)
    assert bare_delete.status_code == 415
    deleted = requests.delete(f"{base}/api/collections/{as_json.json()['id']}", headers=JSON_HEADERS, timeout=30)
    assert deleted.status_code == 204


# --- saved searches and re-runs after an import (last: they add a record) ---------------------------------


def test_saved_search_new_since_feed_and_rerun_after_an_import(base, browser, config, tmp_path):
    results = page(browser, f"{base}/search?q={requests.utils.quote(QUERY)}")
    submit(browser, base, results.select_one(".save-search form"), name="琅琊提醒", webhook_url="")
    saved = next(s for s in api(base, "saved-searches")["saved_searches"] if s["name"] == "琅琊提醒")
    assert (saved["seen"], api(base, f"saved-searches/{saved['id']}/new")["new_ids"]) == (5, [])
    recorded = requests.post(f"{base}/api/collections", json={"name": "重新检索"}, timeout=30).json()
    run = requests.post(f"{base}/api/collections/{recorded['id']}/searches", json={"query": QUERY}, timeout=60).json()

    import_records(config, [LATER], tmp_path / "later.jsonl")

    assert api(base, f"saved-searches/{saved['id']}/new")["new_ids"] == ["an-later"]
    listing = page(browser, f"{base}/saved-searches")
    assert "新 1" in listing.select_one(f"tr[data-saved-id='{saved['id']}'] .new-count").text
    shown = page(browser, f"{base}/saved-searches/{saved['id']}")
    assert [a.text for a in shown.select(".saved-new a[href^='/cases/']")] == [f"{MARK} an-later"]
    assert api(base, f"saved-searches/{saved['id']}/new")["new_ids"] == []  # viewing marked it seen

    feed = ET.fromstring(requests.get(f"{base}/saved-searches/{saved['id']}/feed.atom", timeout=60).content)
    links = [e.find(f"{ATOM}link").get("href") for e in feed.findall(f"{ATOM}entry")]
    assert len(links) == 6 and links[0].endswith("/cases/an-later")

    diff = api(base, f"collections/{recorded['id']}/searches/{run['id']}/rerun")
    assert (diff["new_ids"], diff["gone_ids"]) == (["an-later"], [])
    rerun_page = page(browser, f"{base}/collections/{recorded['id']}/searches/{run['id']}/rerun")
    assert "新增 1 件" in rerun_page.text
