"""Explainers without JavaScript and on paper; search without JavaScript (issue #14, item 5).

Without JavaScript every explainer shows its full answer table (every combination and its
verdict) and a one-line note; in print an explainer is that table, never the starting
state of its buttons, and dropdowns carry no «Klik om te verbergen». The table's verdicts
must be the legal model's (``onzichtbaar.explainers.expected_verdicts``).
"""

from __future__ import annotations

import pytest

from onzichtbaar import explainers as ex

from conftest import EDITIONS

PAGES = {  # page -> number of explainer cards on it
    "chapters/wat-is-mensenhandel.html": 3 + len(ex.QUIZ),
    "chapters/hoeveel-zien-we-niet.html": 1,
    "chapters/het-grootste-deel-zien-we-niet.html": 1,
}
NOJS_NOTE = "Zonder JavaScript werken de knoppen niet."


def visible_texts(page, selector: str) -> list[str]:
    return page.eval_on_selector_all(selector, "els => els.filter(e => e.offsetParent !== null).map(e => e.innerText)")


@pytest.mark.parametrize("edition", EDITIONS, indirect=True)
@pytest.mark.parametrize("page_path", PAGES)
def test_without_javascript_every_explainer_shows_its_answer_table(browser, book_url, edition, page_path):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        page.goto(book_url(page_path))
        tables = page.locator(".oz-s-table")
        assert len(visible_texts(page, ".oz-s-table")) == PAGES[page_path]
        notes = visible_texts(page, ".oz-s-nojs")
        assert len(notes) == PAGES[page_path] and all(NOJS_NOTE in n for n in notes)
        assert visible_texts(page, ".oz-static-default") == []  # no buttons that do nothing
        for i in range(tables.count()):
            assert tables.nth(i).locator("tbody tr").count() >= 2
    finally:
        context.close()


def test_without_javascript_the_table_gives_the_models_verdicts(browser, book_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(book_url(ex.PAGE))
        table = page.locator(".oz-s-table").first  # «Is dit mensenhandel?», the first explainer
        rows = table.locator("tbody tr")
        expected = ex.expected_verdicts(ex.MENSENHANDEL)
        assert rows.count() == len(expected)
        for i, (labels, verdict) in enumerate(expected):
            cells = rows.nth(i).locator("td")
            assert [cells.nth(j).inner_text() for j in range(len(labels))] == list(labels.values())
            assert cells.nth(len(labels)).locator(".oz-s-verdict-text").inner_text() == verdict
    finally:
        context.close()


@pytest.mark.parametrize("edition", EDITIONS, indirect=True)
def test_search_without_javascript_says_so_in_dutch(browser, book_url, edition):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(book_url("search.html"))
        text = page.locator("main").inner_text()
        assert "Please activate" not in text
        assert "Zoeken werkt alleen met JavaScript" in text
    finally:
        context.close()


@pytest.mark.parametrize("edition", EDITIONS, indirect=True)
@pytest.mark.parametrize("page_path", PAGES)
def test_print_shows_the_answer_table_not_the_buttons(browser, book_url, edition, page_path):
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(book_url(page_path))
        page.wait_for_function(
            "[...document.querySelectorAll('.oz-static')].every(s => s.classList.contains('oz-drawn'))", timeout=30_000
        )
        page.emulate_media(media="print")
        assert len(visible_texts(page, ".oz-s-table")) == PAGES[page_path]
        assert visible_texts(page, ".oz-card") == []  # the live widget
        assert visible_texts(page, ".oz-static-default") == []  # its static starting state
        assert visible_texts(page, ".oz-s-nojs") == []  # the note is for screens without JS
        body = page.locator("article").inner_text()
        assert "Klik om te verbergen" not in body and "Klik om te tonen" not in body
        assert len(page.pdf(format="A4")) > 10_000  # and Chromium prints it
    finally:
        context.close()
