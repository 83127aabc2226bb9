"""Zero broken internal links in the built book (both editions).

Every ``href``/``src`` that points into the book must name a file that exists, and
every ``#fragment`` must be an ``id`` (or ``name``) in the page it points to.
Links to other hosts are not checked here: the build machines are offline, and
``make linkcheck`` checks them separately.
"""

from __future__ import annotations

import functools
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from conftest import EDITIONS

LINK_ATTRIBUTES = {"href", "src"}
#: Schemes a reader's browser handles itself, or that load nothing from the book.
EXTERNAL_SCHEMES = {"http", "https", "mailto", "tel", "data", "javascript", "about", "blob", "ftp"}


class PageScan(HTMLParser):
    """The links and the anchor targets (ids and a[name]) of one HTML page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[int, str, str]] = []  # (line, tag, url)
        self.targets: set[str] = set()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (name == "name" and tag == "a"):
                self.targets.add(value)
            elif name in LINK_ATTRIBUTES:
                self.links.append((self.getpos()[0], tag, value))


@functools.cache
def scan(path: Path) -> PageScan:
    parser = PageScan()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser


def is_internal(url: str) -> bool:
    parts = urlsplit(url)
    return not parts.netloc and parts.scheme.lower() not in EXTERNAL_SCHEMES and not url.startswith("//")


def broken_link(html_dir: Path, page: Path, url: str) -> str | None:
    """Why ``url`` on ``page`` is broken, or None if it resolves."""
    parts = urlsplit(url)
    if parts.path:
        target = (page.parent / unquote(parts.path)).resolve()
        if parts.path.endswith("/") or target.is_dir():
            target = target / "index.html"
        # The teacher edition's banner links to the same page in the student edition beside it.
        roots = [d.resolve() for d in (html_dir, *EDITIONS.values()) if d.resolve() in target.parents]
        if not roots:
            return "points outside the built book"
        html_dir = roots[0]
        if not target.is_file():
            return f"no such file: {target.relative_to(html_dir.resolve())}"
    else:
        target = page.resolve()
    fragment = unquote(parts.fragment)
    if fragment and target.suffix == ".html" and fragment not in scan(target).targets:
        return f"no id {fragment!r} in {target.relative_to(html_dir.resolve())}"
    return None


def html_pages(html_dir: Path) -> list[Path]:
    return sorted(p for p in html_dir.rglob("*.html") if "_static" not in p.relative_to(html_dir).parts)


@pytest.mark.parametrize("edition", list(EDITIONS), indirect=True)
def test_every_internal_link_and_fragment_resolves(built_book):
    pages = html_pages(built_book)
    assert len(pages) >= 3, f"only {len(pages)} HTML pages in {built_book}"
    checked = 0
    problems = []
    for page in pages:
        for line, tag, url in scan(page).links:
            if not url or not is_internal(url):
                continue
            checked += 1
            reason = broken_link(built_book, page, url)
            if reason:
                problems.append(f"{page.relative_to(built_book)}:{line} <{tag}> {url}: {reason}")
    assert checked > 0, "no internal links found: the scan is broken"
    assert problems == [], f"{len(problems)} broken internal link(s):\n" + "\n".join(problems[:50])


def test_the_check_finds_a_broken_file_and_a_broken_fragment(tmp_path):
    """The checker itself: a missing file and a missing id are reported, good links are not."""
    (tmp_path / "a.html").write_text(
        '<p id="here">x</p><a href="b.html#there">ok</a><a href="b.html#gone">bad id</a>'
        '<a href="c.html">no file</a><a href="#here">same page</a><a href="https://example.org/x">out</a>',
        encoding="utf-8",
    )
    (tmp_path / "b.html").write_text('<section id="there"></section>', encoding="utf-8")
    page = tmp_path / "a.html"
    results = {url: broken_link(tmp_path, page, url) for _, _, url in scan(page).links if is_internal(url)}
    assert results["b.html#there"] is None and results["#here"] is None
    assert "no id 'gone'" in results["b.html#gone"]
    assert "no such file" in results["c.html"]
    assert "https://example.org/x" not in results
