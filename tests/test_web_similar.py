"""The 类案检索 page and POST /api/similar over real HTTP (waitress on 127.0.0.1).

The page must show what the API computes (the engine is tested in tests/test_similar.py): predicted
charges, key elements, hits grouped by authority tier in the guidance's order, each with why it is
similar, the document's text escaped; a start from a case page excludes the case; adding a hit to a
collection records the search with method "case".
"""
from __future__ import annotations

import pytest
import requests
from bs4 import BeautifulSoup

from casebook.record import Record
from indexer.ranking import TIERS, Pending, tier
from tests.web_server import build_data_dir, serve

ESCAPE_ID = "web-escape-1"  # tests/examples/web/escaping.jsonl: <script> in title and facts
SCRIPT = "<script>alert(1)</script>"
FACT = ("2020年5月，被告人张某在网店购物后，以给差评相要挟，多次向店主索要钱款共计5000元。"
        f"张某在评价中写入{SCRIPT}。到案后如实供述。")
PENDING = "苏0684"  # a basic court with sample judgments of its own and of the court above


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    with serve(build_data_dir(tmp_path_factory.mktemp("web-similar") / "data")) as url:
        yield url


@pytest.fixture
def session():
    """A browser-like session (the CSRF token is tied to its cookie)."""
    with requests.Session() as s:
        yield s


def soup(response: requests.Response) -> BeautifulSoup:
    return BeautifulSoup(response.text, "html.parser")


def api_similar(base: str, **body) -> requests.Response:
    return requests.post(f"{base}/api/similar", json=body, timeout=120)


def search_page(session, base: str, fact: str, **fields) -> requests.Response:
    """Fill and send the page's form, as a browser would."""
    form = soup(session.get(f"{base}/similar", timeout=60)).select_one("form.similar-form")
    data = {i["name"]: i.get("value", "") for i in form.select("input[name]")} | {"fact": fact} | fields
    return session.post(base + form["action"], data=data, timeout=120)


def expected_tier(base: str, case_id: str, pending: Pending | None) -> str:
    """The tier computed here from the case's own record, independently of the server."""
    data = requests.get(f"{base}/api/cases/{requests.utils.quote(case_id, safe='')}", timeout=60).json()
    record = Record.from_dict(data)
    court = record.court or {}
    return tier({"guiding": record.is_guiding_case(), "court_level": court.get("level"), "province": court.get("province"),
                 "court_code": court.get("code")}, pending)


def shown_hits(page: BeautifulSoup) -> list[tuple[str, str, float]]:
    """(tier heading, record id, score) of every hit, in page order."""
    out = []
    for section in page.select("section.tier"):
        for hit in section.select(".similar-hit"):
            score = float(hit.select_one(".hit-meta").text.split("相似度")[1].split()[0])
            out.append((section["data-tier"], hit["data-record-id"], score))
    return out


# --- page -----------------------------------------------------------------------------------


def test_pasted_fact_shows_charges_elements_and_hits_grouped_by_tier(base, session):
    response = search_page(session, base, FACT, court=PENDING, limit="20")
    assert response.status_code == 200, response.text
    page, found = soup(response), api_similar(base, fact=FACT, limit=20, pending_court=PENDING).json()

    predicted = page.select_one(".predicted").text
    assert found["query"]["charges"] and all(c["charge"] in predicted for c in found["query"]["charges"])
    assert [li.select_one(".tag").text for li in page.select(".similar-query .elements li")] == [
        e["element"].replace(":", "：") for e in found["query"]["elements"]]

    hits = shown_hits(page)
    assert sorted(i for _, i, _ in hits) == sorted(h["id"] for h in found["hits"])
    headings = [s["data-tier"] for s in page.select("section.tier")]
    assert len(headings) >= 2 and headings == [t for t in TIERS if t in headings]  # guidance order, no repeats
    pending = Pending.from_code(PENDING)
    assert all(shown == expected_tier(base, i, pending) for shown, i, _ in hits)
    for name in headings:  # by score within a tier
        scores = [s for t, _, s in hits if t == name]
        assert scores == sorted(scores, reverse=True)


def test_every_hit_says_why_it_is_similar(base, session):
    page = soup(search_page(session, base, FACT))
    found = {h["id"]: h["why"] for h in api_similar(base, fact=FACT).json()["hits"]}
    for hit in page.select(".similar-hit"):
        why, text = found[hit["data-record-id"]], hit.select_one(".why").text
        assert all(c in text for c in why["charges"]) and all(s in text for s in why["statutes"])
        assert [dt.text for dt in hit.select(".why-elements dt")] == [e["element"].replace(":", "：")
                                                                       for e in why["elements"]]
        passages = hit.select(".why-passages li")
        assert [li.text for li in passages] == [p["text"] for p in why["passages"]]
        for li, passage in zip(passages, why["passages"]):  # marked: runs of the shared words
            marks = [m.text for m in li.select("mark")]
            assert marks and all(any(w in m for w in passage["shared"]) for m in marks)


