"""Chapter-numbered figures and exercises (#16 item 2): «Opgave 8.1», «Figuur 4.2».

The chapter number is read from _toc.yml (the numbered parts, counted on across parts);
the exercises and figures from the chapter's source, in order. Checked on two chapters
in both editions, plus the chapter list in the navigation.
"""

from __future__ import annotations

import html
import re

import pytest
import yaml

from conftest import EDITIONS, ROOT

CHAPTERS = ["chapters/seksuele-uitbuiting", "chapters/het-grootste-deel-zien-we-niet"]


def chapter_numbers() -> dict[str, int]:
    """Chapter -> number: chapters of numbered parts, counted on from part to part."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    numbers, count = {}, 0
    for part in toc["parts"]:
        for chapter in part["chapters"] if part.get("numbered") else []:
            count += 1
            numbers[chapter["file"]] = count
    return numbers


def source_counts(doc: str) -> tuple[int, int]:
    """(exercises, numbered figures) in the chapter's source, in the order they appear."""
    text = (ROOT / f"{doc}.md").read_text(encoding="utf-8")
    exercises = len(re.findall(r"^[`:]{3,}\{exercise\}", text, flags=re.MULTILINE))
    # Figures are glued from code cells with a name: each `glue(..., fig, ...)` shown as a {glue:figure}.
    figures = len(re.findall(r"^[`:]{3,}\{glue:figure\}|^[`:]{3,}\{figure\}", text, flags=re.MULTILINE))
    return exercises, figures


def page_text(edition: str, doc: str) -> str:
    raw = (EDITIONS[edition] / f"{doc}.html").read_text(encoding="utf-8")
    return html.unescape(re.sub(r"<[^>]+>", "", raw))


def test_chapters_are_numbered_from_one_in_toc_order():
    numbers = chapter_numbers()
    assert numbers["chapters/mensenhandel-in-nederland"] == 1
    assert "chapters/ik-ben-student" not in numbers and "chapters/over-dit-boek" not in numbers
    assert sorted(numbers.values()) == list(range(1, len(numbers) + 1))


@pytest.mark.parametrize("edition", list(EDITIONS))
@pytest.mark.parametrize("doc", CHAPTERS)
def test_exercises_and_figures_carry_the_chapter_number(edition, doc):
    number = chapter_numbers()[doc]
    exercises, figures = source_counts(doc)
    assert exercises >= 2 and figures >= 1, f"{doc}: pick a chapter with exercises and figures for this test"
    text = page_text(edition, doc)
    titles = re.findall(r"Opgave (\d+(?:\.\d+)?)\b(?! \()", text)
    exercise_titles = list(dict.fromkeys(titles))  # in order of first appearance
    assert exercise_titles == [f"{number}.{k}" for k in range(1, exercises + 1)], exercise_titles
    figure_numbers = list(dict.fromkeys(re.findall(r"Figuur (\d+(?:\.\d+)?)", text)))
    assert figure_numbers[:figures] == [f"{number}.{k}" for k in range(1, figures + 1)], figure_numbers
    assert not re.search(r"(?:Opgave|Figuur|Tabel) \d+(?![.\d])", text), "a number without the chapter"


@pytest.mark.parametrize("edition", list(EDITIONS))
def test_navigation_shows_chapter_numbers(edition):
    numbers = chapter_numbers()
    # Not one of CHAPTERS: on its own page a chapter's link is "#".
    raw = (EDITIONS[edition] / "chapters" / "wat-is-mensenhandel.html").read_text(encoding="utf-8")
    nav = raw[raw.index("bd-docs-nav") :]
    for doc in CHAPTERS:
        title = re.search(r"^# (.+)$", (ROOT / f"{doc}.md").read_text(encoding="utf-8"), flags=re.MULTILINE).group(1)
        link = re.search(rf'href="{re.escape(doc.split("/")[-1])}\.html">(.*?)</a>', nav)
        assert link, f"{doc} not in the chapter list"
        assert html.unescape(re.sub(r"<[^>]+>", "", link.group(1))).strip() == f"{numbers[doc]}. {title}"
