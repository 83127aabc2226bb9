"""Search finds the right page first and shows clean excerpts, also offline (issue #14, item 7).

«273f» is the article of the Criminal Code that «Wat is mensenhandel?» explains: that
chapter must come first. Over file:// (the book on a USB stick) results must still have
excerpts, and no excerpt may contain interface text. The magnifier must not cover the text
typed in the search field.
"""

from __future__ import annotations

import re

import pytest

from conftest import EDITIONS

UI_TEXT = (
    "Kleurmodus",
    "kopieer link",
    "Toon de code",
    "Naar de hoofdinhoud",
    "Terug naar boven",
    "Begin opnieuw",
    "Zonder JavaScript",
)
RESULTS = "#search-results ul.search li"
DONE_JS = "() => document.querySelector('#search-results .search-summary, #search-results p')"


def search(page, url: str, query: str):
    page.goto(f"{url}?q={query}")
    page.locator(RESULTS).first.wait_for(timeout=20_000)
    page.wait_for_function("() => !document.querySelector('#search-progress')?.innerText", timeout=20_000)
    page.wait_for_timeout(500)  # excerpts are added one result at a time
    return page.locator(RESULTS)


@pytest.mark.parametrize("edition", EDITIONS, indirect=True)
def test_the_chapter_about_273f_ranks_first(browser_page, book_url, edition):
    results = search(browser_page, book_url("search.html"), "273f")
    title = results.first.locator("a").first.inner_text().strip()
    assert re.fullmatch(r"(\d+\. )?Wat is mensenhandel\?", title), title  # chapters are numbered


def test_a_chapter_title_ranks_first(browser_page, book_url):
    results = search(browser_page, book_url("search.html"), "Kompas")
    assert "Kompas" in results.first.locator("a").first.inner_text()


def test_excerpts_over_http_carry_no_interface_text(browser_page, book_url):
    results = search(browser_page, book_url("search.html"), "uitbuiting")
    excerpts = results.locator(".context").all_inner_texts()
    assert len(excerpts) == results.count() > 0
    assert [e for e in excerpts if any(ui in e for ui in UI_TEXT)] == []


def test_excerpts_over_file_url(browser, built_book):
    context = browser.new_context()
    page = context.new_page()
    try:
        results = search(page, (built_book / "search.html").as_uri(), "Kompas")
        excerpts = results.locator(".context").all_inner_texts()
        assert len(excerpts) == results.count() > 0
        assert all("Kompas" in e or "kompas" in e.lower() for e in excerpts[:3])
    finally:
        context.close()


@pytest.mark.parametrize("width", [390, 1366])
def test_magnifier_does_not_cover_the_typed_text(browser, book_url, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    try:
        page.goto(book_url("search.html"))
        form = page.locator(".bd-search-container form.bd-search")
        icon = form.locator("i, svg").first.bounding_box()
        text_start = form.locator("input").evaluate(
            "el => el.getBoundingClientRect().left + parseFloat(getComputedStyle(el).paddingLeft)"
        )
        assert icon["x"] + icon["width"] <= text_start
    finally:
        context.close()


#: What pydata-sphinx-theme 0.17.1 puts in every page's <head> for its search-as-you-type
#: dialog. The book sets search_as_you_type off (the dialog submits to search.html), so on
#: any other page these 128 KB are parsed before the first paint for nothing (issue #14).
SEARCH_SCRIPTS = ("searchindex.js", "_static/searchtools.js", "_static/language_data.js")


def loaded_scripts(html: str) -> list[str]:
    return [src.split("?")[0] for src in re.findall(r'<script[^>]*\ssrc="([^"]+)"', html)]


@pytest.mark.parametrize("edition", EDITIONS, indirect=True)
def test_only_the_search_page_loads_the_search_index(built_book):
    for page in sorted(built_book.rglob("*.html")):
        scripts = loaded_scripts(page.read_text(encoding="utf-8"))
        loaded = [s for s in SEARCH_SCRIPTS if any(src.endswith(s) for src in scripts)]
        if page.name == "search.html" and page.parent == built_book:
            assert loaded == list(SEARCH_SCRIPTS), page
        else:
            assert loaded == [], page.relative_to(built_book)


@pytest.mark.parametrize("width", [390, 1366])
def test_the_search_dialog_of_a_chapter_finds_273f(browser, book_url, width):
    """From a chapter page: open the search dialog, type, press Enter, get the results."""
    context = browser.new_context(viewport={"width": width, "height": 800}, has_touch=width < 500)
    page = context.new_page()
    try:
        page.goto(book_url("chapters/aanpak-mensenhandel.html"))
        page.locator(".search-button__button:visible, .search-button-field:visible").first.click()
        field = page.locator("#pst-search-dialog input[name='q']")
        field.fill("273f")
        field.press("Enter")
        page.wait_for_url("**/search.html?q=273f*")
        page.locator(RESULTS).first.wait_for(timeout=20_000)
        title = page.locator(RESULTS).first.locator("a").first.inner_text().strip()
        assert re.fullmatch(r"(\d+\. )?Wat is mensenhandel\?", title), title
    finally:
        context.close()
