"""Citations read as finished: one short Dutch author-year label, the same in the text and the list.

Expected labels come from the sources themselves: the law is art. 273f of the Wetboek van
Strafrecht (BWBR0001854 on wetten.overheid.nl), not the GitHub copy it was read in.
"""

import csv
import importlib.util
import re

import pytest

from conftest import ROOT

LAW_LABEL = "Wetboek van Strafrecht, art. 273f"
LAW_URL = "https://wetten.overheid.nl/BWBR0001854/"


def load_make_bib():
    spec = importlib.util.spec_from_file_location("make_bib", ROOT / "scripts" / "make_bib.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def bib_entries() -> dict[str, dict[str, str]]:
    text = (ROOT / "references.bib").read_text(encoding="utf-8")
    entries = {}
    for key, body in re.findall(r"@misc\{([^,]+),\n(.*?)\n\}", text, flags=re.DOTALL):
        entries[key] = dict(re.findall(r"^\s*(\w+) = \{(.*)\},?$", body, flags=re.MULTILINE))
    return entries


# --- the label rules ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "publisher,author",
    [
        ("Nationaal Rapporteur (via docplayer.nl)", "Nationaal Rapporteur"),
        ("Tweede Kamer / officielebekendmakingen.nl", "Tweede Kamer"),
        ("CoMensha & VNG (mensenhandelinnederland.nl)", "CoMensha en VNG"),
        ("Staatscourant 2023, 13577", "Staatscourant"),
        ("CoMensha", "CoMensha"),
    ],
)
def test_short_author_drops_remarks_and_mirror_sites(publisher, author):
    assert load_make_bib().short_author(publisher) == author


def test_how_a_copy_was_read_goes_to_the_note():
    make_bib = load_make_bib()
    assert make_bib.read_via("Parket HR (via ndfr.nl)") == "Gelezen via ndfr.nl."
    assert make_bib.read_via("CoMensha") == ""


def test_equal_labels_get_a_letter():
    make_bib = load_make_bib()
    sources = [
        {"author": "NOS", "year": "2018"},
        {"author": "NOS", "year": "2018"},
        {"author": "NOS", "year": "2021"},
        {"author": "VNG", "year": "z.j."},
        {"author": "VNG", "year": "z.j."},
    ]
    make_bib.disambiguate(sources)
    assert [make_bib.label(s) for s in sources] == [
        "NOS, 2018a",
        "NOS, 2018b",
        "NOS, 2021",
        "VNG, z.j.-a",
        "VNG, z.j.-b",
    ]


# --- the generated references.bib -----------------------------------------------------------


def test_every_entry_has_a_unique_short_label():
    labels = [entry.get("shortlabel") for entry in bib_entries().values()]
    assert None not in labels, "an entry without shortlabel would show its raw source key"
    assert len(labels) == len(set(labels)), "two sources share a label"


def test_the_law_is_cited_as_the_law():
    law = bib_entries()["laws_md_sr"]
    assert law["shortlabel"] == LAW_LABEL
    assert law["url"] == LAW_URL
    assert "year" not in law, "the law in force has no publication year, and certainly not «z.j.»"


def test_no_mirror_or_copy_site_in_an_author_label():
    for key, entry in bib_entries().items():
        author = entry["author"]
        assert not re.search(r"via |mirror|GitHub|docplayer|5dok|pdfslide|lexboost|\(", author), (key, author)


def test_every_label_override_and_quote_names_a_known_source():
    keys = {key.lower() for key in bib_entries()}
    for name in ("citation_labels.csv", "source_quotes.csv"):
        with (ROOT / "data" / name).open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        assert rows, name
        unknown = {row["source_id"] for row in rows if row["source_id"].lower() not in keys}
        assert unknown == set(), f"data/{name} names sources that are not in references.bib: {unknown}"


# --- what the reader sees -------------------------------------------------------------------


def test_text_and_list_show_the_same_dutch_label(built_book):
    page = (built_book / "chapters" / "verantwoording.html").read_text(encoding="utf-8")
    text = re.sub(r"<[^>]+>", "", page)
    assert f"[{LAW_LABEL}]" in text  # the citation in the running text
    assert text.count(LAW_LABEL) >= 2  # ... and the same label in the bibliography list
    for raw in ("laws_md_sr", "COMENSHA_reactie_2019", "z.j.]", "GitHub mirror"):
        assert raw not in text, raw


def test_widgets_can_show_the_reader_label_instead_of_a_key():
    from onzichtbaar import citations

    assert citations.label("laws_md_sr") == LAW_LABEL
    assert citations.label("LAWS_MD_SR") == LAW_LABEL  # BibTeX keys ignore case
    assert citations.labels_of("laws_md_sr; laws_md_sr") == f"{LAW_LABEL}; {LAW_LABEL}"
    with pytest.raises(KeyError):
        citations.label("no_such_source")
