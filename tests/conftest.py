"""Shared fixtures: the built book, a local web server for it, and headless Chromium.

The browser is Debian's Chromium driven by Playwright (``bookbuild/browser.py``).
"""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

import pytest

from bookbuild.browser import CHROMIUM, CHROMIUM_ARGS
from bookbuild.toc import toc_documents

ROOT = Path(__file__).resolve().parent.parent
BUILD_HTML = ROOT / "_build" / "html"
BUILD_DOCENT = ROOT / "_build" / "html-docent"
#: The two editions built by `make book`: student (no solutions) and teacher (docent).
EDITIONS = {"student": BUILD_HTML, "docent": BUILD_DOCENT}


def toc_files(toc_path: Path = ROOT / "_toc.yml") -> list[str]:
    """Every document named in the table of contents, root first, in reading order."""
    return toc_documents(toc_path)


def built_pages(html_dir: Path = BUILD_HTML) -> list[str]:
    """Paths (relative to the HTML root) of every chapter page in the built book."""
    return [f"{name}.html" for name in toc_files()]


@pytest.fixture(scope="session")
def edition(request) -> str:
    """The edition under test: "student" unless a test parametrizes it indirectly, e.g.
    ``@pytest.mark.parametrize("edition", EDITIONS, indirect=True)``."""
    return getattr(request, "param", "student")


@pytest.fixture(scope="session")
def built_book(edition) -> Path:
    html_dir = EDITIONS[edition]
    if not (html_dir / "index.html").exists():
        pytest.fail(f"the {edition} edition is not built in {html_dir}: run `make book` (make test does it first)")
    return html_dir


#: How readers hold the book (issue #14): a phone with touch, and a laptop.
PHONE = dict(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True, device_scale_factor=1)
LAPTOP = dict(viewport={"width": 1366, "height": 768})


def open_on_device(browser, url: str, device: dict):
    """A fresh Dutch-locale context on ``device`` with ``url`` loaded; returns (context, page)."""
    context = browser.new_context(locale="nl-NL", **device)
    page = context.new_page()
    page.goto(url)
    page.wait_for_load_state("load")
    return context, page


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep pytest output readable
        pass


def serve(folder: Path):
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture(scope="session")
def book_server(built_book):
    server = serve(built_book)
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="session")
def book_url(book_server):
    """``book_url("chapters/x.html")`` -> the page's URL on the local server."""
    return lambda page: f"{book_server}/{page.lstrip('/')}"


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: make test installs Debian's chromium package")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


class PageLog:
    """What a page did on the network and in the console."""

    def __init__(self, page, origin: str):
        self.origin = origin
        self.requests: list[str] = []
        self.failed: list[str] = []
        self.console_errors: list[str] = []
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("requestfailed", lambda request: self.failed.append(f"{request.url} ({request.failure})"))
        page.on("response", self._on_response)
        page.on("console", lambda msg: msg.type == "error" and self.console_errors.append(msg.text))
        page.on("pageerror", lambda error: self.console_errors.append(str(error)))

    def _on_response(self, response):
        if response.status >= 400:
            self.failed.append(f"{response.url} (HTTP {response.status})")

    def foreign_requests(self) -> list[str]:
        return [
            url
            for url in self.requests
            if not (url.startswith(self.origin) or url.startswith(("data:", "blob:", "about:")))
        ]


@pytest.fixture
def browser_page(browser, book_server):
    """A fresh Playwright page (own context, so no shared storage); ``page.oz_log`` records traffic."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    page = context.new_page()
    page.oz_log = PageLog(page, book_server)
    yield page
    context.close()
