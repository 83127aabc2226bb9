"""The repository stands on its own, and the reader's package stays free of build machinery.

- No build step and no test reads the research desk beside the repository (``../shared``):
  only ``make sync-research`` (``scripts/sync_research.py``) does, on purpose.
- Nothing edits ``sys.path``: the packages are installed (``pip install -e .``) and pytest
  gets ``_ext/`` and ``scripts/`` from ``pyproject.toml``.
- ``onzichtbaar`` (what a reader or analyst imports) imports no build or test tooling.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from conftest import ROOT

#: Where the build and the tests live; every file there is checked.
BUILD_AND_TESTS = ["Makefile", "_config.yml", ".ci", "scripts", "bookbuild", "_ext", "onzichtbaar", "tests"]
#: The one file allowed to read the research desk.
SYNC = ROOT / "scripts" / "sync_research.py"
#: ../shared written as a path: "../shared" or parent / "shared".
SHARED_PATH = re.compile(r"\.\./shared\b|/\s*[\"']shared[\"']")
#: The Makefile's only use of ../shared: the default folder of `make sync-research`.
ALLOWED = {"SHARED ?= ../shared"}
#: Modules a reader's import of onzichtbaar must never pull in.
BUILD_ONLY = {"sphinx", "docutils", "playwright", "jupyter_book", "subprocess", "bookbuild"}


def source_files(suffixes=(".py", ".sh", ".yml", ".yaml", ".toml", "")) -> list[Path]:
    files = []
    for name in BUILD_AND_TESTS:
        path = ROOT / name
        candidates = [path] if path.is_file() else path.rglob("*")
        files += [
            f
            for f in candidates
            if f.is_file() and f.suffix in suffixes and "__pycache__" not in f.parts and "fixtures" not in f.parts
        ]
    return sorted(files)


def reads_shared(text: str) -> list[str]:
    """Lines of ``text`` that name the research desk as a path (comments excepted)."""
    lines = [line.strip() for line in text.splitlines()]
    return [line for line in lines if SHARED_PATH.search(line) and not line.startswith("#") and line not in ALLOWED]


def test_the_pattern_finds_the_ways_shared_was_read():
    assert reads_shared('SEED = ROOT.parent / "shared" / "seed" / "x.txt"')
    assert reads_shared("references.bib: ../shared/research/legal/sources.csv")
    assert not reads_shared("# a comment about ../shared")
    assert not reads_shared("jupyter-cache keys a notebook; shared code or data changed")


@pytest.mark.parametrize(
    "path",
    [f for f in source_files() if f != SYNC and f.name != "test_repository.py"],
    ids=lambda f: f.relative_to(ROOT).as_posix(),
)
def test_no_build_step_or_test_reads_the_research_desk(path):
    found = reads_shared(path.read_text(encoding="utf-8", errors="replace"))
    assert found == [], (
        f"{path.relative_to(ROOT)} names ../shared: copy the file into the repository "
        f"with `make sync-research` (scripts/sync_research.py) instead: {found}"
    )


def test_nothing_edits_sys_path():
    offenders = [
        f.relative_to(ROOT).as_posix()
        for f in source_files((".py", ".sh"))
        if f.name != "test_repository.py" and "sys.path.insert" in f.read_text(encoding="utf-8")
    ]
    assert offenders == []


def imported_modules(source: str) -> set[str]:
    """Top-level names of every module imported anywhere in ``source`` (also inside functions)."""
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_import_scan_sees_function_level_imports():
    assert imported_modules("def f():\n    import subprocess\n    from sphinx.util import x\n") == {
        "subprocess",
        "sphinx",
    }


@pytest.mark.parametrize("module", sorted((ROOT / "onzichtbaar").glob("*.py")), ids=lambda p: p.name)
def test_reader_package_imports_no_build_tooling(module):
    build_imports = imported_modules(module.read_text(encoding="utf-8")) & BUILD_ONLY
    assert build_imports == set(), (
        f"onzichtbaar/{module.name} imports {sorted(build_imports)}: build tooling "
        "belongs in bookbuild/ (or _ext/, scripts/)"
    )


@pytest.mark.parametrize("package", ["onzichtbaar", "bookbuild"])
def test_package_docstring_lists_every_module(package):
    module = __import__(package)
    modules = {p.stem for p in (ROOT / package).glob("*.py") if p.stem != "__init__"}
    missing = sorted(m for m in modules if f"``{m}``" not in module.__doc__)
    assert missing == [], f"{package}/__init__.py does not list {missing}"
