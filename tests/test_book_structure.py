"""The book's configuration and table of contents produce the pages we promise."""

import re

import yaml

from conftest import BUILD_HTML, ROOT, toc_files


def test_every_toc_entry_has_a_source_and_a_built_page(built_book):
    for name in toc_files():
        assert (ROOT / f"{name}.md").exists(), f"_toc.yml names {name}, but {name}.md does not exist"
        assert (built_book / f"{name}.html").exists(), f"{name}.md did not become {name}.html"


def test_every_chapter_file_is_in_the_toc():
    listed = set(toc_files())
    chapters = {f"chapters/{p.stem}" for p in (ROOT / "chapters").glob("*.md") if not p.name.startswith("_")}
    assert chapters - listed == set(), "chapters missing from _toc.yml"


def test_language_is_dutch_in_sphinx_config_and_html():
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    assert config["sphinx"]["config"]["language"] == "nl"
    html = (BUILD_HTML / "chapters" / "over-dit-boek.html").read_text(encoding="utf-8")
    assert re.search(r'<html[^>]*lang="nl"', html)


def test_jupyter_book_is_pinned_to_1x():
    pins = dict(
        line.split("==", 1)
        for line in (ROOT / "requirements.txt").read_text().splitlines()
        if "==" in line and not line.startswith("#")
    )
    assert pins["jupyter-book"].startswith("1."), "jupyter-book 2.x ignores _config.yml"
    unpinned = [
        line
        for line in (ROOT / "requirements.txt").read_text().splitlines()
        if line.strip() and not line.startswith("#") and "==" not in line
    ]
    assert unpinned == []


def test_search_uses_dutch_stemming(built_book):
    index = (built_book / "searchindex.js").read_text(encoding="utf-8")
    language = (built_book / "_static" / "language_data.js").read_text(encoding="utf-8")
    assert "DutchStemmer" in language or "dutch" in language.lower()
    assert index.startswith("Search.setIndex")
