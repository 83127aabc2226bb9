"""Figures do not hold up the first paint, and still show undistorted and print (issue #14, item 4).

Blink parses an SVG image on the main thread and, without a size on the <img>, needs the
file before it can lay out the page: on the chapter with six figures the first paint was
1.4× that of a text page at 4× CPU. Each figure image is therefore lazy, decoded
asynchronously, and carries its own size. The expected size is read here from the SVG file
itself (its root's width and height; CSS counts 1pt as 4/3 px), not from the extension.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import EDITIONS, LAPTOP, PHONE, built_pages

FIGURE_PAGE = "chapters/het-grootste-deel-zien-we-niet.html"  # six figures
FIGURE_IMG = re.compile(r'<a class="oz-figure-open"[^>]*>(<img\b[^>]*>)')


def attribute(tag: str, name: str) -> str | None:
    match = re.search(rf'\s{name}="([^"]*)"', tag)
    return match.group(1) if match else None


def svg_css_size(svg: Path) -> tuple[int, int]:
    root = re.search(r"<svg\b[^>]*>", svg.read_text(encoding="utf-8"), re.S).group(0)
    size = []
    for name in ("width", "height"):
        value = attribute(root, name)
        number = float(value.removesuffix("pt").removesuffix("px"))
        size.append(round(number * 4 / 3) if value.endswith("pt") else round(number))
    return size[0], size[1]


@pytest.mark.parametrize("edition", EDITIONS, indirect=True)
def test_every_figure_image_is_lazy_and_sized_as_its_svg(built_book):
    seen = 0
    for path in built_pages():
        page = built_book / path
        for tag in FIGURE_IMG.findall(page.read_text(encoding="utf-8")):
            seen += 1
            svg = (page.parent / attribute(tag, "src")).resolve()
            where = f"{path}: {attribute(tag, 'src')}"
            assert (attribute(tag, "loading"), attribute(tag, "decoding")) == ("lazy", "async"), where
            size = (int(attribute(tag, "width") or 0), int(attribute(tag, "height") or 0))
            assert size == svg_css_size(svg), where
    assert seen >= 10, "expected the book's figures (at least 10 across the chapters)"


BLOCKED_BOXES = """() => [...document.querySelectorAll('a.oz-figure-open > img')].map(i => {
  const box = i.getBoundingClientRect();
  return [box.width, box.height, i.complete && i.naturalWidth > 0];
})"""


@pytest.mark.parametrize("device", [PHONE, LAPTOP], ids=["phone", "laptop"])
def test_figures_keep_their_shape_before_and_after_they_load(browser, book_url, device):
    """Before its file arrives, each figure already takes the space it will have (no jump);
    once loaded it is not stretched: the box has the SVG's own proportions."""
    context = browser.new_context(locale="nl-NL", **device)
    try:
        page = context.new_page()
        page.route("**/_images/*.svg", lambda route: route.abort())
        page.goto(book_url(FIGURE_PAGE), wait_until="load")
        before = page.evaluate(BLOCKED_BOXES)
        assert len(before) == 6 and not any(loaded for _, _, loaded in before)
        page.unroute("**/_images/*.svg")
        page.goto(book_url(FIGURE_PAGE), wait_until="load")
        images = page.locator("a.oz-figure-open > img")
        for i in range(images.count()):
            images.nth(i).scroll_into_view_if_needed()
            images.nth(i).evaluate("i => i.decode()")
        after = page.evaluate(BLOCKED_BOXES)
        natural = page.evaluate(
            "() => [...document.querySelectorAll('a.oz-figure-open > img')].map(i => i.naturalWidth / i.naturalHeight)"
        )
    finally:
        context.close()
    for (w0, h0, _), (w1, h1, loaded), ratio in zip(before, after, natural):
        assert loaded
        # within a pixel: the attributes are the SVG's size rounded to whole pixels
        assert abs(w0 - w1) <= 1 and abs(h0 - h1) <= 1, (
            f"the figure's box changed when it loaded: {(w0, h0)} -> {(w1, h1)}"
        )
        assert w1 / h1 == pytest.approx(ratio, rel=0.01), "the figure is stretched"


def test_lazy_figures_are_in_the_printout(browser, book_url):
    """Chromium loads lazy images when it prints: none may be missing from a handout."""
    context = browser.new_context(locale="nl-NL")
    try:
        page = context.new_page()
        page.emulate_media(media="print")
        page.goto(book_url(FIGURE_PAGE), wait_until="networkidle")
        page.pdf(format="A4")
        loaded = page.evaluate(BLOCKED_BOXES)
    finally:
        context.close()
    assert len(loaded) == 6 and all(ok for _, _, ok in loaded)


def test_an_svg_without_a_size_is_an_error_that_names_it(tmp_path):
    from sphinx.errors import ExtensionError

    from phone_layout import svg_size

    svg = tmp_path / "figuur.svg"
    svg.write_text('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 5"></svg>', encoding="utf-8")
    with pytest.raises(ExtensionError, match=r"figuur\.svg.*width"):
        svg_size(svg)
    svg.write_text('<svg width="30pt" height="15pt"></svg>', encoding="utf-8")
    assert svg_size(svg) == (40, 20)
