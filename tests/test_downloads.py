"""Downloads on every chapter page: the chapter as a notebook, each figure as SVG, PNG, CSV.

Every download link resolves to a file in the built book (both editions), each chapter
offers its notebook and the figures its code saves, and every downloaded notebook
executes without error from the repository's ``chapters/`` folder.
"""

from __future__ import annotations

import html
import json
import re
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

import jupytext
import pytest

from conftest import EDITIONS, ROOT, toc_files

CHAPTERS_DIR = ROOT / "chapters"
FIGURES_DIR = ROOT / "figures"
DOWNLOAD_LINK = re.compile(r'<a\b[^>]*class="[^"]*\boz-download\b[^"]*"[^>]*>', re.IGNORECASE)
HREF = re.compile(r'\bhref="([^"]*)"')
# Literal figure names in `save_figure(fig, "name", ...)`, read with a pattern of our own.
SAVED_FIGURE = re.compile(r"save_figure\(\s*[^,()]+,\s*[\"']([^\"']+)[\"']")
CELL_TIMEOUT = 300  # seconds, as the book build's execute.timeout


def download_links(page: Path) -> list[str]:
    anchors = DOWNLOAD_LINK.findall(page.read_text(encoding="utf-8"))
    return [html.unescape(HREF.search(anchor).group(1)) for anchor in anchors]


def resolve(html_dir: Path, page: Path, href: str) -> Path:
    parts = urlsplit(href)
    assert not parts.scheme and not parts.netloc, f"{page.name}: download {href} is not a local file"
    return (page.parent / unquote(parts.path)).resolve()


def figures_in_source(doc: str) -> list[str]:
    notebook = jupytext.read(ROOT / f"{doc}.md", fmt="md:myst")
    code = "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "code")
    return sorted(set(SAVED_FIGURE.findall(code)))


def notebook_path(html_dir: Path, doc: str) -> Path:
    name = Path(doc).name
    return html_dir / "_downloads" / name / f"{name}.ipynb"


def require_built(html_dir: Path) -> None:
    if not (html_dir / "index.html").exists():
        pytest.fail(f"{html_dir} is not built: run `make book`")


@pytest.mark.parametrize("edition", list(EDITIONS))
def test_every_download_link_resolves_to_a_file(edition):
    html_dir = EDITIONS[edition]
    require_built(html_dir)
    checked = 0
    for page in sorted(html_dir.rglob("*.html")):
        for href in download_links(page):
            target = resolve(html_dir, page, href)
            assert html_dir.resolve() in target.parents, f"{page.name}: {href} points outside the book"
            assert target.is_file() and target.stat().st_size > 0, f"{page.relative_to(html_dir)}: {href} is missing"
            checked += 1
    assert checked >= len(toc_files()), "fewer download links than chapters"


@pytest.mark.parametrize("edition", list(EDITIONS))
@pytest.mark.parametrize("doc", toc_files())
def test_each_chapter_offers_its_notebook_and_figures(edition, doc):
    html_dir = EDITIONS[edition]
    require_built(html_dir)
    page = html_dir / f"{doc}.html"
    targets = {resolve(html_dir, page, href) for href in download_links(page)}
    assert notebook_path(html_dir, doc).resolve() in targets, f"{doc}: no notebook download"
    for name in figures_in_source(doc):
        for ext in ("svg", "png", "csv"):
            copy = notebook_path(html_dir, doc).parent / f"{name}.{ext}"
            assert copy.resolve() in targets, f"{doc}: no {ext.upper()} download for figure {name}"
            # The download is the figure the build wrote, not a stale or empty file.
            assert copy.read_bytes() == (FIGURES_DIR / copy.name).read_bytes(), f"{copy.name} differs from figures/"


@pytest.mark.parametrize("doc", toc_files())
def test_notebook_has_the_chapters_code(doc):
    """The download is the chapter itself: the same code cells, in the same order."""
    require_built(EDITIONS["student"])
    source = jupytext.read(ROOT / f"{doc}.md", fmt="md:myst")
    expected = [cell.source for cell in source.cells if cell.cell_type == "code"]
    for html_dir in EDITIONS.values():
        notebook = json.loads(notebook_path(html_dir, doc).read_text(encoding="utf-8"))
        assert notebook["metadata"]["kernelspec"]["name"] == "python3"
        code = ["".join(cell["source"]) for cell in notebook["cells"] if cell["cell_type"] == "code"]
        assert code == expected, f"{notebook_path(html_dir, doc)} does not hold the chapter's code"
        assert all(cell["outputs"] == [] for cell in notebook["cells"] if cell["cell_type"] == "code")


