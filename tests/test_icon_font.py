"""The theme's icon font holds every icon the book draws, and little else (issue #14).

_ext/icon_font.py cuts Font Awesome's solid font (153 KB, on every page) down to the icons
the built pages use. What the pages use is taken here from Chromium itself: every element
and ::before/::after whose computed font is Font Awesome's solid face (weight 900), after
the page's scripts have run. Each of those characters must be in the font's character map,
or the reader sees an empty box instead of ☰, the search glass or a warning sign.
"""

from __future__ import annotations

import pytest
from fontTools.ttLib import TTFont

from conftest import EDITIONS, built_pages

FONT = "_static/vendor/fontawesome/webfonts/fa-solid-900.woff2"
FULL_FONT_BYTES = 150_000  # pydata-sphinx-theme 0.17.1's copy is 156,400 bytes

SOLID_ICONS_DRAWN = """() => {
  const found = new Set();
  const pua = /[\\ue000-\\uf8ff]/g;
  const solid = style => /Font Awesome 6 Free/.test(style.fontFamily) && style.fontWeight === '900';
  for (const element of document.querySelectorAll('body *')) {
    for (const pseudo of ['::before', '::after']) {
      const style = getComputedStyle(element, pseudo);
      if (style.content && style.content !== 'none' && solid(style))
        for (const c of style.content.match(pua) || []) found.add(c.codePointAt(0));
    }
    const style = getComputedStyle(element);
    if (solid(style))
      for (const node of element.childNodes)
        if (node.nodeType === 3) for (const c of node.textContent.match(pua) || []) found.add(c.codePointAt(0));
  }
  return [...found];
}"""


@pytest.mark.parametrize("edition", EDITIONS, indirect=True)
def test_every_icon_a_page_draws_is_in_the_font(browser, book_url, built_book, edition):
    in_font = set(TTFont(built_book / FONT).getBestCmap())
    context = browser.new_context(locale="nl-NL")
    try:
        page = context.new_page()
        missing, drawn = {}, set()
        for path in built_pages() + ["search.html", "genindex.html"]:
            page.goto(book_url(path), wait_until="load")
            icons = set(page.evaluate(SOLID_ICONS_DRAWN))
            drawn |= icons
            if icons - in_font:
                missing[path] = sorted(hex(i) for i in icons - in_font)
    finally:
        context.close()
    assert drawn >= {0xF0C9, 0xF002}, "expected at least ☰ (f0c9) and the search glass (f002)"
    assert not missing, f"icons drawn but not in {FONT}: {missing}"


@pytest.mark.parametrize("edition", EDITIONS, indirect=True)
def test_the_icon_font_is_cut_to_what_the_book_uses(built_book):
    font = built_book / FONT
    assert font.stat().st_size < FULL_FONT_BYTES / 10, f"{font.stat().st_size} bytes: not subset"
    assert len(TTFont(font).getBestCmap()) < 100