def test_document_text_and_pasted_facts_are_escaped(base, session):
    html = search_page(session, base, FACT).text
    assert SCRIPT not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    from_case = session.get(f"{base}/similar?case={ESCAPE_ID}", timeout=60).text
    assert "<script>" not in from_case and "<b>恶意</b>" not in from_case and "&lt;b&gt;恶意&lt;/b&gt;" in from_case


def test_start_from_a_case_page_excludes_the_case(base, session):
    case_page = soup(session.get(f"{base}/cases/{ESCAPE_ID}", timeout=60))
    link = case_page.select_one(".case-header a.find-similar")
    assert link is not None and link.text == "查找类案"
    response = session.get(base + link["href"], timeout=120)
    assert response.status_code == 200
    page = soup(response)
    facts = requests.get(f"{base}/api/cases/{ESCAPE_ID}", timeout=60).json()["sections"]["facts"]
    assert page.select_one("textarea[name=fact]").text.strip() == facts.strip()
    assert page.select_one(".similar-source a")["href"].endswith(f"/cases/{ESCAPE_ID}")
    shown = [i for _, i, _ in shown_hits(page)]
    assert shown and ESCAPE_ID not in shown
    assert shown == [h["id"] for h in api_similar(base, case_id=ESCAPE_ID).json()["hits"]
                     if h["id"] in shown]  # the same hits as the API's, which excludes the case too


@pytest.mark.parametrize("url, fields, status, message", [
    # no facts pasted
    ("/similar", {"fact": "   "}, 400, "请填写案情事实"),
    # a court code that is not in the table
    ("/similar", {"fact": FACT, "court": "火星01"}, 400, "未识别的法院代字"),
    # a start from a case that does not exist
    ("/similar?case=no-such-case", None, 404, "no-such-case"),
])
def test_page_errors_are_explained(base, session, url, fields, status, message):
    response = (search_page(session, base, **fields) if fields is not None
                else session.get(base + url, timeout=60))
    assert response.status_code == status and message in response.text


def test_posting_without_the_csrf_token_is_refused(base):
    response = requests.post(f"{base}/similar", data={"fact": FACT}, timeout=60)
    assert response.status_code == 400 and "表单已失效" in response.text


# --- adding hits to a collection --------------------------------------------------------------


def add_hit(session, base: str, page: BeautifulSoup, rank: int, **fields) -> requests.Response:
    """Press 加入 on the rank-th hit with its note and 类案 judgment, as a browser would send the form."""
    form = page.select_one("form#similar-add")
    record_id = page.select(".similar-hit")[rank]["data-record-id"]
    data = {i["name"]: i.get("value", "") for i in form.select("input[type=hidden][name]")}
    data |= {"record_id": record_id, f"note-{record_id}": fields.pop("note", ""),
             f"similar-{record_id}": fields.pop("similar", "")} | fields
    return session.post(base + form["action"], data=data, timeout=120)


def collection_named(base: str, name: str) -> dict:
    listed = requests.get(f"{base}/api/collections", timeout=60).json()["collections"]
    return next(c for c in listed if c["name"] == name)


def test_adding_hits_records_one_case_method_search(base, session):
    page = soup(search_page(session, base, FACT))
    first_id, second_id = [hit["data-record-id"] for hit in page.select(".similar-hit")[:2]]
    first = add_hit(session, base, page, 0, new_name="张某差评类案", note="同以差评要挟", similar="yes")
    assert first.status_code == 200 and "已将案例加入案例包“张某差评类案”" in first.text
    again = soup(first)
    assert again.select(".similar-hit")[0].select_one(".badge-added")  # marked, no second add button
    assert not again.select(".similar-hit")[0].select("button[name=record_id]")
    collection = collection_named(base, "张某差评类案")
    add_hit(session, base, again, 1, collection_id=str(collection["id"]), note="第二件")

    collection = collection_named(base, "张某差评类案")
    ids = [h["id"] for h in api_similar(base, fact=FACT).json()["hits"]]
    assert [(c["record_id"], c["note"], c["similar"]) for c in collection["cases"]] == [
        (first_id, "同以差评要挟", True), (second_id, "第二件", None)]
    assert [(s["method"], s["query"], s["result_ids"]) for s in collection["searches"]] == [("case", FACT.strip(), ids)]
    search_id = collection["searches"][0]["id"]
    rerun = requests.get(f"{base}/api/collections/{collection['id']}/searches/{search_id}/rerun", timeout=120).json()
    assert (rerun["new_ids"], rerun["gone_ids"]) == ([], [])  # re-run through the similar engine, not as keywords


