"""Nothing cut off on a phone (issue #14, item 3), outside the explainers.

At 390×844: every table wider than the screen says that it scrolls; every figure opens full
size on a tap (a link to its own image); the previous/next links show whole titles.
"""

from __future__ import annotations

import pytest

from onzichtbaar import widgets

from conftest import EDITIONS, PHONE, built_pages, open_on_device

TABLE_PAGE = "chapters/over-de-cijfers.html"
FIGURE_PAGE = "chapters/seksuele-uitbuiting.html"

WIDE_TABLES = """() => [...document.querySelectorAll('.pst-scrollable-table-container')]
  .filter(b => b.scrollWidth > b.clientWidth + 1)
  .map(b => [b.classList.contains('oz-wide'), getComputedStyle(b, '::before').content])"""


def phone_page(browser, book_url, path):
    return open_on_device(browser, book_url(path), PHONE)


@pytest.mark.parametrize("edition", EDITIONS, indirect=True)
def test_wide_tables_say_that_they_scroll(browser, book_url, edition):
    context, page = phone_page(browser, book_url, TABLE_PAGE)
    try:
        wide = page.evaluate(WIDE_TABLES)
        assert wide, "expected at least one table wider than a phone on this page"
        assert all(marked and "Schuif" in hint for marked, hint in wide), wide
    finally:
        context.close()


@pytest.mark.parametrize("edition", EDITIONS, indirect=True)
def test_figures_open_full_size(browser, book_url, edition):
    context, page = phone_page(browser, book_url, FIGURE_PAGE)
    try:
        figures = page.locator("figure:has(img)")
        assert figures.count() >= 1
        for i in range(figures.count()):
            link = figures.nth(i).locator("a.oz-figure-open")
            assert link.get_attribute("href") == figures.nth(i).locator("img").get_attribute("src")
    finally:
        context.close()


@pytest.mark.parametrize("edition", EDITIONS, indirect=True)
def test_previous_and_next_titles_are_whole(browser, book_url, edition):
    context, page = phone_page(browser, book_url, FIGURE_PAGE)
    try:
        titles = page.locator(".prev-next-area .prev-next-title")
        assert titles.count() == 2
        for i in range(titles.count()):
            title = titles.nth(i)
            assert title.evaluate("el => el.scrollWidth <= el.clientWidth + 1"), title.inner_text()
            box = title.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    finally:
        context.close()


PAGE_WIDER_THAN_SCREEN = """() => {
  const width = document.documentElement.clientWidth;
  const sticking = [...document.querySelectorAll('main *')].filter(e => {
    const box = e.getBoundingClientRect();
    if (box.width === 0 || box.right <= width + 1) return false;
    for (let a = e.parentElement; a; a = a.parentElement)
      if (getComputedStyle(a).overflowX !== 'visible') return false;  // scrolls inside its own box
    return true;
  }).slice(0, 3).map(e => e.tagName + ' «' + e.textContent.trim().slice(0, 40) + '»');
  return [document.documentElement.scrollWidth, width, sticking];
}"""


@pytest.mark.parametrize("edition", EDITIONS, indirect=True)
def test_no_page_scrolls_sideways_on_a_phone(browser, book_url, edition):
    """A page wider than the phone gets zoomed out or dragged sideways: every word must fit."""
    context = browser.new_context(locale="nl-NL", **PHONE)
    try:
        page = context.new_page()
        too_wide = {}
        for path in built_pages() + ["search.html", "genindex.html"]:
            page.goto(book_url(path), wait_until="load")
            scroll_width, width, sticking = page.evaluate(PAGE_WIDER_THAN_SCREEN)
            if scroll_width > width + 1:
                too_wide[path] = (scroll_width, sticking)
        assert not too_wide, f"wider than the {PHONE['viewport']['width']} px screen: {too_wide}"
    finally:
        context.close()


ALL_DRAWN = "() => [...document.querySelectorAll('.oz-static')].every(s => s.classList.contains('oz-drawn'))"
SPLIT_WORDS = """(selector) => {
  const split = [];
  for (const element of document.querySelectorAll(selector)) {
    if (!element.getClientRects().length) continue;  // not shown (e.g. the copy after the swap)
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of node.textContent.matchAll(/\\S+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
        if (lines.size > 1) split.push(match[0]);
      }
    }
  }
  return split;
}"""


@pytest.mark.parametrize("edition", EDITIONS, indirect=True)
def test_explainer_titles_keep_their_words_whole_on_a_phone(browser, book_url, edition):
    """A card title beside its reset button once broke «samenhangen» over two lines."""
    pages = sorted({r.page for r in widgets.registered_explainers()})
    context = browser.new_context(locale="nl-NL", **PHONE)
    try:
        page = context.new_page()
        split = {}
        for path in pages:
            page.goto(book_url(path), wait_until="load")
            page.locator(".oz-s-title").first.wait_for(timeout=20_000)
            words = page.evaluate(SPLIT_WORDS, ".oz-s-title")  # the working copy, before the runtime
            page.wait_for_function(ALL_DRAWN, timeout=60_000)
            words += page.evaluate(SPLIT_WORDS, ".oz-title")  # the live widgets, after the swap
            if words:
                split[path] = words
        assert not split, f"words split over two lines in explainer titles: {split}"
    finally:
        context.close()
