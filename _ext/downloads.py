"""Sphinx extension: a "Downloads" box on every chapter page, served by the book itself.

Each chapter offers
- the chapter as a Jupyter notebook (``.ipynb``), converted with jupytext from its MyST
  ``.md`` source. The student edition's notebook has no solutions; the teacher edition's
  has the solutions and the teaching notes. It runs as-is in JupyterLab when placed in
  the repository's ``chapters/`` folder (it imports the ``onzichtbaar`` package);
- every figure the chapter makes, as SVG, PNG and the CSV of the plotted numbers.

Which figures a chapter makes is read from its code cells: each call
``save_figure(fig, "<name>", table)`` with a literal name. A call whose name is not a
literal stops the build with a message, so no figure is silently left out.

The box is added to the page text at ``source-read``; the files are written to
``<html>/_downloads/<chapter>/`` at ``build-finished``, for every chapter (also those
whose page came from the cache).
"""

from __future__ import annotations

import ast
import html
import re
import shutil
from pathlib import Path

import jupytext
import nbformat
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError

import editions  # sibling extension (notes, solutions, headings); _ext/ is on the path

DOWNLOADS_DIR = "_downloads"
FIGURE_FORMATS = (("svg", "SVG"), ("png", "PNG"), ("csv", "CSV"))
FIGURES_DIR = "figures"
KERNELSPEC = {"display_name": "Python 3", "language": "python", "name": "python3"}
MAGIC_LINE = re.compile(r"^\s*[%!]")
#: Calls that export a figure; the name is their second argument (plotting.save_figure, chapter.publish_figure).
FIGURE_CALLS = ("save_figure", "publish_figure")


# --- which figures a chapter makes ------------------------------------------------------------


def _parse_code(source: str) -> ast.Module | None:
    # IPython magics and shell lines are no Python; keep the line numbers.
    lines = ["pass" if MAGIC_LINE.match(line) else line for line in source.split("\n")]
    try:
        return ast.parse("\n".join(lines))
    except SyntaxError:
        return None


def _is_save_figure(call: ast.Call) -> bool:
    func = call.func
    return (isinstance(func, ast.Name) and func.id in FIGURE_CALLS) or (
        isinstance(func, ast.Attribute) and func.attr in FIGURE_CALLS
    )


def _name_argument(call: ast.Call) -> ast.expr | None:
    if len(call.args) >= 2:
        return call.args[1]
    return next((kw.value for kw in call.keywords if kw.arg == "name"), None)


def figure_names(text: str, where: str) -> list[str]:
    """Names passed to ``save_figure`` in the code cells of a MyST notebook, in order."""
    names: list[str] = []
    notebook = jupytext.reads(text, fmt="md:myst")
    for number, cell in enumerate(notebook.cells, start=1):
        if cell.cell_type != "code" or not any(call in cell.source for call in FIGURE_CALLS):
            continue
        tree = _parse_code(cell.source)
        if tree is None:
            raise ExtensionError(f"{where}: code cell {number} calls save_figure but is not valid Python")
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and _is_save_figure(node)):
                continue
            argument = _name_argument(node)
            if not (isinstance(argument, ast.Constant) and isinstance(argument.value, str)):
                raise ExtensionError(
                    f"{where}: code cell {number}, line {node.lineno}: save_figure needs the figure "
                    "name as a literal string, so the page can offer the figure for download"
                )
            if argument.value not in names:
                names.append(argument.value)
    return names


# --- the notebook --------------------------------------------------------------------------------


def notebook_json(text: str) -> str:
    """The MyST notebook ``text`` as .ipynb JSON: no outputs, stable cell ids, a Python kernel."""
    notebook = jupytext.reads(text, fmt="md:myst")
    notebook.metadata.pop("jupytext", None)
    notebook.metadata.setdefault("kernelspec", dict(KERNELSPEC))
    notebook.metadata.setdefault("language_info", {"name": "python"})
    notebook.nbformat, notebook.nbformat_minor = 4, 5
    for number, cell in enumerate(notebook.cells, start=1):
        cell["id"] = f"cel-{number}"  # stable across builds (nbformat would draw random ids)
    nbformat.validate(notebook)
    return nbformat.writes(notebook) + "\n"


def edition_text(app: Sphinx, docname: str) -> str:
    """The chapter source as this edition's reader should get it."""
    path = Path(app.env.doc2path(docname))
    text = path.read_text(encoding="utf-8")
    if app.config.oz_edition == "student":
        return editions.strip_solutions(text, where=str(path))
    notes = editions.teaching_notes(app, docname)
    return editions.with_teaching_notes(text, notes, docname) if notes else text


