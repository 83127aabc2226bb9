"""The glossary (chapters/woordenlijst.md) and the links to it from every chapter.

The rule checked on the built HTML, independently of _ext/glossary_links.py: in each
chapter, the first time a glossary term appears in running text (case-insensitive,
whole words, each word optionally with a regular Dutch ending -e/-n/-en/-s/-'s, a
non-final word optionally in parentheses), that occurrence is a link to the term's
entry. Headings, captions, code, cell outputs, other links, citations, admonition
titles and solutions do not count as running text.
"""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup, NavigableString

from conftest import built_pages

GLOSSARY_PAGE = "chapters/woordenlijst.html"
RUNNING_TEXT = {"p", "li", "td", "th", "dd"}
NOT_RUNNING_TEXT = {
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "code",
    "pre",
    "kbd",
    "samp",
    "script",
    "style",
    "figcaption",
    "caption",
    "dt",
    "button",
    "label",
    "nav",
    "summary",
}
NOT_RUNNING_CLASSES = {
    "admonition-title",
    "rubric",
    "citation",
    "solution",
    "glossary",
    "headerlink",
    "toctree-wrapper",
    "caption",
    "oz-tools",
    "cell_output",
}


def soup_of(path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def glossary_entries(built_book) -> dict[str, tuple[str, str]]:
    """term id -> (term, definition text), read from the built glossary page."""
    entries = {}
    for term in soup_of(built_book / GLOSSARY_PAGE).select("dl.glossary dt[id]"):
        for link in term.select("a.headerlink"):
            link.decompose()
        definition = term.find_next_sibling("dd")
        entries[term["id"]] = (term.get_text(" ", strip=True), definition.get_text(" ", strip=True))
    return entries


def term_regex(term: str) -> re.Pattern:
    ending = "(?:'s|en|e|n|s)?"
    words = [re.escape(word) + ending for word in term.split()]
    words = [f"(?:\\({w}\\)|{w})" for w in words[:-1]] + words[-1:]
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)", re.IGNORECASE)


def context_of(string: NavigableString, article) -> tuple[str, str | None]:
    """('skip' | 'link' | 'text' , glossary term id for 'link')."""
    running = False
    for parent in string.parents:
        if parent is article:
            break
        classes = set(parent.get("class") or [])
        if parent.name in NOT_RUNNING_TEXT or classes & NOT_RUNNING_CLASSES:
            return "skip", None
        if parent.name == "a":
            href = parent.get("href", "")
            match = re.search(r"woordenlijst\.html#(term-[^\"']+)$", href)
            return ("link", match.group(1)) if match else ("skip", None)
        running = running or parent.name in RUNNING_TEXT
    return ("text", None) if running else ("skip", None)


def first_uses(page_path, entries) -> tuple[dict[str, bool], list[str]]:
    """For each term used on the page: was its first use a link? Plus unlinked excerpts."""
    article = soup_of(page_path).select_one("main article")
    patterns = {term_id: term_regex(term) for term_id, (term, _) in entries.items()}
    linked: dict[str, bool] = {}
    problems = []
    for string in article.find_all(string=True):
        kind, target = context_of(string, article)
        if kind == "link" and target in patterns:
            linked.setdefault(target, True)
        elif kind == "text":
            for term_id, pattern in patterns.items():
                match = pattern.search(string)
                if match and term_id not in linked:
                    linked[term_id] = False
                    start = max(0, match.start() - 40)
                    problems.append(
                        f"{entries[term_id][0]!r} first used without link: …{string[start : match.end() + 40]}…"
                    )
    return linked, problems


def chapter_pages():
    return [page for page in built_pages() if page != GLOSSARY_PAGE]


def test_glossary_has_terms_with_english_equivalent_and_definition(built_book):
    entries = glossary_entries(built_book)
    assert len(entries) >= 20, "the glossary should cover the legal and policy terms of the book"
    for term, definition in entries.values():
        english = re.match(r"Engels:\s*(\S.*?)\.\s", definition)
        assert english, f"{term!r}: the definition must start with 'Engels: <English term>.'"
        rest = definition[english.end() :]
        assert len(rest.split()) >= 8, f"{term!r}: the definition is missing or too short"


def test_glossary_links_to_the_index_and_the_index_lists_the_terms(built_book):
    glossary = soup_of(built_book / GLOSSARY_PAGE)
    assert glossary.select_one('a[href$="genindex.html"]'), "the glossary page links to the index (genindex)"
    index = (built_book / "genindex.html").read_text(encoding="utf-8")
    for term_id in glossary_entries(built_book):
        assert f"woordenlijst.html#{term_id}" in index, f"{term_id} is missing from the index"


def test_the_term_regex_follows_dutch_word_rules():
    """The checker itself: whole words, Dutch endings, optional brackets."""
    assert term_regex("uitbuiting").search("vormen van uitbuiting.")
    assert not term_regex("uitbuiting").search("arbeidsuitbuiting")
    assert term_regex("minderjarige").search("Minderjarigen krijgen")
    assert term_regex("RIEC").search("de RIEC's werken samen")
    assert term_regex("mogelijk slachtoffer").search("(mogelijke) slachtoffers")
    assert not term_regex("melding").search("meldingsplicht")


@pytest.mark.parametrize("page", chapter_pages())
def test_first_use_of_each_term_links_to_the_glossary(built_book, page):
    entries = glossary_entries(built_book)
    _, problems = first_uses(built_book / page, entries)
    assert problems == []


def test_chapters_do_use_glossary_terms(built_book):
    """Guards against a vacuous pass: the book's chapters use and link many terms."""
    entries = glossary_entries(built_book)
    used = set()
    for page in chapter_pages():
        linked, _ = first_uses(built_book / page, entries)
        used |= {term_id for term_id, was_linked in linked.items() if was_linked}
    assert len(used) >= 10, f"only {len(used)} glossary terms are linked anywhere in the book"
