"""The data package: the loader rejects bad data with a precise message, and the
committed tables reconcile with the totals the publishers state themselves."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pandas as pd
import pytest

from onzichtbaar import DATA_DIR
from onzichtbaar.data import DataError, current_per_year, load, package

FIXTURES = Path(__file__).parent / "fixtures" / "data"


def data_dir_with(case: str, tmp_path: Path) -> Path:
    """A copy of the real data package with the fixture files of ``case`` laid over it."""
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target, ignore=shutil.ignore_patterns("raw"))
    for fixture in (FIXTURES / case).iterdir():
        shutil.copy(fixture, target / fixture.name)
    return target


# case, table to load, fragments the message must contain (file, row, column, rule)
MALFORMED = [
    ("wrong_type", "victims_per_year", ["victims_per_year.csv, row 3, column 'count':", "'twaalf' is not an integer"]),
    (
        "negative_count",
        "victims_per_year",
        ["victims_per_year.csv, row 7, column 'count':", "-3 is below the minimum 0"],
    ),
    (
        "unknown_category",
        "victims_by_form",
        ["victims_by_form.csv, row 3, column 'form':", "'organ_removal' is not one of the allowed values"],
    ),
    (
        "unknown_source",
        "victims_per_year",
        ["victims_per_year.csv, row 4, column 'source_id':", "'NOPE' is not a known source_id in", "sources.csv"],
    ),
    (
        "duplicate_key",
        "victims_per_year",
        [
            "victims_per_year.csv, row 4, columns 'series', 'year', 'status', 'source_id':",
            "duplicate key",
            "already on row 2",
        ],
    ),
    ("missing_column", "victims_per_year", ["victims_per_year.csv, row 1, column 'status':", "missing column"]),
    ("empty_file", "victims_per_year", ["victims_per_year.csv:", "the file is empty"]),
    ("bom", "victims_per_year", ["victims_per_year.csv, row 1:", "byte-order mark (BOM)"]),
    ("latin1", "victims_per_year", ["victims_per_year.csv, row 4:", "byte 0xf6 is not valid UTF-8"]),
    (
        "period_not_reconciling",
        "victims_per_period",
        [
            "victims_per_period.csv, row 2, column 'count':",
            "5060 does not reconcile with",
            "the NRM counts for 2015-2019 add up to 5062",
        ],
    ),
    (
        "period_year_missing",
        "victims_per_period",
        ["victims_per_period.csv, row 2, column 'count':", "cannot reconcile", "no count for NRM 2017"],
    ),
    ("extra_column", "victims_per_year", ["victims_per_year.csv, row 1, column 'country':", "unexpected column"]),
    (
        "missing_required",
        "victims_per_period",
        ["victims_per_period.csv, row 2, column 'count':", "missing value, but the column is required"],
    ),
    (
        "gap_as_zero",
        "victims_per_year",
        ["victims_per_year.csv, row 3, column 'count':", "must be empty when status is 'gap'"],
    ),
    (
        "conflicting_current",
        "victims_per_year",
        ["victims_per_year.csv, row 3, column 'count':", "958 conflicts with 956 on row 2"],
    ),
    (
        "count_and_rank",
        "nationality",
        ["nationality.csv, row 3, columns 'count', 'rank':", "exactly one of them must be filled, found 2"],
    ),
    ("bounds_reversed", "estimates", ["estimates.csv, row 2, column 'high':", "5000 is smaller than 'low' (7500)"]),
    (
        "decimal_comma",
        "shares",
        ["shares.csv, row 2, column 'percent':", "'45,9' is not a number (use a dot as decimal sign)"],
    ),
    ("short_row", "victims_per_year", ["victims_per_year.csv, row 3:", "5 values, but the header has 8 columns"]),
]


@pytest.mark.parametrize("case, table, fragments", MALFORMED, ids=[c[0] for c in MALFORMED])
def test_malformed_fixture_is_rejected_with_a_precise_message(case, table, fragments, tmp_path):
    with pytest.raises(DataError) as caught:
        load(table, data_dir=data_dir_with(case, tmp_path))
    message = str(caught.value)
    for fragment in fragments:
        assert fragment in message, f"{fragment!r} not in {message!r}"


def test_every_fixture_folder_is_exercised():
    assert {p.name for p in FIXTURES.iterdir() if p.is_dir()} == {case for case, _, _ in MALFORMED}


def test_a_valid_fixture_copy_loads(tmp_path):
    """Control: the copied package itself is fine, so each failure above comes from its fixture."""
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target, ignore=shutil.ignore_patterns("raw"))
    for resource in package(target)["resources"]:
        assert len(load(resource["name"], data_dir=target)) > 0


# --- the committed tables ----------------------------------------------------------------


@pytest.mark.parametrize("name", [r["name"] for r in package()["resources"]])
def test_committed_table_loads(name):
    frame = load(name)
    assert not frame.empty


def test_counts_are_nullable_integers_and_gaps_are_not_zero():
    frame = load("victims_per_year")
    assert str(frame["count"].dtype) == "Int64"
    gaps = frame[frame["status"] == "gap"]
    assert len(gaps) > 0
    assert gaps["count"].isna().all()
    assert gaps["note"].notna().all()


def nrm_current(years: range) -> list[int]:
    series = current_per_year().query("series == 'NRM'").set_index("year")["count"]
    return [int(series[y]) for y in years]


def raw_quote(source_id: str, measure: str) -> str:
    with (DATA_DIR / "raw" / "figures.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["source_id"] == source_id and row["measure"] == measure:
                return row["quote"]
    raise AssertionError(f"no {measure} row from {source_id}")


# Publishers' own totals, as written in their texts (not computed by our code):
# NRM_2015_2019_hetccv: "in de periode 2015-2019 in totaal 5.060 slachtoffers bij het CoMensha zijn gemeld"
# NJI_cijfers: "In de periode 2016-2020 zijn er in totaal 4.894 mogelijke slachtoffers ... geregistreerd."
PUBLISHED_PERIOD_TOTALS = [
    (range(2015, 2020), 5060, "NRM_2015_2019_hetccv", "5.060"),
    (range(2016, 2021), 4894, "NJI_cijfers", "4.894"),
]


@pytest.mark.parametrize("years, total, source_id, as_written", PUBLISHED_PERIOD_TOTALS)
def test_nrm_years_add_up_to_the_published_period_total(years, total, source_id, as_written):
    assert as_written in raw_quote(source_id, "registered_total_period")
    assert sum(nrm_current(years)) == total


def test_period_table_holds_the_published_totals():
    periods = load("victims_per_period")
    stored = {(int(r.period_start), int(r.period_end)): int(r["count"]) for _, r in periods.iterrows()}
    assert stored == {(2015, 2019): 5060, (2016, 2020): 4894}


def test_superseded_2017_value_would_not_reconcile():
    """The older 958 for 2017 (monitor 2013-2017) breaks the 5,060 check; 956 keeps it."""
    years = nrm_current(range(2015, 2020))
    assert years[2] == 956
    assert sum(years) - 956 + 958 != 5060


# Totals stated in the same TIP report as its split by form (quotes in data/raw/figures.csv):
# TIP2018 "registered 952 possible trafficking victims" (2016); TIP2019 "registered 958" (2017);
# TIP2020 2018 split 458+142+28+40 against the 668 of NU_201910 "in 2018 waren dit er 668";
# TIP2021 "registered 1,334 possible trafficking victims" (2019).
FORM_TOTALS = [(2016, 952), (2017, 958), (2018, 668), (2019, 1334)]


@pytest.mark.parametrize("year, total", FORM_TOTALS)
def test_forms_add_up_to_the_total_stated_by_the_same_publisher(year, total):
    forms = load("victims_by_form").query("series == 'NRM' and year == @year")
    top_level = forms[forms["part_of"].isna()]
    assert int(top_level["count"].sum()) == total


def test_forms_of_2020_overlap_as_tip_2022_says():
    """TIP2022: 'these numbers reflect that several individuals were victims of multiple forms'."""
    forms = load("victims_by_form").query("series == 'NRM' and year == 2020")
    assert int(forms[forms["part_of"].isna()]["count"].sum()) > 984


def test_two_series_stay_apart():
    per_year = current_per_year().pivot(index="year", columns="series", values="count")
    # REPORT.md §4: CoMensha 1,321 vs NRM 1,150 for 2015; identical 791 in 2021.
    assert (int(per_year.loc[2015, "CoMensha"]), int(per_year.loc[2015, "NRM"])) == (1321, 1150)
    assert int(per_year.loc[2021, "CoMensha"]) == int(per_year.loc[2021, "NRM"]) == 791
    assert pd.isna(per_year.loc[2017, "CoMensha"])