# --- the box on the page -------------------------------------------------------------------------


def download_href(docname: str, filename: str) -> str:
    up = "../" * docname.count("/")
    return f"{up}{DOWNLOADS_DIR}/{editions.chapter_slug(docname)}/{filename}"


def _link(docname: str, filename: str, label: str) -> str:
    href = html.escape(download_href(docname, filename), quote=True)
    return f'<a class="oz-download" href="{href}" download>{html.escape(label)}</a>'


def downloads_box(docname: str, figures: list[str], edition: str) -> str:
    slug = editions.chapter_slug(docname)
    content = (
        "met de uitwerkingen en de notities voor de docent" if edition == "docent" else "zonder uitwerkingen"
    )
    lines = [
        ":::{admonition} Downloads bij dit hoofdstuk",
        ":class: dropdown oz-downloads",
        "",
        f"- {_link(docname, f'{slug}.ipynb', 'Dit hoofdstuk als notebook (.ipynb)')}, {content}. "
        "Zet het in de map `chapters/` van de broncode en open het in JupyterLab.",
    ]
    for name in figures:
        links = " · ".join(_link(docname, f"{name}.{ext}", label) for ext, label in FIGURE_FORMATS)
        lines.append(f"- Figuur <code>{html.escape(name)}</code>: {links} (CSV: de getallen in de figuur)")
    lines += [":::", ""]
    return "\n".join(lines)


def add_downloads_box(app: Sphinx, docname: str, source: list[str]) -> None:
    if not str(app.env.doc2path(docname)).endswith(".md"):
        return
    figures = figure_names(source[0], str(app.env.doc2path(docname)))
    box = downloads_box(docname, figures, app.config.oz_edition)
    source[0] = editions.insert_before_heading(source[0], box, title=None)


# --- the files -----------------------------------------------------------------------------------


def write_downloads(app: Sphinx, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    figures_dir = Path(app.srcdir) / FIGURES_DIR
    slugs: dict[str, str] = {}
    problems = []
    for docname in sorted(app.env.found_docs):
        source = Path(app.env.doc2path(docname))
        if source.suffix != ".md":
            continue
        slug = editions.chapter_slug(docname)
        if slug in slugs:
            raise ExtensionError(f"downloads: {docname} and {slugs[slug]} share the folder name {slug!r}")
        slugs[slug] = docname
        folder = Path(app.outdir) / DOWNLOADS_DIR / slug
        shutil.rmtree(folder, ignore_errors=True)  # a figure that is gone must not linger
        folder.mkdir(parents=True)
        text = edition_text(app, docname)
        (folder / f"{slug}.ipynb").write_text(notebook_json(text), encoding="utf-8")
        for name in figure_names(text, str(source)):
            for ext, _label in FIGURE_FORMATS:
                file = figures_dir / f"{name}.{ext}"
                if file.is_file():
                    shutil.copy2(file, folder / file.name)
                else:
                    problems.append(f"{source.name} saves figure {name!r}, but {FIGURES_DIR}/{file.name} is missing")
    if problems:
        raise ExtensionError(
            "downloads:\n" + "\n".join(problems) + "\nThe chapter's outputs probably came from the execution "
            "cache: scripts/build_book.sh clears it when figures are missing."
        )


def missing_figures(root: Path, docnames: list[str]) -> list[str]:
    """Figure files that the given chapters make but that are not in ``figures/``."""
    missing = []
    for docname in docnames:
        source = root / f"{docname}.md"
        if not source.is_file():
            continue
        for name in figure_names(source.read_text(encoding="utf-8"), str(source)):
            missing += [f"{FIGURES_DIR}/{name}.{ext}" for ext, _ in FIGURE_FORMATS
                        if not (root / FIGURES_DIR / f"{name}.{ext}").is_file()]
    return missing


def setup(app: Sphinx) -> dict:
    app.setup_extension("editions")
    app.connect("source-read", add_downloads_box, priority=600)
    app.connect("build-finished", write_downloads)
    return {"parallel_read_safe": True, "parallel_write_safe": True}


if __name__ == "__main__":
    # `python _ext/downloads.py`: list missing figure files of the chapters in _toc.yml.
    from bookbuild.toc import toc_documents

    root = Path(__file__).resolve().parent.parent
    docs = toc_documents(root / "_toc.yml")
    print("\n".join(missing_figures(root, docs)))
