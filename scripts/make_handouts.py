"""`make handouts`: one A4 PDF per chapter per edition, printed by the Chromium the tests use.

Writes _build/handouts/<edition>/<chapter>.pdf (edition: student, docent) from the built book,
with the book's own print CSS (the same as «Afdrukken / PDF» in a browser), and copies the
set into the teacher edition (_build/html-docent/_downloads/handouts/), whose chapter pages
link to it. The student PDFs come from the student edition, so they hold no solutions.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import sys
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

from bookbuild.toc import toc_documents

ROOT = Path(__file__).resolve().parent.parent

EDITIONS = {"student": ROOT / "_build" / "html", "docent": ROOT / "_build" / "html-docent"}
OUT = ROOT / "_build" / "handouts"
ROUTE_PAGES = ("chapters/ik-ben-student", "chapters/ik-geef-les")  # web pages, not lesson material
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def chapters() -> list[str]:
    return [doc for doc in toc_documents(ROOT / "_toc.yml") if doc not in ROUTE_PAGES]


def print_edition(browser, edition: str, html_dir: Path) -> list[Path]:
    handler = functools.partial(QuietHandler, directory=str(html_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    written = []
    try:
        context = browser.new_context(locale="nl-NL")
        page = context.new_page()
        page.emulate_media(media="print")
        for doc in chapters():
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/{doc}.html", wait_until="networkidle")
            # Printed too early, Chromium once gave a blank page: wait until the text and fonts are there.
            page.locator("main article h1").first.wait_for(state="attached")
            page.evaluate("() => document.fonts.ready.then(() => new Promise(r => requestAnimationFrame(() => r())))")
            target = OUT / edition / f"{Path(doc).name}.pdf"
            target.parent.mkdir(parents=True, exist_ok=True)
            page.pdf(
                path=str(target),
                format="A4",
                print_background=True,
                margin={"top": "15mm", "bottom": "15mm", "left": "15mm", "right": "15mm"},
            )
            written.append(target)
        context.close()
    finally:
        server.shutdown()
    return written


def main() -> None:
    for html_dir in EDITIONS.values():
        if not (html_dir / "index.html").exists():
            sys.exit(f"{html_dir} is not built: run `make book` first")
    shutil.rmtree(OUT, ignore_errors=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu", "--no-first-run"]
        )
        for edition, html_dir in EDITIONS.items():
            print(f"handouts: {edition}: {len(print_edition(browser, edition, html_dir))} PDFs")
        browser.close()
    published = EDITIONS["docent"] / "_downloads" / "handouts"
    shutil.rmtree(published, ignore_errors=True)
    shutil.copytree(OUT, published)
    print(f"handouts: in {OUT.relative_to(ROOT)} and {published.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