def test_adding_a_case_twice_is_refused_on_the_results_page(base, session):
    page = soup(search_page(session, base, FACT))
    add_hit(session, base, page, 0, new_name="重复加入测试")
    collection = collection_named(base, "重复加入测试")
    refused = add_hit(session, base, page, 0, collection_id=str(collection["id"]))
    assert refused.status_code == 200 and "已在案例包“重复加入测试”中" in soup(refused).select_one(".flash-error").text
    assert soup(refused).select(".similar-hit")  # the results stay on the page
    assert len(collection_named(base, "重复加入测试")["cases"]) == 1


# --- API -----------------------------------------------------------------------------------


def test_api_answers_charges_elements_and_tiered_hits(base):
    response = api_similar(base, fact=FACT, limit=5, pending_court=PENDING)
    assert response.status_code == 200
    found = response.json()
    assert set(found) == {"query", "hits"} and set(found["query"]) == {"kind", "causes", "charges", "cues", "elements"}
    assert set(found["query"]["cues"]) == {c["charge"] for c in found["query"]["charges"]}
    assert all(cue in FACT for cues in found["query"]["cues"].values() for cue in cues)
    assert (found["query"]["kind"], found["query"]["causes"]) == ("刑事", [])
    beliefs = [c["belief"] for c in found["query"]["charges"]]
    assert beliefs and beliefs[0] == 1.0 and beliefs == sorted(beliefs, reverse=True)
    assert 0 < len(found["hits"]) <= 5
    scores = [h["score"] for h in found["hits"]]
    assert scores == sorted(scores, reverse=True)
    pending = Pending.from_code(PENDING)
    for hit in found["hits"]:
        assert hit["tier"] == expected_tier(base, hit["id"], pending)
        assert set(hit["why"]) == {"charges", "statutes", "elements", "passages", "score_parts"}


CIVIL_FACT = "原告诉称，被告在其网店购物后以删除恶意差评为条件索要钱财，损害原告商业信誉，请求判令被告赔偿损失。"


def test_a_civil_fact_gets_causes_instead_of_charges(base, session):
    found = api_similar(base, fact=CIVIL_FACT, limit=5).json()
    assert (found["query"]["kind"], found["query"]["charges"]) == ("民事", [])
    assert found["query"]["causes"][0] == "商业诋毁纠纷" and found["hits"]
    page = soup(search_page(session, base, CIVIL_FACT))
    assert [chip.text for chip in page.select(".predicted .chip")] == found["query"]["causes"]
    cues = found["query"]["cues"]["商业诋毁纠纷"]
    assert cues and all(cue in CIVIL_FACT for cue in cues)  # the fact's own phrases, shown beside the 案由
    assert page.select_one(".predicted .cues").text == "依据：" + "、".join(cues)


def test_api_case_id_uses_the_case_facts_and_its_own_charges_and_excludes_it(base):
    by_case = api_similar(base, case_id=ESCAPE_ID).json()
    case = requests.get(f"{base}/api/cases/{ESCAPE_ID}", timeout=60).json()
    by_fact = api_similar(base, fact=case["sections"]["facts"]).json()
    assert ESCAPE_ID not in [h["id"] for h in by_case["hits"]]
    assert by_case["query"]["elements"] == by_fact["query"]["elements"]
    assert case["charges"] and by_case["query"]["charges"] == [{"charge": c, "belief": 1.0} for c in case["charges"]]


def test_a_civil_case_is_searched_by_its_own_causes(base):
    """A civil judgment's facts retell the crime it follows; its own type and 案由 decide."""
    civil = requests.get(f"{base}/api/search", params={"q": "案由:网络侵权责任纠纷", "limit": 1}, timeout=60).json()
    case = requests.get(f"{base}/api/cases/{civil['hits'][0]['id']}", timeout=60).json()
    found = api_similar(base, case_id=case["id"]).json()
    assert (found["query"]["kind"], found["query"]["causes"], found["query"]["charges"]) == ("民事", case["causes"], [])


@pytest.mark.parametrize("body, status", [
    ({"fact": ""}, 400),  # empty facts
    ({"fact": " \n "}, 400),  # blank facts
    ({}, 400),  # neither fact nor case_id
    ({"fact": FACT, "case_id": ESCAPE_ID}, 400),  # both
    ({"case_id": "no-such-case"}, 404),  # unknown case
    ({"fact": FACT, "limit": 0}, 400),  # limit below 1
    ({"fact": FACT, "limit": 51}, 400),  # limit above the largest choice
    ({"fact": FACT, "pending_court": "火星01"}, 400),  # unknown court code
    ({"fact": FACT, "explain": True}, 400),  # unknown field
])
def test_api_errors_use_the_envelope(base, body, status):
    response = api_similar(base, **body)
    assert response.status_code == status
    assert response.json()["ok"] is False and response.json()["status"] == status and response.json()["error"]


def test_api_takes_json_only(base):
    response = requests.post(f"{base}/api/similar", data={"fact": FACT}, timeout=60)
    assert response.status_code == 415
