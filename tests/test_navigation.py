"""The sidebar toggles work as a reader uses them (issue #14.1).

☰ must show the chapter list and ☷ the page contents: tapped on a phone (390×844, touch)
and clicked on a laptop, on a chapter page of both editions. pydata-sphinx-theme 0.17.1
binds its handlers to a hidden duplicate button (upstream #2451); `_static/oz-nav.js`
forwards the clicks. Without it every assertion on an opened drawer below fails.
"""

from __future__ import annotations

import pytest

from conftest import EDITIONS, LAPTOP, PHONE, open_on_device

CHAPTER = "chapters/seksuele-uitbuiting.html"


def open_page(browser, book_url, device):
    return open_on_device(browser, book_url(CHAPTER), device)


@pytest.mark.parametrize("edition", EDITIONS, indirect=True)
def test_phone_hamburger_opens_chapter_list(browser, book_url, edition):
    context, page = open_page(browser, book_url, PHONE)
    try:
        page.locator(".primary-toggle:visible").first.tap()
        drawer = page.locator("#pst-primary-sidebar-modal")
        drawer.wait_for(state="visible", timeout=3000)
        chapter_link = drawer.get_by_role("link", name="Wat is mensenhandel?")
        assert chapter_link.is_visible()
        chapter_link.tap()
        page.wait_for_url("**/wat-is-mensenhandel.html*")
    finally:
        context.close()


@pytest.mark.parametrize("edition", EDITIONS, indirect=True)
def test_phone_contents_button_opens_page_contents(browser, book_url, edition):
    context, page = open_page(browser, book_url, PHONE)
    try:
        page.locator(".secondary-toggle:visible").first.tap()
        drawer = page.locator("#pst-secondary-sidebar-modal")
        drawer.wait_for(state="visible", timeout=3000)
        assert drawer.get_by_role("link", name="Signalen").is_visible()
        page.keyboard.press("Escape")
        drawer.wait_for(state="hidden", timeout=3000)
    finally:
        context.close()


@pytest.mark.parametrize("edition", EDITIONS, indirect=True)
def test_laptop_hamburger_hides_and_shows_chapter_list(browser, book_url, edition):
    context, page = open_page(browser, book_url, LAPTOP)
    try:
        chapter_list = page.locator("#pst-primary-sidebar")
        link = chapter_list.get_by_role("link", name="Wat is mensenhandel?")
        assert link.is_visible()
        toggle = page.locator(".primary-toggle:visible").first
        toggle.click()
        link.wait_for(state="hidden", timeout=3000)
        toggle.click()
        link.wait_for(state="visible", timeout=3000)
    finally:
        context.close()


@pytest.mark.parametrize("edition", EDITIONS, indirect=True)
def test_narrow_laptop_contents_button_opens_page_contents(browser, book_url, edition):
    # Below 1200 px the page contents move behind ☷, also with a mouse.
    context, page = open_page(browser, book_url, dict(viewport={"width": 1024, "height": 768}))
    try:
        page.locator(".secondary-toggle:visible").first.click()
        drawer = page.locator("#pst-secondary-sidebar-modal")
        drawer.wait_for(state="visible", timeout=3000)
        assert drawer.get_by_role("link", name="Signalen").is_visible()
    finally:
        context.close()
