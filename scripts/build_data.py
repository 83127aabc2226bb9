"""Build the book's tidy data tables in ``data/`` from the research files in ``data/raw/``.

Run: ``make data`` (or ``.venv/bin/python scripts/build_data.py --out DIR``).

- ``data/raw/`` holds verbatim copies of the research files, refreshed by ``make
  sync-research``; a new year is added to the research file first, then synced.
- Every row of ``data/raw/figures.csv`` ends up in exactly one table, or in
  ``unused_raw_rows.csv`` with the reason why it is not used. Nothing is dropped
  silently: an unclaimed row stops the build.
- The column order of every table comes from ``data/datapackage.json``; after
  writing, each table is loaded through ``onzichtbaar.data.load``, so the build
  fails on anything the schema rejects.
- Output is deterministic (sorted rows, fixed formatting, ``\\n`` line ends).

A new monitor year is one added row in ``data/raw/figures.csv`` and ``make data``. The
curation rules (which source reports which series, values a later monitor revised, known
gaps) are data: ``data/curation.yml``.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import shutil
import sys
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path

import yaml

from onzichtbaar import data as datapkg

ROOT = Path(__file__).resolve().parent.parent

RAW = ROOT / "data" / "raw"
SERIES = ("NRM", "CoMensha")

CURATION = ROOT / "data" / "curation.yml"


def load_curation(path: Path = CURATION) -> dict:
    """The curation rules (``data/curation.yml``) in the shapes the build looks them up by."""
    rules = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {
        "series_sources": {series: tuple(patterns) for series, patterns in rules["series_sources"].items()},
        "no_series_topics": set(rules["no_series_topics"]),
        "superseded": {(r["series"], r["year"], r["category"], r["value"]): r["reason"] for r in rules["superseded"]},
        "gap_notes": {(g["series"], g["year"]): (g["source_id"], g["note"]) for g in rules["gaps"]},
        "gap_default": rules["gap_default"],
    }


_CURATION = load_curation()
SERIES_SOURCES = _CURATION["series_sources"]
NO_SERIES_TOPICS = _CURATION["no_series_topics"]
SUPERSEDED = _CURATION["superseded"]
GAP_NOTES = _CURATION["gap_notes"]
GAP_DEFAULT = _CURATION["gap_default"]

UNITS = {
    "persons": ("persons", None),
    "reports": ("reports", None),
    "cases": ("cases", None),
    "percent": ("percent", None),
    "percent (approx.)": ("percent", "approximately"),
    "persons per year": ("persons_per_year", None),
    "persons per year (approx.)": ("persons_per_year", "approximately"),
    "persons per year (avg)": ("persons_per_year_avg", None),
    "persons (approx.)": ("persons", "approximately"),
    "per 100,000": ("per_100k", None),
    "per 100,000 inhabitants": ("per_100k", None),
    "ratio": ("ratio", None),
}


class BuildError(Exception):
    """The raw data cannot be turned into the tables without a decision by a person."""


@dataclass
class RawRow:
    line: int  # 1-based line in data/raw/figures.csv (header = line 1)
    year: str
    measure: str
    category: str
    value: str
    unit: str
    source_id: str
    quote: str
    note: str

    def where(self) -> str:
        return f"data/raw/figures.csv, row {self.line}"


def read_raw_figures(path: Path) -> list[RawRow]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = []
        for record in reader:
            rows.append(RawRow(line=reader.line_num, **{k: (v or "").strip() for k, v in record.items()}))
    return rows


# --- parsing of the raw text fields -------------------------------------------------


def parse_period(text: str) -> tuple[int, int] | None:
    """'2015' -> (2015, 2015); '2015-2019' -> (2015, 2019); half-years and 'n/a' -> None."""
    if re.fullmatch(r"\d{4}", text):
        return int(text), int(text)
    match = re.fullmatch(r"(\d{4})-(\d{4})", text)
    if match:
        return int(match.group(1)), int(match.group(2))
    return None


def parse_value(text: str) -> tuple[float | None, float | None, str]:
    """Split a published value into (number, upper bound of a range, qualifier).

    '1150' -> exact; '8000+' -> more_than; '~33 (...)' and "25 ('een kwart')" ->
    approximately; '3-4' -> a range (3, 4); '1 in 5' -> 5 with qualifier one_in_n.
    """
    text = text.strip()
    if re.fullmatch(r"\d+(\.\d+)?", text):
        return float(text), None, "exact"
    match = re.fullmatch(r"(\d+(?:\.\d+)?)\+(?: \(.*\))?", text)
    if match:
        return float(match.group(1)), None, "more_than"
    match = re.fullmatch(r"~?(\d+(?:\.\d+)?)(?: \(.*\))?", text)
    if match:
        return float(match.group(1)), None, "approximately"
    match = re.fullmatch(r"(\d+)-(\d+)", text)
    if match:
        return float(match.group(1)), float(match.group(2)), "range"
    match = re.fullmatch(r"1 in (\d+)", text)
    if match:
        return float(match.group(1)), None, "one_in_n"
    raise BuildError(f"cannot read the value {text!r}")


def exact_count(row: RawRow) -> int:
    number, upper, qualifier = parse_value(row.value)
    if qualifier != "exact" or upper is not None or number != int(number):
        raise BuildError(f"{row.where()}, column 'value': {row.value!r} is not an exact count")
    return int(number)


def series_of(row: RawRow) -> str:
    match = re.match(r"series=(NRM|CoMensha)\b", row.note)
    if match:
        return match.group(1)
    if "CoMensha own series" in row.note:
        return "CoMensha"
    for series, patterns in SERIES_SOURCES.items():
        if any(fnmatchcase(row.source_id, pattern) for pattern in patterns):
            return series
    raise BuildError(
        f"{row.where()}, column 'source_id': decide whether {row.source_id!r} reports the NRM or "
        "the CoMensha series and add it under series_sources in data/curation.yml"
    )


def clean_note(note: str) -> str:
    """Drop the 'series=...' prefix: the series has its own column."""
    note = re.sub(r"^series=NRM \(Nationaal Rapporteur, 'gemelde/mogelijke slachtoffers' bij CoMensha\)\.\s*", "", note)
    note = re.sub(r"^series=NRM\.\s*", "", note)
    note = re.sub(r"^series=CoMensha own annual report \('aangemelde \(mogelijke\) slachtoffers'\)\.\s*", "", note)
    return note.strip()


# --- the tables -----------------------------------------------------------------------


class Builder:
    """Routes every raw row to one table and records which rows it used."""

    def __init__(self, figures: list[RawRow]):
        self.figures = figures
        self.tables: dict[str, list[dict]] = {}
        self.claimed: dict[int, str] = {}

    def add(self, table: str, record: dict, rows: list[RawRow]) -> None:
        for row in rows:
            if row.line in self.claimed:
                raise BuildError(f"{row.where()}: used twice ({self.claimed[row.line]} and {table})")
            self.claimed[row.line] = table
        record["raw_rows"] = ";".join(str(r.line) for r in rows)
        self.tables.setdefault(table, []).append(record)

    def unused(self, row: RawRow, reason: str) -> None:
        self.add(
            "unused_raw_rows",
            {
                "raw_row": row.line,
                "year": row.year,
                "measure": row.measure,
                "category": row.category,
                "value": row.value,
                "source_id": row.source_id,
                "reason": reason,
            },
            [row],
        )

    def build(self) -> dict[str, list[dict]]:
        estimate_groups: dict[tuple, list[RawRow]] = {}
        for row in self.figures:
            period = parse_period(row.year)
            if period is None:
                reason = (
                    "Halfjaarcijfer; niet vergelijkbaar met de jaarcijfers."
                    if re.fullmatch(r"\d{4}H[12]", row.year)
                    else "Uitspraak zonder eigen jaar of periode; niet aan een jaar of periode te koppelen."
                )
                self.unused(row, reason)
            elif row.measure in (
                "mse_estimate",
                "mse_low",
                "mse_high",
                "mse_share",
                "mse_rate",
                "mse_ratio",
                "other_estimate",
                "registered_coverage",
            ):
                estimate_groups.setdefault((row.year, row.category, row.source_id), []).append(row)
            else:
                self.route(row, period)
        for rows in estimate_groups.values():
            self.estimate(rows)
        self.add_gaps()
        missing = [r for r in self.figures if r.line not in self.claimed]
        if missing:
            raise BuildError(f"{missing[0].where()}: no table takes measure {missing[0].measure!r}")
        return self.tables

    def route(self, row: RawRow, period: tuple[int, int]) -> None:
        single_year = period[0] == period[1]
        measure, unit = row.measure, UNITS.get(row.unit, (None, None))[0]
        if measure == "registered_total":
            if row.category != "all_victims" or not single_year:
                # Rounded or loose totals are kept as what they are, never as a yearly count.
                self.other(row, period, topic="registered_total_rounded")
            else:
                self.yearly("victims_per_year", row, {})
        elif measure == "registered_total_period":
            self.add(
                "victims_per_period",
                {
                    "series": series_of(row),
                    "period_start": period[0],
                    "period_end": period[1],
                    "count": exact_count(row),
                    "source_id": row.source_id,
                    "quote": row.quote,
                    "note": clean_note(row.note),
                },
                [row],
            )
        elif measure == "registered_by_form" and single_year:
            part_of = "labour_exploitation_incl_criminal" if row.category == "criminal_exploitation" else ""
            self.yearly("victims_by_form", row, {"form": row.category, "part_of": part_of})
        elif measure == "registered_by_reporter" and single_year:
            self.yearly("victims_by_reporter", row, {"reporter": row.category, "unit": unit})
        elif measure == "registered_minors" and single_year:
            if row.category != "minors":
                self.unused(
                    row,
                    "De bron spreekt zichzelf hier tegen: dit getal hoort volgens dezelfde bron "
                    "bij de groep van 18 tot en met 22 jaar, niet bij minderjarigen.",
                )
            else:
                self.yearly("minors", row, {})
        elif measure in ("registered_by_nationality", "registered_nationality_rank"):
            value = exact_count(row)
            self.add(
                "nationality",
                {
                    "series": series_of(row),
                    "year": period[0],
                    "nationality": row.category,
                    "count": value if measure == "registered_by_nationality" else None,
                    "rank": value if measure == "registered_nationality_rank" else None,
                    "source_id": row.source_id,
                    "quote": row.quote,
                    "note": clean_note(row.note),
                },
                [row],
            )
        elif unit == "percent" and measure != "prosecution":
            self.share(row, period)
        else:
            self.other(row, period)

    def yearly(self, table: str, row: RawRow, extra: dict) -> None:
        series, year, count = series_of(row), int(row.year), exact_count(row)
        category = extra.get("reporter", row.category)
        reason = SUPERSEDED.get((series, year, category, count))
        record = {"series": series, "year": year, **extra, "count": count}
        if table in ("victims_per_year", "victims_by_reporter", "minors"):
            record["status"] = "superseded" if reason else "current"
        note = clean_note(row.note)
        record.update(source_id=row.source_id, quote=row.quote, note=f"{reason} {note}".strip() if reason else note)
        self.add(table, record, [row])

    def share(self, row: RawRow, period: tuple[int, int]) -> None:
        number, upper, qualifier = parse_value(row.value)
        topic = {
            "registered_share_by_form": "form",
            "registered_share_by_sex": "sex",
            "registered_minors_share": "minors",
            "registered_dutch_share": "dutch",
            "registered_share_by_reporter": "reporter",
            "registered_share_sector": "sector",
            "registered_by_age": "age",
            "registered_share_by_form_and_sex": "form_and_sex",
            "registered_by_age_sex": "age_and_sex",
        }[row.measure]
        if UNITS[row.unit][1] == "approximately":
            qualifier = "approximately"
        self.add(
            "shares",
            {
                "series": series_of(row),
                "period_start": period[0],
                "period_end": period[1],
                "topic": topic,
                "category": row.category,
                "percent": number,
                "qualifier": qualifier,
                "source_id": row.source_id,
                "quote": row.quote,
                "note": clean_note(row.note),
            },
            [row],
        )

    def other(self, row: RawRow, period: tuple[int, int], topic: str | None = None) -> None:
        number, upper, qualifier = parse_value(row.value)
        unit, unit_qualifier = UNITS[row.unit]
        if unit == "persons_per_year" and topic == "registered_total_rounded":
            unit = "persons"  # the source leaves open whether it is per year (see note)
        if row.category.endswith("_approx") and qualifier == "exact":
            qualifier = "approximately"
        self.add(
            "other_figures",
            {
                "series": "" if row.measure in NO_SERIES_TOPICS or topic else series_of(row),
                "period_start": period[0],
                "period_end": period[1],
                "topic": topic or row.measure,
                "category": row.category,
                "value": number,
                "unit": unit,
                "qualifier": unit_qualifier or qualifier,
                "source_id": row.source_id,
                "quote": row.quote,
                "note": clean_note(row.note),
            },
            [row],
        )

    def estimate(self, rows: list[RawRow]) -> None:
        """One row per (period, scope, source): point, low and high side by side."""
        first = rows[0]
        period = parse_period(first.year)
        scope = re.sub(r"_approx$", "", first.category)
        record = {
            "method": "mse"
            if first.measure.startswith("mse")
            else ("statement" if first.measure == "registered_coverage" else "other"),
            "period_start": period[0],
            "period_end": period[1],
            "scope": scope,
            "point": None,
            "low": None,
            "high": None,
        }
        qualifiers, notes = set(), []
        unit = None
        for row in rows:
            number, upper, qualifier = parse_value(row.value)
            row_unit, unit_qualifier = UNITS[row.unit]
            if first.category.endswith("_approx") or unit_qualifier:
                qualifier = "approximately" if qualifier == "exact" else qualifier
            if qualifier == "one_in_n":
                row_unit, qualifier = "one_in_n", "approximately"
            unit = unit or row_unit
            if row_unit != unit:
                raise BuildError(f"{row.where()}, column 'unit': {row.unit!r} differs within one estimate")
            statistic = {"mse_low": "low", "mse_high": "high"}.get(row.measure, "point")
            if qualifier == "range" and statistic == "point":
                # A published range without a point ('3-4'): low and high, the point stays empty.
                values = {"low": number, "high": upper}
                qualifier = "exact"
            elif qualifier == "range":
                notes.append(f"Gepubliceerd als {row.value!r}: de grens is niet eenduidig en blijft leeg.")
                values, qualifier = {statistic: None}, "exact"
            else:
                values = {statistic: number}
            for name, number in values.items():
                if record[name] is not None:
                    raise BuildError(f"{row.where()}: a second {name} for the same estimate")
                record[name] = number
            if qualifier != "exact":
                qualifiers.add(qualifier)
            if row.note:
                notes.append(row.note)
        if len(qualifiers) > 1:
            raise BuildError(f"{first.where()}: mixed qualifiers {sorted(qualifiers)}")
        quotes = list(dict.fromkeys(r.quote for r in rows))
        record.update(
            unit=unit,
            qualifier=qualifiers.pop() if qualifiers else "exact",
            source_id=first.source_id,
            quote=" … ".join(quotes),
            note=" ".join(dict.fromkeys(notes)),
        )
        self.add("estimates", record, rows)

    def add_gaps(self) -> None:
        """Every year with an NRM total gets a row in each yearly series; a missing count stays empty."""
        years = sorted({r["year"] for r in self.tables["victims_per_year"] if r["series"] == "NRM"})
        for table, series_list in (("victims_per_year", SERIES), ("minors", ("NRM",))):
            have = {(r["series"], r["year"]) for r in self.tables.get(table, [])}
            for series in series_list:
                for year in years:
                    if (series, year) not in have:
                        source_id, note = GAP_NOTES.get((series, year), ("", GAP_DEFAULT))
                        if table == "minors":
                            note = self.minors_gap_note(year)
                        self.tables[table].append(
                            {
                                "series": series,
                                "year": year,
                                "count": None,
                                "status": "gap",
                                "source_id": source_id,
                                "quote": "",
                                "note": note,
                                "raw_rows": "",
                            }
                        )

    def minors_gap_note(self, year: int) -> str:
        shares = [
            r
            for r in self.tables.get("shares", [])
            if r["topic"] == "minors" and r["period_start"] == r["period_end"] == year
        ]
        if shares:
            percents = ", ".join(f"{format_number(r['percent'])}% ({r['source_id']})" for r in shares)
            return f"Geen aantal gevonden; wel een aandeel: {percents} (zie shares)."
        return GAP_DEFAULT


# --- writing -----------------------------------------------------------------------------


def format_number(value) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def sort_key(record: dict, key: list[str]) -> tuple:
    return tuple((0, v) if isinstance(v, (int, float)) else (1, str(v)) for v in (record.get(k) for k in key)) + (
        (1, record.get("raw_rows", "")),
    )


def render_csv(records: list[dict], fields: list[str], key: list[str]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(fields)
    for record in sorted(records, key=lambda r: sort_key(r, key)):
        unknown = set(record) - set(fields)
        if unknown:
            raise BuildError(f"columns {sorted(unknown)} are not in the schema")
        writer.writerow([format_number(record.get(f)) for f in fields])
    return buffer.getvalue()


def sources_table(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        records = []
        for row in reader:
            year = re.search(r"\b(19|20)\d\d\b", row["year_published"])
            if not year:
                raise BuildError(f"{path.name}, row {reader.line_num}, column 'year_published': no year")
            url = row["url"].split(" (")[0].strip()  # 'https://... (data/Ned.rda, ...)' -> the address
            records.append(
                {
                    "source_id": row["source_id"],
                    "title": row["title"],
                    "publisher": row["publisher"],
                    "year": int(year.group(0)),
                    "url": url,
                    "raw_rows": str(reader.line_num),
                }
            )
    return records


def list_overlaps_table(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return [
            {**{k: int(v) for k, v in row.items()}, "source_id": "SPARSEMSE_Ned", "raw_rows": str(reader.line_num)}
            for row in reader
        ]


def build(out: Path) -> list[Path]:
    package = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    tables = Builder(read_raw_figures(RAW / "figures.csv")).build()
    tables["sources"] = sources_table(RAW / "sources.csv")
    tables["list_overlaps"] = list_overlaps_table(RAW / "ned_list_overlaps_2010_2015.csv")
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for resource in package["resources"]:
        name, schema = resource["name"], resource["schema"]
        if name not in tables:
            raise BuildError(f"datapackage.json lists {name!r}, which the build does not make")
        fields = [f["name"] for f in schema["fields"]]
        target = out / resource["path"]
        target.write_text(render_csv(tables.pop(name), fields, schema["primaryKey"]), encoding="utf-8")
        written.append(target)
    if tables:
        raise BuildError(f"tables without a schema in datapackage.json: {sorted(tables)}")
    if out.resolve() != (ROOT / "data").resolve():
        shutil.copy(ROOT / "data" / "datapackage.json", out / "datapackage.json")
    for resource in package["resources"]:
        datapkg.load(resource["name"], data_dir=out)  # the schema is the last word
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "data", help="output folder (default: data/)")
    args = parser.parse_args(argv)
    try:
        written = build(args.out)
    except (BuildError, datapkg.DataError) as error:
        print(f"build_data: {error}", file=sys.stderr)
        return 1
    for path in written:
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
