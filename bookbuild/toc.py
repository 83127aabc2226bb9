"""The table of contents: which documents the book has, in reading order."""

from __future__ import annotations

from pathlib import Path

import yaml

from bookbuild import ROOT


def toc_documents(toc_path: Path = ROOT / "_toc.yml") -> list[str]:
    """Every document named in the table of contents, root first, in reading order."""
    toc = yaml.safe_load(toc_path.read_text(encoding="utf-8"))
    documents = [toc["root"]]

    def walk(entries):
        for entry in entries or []:
            if "file" in entry:
                documents.append(entry["file"])
            walk(entry.get("sections"))
            walk(entry.get("chapters"))

    for part in toc.get("parts", []):
        walk(part.get("chapters"))
    walk(toc.get("chapters"))
    return documents
