"""Reading times are computed at build time from the chapter text (_ext/reading_time.py)."""

from __future__ import annotations

import re

import pytest
from reading_time import PLACEHOLDER, reading_minutes

from conftest import BUILD_HTML, ROOT, toc_files

LEESDUUR = re.compile(r"<strong>Leesduur:</strong> ongeveer (\d+) minuten")


@pytest.mark.parametrize(
    "doc", [d for d in toc_files() if PLACEHOLDER in (ROOT / f"{d}.md").read_text(encoding="utf-8")]
)
def test_the_page_shows_the_reading_time_of_its_text(built_book, doc):
    html = (BUILD_HTML / f"{doc}.html").read_text(encoding="utf-8")
    shown = LEESDUUR.findall(html)
    assert shown == [str(reading_minutes((ROOT / f"{doc}.md").read_text(encoding="utf-8")))]


def test_no_page_shows_the_placeholder(built_book):
    assert [p.name for p in BUILD_HTML.rglob("*.html") if "leestijd" in p.read_text(encoding="utf-8")] == []


def test_no_chapter_types_its_reading_time_by_hand():
    typed = [
        d
        for d in toc_files()
        if re.search(r"\*\*Leesduur:\*\* ongeveer \d+ minuten", (ROOT / f"{d}.md").read_text(encoding="utf-8"))
    ]
    assert typed == []
