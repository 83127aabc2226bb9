"""The longread's chapters: complete, in order, in our own words, and with resolvable citations.

These tests read the source files only; no book build is needed.

- Every section of the longread (the seed text) has a chapter, and ``_toc.yml`` lists those
  chapters in the longread's order.
- No run of 6 consecutive words is shared between a chapter and the seed text (case and
  punctuation ignored). A marked quotation is exempt: the book marks quotes with «…».
- Every ``{cite...}`` key in a chapter exists in ``references.bib``.

The seed is someone else's text, so the repository holds no copy of it: ``make
sync-research`` writes the SHA-256 of each of its normalised 6-word runs and its short
paragraphs (titles) to ``tests/fixtures/longread/`` (see ``bookbuild/own_words.py``).
"""

from __future__ import annotations

import csv
import hashlib
import re
from pathlib import Path

import pytest

from bookbuild.own_words import RUN_LENGTH, digest, runs, shared_runs, shingle_digests, words

from conftest import ROOT, toc_files

LONGREAD = ROOT / "tests" / "fixtures" / "longread"
SHINGLES = LONGREAD / "shingles.sha256"
HEADINGS = LONGREAD / "headings.txt"
CHAPTERS = ROOT / "chapters"
BIB = ROOT / "references.bib"
POLICY_DATA = ROOT / "data" / "policy"

#: Each section heading of the longread (as printed in the seed text, line breaks as spaces)
#: and the chapter(s) of the book that retell it, in the longread's order.
SECTION_CHAPTERS: list[tuple[str, list[str]]] = [
    ("Mensenhandel in Nederland", ["chapters/mensenhandel-in-nederland"]),
    ("Aandacht voor mensenhandel", ["chapters/aandacht-voor-mensenhandel"]),
    ("Dit zijn de verhalen van", ["chapters/de-verhalen"]),
    (
        "Het grootste deel van uitbuiting en moderne slavernij zien we niet",
        ["chapters/het-grootste-deel-zien-we-niet", "chapters/hoeveel-zien-we-niet"],
    ),
    ("Aanpak mensenhandel in Nederland", ["chapters/aanpak-mensenhandel"]),
    ("Wat is mensenhandel?", ["chapters/wat-is-mensenhandel"]),
    (
        "Meest voorkomende vormen van mensenhandel",
        [
            "chapters/seksuele-uitbuiting",
            "chapters/arbeidsuitbuiting",
            "chapters/criminele-uitbuiting",
            "chapters/overige-vormen",
        ],
    ),
    ("De rol van gemeenten", ["chapters/rol-van-gemeenten"]),
    ("De aanpak van mensenhandel bestaat uit", ["chapters/kompas-comensha-vng"]),
]

CITE = re.compile(r"\{cite(?::[a-z]+)?\}`([^`]*)`")
BIB_KEY = re.compile(r"^@\w+\{([^,\s]+),", re.MULTILINE)
KEY_PREFIX = re.compile(r"^:keyprefix:\s*(\S+)\s*$", re.MULTILINE)


# --- helpers (small enough to test on their own) ---------------------------------------------


def seed_headings() -> list[str]:
    """The seed's short paragraphs (its titles), in the seed's order."""
    return HEADINGS.read_text(encoding="utf-8").splitlines()


def seed_digests() -> set[str]:
    """SHA-256 digests of every normalised 6-word run of the seed."""
    return set(SHINGLES.read_text(encoding="utf-8").split())


def heading_positions(headings: list[str], wanted: list[str]) -> list[int]:
    """Index of each wanted heading among the seed's headings; a missing heading is an error."""
    positions = []
    for heading in wanted:
        if heading not in headings:
            raise AssertionError(f"{HEADINGS.name}: the longread has no title that reads exactly {heading!r}")
        positions.append(headings.index(heading))
    return positions


def cited_keys(text: str) -> list[str]:
    """Every key in every ``{cite}``, ``{cite:p}``, ``{cite:t}``… role, in order.

    A page whose bibliography sets ``:keyprefix:`` cites ``<prefix><key>``; the prefix is
    removed, so what is returned is always a key of ``references.bib``.
    """
    prefixes = KEY_PREFIX.findall(text)
    keys = [key.strip() for group in CITE.findall(text) for key in group.split(",") if key.strip()]
    return [next((k[len(p) :] for p in prefixes if k.startswith(p)), k) for k in keys]


def bib_keys(text: str) -> set[str]:
    """Keys in a .bib file, lower-cased: BibTeX keys are case-insensitive."""
    return {key.lower() for key in BIB_KEY.findall(text)}


def chapter_files() -> list[Path]:
    return sorted(p for p in CHAPTERS.rglob("*.md") if p.name != "_template.md")


# --- (a) every longread section has a chapter, in the longread's order ------------------------


def test_section_headings_are_the_seeds_and_in_its_order():
    positions = heading_positions(seed_headings(), [h for h, _ in SECTION_CHAPTERS])
    assert positions == sorted(positions), "SECTION_CHAPTERS is not in the longread's order"


@pytest.mark.parametrize("heading,chapters", SECTION_CHAPTERS, ids=[h for h, _ in SECTION_CHAPTERS])
def test_every_longread_section_has_a_chapter_in_the_toc(heading, chapters):
    listed = toc_files()
    for chapter in chapters:
        assert (ROOT / f"{chapter}.md").exists(), f"section {heading!r}: {chapter}.md does not exist"
        assert chapter in listed, f"section {heading!r}: {chapter} is not (yet) in _toc.yml"


