"""Write references.bib from the source lists in the repository (one entry per source_id).

Keys are the research's own source ids, so a chapter cites {cite}`laws_md_sr`
exactly as the dossier does. What the reader sees is a short Dutch author-year
label ("CoMensha, 2021", "Wetboek van Strafrecht, art. 273f"), the same in the
running text and in the bibliography list:

- the author is the publisher without remarks in brackets ("Nationaal Rapporteur
  (via docplayer.nl)" -> "Nationaal Rapporteur"); how a copy was read goes to the
  entry's note ("Gelezen via docplayer.nl.");
- ``data/citation_labels.csv`` overrides author, year, title, address or note per
  source where that rule is not enough (e.g. the law points to wetten.overheid.nl);
- undated sources get year "z.j." (zonder jaar); a year of "-" means no year;
- labels that would be equal get a letter (2018a, 2018b), so every label is unique.

Run: .venv/bin/python scripts/make_bib.py  (make book does it).
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: The source lists and their date column: the data package's and the legal dossier's
#: (copied from the research desk by `make sync-research`).
SOURCE_LISTS = [
    (ROOT / "data" / "sources.csv", "year_published"),
    (ROOT / "data" / "raw" / "legal_sources.csv", "date"),
    # Sources the book cites beyond the research lists (e.g. the published UK MSE result).
    (ROOT / "data" / "book_sources.csv", "date"),
]
LABEL_OVERRIDES = ROOT / "data" / "citation_labels.csv"
OUT = ROOT / "references.bib"
NO_YEAR = "-"


def bib_escape(text: str) -> str:
    """Protect characters that BibTeX or LaTeX would interpret."""
    text = text.replace("\\", "").replace("{", "(").replace("}", ")")
    return re.sub(r"([&%$#_])", r"\\\1", text)


def year_of(value: str) -> str:
    # "undated in copy (c. 2008)" is undated; "2020 (site undated)" is dated.
    if (value or "").strip().lower().startswith("undated"):
        return "z.j."
    match = re.search(r"\b(19|20)\d\d\b", value or "")
    return match.group(0) if match else "z.j."


def short_author(publisher: str) -> str:
    """The publisher as a short Dutch author label: no remarks in brackets, no mirror site."""
    author = re.sub(r"\s*\([^)]*\)", "", publisher).split(" / ")[0]
    author = re.sub(r"^(Staatscourant|Staatsblad) \d{4}, \d+$", r"\1", author)
    return author.replace(" & ", " en ").strip()


def read_via(publisher: str) -> str:
    """How the copy was read, for the bibliography note: "(via X)" -> "Gelezen via X."."""
    match = re.search(r"\((?:via|copy on|reproduced by) ([^)]+)\)", publisher)
    return f"Gelezen via {match.group(1)}." if match else ""


def load_overrides(path: Path = LABEL_OVERRIDES) -> dict[str, dict[str, str]]:
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as handle:
        return {
            row["source_id"]: {k: v for k, v in row.items() if v and k != "source_id"} for row in csv.DictReader(handle)
        }


def describe(row: dict, date_column: str, override: dict[str, str]) -> dict[str, str]:
    """Author, year, title, address and note of one source, before disambiguation."""
    publisher = row["publisher"].strip()
    year = override.get("year") or year_of(
        " ".join(row.get(c) or "" for c in (date_column, "date", "year", "year_published"))
    )
    return {
        "author": override.get("author") or short_author(publisher),
        "year": "" if year == NO_YEAR else year,
        "title": override.get("title") or row["title"].strip(),
        # Some research rows add a remark after the address: keep the address only.
        "url": override.get("url") or (row.get("url", "").split() or [""])[0],
        "note": override.get("note") or read_via(publisher),
    }


def disambiguate(sources: list[dict[str, str]]) -> None:
    """Give sources with the same author and year a letter (2018a, 2018b) so labels are unique."""
    groups: dict[tuple[str, str], list[dict[str, str]]] = {}
    for source in sources:
        groups.setdefault((source["author"], source["year"]), []).append(source)
    for (_, year), same in groups.items():
        if len(same) > 1:
            for letter, source in zip("abcdefghijklmnopqrstuvwxyz", same):
                source["year"] = f"{year}-{letter}" if year == "z.j." else f"{year or 'z.j.-'}{letter}"


def label(source: dict[str, str]) -> str:
    return f"{source['author']}, {source['year']}" if source["year"] else source["author"]


def entry(key: str, source: dict[str, str]) -> str:
    fields = {
        "title": "{" + bib_escape(source["title"]) + "}",
        "author": "{" + bib_escape(source["author"]) + "}",
        "year": bib_escape(source["year"]),
        "url": source["url"],
        "note": bib_escape(source["note"]),
        # The label the bibliography list shows; the text shows the same via author and year.
        "shortlabel": bib_escape(label(source)),
    }
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields.items() if value)
    return f"@misc{{{key},\n{body}\n}}\n"


def main() -> int:
    overrides = load_overrides()
    sources: dict[str, dict[str, str]] = {}
    seen: dict[str, str] = {}
    for path, date_column in SOURCE_LISTS:
        with path.open(encoding="utf-8", newline="") as handle:
            for line, row in enumerate(csv.DictReader(handle), start=2):
                key = row.get("source_id", "").strip()
                if not re.fullmatch(r"[A-Za-z0-9_.:-]+", key):
                    raise ValueError(f"{path}, row {line}, column 'source_id': {key!r} is not a usable citation key")
                # BibTeX keys are case-insensitive; the two research lists share one source.
                if key.lower() in seen:
                    if seen[key.lower()] != row["url"].strip():
                        raise ValueError(
                            f"{path}, row {line}, column 'source_id': {key!r} is already used for another source"
                        )
                    continue
                seen[key.lower()] = row["url"].strip()
                sources[key] = describe(row, date_column, overrides.get(key, {}))
    unknown = sorted(set(overrides) - set(sources))
    if unknown:
        raise ValueError(f"{LABEL_OVERRIDES}: no source with id {unknown}")
    disambiguate(list(sources.values()))
    OUT.write_text(
        "% Generated by scripts/make_bib.py from the research source lists; do not edit.\n\n"
        + "\n".join(entry(key, source) for key, source in sources.items()),
        encoding="utf-8",
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
