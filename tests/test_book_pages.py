"""Every page of the built book, opened in headless Chromium, is offline-clean.

Zero requests to other hosts, zero failed requests, zero console errors.
"""

import pytest

from conftest import EDITIONS, built_pages

PAGES = built_pages()
# Every test here runs on both editions: student (_build/html) and teacher (_build/html-docent).
pytestmark = pytest.mark.parametrize("edition", list(EDITIONS), indirect=True)


@pytest.mark.parametrize("page_path", PAGES)
def test_page_loads_only_from_the_book_without_errors(browser_page, book_url, page_path):
    browser_page.goto(book_url(page_path), wait_until="networkidle")
    if browser_page.locator(".widget-subarea, .jupyter-widgets").count():
        browser_page.wait_for_selector(".jupyter-widgets", state="attached")
    log = browser_page.oz_log
    assert log.foreign_requests() == []
    assert log.failed == []
    assert log.console_errors == []
    assert browser_page.locator("h1:visible").count() == 1, "every page has exactly one visible title"


def test_search_page_works_offline(browser_page, book_url):
    browser_page.goto(book_url("search.html?q=slachtoffer"), wait_until="networkidle")
    browser_page.wait_for_selector("#search-results li", timeout=10_000)
    assert browser_page.locator("#search-results li").count() > 0
    assert browser_page.oz_log.foreign_requests() == []
    assert browser_page.oz_log.console_errors == []


def _first_widget_page(built_book):
    for page_path in PAGES:
        if "application/vnd.jupyter.widget-state+json" in (built_book / page_path).read_text(encoding="utf-8"):
            return page_path
    return None


def test_book_works_from_a_usb_stick(browser_page, built_book):
    """Opened as files (file://), as from a USB stick in a classroom: same guarantees."""
    pages = ["index.html"] + [p for p in [_first_widget_page(built_book)] if p]
    for page_path in pages:
        browser_page.goto((built_book / page_path).as_uri(), wait_until="networkidle")
        assert browser_page.locator("h1:visible").count() == 1
        if page_path != "index.html":
            browser_page.wait_for_selector(".oz-explainer, .jupyter-widgets", timeout=15_000)
    log = browser_page.oz_log
    assert [url for url in log.requests if not url.startswith("file://")] == []
    assert log.failed == []
    assert log.console_errors == []
