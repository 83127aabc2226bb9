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
TOTAL_BUDGET = 180  # seconds for executing all notebooks


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
    started = time.monotonic()
    timings = {}
    for doc in toc_files():
        path = notebook_path(EDITIONS["student"], doc)
        notebook = nbformat.read(path, as_version=4)
        if not any(cell.cell_type == "code" for cell in notebook.cells):
            continue
        began = time.monotonic()
        client = NotebookClient(notebook, timeout=CELL_TIMEOUT, kernel_name="python3",
                                resources={"metadata": {"path": str(CHAPTERS_DIR)}})
        client.execute()  # raises CellExecutionError, with the cell and traceback, on any error
        timings[doc] = round(time.monotonic() - began, 1)
    print("notebook execution times (s):", timings)
    assert timings, "no notebook with code to execute"
    assert time.monotonic() - started < TOTAL_BUDGET, f"notebooks took too long: {timings}"
