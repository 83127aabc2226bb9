"""The student edition shows no solutions and no teaching notes; the teacher edition shows both.

Expected text comes from the sources (the chapters' ``{solution}`` blocks and the files in
``chapters/_docent/``), read here with a small parser of our own, and is searched for in
every built HTML page and downloadable notebook of each edition.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from conftest import BUILD_DOCENT, BUILD_HTML, ROOT, toc_files

NOTES_DIR = ROOT / "chapters" / "_docent"
NOTES_HEADINGS = ("Leerdoelen", "Lesplan van 45 minuten", "Lesplan van 90 minuten", "Discussievragen", "Opdrachten")
MIN_WORDS = 6  # a run of this many words is specific enough to identify a passage
FENCE_OPEN = re.compile(r"^(?P<fence>`{3,}|:{3,})\{(?P<name>[\w:-]+)\}")
ROLE = re.compile(r"\{[\w:-]+\}`[^`]*`")


def words(text: str) -> str:
    """Lower-case words separated by single spaces: ignores markup, quotes and dashes."""
    return " ".join(re.findall(r"\w+", text.lower()))


def directive_bodies(text: str, name: str) -> list[str]:
    """Bodies of the top-level ``{name}`` directives in a MyST file (``` or ::: fences)."""
    bodies, lines, index = [], text.split("\n"), 0
    while index < len(lines):
        match = FENCE_OPEN.match(lines[index])
        if not match:
            index += 1
            continue
        fence, end = match["fence"], index + 1
        while end < len(lines) and lines[end].rstrip() != fence:
            end += 1
        if match["name"] == name:
            body = [line for line in lines[index + 1 : end] if not re.match(r"^:\w[\w-]*:", line)]
            bodies.append("\n".join(body))
        index = end + 1
    return bodies


def passages(markdown: str) -> list[str]:
    """Runs of plain prose of at least MIN_WORDS words, as ``words()``.

    A run ends at a blank line, a list item, a directive fence or option, and a role (a
    glued number or a citation renders as other text than its source).
    """
    blocks = re.split(
        r"\n\s*\n|\n(?=\s*(?:[-*+]|\d+\.)\s)|^(?:`{3,}|:{3,}).*$|^:\w[\w-]*:.*$", markdown, flags=re.MULTILINE
    )
    found = []
    for block in filter(None, blocks):
        block = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", block)  # a link shows its text only
        for piece in ROLE.split(block):
            normalised = words(re.sub(r"^\s*(?:[-*+]|\d+\.)\s", " ", piece))
            if len(normalised.split()) >= MIN_WORDS:
                found.append(normalised)
    return found


def chapter_sources() -> dict[str, str]:
    return {doc: (ROOT / f"{doc}.md").read_text(encoding="utf-8") for doc in toc_files()}


def page_words(html_file: Path) -> str:
    text = html_file.read_text(encoding="utf-8")
    text = re.sub(r"<(script|style)\b.*?</\1>", " ", text, flags=re.DOTALL | re.IGNORECASE)
    return words(html.unescape(re.sub(r"<[^>]+>", " ", text)))


def notebook_words(notebook: Path) -> str:
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    return words("\n".join("".join(cell["source"]) for cell in cells))


def edition_texts(html_dir: Path) -> dict[str, str]:
    """Words of every HTML page and every downloadable notebook, keyed by relative path."""
    files = sorted(html_dir.rglob("*.html")) + sorted(html_dir.rglob("*.ipynb"))
    return {
        str(path.relative_to(html_dir)): page_words(path) if path.suffix == ".html" else notebook_words(path)
        for path in files
    }


@pytest.fixture(scope="module")
def editions() -> dict[str, dict[str, str]]:
    for html_dir in (BUILD_HTML, BUILD_DOCENT):
        if not (html_dir / "index.html").exists():
            pytest.fail(f"{html_dir} is not built: run `make book`")
    return {"student": edition_texts(BUILD_HTML), "docent": edition_texts(BUILD_DOCENT)}


def without_solutions(text: str) -> str:
    for body in directive_bodies(text, "solution"):
        text = text.replace(body, "\n")
    return text


def solution_passages() -> dict[str, list[list[str]]]:
    """Per chapter: for each solution, the passages that occur in no chapter text outside solutions."""
    found = {}
    sources = chapter_sources()
    rest = " | ".join(words(without_solutions(text)) for text in sources.values())
    for doc, text in sources.items():
        found[doc] = [[p for p in passages(body) if p not in rest] for body in directive_bodies(text, "solution")]
    return found


def notes_passages(doc: str) -> list[str]:
    """Passages of the chapter's teaching notes that occur in no chapter text (e.g. not a quote)."""
    path = NOTES_DIR / f"{Path(doc).name}.md"
    if not path.exists():
        return []
    chapters = " | ".join(words(text) for text in chapter_sources().values())
    return [p for p in passages(path.read_text(encoding="utf-8")) if p not in chapters]


