"""Every page of the built book, opened in headless Chromium, is offline-clean.

Zero requests to other hosts, zero failed requests, zero console errors.
"""

import pytest

from conftest import built_pages

PAGES = built_pages()


@pytest.mark.parametrize("page_path", PAGES)
def test_page_loads_only_from_the_book_without_errors(browser_page, book_url, page_path):
    browser_page.goto(book_url(page_path), wait_until="networkidle")
    if browser_page.locator(".widget-subarea, .jupyter-widgets").count():
        browser_page.wait_for_selector(".jupyter-widgets", state="attached")
    log = browser_page.oz_log
    assert log.foreign_requests() == []
    assert log.failed == []
    assert log.console_errors == []
    assert browser_page.locator("h1").count() == 1, "every page has exactly one title"


def test_search_page_works_offline(browser_page, book_url):
    browser_page.goto(book_url("search.html?q=slachtoffer"), wait_until="networkidle")
    browser_page.wait_for_selector("#search-results li", timeout=10_000)
    assert browser_page.locator("#search-results li").count() > 0
    assert browser_page.oz_log.foreign_requests() == []
    assert browser_page.oz_log.console_errors == []
