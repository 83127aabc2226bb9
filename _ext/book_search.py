"""Sphinx extension: search that ranks the right chapter first and shows excerpts offline.

Sphinx's search scores every page that contains a word the same, then sorts by name, and
fetches each result page to cut an excerpt from it. Over ``file://`` the browser blocks
those fetches (no excerpts at all), and over http the excerpt is cut from the whole
``[role=main]``, buttons and screen-reader labels included.

After the build this extension writes ``_static/oz-search-pages.js``: per page its title,
its headings and its text, sections kept with their ids, everything that is not text of
the book removed (buttons, code, widget copies, labels for screen readers).
``_static/oz-search.js`` (loaded on every page, active on the search page) uses it to

- rank: a page whose title contains the query first, then pages with a heading that
  contains it, then by how often the page uses it;
- answer Sphinx's per-result fetch from that text, so excerpts appear over ``file://``
  too and carry no interface text.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from bs4 import BeautifulSoup
from sphinx.application import Sphinx

PAGES_JS = "_static/oz-search-pages.js"
#: Not text of the book: interface, code, hidden labels and the explainers' static copies.
NOT_TEXT = (
    "script",
    "style",
    "button",
    "nav",
    ".headerlink",
    ".visually-hidden",
    ".sr-only",
    ".cell_input",
    "details.above-input > summary",
    ".oz-static",
    ".oz-downloads",
    ".copybtn",
    ".toggle-details__summary",
    # Not useful in an excerpt, and half the weight of the file (text page budget 400 KB):
    # citation labels, the source lists, tables of numbers and code output.
    ".bibtex-citation",
    "div.citation",
    "div.citation-list",
    "aside.footnote",
    "section#bronnen",
    "table",
    ".cell_output",
)
SPACE = re.compile(r"\s+")


def page_record(html: str) -> dict | None:
    soup = BeautifulSoup(html, "html.parser")
    article = soup.select_one("article.bd-article") or soup.select_one('[role="main"]')
    if article is None:
        return None
    for selector in NOT_TEXT:
        for element in article.select(selector):
            element.decompose()
    headings = [SPACE.sub(" ", h.get_text(" ")).strip() for h in article.select("h1, h2, h3, h4")]
    title = headings[0] if headings else ""
    # A glossary result points at its term (<dt id>): give the anchor the definition too.
    for term in article.select("dt[id]"):
        entry = soup.new_tag("section", id=term["id"])
        definition = term.find_next_sibling("dd")
        term.wrap(entry)
        del term["id"]
        if definition is not None:
            entry.append(definition.extract())
    # Keep <section id> for anchored excerpts; every other element becomes its text.
    for element in article.find_all(True):
        if element.name == "section" and element.get("id"):
            element.attrs = {"id": element["id"]}
        elif element.name in ("p", "li", "td", "th", "h1", "h2", "h3", "h4", "dt", "dd", "div", "figcaption"):
            element.insert_after(" ")
            element.unwrap()
        else:
            element.unwrap()
    body = "".join(str(child) for child in article.children)
    body = SPACE.sub(" ", body).strip()
    return {"title": title, "headings": headings[1:], "html": body}


def write_search_pages(app: Sphinx, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    pages = {}
    for docname in sorted(app.env.found_docs):
        path = outdir / f"{docname}.html"
        if path.is_file():
            record = page_record(path.read_text(encoding="utf-8"))
            if record:
                pages[docname] = record
    text = "window.OZ_SEARCH_PAGES = " + json.dumps(pages, ensure_ascii=False, separators=(",", ":")) + ";\n"
    (outdir / PAGES_JS).write_text(text, encoding="utf-8")


def setup(app: Sphinx) -> dict:
    app.connect("build-finished", write_search_pages)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
