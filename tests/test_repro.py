"""Two clean builds give the same book: the proof on two chapters.

``make repro`` does the same for the whole book (scripts/repro.py); both use
``bookbuild.repro``. Here the opening page and the first chapter that exports
figures are built twice from clean into separate folders, each with its own
execution cache, and compared file by file after normalising only the documented
volatile parts (``repro.VOLATILE``).
"""

from __future__ import annotations

import re

import pytest

from bookbuild import repro

from conftest import ROOT, toc_files

SAVES_FIGURE = re.compile(r"\b(save|publish)_figure\(")


ROOT_PAGE = "chapters/over-dit-boek"


def first_chapter_with_figures() -> str | None:
    """The first chapter after the landing page that exports figures."""
    for name in toc_files():
        source = ROOT / f"{name}.md"
        if name == ROOT_PAGE:
            continue
        if source.exists() and SAVES_FIGURE.search(source.read_text(encoding="utf-8")):
            return name
    return None


DOCUMENTS = [ROOT_PAGE, first_chapter_with_figures()]


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory):
    folder = tmp_path_factory.mktemp("repro")
    # Partial book: links to chapters outside it cannot resolve, so no -W here.
    first = repro.build(folder / "first", DOCUMENTS, strict=False)
    second = repro.build(folder / "second", DOCUMENTS, strict=False)
    return first, second


def test_two_clean_builds_are_identical_apart_from_documented_volatile_parts(two_builds):
    differences = repro.compare_builds(*two_builds)
    assert differences == [], repro.summary(differences)


def test_each_build_wrote_its_own_figures(two_builds):
    assert DOCUMENTS[1], "no chapter in _toc.yml exports figures"
    for built in two_builds:
        figures = repro.figure_downloads(built)
        assert any(name.endswith(".svg") for name in figures), f"{DOCUMENTS[1]} exported no SVG figure"
        assert {name.rsplit(".", 1)[1] for name in figures} == {"svg", "png", "csv"}
        stale = repro.stale_figures(built)
        assert stale == [], repro.summary(stale)


def test_anchors_of_sections_and_figures_are_unchanged(two_builds):
    first, second = two_builds
    pages = [f"{name}.html" for name in DOCUMENTS]
    for page in pages:
        found = repro.anchors((first.html_dir / page).read_text(encoding="utf-8"))
        assert len(found) >= 2, f"{page}: expected section anchors, found {found}"
    differences = repro.anchor_differences(first, second, pages)
    assert differences == [], repro.summary(differences)


# --- the normalisation hides only what it documents ---------------------------------------

CONTEXT = repro.BuildContext(ROOT / "_build" / "nowhere")
STATE = (
    '<script type="application/vnd.jupyter.widget-state+json">{{"state": {{"{a}": {{"model_name": "StackModel", '
    '"state": {{"children": ["IPY_MODEL_{b}"]}}}}, "{b}": {{"model_name": "HTMLModel", "state": {{"value": "{text}"}}}}}}}}'
    '</script><script type="application/vnd.jupyter.widget-view+json">{{"model_id": "{a}"}}</script>'
)


def widget_page(a: str, b: str, text: str) -> str:
    return STATE.format(a=a, b=b, text=text)


def test_widget_model_ids_are_renamed_consistently():
    ids_1 = ("0f" * 16, "a1" * 16)
    ids_2 = ("9c" * 16, "3e" * 16)
    first = repro.normalise(widget_page(*ids_1, "Ja: mensenhandel"), CONTEXT)
    assert repro.normalise(widget_page(*ids_2, "Ja: mensenhandel"), CONTEXT) == first
    assert ids_1[0] not in first and "model-1" in first


def test_normalising_keeps_real_differences():
    ids = ("0f" * 16, "a1" * 16)
    assert repro.normalise(widget_page(*ids, "Ja"), CONTEXT) != repro.normalise(widget_page(*ids, "Nee"), CONTEXT)
    # A 64-hex content hash (image names) is no model id and is left alone.
    digest = "ab" * 32
    assert repro.normalise(f'<img src="_images/{digest}.png">', CONTEXT) == f'<img src="_images/{digest}.png">'


def test_pandas_styler_ids_are_renamed_but_cell_values_kept():
    table = '<style>#T_{u}_row0_col0 {{color: red}}</style><table id="T_{u}"><td id="T_{u}_row0_col0">{v}</td></table>'
    assert repro.normalise(table.format(u="47cc9", v="5.060"), CONTEXT) == repro.normalise(
        table.format(u="54109", v="5.060"), CONTEXT
    )
    assert repro.normalise(table.format(u="47cc9", v="5.060"), CONTEXT) != repro.normalise(
        table.format(u="47cc9", v="5.061"), CONTEXT
    )
