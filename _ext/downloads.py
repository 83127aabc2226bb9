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
import subprocess
import zipfile
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
SOURCE_ZIP = "onzichtbaar-broncode.zip"
DATA_ZIP = "onzichtbaar-data.zip"
ZIP_FOLDER = "onzichtbaar"  # the folder the source zip unpacks into
ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # fixed: two builds give the same bytes (make repro)
# Never in the source zip: what a build or an editor makes (when there is no git to ask).
NOT_SOURCE = {".git", ".venv", "node_modules", "_build", "__pycache__", ".pytest_cache", ".ipynb_checkpoints"}
LEESMIJ = """Onzichtbaar - Mensenhandel in Nederland: broncode en data
==========================================================

Dit is de broncode van het boek: de hoofdstukken (chapters/), de data (data/), het
Python-pakket onzichtbaar/ en alles om het boek te bouwen.{extra}

Nodig: Python 3.11, make, en voor het bouwen van het boek ook Node 20 met npm.

    make lab    JupyterLab: open de hoofdstukken in chapters/ als notebooks
    make book   bouw het boek; open daarna _build/html/index.html

Een notebook (.ipynb) dat je bij een hoofdstuk downloadt, zet je in de map chapters/
en open je met make lab.
"""
STUDENT_NOTE = (
    "\n\nDeze versie hoort bij de studenteneditie: zonder de uitwerkingen van de opgaven en\n"
    "zonder de notities voor de docent."
)
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
    text = editions.for_edition(path.read_text(encoding="utf-8"), app.config.oz_edition)
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


def _book_link(docname: str, filename: str, label: str) -> str:
    """A link to a download for the whole book (in ``_downloads/``, not a chapter folder)."""
    href = html.escape("../" * docname.count("/") + f"{DOWNLOADS_DIR}/{filename}", quote=True)
    return f'<a class="oz-download" href="{href}" download>{html.escape(label)}</a>'


def downloads_box(docname: str, figures: list[str], edition: str) -> str:
    slug = editions.chapter_slug(docname)
    content = "met de uitwerkingen en de notities voor de docent" if edition == "docent" else "zonder uitwerkingen"
    lines = [
        ":::{admonition} Downloads bij dit hoofdstuk",
        ":class: dropdown oz-downloads",
        "",
        f"- {_link(docname, f'{slug}.ipynb', 'Dit hoofdstuk als notebook (.ipynb)')}, {content}. "
        f"Het draait met de broncode ({_book_link(docname, SOURCE_ZIP, 'Download de broncode en data (zip)')}): "
        "pak die uit, zet het notebook in de map `chapters/` en start `make lab`.",
        f"- {_book_link(docname, DATA_ZIP, 'Alleen de data (zip)')}: `datapackage.json` met de tabellen (CSV).",
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


# --- the source and data zips -------------------------------------------------------------------


def write_zip(target: Path, files: list[tuple[str, bytes]], executable: frozenset[str] = frozenset()) -> None:
    """A zip that is the same bytes at every build: sorted names, fixed time and permissions
    (0755 for the names in ``executable``, e.g. scripts/build_book.sh, else 0644)."""
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, data in sorted(files):
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.external_attr = (0o755 if name in executable else 0o644) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)


def source_files(root: Path) -> list[str]:
    """The repository's tracked files (git), or, without git, every file that is no build output."""
    try:
        listed = subprocess.run(["git", "-C", str(root), "ls-files", "-z"], capture_output=True, check=True).stdout
        names = [name for name in listed.decode().split("\0") if name]
    except (OSError, subprocess.CalledProcessError):
        names = [
            p.relative_to(root).as_posix()
            for p in root.rglob("*")
            if p.is_file() and not NOT_SOURCE & set(p.relative_to(root).parts)
        ]
    return sorted(name for name in names if (root / name).is_file())


def data_package_files(root: Path) -> list[str]:
    """``data/datapackage.json`` and every table it describes."""
    import json

    package = json.loads((root / "data" / "datapackage.json").read_text(encoding="utf-8"))
    return ["data/datapackage.json"] + sorted(f"data/{r['path']}" for r in package["resources"])


def source_zip_files(app: Sphinx) -> list[tuple[str, bytes]]:
    """The source as this edition's reader may have it: the student's without solutions or notes."""
    root = Path(app.srcdir)
    student = app.config.oz_edition == "student"
    files = []
    for name in source_files(root):
        if name == "LEESMIJ.txt":
            continue  # an unpacked zip's own LEESMIJ: written afresh below
        if student and name.startswith(f"{editions.NOTES_DIR.as_posix()}/"):
            continue
        data = (root / name).read_bytes()
        if student and name.startswith("chapters/") and name.endswith(".md"):
            data = editions.strip_solutions(data.decode("utf-8"), where=name).encode("utf-8")
        files.append((f"{ZIP_FOLDER}/{name}", data))
    leesmij = LEESMIJ.format(extra=STUDENT_NOTE if student else "")
    files.append((f"{ZIP_FOLDER}/LEESMIJ.txt", leesmij.encode("utf-8")))
    return files


def write_zips(app: Sphinx, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    root, folder = Path(app.srcdir), Path(app.outdir) / DOWNLOADS_DIR
    folder.mkdir(parents=True, exist_ok=True)
    executable = frozenset(
        f"{ZIP_FOLDER}/{name}" for name in source_files(root) if (root / name).stat().st_mode & 0o100
    )
    write_zip(folder / SOURCE_ZIP, source_zip_files(app), executable)
    if not (root / "data" / "datapackage.json").exists():
        return  # a book without a data package (e.g. a test book) has no data zip
    write_zip(
        folder / DATA_ZIP,
        [
            (f"{ZIP_FOLDER}-data/{name.removeprefix('data/')}", (root / name).read_bytes())
            for name in data_package_files(root)
        ],
    )


def missing_figures(root: Path, docnames: list[str]) -> list[str]:
    """Figure files that the given chapters make but that are not in ``figures/``."""
    missing = []
    for docname in docnames:
        source = root / f"{docname}.md"
        if not source.is_file():
            continue
        for name in figure_names(source.read_text(encoding="utf-8"), str(source)):
            missing += [
                f"{FIGURES_DIR}/{name}.{ext}"
                for ext, _ in FIGURE_FORMATS
                if not (root / FIGURES_DIR / f"{name}.{ext}").is_file()
            ]
    return missing


def setup(app: Sphinx) -> dict:
    app.setup_extension("editions")
    app.connect("source-read", add_downloads_box, priority=600)
    app.connect("build-finished", write_downloads)
    app.connect("build-finished", write_zips)
    return {"parallel_read_safe": True, "parallel_write_safe": True}


if __name__ == "__main__":
    # `python _ext/downloads.py`: list missing figure files of the chapters in _toc.yml.
    from bookbuild.toc import toc_documents

    root = Path(__file__).resolve().parent.parent
    docs = toc_documents(root / "_toc.yml")
    print("\n".join(missing_figures(root, docs)))
