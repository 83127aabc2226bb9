"""Reproducible builds: build the book (or some chapters) into a folder of its own and
compare two such builds.

Used by ``scripts/repro.py`` (``make repro``: the whole book, twice from clean),
``tests/test_repro.py`` (two chapters) and ``scripts/bench.py`` (build times).

A build here never touches ``_build/``: it gets its own output folder
(``--path-output``), its own execution cache and a temporary copy of ``_config.yml``
(``bookbuild.config``), so notebooks really execute again.

Volatile parts
--------------
Two clean builds must be byte-identical except for the parts listed in
:data:`VOLATILE`, which are normalised before comparing, and the files in
:data:`IGNORED_FILES`. Each entry says why it may differ. Everything else that
differs is a reproducibility bug to fix at its source.
"""

from __future__ import annotations

import difflib
import hashlib
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from bookbuild import ROOT, config

JUPYTER_BOOK = Path(sys.executable).parent / "jupyter-book"
#: The book's strict flags (see Makefile): nitpicky, warnings are errors, report all.
STRICT_FLAGS = ("-n", "-W", "--keep-going")
EDITIONS = config.EDITIONS

# --- volatile parts ---------------------------------------------------------------------

#: Widget model ids: ipykernel gives every comm (so every widget, layout and style model)
#: a random ``uuid4().hex``; the static page embeds them in the widget state and views.
#: They cannot be fixed at the source without patching ipykernel, so they are renamed
#: ``model-1``, ``model-2``, … in order of first appearance (the state is written in
#: creation order, so equal structure gives equal names).
MODEL_ID = re.compile(r"(?<![0-9a-f])[0-9a-f]{32}(?![0-9a-f])")
MODEL_ID_USE = re.compile(
    r'"model_id":\s*"([0-9a-f]{32})"|IPY_MODEL_([0-9a-f]{32})|"([0-9a-f]{32})":\s*\{\s*"model_name"'
)


@dataclass(frozen=True)
class Volatile:
    name: str
    why: str
    normalise: Callable[[str, BuildContext], str]


@dataclass(frozen=True)
class BuildContext:
    """What a normaliser may need to know about the build it normalises."""

    out_dir: Path


def _rename_model_ids(text: str, _ctx: BuildContext) -> str:
    ids: dict[str, str] = {}
    for match in MODEL_ID_USE.finditer(text):
        model = next(group for group in match.groups() if group)
        ids.setdefault(model, f"model-{len(ids) + 1}")
    if not ids:
        return text
    return MODEL_ID.sub(lambda m: ids.get(m.group(0), m.group(0)), text)


STYLER_ID = re.compile(r"\bT_([0-9a-f]{5})(?=[_\"\s{,:.])")


def _rename_styler_ids(text: str, _ctx: BuildContext) -> str:
    ids: dict[str, str] = {}
    for match in STYLER_ID.finditer(text):
        ids.setdefault(match.group(1), f"styled-{len(ids) + 1}")
    return STYLER_ID.sub(lambda m: f"T_{ids[m.group(1)]}", text)


def _strip_output_dir(text: str, ctx: BuildContext) -> str:
    return text.replace(str(ctx.out_dir), "<build-dir>")


VOLATILE: tuple[Volatile, ...] = (
    Volatile(
        "widget model ids",
        "random uuid4 per comm in ipykernel; renamed model-1, model-2, … by first appearance",
        _rename_model_ids,
    ),
    Volatile(
        "pandas Styler table ids",
        "DataFrame.style draws a random 5-hex uuid per table (T_xxxxx); renamed by first "
        "appearance. A chapter can fix it at the source with Styler.set_uuid(name)",
        _rename_styler_ids,
    ),
    Volatile(
        "output folder path",
        "each build has its own --path-output; should never reach a page, normalised just in case",
        _strip_output_dir,
    ),
)

#: Files that differ by construction and hold nothing a reader sees.
IGNORED_FILES = {
    ".buildinfo": "hash of the config, which names the build's own execution-cache folder",
}
#: Folders that are build by-products, not part of the book.
IGNORED_DIRS = {"reports"}  # execution reports: only written when a notebook fails


def normalise(text: str, ctx: BuildContext) -> str:
    for volatile in VOLATILE:
        text = volatile.normalise(text, ctx)
    return text


