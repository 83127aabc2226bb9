#!/usr/bin/env python3
"""`make repro`: build the whole book twice from clean and compare the two builds.

Each build goes to its own folder (``--path-output``) with its own execution cache,
so every notebook executes twice; ``_build/`` is not touched. The two outputs (pages,
assets, search index, the notebook and figure downloads) must be identical after
normalising the volatile parts documented in ``bookbuild/repro.py``.

Exit status: 0 when identical, 1 on a difference or a stale figure, 2 when a build fails.

Usage: .venv/bin/python scripts/repro.py [--work DIR] [--edition student|docent] [--keep]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from bookbuild import repro


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, help="folder for the two builds (default: a new temporary folder)")
    parser.add_argument("--edition", choices=repro.EDITIONS, default="student")
    parser.add_argument("--keep", action="store_true", help="keep the two builds for inspection")
    args = parser.parse_args(argv)

    work = args.work or Path(tempfile.mkdtemp(prefix="oz-repro-"))
    print("Volatile parts normalised before comparing:")
    for volatile in repro.VOLATILE:
        print(f"  - {volatile.name}: {volatile.why}")
    for name, why in repro.IGNORED_FILES.items():
        print(f"  - file {name} ignored: {why}")

    builds = []
    status = 2
    try:
        for label in ("first", "second"):
            print(f"Building the {args.edition} edition from clean into {work / label} …", flush=True)
            try:
                builds.append(repro.build(work / label, edition=args.edition))
            except repro.BuildFailed as failure:
                print(f"FAILED: {failure}", file=sys.stderr)
                return status
            print(f"  done in {builds[-1].seconds:.0f} s")
        first, second = builds
        problems = repro.stale_figures(first) + repro.stale_figures(second)
        differences = repro.compare_builds(first, second)
        figures = len(repro.figure_downloads(first))
        pages = len(list(first.html_dir.rglob("*.html")))
        print(f"Compared {len(repro.book_files(first.html_dir))} files ({pages} pages, {figures} figure files).")
        if problems:
            print("Figures not written by the build itself:\n" + repro.summary(problems), file=sys.stderr)
        if differences:
            print("NOT REPRODUCIBLE: " + repro.summary(differences), file=sys.stderr)
        status = 1 if problems or differences else 0
        if status == 0:
            print("Reproducible: " + repro.summary([]))
        return status
    finally:
        if args.keep or status != 0:
            print(f"Builds kept in {work} (remove them when done)")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