def test_the_passage_finder_sees_what_it_should():
    sample = (
        "```{solution} x\n:class: dropdown\n\n1. Te laag. Door het *doorsturen* staan veel\n   mensen op "
        "[beide](https://x.nl) lijsten {cite:p}`bron`.\n2. Kort.\n```\n"
    )
    body = directive_bodies(sample, "solution")
    assert len(body) == 1 and ":class:" not in body[0]
    assert passages(body[0]) == ["te laag door het doorsturen staan veel mensen op beide lijsten"]


def test_the_book_has_solutions_to_look_for():
    found = solution_passages()
    assert sum(len(ps) for per_solution in found.values() for ps in per_solution) > 0, "no solution text in any chapter"


@pytest.mark.parametrize("doc", toc_files())
def test_solutions_appear_only_in_the_teacher_edition(editions, doc):
    page = f"{doc}.html"
    for number, found in enumerate(solution_passages()[doc], start=1):
        if not found:
            continue  # a solution made only of glued numbers: the structural test covers it
        assert any(p in editions["docent"][page] for p in found), (
            f"solution {number} of {doc} missing in the teacher edition"
        )
        for path, text in editions["student"].items():
            leaked = [p for p in found if p in text]
            assert not leaked, f"student edition {path} shows solution {number} of {doc}: {leaked[0]!r}"