# --- building ---------------------------------------------------------------------------


@dataclass
class Build:
    """One finished build in its own folder."""

    out_dir: Path
    seconds: float
    started: float = 0.0

    @property
    def html_dir(self) -> Path:
        return self.out_dir / "_build" / "html"

    @property
    def cache_dir(self) -> Path:
        return self.out_dir / ".jupyter_cache"

    @property
    def log(self) -> Path:
        return self.out_dir / "build.log"


class BuildFailed(RuntimeError):
    pass


def write_config(work: Path, edition: str = "student") -> Path:
    """A variant ``_config.yml`` in ``work`` with its own execution cache there (see :mod:`bookbuild.config`)."""
    return config.write_config(work, edition, cache=work / ".jupyter_cache")


def write_toc(work: Path, documents: Sequence[str]) -> Path:
    """A table of contents with ``documents`` (``chapters/x``, no suffix): the first is the root."""
    if not documents:
        raise ValueError("write_toc(): no documents given")
    toc = {"format": "jb-book", "root": documents[0]}
    if len(documents) > 1:
        toc["chapters"] = [{"file": doc} for doc in documents[1:]]
    path = work / "_toc.yml"
    path.write_text(yaml.safe_dump(toc, sort_keys=False), encoding="utf-8")
    return path


def build(
    out_dir: Path,
    documents: Sequence[str] | None = None,
    strict: bool = True,
    clean: bool = True,
    edition: str = "student",
) -> Build:
    """Build the book (or only ``documents``) into ``out_dir`` with its own execution cache.

    ``strict`` uses the book's flags (``-n -W --keep-going``); a build of a few chapters
    must drop ``-W``, since links to chapters outside it cannot resolve. The figure files
    a chapter exports to ``figures/`` reach the output as ``_downloads/<chapter>/`` (see
    ``_ext/downloads.py``), copied at the end of the build, so comparing two outputs
    compares the figures as each build wrote them.
    """
    out_dir = Path(out_dir).resolve()
    if clean and out_dir.exists():
        shutil.rmtree(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    command = [
        str(JUPYTER_BOOK),
        "build",
        str(ROOT),
        "--config",
        str(write_config(out_dir, edition)),
        "--path-output",
        str(out_dir),
    ]
    if documents:
        command += ["--toc", str(write_toc(out_dir, documents))]
    command += list(STRICT_FLAGS if strict else ("-n", "--keep-going"))
    started = time.time()
    with open(out_dir / "build.log", "w", encoding="utf-8") as log:
        result = subprocess.run(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env=_build_env())
    seconds = time.time() - started
    finished = Build(out_dir, seconds, started)
    if result.returncode != 0:
        raise BuildFailed(
            f"build into {out_dir} failed (exit {result.returncode}); see {finished.log}\n" + _tail(finished.log)
        )
    return finished


def _build_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return env


def _tail(path: Path, lines: int = 40) -> str:
    text = re.sub(r"\x1b\[[0-9;]*m", "", path.read_text(encoding="utf-8", errors="replace"))
    return "\n".join(text.splitlines()[-lines:])


# --- comparing --------------------------------------------------------------------------


@dataclass
class Difference:
    path: str
    detail: str


def book_files(html_dir: Path) -> dict[str, Path]:
    """Every file of a built book, by path relative to the HTML root, minus ignored ones."""
    files = {}
    for path in sorted(html_dir.rglob("*")):
        relative = path.relative_to(html_dir)
        if not path.is_file() or relative.as_posix() in IGNORED_FILES or relative.parts[0] in IGNORED_DIRS:
            continue
        files[relative.as_posix()] = path
    return files


TEXT_SUFFIXES = {".html", ".js", ".css", ".svg", ".csv", ".txt", ".json", ".inv_"}


def _compare_file(name: str, first: Path, second: Path, ctx1: BuildContext, ctx2: BuildContext) -> Difference | None:
    a, b = first.read_bytes(), second.read_bytes()
    if a == b:
        return None
    if first.suffix not in TEXT_SUFFIXES:
        return Difference(name, f"binary files differ (sha256 {_sha(a)[:12]} vs {_sha(b)[:12]})")
    text_a = normalise(a.decode("utf-8", errors="replace"), ctx1)
    text_b = normalise(b.decode("utf-8", errors="replace"), ctx2)
    if text_a == text_b:
        return None
    return Difference(name, _short_diff(text_a, text_b))


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _short_diff(a: str, b: str, max_lines: int = 12) -> str:
    diff = difflib.unified_diff(a.splitlines(), b.splitlines(), "first", "second", n=1, lineterm="")
    lines = [line if len(line) < 200 else line[:200] + "…" for line in diff]
    more = f"\n… {len(lines) - max_lines} more diff lines" if len(lines) > max_lines else ""
    return "\n".join(lines[:max_lines]) + more


def compare_trees(
    first: dict[str, Path], second: dict[str, Path], ctx1: BuildContext, ctx2: BuildContext, label: str
) -> list[Difference]:
    differences = []
    for name in sorted(set(first) ^ set(second)):
        where = "first" if name in first else "second"
        differences.append(Difference(f"{label}/{name}", f"only in the {where} build"))
    for name in sorted(set(first) & set(second)):
        found = _compare_file(name, first[name], second[name], ctx1, ctx2)
        if found:
            differences.append(Difference(f"{label}/{found.path}", found.detail))
    return differences


def compare_builds(first: Build, second: Build) -> list[Difference]:
    """All differences between two builds: pages, assets and the figure downloads."""
    ctx1, ctx2 = BuildContext(first.out_dir), BuildContext(second.out_dir)
    return compare_trees(book_files(first.html_dir), book_files(second.html_dir), ctx1, ctx2, "html")


FIGURE_DOWNLOAD_SUFFIXES = (".svg", ".png", ".csv")


def figure_downloads(built: Build) -> dict[str, Path]:
    """The figure files offered for download (``_downloads/<chapter>/<name>.svg|png|csv``)."""
    folder = built.html_dir / "_downloads"
    return {
        p.relative_to(folder).as_posix(): p for p in sorted(folder.rglob("*")) if p.suffix in FIGURE_DOWNLOAD_SUFFIXES
    }


def stale_figures(built: Build) -> list[Difference]:
    """Figures this build did not write itself: older than the build (copy2 keeps the time).

    A clean build executes every notebook, so each figure must be fresh; a stale one
    means a notebook's outputs came from elsewhere and the comparison would prove nothing.
    """
    return [
        Difference(f"_downloads/{name}", f"written before this build started ({time.ctime(path.stat().st_mtime)})")
        for name, path in figure_downloads(built).items()
        if path.stat().st_mtime < built.started - 1
    ]


# --- anchors ----------------------------------------------------------------------------

ID_ATTRIBUTE = re.compile(r'<(section|figure|div|span|table|img|h[1-6])\b[^>]*?\bid="([^"]+)"')


def anchors(html: str) -> list[str]:
    """The ids of sections, figures, tables and headings: the targets other pages link to."""
    return [match.group(2) for match in ID_ATTRIBUTE.finditer(html)]


def anchor_differences(first: Build, second: Build, pages: Iterable[str]) -> list[Difference]:
    """Pages whose anchors differ (after normalising the volatile parts, e.g. Styler ids)."""
    ctx1, ctx2 = BuildContext(first.out_dir), BuildContext(second.out_dir)
    differences = []
    for page in pages:
        a = anchors(normalise((first.html_dir / page).read_text(encoding="utf-8"), ctx1))
        b = anchors(normalise((second.html_dir / page).read_text(encoding="utf-8"), ctx2))
        if a != b:
            differences.append(Difference(page, _short_diff("\n".join(a), "\n".join(b))))
    return differences


def summary(differences: Sequence[Difference], limit: int = 20) -> str:
    """A readable report: the differing files and, for text files, the first diff lines."""
    if not differences:
        return "identical (after normalising: " + ", ".join(v.name for v in VOLATILE) + ")"
    parts = [f"{len(differences)} differing file(s):"]
    for difference in differences[:limit]:
        parts.append(f"--- {difference.path}\n{difference.detail}")
    if len(differences) > limit:
        parts.append(f"… and {len(differences) - limit} more: " + ", ".join(d.path for d in differences[limit:]))
    return "\n".join(parts)
