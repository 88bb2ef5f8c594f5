"""A lawyer's whole flow in headless Chromium: search, filter, open a case, add it to a new collection
with a note and a 类案 judgment, add two more from a second search, export the 类案检索报告 and
read the downloaded DOCX back.

The second search is a keyword search: the web app has no 类案检索 (similar cases) page yet.
"""
from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest
from docx import Document

from tests.test_web_browser import search_for
from tests.web_server import build_data_dir, serve

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    with serve(build_data_dir(tmp_path_factory.mktemp("web-flow") / "data")) as url:
        yield url


def case_id_of(link) -> str:
    return parse_qs(urlparse(link.get_attribute("href")).query)["case"][0]


def click_and_wait(page, selector_or_locator) -> None:
    target = page.locator(selector_or_locator) if isinstance(selector_or_locator, str) else selector_or_locator
    with page.expect_navigation():
        target.click()


def add_two_more(page, base: str, already: set[str]) -> list[str]:
    """From a second search, add the first two hits not yet in the collection (the newest one is preselected)."""
    search_for(page, base, "差评 索要")
    links = [link for link in page.locator(".hit .add-to-collection").all() if case_id_of(link) not in already]
    wanted = [case_id_of(link) for link in links[:2]]
    for record_id in wanted:
        search_for(page, base, "差评 索要")
        click_and_wait(page, page.locator(f".hit .add-to-collection[href*='case={record_id}']"))
        page.fill("textarea[name=note]", f"第二次检索：{record_id}")
        click_and_wait(page, "#add-form button[type=submit]")
        assert "已将案例加入案例包" in page.inner_text(".flashes")
    return wanted


def test_search_filter_collect_and_export_the_report(base, page, tmp_path):
    search_for(page, base, "敲诈勒索 差评")
    click_and_wait(page, page.locator(".facet[data-field=charges] li a", has_text="敲诈勒索罪").first)
    assert "敲诈勒索罪" in page.inner_text(".active-filters")
    click_and_wait(page, page.locator(".hit-title a").first)
    first_id = page.url.split("/cases/", 1)[1]
    case_number = page.inner_text(".case-header .case-number")

    click_and_wait(page, ".case-header .add-to-collection")
    page.fill("input[name=new_name]", "王某敲诈勒索案类案")
    page.fill("textarea[name=note]", "以差评相要挟索要钱款，与待决案件相似")
    page.check("input[name=similar][value=yes]")
    click_and_wait(page, "#add-form button[type=submit]")
    assert page.locator(".collection-case").count() == 1

    others = add_two_more(page, base, {first_id})
    assert page.locator(".collection-case").count() == 3
    assert [page.locator(".collection-case").nth(n).get_attribute("data-record-id") for n in range(3)] == [
        first_id, *others]

    page.fill("#report input[name=pending_case]", "（2024）苏0684刑初1号 王某敲诈勒索案")
    page.fill("#report input[name=pending_court]", "苏0684")
    page.fill("#report input[name=searcher]", "李律师")
    page.select_option("#report select[name=format]", "docx")
    with page.expect_download() as download:
        page.click("#report button[type=submit]")
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)

    assert saved.suffix == ".docx" and "类案检索报告" in saved.name
    document = Document(str(saved))
    text = "\n".join([p.text for p in document.paragraphs] +
                     [cell.text for table in document.tables for row in table.rows for cell in row.cells])
    assert case_number in text and "以差评相要挟索要钱款，与待决案件相似" in text and "李律师" in text
    assert all(f"第二次检索：{record_id}" in text for record_id in others)
