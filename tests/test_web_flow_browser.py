"""A lawyer's whole flow in headless Chromium: search, filter, open a case, add it to a new collection
with a note and a 类案 judgment, find similar cases from the case page (查找类案) and add two of them
with notes and judgments, export the 类案检索报告 and read the downloaded DOCX back.
"""
from __future__ import annotations

import pytest
from docx import Document

from tests.test_web_browser import search_for
from tests.web_server import build_data_dir, serve

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    with serve(build_data_dir(tmp_path_factory.mktemp("web-flow") / "data")) as url:
        yield url


def click_and_wait(page, selector_or_locator) -> None:
    target = page.locator(selector_or_locator) if isinstance(selector_or_locator, str) else selector_or_locator
    with page.expect_navigation():
        target.click()


def add_two_similar(page, collection: str) -> list[str]:
    """On the 类案检索 results, add the first two hits to `collection` (preselected) with a note each."""
    assert page.locator("#similar-add select[name=collection_id] option:checked").inner_text().startswith(collection)
    page.press("#similar-add input[name=new_name]", "Enter")  # Enter in a field must not add a case
    page.wait_for_timeout(300)
    assert not page.locator(".flashes").count()
    wanted = [hit.get_attribute("data-record-id") for hit in page.locator(".similar-hit").all()[:2]]
    for record_id in wanted:
        hit = page.locator(f".similar-hit[data-record-id='{record_id}']")
        hit.locator(".add-similar summary").click()
        hit.locator("textarea").fill(f"类案检索：{record_id}")
        hit.locator("input[type=radio][value=yes]").check()
        click_and_wait(page, hit.locator("button[name=record_id]"))
        assert f"已将案例加入案例包“{collection}”" in page.inner_text(".flashes")
        assert page.locator(f".similar-hit[data-record-id='{record_id}'] .badge-added").count() == 1
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

    click_and_wait(page, page.locator(f".collection-case[data-record-id='{first_id}'] .case-title a"))
    click_and_wait(page, ".case-header .find-similar")
    assert first_id not in [hit.get_attribute("data-record-id") for hit in page.locator(".similar-hit").all()]
    assert page.locator(".predicted .chip").count() and page.locator("section.tier .tier-heading").count()
    others = add_two_similar(page, "王某敲诈勒索案类案")
    click_and_wait(page, page.locator(".similar-collect a", has_text="查看案例包"))
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
    assert all(f"类案检索：{record_id}" in text for record_id in others)
    assert "类案关联检索" in text  # the similar-case search recorded with the collection
