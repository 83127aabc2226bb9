#!/usr/bin/env python3
"""`make sync-research`: refresh the repository's copies of the research desk, on purpose.

The build and the tests read only files inside the repository. This script is the one
place that reads the research folder beside it (default ``../shared``) and writes:

- ``data/raw/``: verbatim copies of the research data files (the input of ``make data``)
  and of the legal source list (``legal_sources.csv``, read by ``scripts/make_bib.py``);
- ``tests/fixtures/longread/shingles.sha256``: the SHA-256 of every normalised 6-word run
  of the longread, for the own-words test (the longread itself is not copied);
- ``tests/fixtures/longread/headings.txt``: the longread's short paragraphs (its titles),
  for the section-order test.

Then review ``git diff`` and run ``make data`` if the data files changed.
Usage: .venv/bin/python scripts/sync_research.py [--shared DIR]
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from bookbuild import ROOT
from bookbuild.own_words import headings, shingle_digests

#: research file (relative to the research folder) -> its copy in the repository
COPIES = {
    "research/data/figures.csv": "data/raw/figures.csv",
    "research/data/sources.csv": "data/raw/sources.csv",
    "research/data/ned_list_overlaps_2010_2015.csv": "data/raw/ned_list_overlaps_2010_2015.csv",
    "research/data/ned_list_overlaps_2010_2015.md": "data/raw/ned_list_overlaps_2010_2015.md",
    "research/legal/sources.csv": "data/raw/legal_sources.csv",
}
SEED = "seed/onzichtbaar-longread.txt"
LONGREAD_FIXTURES = ROOT / "tests" / "fixtures" / "longread"
SHINGLES = LONGREAD_FIXTURES / "shingles.sha256"
HEADINGS = LONGREAD_FIXTURES / "headings.txt"


def sync(shared: Path) -> list[str]:
    """Copy and derive everything; return the repository paths that changed."""
    missing = [name for name in [*COPIES, SEED] if not (shared / name).is_file()]
    if missing:
        raise FileNotFoundError(f"{shared}: missing " + ", ".join(missing))
    changed = []
    for source, copy in COPIES.items():
        target = ROOT / copy
        if not target.exists() or target.read_bytes() != (shared / source).read_bytes():
            shutil.copyfile(shared / source, target)
            changed.append(copy)
    seed = (shared / SEED).read_text(encoding="utf-8")
    LONGREAD_FIXTURES.mkdir(parents=True, exist_ok=True)
    for target, text in (
        (SHINGLES, "\n".join(sorted(shingle_digests(seed))) + "\n"),
        (HEADINGS, "\n".join(headings(seed)) + "\n"),
    ):
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
            changed.append(str(target.relative_to(ROOT)))
    return changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared", help="the research folder")
    args = parser.parse_args(argv)
    if not args.shared.is_dir():
        print(
            f"sync-research: no research folder at {args.shared}. This target refreshes the copies in "
            "data/raw/ and tests/fixtures/longread/ from it; the build itself never needs it.",
            file=sys.stderr,
        )
        return 1
    try:
        changed = sync(args.shared)
    except FileNotFoundError as error:
        print(f"sync-research: {error}", file=sys.stderr)
        return 1
    print("sync-research: " + (("updated " + ", ".join(changed)) if changed else "everything was up to date"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