def out_of_order(listed: list[str]) -> bool:
    """True when the longread chapters in ``listed`` are not in the longread's order."""
    expected = [c for _, chapters in SECTION_CHAPTERS for c in chapters]
    present = [c for c in listed if c in expected]
    return present != [c for c in expected if c in present]


def test_toc_follows_the_longreads_order():
    assert not out_of_order(toc_files()), "the longread chapters in _toc.yml are not in the longread's order"


def test_order_check_catches_a_swap():
    swapped = ["chapters/over-dit-boek", "chapters/aandacht-voor-mensenhandel", "chapters/mensenhandel-in-nederland"]
    assert out_of_order(swapped)
    assert not out_of_order(swapped[:1] + swapped[2:0:-1])


# --- (b) own words ------------------------------------------------------------------------


def test_the_seed_fixtures_are_complete():
    digests = seed_digests()
    assert len(digests) > 500 and all(re.fullmatch(r"[0-9a-f]{64}", d) for d in digests), (
        f"{SHINGLES.relative_to(ROOT)} is not a list of SHA-256 digests: run `make sync-research`"
    )
    # every title of six words or more is running text of the seed, so its runs are there too
    long_titles = [h for h in seed_headings() if len(words(h)) >= RUN_LENGTH]
    assert long_titles
    for title in long_titles:
        assert shingle_digests(title) <= digests, f"{title!r}: its 6-word runs are not in {SHINGLES.name}"


@pytest.mark.parametrize("path", chapter_files(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_chapter_shares_no_six_word_run_with_the_longread(path):
    copied = shared_runs(path.read_text(encoding="utf-8"), seed_digests())
    assert copied == [], (
        f"{path.relative_to(ROOT)} copies the longread (mark a quote with «…» "
        f"and attribute it, or rewrite): {copied[:5]}"
    )


SOURCE_SENTENCE = "De kat zat gisteren rustig op de warme mat bij de deur van het huis."
SOURCE_DIGESTS = shingle_digests(SOURCE_SENTENCE)


def test_checker_catches_a_copied_run_of_six_words():
    chapter = "Zoals de schrijver zegt: kat zat gisteren rustig op de, en verder niets."
    assert shared_runs(chapter, SOURCE_DIGESTS) == ["kat zat gisteren rustig op de"]


def test_checker_ignores_case_and_punctuation():
    chapter = "KAT. Zat, gisteren — rustig op de WARME mat!"
    assert "kat zat gisteren rustig op de" in shared_runs(chapter, SOURCE_DIGESTS)


def test_checker_allows_five_words_and_marked_quotes():
    assert shared_runs("kat zat gisteren rustig op", SOURCE_DIGESTS) == []
    quoted = "De bron schrijft «kat zat gisteren rustig op de warme mat bij de deur» (bron)."
    assert shared_runs(quoted, SOURCE_DIGESTS) == []


def test_proper_names_are_exempt_but_the_words_around_them_are_not():
    source = shingle_digests("zoals artikel 273f van het Wetboek van Strafrecht zegt over werven en dwingen van mensen")
    assert shared_runs("Lees artikel 273f van het Wetboek van Strafrecht nog eens.", source) == []
    assert shared_runs("Het Wetboek van Strafrecht zegt over werven en dwingen van", source) == [
        "zegt over werven en dwingen van"
    ]


def test_digests_are_sha256_of_the_normalised_run():
    assert digest("kat zat gisteren rustig op de") == hashlib.sha256(b"kat zat gisteren rustig op de").hexdigest()
    assert runs("Kat, zat!") == [] and runs("a b c d e f g") == ["a b c d e f", "b c d e f g"]


def test_number_formats_are_normalised():
    assert words("een jas van 1.100 euro") == words("een jas van 1100 euro")


# --- (c) citations resolve -----------------------------------------------------------------


@pytest.mark.parametrize("path", chapter_files(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_citation_key_is_in_references_bib(path):
    known = bib_keys(BIB.read_text(encoding="utf-8"))
    missing = [k for k in cited_keys(path.read_text(encoding="utf-8")) if k.lower() not in known]
    assert missing == [], f"{path.relative_to(ROOT)} cites keys that are not in references.bib: {missing}"


def test_citation_extractor_reads_every_role_and_key():
    text = "Zie {cite:p}`a_1, b_2` en {cite:t}`C3` en {cite}`d`."
    assert cited_keys(text) == ["a_1", "b_2", "C3", "d"]
    assert [k for k in cited_keys(text) if k.lower() not in bib_keys("@misc{c3,\n}\n@misc{A_1,\n}")] == ["b_2", "d"]


def test_citation_extractor_removes_a_declared_key_prefix():
    text = "Zie {cite:p}`wl-a_1,wl-b`.\n\n```{bibliography}\n:filter: docname in docnames\n:keyprefix: wl-\n```\n"
    assert cited_keys(text) == ["a_1", "b"]
    assert cited_keys("Zie {cite:p}`wl-a_1`.") == ["wl-a_1"]  # no prefix declared: the key stays as written


def test_policy_data_sources_are_in_references_bib():
    known = bib_keys(BIB.read_text(encoding="utf-8"))
    tables = sorted(POLICY_DATA.glob("*.csv"))
    assert tables, f"no tables in {POLICY_DATA.relative_to(ROOT)}"
    for table in tables:
        with table.open(encoding="utf-8", newline="") as handle:
            for line, row in enumerate(csv.DictReader(handle), start=2):
                key = row.get("source_id")
                assert key, f"{table.relative_to(ROOT)}, row {line}, column 'source_id': missing"
                assert key.lower() in known, (
                    f"{table.relative_to(ROOT)}, row {line}, column 'source_id': {key!r} is not in references.bib"
                )