def test_downloaded_notebooks_execute_from_the_chapters_folder():
    """Run every student notebook as a reader would: a fresh kernel, cwd = chapters/.

    The teacher notebooks hold the same code cells (test above), so running them again
    would prove nothing new.
    """
    import nbformat
    from nbclient import NotebookClient

    require_built(EDITIONS["student"])
    timings = {}
    for doc in toc_files():
        path = notebook_path(EDITIONS["student"], doc)
        notebook = nbformat.read(path, as_version=4)
        if not any(cell.cell_type == "code" for cell in notebook.cells):
            continue
        began = time.monotonic()
        client = NotebookClient(
            notebook, timeout=CELL_TIMEOUT, kernel_name="python3", resources={"metadata": {"path": str(CHAPTERS_DIR)}}
        )
        client.execute()  # raises CellExecutionError, with the cell and traceback, on any error
        timings[doc] = round(time.monotonic() - began, 1)
    print("notebook execution times (s):", timings)
    assert timings, "no notebook with code to execute"


# --- the source and data zips (#16 item 4) ------------------------------------------------------

import zipfile  # noqa: E402

SOURCE_ZIP = "_downloads/onzichtbaar-broncode.zip"
DATA_ZIP = "_downloads/onzichtbaar-data.zip"
# What the issue says a runnable source must hold.
NEEDED = ("onzichtbaar/Makefile", "onzichtbaar/requirements.txt", "onzichtbaar/LEESMIJ.txt")
NEEDED_FOLDERS = ("onzichtbaar/onzichtbaar/", "onzichtbaar/chapters/", "onzichtbaar/data/")


@pytest.mark.parametrize("edition", list(EDITIONS))
def test_source_zip_holds_what_make_book_needs(edition):
    require_built(EDITIONS[edition])
    with zipfile.ZipFile(EDITIONS[edition] / SOURCE_ZIP) as archive:
        names = archive.namelist()
        for name in NEEDED:
            assert name in names, f"{name} missing from the {edition} source zip"
        for folder in NEEDED_FOLDERS:
            assert any(n.startswith(folder) for n in names), f"{folder} missing from the {edition} source zip"
        assert "onzichtbaar/data/datapackage.json" in names
        for doc in toc_files():
            assert f"onzichtbaar/{doc}.md" in names
        assert not [n for n in names if n.split("/")[1] in {"_build", ".venv", "node_modules", ".git"}]
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}, "timestamps not fixed"
        assert names == sorted(names), "entries not in a fixed order"
        assert archive.getinfo("onzichtbaar/scripts/build_book.sh").external_attr >> 16 & 0o100, "make book runs it"
        leesmij = archive.read("onzichtbaar/LEESMIJ.txt").decode("utf-8")
        assert "make book" in leesmij and "make lab" in leesmij


def test_student_source_zip_has_no_solutions_or_teaching_notes():
    from test_editions import notes_passages, solution_passages, words

    require_built(EDITIONS["student"])
    with zipfile.ZipFile(EDITIONS["student"] / SOURCE_ZIP) as archive:
        assert not [n for n in archive.namelist() if n.startswith("onzichtbaar/chapters/_docent/")]
        text = " | ".join(
            words(archive.read(n).decode("utf-8"))
            for n in archive.namelist()
            if n.startswith("onzichtbaar/chapters/") and n.endswith(".md")
        )
    checked = 0
    for doc, per_solution in solution_passages().items():
        for found in per_solution:
            leaked = [p for p in found if p in text]
            assert not leaked, f"the student source zip holds a solution of {doc}: {leaked[0]!r}"
            checked += len(found)
        leaked = [p for p in notes_passages(doc) if p in text]
        assert not leaked, f"the student source zip holds teaching notes of {doc}: {leaked[0]!r}"
    assert checked > 0


def test_data_zip_validates_with_the_projects_loader(tmp_path):
    from onzichtbaar import data

    require_built(EDITIONS["student"])
    with zipfile.ZipFile(EDITIONS["student"] / DATA_ZIP) as archive:
        archive.extractall(tmp_path)
    folder = tmp_path / "onzichtbaar-data"
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    expected = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    assert [r["name"] for r in package["resources"]] == [r["name"] for r in expected["resources"]]
    for resource in package["resources"]:
        frame = data.load(resource["name"], data_dir=folder)  # raises on any schema or rule violation
        assert len(frame) > 0, resource["name"]


@pytest.mark.parametrize("doc", ["chapters/over-de-cijfers", "chapters/zelf-rekenen"])
def test_data_zip_is_linked_from_the_data_chapters(doc):
    require_built(EDITIONS["student"])
    page = EDITIONS["student"] / f"{doc}.html"
    targets = {resolve(EDITIONS["student"], page, href) for href in download_links(page)}
    assert (EDITIONS["student"] / DATA_ZIP).resolve() in targets


@pytest.mark.parametrize("edition", list(EDITIONS))
def test_notebook_download_says_which_zip_it_needs(edition):
    require_built(EDITIONS[edition])
    for doc in toc_files():
        raw = (EDITIONS[edition] / f"{doc}.html").read_text(encoding="utf-8")
        line = re.search(r"<li>.*?Dit hoofdstuk als notebook.*?</li>", raw, flags=re.DOTALL)
        assert line and "onzichtbaar-broncode.zip" in line.group(0), f"{doc}: the notebook line names no zip"
