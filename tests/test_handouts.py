"""`make handouts` (#16 item 5): one A4 PDF per chapter per edition, from the built book.

The chapter titles come from the sources; solution text from the sources' {solution} blocks
(read by test_editions' own parser). Text is read from the PDFs with poppler's pdftotext.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from test_editions import notes_passages, solution_passages, words

from conftest import ROOT, toc_files

HANDOUTS = ROOT / "_build" / "handouts"
ROUTE_PAGES = ("chapters/ik-ben-student", "chapters/ik-geef-les")
CHAPTERS = [doc for doc in toc_files() if doc not in ROUTE_PAGES]


def pdf_text(pdf: Path, first_page_only: bool = False) -> str:
    if not shutil.which("pdftotext"):
        pytest.fail("pdftotext is missing: install Debian's poppler-utils")
    pages = ["-f", "1", "-l", "1"] if first_page_only else []
    return subprocess.run(
        ["pdftotext", *pages, "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


def handout(edition: str, doc: str) -> Path:
    pdf = HANDOUTS / edition / f"{Path(doc).name}.pdf"
    if not pdf.is_file():
        pytest.fail(f"{pdf} is missing: run `make handouts`")
    return pdf


def title(doc: str) -> str:
    return re.search(r"^# (.+)$", (ROOT / f"{doc}.md").read_text(encoding="utf-8"), flags=re.MULTILINE).group(1)


@pytest.mark.parametrize("edition", ["student", "docent"])
@pytest.mark.parametrize("doc", CHAPTERS)
def test_handout_exists_with_the_title_on_page_one(edition, doc):
    pdf = handout(edition, doc)
    assert pdf.read_bytes()[:5] == b"%PDF-"
    assert words(title(doc)) in words(pdf_text(pdf, first_page_only=True)), f"{pdf.name}: no title on page 1"


@pytest.mark.parametrize("doc", CHAPTERS)
def test_student_handouts_hold_no_solutions_or_notes(doc):
    text = words(pdf_text(handout("student", doc)))
    for number, found in enumerate(solution_passages()[doc], start=1):
        leaked = [p for p in found if p in text]
        assert not leaked, f"student handout of {doc} shows solution {number}: {leaked[0]!r}"
    leaked = [p for p in notes_passages(doc) if p in text]
    assert not leaked, f"student handout of {doc} shows teaching notes: {leaked[0]!r}"


def test_teacher_handouts_hold_the_solutions():
    """The check above can fail: the same passages are found in the teacher's PDFs."""
    found_any = 0
    for doc in CHAPTERS:
        text = words(pdf_text(handout("docent", doc)))
        for found in solution_passages()[doc]:
            found_any += any(p in text for p in found)
    assert found_any > 0