@pytest.mark.parametrize("doc", toc_files())
def test_solution_boxes_per_edition(doc):
    """Each solution in the source is one solution box in the teacher page, none in the student page."""
    expected = len(directive_bodies(chapter_sources()[doc], "solution"))
    box = re.compile(r'<div[^>]*class="[^"]*\bsolution\b[^"]*"')
    assert len(box.findall((BUILD_DOCENT / f"{doc}.html").read_text(encoding="utf-8"))) == expected
    assert box.findall((BUILD_HTML / f"{doc}.html").read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("doc", toc_files())
def test_teaching_notes_appear_only_in_the_teacher_edition(editions, doc):
    found = notes_passages(doc)
    page = f"{doc}.html"
    missing = [p for p in found if p not in editions["docent"][page]]
    assert not missing, f"teaching notes of {doc} missing in the teacher edition: {missing[:3]}"
    if found:
        notebook = f"_downloads/{Path(doc).name}/{Path(doc).name}.ipynb"
        assert all(p in editions["docent"][notebook] for p in found), f"teacher notebook of {doc} lacks its notes"
    for path, text in editions["student"].items():
        leaked = [p for p in found if p in text]
        assert not leaked, f"student edition {path} shows teaching notes of {doc}: {leaked[0]!r}"


def test_every_chapter_with_exercises_has_teaching_notes():
    missing = [
        doc
        for doc, text in chapter_sources().items()
        if "{exercise}" in text and not (NOTES_DIR / f"{Path(doc).name}.md").exists()
    ]
    assert missing == [], f"chapters with exercises but no chapters/_docent/<name>.md: {missing}"


@pytest.mark.parametrize("notes", sorted(p.name for p in NOTES_DIR.glob("*.md") if p.name != "README.md"))
def test_teaching_notes_have_the_agreed_parts(notes):
    text = (NOTES_DIR / notes).read_text(encoding="utf-8")
    headings = re.findall(r"^### (.+)$", text, flags=re.MULTILINE)
    for part in NOTES_HEADINGS:
        assert any(h.startswith(part) for h in headings), f"{notes}: no '### {part}' section"
    assert not re.search(r"^#{1,2} ", text, flags=re.MULTILINE), f"{notes}: only ### or deeper headings"


def test_the_teacher_edition_says_which_edition_it_is():
    # The student landing page may mention the teacher edition (route «Ik geef les»); it must
    # not say it *is* one. The banner test below checks every page.
    index = (BUILD_DOCENT / f"{toc_files()[0]}.html").read_text(encoding="utf-8")
    assert "Docenteneditie \u2014 met uitwerkingen." in index
    assert "Docenteneditie \u2014 met uitwerkingen." not in (BUILD_HTML / f"{toc_files()[0]}.html").read_text(
        encoding="utf-8"
    )


@pytest.mark.parametrize("doc", toc_files())
def test_student_notebook_has_no_solution_or_notes_blocks(doc):
    name = Path(doc).name
    notebooks = {
        edition: html_dir / "_downloads" / name / f"{name}.ipynb"
        for edition, html_dir in (("student", BUILD_HTML), ("docent", BUILD_DOCENT))
    }
    text = {
        edition: "".join("".join(cell["source"]) for cell in json.loads(path.read_text(encoding="utf-8"))["cells"])
        for edition, path in notebooks.items()
    }
    solutions = len(directive_bodies(chapter_sources()[doc], "solution"))
    assert "{solution" not in text["student"] and "## Voor de docent" not in text["student"]
    assert text["docent"].count("{solution}") == solutions
    assert ("## Voor de docent" in text["docent"]) == (NOTES_DIR / f"{name}.md").exists()


def test_gated_solutions_are_removed_with_their_code_cells():
    """sphinx-exercise's hide_solutions leaves a gated solution's content; the extension removes it."""
    import editions

    kept = "```{exercise}\n:label: e1\nVraag.\n```\n"
    gated = "```{solution-start} e1\n```\nUitleg.\n```{code-cell} ipython3\nprint(42)\n```\n```{solution-end}\n```\n"
    plain = "```{solution} e1\nAntwoord.\n```\n"
    text = kept + gated + "Tekst.\n" + plain
    assert editions.strip_solutions(text, gated_only=True) == kept + "Tekst.\n" + plain
    assert editions.strip_solutions(text) == kept + "Tekst.\n"
    with pytest.raises(Exception, match="no \\{solution-end\\}"):
        editions.strip_solutions(kept + "```{solution-start} e1\n```\nUitleg.\n")


# --- the teacher edition says so on every page and links to the student edition -------------

BANNER = re.compile(r'<aside class="bd-header-announcement oz-edition-banner"[^>]*>(.*?)</aside>', re.DOTALL)
STUDENT_LINK = re.compile(r'<a class="oz-student-link" href="([^"]*)"')
# The wording (#16): what every teacher page must say.
BANNER_WORDS = words("Docenteneditie — met uitwerkingen. Deel met studenten de studenteneditie")


def html_pages(html_dir: Path) -> list[Path]:
    """Every page a reader can see: not the static assets, not jupyter-book's redirect index.html."""
    return sorted(
        p
        for p in html_dir.rglob("*.html")
        if "_static" not in p.relative_to(html_dir).parts
        and 'http-equiv="Refresh"' not in p.read_text(encoding="utf-8")[:500]
    )


def student_edition_setting() -> str:
    import yaml

    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    return config["sphinx"]["config"]["oz_student_edition"]


def test_the_student_edition_path_is_a_documented_build_setting():
    assert student_edition_setting() == "../html/", "make book writes _build/html beside _build/html-docent"
    assert "oz_student_edition" in (ROOT / "DEVELOPERS.md").read_text(encoding="utf-8")


def test_banner_on_every_teacher_page_links_to_the_same_student_page():
    pages = html_pages(BUILD_DOCENT)
    assert len(pages) >= len(toc_files()) + 2  # chapters, search, genindex
    for page in pages:
        relative = page.relative_to(BUILD_DOCENT)
        banner = BANNER.search(page.read_text(encoding="utf-8"))
        assert banner, f"teacher page {relative} has no edition banner"
        assert words(html.unescape(re.sub(r"<[^>]+>", " ", banner.group(1)))).startswith(BANNER_WORDS), relative
        href = html.unescape(STUDENT_LINK.search(banner.group(1)).group(1))
        assert href == "../" * (len(relative.parts) - 1) + student_edition_setting() + relative.as_posix()
        target = (page.parent / href).resolve()
        assert target == (BUILD_HTML / relative).resolve() and target.is_file(), f"{relative}: {href} does not resolve"


def test_no_banner_in_the_student_edition():
    for page in html_pages(BUILD_HTML):
        text = page.read_text(encoding="utf-8")
        assert "oz-edition-banner" not in text and "Docenteneditie \u2014" not in text, page.relative_to(BUILD_HTML)


def test_student_about_page_promises_no_solutions():
    """The student «Over dit boek» used to say the exercises have solutions to open (#16, ux #14)."""
    about = page_words(BUILD_HTML / "chapters" / "over-dit-boek.html")
    assert "uitwerkingen die je kunt openklappen" not in about
    assert "uitwerkingen van de opgaven en de lesplannen staan in een aparte docenteneditie" in about


def test_edition_blocks_show_in_their_edition_only():
    from editions import for_edition

    sample = (
        "Voor iedereen.\n<!-- oz-docent -->\nAlleen docent {ref}`x`.\n<!-- /oz-docent -->\n"
        "<!-- oz-student -->\nAlleen student.\n<!-- /oz-student -->\nEinde.\n"
    )
    assert for_edition(sample, "student") == "Voor iedereen.\nAlleen student.\nEinde.\n"
    assert for_edition(sample, "docent") == "Voor iedereen.\nAlleen docent {ref}`x`.\nEinde.\n"


def test_lesson_plan_list_only_in_the_teacher_edition():
    page = "chapters/ik-geef-les.html"
    assert "lesplannen per hoofdstuk" in page_words(BUILD_DOCENT / page)
    assert "lesplannen per hoofdstuk" not in page_words(BUILD_HTML / page)
    assert "lesplannen discussievragen en uitwerkingen staan alleen in de docenteneditie" in page_words(
        BUILD_HTML / page
    )
