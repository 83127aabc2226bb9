"""No English left in the interface (issue #14, item 6).

A list of interface strings the themes and extensions ship in English, as the review found
them. None may appear in any built page, nor in the book's own scripts; the copy button's
script must carry Dutch texts, and the landing page's title must not repeat itself.
"""

from __future__ import annotations

import re

import pytest

from conftest import EDITIONS

ENGLISH = (
    "Toggle primary sidebar",
    "Toggle secondary sidebar",
    "Please activate JavaScript",
    "Copy to clipboard",
    "Copied!",
    "Toggle hidden content",
    "Show code cell",
    "Hide code cell",
    "Click to show",
    "Click to hide",
    "Skip to main content",
    "Back to top",
    "On this page",
    "Search this book",
    "Color mode",
)
#: Scripts the book serves whose interface strings are literal (not gettext lookups).
LITERAL_SCRIPTS = ("togglebutton.js", "oz-nav.js", "oz-tools.js")


@pytest.mark.parametrize("edition", EDITIONS, indirect=True)
def test_no_known_english_interface_string_in_the_built_html(built_book, edition):
    found = []
    for page in sorted(built_book.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        found += [f"{page.relative_to(built_book)}: {s}" for s in ENGLISH if s in text]
    assert found == []


@pytest.mark.parametrize("edition", EDITIONS, indirect=True)
def test_no_known_english_interface_string_in_the_books_scripts(built_book, edition):
    found = []
    for name in LITERAL_SCRIPTS:
        text = (built_book / "_static" / name).read_text(encoding="utf-8")
        found += [f"{name}: {s}" for s in ENGLISH if s in text]
    assert found == []


@pytest.mark.parametrize("edition", EDITIONS, indirect=True)
def test_copy_button_speaks_dutch(built_book, edition):
    text = (built_book / "_static" / "copybutton.js").read_text(encoding="utf-8")
    dutch = re.search(r"'nl'\s*:\s*\{(.*?)\}", text, re.DOTALL)
    assert dutch, "copybutton.js has no Dutch messages"
    assert "'copy_to_clipboard': 'Kopieer naar klembord'" in dutch.group(1)
    assert "'copy_success': 'Gekopieerd!'" in dutch.group(1)


def test_copy_button_tooltip_in_the_browser(browser_page, book_url, built_book):
    page_with_code = next(
        p
        for p in sorted((built_book / "chapters").glob("*.html"))
        if 'class="highlight' in p.read_text(encoding="utf-8")
    )
    browser_page.goto(book_url(f"chapters/{page_with_code.name}"))
    button = browser_page.locator(".copybtn").first
    button.wait_for(state="attached")
    assert button.get_attribute("data-tooltip") == "Kopieer"


@pytest.mark.parametrize("edition", EDITIONS, indirect=True)
def test_landing_page_title_is_not_doubled(built_book, edition):
    html = (built_book / "chapters" / "over-dit-boek.html").read_text(encoding="utf-8")
    title = re.search(r"<title>(.*?)</title>", html, re.DOTALL).group(1)
    assert title.count("Mensenhandel in Nederland") == 1, title
