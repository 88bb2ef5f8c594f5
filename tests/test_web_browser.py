"""The web app in headless Chromium (Playwright driving Debian's /usr/bin/chromium, no browser download)."""
from __future__ import annotations

import re

import pytest

from tests.web_server import build_data_dir, serve

pytestmark = pytest.mark.browser

@pytest.fixture(scope="module")
def base(tmp_path_factory):
    with serve(build_data_dir(tmp_path_factory.mktemp("web-browser") / "data")) as url:
        yield url


def total(page) -> int:
    return int(re.search(r"共\s*(\d+)\s*件", page.inner_text(".total")).group(1))


def search_for(page, base: str, query: str) -> None:
    page.goto(base + "/")
    page.fill("#q", query)
    with page.expect_navigation():
        page.press("#q", "Enter")


def narrowing_facet(page, whole: int):
    """The first facet value whose count is smaller than the total (clicking it must narrow)."""
    for link in page.locator(".facet > ul > li > a").all():
        if int(link.locator(".count").inner_text()) < whole:
            return link
    raise AssertionError("no facet value narrows the result")


def test_search_facet_and_case_page(base, page):
    search_for(page, base, "敲诈勒索 差评")
    whole = total(page)
    assert whole > 1 and page.locator(".hit").count() == min(whole, 10)
    assert page.locator(".snippet mark").count() > 0
    counts = [int(c) for c in page.locator(".facet .count").all_text_contents()]
    assert counts and all(0 < c <= whole for c in counts)

    link = narrowing_facet(page, whole)
    label, count = link.locator(".facet-label").inner_text(), int(link.locator(".count").inner_text())
    with page.expect_navigation():
        link.click()
    assert total(page) == count < whole
    assert label in page.inner_text(".active-filters")
    assert page.input_value("#q") == "敲诈勒索 差评"

    title = page.locator(".hit-title a").first
    with page.expect_navigation():
        title.click()
    assert "/cases/" in page.url
    assert page.locator(".summary").is_visible() and "案号" in page.inner_text(".summary")
    assert page.locator(".doc-section").count() >= 1
    assert page.locator(".toc a").count() == page.locator(".doc-section").count() + 2


def test_removing_a_filter_restores_the_total(base, page):
    search_for(page, base, "差评")
    whole = total(page)
    with page.expect_navigation():
        narrowing_facet(page, whole).click()
    with page.expect_navigation():
        page.click(".active-filters .chip")
    assert total(page) == whole and page.locator(".active-filters").count() == 0


def test_sort_selector_applies_on_change(base, page):
    search_for(page, base, "差评")
    with page.expect_navigation():
        page.select_option("#sort", "date_asc")
    assert "sort=date_asc" in page.url
    dates = [d for d in page.locator(".hit-meta").all_inner_texts()]
    found = [re.search(r"\d{4}-\d{2}-\d{2}", d).group(0) for d in dates if re.search(r"\d{4}-\d{2}-\d{2}", d)]
    assert found == sorted(found) and found


def test_pagination_next_page(base, page):
    page.goto(base + "/")
    assert total(page) > 10
    with page.expect_navigation():
        page.click("a[rel=next]")
    assert "第 11–" in page.inner_text(".total")
    assert page.locator(".pagination .current").inner_text() == "2"


def test_more_toggle_reveals_further_facet_values(base, page):
    page.goto(base + "/")
    more = page.locator(".facet-more").first
    hidden = more.locator("li").first
    assert not hidden.is_visible()
    more.locator("summary").click()
    assert hidden.is_visible()


def test_bad_query_shows_message(base, page):
    search_for(page, base, '差评 "未闭合')
    alert = page.locator(".alert-error")
    assert alert.is_visible() and "位置" in alert.inner_text()
